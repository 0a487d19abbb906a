"""check-quotes against pages served on 127.0.0.1 (never the network), history and changes
in a real git repository."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from cli.quotes import fetch
from cli.quotes.quotematch import find, quote_parts
from tests.conftest import dataset_copy

R = "2020-springfield-mayor"

PAGES = {
    "/curly": (
        "text/html; charset=utf-8",
        b"<html><head><title>Debate</title><script>var x = 1;</script></head><body>"
        b'<p>Okafor said: "We\'ll cap rents - for older&nbsp;buildings!" '
        b"and sat down.</p></body></html>",
    ),
    "/script": (
        "text/html",
        b"<html><body><p>Frequency beats nothing, they said.</p>"
        b"<script>var q = 'Frequency beats free';</script></body></html>",
    ),
    "/latin1": (
        "text/html; charset=iso-8859-1",
        "<p>Álvarez-Núñez took 41.5 percent.</p>".encode("latin-1"),
    ),
    "/meta": ("text/html", '<meta charset="windows-1252"><p>“Curly” café</p>'.encode("cp1252")),
    "/plain": (
        "text/plain; charset=utf-8",
        (
            "Álvarez-Núñez: “Rent caps keep families in their homes.” Free for students and "
            "seniors, yes; for everyone, not yet. Not one more dollar until we have crisis "
            "teams. The tenants union backs Álvarez-Núñez. Chen: “Safety matters to everyone.”"
            "\n我们需要更多住房，而不是租金管制。公交免费。\n"
        ).encode(),
    ),
    "/pdf": ("application/pdf", b"%PDF-1.4 Forty more officers"),
}


class _Pages(BaseHTTPRequestHandler):
    hits: list = []

    def do_GET(self):  # noqa: N802 - the http.server name
        self.hits.append((self.path, self.headers.get("User-Agent")))
        if self.path in PAGES:
            kind, body = PAGES[self.path]
            self._send(200, body, {"Content-Type": kind})
        elif self.path == "/moved":
            self._send(302, b"", {"Location": "/curly"})
        elif self.path.startswith("/loop"):
            number = int(self.path[5:] or 0)
            self._send(302, b"", {"Location": f"/loop{number + 1}"})
        elif self.path == "/to-file":
            self._send(302, b"", {"Location": "file:///etc/passwd"})
        elif self.path == "/slow":
            time.sleep(2)
            self._send(200, b"<p>late</p>", {"Content-Type": "text/html"})
        elif self.path == "/huge":
            self._send(200, b"<p>" + b"x" * (fetch.MAX_BYTES + 10), {"Content-Type": "text/html"})
        else:
            self._send(404, b"<p>not here</p>", {"Content-Type": "text/html"})

    def _send(self, status, body, headers):
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    """A page server on 127.0.0.1; yields its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _quoted_dataset(tmp_path: Path, base: str) -> Path:
    root = dataset_copy(tmp_path)
    (root / R / "sources.yaml").write_text(
        f"""\
debate:
  title: Debate
  publisher: Gazette
  url: {base}/curly
moved:
  title: Debate, moved
  publisher: Gazette
  url: {base}/moved
buses:
  title: Buses
  publisher: Gazette
  url: {base}/script
gone:
  title: Gone
  publisher: Gazette
  url: {base}/missing
leaflet:
  title: A leaflet
  publisher: Okafor campaign
  date: 2020-05-01
gazette-debate:
  title: Candidates spar
  publisher: Springfield Gazette
  url: {base}/plain
gazette-primary:
  title: Primary results
  publisher: Springfield Gazette
  url: {base}/latin1
chen-site:
  title: Chen
  publisher: Chen for Mayor
  url: {base}/plain
""",
        "utf-8",
    )
    (root / R / "okafor.yaml").write_text(
        """\
name: Chidi Okafor
positions:
  rent-control:
    stance: support
    summary: Cap rents for older buildings.
    citations:
      - source: debate
        quote: “We’ll cap rents — for older buildings.”
      - source: moved
        quote: We'll cap rents … older buildings
  transit:
    stance: oppose
    summary: Frequency first.
    citations:
      - source: buses
        quote: Frequency beats free.
  police-budget:
    stance: support
    summary: More officers.
    citations:
      - source: gone
        quote: Forty more officers.
      - source: leaflet
        quote: Forty more officers.
""",
        "utf-8",
    )
    return root


def _statuses(result) -> dict:
    return {(r["topic"], r["source"]): r for r in json.loads(result.stdout)}


def test_check_quotes_on_loopback_pages_then_offline(run, tmp_path, server):
    root = _quoted_dataset(tmp_path, server)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    first = run("check-quotes", "okafor", "--allow-private", "--format", "json", data=root, env=env)
    got = _statuses(first)
    assert first.exit_code == 1  # one quote is not on its page
    assert got["rent-control", "debate"]["status"] == "found"
    assert got["rent-control", "moved"]["status"] == "found"  # redirect followed, ellipsis
    assert got["transit", "buses"]["status"] == "not-found"  # only inside <script>
    assert "closest passage: “frequency beats nothing,”" in got["transit", "buses"]["detail"]
    assert got["police-budget", "gone"]["status"] == "unreachable"
    assert got["police-budget", "gone"]["detail"] == "HTTP 404 Not Found"
    assert got["police-budget", "leaflet"]["status"] == "no-url"
    record = got["rent-control", "debate"]
    assert (record["path"], record["line"], record["race"], record["candidate"]) == (
        f"{R}/okafor.yaml",
        7,
        R,
        "okafor",
    )
    assert all(agent.startswith("candidate-platforms/") for _, agent in _Pages.hits)

    _Pages.hits.clear()
    second = run("check-quotes", "okafor", "--offline", "--format", "json", data=root, env=env)
    assert _Pages.hits == []  # no request at all
    again = _statuses(second)
    assert {k: v["status"] for k, v in again.items()} == {k: v["status"] for k, v in got.items()}
    assert again["police-budget", "gone"]["detail"].startswith("not in the cache")


def test_check_quotes_text_and_exit_0_when_all_found(run, tmp_path, server):
    root = _quoted_dataset(tmp_path, server)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = run("check-quotes", "alvarez", "chen", "--allow-private", data=root, env=env)
    assert result.exit_code == 0, result.stdout
    assert "found" in result.stdout.splitlines()[-1]
    text = run("check-quotes", "okafor", "--allow-private", data=root, env=env).stdout
    assert "NOT-FOUND: 2020-springfield-mayor/okafor · topic transit · buses" in text
    assert "“Frequency beats free.”" in text


@pytest.mark.parametrize(
    "path, error",
    [
        ("/loop", "more than 5 redirects"),
        ("/to-file", "is not allowed"),
        ("/huge", "over 5 MB"),
        ("/pdf", "not a web page (application/pdf)"),
        ("/slow", "timed out"),
    ],
)
def test_fetch_limits(server, path, error):
    page = fetch.fetch(server + path, timeout=0.5, allow_private=True)
    assert page.body is None and error in page.error


@pytest.mark.parametrize(
    "path, words",
    [
        ("/latin1", "Álvarez-Núñez took"),
        ("/meta", "“Curly” café"),
    ],
)
def test_charsets_are_honoured(server, path, words):
    from cli.quotes.pagetext import decode, visible_text

    page = fetch.fetch(server + path, timeout=5, allow_private=True)
    assert words in visible_text(decode(page.body, page.charset))


def test_only_web_addresses_are_fetched():
    assert fetch.fetch("file:///etc/passwd", 1).error == "not an http or https address"


@pytest.mark.parametrize(
    "quote, page, found",
    [
        ("“Housing first,” she said", '"HOUSING FIRST," she said.', True),
        ("Housing first", "Housing\u00a0\n  first", True),
        ("a — b", "a - b", True),
        ("first … last", "first, middle, last", True),
        ("last … first", "first, middle, last", False),
        ("ﬁne words", "fine words", True),  # NFKC
        ("words", "other things", False),
    ],
)
def test_quote_matching(quote, page, found):
    assert find(quote, page).found is found


def test_quote_parts_drop_edge_punctuation_and_split_on_ellipsis():
    assert quote_parts("“…and then [...] more!”") == ["and then", "more"]


# --- history and changes -------------------------------------------------------------


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "T",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "T",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "HOME": str(cwd),
            "PATH": "/usr/bin:/bin:/usr/local/bin",
        },
    )


@pytest.fixture
def repo(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = dataset_copy(tmp_path)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "Springfield positions")
    path = root / R / "okafor.yaml"
    path.write_text(path.read_text("utf-8").replace("stance: oppose", "stance: support"), "utf-8")
    _git(root, "commit", "-qam", "Okafor flips on free transit")
    return root


def test_a_flipped_stance_is_two_history_entries_and_one_change(run, repo):
    entries = json.loads(
        run("history", "okafor", "--topic", "transit", "--format", "json", data=repo).stdout
    )
    assert [(e["stance"], e["message"]) for e in entries] == [
        ("oppose", "Springfield positions"),
        ("support", "Okafor flips on free transit"),
    ]
    assert entries[1]["change"] == "reversal" and len(entries[1]["commit"]) == 40
    assert set(entries[0]) >= {"commit", "date", "message", "topic", "stance", "summary"}
    text = run("history", "okafor", data=repo).stdout
    assert "SUPPORT: transit [REVERSAL]" in text

    found = json.loads(run("changes", "HEAD~1", "HEAD", "--format", "json", data=repo).stdout)
    assert [
        (c["candidate"], c["topic"], c["change"], c["before"]["stance"], c["after"]["stance"])
        for c in found
    ] == [("okafor", "transit", "changed", "oppose", "support")]


def test_changes_against_the_working_tree(run, repo):
    assert json.loads(run("changes", "--format", "json", data=repo).stdout) == []
    race = repo / R
    (race / "zed.yaml").write_text("name: Zed Smith\npositions: {}\n", "utf-8")
    okafor = race / "okafor.yaml"
    okafor.write_text(
        okafor.read_text("utf-8").replace(
            "        quote: Frequency beats free.\n",
            "        quote: Frequency beats free.\n      - source: chen-site\n"
            "        quote: Buses every five minutes.\n",
        ),
        "utf-8",
    )
    sources = race / "sources.yaml"
    sources.write_text(sources.read_text("utf-8").replace("Primary results", "Results"), "utf-8")
    found = {
        (c["kind"], c["change"], c["candidate"], c["topic"])
        for c in json.loads(run("changes", "--format", "json", data=repo).stdout)
    }
    assert found == {
        ("candidate", "added", "zed", None),
        ("citation", "added", "okafor", "transit"),
        ("source", "changed", None, None),
    }
    text = run("changes", data=repo).stdout
    assert "+ candidate 2020-springfield-mayor/zed" in text and "3 change(s)" in text


def test_changes_reads_in_git_the_files_it_reads_on_disk(run, repo):
    # hidden files and folders are not dataset files, on disk or in a commit
    (repo / ".github").mkdir()
    (repo / ".github" / "ci.yaml").write_text("name: ci\n", "utf-8")
    (repo / R / ".draft.yaml").write_text((repo / R / "okafor.yaml").read_text("utf-8"), "utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "A draft and a workflow")
    assert json.loads(run("changes", "--format", "json", data=repo).stdout) == []
    assert json.loads(run("changes", "HEAD~1", "HEAD", "--format", "json", data=repo).stdout) == []


def test_history_and_changes_outside_git_exit_1(run, tmp_path):
    root = dataset_copy(tmp_path)
    for args in (("history", "okafor"), ("changes",)):
        result = run(*args, data=root, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
        assert result.exit_code == 1
        assert "is not in a git repository" in result.stderr


def test_unknown_revision_exits_1(run, repo):
    result = run("changes", "no-such-branch", data=repo)
    assert result.exit_code == 1 and "unknown revision 'no-such-branch'" in result.stderr


def test_history_of_a_file_never_committed_exits_1(run, repo):
    (repo / R / "zed.yaml").write_text("name: Zed Smith\n", "utf-8")
    result = run("history", "zed", data=repo)
    assert result.exit_code == 1 and "has no committed history" in result.stderr


def test_check_quotes_lists_the_quotes_of_figures_reported_since_a_pledge(run, tmp_path):
    root = dataset_copy(tmp_path, "reported-number-not-in-quote")
    result = run("check-quotes", "okafor", "--offline", "--format", "json", data=root)
    records = json.loads(result.stdout)
    assert {(r["topic"], r["source"]) for r in records if r.get("topic")} >= {
        ("police-budget", "gazette-debate"),
        ("police-budget", "gazette-primary"),
    }
