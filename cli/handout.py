"""A printable handout: the neutral document model every handout format renders."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from cli.compare import Comparison
from cli.model import Dataset
from cli.notes import NoteNumbers

ORDERS = ("alphabetical", "ballot")

HOW_TO_READ = (
    "Each row is a topic, put as a question. Each candidate's stance answers that "
    "question: support means yes, oppose means no, mixed means yes to part of it or with "
    "conditions, and unclear means the candidate spoke to the topic without answering it. "
    "The summary is the curators' neutral reading of what the candidate said; the numbers "
    "point to the sources below, each with the candidate's words quoted exactly. "
    "\u201cNo recorded position\u201d means the curators found no statement, not that the "
    "candidate has none.")


@dataclass(frozen=True)
class Cell:
    """One candidate's entry on one topic; stance None means no recorded position."""

    stance: str | None
    summary: str
    notes: tuple[int, ...]


@dataclass(frozen=True)
class Row:
    """One topic of the table."""

    title: str
    question: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Note:
    """One numbered source note."""

    number: int
    publisher: str
    title: str
    author: str | None
    date: str | None
    url: str | None
    quote: str
    speaker: str | None
    same_as: int | None


@dataclass(frozen=True)
class Handout:
    """Everything a handout shows, in display order, as plain text."""

    title: str
    subtitle: str
    candidates: tuple[str, ...]
    order_statement: str
    how_to_read: str
    rows: tuple[Row, ...]
    notes: tuple[Note, ...]
    footer: tuple[str, ...]


def safe_url(url: str | None) -> str | None:
    """``url`` when it is http(s), else None: a handout never links anything else."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def order_statement(order: str, given: bool) -> str:
    """The sentence that tells the reader how the candidates are ordered."""
    if order == "ballot" and given:
        return "Candidates are listed in the order the handout was requested in."
    return "Candidates are listed in alphabetical order of surname."


def build(dataset: Dataset, comparison: Comparison, order: str, given: bool,
          revision: str | None, today: datetime.date | None = None) -> Handout:
    """The handout of ``comparison``, its candidates already in the stated order."""
    numbers = NoteNumbers()
    rows = tuple(Row(r.topic.title, r.topic.question, tuple(
        Cell(p.stance, p.summary, tuple(numbers.numbers(p.citations))) if p else
        Cell(None, "No recorded position", ()) for p in r.positions)) for r in comparison.rows)
    first = numbers.first_of_source()
    notes = tuple(Note(n, c.source.publisher, c.source.title, c.source.author, c.source.date,
                       safe_url(c.source.url), c.quote, c.speaker,
                       None if first[n] == n else first[n])
                  for n, c in enumerate(numbers.citations, 1))
    if comparison.cross_race:
        title = "Candidates from different races"
        subtitle = "; ".join(f"{r.title} ({r.office}, election {r.election_date})"
                             for r in comparison.races)
    else:
        race = comparison.races[0]
        title = race.title
        subtitle = f"{race.office} \u2014 {race.jurisdiction} \u2014 election {race.election_date}"
    footer = [f"Generated {(today or datetime.date.today()).isoformat()} by candidate-platforms"]
    if dataset.title:
        footer.append(f"Data: {dataset.title}")
    if dataset.licence:
        footer.append(f"Licence: {dataset.licence}")
    if revision:
        footer.append(f"Dataset revision {revision}")
    names = tuple(c.name + (f" ({c.party})" if c.party else "") for c in comparison.candidates)
    return Handout(title, subtitle, names, order_statement(order, given), HOW_TO_READ, rows,
                   notes, tuple(footer))


def ordered(candidates: Sequence, order: str, given: bool) -> list:
    """``candidates`` in the handout's order: as given for ``ballot``, else by surname."""
    from cli.listing import surname_key

    if order == "ballot" and given:
        return list(candidates)
    return sorted(candidates, key=surname_key)
