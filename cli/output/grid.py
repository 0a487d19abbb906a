"""A wrapped text table that fits a terminal width, with a stacked fallback."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cli.output.terminal import pad, width, wrap
from cli.text.controlchars import clean

#: Narrower than this, a side-by-side column is too cramped to read: stack instead.
MIN_COLUMN = 16
SEPARATOR = " | "


def _fit(natural: list[int], available: int, floor: int) -> list[int] | None:
    """Column widths summing to at most ``available``, shrinking the widest first."""
    widths = list(natural)
    while sum(widths) > available:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= floor:
            return None
        widths[widest] -= 1
    return widths


def grid(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    total: int,
    style: Callable[[int, str], str] | None = None,
    min_column: int = MIN_COLUMN,
) -> str | None:
    """Render ``rows`` under ``headers`` in at most ``total`` cells a line.

    Returns None when the columns would be narrower than ``min_column``: the caller then
    stacks the table. ``style(column, line)`` may colour a finished cell line; it is
    applied after padding, so colour never changes the layout.
    """
    cells = [[clean(str(h)) for h in headers]] + [[clean(str(c)) for c in r] for r in rows]
    columns = len(headers)
    natural = [
        max(max((width(line) for line in row[i].split("\n")), default=0) for row in cells)
        for i in range(columns)
    ]
    available = total - len(SEPARATOR) * (columns - 1)
    widths = _fit(
        [max(n, 1) for n in natural], available, min(min_column, *(max(n, 1) for n in natural))
    )
    if widths is None:
        return None
    out = []
    for index, row in enumerate(cells):
        wrapped = [wrap(cell, widths[i]) for i, cell in enumerate(row)]
        for n in range(max(len(w) for w in wrapped)):
            parts = []
            for i, lines in enumerate(wrapped):
                text = lines[n] if n < len(lines) else ""
                text = pad(text, widths[i]) if i < columns - 1 else text
                parts.append(style(i, text) if style and index else text)
            out.append(SEPARATOR.join(parts).rstrip())
        if index == 0:
            out.append("-+-".join("-" * w for w in widths))
    return "\n".join(out)


def stacked(headers: Sequence[str], rows: Sequence[Sequence[str]], total: int) -> str:
    """One block per row: each field on its own wrapped lines, labelled by its header."""
    blocks = []
    for row in rows:
        lines = []
        for header, cell in zip(headers, row):
            label = clean(str(header))
            lines.append(f"{label}:")
            lines += ["  " + line for line in wrap(clean(str(cell)), total - 2)]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], total: int) -> str:
    """A grid when it fits readably in ``total`` cells, else the stacked layout."""
    return grid(headers, rows, total) or stacked(headers, rows, total)
