"""The one output switch: ``text`` for people, ``json`` and ``csv`` for scripts, and
every tabulate format whose cells can be made inert (cells) for tables. tabulate is
imported only when one of its formats is asked for, because importing it costs more than
the rest of start-up."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from cli.output.cells import escape_for, formula_safe
from cli.output.grid import table
from cli.text.controlchars import clean
from cli.text.jsontext import to_json

BASE_FORMATS = ("text", "json", "csv")


def table_formats() -> list[str]:
    """The tabulate formats offered: those of the installed tabulate whose cells can be
    made inert."""
    import tabulate

    return sorted(f for f in tabulate.tabulate_formats if escape_for(f))


def refused_formats() -> list[str]:
    """The tabulate formats not offered: a cell could add cells or markup in them."""
    import tabulate

    return sorted(f for f in tabulate.tabulate_formats if not escape_for(f))


def all_formats() -> list[str]:
    """Every value ``--format`` accepts on a listing command."""
    return list(BASE_FORMATS) + table_formats()


def csv_safe(cell) -> str:
    """A cell a spreadsheet will not run: text starting like a formula gets a ``'``."""
    return formula_safe("" if cell is None else clean(str(cell)))


def to_csv(headers: Sequence[str], rows: Sequence[Sequence], excel: bool = False) -> str:
    """RFC 4180 CSV (CRLF line ends); with ``excel`` a BOM for spreadsheet apps."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_safe(h) for h in headers])
    writer.writerows([[csv_safe(c) for c in row] for row in rows])
    return ("\ufeff" if excel else "") + buffer.getvalue()


def cell_text(value) -> str:
    """How a value reads in a table cell: lists joined, None empty."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(cell_text(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def render_rows(
    records: list[dict],
    fmt: str,
    total: int,
    columns: Sequence[str] | None = None,
    excel: bool = False,
) -> str:
    """Render a list of flat records in ``fmt``; ``columns`` picks and orders table columns."""
    if fmt == "json":
        return to_json(records)
    columns = list(columns or (records[0].keys() if records else []))
    rows = [[cell_text(r.get(c)) for c in columns] for r in records]
    if fmt == "csv":
        return to_csv(columns, rows, excel)
    if fmt == "text":
        return table(columns, rows, total) if records else "(none)"
    import tabulate

    cell = escape_for(fmt)
    if cell is None:
        raise ValueError(f"'{fmt}' is not a table format offered")
    return tabulate.tabulate(
        [[cell(c) for c in row] for row in rows], headers=[cell(c) for c in columns], tablefmt=fmt
    )
