"""Each validation rule has a fixture that breaks that rule alone (tests/fixtures/broken)."""

from __future__ import annotations

import json
import os

import pytest

from cli.dataset.load import read_dataset
from tests.conftest import FIXTURES, dataset_copy

R = "2020-springfield-mayor/"
OKAFOR, SOURCES, RACE = R + "okafor.yaml", R + "sources.yaml", R + "race.yaml"

# case: (code, path, line, severity, other error codes the same slip must also raise)
CASES = {
    "alias": ("alias", OKAFOR, 3, "error", {"anchor"}),
    "anchor": ("anchor", OKAFOR, 2, "error", set()),
    "bad-date": ("bad-date", SOURCES, 11, "error", set()),
    "blank-value": ("blank-value", OKAFOR, 6, "error", set()),
    "bad-file-name": ("bad-file-name", R + "Zed Smith.yaml", 1, "error", set()),
    "bad-id": ("bad-id", "topics.yaml", 15, "error", set()),
    "bad-kind": ("bad-kind", SOURCES, 18, "error", set()),
    "bad-percent": ("bad-percent", RACE, 10, "error", set()),
    "bad-round": ("bad-round", RACE, 8, "error", set()),
    "bad-stance": ("bad-stance", OKAFOR, 11, "error", set()),
    "bad-url": ("bad-url", SOURCES, 17, "error", set()),
    "candidate-in-root": ("candidate-in-root", "zed.yaml", 1, "error", set()),
    "complex-key": ("complex-key", OKAFOR, 3, "error", set()),
    "duplicate-key": ("duplicate-key", OKAFOR, 3, "error", set()),
    "empty-file": ("empty-file", OKAFOR, 1, "error", set()),
    "empty-quote": ("empty-quote", OKAFOR, 21, "error", set()),
    "empty-value": ("empty-value", OKAFOR, 1, "error", set()),
    "invalid-yaml": ("invalid-yaml", OKAFOR, 22, "error", set()),
    "merge-key": ("merge-key", OKAFOR, 3, "error", set()),
    "missing-field": ("missing-field", OKAFOR, 10, "error", set()),
    "missing-question": ("missing-field", "topics.yaml", 4, "error", set()),
    "missing-race-file": ("missing-file", "2020-shelbyville-mayor/race.yaml", 1, "error", set()),
    "multiple-documents": ("multiple-documents", OKAFOR, 22, "error", set()),
    "no-citations": ("no-citations", OKAFOR, 19, "error", set()),
    "non-finite-number": ("non-finite-number", RACE, 10, "error", set()),
    "not-utf8": ("not-utf8", OKAFOR, 1, "error", set()),
    "quote-too-long": ("quote-too-long", OKAFOR, 21, "error", set()),
    "summary-too-long": ("summary-too-long", OKAFOR, 18, "error", set()),
    "tag": ("tag", OKAFOR, 1, "error", set()),
    "unknown-candidate": ("unknown-candidate", RACE, 9, "error", set()),
    "unknown-key": ("unknown-key", OKAFOR, 3, "error", set()),
    "unknown-source": ("unknown-source", OKAFOR, 14, "error", set()),
    "unknown-topic": ("unknown-topic", OKAFOR, 16, "error", set()),
    "unknown-topic-in-race": ("unknown-topic", RACE, 6, "error", set()),
    "unsupported-format": ("unsupported-format", "dataset.yaml", 1, "error", set()),
    "wrong-extension": ("wrong-extension", R + "zed.yml", 1, "error", set()),
    "wrong-type": ("wrong-type", OKAFOR, 2, "error", set()),
    "unknown-measure": ("unknown-measure", OKAFOR, 23, "error", set()),
    "uncited-names": ("uncited-names", RACE, 17, "warning", set()),
    "unit-mismatch": ("unit-mismatch", OKAFOR, 25, "error", set()),
    "two-deadlines": ("two-deadlines", OKAFOR, 27, "error", set()),
    "uncited-target-source": ("uncited-target-source", OKAFOR, 27, "error", set()),
    "bad-span": ("bad-span", OKAFOR, 26, "error", set()),
    "bad-number": ("bad-number", OKAFOR, 24, "error", set()),
    "bad-measure-kind": ("bad-measure-kind", "topics.yaml", 14, "error", set()),
    "position-and-no-position": ("position-and-no-position", OKAFOR, 30, "error", set()),
    "bad-contact": ("bad-contact", "dataset.yaml", 4, "error", set()),
    "bad-system": ("bad-system", RACE, 6, "error", set()),
    "bad-count": ("bad-count", RACE, 11, "error", set()),
    "bad-outcome": ("bad-outcome", RACE, 11, "error", set()),
    "duplicate-person": ("duplicate-person", OKAFOR, 2, "error", set()),
    "person-name-differs": (
        "person-name-differs",
        "2024-springfield-mayor/okafor2.yaml",
        2,
        "warning",
        set(),
    ),
    "number-not-in-quote": ("number-not-in-quote", OKAFOR, 24, "warning", set()),
    "reported-number-not-in-quote": ("number-not-in-quote", OKAFOR, 29, "warning", set()),
    "control-character": ("control-character", OKAFOR, 6, "warning", set()),
    "coverage-gap": ("coverage-gap", OKAFOR, 3, "warning", set()),
    "future-date": ("future-date", SOURCES, 5, "warning", set()),
    "no-positions": ("no-positions", R + "zed.yaml", 1, "warning", set()),
    "unlocated-source": ("unlocated-source", SOURCES, 14, "warning", set()),
    "unused-source": ("unused-source", SOURCES, 19, "warning", set()),
    "bad-basis": ("bad-basis", OKAFOR, 28, "error", set()),
    "bad-status": ("bad-status", OKAFOR, 4, "error", set()),
    "status-out-of-order": ("status-out-of-order", OKAFOR, 10, "error", set()),
    "status-uncited": ("missing-field", OKAFOR, 4, "error", set()),
    "status-in-future": ("future-date", OKAFOR, 5, "warning", set()),
    "topic-unanswered": ("topic-unanswered", RACE, 6, "warning", set()),
    "bad-hash": ("bad-hash", SOURCES, 8, "error", set()),
    "review-without-date": ("missing-field", RACE, 15, "error", set()),
    "missing-basis": ("missing-basis", OKAFOR, 23, "warning", set()),
    "position-undated": ("position-undated", R + "chen.yaml", 11, "warning", set()),
    "bad-read-date": ("future-date", SOURCES, 19, "warning", set()),
    "number-notation": ("number-notation", OKAFOR, 24, "error", set()),
    "too-many-digits": ("too-many-digits", OKAFOR, 24, "error", set()),
    "bad-url-port": ("bad-url", SOURCES, 6, "error", set()),
    "bad-lang": ("bad-lang", SOURCES, 19, "error", set()),
    "bad-translation": ("bad-translation", OKAFOR, 11, "error", set()),
    "translation-into-quote-language": ("bad-translation", OKAFOR, 11, "error", set()),
    "spanish-description-without-english": (
        "translation-without-original",
        "topics.yaml",
        10,
        "error",
        set(),
    ),
    "summary-es-too-long": ("summary-too-long", OKAFOR, 13, "error", set()),
}


def test_every_fixture_has_an_expectation():
    assert sorted(CASES) == sorted(os.listdir(FIXTURES / "broken"))


def test_base_fixture_is_clean():
    assert read_dataset(FIXTURES / "base").problems == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_rule_is_reported_at_its_line(tmp_path, case):
    code, path, line, severity, companions = CASES[case]
    problems = read_dataset(dataset_copy(tmp_path, case)).problems
    located = {(p.code, p.path, p.line, p.severity) for p in problems}
    assert (code, path, line, severity) in located, [str(p) for p in problems]
    errors = {p.code for p in problems if p.severity == "error"}
    if severity == "error":
        assert errors == {code} | companions, [str(p) for p in problems]
    else:
        assert errors == set()
        assert {p.code for p in problems} - {"coverage-gap"} <= {code} | {"coverage-gap"}


def test_one_person_twice_in_a_race_is_reported_at_both_places(tmp_path):
    problems = read_dataset(dataset_copy(tmp_path, "duplicate-person")).problems
    assert {(p.path, p.line) for p in problems if p.code == "duplicate-person"} == {
        (OKAFOR, 2),
        (R + "chen.yaml", 2),
    }


def test_a_name_note_explains_a_person_s_other_name(tmp_path):
    root = dataset_copy(tmp_path, "person-name-differs")
    other = root / "2024-springfield-mayor" / "okafor2.yaml"
    other.write_text(
        other.read_text().replace(
            "person: chidi-okafor\n",
            "person: chidi-okafor\nname_note: Initials on the 2024 ballot.\n",
        ),
        encoding="utf-8",
    )
    problems = read_dataset(root).problems
    assert [(p.path, p.code) for p in problems] == [(OKAFOR, "person-name-differs")]


def test_validate_exit_codes_and_strict(run, tmp_path):
    clean = dataset_copy(tmp_path / "a")
    warned = dataset_copy(tmp_path / "b", "unused-source")
    broken = dataset_copy(tmp_path / "c", "bad-stance")
    assert run("validate", data=clean).exit_code == 0
    assert run("validate", data=warned).exit_code == 0
    assert run("validate", "--strict", data=warned).exit_code == 1
    result = run("validate", data=broken)
    assert result.exit_code == 1
    assert f"{OKAFOR}:11:13: error: 'stance' 'opose' is not one of" in result.stdout
    assert "did you mean 'oppose'?" in result.stdout


def test_validate_json_lists_codes_and_counts(run, tmp_path):
    result = run(
        "validate", "--format", "json", data=dataset_copy(tmp_path, "unused-source", "bad-stance")
    )
    report = json.loads(result.stdout)
    assert (report["errors"], report["warnings"]) == (1, 1)
    assert {p["code"] for p in report["problems"]} == {"bad-stance", "unused-source"}
    assert set(report["problems"][0]) == {"path", "line", "column", "severity", "code", "message"}


def test_many_mistakes_are_all_reported_at_their_own_lines(run):
    result = run("validate", data=FIXTURES / "many-mistakes")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    expected = [
        ("burns.yaml:3:", "duplicate key 'party'"),
        ("burns.yaml:4:", "unknown key 'ocupation'"),
        ("burns.yaml:13:", "unknown topic 'trams'"),
        ("burns.yaml:11:", "unknown source 'gazete'"),
        ("burns.yaml:9:", "alias '*site'"),
        ("burns.yaml:15:", "tag 'tag:yaml.org,2002:python/object/apply:os.system'"),
        ("sources.yaml:10:", "'javascript:alert(document.cookie)' is not an absolute"),
        ("sources.yaml:4:", "'2020-02-30' is not a real date"),
        ("Lisa Simpson.yaml:1:", "candidate file name"),
        ("burns.yaml:19:", "missing required field 'summary'"),
        ("burns.yaml:18:", "'quote' is empty"),
        ("race.yaml:7:", "result for unknown candidate 'smithers'"),
        ("topics.yaml:4:", "missing required field 'question'"),
    ]
    for where, what in expected:
        assert any(where in line and what in line for line in lines), (where, what)
    assert "Traceback" not in result.output


def test_a_citation_s_source_written_as_a_number_beside_a_target_is_reported(run, tmp_path):
    # the target rules once passed the number on as a source id to "did you mean": a crash
    root = dataset_copy(tmp_path)
    okafor = root / OKAFOR
    text = okafor.read_text("utf-8")
    police = text.index("police-budget:")
    okafor.write_text(
        text[:police] + text[police:].replace("source: gazette-debate", "source: 5", 1), "utf-8"
    )
    result = run("validate", data=root)
    assert result.exit_code == 1 and "internal error" not in result.output
    assert f"{OKAFOR}:20:17: error: 'source' should be a string, not a integer" in result.stdout
    assert f"{OKAFOR}:27:17: error: target source 'gazette-debate' is not among" in result.stdout


def test_no_tag_ever_constructs_an_object(run, tmp_path):
    marker = tmp_path / "constructed"
    root = dataset_copy(tmp_path)
    (root / "topics.yaml").write_text(
        f'x: !!python/object/apply:os.system ["touch {marker}"]\n'
        f"y: !!python/object/new:pathlib.Path ['{marker}']\n",
        encoding="utf-8",
    )
    result = run("validate", data=root)
    assert result.exit_code == 1
    assert not marker.exists()
    assert result.stdout.count("error: tag") == 2


def test_every_reported_problem_has_the_code_and_severity_docs_format_md_lists(run):
    """validate --format json reports only registered codes, each with the severity the
    registry (and so the generated table of docs/format.md) gives it."""
    from cli.problems import Code

    report = json.loads(run("validate", "--format", "json", data=FIXTURES / "many-mistakes").stdout)
    seen = {(p["code"], p["severity"]) for p in report["problems"]}
    assert len(seen) >= 10
    assert all(severity == Code.of(code).severity for code, severity in seen)
    with pytest.raises(ValueError):
        Code.of("no-such-code")


def test_an_explained_undated_position_is_not_warned(tmp_path):
    root = dataset_copy(tmp_path, "position-undated")
    chen = root / R / "chen.yaml"
    chen.write_text(
        chen.read_text("utf-8").replace(
            "  transit:\n", "  transit:\n    undated: The campaign page shows no date.\n", 1
        ),
        "utf-8",
    )
    assert read_dataset(root).problems == []
