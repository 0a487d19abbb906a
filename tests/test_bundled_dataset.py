"""The bundled dataset: valid, balanced, and found with no flags."""

from __future__ import annotations

import datetime
import json

from cli.dataset.bundled import bundled_root
from cli.dataset.load import open_dataset, read_dataset

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


def _files_on_disk() -> set[tuple[str, str]]:
    return {
        (p.parent.name, p.stem)
        for p in bundled_root().glob("*/*.yaml")
        if p.name not in ("race.yaml", "sources.yaml")
    }


def test_default_dataset_is_the_bundled_one(run):
    records = json.loads(run("candidates", "--format", "json").stdout)
    assert {(r["race"], r["candidate"]) for r in records} == _files_on_disk()
    assert (RACE, "caruso") in _files_on_disk()


def test_every_race_is_compared_on_its_own_issues_for_every_candidate():
    dataset = open_dataset(bundled_root())
    assert len(dataset.races) >= 5
    today = datetime.date.today().isoformat()
    for race in dataset.races.values():
        assert len(dataset.race_topics(race)) >= 5, race.id
        assert "police-hiring" in dataset.race_topics(race), race.id
        # a race whose election has passed has results; one still to come has none
        assert len(race.candidates) >= 2 and bool(race.results) == (race.election_date < today), (
            race.id
        )
        for candidate in race.candidates.values():
            for topic in dataset.race_topics(race):
                # a position, or the curator's record of what was looked for and not found
                assert (topic in candidate.positions) != (topic in candidate.no_position), (
                    candidate.ref,
                    topic,
                )


def test_the_upcoming_race_lists_each_candidacy_with_its_date_and_source():
    race = open_dataset(bundled_root()).races["2027-chicago-mayor"]
    for candidate in race.candidates.values():
        assert candidate.status, candidate.ref
        assert all(entry.citations for entry in candidate.status), candidate.ref


def test_every_target_names_a_measure_of_its_topic_and_a_cited_source():
    dataset = open_dataset(bundled_root())
    targets = 0
    for race in dataset.races.values():
        for candidate in race.candidates.values():
            for position in candidate.positions.values():
                measures = dataset.topics[position.topic].measures
                for target in position.targets:
                    targets += 1
                    assert target.measure in measures
                    assert target.source in {c.source for c in position.citations}
    assert targets >= 8
