"""Case- and accent-insensitive forms of text, for sorting and searching."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """``text`` without case or accents: ``Núñez`` and ``nunez`` fold alike; CJK is kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
