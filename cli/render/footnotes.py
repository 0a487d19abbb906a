"""Numbered source notes shared by the text renderers: one number per (source, quote)."""

from __future__ import annotations

from collections.abc import Iterable

from cli.evidence import source_line
from cli.model import Citation
from cli.render.terminal import Lines


class Footnotes:
    """Hands out footnote numbers in order of first use and renders the list."""

    def __init__(self) -> None:
        self.citations: list[Citation] = []
        self._numbers: dict[tuple[str, str], int] = {}

    def number(self, citation: Citation) -> int:
        """The footnote number of ``citation``, assigned on first use."""
        key = (citation.source.id, citation.quote)
        if key not in self._numbers:
            self.citations.append(citation)
            self._numbers[key] = len(self.citations)
        return self._numbers[key]

    def marks(self, citations: Iterable[Citation]) -> str:
        """``[1][2]`` for ``citations``."""
        return "".join(f"[{self.number(c)}]" for c in citations)

    def render(self, out: Lines, heading: str = "Sources") -> None:
        """Append the numbered notes to ``out``: source, then the quote."""
        if not self.citations:
            return
        out.add()
        out.add(heading)
        first: dict[str, int] = {}
        for n, citation in enumerate(self.citations, 1):
            label = f"[{n}] "
            earlier = first.setdefault(citation.source.id, n)
            where = (source_line(citation.source) if earlier == n
                     else f"{citation.source.publisher}, the same source as [{earlier}].")
            out.add(label + where, 0, len(label))
            speaker = f" \u2014 {citation.speaker}" if citation.speaker else ""
            out.add(f"\u201c{citation.quote}\u201d{speaker}", len(label), 1)
