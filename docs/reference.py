"""Regenerate the command reference in README.md from every command's --help.

Run ``python docs/reference.py`` after changing a command's options or help; the test
suite fails while the README is out of date (tests/test_docs.py).
"""

from __future__ import annotations

import re
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
    for name in [None, *cli.list_commands(None)]:
        args = ([name] if name else []) + ["--help"]
        result = runner.invoke(cli, args, env={"COLUMNS": "100"}, terminal_width=100)
        title = f"platforms {name}" if name else "platforms"
        parts.append(f"### `{title}`\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


def updated(text: str) -> str:
    """``text`` (the README) with the reference between the markers replaced."""
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    return pattern.sub(lambda _: f"{START}\n{reference()}{END}", text)


if __name__ == "__main__":
    new = updated(README.read_text("utf-8"))
    README.write_text(new, "utf-8")
    sys.exit(0)
