"""Run every hostile input against the installed ``platforms`` and tabulate what it answers.

    python docs/hostile.py                 # print the table
    python docs/hostile.py --write         # rewrite docs/hostile-input.md

Each case builds a copy of the test suite's base dataset (tests/fixtures/base), spoils it
one way, runs real processes of the installed console script and checks what a user must
be able to count on: no traceback, no raw control character from the data, nothing from
outside the dataset printed, no code run from a tag, the exit code a script expects, and a
bounded time and memory. tests/test_hostile.py runs the same cases.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "fixtures" / "base"
TARGET = Path(__file__).resolve().parent / "hostile-input.md"
RACE = "2020-springfield-mayor"
OKAFOR = f"{RACE}/okafor.yaml"
SECRET = "SECRET-OUTSIDE-THE-DATASET"
PWNED = "pwned-by-a-tag"
# Any C0/C1 control but tab and newline, and the bidi overrides: none may reach the terminal
# raw. (Click itself indents a list of choices with a tab; a tab from the data is shown.)
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
LOCATED = re.compile(r"^[^\s:][^:]*:\d+:\d+: error: ", re.M)


def platforms_command() -> str:
    """The installed console script: beside this Python, else on PATH."""
    beside = Path(sys.executable).with_name("platforms")
    return str(beside) if beside.exists() else (shutil.which("platforms") or "platforms")


@dataclass
class Case:
    """One hostile input: how to spoil the dataset, what to run, what must come back."""

    group: str
    name: str
    spoil: object  # callable(root: Path) -> None
    args: tuple = ("validate",)
    exit_code: int = 1
    located: bool = True  # answers with PATH:LINE:COLUMN: error: lines
    stdin: str | None = None
    interrupt: bool = False  # send SIGINT once the command waits for input
    pipe_head: bool = False  # read one line, then close the pipe
    unprivileged: bool = False  # as root, drop the power to read any file
    extra: tuple = ()  # more commands, each must answer the same way
    before: tuple = ()  # commands run first (not measured), then ``after_before(root)``
    after_before: object = None
    expect: object = None  # callable(outcome, root) -> a broken promise, or ""
    env: dict = field(default_factory=dict)
    max_seconds: float = 10  # a tighter bound where the case is about time
    together: int = 1  # this many processes started 0.2 s apart (all must answer alike)
    kill_after: float = 0  # SIGKILL the command after this long: its workers must follow
    file_size_limit: int = 0  # RLIMIT_FSIZE, as on a nearly full disk
    slow: bool = False  # run by pytest only with -m slow (CI runs both)


@dataclass
class Outcome:
    """What a case gave: exit code, output, time, peak memory and the broken promises."""

    exit_code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float
    failures: list = field(default_factory=list)
    skipped: str = ""

    def first_line(self) -> str:
        """The first line that tells what went wrong: a located error, else the first line."""
        located = LOCATED.search(self.stdout + self.stderr)
        if located:
            text = (self.stdout + self.stderr)[located.start() :]
            return text.splitlines()[0]
        for text in (self.stderr, self.stdout):
            for line in text.splitlines():
                if line.strip():
                    return line
        return ""


def _write(rel: str, content: bytes | str):
    def spoil(root: Path) -> None:
        path = root / rel
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)

    return spoil


def _okafor_with(line_6: str):
    """okafor.yaml with its first summary replaced (a double-quoted YAML string)."""

    def spoil(root: Path) -> None:
        path = root / OKAFOR
        lines = path.read_text("utf-8").splitlines()
        lines[5] = f"    summary: {line_6}"
        lines[0] = 'name: "Chidi \\e]0;owned\\a\\e[31mOkafor\\b\\rX"'
        path.write_text("\n".join(lines) + "\n", "utf-8")

    return spoil


def _repeat(rel: str, head: str, piece: str, times: int, tail: str = "\n"):
    """Write ``head + piece * times + tail`` in chunks: the runner itself stays small, so
    the peak memory measured is the command's, not inherited from this script."""

    def spoil(root: Path) -> None:
        with open(root / rel, "w", encoding="utf-8") as handle:
            handle.write(head)
            for start in range(0, times, 10_000):
                handle.write(piece * min(10_000, times - start))
            handle.write(tail)

    return spoil


def _nested(depth: int) -> str:
    return "name: x\nparty: " + "[" * depth + "]" * depth + "\n"


def _race_percent(value: str) -> str:
    return (
        (BASE / RACE / "race.yaml").read_text("utf-8").replace("percent: 41.5", f"percent: {value}")
    )


def _laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, cur in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _symlink(rel: str, target_of):
    def spoil(root: Path) -> None:
        path = root / rel
        if path.exists() or path.is_symlink():
            path.unlink()
        os.symlink(target_of(root), path)

    return spoil


def _outside(root: Path) -> str:
    secret = root.parent / "secret.yaml"
    secret.write_text(f"name: {SECRET}\n", "utf-8")
    return str(secret)


def _directory(root: Path) -> None:
    (root / RACE / "x.yaml").mkdir()


def _fifo(root: Path) -> None:
    os.mkfifo(root / RACE / "x.yaml")


def _unreadable(root: Path) -> None:
    (root / OKAFOR).chmod(0)


def _race_link(root: Path) -> None:
    os.symlink(root / RACE, root / "2020-linked-mayor")


def _nothing(root: Path) -> None:
    return None


def _existing_output(root: Path) -> None:
    (root.parent / "handout.html").write_text("the teacher's own file\n", "utf-8")


# A file that vanishes between listing and reading: the installed package, run with its
# scan wrapped so that okafor.yaml is deleted right after the folder is listed.
_VANISH = (
    "import os, sys, cli.dataset.load as load; scan = load.scan\n"
    "def listed(root):\n"
    "    layout = scan(root); [r.candidates for r in layout.races.values()]\n"
    f"    os.remove(os.path.join(root, {OKAFOR!r})); return layout\n"
    "load.scan = listed; from cli.commands.main import main; sys.argv[0] = 'platforms'; "
    "main()"
)


# --- a page server on 127.0.0.1, for check-quotes ------------------------------------------

QUOTE = "We will cap rents for older buildings"
_PAGES: dict = {}


def _page_server() -> int:
    """The port of this runner's page server on 127.0.0.1 (started on first use)."""
    if "port" not in _PAGES:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        class Pages(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 - the http.server name
                path = self.path.split("?")[0]
                kind, body = "text/html", f"<p>{QUOTE}.</p>".encode()
                if path == "/slow":  # the headers, then one byte a second
                    self._head(200, kind, 100)
                    for _ in range(100):
                        if not self._write(b"x"):
                            return
                        time.sleep(1)
                    return
                if path == "/quadratic":
                    body = b"<p>" + b"<a " * 1_700_000
                elif path == "/base64":
                    kind = "text/html; charset=base64"
                elif path == "/secret":
                    body = f"<p>{SECRET} {QUOTE[:12]}</p>".encode()
                elif path == "/soft":
                    body = "<p>We will cap rents for ol\u00adder build\u200bings.</p>".encode()
                    kind = "text/html; charset=utf-8"
                elif path.startswith("/page"):
                    time.sleep(0.3)
                elif path == "/gone":
                    self._head(404, kind, 0)
                    return
                self._head(200, kind, len(body))
                self._write(body)

            def _head(self, status, kind, length):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(length))
                self.end_headers()

            def _write(self, data) -> bool:
                try:
                    self.wfile.write(data)
                    self.wfile.flush()
                    return True
                except OSError:
                    return False

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        _PAGES["port"] = server.server_address[1]
    return _PAGES["port"]


def _citing(*paths: str, hosts: tuple = ("127.0.0.1",)):
    """okafor.yaml citing QUOTE on each page ``paths`` of the page server (on each of
    ``hosts``, names of 127.0.0.1)."""

    def spoil(root: Path) -> None:
        port = _page_server()
        urls = {
            f"s{n}": f"http://{h}:{port}{p}"
            for n, (h, p) in enumerate((h, p) for h in hosts for p in paths)
        }
        with open(root / RACE / "sources.yaml", "a", encoding="utf-8") as handle:
            handle.write(
                "".join(
                    f"{sid}:\n  title: {sid}\n  publisher: P\n  url: {url}\n"
                    for sid, url in urls.items()
                )
            )
        (root / OKAFOR).write_text(
            "name: Chidi Okafor\npositions:\n  rent-control:\n    stance: support\n"
            "    summary: Caps.\n    citations:\n"
            + "".join(f"      - source: {sid}\n        quote: {QUOTE}.\n" for sid in urls),
            "utf-8",
        )

    return spoil


def _says(*words: str, absent: tuple = ()):
    def expect(outcome: Outcome, root: Path) -> str:
        text = outcome.stdout + outcome.stderr
        missing = [w for w in words if w not in text]
        present = [w for w in absent if w in text]
        return (f"missing {missing}" if missing else "") + (f" shows {present}" if present else "")

    return expect


# --- git repositories -----------------------------------------------------------------------


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=root,
        check=True,
        capture_output=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "T",
            "GIT_AUTHOR_EMAIL": "t@e.org",
            "GIT_COMMITTER_NAME": "T",
            "GIT_COMMITTER_EMAIL": "t@e.org",
        },
    )


def _committed(root: Path) -> None:
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "Springfield positions")


def _planted_fsmonitor(root: Path) -> None:
    _committed(root)
    _git(root, "config", "core.fsmonitor", f"touch {root / PWNED}; false")
    _git(root, "config", "core.hooksPath", str(root))
    _git(root, "config", "diff.external", f"touch {root / PWNED}")
    _git(root, "config", "filter.x.clean", f"touch {root / PWNED}; cat")
    (root / ".gitattributes").write_text("* filter=x diff=x\n")
    os.utime(root / OKAFOR, (1, 1))


def _newline_rename(root: Path) -> None:
    _committed(root)
    odd = f"{RACE}/old\nname.yaml"
    original = (root / OKAFOR).read_text("utf-8")
    _git(root, "mv", OKAFOR, odd)
    _git(root, "commit", "-qm", "odd name")
    (root / odd).write_text(original.replace("stance: oppose", "stance: support", 1))
    _git(root, "commit", "-qam", "support")
    _git(root, "mv", odd, OKAFOR)
    _git(root, "commit", "-qm", "renamed back")
    (root / OKAFOR).write_text(original)
    _git(root, "commit", "-qam", "oppose again")


def _history_stances(*stances: str):
    def expect(outcome: Outcome, root: Path) -> str:
        import json

        try:
            found = [e["stance"] for e in json.loads(outcome.stdout)]
        except ValueError:
            return "no JSON"
        return "" if found == list(stances) else f"stances {found}"

    return expect


def _huge_blob(root: Path) -> None:
    _committed(root)
    original = (root / OKAFOR).read_text("utf-8")
    with open(root / OKAFOR, "a", encoding="utf-8") as handle:
        for _ in range(50):
            handle.write("# " + "x" * (1024 * 1024 - 3) + "\n")
    _git(root, "commit", "-qam", "50 MB")
    (root / OKAFOR).write_text(original)
    _git(root, "commit", "-qam", "back")


# --- the filter index -----------------------------------------------------------------------


def _same_size_same_mtime(root: Path) -> None:
    path = root / OKAFOR
    before = os.stat(path)
    path.write_text(path.read_text("utf-8").replace("stance: oppose", "stance: mixed "))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def _old_files(root: Path) -> None:
    for path in root.rglob("*.yaml"):
        os.utime(path, (time.time() - 60,) * 2)
    time.sleep(2.1)  # older than the index's 2 s window: stamps it trusts


def _okafor_transit(stance: str):
    def expect(outcome: Outcome, root: Path) -> str:
        import json

        try:
            found = [r["stance"] for r in json.loads(outcome.stdout) if r["candidate"] == "okafor"]
        except (ValueError, KeyError, TypeError):
            return "no JSON"
        return "" if found == [stance] else f"okafor's transit stance is {found}"

    return expect


def _many_races(count: int):
    def spoil(root: Path) -> None:
        for n in range(count):
            shutil.copytree(root / RACE, root / f"2020-town-{n:04d}-mayor")

    return spoil


def _corrupt_rows(root: Path) -> None:
    import sqlite3

    for database in (root.parent / "cache").rglob("*.sqlite"):
        with sqlite3.connect(database) as db:
            db.execute("UPDATE hits SET json = substr(json, 1, 20) || char(27)")


def _valid_json(outcome: Outcome, root: Path) -> str:
    import json

    try:
        json.loads(outcome.stdout)
    except ValueError:
        return "not valid JSON"
    return ""


def _nothing_partial(outcome: Outcome, root: Path) -> str:
    folder = root.parent / "cache" / "candidate-platforms" / "index"
    left = [p.name for p in folder.iterdir() if p.stat().st_size] if folder.exists() else []
    return f"left behind: {left}" if left else ""


# --- output files and big folders -------------------------------------------------------------


def _fifo_output(root: Path) -> None:
    os.mkfifo(root.parent / "out.html")


def _dangling_output(root: Path) -> None:
    os.symlink(root.parent / "nowhere.html", root.parent / "out.html")


def _untouched_output(outcome: Outcome, root: Path) -> str:
    out = root.parent / "out.html"
    regular = (
        os.path.lexists(out)
        and not os.path.islink(out)
        and not stat.S_ISFIFO(os.lstat(out).st_mode)
    )
    made = (root.parent / "nowhere.html").exists()
    return "the output path was replaced or followed" if regular or made else ""


def _many_candidates(root: Path) -> None:
    chen = (root / RACE / "chen.yaml").read_bytes()
    for n in range(100_000):
        with open(root / RACE / f"c{n}.yaml", "wb") as handle:
            handle.write(chen)


CASES = [
    Case("content", "random bytes", _write(OKAFOR, bytes(range(256)) * 40)),
    Case("content", "invalid UTF-8", _write(OKAFOR, b"name: Chidi \xff\xfe Okafor\n")),
    Case("content", "NUL bytes", _write(OKAFOR, b"name: Chidi\x00Okafor\n")),
    Case("content", "empty file", _write(OKAFOR, b"")),
    Case("content", "a scalar instead of a mapping", _write(OKAFOR, "just some words\n")),
    Case("content", "a list instead of a mapping", _write(OKAFOR, "- name: Chidi Okafor\n")),
    Case("content", "several documents", _write(OKAFOR, "name: A\n---\nname: B\n")),
    Case(
        "content",
        "tabs in indentation",
        _write(OKAFOR, "name: Chidi\npositions:\n\ttransit:\n\t\tstance: support\n"),
    ),
    Case("content", "an unterminated string", _write(OKAFOR, 'name: "Chidi Okafor\n')),
    Case("content", "a complex key", _write(OKAFOR, "name: x\n? [a, b]\n: c\n")),
    Case("content", "a merge key", _write(OKAFOR, "name: x\n<<: {party: Green}\n")),
    Case("content", "200,000-level nesting", _write(OKAFOR, _nested(200_000))),
    Case(
        "content",
        "billion-laughs alias bomb",
        _write(OKAFOR, _laughs()),
        args=("compare", "okafor", "chen"),
    ),
    Case(
        "content",
        "a 30 MB file",
        _repeat(OKAFOR, "name: x\nnotes: |\n", "  lorem ipsum dolor sit amet\n", 1_100_000),
    ),
    Case("content", "a 5 MB line", _repeat(OKAFOR, "name: ", "x", 5_000_000)),
    Case(
        "content",
        "!!python/object/apply tag",
        _write(OKAFOR, f"name: !!python/object/apply:os.system ['touch {PWNED}']\n"),
    ),
    Case("content", "a custom tag", _write(OKAFOR, "name: !vote Chidi Okafor\n")),
    Case("content", "a NaN number", _write(f"{RACE}/race.yaml", _race_percent(".nan"))),
    Case("content", "an infinite number", _write(f"{RACE}/race.yaml", _race_percent("-.inf"))),
    Case(
        "content",
        "a path-like topic id",
        _write(
            OKAFOR,
            "name: x\npositions:\n  ../../etc/passwd:\n    stance: support\n"
            "    summary: s\n    citations: [{source: gazette-debate, quote: q}]\n",
        ),
    ),
    Case("content", "a value over 20,000 characters", _repeat(OKAFOR, "name: ", "y", 30_000)),
    Case("files", "a folder named x.yaml", _directory),
    Case("files", "a named pipe named x.yaml", _fifo),
    Case(
        "files",
        "a symlink loop",
        _symlink(f"{RACE}/loop.yaml", lambda root: root / RACE / "loop.yaml"),
    ),
    Case(
        "files",
        "a symlink to a file outside the dataset",
        _symlink(OKAFOR, _outside),
        extra=(("show", "okafor"),),
    ),
    Case("files", "a symlink to a race folder", _race_link),
    Case("files", "an unreadable file", _unreadable, unprivileged=True),
    Case(
        "files",
        "a file that vanishes between listing and reading",
        _nothing,
        args=("--vanish", "validate"),
    ),
    Case(
        "command line",
        "show ../../etc/passwd",
        _nothing,
        args=("show", "../../etc/passwd"),
        exit_code=2,
        located=False,
    ),
    Case(
        "command line",
        "show /etc/passwd",
        _nothing,
        args=("show", "/etc/passwd"),
        exit_code=2,
        located=False,
    ),
    Case(
        "command line",
        f"show {RACE}/../..",
        _nothing,
        args=("show", f"{RACE}/../.."),
        exit_code=2,
        located=False,
    ),
    Case(
        "command line",
        "compare --race ../../etc",
        _nothing,
        args=("compare", "--race", "../../etc"),
        exit_code=2,
        located=False,
    ),
    Case(
        "terminal",
        "ANSI, OSC, BEL, backspace, CR and a bidi override in the data",
        _okafor_with('"Cap\\e[2J rent\\a \\u202eincreases\\x08\\r."'),
        args=("compare", "okafor", "chen"),
        exit_code=0,
        located=False,
        extra=(
            ("show", "okafor"),
            ("validate",),
            ("compare", "okafor", "chen", "--format", "json"),
        ),
    ),
    Case(
        "pipes",
        "compare | head -1",
        _nothing,
        args=("compare", "okafor", "chen"),
        exit_code=0,
        located=False,
        pipe_head=True,
    ),
    Case(
        "signals",
        "Ctrl-C at a prompt of match",
        _nothing,
        args=("match", "--race", RACE),
        exit_code=130,
        located=False,
        interrupt=True,
    ),
    Case(
        "output files",
        "-o onto an existing file without --force",
        _existing_output,
        args=("handout", "okafor", "chen", "-o", "../handout.html"),
        exit_code=1,
        located=False,
    ),
    Case(
        "check-quotes",
        "a page sent one byte a second",
        _citing("/slow"),
        args=("check-quotes", "okafor", "--allow-private", "--timeout", "2"),
        exit_code=0,
        located=False,
        max_seconds=4,
        expect=_says("timed out after 2 s"),
        slow=True,
    ),
    Case(
        "check-quotes",
        "Ctrl-C while pages are fetched",
        _citing("/slow"),
        args=("check-quotes", "okafor", "--allow-private", "--timeout", "60"),
        exit_code=130,
        located=False,
        interrupt=True,
        max_seconds=3,
    ),
    Case(
        "check-quotes",
        "5 MB of '<a ' (quadratic for html.parser)",
        _citing("/quadratic"),
        args=("check-quotes", "okafor", "--allow-private"),
        exit_code=1,
        located=False,
    ),
    Case(
        "check-quotes",
        "a page in charset=base64",
        _citing("/base64"),
        args=("check-quotes", "okafor", "--allow-private"),
        exit_code=0,
        located=False,
        expect=_says("UNREADABLE", "not a text encoding"),
    ),
    Case(
        "check-quotes",
        "a source on a loopback address",
        _citing("/secret"),
        args=("check-quotes", "okafor"),
        exit_code=0,
        located=False,
        expect=_says("BLOCKED", "a loopback address"),
    ),
    Case(
        "check-quotes",
        "soft hyphens and zero-width spaces in the quote's page",
        _citing("/soft"),
        args=("check-quotes", "okafor", "--allow-private", "--strict"),
        exit_code=0,
        located=False,
        expect=_says("1 found, 0 not found, 0 unverified"),
    ),
    Case(
        "check-quotes",
        "a dead link under --strict",
        _citing("/gone"),
        args=("check-quotes", "okafor", "--allow-private", "--strict"),
        exit_code=1,
        located=False,
        expect=_says("1 unverified (1 unreachable)"),
    ),
    Case(
        "check-quotes",
        "4 hosts x 5 slow pages, --jobs 4",
        _citing(
            *(f"/page{n}" for n in range(5)),
            hosts=("127.0.0.1", "127.1", "2130706433", "0x7f000001"),
        ),
        args=("check-quotes", "okafor", "--allow-private", "--jobs", "4"),
        exit_code=0,
        located=False,
        max_seconds=3.5,
        expect=_says("20 found"),
        slow=True,
    ),
    Case(
        "git",
        "core.fsmonitor, hooks, a diff driver and a filter planted",
        _planted_fsmonitor,
        args=("handout", "okafor", "chen", "--format", "markdown"),
        exit_code=0,
        located=False,
        extra=(("history", "okafor"), ("changes",)),
    ),
    Case(
        "git",
        "a path with a newline, renamed later",
        _newline_rename,
        args=("history", "okafor", "--topic", "transit", "--format", "json"),
        exit_code=0,
        located=False,
        expect=_history_stances("oppose", "support", "oppose"),
    ),
    Case(
        "git",
        "a 50 MB version in history",
        _huge_blob,
        args=("history", "okafor", "--topic", "transit"),
        exit_code=0,
        located=False,
        expect=_says("over the limit of 1048576 bytes"),
    ),
    Case(
        "filter index",
        "an edit of the same size with the mtime restored",
        _old_files,
        before=(("filter",),),
        after_before=_same_size_same_mtime,
        args=("filter", "--topic", "transit", "--format", "json"),
        exit_code=0,
        located=False,
        expect=_okafor_transit("mixed"),
        slow=True,
    ),
    Case(
        "filter index",
        "5 processes on a cold 300-race index",
        _many_races(300),
        args=("filter", "--stance", "support", "--format", "json"),
        exit_code=0,
        located=False,
        together=5,
        slow=True,
    ),
    Case(
        "filter index",
        "truncated JSON and raw ESC in the index's rows",
        _nothing,
        before=(("filter",),),
        after_before=_corrupt_rows,
        args=("filter", "--format", "json"),
        exit_code=0,
        located=False,
        expect=_valid_json,
    ),
    Case(
        "filter index",
        "a full disk (file size limit) while the index is built",
        _many_races(20),
        args=("filter", "--format", "json"),
        exit_code=0,
        located=False,
        file_size_limit=40_000,
        expect=_nothing_partial,
    ),
    Case(
        "processes",
        "SIGKILL of a cold validate with workers",
        _many_races(600),
        env={"PLATFORMS_JOBS": "2"},
        exit_code=-9,
        located=False,
        kill_after=3,
    ),
    Case(
        "output files",
        "a named pipe as -o FILE, with --force",
        _fifo_output,
        args=("handout", "okafor", "chen", "-o", "../out.html", "--force"),
        exit_code=2,
        located=False,
        expect=_untouched_output,
    ),
    Case(
        "output files",
        "a dangling symlink as -o FILE",
        _dangling_output,
        args=("handout", "okafor", "chen", "-o", "../out.html"),
        exit_code=2,
        located=False,
        expect=_untouched_output,
    ),
    Case(
        "files",
        "a race folder with 100,000 candidate files",
        _many_candidates,
        extra=(("show", "c5"), ("filter",)),
        slow=True,
    ),
]


# As root, file permissions apply only once the process gives up these two capabilities.
DROP_ROOT_READS = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def _argv(case: Case, args: tuple, root: Path) -> list:
    prefix = DROP_ROOT_READS if case.unprivileged and os.geteuid() == 0 else []
    if args[0] == "--vanish":
        return [*prefix, sys.executable, "-c", _VANISH, "--data", str(root), *args[1:]]
    return [*prefix, platforms_command(), "--data", str(root), *args]


class _Drain(threading.Thread):
    """Read a child's pipe to the end (or ``lines`` lines, then close it) in the background."""

    def __init__(self, pipe, lines: int | None = None):
        super().__init__(daemon=True)
        self.pipe, self.lines, self.chunks = pipe, lines, []
        self.start()

    def run(self) -> None:
        if self.lines is not None:
            self.chunks = [self.pipe.readline() for _ in range(self.lines)]
        else:
            self.chunks = [self.pipe.read()]
        self.pipe.close()

    def text(self) -> str:
        """Everything read, decoded."""
        self.join()
        return b"".join(self.chunks).decode("utf-8", "replace")


def run_process(case: Case, args: tuple, root: Path, timeout: float = 60) -> Outcome:
    """Run one command of ``case`` on the spoiled dataset at ``root``, as a user would."""
    env = {
        **os.environ,
        "COLUMNS": "100",
        "LC_ALL": "C.UTF-8",
        "XDG_CACHE_HOME": str(root.parent / "cache"),
        **case.env,
    }
    env.pop("NO_COLOR", None)
    others = []
    for _ in range(case.together - 1):
        others.append(
            subprocess.Popen(
                _argv(case, args, root),
                cwd=root,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        )
        time.sleep(0.2)
    start = time.perf_counter()
    child = subprocess.Popen(
        _argv(case, args, root),
        cwd=root,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_limits(case),
    )
    out = _Drain(child.stdout, lines=1 if case.pipe_head else None)
    err = _Drain(child.stderr)
    workers: set = set()
    if case.interrupt:
        time.sleep(1.0)
        child.send_signal(signal.SIGINT)
    elif case.kill_after:
        workers = _kill_with_workers(child, case.kill_after)
    elif not case.pipe_head:
        child.stdin.write((case.stdin or "").encode())
    child.stdin.close()
    timer = threading.Timer(timeout, child.kill)
    timer.start()
    _, status, usage = os.wait4(child.pid, 0)  # reaps the child and tells its peak memory
    timer.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)
    stdout, stderr = out.text(), err.text()
    seconds = time.perf_counter() - start
    outcome = Outcome(child.returncode, stdout, stderr, seconds, usage.ru_maxrss / 1024)
    for other in others:
        other_out, other_err = (
            b.decode("utf-8", "replace") for b in other.communicate(timeout=timeout)
        )
        if (other.returncode, other_out) != (child.returncode, stdout) or "Traceback" in other_err:
            outcome.failures.append(
                f"a process started alongside answered otherwise "
                f"(exit {other.returncode}: {other_err.strip()[:80]})"
            )
    if workers:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.05)
        orphans = [w for w in workers if _alive(w)]
        for worker in orphans:
            os.kill(worker, signal.SIGKILL)
        if orphans:
            outcome.failures.append(f"{len(orphans)} worker(s) outlived their parent")
    return outcome


def _limits(case: Case):
    """What the child does before it runs: a file size limit, as on a nearly full disk
    (a write past it fails instead of killing the process)."""
    if not case.file_size_limit:
        return None

    def apply() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (case.file_size_limit,) * 2)

    return apply


def _kill_with_workers(child, after: float) -> set:
    """Wait until ``child`` has worker processes (or ``after`` seconds), SIGKILL it, and
    return the workers' process ids."""
    deadline = time.monotonic() + after
    workers: set = set()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            workers = {
                int(n)
                for task in Path(f"/proc/{child.pid}/task").iterdir()
                for n in (task / "children").read_text().split()
            }
        except OSError:
            break
        if len(workers) >= 2:
            break
    child.kill()
    return workers


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][0] != "Z"
    except OSError:
        return False


def check(case: Case, outcome: Outcome, root: Path) -> list[str]:
    """The promises ``outcome`` breaks: an empty list when the tool behaved."""
    failures = []
    text = outcome.stdout + outcome.stderr
    if outcome.exit_code != case.exit_code:
        failures.append(f"exit {outcome.exit_code}, expected {case.exit_code}")
    if "Traceback" in text:
        failures.append("a traceback")
    if RAW_CONTROL.search(text):
        failures.append("a raw control character")
    if SECRET in text:
        failures.append("a file outside the dataset was printed")
    if (root / PWNED).exists() or Path(PWNED).exists():
        failures.append("code ran from a tag")
    if case.located and not LOCATED.search(text):
        failures.append("no PATH:LINE:COLUMN: error: line")
    if case.interrupt and (
        outcome.stderr.count("Aborted") != 1
        or outcome.stderr.rstrip().splitlines()[-1] != "Aborted."
    ):
        failures.append("Ctrl-C did not end with one 'Aborted.' line")
    if case.pipe_head and outcome.stderr.strip():
        failures.append("a closed pipe printed an error")
    if outcome.seconds > case.max_seconds or outcome.peak_mb > 1024:
        failures.append(f"{outcome.seconds:.1f} s, {outcome.peak_mb:.0f} MB")
    if case.expect is not None:
        broken = case.expect(outcome, root)
        if broken:
            failures.append(broken)
    if (
        case.name.startswith("-o")
        and (root.parent / "handout.html").read_text() != "the teacher's own file\n"
    ):
        failures.append("an existing file was overwritten")
    return failures


def skip_reason(case: Case) -> str:
    """Why ``case`` cannot run here ("" when it can)."""
    if case.unprivileged and os.geteuid() == 0 and shutil.which("setpriv") is None:
        return "root reads any file, and setpriv (util-linux) is not installed to stop that"
    return ""


def run_case(case: Case, workdir: Path) -> list[tuple[tuple, Outcome]]:
    """Every command of ``case`` on a freshly spoiled copy of the base dataset."""
    results = []
    reason = skip_reason(case)
    if reason:
        return [(case.args, Outcome(0, "", "", 0, 0, skipped=reason))]
    for index, args in enumerate((case.args, *case.extra)):
        root = workdir / f"run{index}" / "dataset"
        shutil.copytree(BASE, root)
        os.chmod(root.parent, 0o755)
        case.spoil(root)
        for before in case.before:
            run_process(Case(case.group, case.name, _nothing, env=case.env), before, root)
        if case.after_before is not None:
            case.after_before(root)
        outcome = run_process(case, args, root)
        outcome.failures += check(case, outcome, root)
        if args[0] == "validate" and case.group == "terminal":
            said = outcome.stdout + outcome.stderr
            if "control-character" not in said and "control or bidirectional" not in said:
                outcome.failures.append("validate did not warn")
        results.append((args, outcome))
    return results


def _cell(text: str, limit: int = 110) -> str:
    text = text.replace("|", "\\|")
    text = re.sub(r"/tmp/[^\s:]*?/dataset/?", "", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def table() -> tuple[str, int]:
    """The Markdown table of every case, and the number of broken promises."""
    rows = [
        "| # | Input | Command | Exit | First line of the answer | Time | Peak memory "
        "| Promises kept |",
        "|---|---|---|---|---|---|---|---|",
    ]
    broken = 0
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)
        for number, case in enumerate(CASES, 1):
            workdir = Path(tmp) / f"case{number}"
            for args, outcome in run_case(case, workdir):
                broken += len(outcome.failures)
                command = "platforms " + " ".join(a for a in args if a != "--vanish")
                if case.pipe_head:
                    command += " \\| head -1"
                if outcome.skipped:
                    rows.append(
                        f"| {number} | {case.group}: {case.name} | `{_cell(command)}` "
                        f"| | not run: {outcome.skipped} | | | |"
                    )
                    continue
                kept = "yes" if not outcome.failures else "NO: " + "; ".join(outcome.failures)
                rows.append(
                    f"| {number} | {case.group}: {case.name} | `{_cell(command)}` | "
                    f"{outcome.exit_code} | `{_cell(outcome.first_line())}` | "
                    f"{outcome.seconds:.2f} s | {outcome.peak_mb:.0f} MB | {kept} |"
                )
    return "\n".join(rows) + "\n", broken


HEADER = """# Hostile input: what `platforms` answers

Generated by `python docs/hostile.py --write` against the installed command; every row is a
real process on a copy of `tests/fixtures/base` spoiled one way (`tests/test_hostile.py`
runs the same cases). "Promises kept" means: the expected exit code (1 for bad data, 2 for
bad usage, 130 for Ctrl-C), no traceback, no raw control character from the data, nothing
from outside the dataset printed, no code run from a tag, a `PATH:LINE:COLUMN: error:` line
where the data is at fault, under 10 s and 1 GB. The limits behind these answers (1 MiB per
file, 32 levels of nesting, 20,000 characters per value, 100 problems per file) are in
[format.md](format.md).

"""


def main() -> int:
    """Print the table, or with ``--write`` rewrite docs/hostile-input.md; 1 if any broke."""
    body, broken = table()
    if "--write" in sys.argv[1:]:
        TARGET.write_text(
            HEADER + body + f"\n{len(CASES)} hostile cases, {broken} broken promises.\n", "utf-8"
        )
    else:
        sys.stdout.write(body)
    print(f"{len(CASES)} cases, {broken} broken promises", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
