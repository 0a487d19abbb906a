"""One JSON shape for one thing (issue 26, item 8): every command's ``--format json``, on
the bundled data and on a fixture, validates against docs/output.schema.json, and the
things commands share (candidate, position, target, reported figure, absence, transition,
citation) carry the same keys wherever they appear, whatever was typed."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from jsonschema import Draft202012Validator

from cli.commands.context import FormatType
from cli.commands.main import cli
from tests.conftest import stderr_apart_runner
from tests.test_person import R20, R24, two_races
from tests.test_trust import _git

SCHEMA = json.loads(
    (Path(__file__).parent.parent / "docs" / "output.schema.json").read_text("utf-8")
)
LA22, LA26, NY = "2022-los-angeles-mayor", "2026-los-angeles-mayor", "2025-new-york-city-mayor"
ANSWERS = "answers:\n  police-hiring: yes\n  homelessness: {answer: no, weight: 3}\n"
BASE_ANSWERS = "answers:\n  police-budget: yes\n  transit: no\n"

#: Each command with --format json, the runs that cover it on the bundled data, and
#: those on the fixture (two Springfield races, Okafor in both, in a git checkout whose
#: last commit flips his stance on transit); ANSWERS stands for an answers file.
RUNS = {
    "compare": (
        [
            ("compare", "bass", "caruso"),
            ("compare", "--race", NY),
            ("compare", f"{LA22}/bass", f"{LA26}/bass"),
            ("compare", "mamdani", "cuomo", "--topic", "taxes"),
        ],
        [("compare", "--race", R20), ("compare", "okafor", "okafor2")],
    ),
    "diff": (
        [("diff", "bass", "caruso"), ("diff", f"{LA22}/bass", f"{LA26}/bass")],
        [("diff", "alvarez", "okafor"), ("diff", "okafor", "okafor2")],
    ),
    "diff-several": (
        [("diff", "bass", "pratt", "raman"), ("diff", "mamdani", "cuomo", "sliwa")],
        [("diff", "alvarez", "chen", "okafor")],
    ),
    "filter": (
        [("filter",), ("filter", "--measure", "sworn-officers", "--min", "1")],
        [("filter",), ("filter", "--measure", "officers-added")],
    ),
    "match": (
        [("match", "--race", LA22, "--answers", "ANSWERS")],
        [("match", "--race", R20, "--answers", "ANSWERS")],
    ),
    "show": (
        [("show", "caruso"), ("show", f"{LA26}/bass"), ("show", "sliwa"), ("show", "johnson")],
        [("show", "okafor"), ("show", "alvarez")],
    ),
    "person": ([("person", "karen-bass")], [("person", "chidi-okafor")]),
    "people": ([("people",)], [("people",)]),
    "races": ([("races",)], [("races",)]),
    "candidates": ([("candidates",)], [("candidates", "--race", R24)]),
    "topics": ([("topics",), ("topics", "--race", LA22)], [("topics",)]),
    "sources": ([("sources",)], [("sources",)]),
    "validate": ([("validate",)], [("validate",)]),
    "check-quotes": (
        [("check-quotes", "caruso", "--offline"), ("check-quotes", "--race", NY, "--offline")],
        [("check-quotes", "--offline")],
    ),
    "history": ([], [("history", "okafor"), ("history", "okafor", "--topic", "transit")]),
    "changes": ([], [("changes", "HEAD~1", "HEAD"), ("changes",)]),
}


@pytest.fixture(scope="module")
def fixture(tmp_path_factory) -> Path:
    """Two Springfield races with Okafor in both, committed twice in git."""
    root = two_races(tmp_path_factory.mktemp("shapes"))
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "Springfield positions")
    okafor = root / R20 / "okafor.yaml"
    okafor.write_text(okafor.read_text("utf-8").replace("stance: oppose", "stance: support"))
    _git(root, "commit", "-qam", "Okafor flips on free transit")
    return root


@pytest.fixture
def json_of(tmp_path):
    """``platforms ARGS --format json`` on the bundled data (or ``data``), decoded."""
    answers = tmp_path / "answers.yaml"
    runner = stderr_apart_runner()

    def invoke(*args: str, data: Path | None = None):
        answers.write_text(BASE_ANSWERS if data else ANSWERS, "utf-8")
        argv = [str(answers) if a == "ANSWERS" else a for a in args]
        argv = (["--data", str(data)] if data else []) + argv + ["--format", "json"]
        result = runner.invoke(cli, argv, catch_exceptions=False)
        assert result.exit_code == 0, (argv, result.stdout, result.stderr)
        return json.loads(result.stdout)

    return invoke


def errors_against(definition: str, document) -> list[str]:
    """Where ``document`` departs from the schema's ``definition``, one line each."""
    validator = Draft202012Validator({**SCHEMA, "$ref": f"#/$defs/{definition}"})
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in sorted(validator.iter_errors(document), key=str)
    ][:10]


def test_the_output_schema_is_a_valid_json_schema():
    Draft202012Validator.check_schema(SCHEMA)


def _commands(group: click.Group, prefix: str = ""):
    """Every command under ``group``, by its full name ("new race")."""
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


def test_every_command_with_json_output_has_a_definition_and_runs():
    with_json = {
        name
        for name, command in _commands(cli)
        for param in command.params
        if isinstance(param.type, FormatType) and "json" in param.type.choices()
    }
    assert with_json == set(RUNS) - {"diff-several"}
    assert set(RUNS) <= set(SCHEMA["$defs"])
    assert all(bundled or fixture for bundled, fixture in RUNS.values())


@pytest.mark.parametrize(
    ("definition", "args"),
    [(d, a) for d, (bundled, _) in RUNS.items() for a in bundled],
    ids=lambda v: v if isinstance(v, str) else " ".join(v),
)
def test_bundled_json_validates_against_the_schema(json_of, definition, args):
    assert errors_against(definition, json_of(*args)) == []


@pytest.mark.parametrize(
    ("definition", "args"),
    [(d, a) for d, (_, on_fixture) in RUNS.items() for a in on_fixture],
    ids=lambda v: v if isinstance(v, str) else " ".join(v),
)
def test_fixture_json_validates_against_the_schema(json_of, fixture, definition, args):
    assert errors_against(definition, json_of(*args, data=fixture)) == []


def test_candidate_keys_are_race_slash_id_whatever_was_typed(json_of):
    typed = [
        ("compare", "bass", "caruso", "--topic", "police-hiring"),
        ("compare", "Karen Bass", "CARUSO", "--topic", "police-hiring"),
        ("compare", f"{LA22}/bass", f"{LA22}/Caruso", "--topic", "police-hiring"),
    ]
    first, *others = [json_of(*args) for args in typed]
    assert all(other == first for other in others)
    keys = [f"{LA22}/bass", f"{LA22}/caruso"]
    assert [c["ref"] for c in first["candidates"]] == keys
    assert [c["name"] for c in first["candidates"]] == ["Karen Bass", "Rick Caruso"]
    assert list(first["topics"][0]["positions"]) == keys
    # a diff of two and of three keys its candidates the same way
    assert list(json_of("diff", "bass", "caruso")["topics"][0]["positions"]) == keys
    several = json_of("diff", "bass", "pratt", "raman")
    assert [c["ref"] for c in several["candidates"]] == [
        f"{LA26}/{c}" for c in "bass pratt raman".split()
    ]
    assert set(several["topics"][0]["positions"]) == {c["ref"] for c in several["candidates"]}


def _bass_officers(json_of) -> dict[str, dict]:
    """Bass's 2022 target on sworn officers, as each command gives it."""

    def target(position: dict) -> dict:
        (found,) = [t for t in position["targets"] if t["measure"] == "sworn-officers"]
        return found

    bass = f"{LA22}/bass"
    compared = json_of("compare", "bass", "caruso", "--topic", "police-hiring")["topics"][0]
    (diffed,) = json_of("diff", "bass", "caruso", "--topic", "police-hiring")["topics"]
    (filtered,) = [
        r for r in json_of("filter", "--race", LA22, "--topic", "police-hiring") if r["ref"] == bass
    ]
    shown = json_of("show", bass)["positions"]
    person = json_of("person", "karen-bass")["topics"]
    (in_person,) = [
        r["position"]
        for t in person
        if t["topic"] == "police-hiring"
        for r in t["races"]
        if r["ref"] == bass
    ]
    return {
        "compare": target(compared["positions"][bass]),
        "diff": target(diffed["positions"][bass]),
        "filter": target(filtered),
        "show": target(next(p for p in shown if p["topic"] == "police-hiring")),
        "person": target(in_person),
    }


def test_a_target_is_the_same_record_in_compare_diff_filter_show_and_person(json_of):
    found = _bass_officers(json_of)
    assert all(t == found["compare"] for t in found.values()), found
    target = found["compare"]
    assert (target["value"], target["unit"], target["label"]) == (
        9700,
        "officers",
        "Sworn officers in the department",
    )
    assert [c["source"] for c in target["citations"]] == [target["source"]]


def test_a_reported_figure_names_the_speaker_of_its_quote(json_of):
    (figure,) = _bass_officers(json_of)["compare"]["reported"]
    assert figure["speaker"] == "Karen Bass"
    assert figure["by"] == "Karen Bass, in her letter to the City Council"
    assert figure["words_of"] == "Karen Bass" and figure["quote"].startswith("The second")


def test_filter_gives_each_position_whole_with_its_date(json_of):
    rows = json_of("filter", "--race", LA22, "--topic", "police-hiring")
    bass = next(r for r in rows if r["ref"] == f"{LA22}/bass")
    compared = json_of("compare", "bass", "caruso", "--topic", "police-hiring")["topics"][0]
    position = compared["positions"][f"{LA22}/bass"]
    assert bass["as_of"] == "2022-02" == position["as_of"]
    assert {k: bass[k] for k in position} == position
    assert (bass["topic"], bass["title"]) == (compared["topic"], compared["title"])


def test_person_gives_topics_as_an_array_with_each_race_s_transition(json_of):
    record = json_of("person", "karen-bass")
    assert isinstance(record["topics"], list)
    shelter = next(t for t in record["topics"] if t["topic"] == "shelter")
    assert [r["ref"] for r in shelter["races"]] == [f"{LA22}/bass", f"{LA26}/bass"]
    first, later = shelter["races"]
    assert first["change"] == {"kind": "first-recorded", "text": "first recorded position"}
    assert first["absence"] is None and first["position"]["stance"] == "oppose"
    assert later["position"] is None and later["change"] is None
    assert later["absence"]["kind"] == "not-covered"


def test_history_and_person_give_a_transition_as_its_kind_and_its_words(json_of, fixture):
    entries = json_of("history", "okafor", "--topic", "transit", data=fixture)
    assert [e["change"]["kind"] for e in entries] == ["first", "reversal"]
    assert all(set(e["change"]) == {"kind", "text"} for e in entries)
    assert "oppose" in entries[1]["change"]["text"]
    topics = json_of("person", "chidi-okafor", data=fixture)["topics"]
    budget = next(t for t in topics if t["topic"] == "police-budget")
    assert [r["change"] for r in budget["races"]] == [
        {"kind": "first-recorded", "text": "first recorded position"},
        {"kind": "changed-target", "text": "same stance, different target"},
    ]


def test_changes_names_its_candidate_by_race_slash_id(json_of, fixture):
    (change,) = json_of("changes", "HEAD~1", "HEAD", data=fixture)
    assert (change["ref"], change["candidate"], change["edit"]) == (
        f"{R20}/okafor",
        "okafor",
        "changed",
    )


def test_an_absence_has_the_same_shape_in_compare_diff_show_person_and_match(json_of, tmp_path):
    sliwa, rent = f"{NY}/sliwa", ("--topic", "rent-freeze")
    answers = tmp_path / "rent.yaml"
    answers.write_text("answers:\n  rent-freeze: yes\n", "utf-8")
    matched = json_of("match", "--race", NY, "--answers", str(answers))
    found = {
        "compare": json_of("compare", "mamdani", "sliwa", *rent)["topics"][0]["absences"][sliwa],
        "diff": json_of("diff", "mamdani", "sliwa", *rent)["topics"][0]["absences"][sliwa],
        "diff of three": json_of("diff", "mamdani", "cuomo", "sliwa", *rent)["topics"][0][
            "absences"
        ][sliwa],
        "show": _without_topic(_topic(json_of("show", "sliwa")["absences"])),
        "match": _topic(next(m for m in matched if m["ref"] == sliwa)["topics"])["absence"],
    }
    assert all(a == found["compare"] for a in found.values()), found
    assert found["compare"]["kind"] == "not-found" and found["compare"]["note"]
    assert found["compare"]["text"] == "no position found (the curators looked)"
    # a race that never covered a topic: the same three keys in person
    shelter = _topic(json_of("person", "karen-bass")["topics"], "shelter")
    assert shelter["races"][1]["absence"] == {
        "kind": "not-covered",
        "text": "not covered in this race",
        "note": None,
    }


def _topic(entries: list[dict], topic: str = "rent-freeze") -> dict:
    return next(e for e in entries if e["topic"] == topic)


def _without_topic(entry: dict) -> dict:
    return {k: v for k, v in entry.items() if k not in ("topic", "title", "question", "es")}


def test_a_citation_has_the_same_keys_in_every_command(json_of):
    keys = set()
    for args in [
        ("compare", "bass", "caruso"),
        ("filter", "--race", LA22),
        ("show", "caruso"),
        ("person", "karen-bass"),
        ("races",),
    ]:
        text = json.dumps(json_of(*args))
        keys |= {frozenset(c) for c in _citations(json.loads(text))}
    assert len(keys) == 1, keys


def _citations(document):
    """Every citation in ``document``: each object with a ``quote`` and a ``words_of``."""
    if isinstance(document, dict):
        if "quote" in document and "words_of" in document and "value" not in document:
            yield document
        for value in document.values():
            yield from _citations(value)
    elif isinstance(document, list):
        for value in document:
            yield from _citations(value)
