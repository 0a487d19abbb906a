"""``diff`` of three or more candidates for terminals: on each topic, who took which stance,
so that those who agree stand on one line, and a closing count."""

from __future__ import annotations

from cli.output.compare_text import header, stance_label, topic_heading
from cli.output.diff_text import closing_count
from cli.output.footnotes import Footnotes
from cli.output.terminal import Lines, paint
from cli.queries.agreement import Agreement
from cli.queries.handout_model import listed
from cli.queries.words import relation_heading
from cli.text.messages import _


def render(result: Agreement, total: int, color: bool = False) -> str:
    """Who agrees with whom, topic by topic, at most ``total`` cells wide."""
    out = Lines(total)
    comparison = result.comparison
    label = comparison.label
    out.add(
        _("{names}, topic by topic: who agrees with whom").format(
            names=listed(label(c) for c in comparison.candidates)
        )
    )
    header(comparison, out)
    notes = Footnotes()
    for found in result.topics:
        out.add()
        start = len(out.lines)
        relation = relation_heading(found.relation, found.differs_in_degree)
        out.add(f"{relation}: {topic_heading(found.row.topic)}", 0, 2)
        position = {c.ref: p for c, p in zip(comparison.candidates, found.row.positions) if p}
        for side in found.sides:
            named = ", ".join(
                f"{label(c)} {notes.marks(position[c.ref].citations)}" for c in side.candidates
            )
            out.add(f"{stance_label(side.stance)}: {named}", 2, 4)
        for why, silent in result.silent_by_absence(found):
            out.add(f"{why[0].upper()}{why[1:]}: {', '.join(map(label, silent))}", 2, 4)
        if color:
            out.lines[start] = paint(out.lines[start])
    closing_count(out, bool(result.topics), result.counts)
    notes.render(out)
    return out.text()
