"""One person across races: pairing by ``person``, what changed, and ids that two races hold."""

from __future__ import annotations

import json

from cli.dataset.load import open_dataset
from cli.queries.person import Change, candidacies, timeline
from tests.conftest import dataset_copy

R20, R24 = "2020-springfield-mayor", "2024-springfield-mayor"


def two_races(tmp_path, same_id: bool = False):
    """Okafor in 2020 and, under another file name (or the same one), in 2024."""
    root = dataset_copy(tmp_path, "person-name-differs")
    later = root / R24 / "okafor2.yaml"
    text = later.read_text("utf-8").replace(
        "person: chidi-okafor\n", "person: chidi-okafor\nname_note: Initials on the ballot.\n"
    )
    text = text.replace("Hire forty more officers.", "Hire sixty more officers.").replace(
        "Forty more officers, again.", "Sixty more officers, not forty."
    )
    text += (
        "    targets:\n      - measure: officers-added\n        value: 60\n"
        "        source: gazette-2024\n        basis: pledge\n"
    )
    later.write_text(text, "utf-8")
    if same_id:
        later.rename(root / R24 / "okafor.yaml")
    return root


def test_person_pairs_candidacies_by_person_id_not_file_name(tmp_path):
    dataset = open_dataset(two_races(tmp_path))
    found = candidacies(dataset, "chidi-okafor")
    assert [c.ref for c in found] == [f"{R20}/okafor", f"{R24}/okafor2"]
    result = timeline(dataset, "chidi-okafor")
    entries = result.topics["police-budget"]
    assert [(e.candidate.race, e.position.stance, e.change) for e in entries] == [
        (R20, "support", Change.FIRST),
        (R24, "support", Change.DEGREE),
    ]
    assert [t.target.value for e in entries for t in e.targets] == [40, 60]
    # 2024 lists only police-budget: the other topics are not covered there
    assert [t.text for t in result.transitions["transit"]] == [
        "first recorded position",
        "not covered in this race",
    ]


def test_person_command_text_and_json(run, tmp_path):
    root = two_races(tmp_path)
    result = run("person", "chidi-okafor", "--width", "80", data=root)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "SUPPORT \u2014 same stance, different target" in result.stdout
    assert "Target: 40 officers, within 2 years" in result.stdout
    assert "Target: 60 officers" in result.stdout and "Sources" in result.stdout
    record = json.loads(run("person", "chidi-okafor", "--format", "json", data=root).stdout)
    assert record["person"] == "chidi-okafor" and record["name"] == "C. N. Okafor"
    assert [(r["race"], r["candidate"], r["election_date"]) for r in record["races"]] == [
        (R20, "okafor", "2020-11-05"),
        (R24, "okafor2", "2024-11-05"),
    ]
    (budget,) = [t for t in record["topics"] if t["topic"] == "police-budget"]
    entries = [(e["race"], e["position"]) for e in budget["races"]]
    assert [(race, p["stance"], [t["value"] for t in p["targets"]]) for race, p in entries] == [
        (R20, "support", [40]),
        (R24, "support", [60]),
    ]


def test_unknown_person_is_a_usage_error_with_a_suggestion(run, tmp_path):
    result = run("person", "chidi-okafr", data=two_races(tmp_path))
    assert result.exit_code == 2 and "did you mean 'chidi-okafor'?" in result.stderr


def test_diff_across_races_compares_a_person_with_himself(run, tmp_path):
    root = two_races(tmp_path)
    result = run(
        "diff",
        f"{R20}/okafor",
        f"{R24}/okafor2",
        "--topic",
        "police-budget",
        "--width",
        "200",
        data=root,
    )
    assert result.exit_code == 0, result.output
    assert "AGREE, DIFFER IN DEGREE: Police budget" in result.stdout
    assert (
        "Chidi Okafor 40 officers, within 2 years (pledge) [1] vs C. N. Okafor 60 officers "
        "(pledge) [2]" in result.stdout
    )


def test_a_bare_id_that_two_races_hold_resolves_by_the_others_named(run, tmp_path):
    root = two_races(tmp_path, same_id=True)
    ambiguous = run("show", "okafor", data=root)
    assert ambiguous.exit_code == 2
    assert f"{R20}/okafor" in ambiguous.stderr and f"{R24}/okafor" in ambiguous.stderr
    assert run("show", f"{R24}/okafor", data=root).exit_code == 0
    together = run("compare", "okafor", "chen", "--format", "json", data=root)
    assert together.exit_code == 0, together.output
    assert json.loads(together.stdout)["race"] == R20
    alone_in_2024 = run("compare", "okafor", "--race", R24, "--format", "json", data=root)
    assert json.loads(alone_in_2024.stdout)["race"] == R24


def test_show_names_the_person_s_other_races(run, tmp_path):
    out = run("show", f"{R20}/okafor", data=two_races(tmp_path), env={"COLUMNS": "200"}).stdout
    assert f"Also a candidate as {R24}/okafor2 (platforms person chidi-okafor)" in out
