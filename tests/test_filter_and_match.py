"""filter and match: the library results and the commands."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cli.dataset.load import open_dataset
from cli.queries.filtering import filter_positions
from cli.queries.match import Answer, score
from tests.conftest import FIXTURES, dataset_copy

BASE = FIXTURES / "base"
DATASET = open_dataset(BASE)
RACE = DATASET.races["2020-springfield-mayor"]


def rows(run, *args) -> list[tuple[str, str]]:
    out = run("filter", *args, "--format", "json", data=BASE)
    assert out.exit_code == 0, out.output
    return [(r["candidate"], r["topic"]) for r in json.loads(out.stdout)]


def test_filter_by_stance_and_topic(run):
    assert rows(run, "--stance", "oppose") == [
        ("alvarez", "police-budget"),
        ("okafor", "transit"),
        ("chen", "rent-control"),
    ]
    assert rows(run, "--topic", "transit", "--stance", "support", "--stance", "mixed") == [
        ("alvarez", "transit"),
        ("chen", "transit"),
    ]


def test_filter_by_party_ignores_case(run):
    assert {c for c, _ in rows(run, "--party", "GREEN")} == {"alvarez"}


@pytest.mark.parametrize(
    "words, expected",
    [
        ("RENT caps", [("alvarez", "rent-control"), ("okafor", "rent-control")]),
        ("ÁLVAREZ", []),  # names are not searched, only position text
        ("fàmilies", [("alvarez", "rent-control")]),  # accents ignored both ways
        ("免费", [("chen", "transit")]),
        ("住房", [("chen", "rent-control")]),  # CJK found inside a quote
        ("forty officers", [("okafor", "police-budget")]),
        ("forty unicorns", []),
    ],
)
def test_filter_text_matches_every_word(run, words, expected):
    assert rows(run, "--text", words) == expected


def test_filter_json_fields(run):
    record = json.loads(run("filter", "--topic", "transit", "--format", "json", data=BASE).stdout)[
        0
    ]
    assert set(record) == {
        *("ref", "race", "candidate", "name"),
        *("topic", "title", "question", "es"),
        *("stance", "summary", "summary_es", "details", "pledges", "as_of", "targets"),
        "citations",
    }


@settings(max_examples=60, deadline=None)
@given(
    topics=st.lists(st.sampled_from(list(DATASET.topics)), max_size=2),
    stances=st.lists(st.sampled_from(["support", "oppose", "mixed", "unclear"]), max_size=2),
    party=st.sampled_from([None, "Green", "democratic", "Independent"]),
    text=st.sampled_from([None, "rent", "the", "免费", "buses free"]),
)
def test_filter_results_are_a_subset_that_passes_every_test(topics, stances, party, text):
    hits = filter_positions(DATASET, topics, stances, party, text)
    everything = {(h.candidate.id, h.position.topic) for h in filter_positions(DATASET)}
    assert {(h.candidate.id, h.position.topic) for h in hits} <= everything
    for h in hits:
        assert not topics or h.position.topic in topics
        assert not stances or h.position.stance in stances
        assert party is None or (h.candidate.party or "").lower().startswith(party.lower())


def answers(**given) -> dict:
    return {t: Answer(t, *(v if isinstance(v, tuple) else (v, 1))) for t, v in given.items()}


def test_match_scores_with_weights_mixed_and_unclear():
    ranked = score(
        DATASET,
        RACE,
        answers(
            **{"rent-control": ("support", 3), "transit": "support", "police-budget": "oppose"}
        ),
    )
    by_id = {s.candidate.id: s for s in ranked}
    # alvarez: 3*1 + 1*0.5 + 1*1 = 4.5 / 5
    assert by_id["alvarez"].score == pytest.approx(0.9) and by_id["alvarez"].compared == 3
    # chen: rent 0 (w3), transit 1, police unclear -> not compared: 1/4
    assert by_id["chen"].score == pytest.approx(0.25) and by_id["chen"].compared == 2
    # okafor: 3*1 + 0 + 0 = 3/5
    assert by_id["okafor"].score == pytest.approx(0.6)
    assert [s.candidate.id for s in ranked] == ["alvarez", "okafor", "chen"]
    assert [s.rank for s in ranked] == [1, 2, 3]


def test_match_ties_share_a_rank_and_no_score_comes_last():
    ranked = score(DATASET, RACE, answers(**{"police-budget": "support", "rent-control": "skip"}))
    assert [(s.candidate.id, s.rank, s.score) for s in ranked] == [
        ("okafor", 1, 1.0),
        ("alvarez", 2, 0.0),
        ("chen", None, None),
    ]
    tied = score(DATASET, RACE, answers(**{"rent-control": "support"}))
    assert [(s.candidate.id, s.rank) for s in tied] == [("alvarez", 1), ("okafor", 1), ("chen", 3)]


def test_match_command_from_file(run, tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text(
        "answers:\n  rent-control: {answer: support, weight: 3}\n"
        "  transit: support\n  police-budget: oppose\n",
        "utf-8",
    )
    result = run("match", "--answers", str(path), "--format", "json", data=BASE)
    ranked = json.loads(result.stdout)
    # the answers without a weight weigh 2: alvarez 3*1 + 2*0.5 + 2*1 = 6 / 7
    assert [(r["candidate"], r["score"], r["compared"]) for r in ranked] == [
        ("alvarez", 0.857142857, 3),
        ("okafor", 0.428571429, 3),
        ("chen", 0.4, 2),
    ]
    text = run("match", "--answers", str(path), "--width", "100", data=BASE).stdout
    assert "How the score works" in text
    assert "1. María Álvarez-Núñez: 86% — based on 3 of 3 topics you answered" in text
    assert "Police budget: you oppose (weight 2); UNCLEAR: not compared" in text


def test_match_ties_are_shown_as_ties(run, tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text("answers:\n  rent-control: support\n", "utf-8")
    text = run("match", "--answers", str(path), data=BASE).stdout
    assert "1 (tie). María Álvarez-Núñez: 100%" in text and "1 (tie). Chidi Okafor" in text
    assert "3. 陈美玲 (Chen Meiling): 0%" in text


def test_match_interactive_prompts(run):
    answers = "support\n3\nskip\noppose\n1\n"
    result = run("match", "--format", "json", data=BASE, input=answers)
    # Click 8.1's runner echoes the typed answers into stdout (a terminal shows them where
    # they were typed; 8.2 and newer echo them with the prompts, on stderr)
    lines = result.stdout.splitlines(keepends=True)
    typed = answers.split()
    while lines and lines[0].strip() in typed:
        lines.pop(0)
    ranked = json.loads("".join(lines))
    assert ranked[0]["candidate"] == "alvarez" and ranked[0]["score"] == 1.0
    assert ranked[0]["topics"][0] == {**ranked[0]["topics"][0], "weight": 3, "value": 1.0}


def test_match_bad_answers_file_is_located(run, tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text("answers:\n  rent-kontrol: support\n  transit: maybe\n", "utf-8")
    result = run("match", "--answers", str(path), data=BASE)
    assert result.exit_code == 1
    assert (
        f"{path}:2:3: error: unknown topic 'rent-kontrol'; did you mean 'rent-control' "
        "(Rent control)?" in result.stderr
    )
    assert f"{path}:3:12: error: answer 'maybe'" in result.stderr


def test_filter_by_measure_lists_exactly_the_candidates_whose_targets_qualify(run, tmp_path):
    root = dataset_copy(tmp_path)
    chen = root / "2020-springfield-mayor" / "chen.yaml"
    chen.write_text(
        chen.read_text("utf-8").replace(
            "        quote: Safety matters to everyone.\n        speaker: Chen Meiling\n",
            "        quote: Safety matters to everyone, so 25 more officers.\n"
            "        speaker: Chen Meiling\n    targets:\n      - measure: officers-added\n"
            "        value: 25\n        source: gazette-debate\n",
        ),
        "utf-8",
    )

    def found(*args):
        result = run("filter", "--measure", "officers-added", *args, "--format", "json", data=root)
        assert result.exit_code == 0, result.output
        return [
            (r["candidate"], ", ".join(filter(None, (f"{t['value']:g} {t['unit']}", t["when"]))))
            for r in json.loads(result.stdout)
            for t in r["matched_targets"]
        ]

    # ballot order: names in scripts without case sort after Latin ones
    assert found() == [("okafor", "40 officers, within 2 years"), ("chen", "25 officers")]
    assert found("--min", "30") == [("okafor", "40 officers, within 2 years")]
    assert found("--max", "30") == [("chen", "25 officers")]
    assert found("--min", "26", "--max", "39") == []
    assert found("--min", "25", "--max", "25") == [("chen", "25 officers")]
    unknown = run("filter", "--measure", "oficers-added", data=root)
    assert unknown.exit_code == 2 and "did you mean 'officers-added'?" in unknown.stderr
    assert run("filter", "--min", "3", data=root).exit_code == 2
