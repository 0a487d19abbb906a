"""`cite` and the files a user names, against hostile pages and files (issue 27): pages
whose markup would make a parser quadratic, a saved page that names someone else's address,
two curators citing at once, file modes and links, addresses that are not plain ASCII,
named pipes and devices where a file is expected. Pages are served on 127.0.0.1 by the
tests themselves."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from cli.curation import pagemeta
from cli.dataset.limits import MAX_FILE_BYTES
from cli.quotes.pagetext import visible_text
from cli.quotes.quotematch import find
from tests.conftest import FIXTURES
from tests.localsite import QuietHandler, serving
from tests.test_curate import said

BASE = FIXTURES / "base"
R = "2020-springfield-mayor"


PAGE = (
    "<html><head><title>Okafor on rents</title>"
    '<meta property="og:site_name" content="The Gazette"></head>'
    "<body><p>We will cap rents for older buildings, Okafor said.</p></body></html>"
)


class _Site(QuietHandler):
    """Serves ``pages`` (the request's path and query, as sent -> HTML); before answering,
    calls ``while_fetched`` of the path when there is one (to act while cite waits)."""

    pages: dict[str, str] = {}
    while_fetched: dict = {}
    asked: list[str] = []

    def do_GET(self):  # noqa: N802 - the name http.server calls
        self.asked.append(self.path)
        action = self.while_fetched.get(self.path)
        if action is not None:
            action()
        body = self.pages.get(self.path, PAGE).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def _server():
    with serving(_Site) as base:
        yield base


@pytest.fixture
def site(_server):
    """The base address of a local server of ``_Site``, emptied of pages and actions."""
    _Site.pages, _Site.while_fetched, _Site.asked = {}, {}, []
    return _server


def cite(run, root, *args: str):
    """``platforms cite ARGS --race R`` on the dataset at ``root``, pages on 127.0.0.1."""
    return run("cite", *args, "--race", R, "--allow-private", "--width", "200", data=root)


# --- every parser of a page's text is linear in the page ----------------------------------


def _best_time(parse, page: str) -> float:
    """The shortest of three runs of ``parse(page)``, in seconds."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        parse(page)
        times.append(time.perf_counter() - started)
    return min(times)


#: Markup that made a parser hold on to, or scan again, everything after each piece.
HOSTILE_UNITS = [
    '<script type="application/ld+json">x',  # openers, one closer at the end
    '<script type="application/ld+json">{"@graph": [',
    "<title>x",
    '<meta content="x',
    "<link rel=canonical href='",
    "<time datetime=",
    "<a ",
    "<!-- ",
]


def _find_a_quote(page: str) -> None:
    find("We will cap rents for older buildings", visible_text(page))


@pytest.mark.parametrize(
    "parse", [pagemeta.read, visible_text, _find_a_quote], ids=["metadata", "text", "quote"]
)
@pytest.mark.parametrize("unit", HOSTILE_UNITS)
def test_doubling_a_hostile_page_about_doubles_the_time_to_read_it(parse, unit):
    once = _best_time(parse, unit * 4_000 + "</script></title>")
    twice = _best_time(parse, unit * 8_000 + "</script></title>")
    assert twice < 3 * once + 0.02, (once, twice)  # quadratic work takes four times as long


def test_the_metadata_of_a_page_of_script_openers_takes_little_memory():
    page = '<script type="application/ld+json">x' * 20_000 + "</script>"  # 700 KB
    tracemalloc.start()
    try:
        started = time.perf_counter()
        meta = pagemeta.read(page)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert meta == pagemeta.PageMeta()
    assert time.perf_counter() - started < 2 and peak < 10 * len(page)


def test_cite_reads_a_1_mb_page_of_script_openers_at_once(run, base, tmp_path):
    saved = tmp_path / "openers.html"
    saved.write_text('<script type="application/ld+json">x' * 30_000 + "</script>", "utf-8")
    started = time.monotonic()
    result = cite(run, base, "--from-file", str(saved), "--url", "https://example.org/x")
    assert result.exit_code == 0, said(result)
    assert time.monotonic() - started < 3


# --- every file a user names is read bounded, and only when it is a regular file ----------


@pytest.fixture
def fifo(tmp_path):
    """A named pipe nobody writes to. Were it opened and read, the reader would wait for a
    writer for ever: after 5 s a writer opens it and closes it at once, which ends such a
    wait (a test that saw it then fails on the time taken, instead of hanging)."""
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    done = threading.Event()

    def release() -> None:
        if done.wait(5):
            return
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:  # no reader: nothing waits
            pass

    helper = threading.Thread(target=release, daemon=True)
    helper.start()
    yield path
    done.set()
    helper.join()


def test_a_named_pipe_as_the_answers_file_is_refused_at_once(run, fifo):
    started = time.monotonic()
    result = run("match", "--answers", str(fifo), data=BASE)
    assert time.monotonic() - started < 2
    assert result.exit_code == 2
    assert f"{fifo} is a named pipe, not a regular file; give the answers file as a file" in (
        result.stderr
    )


def test_a_device_as_the_answers_file_is_refused_without_reading_it(run):
    result = run("match", "--answers", "/dev/zero", data=BASE)
    assert result.exit_code == 2
    assert "/dev/zero is a device, not a regular file" in result.stderr


def test_an_answers_file_over_the_limit_is_refused(run, tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_bytes(b"answers: {}\n" + b"#" * MAX_FILE_BYTES)
    result = run("match", "--answers", str(path), data=BASE)
    assert result.exit_code == 2
    assert f"{path} is over the limit of {MAX_FILE_BYTES} bytes for the answers file" in (
        result.stderr
    )


def test_a_named_pipe_as_a_saved_page_is_refused_at_once(run, base, fifo):
    started = time.monotonic()
    result = cite(run, base, "--from-file", str(fifo))
    assert time.monotonic() - started < 2
    assert result.exit_code == 2
    assert f"{fifo} is a named pipe, not a regular file; give the saved page as a file" in said(
        result
    )


def test_a_named_pipe_in_the_page_cache_is_no_cached_page(tmp_path):
    from cli.quotes import fetch

    url = "https://example.org/story"
    fetch.keep(fetch.Page(url, url, 200, "text/html", None, b"<p>x</p>"), tmp_path)
    (body,) = tmp_path.glob("*.body")
    body.unlink()
    os.mkfifo(body)
    started = time.monotonic()
    assert fetch.cached(url, tmp_path) is None
    assert time.monotonic() - started < 1


def test_a_huge_dataset_file_is_not_read_whole_to_index_it(run, base):
    with open(base / R / "zed.yaml", "wb") as handle:
        handle.truncate(64 * 2**20)  # sparse: 64 MB that take no disk
    tracemalloc.start()
    try:
        result = run("filter", data=base)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.exit_code == 1
    assert "zed.yaml:1:1: error: the file is over the limit" in result.stderr
    assert peak < 16 * 2**20


# --- addresses that are not plain ASCII are fetched as browsers and curl fetch them --------


@pytest.mark.parametrize(
    "address, sent",
    [("/Élection", "/%C3%89lection"), ("/search?q=é", "/search?q=%C3%A9")],
)
def test_a_page_whose_address_is_not_ascii_is_fetched(run, base, site, address, sent):
    result = cite(run, base, f"{site}{address}")
    assert result.exit_code == 0, said(result)
    assert _Site.asked == [sent]
    assert f"  url: {site}{address}\n" in result.stdout  # written as the curator gave it


def test_an_internationalised_address_becomes_the_one_sent():
    from cli.text.urls import as_uri

    assert as_uri("https://Bücher.example:8080/Élection/ü?q=é&x=%C3%A9#Tëil") == (
        "https://xn--bcher-kva.example:8080/%C3%89lection/%C3%BC?q=%C3%A9&x=%C3%A9#T%C3%ABil"
    )
    assert as_uri("http://[::1]:8080/a b") == "http://[::1]:8080/a%20b"
    assert as_uri("https://example.org/plain?x=1") == "https://example.org/plain?x=1"


# --- cite writes nothing validate would reject --------------------------------------------


def _problems_of(run, root: Path) -> list[dict]:
    """What ``validate`` reports on the dataset at ``root``."""
    result = run("validate", "--format", "json", data=root)
    return json.loads(result.stdout)["problems"]


@pytest.mark.parametrize("href", ["https://x.example/a&#10;b", "https://x.example/a\x1b[31mb"])
def test_a_canonical_address_validate_would_reject_is_left_out(run, base, tmp_path, href):
    saved = tmp_path / "saved.html"
    saved.write_text(PAGE.replace("</head>", f'<link rel="canonical" href="{href}"></head>'))
    before = _problems_of(run, base)
    result = cite(run, base, "--from-file", str(saved))
    assert result.exit_code == 0, said(result)
    assert "url" not in result.stdout.split("Where each value came from")[0]
    assert "The page's url is not a value validate accepts, so it is left out: " in result.stdout
    assert "\x1b" not in result.stdout and "x.example/a\nb" not in result.stdout
    new = [p for p in _problems_of(run, base) if p not in before]
    # no bad-url, no control character: only what any new source without an address gets
    assert {p["code"] for p in new} == {"unused-source", "unlocated-source"}


@pytest.mark.parametrize("url", ["https://x.example/a\x1b[31mb", "https://x.example/a b"])
def test_an_address_validate_would_reject_is_refused_before_anything_is_read(run, base, url):
    before = (base / R / "sources.yaml").read_bytes()
    result = cite(run, base, url)
    assert result.exit_code == 2
    assert "Invalid value for 'URL'" in result.stderr and "\x1b" not in result.stderr
    assert (base / R / "sources.yaml").read_bytes() == before


# --- cite edits sources.yaml under a lock, as it stands after the fetch, keeping its mode --

ENTRY_BY_HAND = "by-hand:\n  title: Added by hand\n  publisher: P\n"


def _sources(root: Path) -> str:
    return (root / R / "sources.yaml").read_text("utf-8")


def test_a_source_added_by_hand_while_cite_fetches_is_kept(run, base, site):
    def add_by_hand() -> None:
        with open(base / R / "sources.yaml", "a", encoding="utf-8") as handle:
            handle.write(ENTRY_BY_HAND)

    _Site.while_fetched["/story"] = add_by_hand
    result = cite(run, base, f"{site}/story", "--id", "gazette-rents")
    assert result.exit_code == 0, said(result)
    text = _sources(base)
    assert ENTRY_BY_HAND in text and "gazette-rents:\n" in text
    assert text.index(ENTRY_BY_HAND) < text.index("gazette-rents:")


def test_two_cites_at_once_both_add_their_source(run, base, site, tmp_path):
    seconds: list = []

    def cite_another_page() -> None:
        seconds.append(
            subprocess.run(
                [sys.executable, "-m", "cli", "--data", str(base), "cite", f"{site}/second"]
                + ["--race", R, "--allow-private", "--id", "second"],
                capture_output=True,
                text=True,
                timeout=30,
                env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
            )
        )

    _Site.while_fetched["/first"] = cite_another_page
    first = cite(run, base, f"{site}/first", "--id", "first")
    assert "Added source 'first'" in first.stdout
    assert "Added source 'second'" in seconds[0].stdout
    text = _sources(base)
    assert "\nfirst:\n" in text and "\nsecond:\n" in text


def test_an_id_taken_while_cite_fetches_is_not_written_twice(run, base, site):
    def take_the_id() -> None:
        with open(base / R / "sources.yaml", "a", encoding="utf-8") as handle:
            handle.write(ENTRY_BY_HAND.replace("by-hand", "gazette-rents"))

    _Site.while_fetched["/story"] = take_the_id
    result = cite(run, base, f"{site}/story", "--id", "gazette-rents")
    assert result.exit_code == 1
    assert f"'gazette-rents' became a source in {R}/sources.yaml while the page was read" in (
        said(result)
    )
    assert _sources(base).count("gazette-rents:") == 1


def test_cite_keeps_the_mode_of_sources_yaml(run, base, site):
    path = base / R / "sources.yaml"
    path.chmod(0o600)
    assert cite(run, base, f"{site}/story").exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_read_only_sources_yaml_is_refused_before_the_page_is_fetched(run, base, site):
    path = base / R / "sources.yaml"
    before = path.read_bytes()
    path.chmod(0o444)
    result = cite(run, base, f"{site}/story")
    assert result.exit_code == 1
    assert f"{path} is read-only; make it writable for cite; nothing was written" in said(result)
    assert _Site.asked == [] and path.read_bytes() == before


def test_a_linked_sources_yaml_is_refused_before_the_page_is_fetched(run, base, site):
    """validate reads a sources.yaml that links to a file inside the dataset; cite writes
    only a plain one, as check-quotes --record does: a curator who links two races'
    bibliographies would not expect citing a page for one race to add it to the other."""
    shared = base / ".shared"
    shared.mkdir()
    (base / R / "sources.yaml").rename(shared / "sources.yaml")
    (base / R / "sources.yaml").symlink_to(shared / "sources.yaml")
    before = (shared / "sources.yaml").read_bytes()
    assert run("validate", data=base).exit_code == 0
    result = cite(run, base, f"{site}/story")
    assert result.exit_code == 1
    assert "sources.yaml is a link; cite writes only a plain file" in said(result)
    assert "Traceback" not in said(result) and "internal error" not in said(result)
    assert _Site.asked == [] and (shared / "sources.yaml").read_bytes() == before


# --- a saved page is kept for check-quotes only under the address the curator gives -------

SAVED = (
    '<title>Debate</title><meta property="og:site_name" content="Gazette">{head}'
    "<p>Older buildings need rent caps. Frequency beats free. Forty more officers on patrol."
)


def _okafor_cites(root: Path, source: str) -> None:
    """Okafor's quotes (all on the saved page, none on the served one) cite ``source``."""
    path = root / R / "okafor.yaml"
    path.write_text(path.read_text("utf-8").replace("gazette-debate", source), "utf-8")


def _statuses(run, root: Path, *options: str) -> set[str]:
    result = run(
        "check-quotes", "okafor", "--allow-private", "--format", "json", *options, data=root
    )
    return {check["status"] for check in json.loads(result.stdout)}


def test_a_saved_page_is_not_kept_as_the_copy_of_the_address_it_names(run, base, site, tmp_path):
    saved = tmp_path / "saved.html"
    saved.write_text(SAVED.format(head=f'<link rel="canonical" href="{site}/story">'), "utf-8")
    result = cite(run, base, "--from-file", str(saved), "--id", "saved")
    assert result.exit_code == 0, said(result)
    assert f"  url: {site}/story\n" in result.stdout
    assert "not kept for check-quotes" in " ".join(result.stdout.split())
    _okafor_cites(base, "saved")
    assert _statuses(run, base) == {"not-found"}  # read from the address, not the saved copy
    assert _Site.asked == ["/story"]


def test_a_saved_page_is_kept_under_the_address_the_curator_gives(run, base, site, tmp_path):
    saved = tmp_path / "saved.html"
    saved.write_text(SAVED.format(head=""), "utf-8")
    result = cite(run, base, "--from-file", str(saved), "--url", f"{site}/story", "--id", "saved")
    assert result.exit_code == 0, said(result)
    _okafor_cites(base, "saved")
    assert _statuses(run, base, "--offline") == {"found"}
    assert _Site.asked == []


# --- the line cite reports is the line validate reports ------------------------------------


@pytest.mark.parametrize("newline", ["\r", "\x85", "\u2028", "\r\n", "\n"])
def test_the_line_cite_reports_is_where_validate_finds_the_source(run, base, site, newline):
    path = base / R / "sources.yaml"
    lines = path.read_text("utf-8").splitlines()
    path.write_bytes(newline.join(lines).encode("utf-8") + newline.encode("utf-8"))
    result = cite(run, base, f"{site}/story", "--id", "new-one")
    assert result.exit_code == 0, said(result)
    line = int(result.stdout.split(", line ")[1].split(":")[0])
    (unused,) = [
        p
        for p in _problems_of(run, base)
        if p["code"] == "unused-source" and "'new-one'" in p["message"]
    ]
    assert unused["line"] == line == len(lines) + 1
    text = path.read_bytes().decode("utf-8")
    assert text.count(newline) == len(lines) + 5  # the entry is written with the file's breaks


# --- the page cache leaves no temporary file behind ----------------------------------------


def test_a_cache_write_that_fails_leaves_no_temporary_file(tmp_path):
    from cli.quotes import fetch

    page = fetch.Page("https://example.org/a", None, 200, "text/html", None, b"<p>x</p>")
    fetch.keep(page, tmp_path)
    (body,) = tmp_path.glob("*.body")
    for kept in tmp_path.iterdir():
        kept.unlink()
    body.mkdir()  # where the page goes: the write fails
    fetch.keep(page, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [body.name]
    assert fetch.cached(page.url, tmp_path) is None


def test_prune_removes_temporary_files_a_dead_run_left(tmp_path):
    from cli.quotes import fetch

    stale, fresh = tmp_path / ".0123.body.77.tmp", tmp_path / ".4567.body.78.tmp"
    stale.write_bytes(b"")
    fresh.write_bytes(b"")  # may be a running fetch's: left alone
    day_ago = time.time() - 86_400
    os.utime(stale, (day_ago, day_ago))
    fetch.prune(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [fresh.name]
