"""The bundled 2022 Los Angeles dataset: valid, balanced, and found with no flags."""

from __future__ import annotations

import json

from cli.bundled import bundled_root
from cli.load import open_dataset, read_dataset

RACE = "2022-los-angeles-mayor"


def test_bundled_dataset_passes_strict_validation():
    assert read_dataset(bundled_root()).problems == []


def test_both_candidates_cover_the_same_topics_with_quotes():
    race = open_dataset(bundled_root()).races[RACE]
    bass, caruso = race.candidates["bass"], race.candidates["caruso"]
    assert set(bass.positions) == set(caruso.positions) == set(race.declared_topics)
    for candidate in (bass, caruso):
        for position in candidate.positions.values():
            assert position.citations and all(c.quote.strip() for c in position.citations)
        assert candidate.endorsements
    assert {r.candidate for r in race.results if r.round == "primary"} == {"bass", "caruso"}


def test_default_dataset_is_the_bundled_one(run):
    records = json.loads(run("candidates", "--format", "json").stdout)
    assert [(r["race"], r["candidate"]) for r in records] == [(RACE, "bass"), (RACE, "caruso")]
