"""Regenerate the command reference in README.md from every command's --help, and the
README's example outputs from real runs on the bundled data.

An example is written in the README as::

    <!-- run: compare bass caruso; lines 60 -->
    ```
    (the output, pasted by this script)
    ```
    <!-- run:end -->

and is the command's output in an 80-column terminal (the first N lines when ``lines N``
is given, then a line holding only "…").

Run ``python docs/reference.py`` after changing a command's options, help or output, or
the bundled data; the test suite fails while the README is out of date
(tests/test_docs.py).
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

from click.testing import CliRunner

from cli.commands.main import cli

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- reference:start -->", "<!-- reference:end -->"


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


def updated(text: str) -> str:
    """``text`` (the README) with the reference and every example regenerated."""
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    text = pattern.sub(lambda _: f"{START}\n{reference()}{END}", text)

    def run(match: re.Match) -> str:
        lines = int(match["lines"]) if match["lines"] else None
        head = match.group(0).split("\n", 1)[0]
        return f"{head}\n```\n{example(match['args'], lines)}\n```\n<!-- run:end -->"

    return RUN.sub(run, text)


if __name__ == "__main__":
    new = updated(README.read_text("utf-8"))
    README.write_text(new, "utf-8")
    sys.exit(0)
