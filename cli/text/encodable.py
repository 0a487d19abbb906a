"""Text an output encoding can hold: what Latin-1, cp1252 or cp437 cannot encode is
written in ASCII instead (a dash as ``--``, ``ễ`` as ``e``, a box-drawing line as ``-``,
``|`` or ``+``), and ``?`` where nothing reads alike, so the output stays readable."""

from __future__ import annotations

import codecs
import unicodedata

#: Typographic characters the tool and the data write, as ASCII.
_ASCII = {
    "\u2014": "--",
    "\u2013": "-",
    "\u2212": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2026": "...",
    "\u2022": "*",
    "\u00b7": "*",
    "\u2192": "->",
    "\u2190": "<-",
    "\u2264": "<=",
    "\u2265": ">=",
    "\u00d7": "x",
    "\u00a0": " ",
}


def _stand_in(char: str) -> str:
    """ASCII that reads like ``char``."""
    if char in _ASCII:
        return _ASCII[char]
    name = unicodedata.name(char, "")
    if name.startswith("BOX DRAWINGS"):  # a table's rules: lines, and + where they meet
        line = name.rsplit(" ", 1)[1] if " AND " not in name else ""
        return {"VERTICAL": "|", "HORIZONTAL": "-"}.get(line, "+")
    letters = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    return letters or "?"


def _fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeEncodeError)
    stand_ins = "".join(_stand_in(c) for c in error.object[error.start : error.end])
    return stand_ins, error.end


codecs.register_error("platforms-ascii", _fallback)


def encodable(text: str, encoding: str) -> str:
    """``text`` with every character ``encoding`` cannot hold replaced by ASCII that
    reads alike."""
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode(encoding, "platforms-ascii").decode(encoding)
    return text
