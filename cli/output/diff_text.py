"""``diff`` for terminals: the relation on each topic, both positions, a closing count."""

from __future__ import annotations

from cli.output.compare_text import header, not_found, stance_label, topic_heading
from cli.output.footnotes import Footnotes
from cli.output.terminal import Lines, paint
from cli.queries.comparison import Diff, counts_sentence
from cli.queries.degree import DegreeGap
from cli.queries.language import marked, text_of
from cli.queries.words import relation_heading
from cli.text.messages import _
from cli.text.numbers import format_number


def degree_line(gap: DegreeGap, names, notes: Footnotes) -> str:
    """``Numbers — Sworn officers in the department: Karen Bass 9,700 officers [1] vs Rick
    Caruso 11,000 officers [3] (1,300 apart)``."""
    sides = []
    for name, side in zip(names, (gap.first, gap.second)):
        numbers = "; ".join(f"{t.phrase()} {notes.marks(t.citations)}" for t in side)
        sides.append(f"{name} {numbers}")
    apart = ""
    if gap.difference:
        apart = " " + _("({number} apart)").format(number=format_number(abs(gap.difference)))
    label = marked(text_of(gap.measure, "label"))
    return _("Numbers \u2014 {measure}: {sides}{apart}").format(
        measure=label, sides=_(" vs ").join(sides), apart=apart
    )


def closing_count(out: Lines, shown: bool, counts: dict) -> None:
    """A diff's last lines before its notes: that no topic has the relation asked for
    (when none is ``shown``), then the count of every topic compared."""
    if not shown:
        out.add()
        out.add(_("No topic has the relation asked for."))
    out.add()
    out.add(counts_sentence(counts).capitalize() + ".")


def render(result: Diff, total: int, color: bool = False) -> str:
    """The diff as text at most ``total`` cells wide."""
    out = Lines(total)
    a, b = result.comparison.candidates
    names = (result.comparison.label(a), result.comparison.label(b))
    out.add(_("{first} and {second}, topic by topic").format(first=names[0], second=names[1]))
    header(result.comparison, out)
    notes = Footnotes()
    for difference in result.differences:
        out.add()
        start = len(out.lines)
        label = relation_heading(difference.relation, difference.differs_in_degree)
        out.add(f"{label}: {topic_heading(difference.row.topic)}", 0, 2)
        row = difference.row
        for name, position, found in zip(names, row.positions, row.absences):
            text = (
                (found.label if found else "")
                if position is None
                else (
                    f"{stance_label(position.stance)}: {marked(text_of(position, 'summary'))} "
                    f"{notes.marks(position.citations)}"
                )
            )
            out.add(f"{name}: {text}", 2, 4)
        for gap in difference.degree:
            out.add(degree_line(gap, names, notes), 2, 4)
        if color:
            out.lines[start] = paint(out.lines[start])
    closing_count(out, bool(result.differences), result.counts)
    not_found(result.comparison, [d.row for d in result.differences], out)
    notes.render(out)
    return out.text()
