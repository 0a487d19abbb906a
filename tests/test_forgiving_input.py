"""What people type: ids in any case, names, a person's candidate id, topic titles, yes and no,
a party's first letters, whole words, and match's ranking (issue 26, items 3 to 5).

Most cases run on the bundled data, as a new user would after ``pip install``."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import FIXTURES, dataset_copy

BASE = FIXTURES / "base"
LA22, LA26, NYC = "2022-los-angeles-mayor", "2026-los-angeles-mayor", "2025-new-york-city-mayor"


def ok(result) -> str:
    """The output of a run that must succeed."""
    assert result.exit_code == 0, result.output
    return result.stdout


def usage_error(result) -> str:
    """The one-line message of a run that must fail as bad usage (exit 2, no traceback)."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stdout + result.stderr
    (message,) = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    return message


# --- candidates ----------------------------------------------------------------------


def test_candidate_ids_are_found_in_any_case(run):
    record = json.loads(ok(run("compare", "Bass", "CARUSO", "--format", "json")))
    assert (record["race"], [c["ref"] for c in record["candidates"]]) == (
        LA22,
        [f"{LA22}/bass", f"{LA22}/caruso"],
    )
    assert "Rick Caruso" in ok(run("show", f"{LA22.upper()}/Caruso"))


@pytest.mark.parametrize(
    "typed", ["Mamdani", "Zohran Mamdani", "zohran  MAMDANI", "zohran-mamdani"]
)
def test_a_candidate_is_found_by_surname_or_full_name(run, typed):
    assert ok(run("show", typed)).startswith("Zohran Mamdani")


def test_names_are_matched_without_accents_or_the_parenthesised_part(run):
    assert ok(run("show", "maria alvarez-nunez", data=BASE)).startswith("María Álvarez-Núñez")
    assert ok(run("show", "Chen Meiling", data=BASE)).startswith("陈美玲 (Chen Meiling)")


def test_names_resolve_together_as_ids_do(run):
    record = json.loads(ok(run("compare", "Karen Bass", "Caruso", "--format", "json")))
    assert (record["race"], [c["candidate"] for c in record["candidates"]]) == (
        LA22,
        ["bass", "caruso"],
    )
    record = json.loads(ok(run("diff", "Bass", "Spencer Pratt", "--format", "json")))
    assert [c["candidate"] for c in record["candidates"]] == ["bass", "pratt"]


def test_a_name_in_two_races_says_which_candidates_match_and_how_to_pick_one(run):
    message = usage_error(run("show", "Karen Bass"))
    assert f"Karen Bass ({LA22}/bass)" in message and f"Karen Bass ({LA26}/bass)" in message
    assert f"write one of {LA22}/bass, {LA26}/bass" in message


def test_a_name_two_candidates_of_one_race_share_is_not_guessed_and_an_id_wins(run, tmp_path):
    root = dataset_copy(tmp_path)
    chen = root / "2020-springfield-mayor" / "chen.yaml"
    chen.write_text(
        chen.read_text("utf-8").replace("陈美玲 (Chen Meiling)", "Chidi Okafor"), "utf-8"
    )
    message = usage_error(run("show", "chidi okafor", data=root))
    assert "Chidi Okafor (2020-springfield-mayor/chen)" in message
    assert "Chidi Okafor (2020-springfield-mayor/okafor)" in message
    assert "write one of 2020-springfield-mayor/chen, 2020-springfield-mayor/okafor" in message
    assert ok(run("show", "Okafor", data=root)).startswith("Chidi Okafor")  # the id okafor


@pytest.mark.parametrize(
    "line, typed",
    [
        ('name: "Chidi \\"CJ\\" Okafor"', 'Chidi "CJ" Okafor'),
        ("name: 'Chidi O''Kafor'", "Chidi O'Kafor"),
        ("name: Chidi Okafor-Eze  # as on the ballot", "Chidi Okafor-Eze"),
        ("name: >-\n  Chidi\n  Nnamdi Okafor", "Chidi Nnamdi Okafor"),
        ("name: Chidi Nnamdi Okafor\r", "Chidi Nnamdi Okafor"),
    ],
)
def test_a_name_is_found_however_the_file_writes_it(run, tmp_path, line, typed):
    root = dataset_copy(tmp_path)
    okafor = root / "2020-springfield-mayor" / "okafor.yaml"
    okafor.write_text(okafor.read_text("utf-8").replace("name: Chidi Okafor", line), "utf-8")
    assert ok(run("show", typed, data=root)).startswith(typed)


@pytest.mark.parametrize(
    "command", ["topics", "candidates", "sources", "compare", "handout", "match"]
)
def test_a_race_id_is_found_in_any_case(run, command, tmp_path):
    extra = {
        "match": ("--answers", answers_file(tmp_path, "answers: {}\n")),
        "handout": ("--format", "markdown"),
    }.get(command, ())
    ok(run(command, "--race", LA22.upper(), *extra))


def test_a_race_id_given_as_a_candidate_points_to_race(run):
    message = usage_error(run("compare", NYC))
    assert f"'{NYC}' is a race" in message and f"--race {NYC}" in message


def test_a_misspelt_name_or_id_gets_a_suggestion(run):
    assert "(did you mean 'mamdani'?)" in usage_error(run("show", "Mamdany"))
    assert "(did you mean 'Zohran Mamdani'?)" in usage_error(run("show", "Zohran Mamdany"))
    assert "'platforms candidates' lists them" in usage_error(run("show", "Nobody Atall"))


@pytest.mark.parametrize("typed", ["../../etc/passwd", "..", "/etc/passwd", " ", "a/b/c"])
def test_what_is_neither_an_id_nor_a_name_is_refused_before_any_file_is_read(run, typed):
    assert "is not a candidate reference" in usage_error(run("show", typed, data=BASE))


# --- people --------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["karen-bass", "KAREN-BASS", "bass", "Bass", "Karen Bass"])
def test_person_takes_a_person_id_a_candidate_id_or_a_name(run, typed):
    record = json.loads(ok(run("person", typed, "--format", "json")))
    assert record["person"] == "karen-bass"


def test_person_of_a_candidate_without_a_person_id_says_what_to_run(run):
    message = usage_error(run("person", "caruso"))
    assert f"Rick Caruso ({LA22}/caruso) has no person id" in message
    assert f"platforms show {LA22}/caruso" in message


def test_an_unknown_person_points_to_the_listing_of_person_ids(run):
    message = usage_error(run("person", "karen-bas"))
    assert "(did you mean 'karen-bass'?)" in message
    assert "'platforms people' lists them" in message


def test_people_lists_person_ids_with_their_candidacies(run):
    records = json.loads(ok(run("people", "--format", "json")))
    bass = next(r for r in records if r["person"] == "karen-bass")
    assert bass == {
        "person": "karen-bass",
        "name": "Karen Bass",
        "candidacies": [f"{LA22}/bass", f"{LA26}/bass"],
    }
    assert "caruso" not in {r["person"] for r in records}
    assert "karen-bass" in ok(run("people"))


# --- topics, stances, parties --------------------------------------------------------


@pytest.mark.parametrize("command", [("compare", "bass", "caruso"), ("filter",)])
def test_a_topic_word_suggests_the_topics_about_it(run, command):
    message = usage_error(run(*command, "--topic", "housing"))
    assert "unknown topic 'housing'" in message
    assert "did you mean 'homelessness' (Housing targets)?" in message
    assert "'platforms topics' lists them all" in message


@pytest.mark.parametrize("typed", ["Clean streets", "CLEAN STREETS", "Livability"])
@pytest.mark.parametrize("command", [("compare", "bass", "caruso"), ("filter",)])
def test_a_topic_title_or_id_in_any_case_is_the_topic(run, command, typed):
    records = json.loads(ok(run(*command, "--topic", typed, "--format", "json")))
    topics = [t["topic"] for t in records["topics"]] if command[0] == "compare" else None
    assert topics == ["livability"] or {r["topic"] for r in records} == {"livability"}


def test_stance_yes_and_no_are_support_and_oppose(run):
    def found(*args):
        return json.loads(ok(run("filter", *args, "--format", "json")))

    assert found("--stance", "yes") == found("--stance", "support") != []
    assert found("--stance", "No") == found("--stance", "OPPOSE") != []


def test_an_unknown_stance_lists_the_stances(run):
    message = usage_error(run("filter", "--stance", "maybe"))
    assert "support, oppose, mixed, unclear" in message and "yes" in message


def test_party_is_matched_by_its_first_letters_in_any_case(run):
    records = json.loads(ok(run("filter", "--party", "democrat", "--format", "json")))
    names = {r["name"] for r in records}
    assert {"Karen Bass", "Zohran Mamdani"} <= names and "Curtis Sliwa" not in names
    shown = json.loads(ok(run("candidates", "--format", "json")))
    parties = {r["name"]: r["party"] or "" for r in shown}
    assert all(parties[n].lower().startswith("democrat") for n in names)
    assert {
        r["name"] for r in json.loads(ok(run("filter", "--party", "REP", "--format", "json")))
    } == {
        "Curtis Sliwa",
        "Spencer Pratt",
    }


@pytest.mark.parametrize("env", [{}, {"PLATFORMS_NO_INDEX": "1"}])
def test_a_party_no_candidate_has_lists_the_parties(run, env):
    message = usage_error(run("filter", "--party", "Libertarian", data=BASE, env=env))
    assert "no candidate's party starts with 'Libertarian'" in message
    assert "Democratic; Green; Independent" in message
    none_of_theirs = run("filter", "--party", "green", "--stance", "unclear", data=BASE, env=env)
    assert ok(none_of_theirs) == "No position matches.\n"


def test_party_prefix_answers_the_same_with_and_without_the_index(run):
    def found(env):
        return ok(run("filter", "--party", "dem", "--format", "json", data=BASE, env=env))

    assert found({}) == found({"PLATFORMS_NO_INDEX": "1"})
    assert [r["candidate"] for r in json.loads(found({}))] == ["okafor"] * 3


# --- filter --text -------------------------------------------------------------------


def texts_found(run, words: str, env=None) -> set[tuple[str, str]]:
    records = json.loads(ok(run("filter", "--text", words, "--format", "json", env=env)))
    return {(r["candidate"], r["topic"]) for r in records}


@pytest.mark.parametrize("env", [{}, {"PLATFORMS_NO_INDEX": "1"}])
def test_text_search_matches_whole_words_and_plurals_never_inside_a_word(run, env):
    rent = texts_found(run, "rent", env)
    assert ("mamdani", "rent-freeze") in rent  # rent, rents
    assert ("vallas", "school-closures") not in rent  # "current"
    assert ("pratt", "city-budget") not in rent  # "different"
    bus = texts_found(run, "bus", env)
    assert ("sliwa", "fare-free-buses") in bus and ("johnson", "public-transit") in bus
    assert ("quigley", "taxes") not in bus  # "businesses"
    assert ("bass", "livability") not in bus  # "busy"
    assert texts_found(run, "buses", env) >= {("johnson", "public-transit")}
    assert ("sliwa", "fare-free-buses") in texts_found(run, "buses", env)  # "bus", singular


def test_text_search_in_scripts_without_spaces_still_finds_words_inside_text(run):
    records = json.loads(ok(run("filter", "--text", "免费", "--format", "json", data=BASE)))
    assert [(r["candidate"], r["topic"]) for r in records] == [("chen", "transit")]


def test_text_help_says_whole_words(run):
    assert "whole word" in ok(run("filter", "--help"))


# --- diff of three or more -----------------------------------------------------------


def test_diff_of_three_says_who_agrees_with_whom_topic_by_topic(run, tmp_path):
    root = dataset_copy(tmp_path)
    chen = root / "2020-springfield-mayor" / "chen.yaml"
    chen.write_text(chen.read_text("utf-8").replace("stance: support", "stance: mixed"), "utf-8")
    record = json.loads(ok(run("diff", "alvarez", "chen", "okafor", "--format", "json", data=root)))
    r = "2020-springfield-mayor/"
    assert [c["ref"] for c in record["candidates"]] == [r + "alvarez", r + "chen", r + "okafor"]
    topics = {t["topic"]: t for t in record["topics"]}
    assert topics["rent-control"]["relation"] == "differ"
    assert topics["rent-control"]["sides"] == [
        {"stance": "support", "candidates": [r + "alvarez", r + "okafor"]},
        {"stance": "oppose", "candidates": [r + "chen"]},
    ]
    assert topics["transit"]["sides"] == [
        {"stance": "oppose", "candidates": [r + "okafor"]},
        {"stance": "mixed", "candidates": [r + "alvarez", r + "chen"]},
    ]
    text = ok(run("diff", "alvarez", "chen", "okafor", "--width", "100", data=root))
    assert "who agrees with whom" in text.splitlines()[0]
    assert "DIFFER: Rent control" in text
    assert re.search(r"  SUPPORT: María Álvarez-Núñez \[\d+\], Chidi Okafor \[\d+\]\n", text)
    assert re.search(r"  OPPOSE: 陈美玲 \(Chen Meiling\) \[\d+\]\n", text)
    assert "Differ on 3." in text


def test_diff_of_three_agreeing_topics_and_only(run, tmp_path):
    root = dataset_copy(tmp_path)
    chen = root / "2020-springfield-mayor" / "chen.yaml"
    chen.write_text(
        chen.read_text("utf-8").replace("stance: oppose", "stance: support", 1), "utf-8"
    )
    args = ("diff", "alvarez", "chen", "okafor", "--only", "agree", "--format", "json")
    record = json.loads(ok(run(*args, data=root)))
    assert [(t["topic"], t["relation"]) for t in record["topics"]] == [("rent-control", "agree")]
    assert record["counts"]["agree"] == 1 and record["counts"]["differ"] == 2
    table = ok(run("diff", "alvarez", "chen", "okafor", "--format", "csv", data=root))
    assert table.splitlines()[0].startswith("topic,relation,support,oppose,mixed,unclear")


@pytest.mark.parametrize("a", [None, "support", "oppose", "mixed", "unclear"])
@pytest.mark.parametrize("b", [None, "support", "oppose", "mixed", "unclear"])
def test_the_relation_of_a_group_of_two_is_the_relation_of_the_pair(a, b):
    from cli.queries.agreement import group_relation
    from cli.queries.comparison import relation
    from tests.test_compare import position

    pair = (a and position(a), b and position(b))
    assert group_relation(pair) == relation(*pair)


def test_diff_of_one_candidate_asks_for_two(run):
    assert "at least two" in usage_error(run("diff", "alvarez", data=BASE))


# --- match ---------------------------------------------------------------------------


def answers_file(tmp_path, text: str) -> str:
    path = tmp_path / "answers.yaml"
    path.write_text(text, "utf-8")
    return str(path)


def matched(run, *args, input=None) -> list[dict]:
    out = ok(run("match", *args, "--format", "json", data=BASE, input=input))
    return json.loads(out[out.index("[") :])  # Click 8.1 echoes typed answers to stdout


def test_match_prompts_take_yes_no_y_and_n(run):
    ranked = matched(run, input="yes\n3\nNo\n1\ny\n\n")
    topics = {t["topic"]: (t["answer"], t["weight"]) for t in ranked[0]["topics"]}
    assert topics == {
        "rent-control": ("support", 3),
        "transit": ("oppose", 1),
        "police-budget": ("support", 2),
    }


def test_match_prompt_says_yes_and_no(run):
    result = run("match", data=BASE, input="skip\nskip\nskip\n")
    assert "yes" in result.stderr and "no" in result.stderr


def test_match_answer_files_take_yes_no_and_booleans(run, tmp_path):
    path = answers_file(
        tmp_path,
        "answers:\n  rent-control: yes\n  transit: 'no'\n  police-budget: {answer: true}\n",
    )
    ranked = matched(run, "--answers", path)
    topics = {t["topic"]: t["answer"] for t in ranked[0]["topics"]}
    assert topics == {"rent-control": "support", "transit": "oppose", "police-budget": "support"}


def test_match_bad_answer_lists_what_to_write(run, tmp_path):
    path = answers_file(tmp_path, "answers:\n  transit: maybe\n")
    result = run("match", "--answers", path, data=BASE)
    assert result.exit_code == 1
    assert "yes, no or skip" in result.stderr


def test_match_default_weight_is_the_same_prompted_and_in_a_file(run, tmp_path):
    prompted = matched(run, input="yes\n\nskip\nskip\n")
    from_file = matched(run, "--answers", answers_file(tmp_path, "answers:\n  rent-control: yes\n"))
    assert prompted[0]["topics"][0]["weight"] == from_file[0]["topics"][0]["weight"]


def test_match_lists_candidates_with_nothing_compared_apart_unranked(run, tmp_path):
    path = answers_file(tmp_path, "answers:\n  police-budget: support\n")
    ranked = matched(run, "--answers", path)
    assert [(r["candidate"], r["rank"]) for r in ranked] == [
        ("okafor", 1),
        ("alvarez", 2),
        ("chen", None),
    ]
    text = ok(run("match", "--answers", path, "--width", "100", data=BASE))
    unranked = text.index("Not ranked")
    assert text.index("2. María Álvarez-Núñez") < unranked < text.index("陈美玲 (Chen Meiling)")
    assert "3." not in text
    table = ok(run("match", "--answers", path, "--format", "csv", data=BASE))
    assert [line for line in table.splitlines() if line][-1].startswith(",chen,")


def test_match_help_says_race_is_required_and_a_missing_race_says_so(run):
    help_text = ok(run("match", "--help"))
    assert "Only this race" not in help_text and "--race RACE" in help_text
    message = usage_error(run("match"))
    assert "--race" in message and "compare" not in message
