"""``diff`` for terminals: the relation on each topic, both positions, a closing count."""

from __future__ import annotations

from cli.compare import Diff, counts_sentence
from cli.render.compare_text import NO_POSITION, header
from cli.render.footnotes import Footnotes
from cli.render.terminal import Lines, paint


def render(result: Diff, total: int, color: bool = False) -> str:
    """The diff as text at most ``total`` cells wide."""
    out = Lines(total)
    a, b = result.comparison.candidates
    out.add(f"{a.name} and {b.name}, topic by topic")
    header(result.comparison, out)
    notes = Footnotes()
    for difference in result.differences:
        out.add()
        start = len(out.lines)
        topic = difference.row.topic
        out.add(f"{difference.relation.upper()}: {topic.title} \u2014 {topic.question}", 0, 2)
        for candidate, position in zip((a, b), difference.row.positions):
            text = NO_POSITION if position is None else (
                f"{position.stance.upper()}: {position.summary} "
                f"{notes.marks(position.citations)}")
            out.add(f"{candidate.name}: {text}", 2, 4)
        if color:
            out.lines[start] = paint(out.lines[start])
    if not result.differences:
        out.add()
        out.add("No topic has the relation asked for.")
    out.add()
    out.add(counts_sentence(result.counts).capitalize() + ".")
    notes.render(out)
    return out.text()
