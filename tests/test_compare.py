"""compare and diff: the library results and the commands."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli.choices import Relation
from cli.dataset.load import open_dataset
from cli.model import Citation, Position, Source
from cli.queries.comparison import compare, diff, relation
from tests.conftest import FIXTURES, dataset_copy

BASE = FIXTURES / "base"
RACE = "2020-springfield-mayor"


def cells(text: str) -> int:
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def position(stance: str) -> Position:
    source = Source("s", "t", "p")
    return Position("topic", stance, "summary", (Citation(source, "q"),))


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (None, None, "open"),
        ("support", None, "one-sided"),
        (None, "unclear", "one-sided"),
        ("unclear", "support", "unclear"),
        ("unclear", "unclear", "unclear"),
        ("mixed", "mixed", "agree"),
        ("support", "oppose", "differ"),
        ("mixed", "support", "differ"),
    ],
)
def test_relation_follows_the_format_tests_in_order(a, b, expected):
    assert relation(a and position(a), b and position(b)) == expected


@given(
    st.sampled_from([None, "support", "oppose", "mixed", "unclear"]),
    st.sampled_from([None, "support", "oppose", "mixed", "unclear"]),
)
def test_relation_is_symmetric(a, b):
    pa, pb = a and position(a), b and position(b)
    assert relation(pa, pb) == relation(pb, pa) in Relation


def test_diff_counts_and_mirror():
    dataset = open_dataset(BASE)
    c = dataset.races[RACE].candidates
    forward, backward = (
        diff(dataset, c["alvarez"], c["okafor"]),
        diff(dataset, c["okafor"], c["alvarez"]),
    )
    assert [d.relation for d in forward.differences] == ["agree", "differ", "differ"]
    assert (
        forward.counts
        == backward.counts
        == {
            "agree": 1,
            "differ": 2,
            "unclear": 0,
            "one-sided": 0,
            "open": 0,
            "not-covered": 0,
            "degree": 0,
        }
    )


def _alvarez_hires_twenty(root):
    path = root / RACE / "alvarez.yaml"
    text = path.read_text("utf-8")
    start = text.index("  police-budget:")
    path.write_text(
        text[:start]
        + (
            "  police-budget:\n    stance: support\n    summary: Hire twenty more officers.\n"
            "    citations:\n      - source: gazette-debate\n"
            "        quote: Twenty more officers, and no more.\n"
            "    targets:\n      - measure: officers-added\n        value: 20\n"
            "        within: 1 year\n        source: gazette-debate\n        basis: estimate\n"
        )
        + _after(text, start),
        "utf-8",
    )


def _after(text: str, start: int) -> str:
    """What follows the position that starts at ``start`` (the next top-level key)."""
    rest = text[start:].split("\n")
    for index, line in enumerate(rest[1:], 1):
        if line and not line.startswith(" "):
            return "\n".join(rest[index:])
    return ""


def test_agreement_with_different_numbers_differs_in_degree(tmp_path):
    root = dataset_copy(tmp_path)
    _alvarez_hires_twenty(root)
    dataset = open_dataset(root)
    c = dataset.races[RACE].candidates
    result = diff(dataset, c["alvarez"], c["okafor"], only=["degree"])
    (difference,) = result.differences
    assert (difference.row.topic.id, difference.relation) == ("police-budget", "agree")
    (gap,) = difference.degree
    assert (gap.measure.id, gap.difference, gap.differs) == ("officers-added", 20, True)
    assert [t.target.when for t in gap.first + gap.second] == ["within 1 year", "within 2 years"]
    assert result.counts["agree"] == 2 and result.counts["degree"] == 1
    mirrored = diff(dataset, c["okafor"], c["alvarez"])
    assert mirrored.counts == result.counts
    (back,) = [d for d in mirrored.differences if d.degree]
    assert back.degree[0].difference == -20


def test_equal_numbers_are_an_agreement_in_degree_too(tmp_path):
    root = dataset_copy(tmp_path)
    _alvarez_hires_twenty(root)
    path = root / RACE / "alvarez.yaml"
    path.write_text(
        path.read_text("utf-8")
        .replace("value: 20", "value: 40")
        .replace("Twenty more", "Forty more")
        .replace("within: 1 year", "within: 2 years"),
        "utf-8",
    )
    dataset = open_dataset(root)
    c = dataset.races[RACE].candidates
    result = diff(dataset, c["alvarez"], c["okafor"])
    (difference,) = [d for d in result.differences if d.degree]
    assert not difference.differs_in_degree and result.counts["degree"] == 0


def test_diff_text_names_both_numbers_with_their_sources(run, tmp_path):
    root = dataset_copy(tmp_path)
    _alvarez_hires_twenty(root)
    out = run("diff", "alvarez", "okafor", "--only", "degree", "--width", "200", data=root).stdout
    assert "AGREE, DIFFER IN DEGREE: Police budget" in out
    line = next(x for x in out.splitlines() if "Numbers" in x)
    # each number says what it is: Álvarez-Núñez's is her estimate, Okafor's a pledge
    assert "20 officers, within 1 year (the candidate's estimate) [1]" in line
    assert "40 officers, within 2 years (pledge) [2]" in line
    assert "(20 apart)" in line
    assert "Agree on 2 (1 differs in degree), differ on 1." in out
    record = json.loads(run("diff", "alvarez", "okafor", "--format", "json", data=root).stdout)
    (topic,) = [t for t in record["topics"] if t["degree"]]
    assert topic["differs_in_degree"] is True
    assert [t["value"] for t in topic["degree"][0]["targets"][f"{RACE}/okafor"]] == [40]


def test_compare_rows_follow_race_order_and_keep_empty_topics(tmp_path):
    root = dataset_copy(tmp_path)
    topics = root / "topics.yaml"
    topics.write_text(
        topics.read_text("utf-8") + "parks:\n  title: Parks\n  question: "
        "Should the city build more parks?\n",
        "utf-8",
    )
    race = root / RACE / "race.yaml"
    race.write_text(
        race.read_text("utf-8").replace(
            "topics: [rent-control, transit, police-budget]",
            "topics: [transit, parks, rent-control, police-budget]",
        ),
        "utf-8",
    )
    dataset = open_dataset(root)
    c = dataset.races[RACE].candidates
    result = compare(dataset, [c["okafor"], c["chen"]])
    assert [r.topic.id for r in result.rows] == [
        "transit",
        "parks",
        "rent-control",
        "police-budget",
    ]
    assert result.rows[1].positions == (None, None)


def test_compare_json_shape(run):
    record = json.loads(run("compare", "chen", "alvarez", "--format", "json", data=BASE).stdout)
    assert record["race"] == RACE
    assert [c["ref"] for c in record["candidates"]] == [f"{RACE}/chen", f"{RACE}/alvarez"]
    topic = record["topics"][0]
    assert set(topic) == {"topic", "title", "question", "es", "positions", "absences"}
    cite = topic["positions"][f"{RACE}/alvarez"]["citations"][0]
    assert set(cite) >= {"source", "quote", "title", "publisher", "date", "url"}
    assert topic["positions"][f"{RACE}/chen"]["stance"] == "oppose"


def test_compare_race_only_uses_ballot_order(run):
    out = run("compare", "--race", RACE, "--format", "json", data=BASE).stdout
    assert [c["candidate"] for c in json.loads(out)["candidates"]] == ["alvarez", "okafor", "chen"]


@pytest.mark.parametrize("columns", [100, 60, 44])
def test_compare_three_candidates_fits_the_terminal(run, columns):
    result = run("compare", "alvarez", "chen", "okafor", data=BASE, env={"COLUMNS": str(columns)})
    lines = result.stdout.splitlines()
    assert max(cells(line) for line in lines) <= columns
    assert any("陈美玲" in line for line in lines) and any(
        "Álvarez-Núñez" in line for line in lines
    )
    assert all(word in result.stdout for word in ("SUPPORT:", "OPPOSE:", "MIXED:", "UNCLEAR:"))
    assert "no recorded position" not in result.stdout


def test_compare_stacks_when_columns_would_be_too_narrow(run):
    wide = run("compare", "alvarez", "chen", "okafor", "--width", "100", data=BASE).stdout
    narrow = run("compare", "alvarez", "chen", "okafor", "--width", "60", data=BASE).stdout
    assert " | " in wide and " | " not in narrow
    assert "  María Álvarez-Núñez: SUPPORT:" in narrow


def test_compare_footnotes_and_quotes(run):
    out = run(
        "compare",
        "alvarez",
        "okafor",
        "--topic",
        "rent-control",
        "--quotes",
        "--width",
        "200",
        data=BASE,
    ).stdout
    assert (
        "[1] Dana Reporter, Springfield Gazette, “Candidates spar over rents and buses”, "
        "2020-05-01. https://gazette.example.org/debate" in out
    )
    assert out.count("“Rent caps keep families in their homes.”") == 2  # cell and footnote
    assert "Free transit" not in out


def test_colour_only_on_a_tty(run):
    assert "\x1b[" not in run("compare", "alvarez", "okafor", data=BASE).stdout


def test_cross_race_comparison_says_so(run, tmp_path):
    import shutil

    root = dataset_copy(tmp_path)
    shutil.copytree(root / RACE, root / "2020-shelbyville-mayor")
    race = root / "2020-shelbyville-mayor" / "race.yaml"
    race.write_text(
        race.read_text("utf-8").replace("Springfield mayoral", "Shelbyville mayoral"), "utf-8"
    )
    out = run("compare", f"{RACE}/okafor", "2020-shelbyville-mayor/chen", data=root).stdout
    assert "Candidates from different races:" in out
    assert "2020 Shelbyville mayoral election" in out


def test_a_table_of_one_candidate_id_in_two_races_keeps_both_columns(run, tmp_path):
    import csv
    import io
    import shutil

    root = dataset_copy(tmp_path)
    other = root / "2020-shelbyville-mayor"
    shutil.copytree(root / RACE, other)
    okafor = other / "okafor.yaml"
    okafor.write_text(
        okafor.read_text("utf-8").replace("stance: support", "stance: oppose"), "utf-8"
    )
    pair = (f"{RACE}/okafor", "2020-shelbyville-mayor/okafor")
    out = run("diff", *pair, "--format", "csv", data=root).stdout
    header, *rows = csv.reader(io.StringIO(out))
    assert header == ["topic", "relation"] + [
        f"{c} {f}" for c in pair for f in ("stance", "summary")
    ]
    assert ("support", "oppose") in {(row[2], row[4]) for row in rows if row}
    quotes = csv.DictReader(io.StringIO(run("compare", *pair, "--format", "csv", data=root).stdout))
    stances = {(r["topic"], r["race"], r["candidate"], r["stance"]) for r in quotes}
    assert {("rent-control", RACE, "okafor", "support")} <= stances
    assert {("rent-control", "2020-shelbyville-mayor", "okafor", "oppose")} <= stances


@pytest.mark.parametrize(
    "args, message",
    [
        (("compare", "alvarez", "--topic", "tranzit"), "did you mean 'transit' (Free transit)?"),
        (("compare", "alvarz"), "did you mean 'alvarez'?"),
        (("compare", "--race", "2020-springfeld-mayor"), "did you mean '2020-springfield-mayor'?"),
        (("diff", "alvarez", "okafor", "--only", "agre"), "did you mean 'agree'?"),
        (("filter", "--stance", "suport"), "did you mean 'support'?"),
    ],
)
def test_unknown_names_are_usage_errors_with_suggestions(run, args, message):
    result = run(*args, data=BASE)
    assert result.exit_code == 2 and message in result.stderr


def test_diff_text_and_json(run):
    text = run("diff", "alvarez", "chen", "--width", "80", data=BASE).stdout
    assert "DIFFER: Rent control" in text and "UNCLEAR: Police budget" in text
    assert "Differ on 2, unclear on 1." in text
    data = json.loads(
        run("diff", "alvarez", "chen", "--only", "unclear", "--format", "json", data=BASE).stdout
    )
    assert [t["topic"] for t in data["topics"]] == ["police-budget"]
    assert data["counts"]["differ"] == 2
    assert [c["candidate"] for c in data["candidates"]] == ["alvarez", "chen"]
    assert data["topics"][0]["positions"][f"{RACE}/chen"]["stance"] == "unclear"


@pytest.mark.parametrize("fmt", ["csv", "github", "fancy_grid", "rst", "html"])
def test_compare_and_diff_table_formats(run, fmt):
    assert (
        "Cap annual rent increases"
        in run("compare", "alvarez", "okafor", "--format", fmt, data=BASE).stdout
    )
    assert "differ" in run("diff", "alvarez", "okafor", "--format", fmt, data=BASE).stdout


def test_compare_text_gives_the_curators_note_for_a_position_not_found(run, tmp_path):
    root = dataset_copy(tmp_path)
    chen = root / RACE / "chen.yaml"
    text = chen.read_text("utf-8")
    start = text.index("  police-budget:")
    chen.write_text(
        text[:start] + "no_position:\n  police-budget: Nothing found on the "
        "budget (searched 2020-10).\n",
        "utf-8",
    )
    out = run("compare", "--race", RACE, "--width", "120", data=root).stdout
    assert "no position found (the" in out
    assert (
        "- 陈美玲 (Chen Meiling), Police budget: Nothing found on the budget (searched "
        "2020-10)." in out
    )


def test_the_command_line_knows_every_relation_diff_computes():
    from cli.commands import compare as command
    from cli.queries import comparison as core

    assert command.SELECTIONS == (*Relation, "degree")
    for choice in Relation:  # each relation offered selects exactly the topics it names
        assert [r for r in Relation if core.Difference(None, r).selected_by([choice])] == [choice]
