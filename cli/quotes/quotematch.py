"""Finding a quote in a page's text, forgiving what typography and copying change.

Both sides are normalised the same way: invisible characters removed (soft hyphens,
zero-width spaces and joiners, word joiners, byte-order marks, bidirectional marks), Unicode
NFKC, case folded, curly quotes and apostrophes made straight, every dash made ``-``, every
run of whitespace (no-break spaces too) one space. The quote's own leading and trailing
punctuation is ignored, and an ellipsis (``…``, ``...`` or ``[…]``) splits it into parts
that must appear in that order.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

_QUOTES = str.maketrans({c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟″«»"})
#: Characters a page may hold that a reader never sees: removed from both sides.
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e"
        "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c"
        "\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066"
        "\u2067\u2068\u2069\ufeff",
    )
)
_DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d-]+")
_SPACE = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\[?\s*\.\.\.\s*\]?")  # NFKC has turned … into ...


def normalise(text: str) -> str:
    """``text`` in the form both a quote and a page are compared in."""
    text = unicodedata.normalize("NFKC", text.translate(_INVISIBLE)).casefold()
    text = text.translate(_QUOTES)
    text = _DASHES.sub("-", text)
    return _SPACE.sub(" ", text).strip()


def _trim(part: str) -> str:
    """``part`` without leading and trailing punctuation and spaces."""
    start, end = 0, len(part)
    while start < end and _is_edge(part[start]):
        start += 1
    while end > start and _is_edge(part[end - 1]):
        end -= 1
    return part[start:end]


def _is_edge(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("P")


def quote_parts(quote: str) -> list[str]:
    """The normalised pieces of ``quote`` that must appear in order on the page."""
    return [p for p in (_trim(piece) for piece in _ELLIPSIS.split(normalise(quote))) if p]


@dataclass(frozen=True)
class Match:
    """Whether the quote was found, and if not, the page's passage closest to it."""

    found: bool
    closest: str | None = None


def find(quote: str, page: str) -> Match:
    """Look for ``quote`` in the text ``page`` (both as written; normalised here)."""
    parts = quote_parts(quote)
    text = normalise(page)
    at = 0
    for part in parts:
        at = text.find(part, at)
        if at < 0:
            return Match(False, closest_passage(max(parts, key=len), text))
        at += len(part)
    return Match(bool(parts))


def closest_passage(part: str, text: str) -> str | None:
    """The run of words in ``text`` (normalised) sharing most words with ``part``."""
    wanted = part.split()
    words = text.split()
    if not wanted or not words:
        return None
    size = min(len(wanted), len(words))
    need = Counter(wanted)
    window = Counter(words[:size])
    shared = sum((window & need).values())
    best, best_at = shared, 0
    for start in range(1, len(words) - size + 1):
        leaving, entering = words[start - 1], words[start + size - 1]
        if leaving in need and window[leaving] <= need[leaving]:
            shared -= 1
        window[leaving] -= 1
        window[entering] += 1
        if entering in need and window[entering] <= need[entering]:
            shared += 1
        if shared > best:
            best, best_at = shared, start
    return " ".join(words[best_at : best_at + size]) if best else None
