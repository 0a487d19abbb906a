"""Numbered source notes: one number per (source, quote), in order of first use."""

from __future__ import annotations

from collections.abc import Iterable

from cli.model import Citation


class NoteNumbers:
    """Hands out note numbers to citations in the order they are first cited."""

    def __init__(self) -> None:
        self.citations: list[Citation] = []
        self._numbers: dict[tuple[str, str], int] = {}

    def number(self, citation: Citation) -> int:
        """The note number of ``citation``, assigned on first use."""
        key = (citation.source.id, citation.quote)
        if key not in self._numbers:
            self.citations.append(citation)
            self._numbers[key] = len(self.citations)
        return self._numbers[key]

    def numbers(self, citations: Iterable[Citation]) -> list[int]:
        """The note numbers of ``citations``."""
        return [self.number(c) for c in citations]

    def first_of_source(self) -> dict[int, int]:
        """For each note, the number of the first note citing the same source."""
        first: dict[str, int] = {}
        return {n: first.setdefault(c.source.id, n) for n, c in enumerate(self.citations, 1)}
