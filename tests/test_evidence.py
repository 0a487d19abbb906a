"""What each figure is (its basis), what each measure counts, and the record of re-reads:
as a reader sees them in person, show, compare's JSON, races, topics and the handouts."""

from __future__ import annotations

import json

from tests.conftest import dataset_copy

R = "2020-springfield-mayor"


def _replace_in(path, old: str, new: str) -> None:
    """``path`` with its first ``old`` replaced by ``new``."""
    path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")


def _with_figures(tmp_path, basis: str = "projection", by: str = "the police union"):
    """Okafor's pledge of 40 officers with a figure given since, of ``basis``; the race
    re-read on 2026-11-30; the measure defined."""
    root = dataset_copy(tmp_path)
    okafor = root / R / "okafor.yaml"
    okafor.write_text(
        okafor.read_text("utf-8").replace(
            "name: Chidi Okafor\n", "name: Chidi Okafor\nperson: chidi-okafor\n"
        )
        + "        reported:\n"
        + "          - value: 12\n"
        + "            as_of: 2021-06\n"
        + f"            basis: {basis}\n"
        + f"            by: {by}\n"
        + "            source: gazette-primary\n"
        + "            quote: Twelve officers would be added by June.\n",
        "utf-8",
    )
    race = root / R / "race.yaml"
    race.write_text(
        race.read_text("utf-8").replace(
            "notes: A fictional",
            "reviews:\n  - date: 2026-11-30\n    scope: every citation\n"
            "    corrections: {stance: 2, basis: 1}\nnotes: A fictional",
        ),
        "utf-8",
    )
    topics = root / "topics.yaml"
    topics.write_text(
        topics.read_text("utf-8").replace(
            "      unit: officers\n",
            "      definition: Net growth of the force after departures.\n      unit: officers\n",
            1,
        ),
        "utf-8",
    )
    return root


def test_the_fixture_with_figures_validates_clean(run, tmp_path):
    result = run("validate", "--strict", data=_with_figures(tmp_path))
    assert result.exit_code == 0, result.output


def test_a_projection_is_not_shown_as_reported_since(run, tmp_path):
    out = run("person", "chidi-okafor", "--width", "200", data=_with_figures(tmp_path)).stdout
    assert "Target: 40 officers, within 2 years (pledge)" in out
    assert "Projected: 12 officers as of 2021-06, projected by the police union" in out
    assert "Reported since" not in out.split("Figures given since")[0]


def test_a_count_stands_under_reported_since_with_who_counted(run, tmp_path):
    root = _with_figures(tmp_path, "count", "the police department")
    out = run("person", "chidi-okafor", "--width", "200", data=root).stdout
    assert "Reported since: 12 officers as of 2021-06, counted by the police department" in out
    show = run("show", "okafor", data=root, env={"COLUMNS": "200"}).stdout
    assert "Reported since: 12 officers as of 2021-06, counted by the police department" in show


def test_a_budget_is_funded_and_a_claim_names_who_claims_it(run, tmp_path):
    budget = run("person", "chidi-okafor", "--width", "200", data=_with_figures(tmp_path, "budget"))
    assert "Funded: 12 officers as of 2021-06, funded according to the police union" in (
        budget.stdout
    )
    root = _with_figures(tmp_path / "claim", "claim", "the mayor's office")
    claim = run("person", "chidi-okafor", "--width", "200", data=root).stdout
    assert "Reported since: 12 officers as of 2021-06, claimed by the mayor's office" in claim


def test_json_gives_the_basis_as_code_and_in_words(run, tmp_path):
    root = _with_figures(tmp_path)
    data = json.loads(run("compare", "okafor", "chen", "--format", "json", data=root).stdout)
    text = json.dumps(data)
    assert '"basis": "pledge"' in text and '"basis_text": "pledge"' in text
    assert '"heading": "Projected"' in text
    assert '"attribution": "projected by the police union"' in text


def test_a_missing_basis_is_said_not_guessed(run, tmp_path):
    root = dataset_copy(tmp_path, "missing-basis")
    out = run("compare", "okafor", "chen", "--width", "200", data=root).stdout
    assert "40 officers, within 2 years (basis not stated)" in out


def test_races_and_the_handout_footer_give_the_last_re_read(run, tmp_path):
    root = _with_figures(tmp_path)
    races = run("races", data=root, env={"COLUMNS": "200"}).stdout
    assert "Checked against its sources on 2026-11-30: every citation (corrections: 2 stance," in (
        races
    )
    handout = run("handout", "okafor", "chen", "--format", "markdown", data=root).stdout
    footer = handout.rstrip().splitlines()[-1]
    assert "Checked against its sources on 2026-11-30" in footer


def test_measure_definitions_are_printed_in_topics_and_in_the_handout(run, tmp_path):
    root = _with_figures(tmp_path)
    topics = json.loads(run("topics", "--format", "json", data=root).stdout)
    police = next(t for t in topics if t["topic"] == "police-budget")
    assert [m["definition"] for m in police["measures"]] == [
        "Net growth of the force after departures."
    ]
    table = run("topics", "--format", "csv", data=root).stdout
    assert "Net growth of the force after departures." in table
    handout = run("handout", "okafor", "chen", "--format", "markdown", data=root).stdout
    counted = handout.split("## What the numbers count", 1)[1].split("## Sources")[0]
    assert "Net growth of the force after departures." in counted


def test_an_undated_page_says_when_it_was_read(run, tmp_path):
    root = dataset_copy(tmp_path)
    _replace_in(
        root / R / "sources.yaml",
        "  kind: campaign",
        "  kind: campaign\n  read: 2020-05-20\n  notes: The page shows no date.",
    )
    handout = run("handout", "chen", "okafor", "--format", "markdown", data=root).stdout
    assert "Chen for Mayor, “陈美玲的政策”, undated (read 2020-05-20)." in handout


def test_a_recorded_check_is_shown_by_show_and_compare_json(run, tmp_path):
    root = dataset_copy(tmp_path)
    _replace_in(
        root / R / "sources.yaml",
        "  url: https://gazette.example.org/debate\n",
        "  url: https://gazette.example.org/debate\n"
        f"  checked: {{date: 2026-11-02, text_sha256: '{'a' * 64}'}}\n",
    )
    show = run("show", "okafor", data=root, env={"COLUMNS": "200"}).stdout
    assert "Quotes checked on the page 2026-11-02." in show
    data = json.loads(run("compare", "okafor", "chen", "--format", "json", data=root).stdout)
    assert '"checked": "2026-11-02"' in json.dumps(data)
