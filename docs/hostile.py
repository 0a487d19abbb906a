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

import json
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
import unicodedata
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
#: What an attacker sends a terminal: a title change, the clipboard (OSC 52), colour, a
#: screen clear, a C1 cursor move and a bidi override.
ESCAPES = "\x1b]0;owned\x07\x1b]52;c;ZWNobyBvd25lZA==\x07\x1b[31mred\x1b[2J\x9b1A\u202e"


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
    pipe_reads: int | None = None  # lines read before the pipe is closed (| head -1, | true)
    stdout: str = ""  # "closed" (>&-) or "full" (> /dev/full) instead of a pipe
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
    # run by pytest only with -m slow (CI runs both): a case that takes seconds, or one of the
    # issue-27 rows beyond the one-minute suite's budget, whose own tests hold it there too
    slow: bool = False
    needs_root: bool = False  # makes a file another user's (chown)
    issue: str = ""  # the issue case it shows, e.g. "27.2" (see NOTES)


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


def _quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar with every control character escaped (a JSON
    string is one)."""
    return json.dumps(text)


def _edit(rel: str, old: str, new: str):
    """The dataset's file ``rel`` with its first ``old`` replaced by ``new``."""

    def spoil(root: Path) -> None:
        path = root / rel
        text = path.read_text("utf-8")
        if old not in text:
            raise ValueError(f"{rel} holds no {old!r} to replace")
        path.write_text(text.replace(old, new, 1), "utf-8")

    return spoil


def _all(*spoils):
    """Each of ``spoils`` in turn."""

    def spoil(root: Path) -> None:
        for each in spoils:
            each(root)

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


def _folder(rel: str):
    def spoil(root: Path) -> None:
        (root / rel).mkdir()

    return spoil


def _fifo(rel: str):
    """A named pipe at ``rel`` (``../NAME`` beside the dataset, where a command's file is)."""

    def spoil(root: Path) -> None:
        os.mkfifo(root / rel)

    return spoil


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
                elif path == "/reason":  # escapes in the status line (Latin-1, as HTTP's)
                    self._head(
                        500, kind, len(body), ESCAPES.encode("latin-1", "ignore").decode("latin-1")
                    )
                    self._write(body)
                    return
                self._head(200, kind, len(body))
                self._write(body)

            def _head(self, status, kind, length, reason=None):
                self.send_response(status, reason)
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

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # a client that hangs up early (cite on an HTTP error) is no news

        server = Server(("127.0.0.1", 0), Pages)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        _PAGES["port"] = server.server_address[1]
    return _PAGES["port"]


class _Page:
    """The address of a page of the page server, as a command's argument: the server
    starts when the command is run, not when the cases are listed."""

    def __init__(self, path: str):
        self.path = path

    def __str__(self) -> str:
        return f"http://127.0.0.1:{_page_server()}{self.path}"


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
                    f"{sid}:\n  title: {sid}\n  publisher: P\n  url: {_quoted(url)}\n"
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


def _commits(*spoils):
    """The dataset committed to a git repository of its own, then each of ``spoils`` made
    and committed in turn."""

    def spoil(root: Path) -> None:
        _committed(root)
        for number, each in enumerate(spoils, 1):
            each(root)
            _git(root, "add", "-A")
            _git(root, "commit", "-qm", f"change {number}")

    return spoil


def _inside_a_project(root: Path) -> None:
    """The dataset in an ignored folder of an unrelated git repository, as a virtual
    environment sits in a developer's project."""
    project = root.parent
    (project / ".gitignore").write_text(f"{root.name}/\ncache/\n", "utf-8")
    _committed(project)


def _owned_by_another_user(root: Path) -> None:
    _committed(root)
    os.chown(root, 12345, 12345)


def _behind_links(rel: str):
    """The race's file ``rel`` moved to the dataset's ``.shared`` folder and linked to, through
    ``..`` and a second link: the same content, read through links inside the dataset."""

    def spoil(root: Path) -> None:
        name = Path(rel).name
        shared = root / ".shared"
        shared.mkdir()
        (root / rel).rename(shared / name)
        (shared / f"current-{name}").symlink_to(name)
        (root / rel).symlink_to(f"../.shared/current-{name}")

    return spoil


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


# --- issue 27: cite, numbers, streams, tables, git, LaTeX ----------------------------------

CITE = ("cite", "--race", RACE, "--allow-private")
SAVED = (
    '<title>Debate</title><meta property="og:site_name" content="Gazette">'
    '<link rel="canonical" href="{href}">'
    "<p>Older buildings need rent caps. Frequency beats free. Forty more officers on patrol."
)
#: A forged problem line and a GitHub Actions workflow command, in a value.
FORGED = f"support\n{RACE}/chen.yaml:1:1: error: forged\r::error file=x::pwned"
PROBLEM_LINE = re.compile(r"[\w.].*?:\d+:\d+: (error|warning): ")
#: A table cell that would add a cell, split its row or pass markup and links if written raw.
CELL = "=1+1 a|b || c\nd\te <script>alert(1)</script> [x](javascript:alert(1))"
#: A 200-character URL with no space: a LaTeX line cannot break in it unless told where.
LONG_URL = (
    "https://www.example.org/averyveryverylongpathsegmentwithoutbreaks/"
    "anotherlongpathsegmentwithoutanybreaks?q=" + "a" * 100
)


def _okafor_value(numeral: str):
    """okafor.yaml with its target's value (40 officers) written as ``numeral``."""
    return _edit(OKAFOR, "value: 40", f"value: {numeral}")


def _sources_mode(mode: int):
    def spoil(root: Path) -> None:
        os.chmod(root / RACE / "sources.yaml", mode)

    return spoil


def _mode_kept(mode: int):
    def expect(outcome: Outcome, root: Path) -> str:
        found = stat.S_IMODE(os.stat(root / RACE / "sources.yaml").st_mode)
        return "" if found == mode else f"sources.yaml is now {found:o}"

    return expect


def _cr_only(root: Path) -> None:
    path = root / RACE / "sources.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))


def _no_temporary(outcome: Outcome, root: Path) -> str:
    left = list((root.parent / "cache").rglob("*.tmp"))
    return f"{len(left)} temporary file(s) left in the cache" if left else ""


def _sparse(root: Path) -> None:
    with open(root / RACE / "zed.yaml", "wb") as handle:
        handle.truncate(3 * 2**30)


def _name_in_two_forms(root: Path) -> None:
    """One person's name in NFC in one race and in NFD in another."""
    shutil.copytree(
        ROOT / "tests" / "fixtures" / "broken" / "person-name-differs", root, dirs_exist_ok=True
    )
    for rel, form in ((OKAFOR, "NFC"), ("2024-springfield-mayor/okafor2.yaml", "NFD")):
        path = root / rel
        text = path.read_text("utf-8")
        name = text.splitlines()[0].removeprefix("name: ")
        path.write_text(text.replace(name, unicodedata.normalize(form, "Chídi Okafor")), "utf-8")


def _topic_and_race_titles(title: str):
    """The rent-control topic's title and question, and the race's title, holding ``title``."""
    return _all(
        _edit("topics.yaml", "title: Rent control", f"title: {_quoted('Rent ' + title)}"),
        _edit(
            "topics.yaml",
            "question: Should the city cap annual rent increases?",
            f"question: {_quoted('Cap rents? ' + title)}",
        ),
        _edit(
            f"{RACE}/race.yaml",
            "title: 2020 Springfield mayoral election",
            f"title: {_quoted(title)}",
        ),
    )


def _one_row_a_candidate(outcome: Outcome, root: Path) -> str:
    """A Markdown table of the three candidates: five lines, as many cells in each, no
    markup or link left active."""
    lines = outcome.stdout.splitlines()
    cells = {len(re.findall(r"(?<!\\)\|", line)) for line in lines}
    active = re.findall(r"(?<!\\)<script|(?<!\\)\]\(java", outcome.stdout)
    return (
        (f"{len(lines)} lines, not 5" if len(lines) != 5 else "")
        + (f" rows of {sorted(cells)} cells" if len(cells) > 1 else "")
        + (f" active {active}" if active else "")
    )


def _one_problem_a_line(outcome: Outcome, root: Path) -> str:
    forged = [
        line
        for line in outcome.stdout.splitlines()
        if not PROBLEM_LINE.match(line) or line.startswith(("::", f"{RACE}/chen.yaml"))
    ]
    return f"forged lines: {forged}" if forged else ""


def _reads_back(outcome: Outcome, root: Path) -> str:
    """The candidate file ``new candidate`` wrote parses, with a position on each topic."""
    import yaml

    try:
        data = yaml.safe_load((root / RACE / "newcomer.yaml").read_text("utf-8"))
    except yaml.YAMLError as error:
        return f"the file written does not parse: {str(error).splitlines()[0]}"
    found = list(data.get("positions") or {}) if isinstance(data, dict) else data
    return "" if found == ["rent-control", "transit", "police-budget"] else f"positions {found}"


def _long_words(length: int):
    """Okafor's transit summary holding LONG_URL, and twelve more candidates whose name,
    party and speaker are words of ``length`` letters and whose summary and quote hold the
    longest unbroken words their limits allow."""

    def spoil(root: Path) -> None:
        _edit(
            OKAFOR,
            "Keep fares and spend the money on more frequent service.",
            f"Keep fares; the plan is at {LONG_URL} for all.",
        )(root)
        for letter in "bcdfghjklmnp":
            (root / RACE / f"long-{letter}.yaml").write_text(
                f"name: Candidate {letter * length}\nparty: {letter * length}\n"
                "positions:\n  transit:\n    stance: support\n"
                f"    summary: Free buses {letter * 280}.\n"
                "    citations:\n      - source: gazette-debate\n"
                f"        quote: Frequency beats free {letter * 500}.\n"
                f"        speaker: {letter * length}\n",
                "utf-8",
            )

    return spoil


def _breakable(outcome: Outcome, root: Path) -> str:
    """No run of over 20 letters, nor the URL's long path segment, left without a break."""
    whole = re.findall(r"([a-z])\1{20,}", outcome.stdout)
    return (f"{len(whole)} unbroken long words" if whole else "") + (
        " an unbroken URL" if "averyveryverylongpathsegmentwithoutbreaks" in outcome.stdout else ""
    )


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
    Case("files", "a folder named x.yaml", _folder(f"{RACE}/x.yaml")),
    Case("files", "a named pipe named x.yaml", _fifo(f"{RACE}/x.yaml")),
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
        pipe_reads=1,
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
        _fifo("../out.html"),
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
    # issue 27, the third attack run (NOTES below says what each did before)
    Case(
        "cite",
        "1 MB of JSON-LD script openers and one closer",
        _repeat("../openers.html", "", '<script type="application/ld+json">x', 30_000, "</script>"),
        args=(*CITE, "--from-file", "../openers.html"),
        exit_code=0,
        located=False,
        max_seconds=3,
        issue="27.1",
    ),
    Case(
        "numbers",
        "a 309-digit target value",
        _okafor_value("9" * 309),
        extra=(
            ("compare", "okafor", "chen"),
            ("filter",),
            ("show", "okafor"),
            ("handout", "okafor", "chen", "--format", "markdown"),
        ),
        slow=True,
        issue="27.2",
    ),
    Case("numbers", "a 5,000-digit target value", _okafor_value("9" * 5_000), issue="27.2"),
    Case("numbers", "0x and 4,000 f's", _okafor_value("0x" + "f" * 4_000), slow=True, issue="27.2"),
    Case(
        "numbers",
        "a 5,000-digit binary number",
        _okafor_value("0b" + "1" * 5_000),
        slow=True,
        issue="27.2",
    ),
    Case(
        "numbers",
        "base 60: 1:59:59… (9,001 characters)",
        _okafor_value("1" + ":59" * 3_000),
        slow=True,
        issue="27.2",
    ),
    Case(
        "numbers",
        "a 5,000-digit weight in match's answers",
        _write(
            "../answers.yaml",
            f"answers:\n  transit:\n    answer: support\n    weight: {'9' * 5_000}\n",
        ),
        args=("match", "--race", RACE, "--answers", "../answers.yaml"),
        slow=True,
        issue="27.2",
    ),
    Case(
        "numbers",
        "a 5,000-digit number in an old commit, fixed since",
        _commits(_okafor_value("9" * 5_000), _edit(OKAFOR, "9" * 5_000, "40")),
        args=("history", "okafor"),
        exit_code=0,
        located=False,
        extra=(("changes", "HEAD~2", "HEAD~1"),),
        slow=True,
        issue="27.2",
    ),
    Case(
        "cite",
        "a saved page whose canonical address is someone else's page",
        _write("../saved.html", SAVED.format(href="https://gazette.example.org/debate")),
        before=((*CITE, "--from-file", "../saved.html"),),
        args=("check-quotes", "okafor", "--offline"),
        exit_code=0,
        located=False,
        expect=_says("0 found", absent=("FOUND",)),
        slow=True,
        issue="27.3",
    ),
    Case(
        "cite",
        "a sources.yaml of mode 0600",
        _sources_mode(0o600),
        args=(*CITE, _Page("/plain")),
        exit_code=0,
        located=False,
        expect=_mode_kept(0o600),
        issue="27.5",
    ),
    Case(
        "cite",
        "a read-only sources.yaml",
        _sources_mode(0o444),
        args=(*CITE, _Page("/plain")),
        located=False,
        expect=_says("is read-only; make it writable for cite; nothing was written"),
        slow=True,
        issue="27.5",
    ),
    Case(
        "cite",
        "sources.yaml a symlink to a file inside the dataset",
        _behind_links(f"{RACE}/sources.yaml"),
        args=(*CITE, _Page("/plain")),
        located=False,
        expect=_says("is a link; cite writes only a plain file", absent=("internal error",)),
        issue="27.6",
    ),
    Case(
        "terminal",
        "escapes in a server's HTTP reason phrase (cite's error)",
        _nothing,
        args=(*CITE, _Page("/reason")),
        located=False,
        expect=_says("<U+001B>]0;owned<U+0007>"),
        issue="27.7",
    ),
    Case(
        "terminal",
        "escapes in a source's URL (check-quotes' progress line)",
        _citing(f"/plain?{ESCAPES}"),
        args=("check-quotes", "okafor", "--allow-private"),
        exit_code=0,
        located=False,
        expect=_says("fetching http", "<U+001B>]0;owned<U+0007>"),
        slow=True,
        issue="27.7",
    ),
    Case(
        "terminal",
        "escapes in the race's title and a topic's title and question (interactive match)",
        _topic_and_race_titles(ESCAPES),
        args=("match", "--race", RACE),
        stdin="support\n3\nskip\nskip\n",
        exit_code=0,
        located=False,
        expect=_says("<U+001B>]52;c;"),
        slow=True,
        issue="27.7",
    ),
    Case(
        "tables",
        "a pipe sign, a newline, a tab, HTML and a javascript: link in a cell",
        _edit(OKAFOR, "party: Democratic", f"party: {_quoted(CELL)}"),
        args=("candidates", "--format", "github"),
        exit_code=0,
        located=False,
        extra=(("candidates", "--format", "pipe"),),
        expect=_one_row_a_candidate,
        slow=True,
        issue="27.8",
    ),
    Case(
        "tables",
        "a table format with no escape that holds",
        _nothing,
        args=("candidates", "--format", "jira"),
        exit_code=2,
        located=False,
        extra=(("candidates", "--format", "orgtbl"),),
        expect=_says("tables are not written"),
        slow=True,
        issue="27.8",
    ),
    Case(
        "terminal",
        "a value holding a forged problem line and a GitHub ::error command",
        _all(
            _edit(OKAFOR, "stance: support", f"stance: {_quoted(FORGED)}"),
            _folder("::error file=y::pwned"),
        ),
        expect=_one_problem_a_line,
        issue="27.9",
    ),
    Case(
        "new candidate",
        "a topic title holding U+2028 and NEL (YAML line breaks)",
        _edit(
            "topics.yaml",
            "title: Rent control",
            "title: " + _quoted("Rent\u2028stance: support\x85positions: none"),
        ),
        args=("new", "candidate", f"{RACE}/newcomer", "--name", "Nia Newcomer"),
        exit_code=0,
        located=False,
        expect=_reads_back,
        issue="27.10",
    ),
    Case(
        "cite",
        "a canonical address holding a newline (&#10;)",
        _write("../nl.html", SAVED.format(href="https://gazette.example/a&#10;b")),
        args=(*CITE, "--from-file", "../nl.html"),
        exit_code=0,
        located=False,
        expect=_says("is not a value validate accepts, so it is left out"),
        slow=True,
        issue="27.11",
    ),
    Case(
        "cite",
        "a canonical address holding ESC",
        _write("../esc.html", SAVED.format(href="https://gazette.example/a\x1b[31mb")),
        args=(*CITE, "--from-file", "../esc.html"),
        exit_code=0,
        located=False,
        expect=_says("is not a value validate accepts, so it is left out"),
        issue="27.11",
    ),
    Case(
        "cite",
        "a page address that is not ASCII (/Élection?q=é)",
        _nothing,
        args=(*CITE, _Page("/Élection?q=é")),
        exit_code=0,
        located=False,
        expect=_says("Added source"),
        issue="27.12",
    ),
    Case(
        "git",
        "a dataset in an ignored folder of an unrelated repository",
        _inside_a_project,
        args=("changes",),
        located=False,
        extra=(("history", "okafor"),),
        expect=_says("none of its files are tracked"),
        slow=True,
        issue="27.13",
    ),
    Case(
        "git",
        "the handout footer of a dataset in an ignored folder of an unrelated repository",
        _inside_a_project,
        args=("handout", "okafor", "chen", "--format", "markdown"),
        exit_code=0,
        located=False,
        expect=_says("# 2020 Springfield", absent=("Dataset revision",)),
        slow=True,
        issue="27.13",
    ),
    Case(
        "git",
        "a repository owned by another user",
        _owned_by_another_user,
        args=("history", "okafor"),
        located=False,
        env={"HOME": "/nonexistent", "XDG_CONFIG_HOME": "/nonexistent", "SUDO_UID": None},
        expect=_says("owned by another user", "safe.directory", absent=("git init",)),
        needs_root=True,
        issue="27.14",
    ),
    Case(
        "git",
        "a committed candidate file made a symlink to the same content",
        _commits(_behind_links(OKAFOR)),
        args=("changes", "HEAD~1", "HEAD"),
        exit_code=0,
        located=False,
        expect=_says("No changes."),
        issue="27.15",
    ),
    Case(
        "standard output",
        "an output encoding without '—' (PYTHONIOENCODING=latin-1)",
        _nothing,
        args=("compare", "alvarez", "okafor"),
        env={"PYTHONIOENCODING": "latin-1"},
        exit_code=0,
        located=False,
        expect=_says("election -- Mayor of Springfield"),
        issue="27.16",
    ),
    Case(
        "standard output",
        "closed",
        _nothing,
        args=("compare", "okafor", "chen"),
        stdout="closed",
        exit_code=74,
        located=False,
        extra=(("validate",),),
        expect=_says("cannot write to standard output: it is closed"),
        slow=True,
        issue="27.17",
    ),
    Case(
        "standard output",
        "full",
        _nothing,
        args=("compare", "okafor", "chen"),
        stdout="full",
        exit_code=74,
        located=False,
        expect=_says("cannot write to standard output: No space left on device"),
        issue="27.17",
    ),
    Case(
        "cite",
        "a named pipe as --from-file",
        _fifo("../page.html"),
        args=(*CITE, "--from-file", "../page.html"),
        exit_code=2,
        located=False,
        max_seconds=2,
        expect=_says("is a named pipe, not a regular file"),
        slow=True,
        issue="27.18",
    ),
    Case(
        "command line",
        "match --answers /dev/zero",
        _nothing,
        args=("match", "--answers", "/dev/zero"),
        exit_code=2,
        located=False,
        max_seconds=2,
        expect=_says("is a device, not a regular file"),
        issue="27.18",
    ),
    Case(
        "command line",
        "a named pipe as match --answers",
        _fifo("../answers.yaml"),
        args=("match", "--answers", "../answers.yaml"),
        exit_code=2,
        located=False,
        max_seconds=2,
        expect=_says("is a named pipe, not a regular file"),
        slow=True,
        issue="27.18",
    ),
    Case(
        "files",
        "a 3 GB (sparse) candidate file",
        _sparse,
        args=("filter",),
        slow=True,
        issue="27.18",
    ),
    Case(
        "LaTeX",
        "a 200-character URL and twelve candidates with 3,000-letter words",
        _long_words(3_000),
        args=("handout", "--race", RACE, "--format", "latex"),
        exit_code=0,
        located=False,
        extra=(("handout", "okafor", "chen", "alvarez", "long-b", "--format", "latex"),),
        expect=_breakable,
        slow=True,
        issue="27.19",
    ),
    Case(
        "numbers",
        "an octal 040",
        _okafor_value("040"),
        extra=(("show", "okafor"),),
        slow=True,
        issue="27.20",
    ),
    Case("numbers", "base 60: 1:30", _okafor_value("1:30"), slow=True, issue="27.20"),
    Case("numbers", "hexadecimal 0x10", _okafor_value("0x10"), issue="27.20"),
    Case(
        "cite",
        "a sources.yaml with CR-only line breaks",
        _cr_only,
        args=(*CITE, _Page("/plain")),
        exit_code=0,
        located=False,
        expect=_says("line 19:"),
        slow=True,
        issue="27.minor",
    ),
    Case(
        "check-quotes",
        "a full disk while a page is kept in the cache",
        _citing("/quadratic"),
        args=("check-quotes", "okafor", "--allow-private"),
        exit_code=1,
        located=False,
        file_size_limit=100_000,
        expect=_no_temporary,
        slow=True,
        issue="27.minor",
    ),
    Case(
        "command line",
        "filter --min nan",
        _nothing,
        args=("filter", "--measure", "officers-added", "--min", "nan"),
        exit_code=2,
        located=False,
        extra=(("check-quotes", "okafor", "--timeout", "nan"),),
        issue="27.minor",
    ),
    Case(
        "content",
        "one person's name in NFC and in NFD",
        _name_in_two_forms,
        args=("validate", "--strict"),
        exit_code=0,
        located=False,
        issue="27.minor",
    ),
    Case(
        "pipes",
        "a reader that reads nothing (filter's 100 kB, more than a pipe holds)",
        _many_races(20),
        args=("filter", "--format", "json"),
        exit_code=0,
        located=False,
        pipe_reads=0,
        slow=True,
        issue="27.minor",
    ),
    Case(
        "content",
        "a source URL with port 99999",
        _edit(
            f"{RACE}/sources.yaml", "gazette.example.org/debate", "gazette.example.org:99999/debate"
        ),
        issue="27.minor",
    ),
]


# As root, file permissions apply only once the process gives up these two capabilities.
DROP_ROOT_READS = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def _argv(case: Case, args: tuple, root: Path) -> list:
    prefix = DROP_ROOT_READS if case.unprivileged and os.geteuid() == 0 else []
    if args[0] == "--vanish":
        return [*prefix, sys.executable, "-c", _VANISH, "--data", str(root), *args[1:]]
    return [*prefix, platforms_command(), "--data", str(root), *map(str, args)]


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
        "NO_COLOR": None,
        **case.env,
    }
    env = {name: value for name, value in env.items() if value is not None}  # None: unset
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
    with open("/dev/full" if case.stdout == "full" else os.devnull, "wb") as sink:
        child = subprocess.Popen(
            _argv(case, args, root),
            cwd=root,
            env=env,
            stdin=subprocess.PIPE,
            stdout=sink if case.stdout else subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=_before_exec(case),
        )
    out = _Drain(child.stdout, lines=case.pipe_reads) if child.stdout else None
    err = _Drain(child.stderr)
    workers: set = set()
    if case.interrupt:
        time.sleep(1.0)
        child.send_signal(signal.SIGINT)
    elif case.kill_after:
        workers = _kill_with_workers(child, case.kill_after)
    elif case.pipe_reads is None:
        child.stdin.write((case.stdin or "").encode())
    child.stdin.close()
    timer = threading.Timer(timeout, child.kill)
    timer.start()
    _, status, usage = os.wait4(child.pid, 0)  # reaps the child and tells its peak memory
    timer.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)
    stdout, stderr = out.text() if out else "", err.text()
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


def _before_exec(case: Case):
    """What the child does before it runs: a file size limit, as on a nearly full disk
    (a write past it fails instead of killing the process), and a closed standard output."""
    if not case.file_size_limit and case.stdout != "closed":
        return None

    def apply() -> None:
        import resource

        if case.file_size_limit:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (case.file_size_limit,) * 2)
        if case.stdout == "closed":
            os.close(1)

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
    if case.pipe_reads is not None and outcome.stderr.strip():
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
    if case.needs_root and os.geteuid() != 0:
        return "only root can make a repository another user's (chown)"
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


def _redirection(case: Case) -> str:
    """Where the command's standard output goes, as a shell would say it."""
    if case.pipe_reads is not None:
        return f" | head -{case.pipe_reads}" if case.pipe_reads else " | true"
    return {"closed": " >&-", "full": " > /dev/full"}.get(case.stdout, "")


def _cell(text: str, limit: int = 110) -> str:
    text = text.replace("|", "\\|")
    # Paths relative to where the command ran (the dataset's folder)
    text = re.sub(r"/tmp/[^\s:]*?/run\d+/dataset/", "", text)
    text = re.sub(r"/tmp/[^\s:]*?/run\d+/dataset\b", ".", text)
    text = re.sub(r"/tmp/[^\s:,]*?/run\d+\b", "..", text)
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
                command = "platforms " + " ".join(str(a) for a in args if a != "--vanish")
                command += _redirection(case)
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
bad usage, 74 when standard output cannot be written, 130 for Ctrl-C), no traceback, no raw
control character from the data, nothing from outside the dataset printed, no code run from
a tag, a `PATH:LINE:COLUMN: error:` line where the data is at fault, under 10 s and 1 GB.
The limits behind these answers (1 MiB per file, 32 levels of nesting, 20,000 characters per
value, 15 digits per number, 100 problems per file) are in [format.md](format.md). The peak
memory is the kernel's count for the process, which starts from this runner's own peak (about
20 MB, more once its page server has run): a bound from above. Rows 56 on are issue 27's third
attack run; what each of its cases did before is told under the table.

"""


NOTES_HEAD = """
## Issue 27: what each case did, and what holds it now

Each case of the third attack run (issue 27), the rows above that show it, and the tests
that hold it: in `tests/test_hostile_cite.py` (cases 1, 3-6, 11, 12, 18 and the first two
minor ones), `tests/test_hostile_numbers.py` (2, 20, and `nan`, NFC/NFD, port 99999),
`tests/test_hostile_streams.py` (7-10, 16, 17, `| true`), `tests/test_hostile_git.py`
(13-15), `tests/test_hostile_latex.py` and `tests/test_hostile_pdf.py` (19).

"""

#: issue case -> what it did before, what it does now, and the tests that hold it.
NOTES = {
    "27.1": "**cite: a page of 20,000 JSON-LD openers.** Each opener searched on for the next "
    "closer and kept the text between: quadratic (700 KB: 20 s and 6.9 GB; 1 MB: MemoryError, "
    "exit 3). Now a script runs to its end tag and the scan goes on after it: one pass. "
    "`test_doubling_a_hostile_page_about_doubles_the_time_to_read_it`, "
    "`test_cite_reads_a_1_mb_page_of_script_openers_at_once`.",
    "27.2": "**Big integers.** A target value of 309 nines gave `internal error: OverflowError` "
    "(exit 3) in every command; so did 4,300 digits, long hex, binary and base-60 numerals, a "
    "huge `weight` in match's answers, and history and changes on such a commit after the file "
    "was fixed. Now every plain numeral is read through `cli/dataset/numerals.py`: more than "
    "15 digits (`too-many-digits`) or any notation but plain decimals (`number-notation`) is "
    "a located error, found before any conversion, in linear time, in old revisions too. "
    "`test_every_command_answers_a_huge_number_with_its_place`, "
    "`test_a_bad_number_in_an_answers_file_is_located`, "
    "`test_history_and_changes_read_an_old_commit_s_huge_number`, "
    "`test_long_numerals_are_refused_in_linear_time`.",
    "27.3": "**cite --from-file poisoned the page cache.** Without `--url`, the saved file was "
    'kept as the cached copy of the address its own `<link rel="canonical">` named, and '
    "check-quotes reported that page's quotes found without fetching it. Now a saved copy is "
    "kept only under the address given with `--url`. "
    "`test_a_saved_page_is_not_kept_as_the_copy_of_the_address_it_names`, "
    "`test_a_saved_page_is_kept_under_the_address_the_curator_gives`.",
    "27.4": "**cite lost updates** (no row can make a second writer act during a fetch). "
    'Two cites at once both said "Added" and one entry survived; an entry added by hand '
    "during a fetch was lost. Now sources.yaml is read again under an exclusive lock on the "
    "race folder once the page is in, and replaced atomically (`cli/curation/sourcesfile.py`, "
    "which `check-quotes --record` writes through too); an `--id` taken meanwhile is an "
    "error, nothing written. `test_two_cites_at_once_both_add_their_source`, "
    "`test_a_source_added_by_hand_while_cite_fetches_is_kept`, "
    "`test_an_id_taken_while_cite_fetches_is_not_written_twice`.",
    "27.5": "**cite changed permissions.** A 0600 sources.yaml became 0644; a read-only one was "
    "replaced. Now the mode is kept, and a read-only file is refused before the fetch. "
    "`test_cite_keeps_the_mode_of_sources_yaml`, "
    "`test_a_read_only_sources_yaml_is_refused_before_the_page_is_fetched`.",
    "27.6": "**cite on a linked sources.yaml** gave `internal error: NotRegularFile` after the "
    "fetch. Now it is refused before the fetch, saying what to do (through a link, citing a "
    "page for one race would write another's sources; `check-quotes --record` refuses links "
    "too). `test_a_linked_sources_yaml_is_refused_before_the_page_is_fetched`.",
    "27.7": "**Terminal escapes.** cite's errors printed a server's reason phrase, Content-Type, "
    "Content-Encoding and charset raw, check-quotes' progress line the URL, interactive match "
    "the race title and questions (an OSC 52 clipboard write got through). Now every byte to "
    "standard output and error passes one door (`cli/commands/streams.py`) that shows control "
    "characters and bidi overrides as `<U+XXXX>` and lets through only the tool's own colouring "
    "of a stance word. `test_cite_errors_show_the_servers_words_without_escapes`, "
    "`test_check_quotes_progress_shows_the_url_without_escapes`, "
    "`test_interactive_match_shows_the_race_and_questions_without_escapes`, "
    "`test_a_terminal_gets_the_tools_colours_and_no_other_escape`.",
    "27.8": "**Table cells written raw** in github, pipe, orgtbl, jira, mediawiki, textile, "
    "moinmoin, asciidoc and tsv: a `|` added a cell, a newline split the row, HTML and "
    "`javascript:` links passed. Now every cell is made inert for its format (Markdown as the "
    "Markdown handout escapes it, MediaWiki and Textile as character references, rst "
    "backslashed, TSV on one line with CSV's formula guard); orgtbl, jira, moinmoin, asciidoc "
    "and youtrack, which have no escape that holds, are refused (exit 2). "
    "`test_a_cell_cannot_add_cells_rows_or_markup`, "
    "`test_a_table_format_that_cannot_be_made_inert_is_refused`.",
    "27.9": "**Forged problem lines.** A value holding newlines printed a fake problem line and a "
    "GitHub Actions `::error` command. Now a problem is one line that starts with its path; a "
    "line break in it shows as `<U+000A>`. "
    "`test_a_value_with_line_breaks_cannot_forge_a_problem_line`.",
    "27.10": "**new candidate wrote a file that did not parse** when a topic title held U+2028 "
    "or NEL, which end a YAML comment line. Now such a break is a space in the `#` comments "
    "(ESC shows as `<U+001B>`). "
    "`test_a_topic_title_cannot_break_the_comments_of_a_new_candidate`.",
    "27.11": "**cite left the dataset invalid**: a canonical href holding `&#10;` or ESC was "
    "written as the url, exit 0. Now every value cite writes is checked as validate checks it: "
    "a page's value that fails is left out and named; an address the curator gives that fails "
    "is a usage error before anything is fetched. "
    "`test_a_canonical_address_validate_would_reject_is_left_out`, "
    "`test_an_address_validate_would_reject_is_refused_before_anything_is_read`.",
    "27.12": "**Non-ASCII URLs** failed with `'ascii' codec can't encode`. Now every hop is sent "
    "as a URI (the host in IDNA, the rest percent-encoded UTF-8), by cite and check-quotes. "
    "`test_a_page_whose_address_is_not_ascii_is_fetched`, "
    "`test_an_internationalised_address_becomes_the_one_sent`.",
    "27.13": "**A dataset took the git repository it sat in for its own**: for the bundled "
    "dataset in a virtual environment inside a project, changes listed 119 spurious changes, "
    'history said "commit it first", the handout footer gave that project\'s revision. Now a '
    "dataset's repository is the one that tracks its files, and the dataset installed with the "
    "package never takes an enclosing one (shown in-process only: it needs a non-editable "
    "install). `test_a_dataset_untracked_inside_another_repository_is_not_in_git`, "
    "`test_the_installed_bundled_dataset_never_takes_an_enclosing_repository`, "
    "`test_a_dataset_tracked_in_a_folder_of_a_larger_repository_has_its_history`.",
    "27.14": '**A misleading git error**: "not in a git repository … run git init" where git '
    "refused another user's repository. Now git's refusal is said in git's words, with the "
    "`git config --global --add safe.directory PATH` that allows it. "
    "`test_a_repository_of_another_user_says_what_git_refused_and_what_to_do` (as root).",
    "27.15": "**changes read a committed symlink's target path as YAML** and reported its "
    "positions removed. Now a committed link reads as the file it names, followed through the "
    "revision's tree as on disk; a link out of the dataset, absolute, dangling or in a loop is "
    "not read. `test_a_committed_symlink_reads_as_the_file_it_names`, "
    "`test_a_committed_symlink_out_of_the_dataset_or_nowhere_reads_as_on_disk`.",
    "27.16": "**Non-UTF-8 output encodings** (latin-1, cp1252, cp437) ended in exit 3 with no "
    "output. Now a character the encoding cannot hold is written in ASCII that reads alike "
    "(`—` as `--`, `?` as the last resort). `test_any_output_encoding_gets_readable_output`.",
    "27.17": "**A closed or full standard output**: `compare >&-` gave `AttributeError` and "
    "`> /dev/full` `OSError` (exit 3), `validate >&-` exit 0 with its output lost. Now the run "
    "ends with `platforms: cannot write to standard output: …` and exit 74. "
    "`test_a_closed_standard_output_is_said_with_exit_74`, "
    "`test_a_full_standard_output_is_said_with_exit_74`.",
    "27.18": "**Unbounded reads and hangs**: `match --answers /dev/zero` read until MemoryError, "
    "a named pipe as `--answers` or `cite --from-file` blocked for ever, a 3 GB dataset file "
    "was read whole to index it. Now every file a user or a dataset names is opened without "
    "blocking and read only if it is a regular file, at most one byte past its limit "
    "(`cli/text/plainfiles.py`). "
    "`test_a_device_as_the_answers_file_is_refused_without_reading_it`, "
    "`test_a_named_pipe_as_the_answers_file_is_refused_at_once`, "
    "`test_a_named_pipe_as_a_saved_page_is_refused_at_once`, "
    "`test_a_huge_dataset_file_is_not_read_whole_to_index_it`.",
    "27.19": "**LaTeX: long words and URLs** ran over the next column and off the page (twelve "
    "candidates with 3,000-character words: 18,887 pt over). Now a line may break after the "
    "punctuation of a word of 16 or more characters, and after any character of a stretch of "
    "over 20 with none (`\\penalty50{}`); words TeX can hyphenate are left to it. The row "
    "checks the source; the render test compiles it with LuaLaTeX and XeLaTeX. "
    "`test_every_long_word_and_url_can_break_in_the_latex_source`, "
    "`test_long_words_and_urls_compile_without_overfull_boxes`. The PDF handout gets the "
    "same breaks as zero-width spaces before WeasyPrint lays it out: WeasyPrint took over ten "
    "minutes for those twelve candidates, searching for a break in a word with none in time "
    "quadratic in its length; now half a minute for their 93 pages (no row: it needs "
    "WeasyPrint, and more than a row's 10 s). "
    "`test_doubling_the_longest_words_about_doubles_the_time_of_the_pdf` (render), "
    "`test_long_words_get_break_opportunities_in_text_only`.",
    "27.20": "**YAML 1.1 numerals** gave silently wrong numbers: `040` showed 32 officers, "
    "`1:30` 90, `0x10` 16. Now each is a located `number-notation` error that says how YAML 1.1 "
    "reads it and what to write; so are binary, `_` separators, exponents and `.5`. "
    "`test_a_yaml_1_1_numeral_is_an_error_not_another_number`, "
    "`test_plain_integers_and_decimals_read_as_written`.",
    "27.minor": "**The minor ones.** With CR-only or NEL line breaks cite reported a line "
    "counted in LFs; now validate's line "
    "(`test_the_line_cite_reports_is_where_validate_finds_the_source`). A failed cache write "
    "left a temporary file prune never removed; now it is removed at once "
    "(`test_a_cache_write_that_fails_leaves_no_temporary_file`, "
    "`test_prune_removes_temporary_files_a_dead_run_left`). `--min nan` was accepted; now exit 2 "
    "(`test_filter_bounds_are_finite_numbers`). One name in NFC and NFD was two names; now "
    "compared in NFC (`test_one_name_in_two_unicode_forms_is_one_name`). `| true` exited 1 "
    "where `| head -1` exited 0; now both 0, quietly "
    "(`test_a_reader_that_goes_away_ends_the_run_quietly_with_0`). Port 99999 validated; now "
    "`bad-url` at its line (`test_a_url_with_a_port_no_server_can_have_is_located`).",
}


def _rows(issue: str) -> str:
    """The rows of the table that show ``issue``: "rows 57-63", "row 56" or "no row"."""
    numbers = [n for n, case in enumerate(CASES, 1) if case.issue == issue]
    spans: list = []
    for number in numbers:
        if spans and spans[-1][1] == number - 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    said = ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)
    return f"row{'s' if len(numbers) > 1 else ''} {said}" if numbers else "no row"


def _case(issue: str) -> str:
    number = issue.removeprefix("27.")
    return "Case " + number if number.isdigit() else number.capitalize()


def notes() -> str:
    """What each issue-27 case did before, the rows that show it and the tests that hold it."""
    return NOTES_HEAD + "".join(
        f"- {_case(issue)}, {_rows(issue)}: {text}\n" for issue, text in NOTES.items()
    )


def main() -> int:
    """Print the table, or with ``--write`` rewrite docs/hostile-input.md; 1 if any broke."""
    body, broken = table()
    if "--write" in sys.argv[1:]:
        TARGET.write_text(
            HEADER + body + f"\n{len(CASES)} hostile cases, {broken} broken promises.\n" + notes(),
            "utf-8",
        )
    else:
        sys.stdout.write(body)
    print(f"{len(CASES)} cases, {broken} broken promises", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
