"""Regenerate docs/format.md's table of problem codes from the registry in cli/problems.py.

Run ``python docs/codes.py`` after adding or changing a code; the test suite fails while
the table is out of date (tests/test_docs.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from cli.problems import Code

FORMAT = Path(__file__).resolve().parent / "format.md"
START, END = "<!-- codes:start -->", "<!-- codes:end -->"


def table() -> str:
    """Every code as a Markdown table row: code, severity, what it means."""
    rows = [f"| `{code}` | {code.severity} | {code.what} |" for code in Code]
    return "\n".join(["| code | severity | what |", "|---|---|---|", *rows]) + "\n"


def updated(text: str) -> str:
    """``text`` (docs/format.md) with the table between the markers regenerated."""
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    return pattern.sub(lambda _: f"{START}\n{table()}{END}", text)


if __name__ == "__main__":
    FORMAT.write_text(updated(FORMAT.read_text("utf-8")), "utf-8")
    print(f"{FORMAT}: {len(Code)} codes")
