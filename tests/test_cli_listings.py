"""The listing commands and `show`, through Click's CliRunner."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import FIXTURES, dataset_copy

BASE = FIXTURES / "base"


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("platforms, version ")


def test_candidates_json_from_another_dataset(run):
    result = run("candidates", "--format", "json", data=BASE)
    records = json.loads(result.stdout)
    assert [r["candidate"] for r in records] == [
        "alvarez",
        "okafor",
        "chen",
    ]  # by surname, accents ignored
    assert records[0] == {
        "ref": "2020-springfield-mayor/alvarez",
        "race": "2020-springfield-mayor",
        "candidate": "alvarez",
        "name": "María Álvarez-Núñez",
        "party": "Green",
        "person": None,
        "status": None,
    }


def test_platforms_data_environment_variable(run):
    result = run("races", "--format", "json", env={"PLATFORMS_DATA": str(BASE)})
    assert [r["race"] for r in json.loads(result.stdout)] == ["2020-springfield-mayor"]


def test_missing_data_folder_is_a_usage_error(run, tmp_path):
    result = run("races", data=tmp_path / "nope")
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_dataset_with_errors_exits_1_with_located_errors(run, tmp_path):
    from tests.conftest import dataset_copy

    result = run("candidates", data=dataset_copy(tmp_path, "bad-stance"))
    assert result.exit_code == 1
    assert "2020-springfield-mayor/okafor.yaml:11:13: error:" in result.stderr


@pytest.mark.parametrize("fmt", ["text", "github", "grid", "html", "latex", "tsv", "csv"])
def test_listing_formats(run, fmt):
    # wide enough that the text table keeps each question on one line beside the measures
    result = run("topics", "--format", fmt, data=BASE, env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Should city buses be free to ride?" in result.stdout


def test_csv_is_parseable_and_formula_safe(run, tmp_path):
    from tests.conftest import dataset_copy

    root = dataset_copy(tmp_path)
    topics = root / "topics.yaml"
    topics.write_text(
        topics.read_text("utf-8").replace(
            "title: Free transit", "title: '=HYPERLINK(\"http://x\")'"
        ),
        "utf-8",
    )
    rows = list(csv.reader(io.StringIO(run("topics", "--format", "csv", data=root).stdout)))
    assert rows[0] == ["topic", "title", "question", "measures"]
    assert rows[2][1] == '\'=HYPERLINK("http://x")'


def test_unknown_format_suggests(run):
    result = run("topics", "--format", "githb", data=BASE)
    assert result.exit_code == 2 and "did you mean 'github'?" in result.stderr


def test_topics_of_a_race_and_unknown_race(run):
    assert run("topics", "--race", "2020-springfield-mayor", data=BASE).exit_code == 0
    result = run("topics", "--race", "2020-springfeld-mayor", data=BASE)
    assert result.exit_code == 2 and "did you mean '2020-springfield-mayor'?" in result.stderr


def test_sources_listing(run):
    records = json.loads(run("sources", "--format", "json", data=BASE).stdout)
    assert {r["source"] for r in records} == {"gazette-debate", "gazette-primary", "chen-site"}


def test_show_profile_text(run):
    result = run("show", "alvarez", data=BASE, env={"COLUMNS": "70"})
    out = result.stdout
    assert result.exit_code == 0
    assert "Party history: Democratic (until 2018); Green (from 2018)" in out
    assert "SUPPORT: Cap annual rent increases at three percent." in out
    assert "Rent caps keep families in their homes." in out
    assert "Springfield Tenants Union (2020-04)" in out
    assert "primary: 41.5%" in out
    assert max(len(line) for line in out.splitlines()) <= 70


def test_show_json(run):
    record = json.loads(
        run("show", "2020-springfield-mayor/chen", "--format", "json", data=BASE).stdout
    )
    assert [p["topic"] for p in record["positions"]] == ["rent-control", "transit", "police-budget"]
    assert record["positions"][1]["citations"][0]["quote"] == "公交免费。"


@pytest.mark.parametrize(
    "ref, message",
    [
        ("okafr", "did you mean 'okafor'?"),
        ("2020-springfield-mayor/chenn", "did you mean 'chen'?"),
        ("../../etc/passwd", "is not a candidate reference"),
        ("/etc/passwd", "is not a candidate reference"),
        ("2020-springfield-mayor/../..", "is not a candidate reference"),
    ],
)
def test_unknown_or_unsafe_candidate_is_a_usage_error(run, ref, message):
    result = run("show", ref, data=BASE)
    assert result.exit_code == 2 and message in result.stderr


def test_ambiguous_bare_id_asks_for_the_race(run, tmp_path):
    import shutil

    from tests.conftest import dataset_copy

    root = dataset_copy(tmp_path)
    shutil.copytree(root / "2020-springfield-mayor", root / "2020-shelbyville-mayor")
    result = run("show", "chen", data=root)
    assert result.exit_code == 2
    assert "2020-shelbyville-mayor/chen, 2020-springfield-mayor/chen" in result.stderr
    assert run("show", "2020-shelbyville-mayor/chen", data=root).exit_code == 0


def test_races_text_shows_kind_and_cited_results(run, tmp_path):
    root = dataset_copy(tmp_path)
    race = root / "2020-springfield-mayor" / "race.yaml"
    race.write_text(
        race.read_text("utf-8")
        .replace(
            "primary_date: 2020-06-04\n",
            "primary_date: 2020-06-04\nnonpartisan: true\nsystem: top-two\n",
        )
        .replace(
            "    percent: 41.5\n",
            "    percent: 41.5\n"
            "    votes: 12345\n    as_of: 2020-06-05\n"
            "    count: unofficial\n    outcome: advanced\n",
        ),
        "utf-8",
    )
    out = run("races", data=root, env={"COLUMNS": "200"}).stdout
    assert "nonpartisan, top-two; 3 candidates" in out
    assert (
        "Primary: María Álvarez-Núñez 41.5%, 12,345 votes (advanced) \u2014 unofficial, "
        "count of 2020-06-05 [sources: Springfield Gazette, \u201cPrimary results\u201d]"
    ) in out
    (record,) = json.loads(run("races", "--format", "json", data=root).stdout)
    assert [c["source"] for c in record["results"][0]["citations"]] == ["gazette-primary"]
    assert (record["nonpartisan"], record["system"]) == (True, "top-two")


def test_a_race_still_to_come_shows_each_candidacy_with_its_date(run, tmp_path):
    root = dataset_copy(tmp_path, "status-out-of-order")
    okafor = root / "2020-springfield-mayor" / "okafor.yaml"
    okafor.write_text(okafor.read_text("utf-8").replace("2020-01-10", "2020-03-10"), "utf-8")
    race = root / "2020-springfield-mayor" / "race.yaml"
    text = race.read_text("utf-8").replace("2020-11-05", "2099-11-05")
    text = text.replace("2020-06-04", "2099-06-04").split("results:")[0]
    race.write_text(text + "notes: A fictional race used by the test suite.\n", "utf-8")
    assert run("validate", data=root).exit_code == 0  # the primary's source is now unused
    races = run("races", data=root, env={"COLUMNS": "200"}).stdout
    assert "the election has not happened: the first round is on 2099-06-04" in races
    assert (
        "Chidi Okafor, exploring a run as of 2020-03-10 [sources: Springfield Gazette, "
        "\u201cCandidates spar over rents and buses\u201d]"
    ) in races
    listed = json.loads(run("candidates", "--format", "json", data=root).stdout)
    statuses = {r["candidate"]: r["status"] for r in listed}
    assert (statuses["okafor"]["status"], statuses["okafor"]["as_of"]) == (
        "exploring",
        "2020-03-10",
    )
    assert statuses["chen"] is None
    compared = run("compare", "--race", "2020-springfield-mayor", "--width", "120", data=root)
    assert "  Chidi Okafor: exploring a run (as of 2020-03-10)" in compared.stdout
    assert "the election has not happened" in compared.stdout
    record = json.loads(
        run("compare", "--race", "2020-springfield-mayor", "--format", "json", data=root).stdout
    )
    statuses = {c["candidate"]: c["status"] for c in record["candidates"]}
    assert statuses["okafor"]["status"] == "exploring" and statuses["chen"] is None
    shown = run("show", "okafor", data=root, env={"COLUMNS": "200"}).stdout
    assert shown.index("Candidacy: declared candidate as of 2020-03-01") < shown.index(
        "Candidacy: exploring a run as of 2020-03-10"
    )
