"""Table cells made inert for each tabulate format.

tabulate writes most markup formats' cells as they are, so a ``|`` in a cell adds a cell,
a newline splits the row, and raw HTML or a ``javascript:`` link passes into the page the
table is pasted in. Each format accepted here has the escape that makes a cell read
literally in it; a format with none (tabulate's ``orgtbl``, ``jira``, ``moinmoin``,
``asciidoc``, ``youtrack``, and any a later tabulate adds) is not offered.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from cli.output.escape import latex, markdown
from cli.text.controlchars import clean

#: tabulate's layouts for reading on a terminal: no markup reads them, and a cell's line
#: breaks become lines of the cell.
TEXT_LAYOUTS = (
    "plain",
    "simple",
    "grid",
    "simple_grid",
    "rounded_grid",
    "heavy_grid",
    "mixed_grid",
    "double_grid",
    "fancy_grid",
    "colon_grid",
    "outline",
    "simple_outline",
    "rounded_outline",
    "heavy_outline",
    "mixed_outline",
    "double_outline",
    "fancy_outline",
    "presto",
    "pretty",
    "psql",
)
_BREAK = re.compile(r"\s*[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+\s*")
_FORMULA_START = ("=", "+", "-", "@")


def flat(text: str) -> str:
    """``text`` on one line, its line breaks (with the space around them) one space."""
    return _BREAK.sub(" ", text)


def formula_safe(text: str) -> str:
    """A cell a spreadsheet will not run: text starting like a formula gets a ``'``."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _entities(text: str) -> str:
    """Every ASCII character but letters, digits and spaces as a numeric character
    reference, which MediaWiki and Textile print and never read as markup."""
    return "".join(
        char if char.isalnum() or char == " " or not char.isascii() else f"&#{ord(char)};"
        for char in flat(clean(text))
    )


def _rst(text: str) -> str:
    """reStructuredText: a backslash before every ASCII punctuation character."""
    return "".join(
        "\\" + char if char.isascii() and not char.isalnum() and char != " " else char
        for char in flat(clean(text))
    )


def _tsv(text: str) -> str:
    """One line without tabs, and no formula at its start."""
    return formula_safe(flat(clean(text)).replace("\t", " "))


#: format -> the escape of one cell (tabulate itself escapes ``html`` and the LaTeX
#: formats but ``latex_raw``; a blank line would end a LaTeX table's paragraph).
_ESCAPES: dict[str, Callable[[str], str]] = {
    **dict.fromkeys(TEXT_LAYOUTS, clean),
    "html": clean,
    "unsafehtml": lambda text: html.escape(clean(text)),
    "latex": lambda text: flat(clean(text)),
    "latex_booktabs": lambda text: flat(clean(text)),
    "latex_longtable": lambda text: flat(clean(text)),
    "latex_raw": latex,
    "github": markdown,
    "pipe": markdown,
    "rst": _rst,
    "mediawiki": _entities,
    "textile": _entities,
    "tsv": _tsv,
}


def escape_for(fmt: str) -> Callable[[str], str] | None:
    """The escape of a cell in table format ``fmt``; None for a format not offered."""
    return _ESCAPES.get(fmt)
