"""Property and fuzz tests of the loader: valid datasets load clean, broken ones never raise.

The fuzz runs are bounded for the suite (a few thousand examples, well under a minute).
For a long run, raise the budget: ``PLATFORMS_FUZZ_EXAMPLES=200000 python -m pytest
tests/test_properties.py`` (docs/hostile-input.md).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli.dataset import schemacheck
from cli.dataset.load import read_dataset
from cli.dataset.safeyaml import parse, read_events
from cli.model import Candidate, Dataset
from cli.text import jsontext
from cli.text.textfold import fold
from tests.conftest import FIXTURES, reading
from tests.strategies import datasets, dump, write

FUZZ = int(os.environ.get("PLATFORMS_FUZZ_EXAMPLES", "600"))
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
KINDS = ["candidate", "race", "sources", "topics", "dataset"]
BASE_FILES = sorted(p for p in FIXTURES.joinpath("base").rglob("*.yaml"))


def _candidate_data(person: Candidate) -> dict:
    """A loaded candidate written back as the plain data of its file."""
    data: dict = {"name": person.name}
    for key in ("party", "incumbent"):
        if getattr(person, key) is not None:
            data[key] = getattr(person, key)
    data["positions"] = {}
    for topic, position in person.positions.items():
        entry: dict = {
            "stance": position.stance.value,
            "summary": position.summary,
            "citations": [{"source": c.source.id, "quote": c.quote} for c in position.citations],
        }
        if position.pledges:
            entry["pledges"] = list(position.pledges)
        if position.as_of is not None:
            entry["as_of"] = position.as_of
        data["positions"][topic] = entry
    return data


def _dataset_files(dataset: Dataset) -> dict:
    """A loaded dataset written back as ``{relative path: plain data}``."""
    files: dict = {
        "dataset.yaml": {"format": 1, "title": dataset.title},
        "topics.yaml": {
            t.id: {"title": t.title, "question": t.question} for t in dataset.topics.values()
        },
    }
    for race in dataset.races.values():
        files[f"{race.id}/race.yaml"] = {
            "title": race.title,
            "office": race.office,
            "jurisdiction": race.jurisdiction,
            "election_date": race.election_date,
            "topics": list(race.declared_topics),
        }
        files[f"{race.id}/sources.yaml"] = {
            s.id: {
                k: v
                for k, v in (
                    ("title", s.title),
                    ("publisher", s.publisher),
                    ("url", s.url),
                    ("date", s.date),
                    ("kind", s.kind),
                )
                if v is not None
            }
            for s in race.sources.values()
        }
        for person in race.candidates.values():
            files[f"{race.id}/{person.id}.yaml"] = _candidate_data(person)
    return files


@pytest.mark.slow  # seconds each: CI runs it with -m slow
@settings(max_examples=max(60, FUZZ // 10), deadline=None, suppress_health_check=SLOW)
@given(files=datasets())
def test_valid_datasets_load_clean_and_survive_a_round_trip(files):
    with tempfile.TemporaryDirectory() as tmp:
        result = read_dataset(write(Path(tmp) / "first", files))
        assert result.problems == [], [str(p) for p in result.problems]
        written_back = _dataset_files(result.dataset)
        assert written_back == files
        again = read_dataset(write(Path(tmp) / "second", written_back))
        assert again.problems == [] and again.dataset.races == result.dataset.races


def _located(problems, path: str) -> None:
    for problem in problems:
        assert problem.path == path and problem.line >= 1 and problem.column >= 1
        assert problem.code and problem.message and problem.severity in ("error", "warning")


def _mutate(text: str, data) -> str:
    """One of the slips a hand edit makes: a character, a line, an indent or a quote."""
    lines = text.splitlines(keepends=True)
    at = data.draw(st.integers(0, max(len(lines) - 1, 0)))
    kind = data.draw(
        st.sampled_from(["insert", "delete", "duplicate", "indent", "dedent", "swap", "truncate"])
    )
    if kind == "insert":
        spot = data.draw(st.integers(0, len(text)))
        junk = data.draw(
            st.sampled_from(
                [
                    ":",
                    "-",
                    "'",
                    '"',
                    "&a",
                    "*a",
                    "!!python/name:os",
                    "\t",
                    "[",
                    "{",
                    "<<: ",
                    "? ",
                    "\x00",
                    "\x1b[2J",
                    "---\n",
                    ".nan",
                    "\u202e",
                    " ",
                    "\n",
                ]
            )
        )
        return text[:spot] + junk + text[spot:]
    if kind == "delete":
        spot = data.draw(st.integers(0, max(len(text) - 1, 0)))
        return text[:spot] + text[spot + 1 :]
    if kind == "duplicate":
        return "".join(lines[: at + 1] + lines[at:])
    if kind == "indent":
        return "".join(lines[:at] + ["  " + lines[at]] + lines[at + 1 :]) if lines else text
    if kind == "dedent":
        return "".join(lines[:at] + [lines[at].lstrip(" ")] + lines[at + 1 :]) if lines else text
    if kind == "swap" and len(lines) > 1:
        other = data.draw(st.integers(0, len(lines) - 1))
        lines[at], lines[other] = lines[other], lines[at]
        return "".join(lines)
    return text[: data.draw(st.integers(0, len(text)))]


@settings(max_examples=FUZZ // 3, deadline=None, suppress_health_check=SLOW)
@given(data=st.data())
def test_a_mutated_file_gives_a_clean_load_or_located_errors(data):
    target = data.draw(st.sampled_from(BASE_FILES))
    rel = target.relative_to(FIXTURES / "base").as_posix()
    mutations = data.draw(st.integers(1, 3))
    text = target.read_text(encoding="utf-8")
    for _ in range(mutations):
        text = _mutate(text, data)
    assert reading(parse(text, rel)) == reading(read_events(text, rel))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "dataset"
        shutil.copytree(FIXTURES / "base", root)
        (root / rel).write_text(text, encoding="utf-8")
        result = read_dataset(root)
    errors = [p for p in result.problems if p.severity == "error"]
    assert (result.dataset is None) == bool(errors)
    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.code


@settings(max_examples=FUZZ, deadline=None, suppress_health_check=SLOW)
@given(
    text=st.one_of(
        st.text(max_size=300),
        st.text(st.sampled_from("{}[]:-?!&*|>'\"#%@` \t\n,.abc01é陈\x00\x1b"), max_size=120),
    ),
    kind=st.sampled_from(KINDS),
)
def test_the_reader_and_schema_check_never_raise(text, kind):
    doc = parse(text, "fuzz.yaml")
    assert reading(doc) == reading(read_events(text, "fuzz.yaml"))
    problems = doc.problems + schemacheck.check(doc, kind)
    _located(problems, "fuzz.yaml")


@settings(max_examples=FUZZ // 3, deadline=None, suppress_health_check=SLOW)
@given(raw=st.binary(max_size=400))
def test_random_bytes_give_located_errors(raw):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "topics.yaml").write_bytes(raw)
        result = read_dataset(root)
    _located(result.problems, "topics.yaml")


@pytest.mark.slow  # seconds each: CI runs it with -m slow
@settings(max_examples=50, deadline=None, suppress_health_check=SLOW)
@given(files=datasets())
def test_a_dumped_file_parses_back_to_the_same_data(files):
    for rel, data in files.items():
        doc = parse(dump(data), rel)
        assert doc.problems == [] and doc.data == data
        assert reading(doc) == reading(read_events(dump(data), rel))


_JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text())
_JSON_KEYS = st.one_of(st.text(), st.integers(), st.booleans(), st.none(), st.floats())


@settings(max_examples=FUZZ // 3, deadline=None)  # a recursive value costs a dozen scalars
@given(
    value=st.recursive(
        _JSON_SCALARS,
        lambda inner: st.one_of(
            st.lists(inner), st.tuples(inner, inner), st.dictionaries(_JSON_KEYS, inner)
        ),
        max_leaves=25,
    )
)
def test_json_text_is_exactly_what_the_standard_library_writes(value):
    standard = json.dumps(value, ensure_ascii=False, indent=2)
    assert jsontext.dumps(value) == standard
    assert "  " + jsontext.dumps(value, indent=2) == "\n".join(
        "  " + line for line in standard.split("\n")
    )


@settings(max_examples=FUZZ, deadline=None)
@given(text=st.text())
def test_folding_drops_case_and_every_combining_mark(text):
    decomposed = unicodedata.normalize("NFKD", text)
    assert fold(text) == "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
