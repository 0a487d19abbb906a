"""check-quotes against pages served on 127.0.0.1 (never the network), history and changes
in a real git repository."""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from cli.quotes import fetch
from cli.quotes.quotematch import find, quote_parts
from tests.conftest import dataset_copy
from tests.localsite import QuietHandler, serving

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


class _Pages(QuietHandler):
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


@pytest.fixture(scope="module")
def server():
    """A page server on 127.0.0.1; yields its base URL."""
    with serving(_Pages) as base:
        yield base


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
    return {(r["subject"], r["source"]): r for r in json.loads(result.stdout)}


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
    assert entries[1]["change"]["kind"] == "reversal" and len(entries[1]["commit"]) == 40
    assert set(entries[0]) >= {"commit", "date", "message", "topic", "stance", "summary"}
    text = run("history", "okafor", data=repo).stdout
    assert "SUPPORT: transit [REVERSAL]" in text

    found = json.loads(run("changes", "HEAD~1", "HEAD", "--format", "json", data=repo).stdout)
    assert [
        (c["candidate"], c["topic"], c["edit"], c["before"]["stance"], c["after"]["stance"])
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
        (c["kind"], c["edit"], c["candidate"], c["topic"])
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
    assert {(r["subject"], r["source"]) for r in records if r["kind"] == "topic"} >= {
        ("police-budget", "gazette-debate"),
        ("police-budget", "gazette-primary"),
    }


def _recorded(root: Path) -> dict:
    """Each source's ``checked`` block as sources.yaml now holds it."""
    data = yaml.safe_load((root / R / "sources.yaml").read_text("utf-8"))
    return {
        sid: s.get("checked") and {k: str(v) for k, v in s["checked"].items()}
        for sid, s in data.items()
    }


def test_record_writes_a_check_only_for_sources_whose_quotes_are_all_found(run, tmp_path, server):
    root = _quoted_dataset(tmp_path, server)
    sources = root / R / "sources.yaml"
    sources.write_text("# the bibliography\n" + sources.read_text("utf-8"), "utf-8")
    sources.chmod(0o600)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    args = ("check-quotes", "okafor", "--allow-private", "--record", "--format", "json")
    result = run(*args, data=root, env=env)
    assert result.exit_code == 1  # 'buses' holds a quote that is not on its page
    checked = _recorded(root)
    today = datetime.date.today().isoformat()
    assert checked["debate"]["date"] == today and len(checked["debate"]["text_sha256"]) == 64
    assert checked["moved"]["date"] == today
    assert checked["buses"] is None and checked["gone"] is None and checked["leaflet"] is None
    text = sources.read_text("utf-8")
    assert text.startswith("# the bibliography\ndebate:\n  title: Debate\n")  # layout kept
    assert oct(sources.stat().st_mode & 0o777) == "0o600"  # permissions kept
    assert run("validate", data=root).exit_code == 0


def test_a_changed_page_that_still_holds_every_quote_is_reported_changed(run, tmp_path, server):
    root = _quoted_dataset(tmp_path, server)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    sources = root / R / "sources.yaml"
    sources.write_text(
        sources.read_text("utf-8").replace(
            "  url: " + server + "/curly\n",
            "  url: "
            + server
            + "/curly\n  checked: {date: 2026-01-05, text_sha256: '"
            + "0" * 64
            + "'}\n",
        ),
        "utf-8",
    )
    args = ("check-quotes", "alvarez", "--allow-private")
    plain = run(*args, data=root, env=env)
    okafor = run("check-quotes", "okafor", "--allow-private", data=root, env=env).stdout
    assert "CHANGED: 2020-springfield-mayor · debate" in okafor
    assert "checked on 2026-01-05; every quote is still found" in okafor
    assert plain.exit_code == 0
    as_json = run(
        "check-quotes",
        "okafor",
        "--allow-private",
        "--offline",
        "--format",
        "json",
        data=root,
        env=env,
    )
    assert _statuses(as_json)["rent-control", "debate"]["changed_since"] == "2026-01-05"
    assert _statuses(as_json)["rent-control", "moved"]["changed_since"] is None


def test_strict_fails_on_a_changed_page(run, tmp_path, server):
    root = dataset_copy(tmp_path)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    sources = root / R / "sources.yaml"
    text = sources.read_text("utf-8")
    text = text.replace("url: https://gazette.example.org/debate", f"url: {server}/plain")
    text = text.replace("url: https://gazette.example.org/primary", f"url: {server}/latin1")
    text = text.replace("url: https://chen.example.org/policy", f"url: {server}/plain")
    sources.write_text(text, "utf-8")
    args = ("check-quotes", "alvarez", "--allow-private", "--strict")
    first = run(*args, "--record", data=root, env=env)
    assert first.exit_code == 0, first.output
    assert _recorded(root)["gazette-debate"]["date"] == datetime.date.today().isoformat()
    assert run(*args, data=root, env=env).exit_code == 0  # same page: unchanged
    sources.write_text(
        sources.read_text("utf-8").replace(
            _recorded(root)["gazette-debate"]["text_sha256"], "e" * 64
        ),
        "utf-8",
    )
    changed = run(*args, data=root, env=env)
    assert changed.exit_code == 1 and "CHANGED" in changed.stdout
    assert run(*args[:-1], data=root, env=env).exit_code == 0  # without --strict: a report


@pytest.mark.parametrize("kind", ["symlink", "read-only"])
def test_record_refuses_a_linked_or_read_only_sources_file(run, tmp_path, server, kind):
    root = _quoted_dataset(tmp_path, server)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    sources = root / R / "sources.yaml"
    before = sources.read_text("utf-8")
    if kind == "symlink":
        real = root / R / "bibliography.txt"
        sources.rename(real)
        sources.symlink_to(real.name)
    else:
        sources.chmod(0o444)
    if os.geteuid() == 0 and kind == "read-only":
        pytest.skip("root may write a read-only file; the refusal reads the mode")
    result = run("check-quotes", "alvarez", "--allow-private", "--record", data=root, env=env)
    assert result.exit_code == 1
    assert ("is a link" if kind == "symlink" else "is read-only") in result.stderr
    assert "Traceback" not in result.output
    assert sources.read_text("utf-8") == before


def test_two_records_at_once_keep_both(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from cli.curation.checkrecord import Record, record

    folder = tmp_path / "race"
    folder.mkdir()
    ids = [f"s{i}" for i in range(8)]
    (folder / "sources.yaml").write_text(
        "".join(f"{sid}:\n  title: T\n  publisher: P\n" for sid in ids), "utf-8"
    )
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda sid: record(folder, {sid: Record("2026-12-02", sid[-1] * 64)}), ids))
    data = yaml.safe_load((folder / "sources.yaml").read_text("utf-8"))
    assert {sid: data[sid]["checked"]["text_sha256"] for sid in ids} == {
        sid: sid[-1] * 64 for sid in ids
    }
