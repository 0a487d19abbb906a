"""``compare`` for terminals: a side-by-side table that fits the width, or stacked blocks."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from cli.model import Candidate, Position
from cli.output.footnotes import Footnotes
from cli.output.grid import grid
from cli.output.terminal import Lines, clean, paint
from cli.queries.absence import Absence, AbsenceKind
from cli.queries.comparison import Comparison, Row
from cli.queries.degree import SourcedTarget, measure_rows
from cli.queries.records import status_phrase

STANCE_KEY = (
    "Each stance answers the topic's question: SUPPORT = yes, OPPOSE = no, "
    "MIXED = partly or with conditions, UNCLEAR = spoke to it without answering."
)


def header(comparison: Comparison, out: Lines, today: datetime.date | None = None) -> None:
    """The race (or races) the comparison is about: where its election stands on ``today``
    (still to come, or held with no result in the data), who else is in the race, each
    candidate's status where the file records one, and the race's notes."""
    if comparison.cross_race:
        out.add("Candidates from different races:")
        for c in comparison.candidates:
            race = next(r for r in comparison.races if r.id == c.race)
            out.add(
                f"- {comparison.label(c)}: {race.title} ({race.office}, {race.election_date})", 2, 2
            )
    else:
        race = comparison.races[0]
        out.add(f"{race.title} \u2014 {race.office}, election {race.election_date}", 0, 2)
    about = comparison.about(today)
    for each in about:
        prefix = f"{each.race.title}: " if comparison.cross_race else ""
        for sentence in each.sentences:
            out.add(prefix + sentence, 0, 2)
    for c in comparison.candidates:
        if c.current_status:
            out.add(f"{comparison.label(c)}: {status_phrase(c.current_status)}", 2, 2)
    for each in about:
        if each.notes:
            prefix = f" ({each.race.title})" if comparison.cross_race else ""
            out.add(f"Notes{prefix}: {each.notes}", 0, 2)


def candidate_label(candidate: Candidate, comparison: Comparison | None = None) -> str:
    """How a column is headed: the name (with the year for one person in two races), with
    the party when recorded."""
    name = comparison.label(candidate) if comparison else candidate.name
    return name + (f" ({candidate.party})" if candidate.party else "")


def cell(position: Position | None, found: Absence | None, notes: Footnotes, quotes: bool) -> str:
    """A candidate's cell: the stance as a word, the summary, the footnote marks; or why
    there is no position."""
    if position is None:
        return found.label if found else ""
    text = f"{position.stance.upper()}: {position.summary} {notes.marks(position.citations)}"
    if quotes:
        text += "".join(f"\n\u201c{c.quote}\u201d" for c in position.citations)
    return text


def target_cell(targets: tuple[SourcedTarget, ...], notes: Footnotes) -> str:
    """A candidate's numbers on one measure, each with its deadline and footnote marks."""
    if not targets:
        return "\u2014"
    return "\n".join(f"{t.phrase()} {notes.marks(t.citations)}" for t in targets)


def render(comparison: Comparison, total: int, quotes: bool = False, color: bool = False) -> str:
    """The comparison as text at most ``total`` cells wide. Under each topic, one row per
    measure on which a candidate set a number, so the numbers line up."""
    out = Lines(total)
    header(comparison, out)
    out.add()
    notes = Footnotes()
    headers = ["Topic"] + [candidate_label(c, comparison) for c in comparison.candidates]
    rows, titles = [], []
    for row in comparison.rows:
        rows.append(
            [f"{row.topic.title}\n{row.topic.question}"]
            + [cell(p, a, notes, quotes) for p, a in zip(row.positions, row.absences)]
        )
        titles.append(f"{row.topic.title} \u2014 {row.topic.question}")
        for numbers in measure_rows(row.topic, row.positions):
            rows.append(
                [f"{numbers.measure.label} ({numbers.measure.kind})"]
                + [target_cell(t, notes) for t in numbers.targets]
            )
            titles.append(f"{numbers.measure.label} ({numbers.measure.kind})")
    style = (lambda column, line: paint(line) if column else line) if color else None
    table = grid(headers, rows, out.total, style=style)
    if table is not None:
        out.lines += table.split("\n")
    else:
        for index, title in enumerate(titles):
            if index:
                out.add()
            out.add(title, 0, 2)
            for candidate, text in zip(comparison.candidates, rows[index][1:]):
                first, *rest = text.split("\n")
                start = len(out.lines)
                out.add(f"{clean(comparison.label(candidate))}: {first}", 2, 4)
                for extra in rest:
                    out.add(extra, 4, 1)
                if color:
                    out.lines[start:] = [_paint_after_name(line) for line in out.lines[start:]]
    out.add()
    out.add(STANCE_KEY)
    not_found(comparison, comparison.rows, out)
    notes.render(out)
    return out.text()


def not_found(comparison: Comparison, rows: Sequence[Row], out: Lines) -> None:
    """The curators' notes on each topic of ``rows`` where they looked and found no
    position."""
    gaps = [
        (c, row.topic, a.note)
        for row in rows
        for c, a in zip(comparison.candidates, row.absences)
        if a is not None and a.kind == AbsenceKind.NOT_FOUND
    ]
    if gaps:
        out.add()
        out.add("Where no position was found, the curators looked and noted:")
        for candidate, topic, note in gaps:
            out.add(f"- {comparison.label(candidate)}, {topic.title}: {note}", 2, 2)


def _paint_after_name(line: str) -> str:
    head, sep, rest = line.partition(": ")
    return head + sep + paint(rest) if sep else line
