"""Numbered source notes for terminal output, on top of :class:`cli.queries.notes.NoteNumbers`."""

from __future__ import annotations

from collections.abc import Iterable

from cli.model import Citation
from cli.output.terminal import Lines
from cli.queries.language import translation_sentence
from cli.queries.notes import NoteNumbers
from cli.queries.records import source_line
from cli.text.messages import _


class Footnotes(NoteNumbers):
    """Note numbers as ``[1][2]`` marks, and the list of notes as wrapped text."""

    def marks(self, citations: Iterable[Citation]) -> str:
        """``[1][2]`` for ``citations``."""
        return "".join(f"[{n}]" for n in self.numbers(citations))

    def render(self, out: Lines) -> None:
        """Append the numbered notes to ``out``: the source (once per source), the quote and
        whose words it is (the speaker, else the publisher)."""
        if not self.citations:
            return
        out.add()
        out.add(_("Sources"))
        first = self.first_of_source()
        for n, citation in enumerate(self.citations, 1):
            label = f"[{n}] "
            where = (
                source_line(citation.source)
                if first[n] == n
                else _("{publisher}, the same source as [{number}].").format(
                    publisher=citation.source.publisher, number=first[n]
                )
            )
            out.add(label + where, 0, len(label))
            out.add(f"\u201c{citation.quote}\u201d \u2014 {citation.words_of}", len(label), 1)
            translation = translation_sentence(citation)
            if translation:
                out.add(translation, len(label), 1)
