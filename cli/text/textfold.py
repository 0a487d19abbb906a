"""Case- and accent-insensitive forms of text, for sorting and searching."""

from __future__ import annotations

import re
import unicodedata

#: Anything but ASCII and the combining diacritics of Latin, Greek and Cyrillic text (every
#: mark of U+0300-U+036F but U+034F, the grapheme joiner, whose combining class is 0).
_NOT_LATIN = re.compile("[^\x00-\x7f\u0300-\u034e\u0350-\u036f]")


class _WithoutMarks(dict):
    """A ``str.translate`` table, filled as characters are met: combining marks map to
    None (dropped), every other character to itself."""

    def __missing__(self, code: int):
        self[code] = None if unicodedata.combining(chr(code)) else code
        return self[code]


_WITHOUT_MARKS = _WithoutMarks()


def fold(text: str) -> str:
    """``text`` without case or accents: ``Núñez`` and ``nunez`` fold alike; CJK is kept."""
    if text.isascii():
        return text.casefold()
    text = unicodedata.normalize("NFKD", text)
    if _NOT_LATIN.search(text) is None:  # ASCII and common marks: drop every mark at once
        return text.encode("ascii", "ignore").decode("ascii").casefold()
    return text.translate(_WITHOUT_MARKS).casefold()
