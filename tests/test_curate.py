"""The curator's commands: `new race`, `new candidate` and `cite`, against pages served
from a local test server (127.0.0.1 only)."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.localsite import QuietHandler, serving

RACE = "2026-springfield-mayor"
TODAY = datetime.date.today().isoformat()

RICH = """<!doctype html>
<html><head><meta charset="utf-8">
<title>Okafor pledges 200 officers - Springfield Gazette</title>
<meta property="og:title" content="Okafor pledges 200 officers">
<meta property="og:site_name" content="The Gazette">
<meta property="article:published_time" content="2026-03-01T23:00:00-05:00">
<meta property="article:author" content="https://social.example/dana">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
 {"@type": "Organization", "@id": "https://gazette.example/#org", "name": "Springfield Gazette"},
 {"@type": ["NewsArticle"], "headline": "Okafor pledges 200 more officers for Springfield",
  "datePublished": "2026-03-02T08:00:00-05:00",
  "publisher": {"@id": "https://gazette.example/#org"},
  "author": [{"@type": "Person", "name": "Dana Reporter"}, {"name": "Lee Writer"}]}]}
</script></head>
<body><article><h1>Okafor pledges 200 more officers</h1>
<time datetime="2026-02-28">February 28</time>
<p>Chidi Okafor said on Monday: \u201cWe will hire 200 more officers in my first year,
and put them on foot patrol.\u201d</p>
<p>Asked about buses, he said fares should stay.</p>
</article></body></html>
"""
BARE = """<html><body><h2>Town hall notes</h2>
<p>Okafor said shelters are not the answer, housing is.</p></body></html>
"""
TIME_ONLY = """<html><head><title>  Transit &amp; fares
  </title></head><body><p>By the desk</p><time datetime="2026-01-15T10:00">Jan 15</time>
<p>Free buses would cost too much, Okafor said.</p></body></html>
"""


class _Pages(QuietHandler):
    pages = {
        "/rich": RICH,
        "/bare": BARE,
        "/time-only": TIME_ONLY,
        "/base64": '<meta charset="base64"><title>T</title><p>x</p>',
    }

    def do_GET(self):  # noqa: N802 - the name http.server calls
        if self.path == "/report.pdf":
            self._send(200, b"%PDF-1.4", "application/pdf")
        elif self.path == "/base64":  # no charset in the header: the page's <meta> counts
            self._send(200, self.pages[self.path].encode(), "text/html")
        elif self.path in self.pages:
            self._send(200, self.pages[self.path].encode("utf-8"), "text/html; charset=utf-8")
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, status, body, kind):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def site():
    """The base address of a local server holding the test pages."""
    with serving(_Pages) as base:
        yield base


@pytest.fixture
def data(tmp_path) -> Path:
    """A dataset with a topic catalogue and no race."""
    root = tmp_path / "data"
    root.mkdir()
    shutil.copy(FIXTURES / "base" / "topics.yaml", root / "topics.yaml")
    return root


def said(result) -> str:
    """Everything a command printed, standard output and error alike."""
    return result.stdout + result.stderr


def new_race(run, data, race=RACE, *extra):
    return run(
        "new",
        "race",
        race,
        "--title",
        "2026 Springfield mayoral election",
        "--office",
        "Mayor of Springfield",
        "--jurisdiction",
        "Springfield, Example",
        "--date",
        "2026-11-03",
        "--topic",
        "rent-control",
        "--topic",
        "transit",
        *extra,
        data=data,
    )


def cite(run, data, *args):
    return run("cite", *args, "--race", RACE, "--allow-private", "--width", "200", data=data)


def validate(run, data, *args):
    import json

    result = run("validate", "--format", "json", *args, data=data)
    return result.exit_code, json.loads(result.stdout)["problems"]


def fill(path: Path, replacements: list[tuple[str, str]]) -> None:
    """Fill the skeleton's blanks one by one, in file order, as a curator would."""
    text = path.read_text("utf-8")
    for blank, value in replacements:
        at = text.index(blank)
        text = text[:at] + value + text[at + len(blank) :]
    path.write_text(text, "utf-8")


# --- the whole walk-through -------------------------------------------------------------


def test_new_race_candidate_and_cite_give_a_dataset_that_validates_once_filled(run, data, site):
    assert new_race(run, data).exit_code == 0
    assert validate(run, data, "--strict") == (0, [])  # an empty race is valid
    result = run(
        "new",
        "candidate",
        f"{RACE}/okafor",
        "--name",
        "Chidi Okafor",
        "--party",
        "Democratic",
        data=data,
    )
    assert result.exit_code == 0, said(result)
    assert "a blank position on each of the race's 2 topics (rent-control, transit)" in " ".join(
        result.stdout.split()
    )
    code, problems = validate(run, data)
    assert code == 1
    assert {p["code"] for p in problems} == {"blank-value"}
    assert len(problems) == 2 * 5  # stance, summary, as_of, source and quote per topic

    rich = cite(
        run,
        data,
        f"{site}/rich",
        "--kind",
        "news",
        "--quote",
        "We will hire 200 more officers in my first year",
    )
    assert rich.exit_code == 0, said(rich)
    bare = cite(run, data, f"{site}/bare", "--quote", "shelters are not the answer")
    assert bare.exit_code == 0, said(bare)
    from cli.dataset.safeyaml import parse

    sources = parse((data / RACE / "sources.yaml").read_text("utf-8"), "s").data
    rich_id = "springfield-gazette-2026-03-02-okafor-pledges-200-more-officers"
    assert sources[rich_id] == {
        "title": "Okafor pledges 200 more officers for Springfield",  # JSON-LD over og:title
        "publisher": "Springfield Gazette",  # the @id reference followed
        "author": "Dana Reporter and Lee Writer",  # not article:author's profile address
        "date": "2026-03-02",  # JSON-LD over article:published_time and <time>
        "url": f"{site}/rich",
        "kind": "news",
        "accessed": TODAY,
    }
    assert (
        "Where each value came from: title (JSON-LD headline), publisher (JSON-LD "
        "publisher.name), author (JSON-LD author.name), date (JSON-LD datePublished)" in rich.stdout
    )
    assert "Not on the page" not in rich.stdout
    [bare_id] = [s for s in sources if s != rich_id]
    assert sources[bare_id] == {
        "title": None,
        "publisher": None,
        "url": f"{site}/bare",
        "accessed": TODAY,
    }
    assert (
        "written blank for you to fill in ('platforms validate' reports them until you "
        "do): title, publisher." in bare.stdout
    )
    assert "left out (add them if another source states them): author, date." in bare.stdout
    assert "Not given: kind" in bare.stdout

    code, problems = validate(run, data)
    blank = {(p["path"].rsplit("/", 1)[1], p["line"]) for p in problems}
    assert ("sources.yaml", 14) in blank and ("sources.yaml", 15) in blank  # title, publisher

    fill(
        data / RACE / "okafor.yaml",
        [
            ("stance:", "stance: support"),
            ("summary:", "summary: Hire 200 more officers in his first year."),
            ("as_of:", "as_of: 2026-03-02"),
            ("source:", f"source: {rich_id}"),
            ("quote:", 'quote: "We will hire 200 more officers in my first year"'),
            ("stance:\n", "stance: oppose\n"),
            ("summary:\n", "summary: Keep bus fares.\n"),
            ("as_of:\n", "as_of: 2026-03\n"),
            ("source:\n", f"source: {bare_id}\n"),
            ("quote:\n", "quote: shelters are not the answer\n"),
        ],
    )
    fill(
        data / RACE / "sources.yaml",
        [
            ("title:\n", "title: Town hall notes\n"),
            ("publisher:\n", "publisher: Springfield Gazette\n"),
        ],
    )
    assert validate(run, data, "--strict") == (0, [])
    shown = run("compare", "--race", RACE, "--width", "100", data=data)
    assert "SUPPORT: Hire 200 more officers" in shown.stdout


def test_a_skeleton_says_what_to_write_in_every_blank(run, data):
    new_race(run, data)
    run("new", "candidate", f"{RACE}/okafor", "--name", "Chidi Okafor", data=data)
    text = (data / RACE / "okafor.yaml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "# Free transit: Should city buses be free to ride?\n  transit:\n" in text
    _, problems = validate(run, data)
    messages = {(p["line"], p["message"]) for p in problems if p["line"] <= 14}
    assert messages == {
        (
            9,
            "'stance' is blank in 'positions.rent-control': write support, oppose, mixed or "
            "unclear: the candidate's answer to the topic's question in topics.yaml",
        ),
        (
            10,
            "'summary' is blank in 'positions.rent-control': write one neutral sentence, at "
            "most 300 characters, saying what the candidate proposes",
        ),
        (
            11,
            "'as_of' is blank in 'positions.rent-control': write the date of the latest "
            "source the position rests on (YYYY-MM-DD, YYYY-MM or YYYY), or remove the key",
        ),
        (
            13,
            "'source' is blank in 'positions.rent-control.citations.0': write the id of a "
            "source in the race's sources.yaml (platforms cite adds one)",
        ),
        (
            14,
            "'quote' is blank in 'positions.rent-control.citations.0': write the source's "
            "words, copied verbatim from it, at most 600 characters",
        ),
    }


def test_the_written_race_reads_as_given_and_points_editors_at_the_schema(run, data):
    from cli.dataset.safeyaml import parse

    result = new_race(run, data, RACE, "--primary-date", "2026-06-02")
    assert result.exit_code == 0
    text = (data / RACE / "race.yaml").read_text("utf-8")
    assert parse(text, "r").data == {
        "title": "2026 Springfield mayoral election",
        "office": "Mayor of Springfield",
        "jurisdiction": "Springfield, Example",
        "election_date": "2026-11-03",
        "primary_date": "2026-06-02",
        "topics": ["rent-control", "transit"],
    }
    for name in ("race.yaml", "sources.yaml"):
        first = (data / RACE / name).read_text("utf-8").splitlines()[0]
        kind = name.split(".")[0]
        schema = Path(first.removeprefix("# yaml-language-server: $schema="))
        assert schema.is_absolute() and schema.name == f"{kind}.schema.json" and schema.exists()


def test_in_the_repository_the_schema_line_is_relative_as_in_the_bundled_files(tmp_path):
    from cli.curation.scaffold import schema_comment

    repository = Path(__file__).resolve().parent.parent
    folder = repository / "platforms" / "2022-los-angeles-mayor"
    bundled = (folder / "race.yaml").read_text("utf-8").splitlines()[0] + "\n"
    assert schema_comment("race", folder, repository / "platforms") == bundled


def test_new_race_asks_for_what_is_not_given_and_asks_again_after_a_bad_answer(run, data):
    result = run(
        "new",
        "race",
        RACE,
        data=data,
        input="\n".join(
            [
                "2026 Springfield mayoral election",
                "Mayor of Springfield",
                "Springfield, Example",
                "2026-02-30",
                "2026-11-03",
                "",
                "transit tarnsit",
                "transit rent-control",
                "",
            ]
        ),
    )
    assert result.exit_code == 0, said(result)
    assert "'election_date' '2026-02-30' is not a real date" in said(result)
    assert "unknown topic 'tarnsit' (did you mean 'transit'?)" in said(result)
    assert "Topics in topics.yaml: rent-control, transit, police-budget" in said(result)
    written = (data / RACE / "race.yaml").read_text()
    assert "topics: [transit, rent-control]\n" in written and "primary_date" not in written
    result = run(
        "new",
        "race",
        "2027-springfield-mayor",
        "--title",
        "T",
        "--office",
        "O",
        "--jurisdiction",
        "J",
        "--date",
        "2027-11-02",
        data=data,
        input="2027-6-1\n2027-06-01\ntransit\n",
    )
    assert result.exit_code == 0, said(result)
    assert "Error: 'primary_date' '2027-6-1' is not a date" in said(result)
    assert (
        "primary_date: 2027-06-01\n" in (data / "2027-springfield-mayor" / "race.yaml").read_text()
    )


def test_a_value_missing_without_a_terminal_is_a_usage_error(data):
    import subprocess
    import sys

    # a real process, its input at its end (Click 8.1's test runner never ends a prompt)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "cli",
            "--data",
            str(data),
            "new",
            "race",
            RACE,
            "--title",
            "T",
            "--office",
            "O",
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "missing --jurisdiction (there is no terminal to ask on)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (data / RACE).exists()


# --- refusing -----------------------------------------------------------------------------


def test_new_never_overwrites_a_race_or_a_candidate(run, data):
    new_race(run, data)
    before = (data / RACE / "race.yaml").read_bytes()
    again = new_race(run, data)
    assert again.exit_code == 1
    assert f"{data / RACE} exists; a race is never overwritten" in said(again)
    assert (data / RACE / "race.yaml").read_bytes() == before
    assert run("new", "candidate", f"{RACE}/okafor", "--name", "A", data=data).exit_code == 0
    written = (data / RACE / "okafor.yaml").read_bytes()
    again = run("new", "candidate", f"{RACE}/okafor", "--name", "B", data=data)
    assert again.exit_code == 1
    assert "okafor.yaml exists; a candidate is never overwritten" in said(again)
    assert (data / RACE / "okafor.yaml").read_bytes() == written


@pytest.mark.parametrize(
    "args, where",
    [
        (("new", "race", "Springfield_2026"), "'ID'"),
        (("new", "race", "a--b"), "'ID'"),
        (("new", "race", "x" * 65), "'ID'"),
        (("new", "candidate", f"{RACE}/Okafor", "--name", "A"), "'RACE/ID'"),
        (("new", "candidate", f"{RACE}/ok afor", "--name", "A"), "'RACE/ID'"),
        (("cite", "https://example.org/", "--race", RACE, "--id", "Gazette 1"), "'--id'"),
    ],
)
def test_a_bad_id_is_refused_with_the_rule_validate_applies(run, data, args, where):
    new_race(run, data)
    before = sorted(p.name for p in (data / RACE).iterdir())
    result = run(*args, data=data)
    assert result.exit_code == 2
    assert f"Invalid value for {where}:" in said(result)
    assert "is not a valid id: use lowercase letters, digits and single hyphens" in said(result)
    assert sorted(p.name for p in (data / RACE).iterdir()) == before


def test_a_candidate_cannot_take_the_name_of_a_race_file(run, data):
    new_race(run, data)
    result = run("new", "candidate", f"{RACE}/sources", "--name", "A", data=data)
    assert result.exit_code == 2
    assert "taken by the race's own sources.yaml" in said(result)


def test_unknown_race_and_topic_get_a_suggestion(run, data):
    new_race(run, data)
    result = run("new", "candidate", "2026-springfeld-mayor/okafor", "--name", "A", data=data)
    assert result.exit_code == 2 and f"did you mean '{RACE}'?" in said(result)
    result = new_race(run, data, "2027-springfield-mayor", "--topic", "transt")
    assert result.exit_code == 2 and "did you mean 'transit'?" in said(result)
    assert not (data / "2027-springfield-mayor").exists()


def test_a_bad_date_is_refused_before_anything_is_written(run, data):
    result = run(
        "new",
        "race",
        RACE,
        "--title",
        "T",
        "--office",
        "O",
        "--jurisdiction",
        "J",
        "--date",
        "03/11/2026",
        "--topic",
        "transit",
        data=data,
    )
    assert result.exit_code == 2
    assert (
        "Invalid value for '--date': 'election_date' '03/11/2026' is not a date: write "
        "YYYY-MM-DD" in said(result)
    )
    assert not (data / RACE).exists()


def test_a_dataset_without_topics_says_how_to_start_one(run, tmp_path):
    result = run("new", "race", RACE, data=tmp_path)
    assert result.exit_code == 1
    assert "has no topics.yaml" in said(result) and "cp " in said(result)


def test_the_installed_package_is_never_written_to(run):
    import cli

    inside = Path(cli.__file__).parent / "schemas"
    for args in (("new", "race", RACE), ("cite", "https://example.org/", "--race", RACE)):
        result = run(*args, data=inside)
        assert result.exit_code == 1
        assert "is inside the installed package" in said(result) and "--data DIR" in said(result)


# --- cite ---------------------------------------------------------------------------------


def test_cite_keeps_what_sources_yaml_holds_byte_for_byte(run, data, site):
    new_race(run, data)
    path = data / RACE / "sources.yaml"
    before = (
        b"# Our bibliography.\r\n\r\n# --- Okafor ---\r\nokafor-site:   # the campaign\r\n"
        b"  title: 'Okafor: the plan'\r\n  publisher: Okafor for Mayor\r\n"
        b"  notes: >-\r\n    Read on the site.\r\n# trailing comment, no newline"
    )
    path.write_bytes(before)
    result = cite(run, data, f"{site}/time-only")
    assert result.exit_code == 0, said(result)
    after = path.read_bytes()
    assert after.startswith(before + b"\r\n")
    added = after[len(before) + 2 :].decode()
    assert added == (
        f"127-0-0-1-2026-01-15-transit-fares:\r\n  title: Transit & fares\r\n"
        f"  publisher:\r\n  date: 2026-01-15\r\n  url: {site}/time-only\r\n"
        f"  accessed: {TODAY}\r\n"
    )
    assert "date (<time datetime>)" in result.stdout and "title (<title>)" in result.stdout
    assert "line 10:" in result.stdout


def test_a_page_already_cited_is_not_added_twice(run, data, site):
    new_race(run, data)
    assert cite(run, data, f"{site}/rich").exit_code == 0
    path = data / RACE / "sources.yaml"
    before = path.read_bytes()
    again = cite(run, data, f"{site}/rich/#comments", "--quote", "put them on foot patrol")
    assert again.exit_code == 1  # /rich/ is a 404 on this server: fetched, so not read
    again = cite(run, data, f"{site}/rich#comments", "--quote", "put them on foot patrol")
    assert again.exit_code == 0, said(again)
    assert (
        "Already a source of 2026-springfield-mayor: 'springfield-gazette-2026-03-02-"
        "okafor-pledges-200-more-officers' (2026-springfield-mayor/sources.yaml, "
        "line 5); nothing added." in again.stdout
    )
    assert "Quote: found on the page" in again.stdout
    assert path.read_bytes() == before


def test_same_page_addresses_compare_equal():
    from cli.text.urls import page_key

    assert page_key("https://www.Example.org/a/b/?x=1#top") == page_key(
        "http://example.org/a/b?x=1"
    )
    assert page_key("https://example.org:443/a") == page_key("https://example.org/a")
    assert page_key("https://example.org/a?x=1") != page_key("https://example.org/a?x=2")
    assert page_key("https://example.org:8080/a") != page_key("https://example.org/a")


def test_a_quote_not_on_the_page_gets_the_closest_passage(run, data, site):
    new_race(run, data)
    result = cite(
        run, data, f"{site}/rich", "--quote", "We will hire 300 more officers in our first year"
    )
    assert result.exit_code == 1
    assert "Quote: not found on the page." in result.stdout
    assert (
        'The closest passage (compared in lower case): \u201cmonday: "we will hire 200 '
        "more officers in my first\u201d" in result.stdout
    )
    assert 'quote: "We will hire 300 more officers in our first year"' in result.stdout
    assert "Added source" in result.stdout  # the source itself is still added


def test_a_found_quote_comes_with_a_citation_that_reads_back(run, data, site):
    from cli.dataset.safeyaml import parse

    new_race(run, data)
    quote = "We will hire 200 more officers in my first year, and put them on foot patrol."
    result = cite(run, data, f"{site}/rich", "--quote", quote, "--id", "gazette-okafor")
    assert result.exit_code == 0
    block = result.stdout.split("Paste this under the position's citations:\n\n")[1]
    assert parse(block, "b").data == [{"source": "gazette-okafor", "quote": quote}]
    assert "gazette-okafor:\n" in (data / RACE / "sources.yaml").read_text()


def test_an_id_already_taken_is_refused(run, data, site):
    new_race(run, data)
    cite(run, data, f"{site}/bare", "--id", "notes")
    result = cite(run, data, f"{site}/rich", "--id", "notes")
    assert result.exit_code == 2
    assert "'notes' is already a source of 2026-springfield-mayor" in said(result)


def test_generated_ids_are_unique_and_short():
    from cli.curation.bibliography import new_id
    from cli.dataset.layout import is_slug

    taken = {"gazette-2026-03-02-okafor"}
    assert new_id("Gazette", "2026-03-02", "Okafor", taken) == "gazette-2026-03-02-okafor-2"
    long = new_id(
        "The Springfield Gazette and Evening Chronicle",
        "2026-03-02",
        "Núñez says the city must hire many more officers before the summer",
        set(),
    )
    assert is_slug(long) and len(long) <= 64 and "nunez" in long
    assert new_id(None, None, "市长选举", set()) == "source"


def test_cite_from_a_saved_page_takes_its_canonical_address(run, data, tmp_path):
    new_race(run, data)
    saved = tmp_path / "saved.html"
    saved.write_text(
        RICH.replace(
            "</head>", '<link rel="canonical" href="https://gazette.example/okafor"></head>'
        ),
        "utf-8",
    )
    result = cite(run, data, "--from-file", str(saved), "--quote", "put them on foot patrol")
    assert result.exit_code == 0, said(result)
    assert 'url (<link rel="canonical">)' in result.stdout
    text = (data / RACE / "sources.yaml").read_text()
    assert "url: https://gazette.example/okafor\n" in text and "accessed" not in text


def test_cite_from_a_saved_page_without_an_address_names_it(run, data, tmp_path):
    new_race(run, data)
    saved = tmp_path / "saved.html"
    saved.write_text(BARE, "utf-8")
    result = cite(run, data, "--from-file", str(saved), "--url", "https://example.org/n")
    assert "url (as given)" in result.stdout
    saved.write_text(TIME_ONLY, "utf-8")
    result = cite(run, data, "--from-file", str(saved))
    assert result.exit_code == 0
    assert "left out (add them if another source states them): author, url." in result.stdout


@pytest.mark.parametrize(
    "path, message",
    [
        ("/missing", "cannot read {site}/missing: HTTP 404"),
        ("/report.pdf", "not a web page (application/pdf)"),
        (
            "/base64",
            "cannot read the page's text: the page declares the charset 'base64', "
            "which is not a text encoding",
        ),
    ],
)
def test_a_page_that_cannot_be_read_is_a_clear_error(run, data, site, path, message):
    new_race(run, data)
    before = (data / RACE / "sources.yaml").read_bytes()
    result = cite(run, data, f"{site}{path}", "--quote", "x")
    assert result.exit_code == 1
    assert message.format(site=site) in said(result)
    assert "Traceback" not in said(result)
    assert (data / RACE / "sources.yaml").read_bytes() == before


def test_cite_usage_errors(run, data):
    new_race(run, data)
    cases = [
        (("cite", "ftp://example.org/x", "--race", RACE), "is not an http or https address"),
        (
            ("cite", "https://example.org/", "--race", "2026-sprngfield-mayor"),
            f"did you mean '{RACE}'?",
        ),
        (("cite", "--race", RACE), "give the page's URL, or --from-file PAGE.html"),
        (
            ("cite", "https://example.org/", "--race", RACE, "--kind", "newz"),
            "did you mean 'news'?",
        ),
        (
            ("cite", "https://example.org/", "--race", RACE, "--url", "https://example.org/"),
            "--url goes with --from-file",
        ),
    ]
    for args, message in cases:
        result = run(*args, data=data)
        assert result.exit_code == 2, args
        assert message in said(result), args


def test_an_unreachable_page_is_a_clear_error(run, data):
    import socket

    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    new_race(run, data)
    result = cite(run, data, f"http://127.0.0.1:{port}/x")
    assert result.exit_code == 1
    assert f"cannot read http://127.0.0.1:{port}/x: " in said(result)
    assert "Connection refused" in said(result) and "Traceback" not in said(result)


def test_a_sources_file_in_flow_style_is_left_alone(run, data, site):
    new_race(run, data)
    path = data / RACE / "sources.yaml"
    path.write_text("{a: {title: T, publisher: P}}\n", "utf-8")
    result = cite(run, data, f"{site}/bare")
    assert result.exit_code == 1
    assert "would change what it already holds" in said(result)
    assert "nothing was written" in said(result)
    assert path.read_text("utf-8") == "{a: {title: T, publisher: P}}\n"


def test_cite_creates_a_missing_sources_file(run, data, site):
    new_race(run, data)
    (data / RACE / "sources.yaml").unlink()
    result = cite(run, data, f"{site}/rich")
    assert "(a new file)" in result.stdout
    text = (data / RACE / "sources.yaml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert validate(run, data)[0] == 0


def test_a_sources_file_that_is_not_valid_yaml_is_reported_where_it_breaks(run, data, site):
    new_race(run, data)
    path = data / RACE / "sources.yaml"
    path.write_text("a:\n  title: T\n  publisher: P\na:\n  title: U\n", "utf-8")
    result = cite(run, data, f"{site}/bare")
    assert result.exit_code == 1
    assert f"{RACE}/sources.yaml:4:1: error: duplicate key 'a'" in said(result)
    assert "fix sources.yaml first; nothing was written" in said(result)
    assert path.read_text("utf-8").count("a:") == 2


def test_a_race_without_topics_gets_a_candidate_without_positions(run, data):
    new_race(run, data)
    race = data / RACE / "race.yaml"
    race.write_text(race.read_text("utf-8").replace("topics: [rent-control, transit]\n", ""))
    result = run("new", "candidate", f"{RACE}/okafor", "--name", "Chidi Okafor", data=data)
    assert result.exit_code == 0
    assert "race.yaml lists no topics" in " ".join(result.stdout.split())
    assert "positions" not in (data / RACE / "okafor.yaml").read_text("utf-8").replace(
        "Delete the position", ""
    )


def test_new_candidate_asks_for_the_name(run, data):
    new_race(run, data)
    result = run("new", "candidate", f"{RACE}/okafor", data=data, input="  \nChidi Okafor\n")
    assert result.exit_code == 0, said(result)
    assert "name: Chidi Okafor\n" in (data / RACE / "okafor.yaml").read_text("utf-8")


def test_a_page_already_cited_is_named_without_fetching_it_again(run, data, site):
    new_race(run, data)
    (data / RACE / "sources.yaml").write_text(
        "gone:\n  title: T\n  publisher: P\n  url: http://127.0.0.1:9/gone\n", "utf-8"
    )
    result = cite(run, data, "https://127.0.0.1:9/gone/")  # nothing listens on port 9
    assert result.exit_code == 0, said(result)
    assert "Already a source of 2026-springfield-mayor: 'gone'" in result.stdout
