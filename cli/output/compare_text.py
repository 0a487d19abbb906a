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
from cli.queries.language import english_only, marked, marked_pair, text_of
from cli.queries.records import status_phrase
from cli.queries.words import kind_word, stance_word
from cli.text.datewords import date_words
from cli.text.messages import N_, _

STANCE_KEY = N_(
    "Each stance answers the topic's question: SUPPORT = yes, OPPOSE = no, "
    "MIXED = partly or with conditions, UNCLEAR = spoke to it without answering."
)


def stance_label(stance: str) -> str:
    """A stance as text output writes it: SUPPORT, OPPOSE..."""
    return stance_word(stance).upper()


def topic_lines(topic) -> tuple[str, str]:
    """A topic's title and question, marked as English where the curators wrote no
    translation (once, after the question, when both are English)."""
    return marked_pair(text_of(topic, "title"), text_of(topic, "question"))


def topic_heading(topic, between: str = " \u2014 ") -> str:
    """``Police hiring — Should the city hire more police officers?``"""
    return between.join(topic_lines(topic))


def election_words(race) -> str:
    """``Mayor of Los Angeles, election 2022-11-08``."""
    return _("{office}, election {date}").format(
        office=race.office, date=date_words(race.election_date)
    )


def header(comparison: Comparison, out: Lines, today: datetime.date | None = None) -> None:
    """The race (or races) the comparison is about: where its election stands on ``today``
    (still to come, or held with no result in the data), who else is in the race, each
    candidate's status where the file records one, and the race's notes."""
    if comparison.cross_race:
        out.add(_("Candidates from different races:"))
        for c in comparison.candidates:
            race = next(r for r in comparison.races if r.id == c.race)
            out.add(f"- {comparison.label(c)}: {race.title} ({_in_race(race)})", 2, 2)
    else:
        race = comparison.races[0]
        out.add(f"{race.title} \u2014 {election_words(race)}", 0, 2)
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
            out.add(
                _("Notes{race}: {notes}").format(
                    race=prefix, notes=marked(english_only(each.notes))
                ),
                0,
                2,
            )


def _in_race(race) -> str:
    """``Mayor of Los Angeles, 2022-11-08``: a race's office and election date."""
    return f"{race.office}, {date_words(race.election_date)}"


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
    summary = marked(text_of(position, "summary"))
    text = f"{stance_label(position.stance)}: {summary} {notes.marks(position.citations)}"
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
    headers = [_("Topic")] + [candidate_label(c, comparison) for c in comparison.candidates]
    rows, titles = [], []
    for row in comparison.rows:
        title, question = topic_lines(row.topic)
        rows.append(
            [f"{title}\n{question}"]
            + [cell(p, a, notes, quotes) for p, a in zip(row.positions, row.absences)]
        )
        titles.append(topic_heading(row.topic))
        for numbers in measure_rows(row.topic, row.positions):
            label = (
                f"{marked(text_of(numbers.measure, 'label'))} ({kind_word(numbers.measure.kind)})"
            )
            rows.append([label] + [target_cell(t, notes) for t in numbers.targets])
            titles.append(label)
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
    out.add(_(STANCE_KEY))
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
        out.add(_("Where no position was found, the curators looked and noted:"))
        for candidate, topic, note in gaps:
            title = marked(text_of(topic, "title"))
            out.add(
                f"- {comparison.label(candidate)}, {title}: {marked(english_only(note or ''))}",
                2,
                2,
            )


def _paint_after_name(line: str) -> str:
    head, sep, rest = line.partition(": ")
    return head + sep + paint(rest) if sep else line
