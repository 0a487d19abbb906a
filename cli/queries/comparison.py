"""Side-by-side comparison of candidates and the pairwise relation between two of them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cli.choices import Relation, Stance
from cli.model import Candidate, Dataset, Position, Race, Topic
from cli.queries.degree import DegreeGap, degree_gaps
from cli.queries.records import position_record, status_record, topic_record


@dataclass(frozen=True)
class Row:
    """One topic and each candidate's position on it (None: no recorded position)."""

    topic: Topic
    positions: tuple[Position | None, ...]


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
        """How JSON and tables name each candidate: the id, or RACE/ID when the candidates
        come from more than one race."""
        return tuple(c.ref if self.cross_race else c.id for c in self.candidates)

    def to_record(self) -> dict:
        """The documented JSON form of ``compare``."""
        return {
            "race": self.races[0].id if not self.cross_race else None,
            "races": [r.id for r in self.races],
            "candidates": list(self.keys),
            "status": {
                key: status_record(c.current_status) for key, c in zip(self.keys, self.candidates)
            },
            "topics": [
                {
                    **topic_record(row.topic),
                    "positions": dict(zip(self.keys, map(position_record, row.positions))),
                }
                for row in self.rows
            ],
        }

    def cells(self, row: Row) -> dict[str, str]:
        """``row``'s positions as table cells: each candidate's stance and summary."""
        cells = {}
        for key, position in zip(self.keys, row.positions):
            cells[f"{key} stance"] = position.stance if position else ""
            cells[f"{key} summary"] = position.summary if position else "no recorded position"
        return cells

    def table_records(self) -> list[dict[str, str]]:
        """``compare`` in CSV and the table formats: a record per topic, with its question
        and each candidate's cells."""
        return [
            {"topic": row.topic.id, "question": row.topic.question, **self.cells(row)}
            for row in self.rows
        ]


def topic_order(dataset: Dataset, races: Sequence[Race], only: Sequence[str] = ()) -> list[str]:
    """The topics to show: each race's topic order in turn, narrowed to ``only`` if given.

    A topic named in ``only`` that none of the races lists is still shown (last, in the
    order given): asking about it deserves a visible "no recorded position".
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
        Row(dataset.topics[t], tuple(c.positions.get(t) for c in candidates))
        for t in topic_order(dataset, races, topics)
    )
    return Comparison(tuple(candidates), tuple(races), rows)


def relation(a: Position | None, b: Position | None) -> Relation:
    """How two positions on one topic relate, by the first test that holds: open when
    neither is recorded, one-sided when one is, unclear when either stance is unclear,
    agree when the stances are equal (docs/format.md), else differ."""
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
        return not only or self.relation in only or ("degree" in only and self.differs_in_degree)


@dataclass(frozen=True)
class Diff:
    """Two candidates topic by topic, with a count of each relation."""

    comparison: Comparison
    differences: tuple[Difference, ...]
    counts: dict

    def to_record(self) -> dict:
        """The documented JSON form of ``diff``."""
        ids = self.comparison.to_record()["candidates"]
        return {
            "candidates": ids,
            "topics": [
                {
                    **topic_record(d.row.topic),
                    "relation": d.relation,
                    "differs_in_degree": d.differs_in_degree,
                    "degree": [gap.to_record(ids) for gap in d.degree],
                    "positions": dict(zip(ids, map(position_record, d.row.positions))),
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
        Difference(row, relation(*row.positions), degree_gaps(row.topic, *row.positions))
        for row in comparison.rows
    ]
    counts: dict[str, int] = {r: sum(d.relation == r for d in differences) for r in Relation}
    counts["degree"] = sum(d.differs_in_degree for d in differences)
    shown = tuple(d for d in differences if d.selected_by(only))
    return Diff(comparison, shown, counts)


def counts_sentence(counts: dict) -> str:
    """``agree on 4 (2 differ in degree), differ on 1`` — the relations that occur, in the
    format's order."""
    parts = []
    for name in Relation:
        if counts.get(name):
            part = f"{name} on {counts[name]}"
            if name == Relation.AGREE and counts.get("degree"):
                part += (
                    f" ({counts['degree']} differ{'s' if counts['degree'] == 1 else ''} in degree)"
                )
            parts.append(part)
    return ", ".join(parts) if parts else "no topics to compare"
