"""Issue 27, third attack run: what leaves for a terminal, a table, a problem line or a
written file is inert there, in any output encoding, and a closed, full or vanished
standard output gets a clear message and a defined exit status."""

from __future__ import annotations

import io
import os
import re
import subprocess
from pathlib import Path

import pytest

from cli.commands.streams import Door
from cli.dataset.safeyaml import parse
from cli.problems import Code
from tests.conftest import dataset_copy
from tests.localsite import QuietHandler, serving
from tests.test_console_script import console_script

R = "2020-springfield-mayor"
#: What an attacker sends a terminal: a title change, the clipboard (OSC 52), colour, the
#: bell, a cursor jump and a bidi override.
ESCAPES = "\x1b]0;owned\x07\x1b]52;c;ZWNobyBvd25lZA==\x07\x1b[31mred\x1b[2J\x9b1A\u202e"


def _raw_controls(text: str) -> list[str]:
    """The control characters and bidi overrides in ``text`` that a terminal acts on."""
    return re.findall("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)


def _yaml_quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar (every character escaped)."""
    return '"' + "".join(f"\\u{ord(c):04x}" for c in text) + '"'


# 7. Terminal escapes from a server, a URL or a topic ---------------------------------------


class _Hostile(QuietHandler):
    """A server whose status line and headers carry terminal escapes (those in Latin-1,
    the encoding of HTTP's head)."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 - the http.server name
        escapes = ESCAPES.encode("latin-1", "ignore").decode("latin-1")
        if self.path == "/reason":
            self._reply(500, escapes, {"Content-Type": "text/html"})
        elif self.path == "/charset":
            self._reply(200, "OK", {"Content-Type": f"text/html; charset={escapes}"})
        elif self.path == "/encoding":
            self._reply(200, "OK", {"Content-Type": "text/html", "Content-Encoding": escapes})
        else:
            self._reply(200, "OK", {"Content-Type": "text/html"})

    def _reply(self, status: int, reason: str, headers: dict) -> None:
        body = b"<p>We will cap rents for older buildings.</p>"
        self.send_response(status, reason)
        for key, value in {**headers, "Content-Length": str(len(body))}.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def hostile_server():
    with serving(_Hostile) as base:
        yield base


@pytest.mark.parametrize("path", ["/reason", "/charset", "/encoding"])
def test_cite_errors_show_the_servers_words_without_escapes(run, tmp_path, hostile_server, path):
    result = run(
        "cite",
        hostile_server + path,
        "--race",
        R,
        "--quote",
        "cap rents",
        "--allow-private",
        data=dataset_copy(tmp_path),
    )
    assert result.exit_code == 1, result.output
    assert "<U+001B>" in result.stderr
    assert _raw_controls(result.stdout + result.stderr) == []


def test_check_quotes_progress_shows_the_url_without_escapes(run, tmp_path, hostile_server):
    root = dataset_copy(tmp_path)
    url = f"{hostile_server}/page?{ESCAPES}"
    with open(root / R / "sources.yaml", "a", encoding="utf-8") as handle:
        handle.write(f"hostile:\n  title: T\n  publisher: P\n  url: {_yaml_quoted(url)}\n")
    okafor = root / R / "okafor.yaml"
    okafor.write_text(
        okafor.read_text("utf-8").replace("source: gazette-debate", "source: hostile", 1),
        "utf-8",
    )
    result = run("check-quotes", "okafor", "--allow-private", data=root)
    assert "fetching " in result.stderr
    assert _raw_controls(result.stdout + result.stderr) == []


def test_interactive_match_shows_the_race_and_questions_without_escapes(run, tmp_path):
    root = dataset_copy(tmp_path)
    topics = root / "topics.yaml"
    topics.write_text(
        topics.read_text("utf-8")
        .replace("title: Rent control", f"title: {_yaml_quoted('Rent ' + ESCAPES)}")
        .replace(
            "question: Should the city cap annual rent increases?",
            f"question: {_yaml_quoted('Cap rents? ' + ESCAPES)}",
        ),
        "utf-8",
    )
    race = root / R / "race.yaml"
    race.write_text(
        race.read_text("utf-8").replace(
            "title: 2020 Springfield mayoral election", f"title: {_yaml_quoted(ESCAPES)}"
        ),
        "utf-8",
    )
    result = run("match", "--race", R, data=root, input="support\n3\nskip\nskip\n")
    assert result.exit_code == 0, result.output
    assert "<U+001B>]52;c;" in result.stderr
    assert _raw_controls(result.stdout + result.stderr) == []


def test_a_terminal_gets_the_tools_colours_and_no_other_escape():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    Door(screen, "standard output").write(f"\x1b[34mSUPPORT\x1b[0m {ESCAPES}")
    assert screen.getvalue().startswith("\x1b[34mSUPPORT\x1b[0m <U+001B>]0;owned<U+0007>")
    assert _raw_controls(screen.getvalue().removeprefix("\x1b[34mSUPPORT\x1b[0m")) == []


# 16. Any output encoding; 17. closed, full or vanished standard output -------------------

needs_script = pytest.mark.skipif(console_script() is None, reason="the package is not installed")


def _script(*args: str, env: dict | None = None, **options) -> subprocess.CompletedProcess:
    """``platforms ARGS`` run as the installed console script, on the base fixture."""
    data = Path(__file__).parent / "fixtures" / "base"
    return subprocess.run(
        [str(console_script()), "--data", str(data), *args],
        env={**os.environ, **(env or {})},
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
        **options,
    )


@needs_script
@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "cp437", "ascii"])
def test_any_output_encoding_gets_readable_output(encoding):
    result = _script(
        "compare", "alvarez", "okafor", env={"PYTHONIOENCODING": encoding}, stdout=subprocess.PIPE
    )
    assert (result.returncode, result.stderr) == (0, b"")
    first = result.stdout.decode(encoding).splitlines()[0]
    assert re.fullmatch(
        "2020 Springfield mayoral election (—|--) Mayor of Springfield, election 2020-11-05", first
    )
    assert re.search("(Á|A)lvarez-N(ú|u)(ñ|n)ez", result.stdout.decode(encoding))


@needs_script
@pytest.mark.parametrize("command", [("compare", "alvarez", "okafor"), ("validate",)])
def test_a_closed_standard_output_is_said_with_exit_74(command):
    result = _script(*command, preexec_fn=lambda: os.close(1))
    assert result.returncode == 74
    assert result.stderr == b"platforms: cannot write to standard output: it is closed\n"


@needs_script
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_standard_output_is_said_with_exit_74():
    with open("/dev/full", "w") as full:
        result = _script("compare", "alvarez", "okafor", stdout=full)
    assert result.returncode == 74
    assert result.stderr.decode() == (
        "platforms: cannot write to standard output: No space left on device\n"
    )


@needs_script
@pytest.mark.parametrize("lines_read", [0, 1])
def test_a_reader_that_goes_away_ends_the_run_quietly_with_0(lines_read):
    """``| true`` (nothing read) and ``| head -1`` (one line read) alike: the output (the
    bundled dataset's filter, 100 kB) is more than a pipe holds, so the write fails."""
    child = subprocess.Popen(
        [str(console_script()), "filter", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    for _ in range(lines_read):
        child.stdout.readline()
    child.stdout.close()
    assert (child.wait(timeout=60), child.stderr.read()) == (0, b"")


# 9. A problem is one line, whatever the values it names ------------------------------------

FORGED = "support\n2020-springfield-mayor/chen.yaml:1:1: error: forged\r::error file=x::pwned"


def test_a_value_with_line_breaks_cannot_forge_a_problem_line(run, tmp_path):
    root = dataset_copy(tmp_path)
    okafor = root / R / "okafor.yaml"
    okafor.write_text(
        okafor.read_text("utf-8").replace(
            "stance: support", f"stance: {_yaml_quoted(FORGED + chr(0x2028) + 'x')}", 1
        ),
        "utf-8",
    )
    (root / "::error file=y::pwned").mkdir()
    result = run("validate", data=root)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 4, lines  # the stance, its control-character warning, the folder
    assert all(re.match(r"[\w.].*?:\d+:\d+: (error|warning): ", line) for line in lines)
    assert "'support<U+000A>2020-springfield-mayor/chen.yaml:1:1: error: forged<U+000D>" in (
        result.stdout
    )
    assert "./::error file=y::pwned:1:1: error: race folder" in result.stdout


# 10. new candidate writes a file that reads back, whatever the topic titles hold ----------


@pytest.mark.parametrize("breaker", ["\u2028", "\u2029", "\x85", "\r", "\x1b"])
def test_a_topic_title_cannot_break_the_comments_of_a_new_candidate(run, tmp_path, breaker):
    root = dataset_copy(tmp_path)
    topics = root / "topics.yaml"
    topics.write_text(
        topics.read_text("utf-8").replace(
            "title: Rent control", f"title: {_yaml_quoted(f'Rent{breaker}stance: support')}"
        ),
        "utf-8",
    )
    result = run("new", "candidate", f"{R}/newcomer", "--name", "Nia Newcomer", data=root)
    assert result.exit_code == 0, result.output
    written = (root / R / "newcomer.yaml").read_text("utf-8")
    doc = parse(written, "newcomer.yaml")
    assert [p for p in doc.problems if p.code == Code.INVALID_YAML] == []
    assert list(doc.data["positions"]) == ["rent-control", "transit", "police-budget"]
    comment = next(line for line in written.splitlines() if "Rent" in line)
    assert comment.startswith("  # Rent") and "stance: support" in comment


# 8. Every table cell inert for its table format -------------------------------------------

CELL = (
    "=1+1 a|b || c\nd\te <script>alert(1)</script> [x](javascript:alert(1)) "
    '[[javascript:alert(1)|y]] [y|javascript:alert(2)] "t":javascript:alert(3) {{T}} '
    "`z <javascript:alert(4)>`_"
)
_HTML, _MARKDOWN_LINK = r"(?<!\\)<script", r"(?<!\\)\]\(java"
#: format -> (what separates cells in a row, and the markup that would act if a cell wrote
#: it raw: a backslash before it escapes it)
TABLES = {
    "github": (r"(?<!\\)\|", [_HTML, _MARKDOWN_LINK]),
    "pipe": (r"(?<!\\)\|", [_HTML, _MARKDOWN_LINK]),
    "textile": (r"\|", [_HTML, '":java', r"\[\[java"]),
    "mediawiki": (r"\|", [_HTML, r"\[\[java", r"\{\{", r"\[y\|"]),
    "rst": (r"(?<!\\)`", [r"(?<!\\)`", r"(?<!\\)<java"]),
    "tsv": ("\t", []),
}
REFUSED = ["orgtbl", "jira", "moinmoin", "asciidoc"]


@pytest.fixture
def party_of_markup(tmp_path) -> tuple[Path, Path]:
    """Two datasets: one where Okafor's party is CELL, one where it is plain."""
    hostile, plain = dataset_copy(tmp_path / "hostile"), dataset_copy(tmp_path / "plain")
    for root, party in ((hostile, _yaml_quoted(CELL)), (plain, "Plain")):
        okafor = root / R / "okafor.yaml"
        okafor.write_text(
            okafor.read_text("utf-8").replace("party: Democratic", f"party: {party}"), "utf-8"
        )
    return hostile, plain


@pytest.mark.parametrize("fmt", sorted(TABLES))
def test_a_cell_cannot_add_cells_rows_or_markup(run, party_of_markup, fmt):
    hostile, plain = (run("candidates", "--format", fmt, data=d).stdout for d in party_of_markup)
    assert len(hostile.splitlines()) == len(plain.splitlines())
    separator, active = TABLES[fmt]
    assert [pattern for pattern in active if re.search(pattern, hostile)] == []
    okafor = [next(x for x in out.splitlines() if "okafor" in x) for out in (hostile, plain)]
    assert [len(re.findall(separator, row)) for row in okafor] == [
        len(re.findall(separator, okafor[1]))
    ] * 2, okafor[0]
    if fmt == "tsv":
        assert "'=1+1" in hostile  # no formula at a cell's start


@pytest.mark.parametrize("fmt", REFUSED)
def test_a_table_format_that_cannot_be_made_inert_is_refused(run, fmt):
    result = run("candidates", "--format", fmt)
    assert result.exit_code == 2
    assert "choose from" in result.stderr and "github" in result.stderr
    assert f", {fmt}," not in result.stderr.split("choose from")[1]
