"""Side-by-side comparison of candidates and the pairwise relation between two of them."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from cli.choices import Relation, Stance
from cli.model import Candidate, Dataset, Position, Race, Topic
from cli.queries.absence import Absence, AbsenceKind, absence
from cli.queries.degree import DegreeGap, degree_gaps
from cli.queries.racefield import field_sentences
from cli.queries.records import (
    candidate_record,
    citation_record,
    degree_record,
    optional_position_record,
    topic_record,
)
from cli.queries.timeline import standing
from cli.queries.words import relation_word
from cli.text.messages import _, ngettext


@dataclass(frozen=True)
class Row:
    """One topic and each candidate's position on it (None: no position), with why each
    candidate without one has none (:class:`cli.queries.absence.Absence`; None where there
    is a position)."""

    topic: Topic
    positions: tuple[Position | None, ...]
    absences: tuple[Absence | None, ...]

    @property
    def uncovered(self) -> bool:
        """Whether a candidate's race does not cover the topic."""
        return any(a is not None and a.kind == AbsenceKind.NOT_COVERED for a in self.absences)


@dataclass(frozen=True)
class RaceAbout:
    """What a reader must know of one race beside the positions: where its election stands
    (still to come, or held with no result in the data), who else is in it, and its
    curators' notes."""

    race: Race
    standing: str | None
    field: tuple[str, ...]
    notes: str | None

    @property
    def sentences(self) -> tuple[str, ...]:
        """The standing and the field, in reading order."""
        return ((self.standing,) if self.standing else ()) + self.field

    def to_record(self) -> dict:
        """The JSON form: race id, standing, field sentences and notes."""
        return {
            "race": self.race.id,
            "standing": self.standing,
            "field": list(self.field),
            "notes": self.notes,
        }


@dataclass(frozen=True)
class Comparison:
    """The neutral result every compare renderer takes."""

    candidates: tuple[Candidate, ...]
    races: tuple[Race, ...]
    rows: tuple[Row, ...]

    @property
    def cross_race(self) -> bool:
        """Whether the candidates come from more than one race."""
        return len(self.races) > 1

    def label(self, candidate: Candidate) -> str:
        """How output names ``candidate``: the name, with the race's election year when
        another candidate compared has the same name (one person in two races)."""
        twins = [c for c in self.candidates if c.name == candidate.name]
        if len(twins) < 2:
            return candidate.name
        race = next(r for r in self.races if r.id == candidate.race)
        return f"{candidate.name} ({str(race.election_date)[:4]})"

    @property
    def keys(self) -> tuple[str, ...]:
        """How tables head each candidate's columns: the id, or RACE/ID when the candidates
        come from more than one race (JSON always keys by RACE/ID: :attr:`refs`)."""
        return tuple(c.ref if self.cross_race else c.id for c in self.candidates)

    @property
    def refs(self) -> tuple[str, ...]:
        """How JSON keys each candidate, whatever was typed: RACE/ID."""
        return tuple(c.ref for c in self.candidates)

    def about(self, today: datetime.date | None = None) -> tuple[RaceAbout, ...]:
        """Each race's standing on ``today``, field and notes (see :class:`RaceAbout`)."""
        today = today or datetime.date.today()
        return tuple(
            RaceAbout(
                race,
                standing(race, today),
                field_sentences(race, [c for c in self.candidates if c.race == race.id]),
                race.notes,
            )
            for race in self.races
        )

    def positions_record(self, row: Row) -> dict:
        """``row``'s positions as JSON: each candidate's (None: none) and why each candidate
        without one has none, keyed by RACE/ID."""
        return {
            "positions": {
                ref: optional_position_record(row.topic, position)
                for ref, position in zip(self.refs, row.positions)
            },
            "absences": {
                ref: found.to_record()
                for ref, found in zip(self.refs, row.absences)
                if found is not None
            },
        }

    def heading_record(self, today: datetime.date | None = None) -> dict:
        """What every compare and diff JSON opens with: the candidates, then what to know
        of each race."""
        return {
            "candidates": [candidate_record(c) for c in self.candidates],
            "about": [a.to_record() for a in self.about(today)],
        }

    def to_record(self, today: datetime.date | None = None) -> dict:
        """The documented JSON form of ``compare`` (docs/output.schema.json)."""
        return {
            "race": self.races[0].id if not self.cross_race else None,
            "races": [r.id for r in self.races],
            **self.heading_record(today),
            "topics": [
                {**topic_record(row.topic), **self.positions_record(row)} for row in self.rows
            ],
        }

    def cells(self, row: Row) -> dict[str, str]:
        """``row``'s positions as table cells: each candidate's stance and summary, or why
        there is no position."""
        cells = {}
        for key, position, found in zip(self.keys, row.positions, row.absences):
            cells[f"{key} stance"] = position.stance if position else ""
            cells[f"{key} summary"] = position.summary if position else found.label if found else ""
        return cells

    def table_records(self) -> list[dict[str, str]]:
        """``compare`` in CSV and the table formats: a record per topic, with its question
        and each candidate's cells."""
        return [
            {"topic": row.topic.id, "question": row.topic.question, **self.cells(row)}
            for row in self.rows
        ]

    def citation_records(self) -> list[dict]:
        """``compare`` in CSV, for a spreadsheet: a record per quote, with the position it
        backs (stance, summary, date) and its source; a candidate with no position on a
        topic keeps one record, its source and quote empty."""
        records = []
        for row in self.rows:
            cells = self.cells(row)
            for key, candidate, position in zip(self.keys, self.candidates, row.positions):
                base = {
                    "topic": row.topic.id,
                    "question": row.topic.question,
                    "race": candidate.race,
                    "candidate": candidate.id,
                    "name": candidate.name,
                    "stance": cells[f"{key} stance"],
                    "summary": cells[f"{key} summary"],
                    "as_of": position.as_of if position else None,
                }
                quoted = [citation_record(c) for c in position.citations] if position else [{}]
                records += [{**base, **{k: c.get(k) for k in CITATION_COLUMNS}} for c in quoted]
        return records


#: The columns of a citation in ``compare``'s CSV, as :func:`citation_record` names them.
CITATION_COLUMNS = ("source", "publisher", "title", "date", "url", "quote", "speaker")


def topic_order(dataset: Dataset, races: Sequence[Race], only: Sequence[str] = ()) -> list[str]:
    """The topics to show: each race's topic order in turn, narrowed to ``only`` if given.

    A topic named in ``only`` that none of the races lists is still shown (last, in the
    order given): asking about it deserves a visible "not covered in this race".
    """
    order: list[str] = []
    for race in races:
        order += [t for t in dataset.race_topics(race) if t not in order]
    if not only:
        return order
    return [t for t in order if t in only] + [t for t in only if t not in order]


def compare(
    dataset: Dataset, candidates: Sequence[Candidate], topics: Sequence[str] = ()
) -> Comparison:
    """Compare ``candidates`` (in the order given) on ``topics`` or their races' topics."""
    races: list[Race] = []
    for c in candidates:
        race = dataset.races[c.race]
        if race not in races:
            races.append(race)
    rows = tuple(
        Row(
            dataset.topics[t],
            tuple(c.positions.get(t) for c in candidates),
            tuple(absence(dataset, c, t) for c in candidates),
        )
        for t in topic_order(dataset, races, topics)
    )
    return Comparison(tuple(candidates), tuple(races), rows)


def relation(a: Position | None, b: Position | None, uncovered: bool = False) -> Relation:
    """How two positions on one topic relate, by the first test that holds: not-covered
    when a race of either does not cover the topic (``uncovered``), open when neither is
    recorded, one-sided when one is, unclear when either stance is unclear, agree when the
    stances are equal (docs/format.md), else differ."""
    if uncovered:
        return Relation.NOT_COVERED
    if a is None and b is None:
        return Relation.OPEN
    if a is None or b is None:
        return Relation.ONE_SIDED
    if Stance.UNCLEAR in (a.stance, b.stance):
        return Relation.UNCLEAR
    return Relation.AGREE if a.stance == b.stance else Relation.DIFFER


@dataclass(frozen=True)
class Difference:
    """One topic of a diff: the relation, both positions, and the measures both set."""

    row: Row
    relation: Relation
    degree: tuple[DegreeGap, ...] = ()

    @property
    def differs_in_degree(self) -> bool:
        """An agreement on the stance whose numbers (or deadlines) differ."""
        return self.relation == Relation.AGREE and any(gap.differs for gap in self.degree)

    def selected_by(self, only: Sequence[str]) -> bool:
        """Whether ``diff --only`` with ``only`` shows this topic."""
        return selected(self.relation, self.differs_in_degree, only)


def selected(relation: Relation, differs_in_degree: bool, only: Sequence[str]) -> bool:
    """Whether ``diff --only`` with ``only`` (relations, or ``degree``) shows a topic."""
    return not only or relation in only or ("degree" in only and differs_in_degree)


def relation_counts(found: Sequence) -> dict[str, int]:
    """How many of ``found`` (each with ``relation`` and ``differs_in_degree``) have each
    relation, and (``degree``) how many agreements differ in degree."""
    counts: dict[str, int] = {r: sum(f.relation == r for f in found) for r in Relation}
    counts["degree"] = sum(f.differs_in_degree for f in found)
    return counts


@dataclass(frozen=True)
class Diff:
    """Two candidates topic by topic, with a count of each relation."""

    comparison: Comparison
    differences: tuple[Difference, ...]
    counts: dict

    def to_record(self) -> dict:
        """The documented JSON form of ``diff`` of two (docs/output.schema.json)."""
        refs = self.comparison.refs
        return {
            **self.comparison.heading_record(),
            "topics": [
                {
                    **topic_record(d.row.topic),
                    "relation": d.relation,
                    "differs_in_degree": d.differs_in_degree,
                    "degree": [degree_record(gap, refs) for gap in d.degree],
                    **self.comparison.positions_record(d.row),
                }
                for d in self.differences
            ],
            "counts": self.counts,
        }

    def table_records(self) -> list[dict[str, str]]:
        """``diff`` in CSV and the table formats: a record per topic shown, with its
        relation and both candidates' cells."""
        return [
            {"topic": d.row.topic.id, "relation": d.relation, **self.comparison.cells(d.row)}
            for d in self.differences
        ]


def diff(
    dataset: Dataset,
    a: Candidate,
    b: Candidate,
    topics: Sequence[str] = (),
    only: Sequence[str] = (),
) -> Diff:
    """The relation on every topic; ``counts`` covers every topic (``degree``: the agreements
    that differ in degree), ``only`` (relations, or ``degree``) narrows the list."""
    comparison = compare(dataset, [a, b], topics)
    differences = [
        Difference(
            row,
            relation(row.positions[0], row.positions[1], row.uncovered),
            degree_gaps(row.topic, *row.positions),
        )
        for row in comparison.rows
    ]
    shown = tuple(d for d in differences if d.selected_by(only))
    return Diff(comparison, shown, relation_counts(differences))


def counts_sentence(counts: dict) -> str:
    """``agree on 4 (2 differ in degree), differ on 1`` — the relations that occur, in the
    format's order."""
    parts = []
    for name in Relation:
        if counts.get(name):
            part = _("{relation} on {count}").format(
                relation=relation_word(name), count=counts[name]
            )
            if name == Relation.AGREE and counts.get("degree"):
                part += " " + ngettext(
                    "({count} differs in degree)", "({count} differ in degree)", counts["degree"]
                ).format(count=counts["degree"])
            parts.append(part)
    return ", ".join(parts) if parts else _("no topics to compare")
