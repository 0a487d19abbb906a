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
            text = (self.stdout + self.stderr)[located.start():]
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
    return (BASE / RACE / "race.yaml").read_text("utf-8").replace("percent: 41.5",
                                                                    f"percent: {value}")


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
_VANISH = ("import os, sys, cli.load as load; scan = load.scan\n"
           "def listed(root):\n"
           "    layout = scan(root); [r.candidates for r in layout.races.values()]\n"
           "    os.remove(os.path.join(root, %r)); return layout\n"
           "load.scan = listed; from cli.commands.main import main; sys.argv[0] = 'platforms'; "
           "main()" % OKAFOR)

CASES = [
    Case("content", "random bytes", _write(OKAFOR, bytes(range(256)) * 40)),
    Case("content", "invalid UTF-8", _write(OKAFOR, b"name: Chidi \xff\xfe Okafor\n")),
    Case("content", "NUL bytes", _write(OKAFOR, b"name: Chidi\x00Okafor\n")),
    Case("content", "empty file", _write(OKAFOR, b"")),
    Case("content", "a scalar instead of a mapping", _write(OKAFOR, "just some words\n")),
    Case("content", "a list instead of a mapping", _write(OKAFOR, "- name: Chidi Okafor\n")),
    Case("content", "several documents", _write(OKAFOR, "name: A\n---\nname: B\n")),
    Case("content", "tabs in indentation",
         _write(OKAFOR, "name: Chidi\npositions:\n\ttransit:\n\t\tstance: support\n")),
    Case("content", "an unterminated string", _write(OKAFOR, 'name: "Chidi Okafor\n')),
    Case("content", "a complex key", _write(OKAFOR, "name: x\n? [a, b]\n: c\n")),
    Case("content", "a merge key", _write(OKAFOR, "name: x\n<<: {party: Green}\n")),
    Case("content", "200,000-level nesting", _write(OKAFOR, _nested(200_000))),
    Case("content", "billion-laughs alias bomb", _write(OKAFOR, _laughs()),
         args=("compare", "okafor", "chen")),
    Case("content", "a 30 MB file", _repeat(OKAFOR, "name: x\nnotes: |\n",
                                            "  lorem ipsum dolor sit amet\n", 1_100_000)),
    Case("content", "a 5 MB line", _repeat(OKAFOR, "name: ", "x", 5_000_000)),
    Case("content", "!!python/object/apply tag",
         _write(OKAFOR, f"name: !!python/object/apply:os.system ['touch {PWNED}']\n")),
    Case("content", "a custom tag", _write(OKAFOR, "name: !vote Chidi Okafor\n")),
    Case("content", "a NaN number", _write(f"{RACE}/race.yaml", _race_percent(".nan"))),
    Case("content", "an infinite number", _write(f"{RACE}/race.yaml", _race_percent("-.inf"))),
    Case("content", "a path-like topic id",
         _write(OKAFOR, "name: x\npositions:\n  ../../etc/passwd:\n    stance: support\n"
                        "    summary: s\n    citations: [{source: gazette-debate, quote: q}]\n")),
    Case("content", "a value over 20,000 characters", _repeat(OKAFOR, "name: ", "y", 30_000)),
    Case("files", "a folder named x.yaml", _directory),
    Case("files", "a named pipe named x.yaml", _fifo),
    Case("files", "a symlink loop", _symlink(f"{RACE}/loop.yaml",
                                             lambda root: root / RACE / "loop.yaml")),
    Case("files", "a symlink to a file outside the dataset", _symlink(OKAFOR, _outside),
         extra=(("show", "okafor"),)),
    Case("files", "a symlink to a race folder", _race_link),
    Case("files", "an unreadable file", _unreadable, unprivileged=True),
    Case("files", "a file that vanishes between listing and reading", _nothing,
         args=("--vanish", "validate")),
    Case("command line", "show ../../etc/passwd", _nothing, args=("show", "../../etc/passwd"),
         exit_code=2, located=False),
    Case("command line", "show /etc/passwd", _nothing, args=("show", "/etc/passwd"),
         exit_code=2, located=False),
    Case("command line", f"show {RACE}/../..", _nothing, args=("show", f"{RACE}/../.."),
         exit_code=2, located=False),
    Case("command line", "compare --race ../../etc", _nothing,
         args=("compare", "--race", "../../etc"), exit_code=2, located=False),
    Case("terminal", "ANSI, OSC, BEL, backspace, CR and a bidi override in the data",
         _okafor_with('"Cap\\e[2J rent\\a \\u202eincreases\\x08\\r."'),
         args=("compare", "okafor", "chen"), exit_code=0, located=False,
         extra=(("show", "okafor"), ("validate",), ("compare", "okafor", "chen",
                                                    "--format", "json"))),
    Case("pipes", "compare | head -1", _nothing, args=("compare", "okafor", "chen"),
         exit_code=0, located=False, pipe_head=True),
    Case("signals", "Ctrl-C at a prompt of match", _nothing, args=("match", "--race", RACE),
         exit_code=130, located=False, interrupt=True),
    Case("output files", "-o onto an existing file without --force", _existing_output,
         args=("handout", "okafor", "chen", "-o", "../handout.html"), exit_code=1,
         located=False),
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
    env = {**os.environ, "COLUMNS": "100", "LC_ALL": "C.UTF-8"}
    env.pop("NO_COLOR", None)
    start = time.perf_counter()
    child = subprocess.Popen(_argv(case, args, root), cwd=root, env=env,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    out = _Drain(child.stdout, lines=1 if case.pipe_head else None)
    err = _Drain(child.stderr)
    if case.interrupt:
        time.sleep(1.0)
        child.send_signal(signal.SIGINT)
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
    return Outcome(child.returncode, stdout, stderr, seconds, usage.ru_maxrss / 1024)


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
    if case.interrupt and (outcome.stderr.count("Aborted") != 1 or
                           outcome.stderr.rstrip().splitlines()[-1] != "Aborted."):
        failures.append("Ctrl-C did not end with one 'Aborted.' line")
    if case.pipe_head and outcome.stderr.strip():
        failures.append("a closed pipe printed an error")
    if outcome.seconds > 10 or outcome.peak_mb > 1024:
        failures.append(f"{outcome.seconds:.1f} s, {outcome.peak_mb:.0f} MB")
    if case.name.startswith("-o") and (root.parent / "handout.html").read_text() != \
            "the teacher's own file\n":
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
        outcome = run_process(case, args, root)
        outcome.failures = check(case, outcome, root)
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
    rows = ["| # | Input | Command | Exit | First line of the answer | Time | Peak memory "
            "| Promises kept |", "|---|---|---|---|---|---|---|---|"]
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
                    rows.append(f"| {number} | {case.group}: {case.name} | `{_cell(command)}` "
                                f"| | not run: {outcome.skipped} | | | |")
                    continue
                kept = "yes" if not outcome.failures else "NO: " + "; ".join(outcome.failures)
                rows.append(f"| {number} | {case.group}: {case.name} | `{_cell(command)}` | "
                            f"{outcome.exit_code} | `{_cell(outcome.first_line())}` | "
                            f"{outcome.seconds:.2f} s | {outcome.peak_mb:.0f} MB | {kept} |")
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
        TARGET.write_text(HEADER + body + f"\n{len(CASES)} hostile cases, {broken} broken "
                          "promises.\n", "utf-8")
    else:
        sys.stdout.write(body)
    print(f"{len(CASES)} cases, {broken} broken promises", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
