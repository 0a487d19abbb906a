"""Issue 26, items 1 and 2: a gap in the data never reads as a fact about a candidate, and
the wording says exactly what the data holds.

Three kinds of absence are said apart in every output (a topic the race never covered, one
the curators searched without finding anything, one with no record); each race's notes,
who else was in the race and an election held without a result in the data are shown
where people read about the race; quotes without a speaker are the publisher's words;
transitions are named for what they are; every figure is attributed; sources are named,
not given by id.
"""

from __future__ import annotations

import dataclasses
import datetime
import json

from cli.choices import Stance
from cli.dataset.load import open_dataset
from cli.output.handout_markup import render
from cli.queries.person import Change, change_between
from tests.conftest import BUNDLED, dataset_copy
from tests.test_evidence import _replace_in, _with_figures
from tests.test_handout_content import handout_of
from tests.test_person import two_races

R = "2020-springfield-mayor"
LA22, LA26 = "2022-los-angeles-mayor", "2026-los-angeles-mayor"
NY = "2025-new-york-city-mayor"
WIDE = {"COLUMNS": "200"}


def _json(run, *args, data=None):
    """The JSON a command prints, once it has succeeded."""
    result = run(*args, "--format", "json", data=data)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# 1. Three kinds of absence --------------------------------------------------------------


def test_a_topic_the_race_never_covered_is_not_covered_not_a_missing_position(run):
    out = run("compare", "mamdani", "cuomo", "--topic", "taxes", env=WIDE).stdout
    assert out.count("not covered in this race") == 2
    assert "no recorded position" not in out
    (topic,) = _json(run, "compare", "mamdani", "cuomo", "--topic", "taxes")["topics"]
    assert topic["positions"] == {f"{NY}/mamdani": None, f"{NY}/cuomo": None}
    assert {k: a["kind"] for k, a in topic["absences"].items()} == {
        f"{NY}/mamdani": "not-covered",
        f"{NY}/cuomo": "not-covered",
    }


def test_a_cross_race_diff_says_not_covered_where_one_race_never_asked(run):
    out = run("diff", f"{LA22}/bass", f"{LA26}/bass", env=WIDE).stdout
    assert "ONE-SIDED: Shelter beds" not in out
    assert "NOT-COVERED: Shelter beds" in out
    assert "Karen Bass (2026): not covered in this race" in out
    record = _json(run, "diff", f"{LA22}/bass", f"{LA26}/bass")
    shelter = next(t for t in record["topics"] if t["topic"] == "shelter")
    assert shelter["relation"] == "not-covered"
    assert shelter["absences"][f"{LA26}/bass"]["kind"] == "not-covered"
    assert record["counts"]["one-sided"] == 0
    only = run("diff", f"{LA22}/bass", f"{LA26}/bass", "--only", "not-covered").stdout
    assert "Shelter beds" in only and "Police hiring" not in only


def test_the_curators_note_reaches_diff_show_handouts_and_every_json(run):
    note = "No statement by Sliwa for or against a rent freeze"
    diff = run("diff", "sliwa", "mamdani", "--topic", "rent-freeze", env=WIDE).stdout
    assert "Curtis Sliwa: no position found (the curators looked)" in diff
    assert note in diff
    for args in (["compare", "sliwa", "mamdani"], ["diff", "sliwa", "mamdani"]):
        topic = next(t for t in _json(run, *args)["topics"] if t["topic"] == "rent-freeze")
        assert topic["absences"][f"{NY}/sliwa"]["kind"] == "not-found"
        assert topic["absences"][f"{NY}/sliwa"]["note"].startswith(note)
    shown = _json(run, "show", "sliwa")
    assert ("rent-freeze", "not-found") in [(a["topic"], a["kind"]) for a in shown["absences"]]
    assert "no position found (the curators looked)" in run("show", "sliwa", env=WIDE).stdout
    for fmt in ("markdown", "html", "latex"):
        document = run("handout", "sliwa", "mamdani", "--format", fmt).stdout
        assert "Where no position was found" in document, fmt
        assert note in document, fmt
        assert "No position found (the curators looked)" in document, fmt


def test_no_record_is_said_apart_from_a_search_that_found_nothing(run, tmp_path):
    root = dataset_copy(tmp_path)
    _replace_in(
        root / R / "race.yaml",
        "topics: [rent-control, transit, police-budget]",
        "topics: [rent-control, transit, police-budget, parks]",
    )
    _replace_in(
        root / "topics.yaml",
        "police-budget:",
        "parks:\n  title: Parks\n  question: Should the city build more parks?\npolice-budget:",
    )
    out = run("compare", "--race", R, "--topic", "parks", data=root, env=WIDE).stdout
    assert out.count("no recorded position") == 3 and "not covered" not in out
    (topic,) = _json(run, "compare", "--race", R, "--topic", "parks", data=root)["topics"]
    assert {a["kind"] for a in topic["absences"].values()} == {"no-record"}
    markdown = run("handout", "--race", R, "--format", "markdown", data=root).stdout
    assert "No recorded position" in markdown
    assert "means the data holds no statement, not that the candidate has none" in markdown


def test_person_says_why_a_race_has_no_position(run):
    out = run("person", "karen-bass", "--width", "200").stdout
    assert "2026 Los Angeles mayoral election: not covered in this race" in out
    assert "no recorded position \u2014 not compared" not in out
    topics = {t["topic"]: t["races"] for t in _json(run, "person", "karen-bass")["topics"]}
    assert topics["shelter"][1]["absence"]["kind"] == "not-covered"
    assert topics["city-budget"][0]["absence"]["kind"] == "not-covered"
    assert topics["city-budget"][1]["change"]["text"] == "first recorded position"


# 1. Race notes, the field and a result the data lacks ------------------------------------


def test_races_gives_each_race_its_notes_and_who_else_ran(run):
    out = " ".join(run("races", env=WIDE).stdout.split())
    la26 = out.split(f"{LA26}:")[1].split("2027-chicago-mayor:")[0]
    assert (
        "Other candidates on the primary ballot, not covered: Rae Huang, Adam Miller "
        "and others." in la26
    )
    assert "The general election was held on 2026-11-03; the data records no result of it." in la26
    assert "Notes: A nonpartisan top-two race" in la26 and "mid-canvass count" in la26
    record = next(r for r in _json(run, "races") if r["race"] == LA26)
    assert record["not_covered"]["names"] == ["Rae Huang", "Adam Miller"]
    assert record["not_covered"]["complete"] is False
    assert record["no_result"].startswith("The general election was held on 2026-11-03")
    assert "mid-canvass count" in record["notes"]


def test_compare_s_header_names_who_it_leaves_out_and_gives_the_notes(run):
    out = run("compare", "mamdani", "cuomo", env=WIDE).stdout
    header = out.split("Topic ")[0]
    assert "Also in this race's data, not shown here: Curtis Sliwa." in header
    assert "Other candidates on the general-election ballot are not covered." in header
    assert "Notes: A partisan general election decided by plurality." in header
    about = _json(run, "compare", "mamdani", "cuomo")["about"]
    assert about[0]["race"] == NY and "Curtis Sliwa" in about[0]["field"][0]
    la26 = run("compare", "bass", "pratt", env=WIDE).stdout.split("Topic ")[0]
    assert "The general election was held on 2026-11-03; the data records no result" in la26


def test_handouts_give_the_field_the_notes_and_a_missing_result(run):
    for fmt in ("markdown", "html", "latex"):
        document = run("handout", "bass", "pratt", "raman", "--format", fmt).stdout
        assert "Rae Huang, Adam Miller and others" in document, fmt
        assert "the data records no result of it" in document, fmt
        assert "About the data" in document and "mid-canvass count" in document, fmt


def test_a_race_that_does_not_say_is_never_read_as_the_whole_field(run):
    from tests.conftest import FIXTURES

    out = run("compare", "--race", R, data=FIXTURES / "base", env=WIDE).stdout
    assert "The data does not say whether other candidates were in the race." in out


def test_not_covered_is_checked_like_every_other_field(run, tmp_path):
    root = dataset_copy(tmp_path)
    race = root / R / "race.yaml"
    race.write_text(
        race.read_text("utf-8")
        + "not_covered:\n  round: final\n  names: [Pat Doe]\n"
        + "  citations:\n    - source: gazette-nowhere\n      quote: Pat Doe ran too.\n",
        "utf-8",
    )
    result = run("validate", "--format", "json", data=root)
    assert result.exit_code == 1
    codes = {p["code"] for p in json.loads(result.stdout)["problems"]}
    assert {"missing-field", "bad-round", "unknown-source"} <= codes


# 2. Wording true on any date -------------------------------------------------------------


def test_handout_incumbency_and_standing_are_true_on_any_date():
    before = render(handout_of(BUNDLED, race=LA22, today=datetime.date(2022, 5, 1)), "html")
    after = render(handout_of(BUNDLED, race=LA22, today=datetime.date(2030, 5, 1)), "html")
    for html in (before, after):
        assert "holds the office now" not in html and "has not happened yet" not in html
    assert "None of these candidates is the incumbent in this election." in before
    assert "As of 2022-05-01, the election has not happened" in before
    assert "None of these candidates held the office at the time of the election." in after


def test_a_quote_without_a_speaker_is_the_publisher_s_words(run):
    out = run("compare", "bass", "caruso", env=WIDE).stdout
    assert "9,700 officers.\u201d \u2014 Los Angeles Times" in out
    assert "community-based policing model.\u201d \u2014 Rick Caruso" in out
    markdown = run("handout", "bass", "caruso", "--format", "markdown").stdout
    assert "9,700 officers.\u201d \u2014 Los Angeles Times, \u201cKaren Bass wants" in markdown
    assert "policing model.\u201d \u2014 Rick Caruso, in Beverly Hills Courier" in markdown
    assert "the candidate's words quoted exactly" not in markdown
    assert "in their own words" not in markdown
    assert "else the source's own, not the candidate's" in markdown
    show = run("show", "caruso", env=WIDE).stdout
    assert "\u201d \u2014 Los Angeles Times" in show
    cite = _json(run, "compare", "bass", "caruso")["topics"][0]["positions"][f"{LA22}/bass"]
    assert cite["citations"][0]["words_of"] == "Los Angeles Times"


def test_transitions_are_named_for_what_they_are(run):
    out = run("person", "karen-bass", "--width", "200").stdout
    assert "first statement" not in out and "changed stance" not in out
    assert "SUPPORT \u2014 first recorded position" in out
    assert "UNCLEAR \u2014 no clear answer this time" in out
    topics = _json(run, "person", "karen-bass")["topics"]
    housing = next(t for t in topics if t["topic"] == "homelessness")
    assert [r["change"]["kind"] for r in housing["races"]] == ["first-recorded", "no-clear-answer"]


def test_moving_between_a_stance_and_no_clear_answer_is_no_change_of_stance(tmp_path):
    dataset = open_dataset(two_races(tmp_path))
    before = dataset.races[R].candidates["okafor"].positions["police-budget"]
    unclear = dataclasses.replace(before, stance=Stance.UNCLEAR, targets=())
    opposed = dataclasses.replace(before, stance=Stance.OPPOSE, targets=())
    assert change_between(dataset, "police-budget", None, before) == Change.FIRST
    assert change_between(dataset, "police-budget", before, unclear) == Change.NO_CLEAR_ANSWER
    assert change_between(dataset, "police-budget", unclear, before) == Change.ANSWERED
    assert change_between(dataset, "police-budget", unclear, unclear) == Change.STILL_UNCLEAR
    assert change_between(dataset, "police-budget", before, opposed) == Change.CHANGED
    assert Change.NO_CLEAR_ANSWER.label == "no clear answer this time"


def test_a_figure_with_no_by_and_no_speaker_is_attributed_to_its_publisher(run, tmp_path):
    root = _with_figures(tmp_path, "count")
    _replace_in(root / R / "okafor.yaml", "            by: the police union\n", "")
    person = run("person", "chidi-okafor", "--width", "200", data=root).stdout
    assert "Reported since: 12 officers as of 2021-06, as reported by Springfield Gazette" in person
    show = run("show", "okafor", data=root, env=WIDE).stdout
    assert "as reported by Springfield Gazette" in show


def test_show_and_races_name_sources_where_people_read(run):
    dataset = open_dataset(BUNDLED)
    ids = {sid for race in dataset.races.values() for sid in race.sources}
    show = run("show", "caruso", env=WIDE).stdout
    races = " ".join(run("races", env=WIDE).stdout.split())
    for text in (show, races):
        assert sorted(sid for sid in ids if sid in text) == []
    assert "Los Angeles Times, \u201cFrom more cops to defund" in show
    assert "BNN Bloomberg, \u201cBass beats Caruso" in races
