"""``diff`` of three or more candidates for terminals: on each topic, who took which stance,
so that those who agree stand on one line, and a closing count."""

from __future__ import annotations

from cli.output.compare_text import header
from cli.output.footnotes import Footnotes
from cli.output.terminal import Lines, paint
from cli.queries.agreement import Agreement
from cli.queries.comparison import counts_sentence


def _listed(names: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    return " and ".join(filter(None, [", ".join(names[:-1]), names[-1]]))


def render(result: Agreement, total: int, color: bool = False) -> str:
    """Who agrees with whom, topic by topic, at most ``total`` cells wide."""
    out = Lines(total)
    comparison = result.comparison
    label = comparison.label
    out.add(
        f"{_listed([label(c) for c in comparison.candidates])}, topic by topic: "
        "who agrees with whom"
    )
    header(comparison, out)
    notes = Footnotes()
    for found in result.topics:
        out.add()
        start = len(out.lines)
        topic = found.row.topic
        relation = "AGREE, DIFFER IN DEGREE" if found.differs_in_degree else found.relation.upper()
        out.add(f"{relation}: {topic.title} \u2014 {topic.question}", 0, 2)
        position = {c.ref: p for c, p in zip(comparison.candidates, found.row.positions) if p}
        for side in found.sides:
            named = ", ".join(
                f"{label(c)} {notes.marks(position[c.ref].citations)}" for c in side.candidates
            )
            out.add(f"{side.stance.upper()}: {named}", 2, 4)
        for why, silent in result.silent_by_absence(found):
            out.add(f"{why[0].upper()}{why[1:]}: {', '.join(map(label, silent))}", 2, 4)
        if color:
            out.lines[start] = paint(out.lines[start])
    if not result.topics:
        out.add()
        out.add("No topic has the relation asked for.")
    out.add()
    out.add(counts_sentence(result.counts).capitalize() + ".")
    notes.render(out)
    return out.text()
