"""A wrapped text table that fits a terminal width, with a stacked fallback."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cli.output.terminal import Lines, pad, whole, width, wrap
from cli.text.controlchars import clean

#: Narrower than this, a side-by-side column is too cramped to read: stack instead.
MIN_COLUMN = 16
SEPARATOR = " | "


def _fit(natural: list[int], available: int, floors: list[int]) -> list[int] | None:
    """Column widths summing to at most ``available``, shrinking the widest column still
    above its floor first; None when the floors alone are too wide."""
    widths = list(natural)
    while sum(widths) > available:
        shrinkable = [i for i in range(len(widths)) if widths[i] > floors[i]]
        if not shrinkable:
            return None
        widths[max(shrinkable, key=lambda i: widths[i])] -= 1
    return widths


def _floor(lines: list[str], natural: int, least: int) -> int:
    """The narrowest a column of ``lines`` may be: as wide as its longest :func:`whole` word
    (an id or a URL is never cut), and ``least`` cells wide unless all of it is narrower."""
    kept = max((width(w) for line in lines for w in line.split() if whole(w)), default=0)
    return max(kept, min(natural, least))


def grid(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    total: int,
    style: Callable[[int, str], str] | None = None,
    min_column: int = MIN_COLUMN,
) -> str | None:
    """Render ``rows`` under ``headers`` in at most ``total`` cells a line.

    A column is never narrower than its longest id or URL, nor than ``min_column`` unless
    all of it is; returns None when the columns cannot be that wide, and the caller then
    stacks the table. ``style(column, line)`` may colour a
    finished cell line; it is applied after padding, so colour never changes the layout.
    """
    cells = [[clean(str(h)) for h in headers]] + [[clean(str(c)) for c in r] for r in rows]
    columns = len(headers)
    texts = [[line for row in cells for line in row[i].split("\n")] for i in range(columns)]
    natural = [max(max(width(line) for line in column), 1) for column in texts]
    available = total - len(SEPARATOR) * (columns - 1)
    floors = [_floor(column, n, min_column) for column, n in zip(texts, natural)]
    widths = _fit(natural, available, floors)
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
    """One block per row: each field that has a value as ``header: value``, wrapped with
    later lines indented (a URL too long for the line gets one of its own, whole)."""
    blocks = []
    for row in rows:
        out = Lines(total)
        for header, cell in zip(headers, row):
            if str(cell).strip():
                out.add(f"{header}: {cell}", 0, 2)
        blocks.append(out.text())
    return "\n\n".join(blocks)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], total: int) -> str:
    """A grid when it fits readably in ``total`` cells, else the stacked layout."""
    return grid(headers, rows, total) or stacked(headers, rows, total)
