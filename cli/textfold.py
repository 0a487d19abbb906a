"""Case- and accent-insensitive forms of text, for sorting and searching."""

from __future__ import annotations

import unicodedata


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
    return unicodedata.normalize("NFKD", text).translate(_WITHOUT_MARKS).casefold()
