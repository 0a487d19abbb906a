"""Regenerate docs/reference.md from every command's --help, the README's table of the
bundled races from the bundled data, and the example outputs of README.md and docs/*.md
from real runs on the bundled data.

An example is written in a page as::

    <!-- run: compare bass caruso; lines 60 -->
    ```
    (the output, pasted by this script)
    ```
    <!-- run:end -->

and is the command's output in an 80-column terminal (the first N lines when ``lines N``
is given, then a line holding only "…").

Run ``python docs/reference.py`` after changing a command's options, help or output, or
the bundled data; the test suite fails while a page is out of date (tests/test_docs.py).
"""

from __future__ import annotations

import json
import re
import shlex
import sys
from pathlib import Path

from click.testing import CliRunner

from cli.commands.main import cli

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START, END = "<!-- reference:start -->", "<!-- reference:end -->"
RACES_START, RACES_END = "<!-- races:start -->", "<!-- races:end -->"


def pages() -> list[Path]:
    """The pages this script keeps current: the README and every Markdown page in docs/."""
    return [README, *sorted((ROOT / "docs").glob("*.md"))]


def reference() -> str:
    """The help of the group and of every command, as Markdown."""
    runner = CliRunner()
    parts = []
    for words in _commands(cli, []):
        result = runner.invoke(cli, [*words, "--help"], env={"COLUMNS": "100"}, terminal_width=100)
        title = " ".join(["platforms", *words])
        parts.append(f"### `{title}`\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


def _commands(group, words: list[str]):
    """The words naming ``group`` and every command under it, depth first, in order."""
    yield words
    for name in group.list_commands(None):
        command = group.get_command(None, name)
        if hasattr(command, "list_commands"):
            yield from _commands(command, [*words, name])
        else:
            yield [*words, name]


RUN = re.compile(
    r"<!-- run: (?P<args>[^;>]+?)(?:; lines (?P<lines>\d+))? -->\n"
    r"```\n.*?```\n<!-- run:end -->",
    re.S,
)


def example(args: str, lines: int | None) -> str:
    """The output of ``platforms ARGS`` at 80 columns, cut to ``lines`` lines."""
    runner = CliRunner()
    result = runner.invoke(
        cli, shlex.split(args), env={"COLUMNS": "80", "NO_COLOR": "1"}, terminal_width=80
    )
    out = result.output.rstrip("\n").split("\n")
    if lines is not None and len(out) > lines:
        out = out[:lines] + ["\u2026"]
    return "\n".join(out)


def races() -> str:
    """The bundled races as a Markdown table: election, candidates and topics, from the data."""
    runner = CliRunner()
    listed = json.loads(runner.invoke(cli, ["races", "--format", "json"]).output)
    rows = ["| race | election | candidates | topics |", "|---|---|---|---|"]
    for race in listed:
        people = json.loads(
            runner.invoke(cli, ["candidates", "--race", race["race"], "--format", "json"]).output
        )
        topics = json.loads(
            runner.invoke(cli, ["topics", "--race", race["race"], "--format", "json"]).output
        )
        rows.append(
            f"| `{race['race']}` | {race['election_date']} "
            f"| {', '.join(person['name'] for person in people)} "
            f"| {', '.join(topic['title'] for topic in topics)} |"
        )
    return "\n".join(rows) + "\n"


def _between(start: str, end: str, body, text: str) -> str:
    """``text`` with what stands between the markers ``start`` and ``end`` made anew."""
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    return pattern.sub(lambda _: f"{start}\n{body()}{end}", text)


def updated(text: str) -> str:
    """``text`` (a page) with the reference, the races table and every example regenerated."""
    text = _between(START, END, reference, text)
    text = _between(RACES_START, RACES_END, races, text)

    def run(match: re.Match) -> str:
        lines = int(match["lines"]) if match["lines"] else None
        head = match.group(0).split("\n", 1)[0]
        return f"{head}\n```\n{example(match['args'], lines)}\n```\n<!-- run:end -->"

    return RUN.sub(run, text)


if __name__ == "__main__":
    for page in pages():
        page.write_text(updated(page.read_text("utf-8")), "utf-8")
    sys.exit(0)
