"""Who agrees with whom: three or more candidates topic by topic, grouped by stance.

On each topic the candidates with a recorded position are grouped by their stance (those in
one group agree); the topic's relation generalises the pairwise one of ``diff``, by the
first test that holds: not-covered when a candidate's race does not cover the topic, open
when nobody has a position, one-sided when one candidate has, differ when two clear stances
differ, unclear when a stance is unclear, else agree. For two candidates it is
:func:`cli.queries.comparison.relation`. Each candidate without a position says why
(:mod:`cli.queries.absence`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from cli.choices import Relation, Stance
from cli.model import Candidate, Dataset, Position
from cli.queries.absence import AbsenceKind
from cli.queries.comparison import Comparison, Row, compare, relation_counts, selected
from cli.queries.degree import degree_gaps
from cli.queries.records import topic_record


def group_relation(positions: Sequence[Position | None], uncovered: bool = False) -> Relation:
    """How the positions of several candidates on one topic relate (see the module);
    ``uncovered``: a race of one of them does not cover the topic."""
    if uncovered:
        return Relation.NOT_COVERED
    recorded = [p for p in positions if p is not None]
    if not recorded:
        return Relation.OPEN
    if len(recorded) == 1:
        return Relation.ONE_SIDED
    clear = {p.stance for p in recorded if p.stance != Stance.UNCLEAR}
    if len(clear) > 1:
        return Relation.DIFFER
    unclear = any(p.stance == Stance.UNCLEAR for p in recorded)
    return Relation.UNCLEAR if unclear else Relation.AGREE


@dataclass(frozen=True)
class Side:
    """The candidates who took one stance on a topic, in the order they were named."""

    stance: str
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class TopicSides:
    """One topic: its relation, the sides by stance, and who has no position (each with
    why: ``row.absences``)."""

    row: Row
    relation: Relation
    sides: tuple[Side, ...]
    silent: tuple[Candidate, ...]
    differs_in_degree: bool

    def selected_by(self, only: Sequence[str]) -> bool:
        """Whether ``diff --only`` with ``only`` shows this topic."""
        return selected(self.relation, self.differs_in_degree, only)


@dataclass(frozen=True)
class Agreement:
    """Several candidates topic by topic, with a count of each relation."""

    comparison: Comparison
    topics: tuple[TopicSides, ...]
    counts: dict

    def silent_by_absence(self, topic: TopicSides) -> list[tuple[str, tuple[Candidate, ...]]]:
        """The candidates of ``topic`` without a position, grouped by why (the absence's
        label), in the order the kinds first occur."""
        why = {
            c.ref: a.label
            for c, a in zip(self.comparison.candidates, topic.row.absences)
            if a is not None
        }
        groups: dict[str, tuple[Candidate, ...]] = {}
        for candidate in topic.silent:
            label = why.get(candidate.ref, AbsenceKind.NO_RECORD.label)
            groups[label] = (*groups.get(label, ()), candidate)
        return list(groups.items())

    def to_record(self) -> dict:
        """The documented JSON form of ``diff`` of three or more (docs/output.schema.json)."""
        return {
            **self.comparison.heading_record(),
            "topics": [
                {
                    **topic_record(t.row.topic),
                    "relation": t.relation,
                    "differs_in_degree": t.differs_in_degree,
                    "sides": [
                        {"stance": s.stance, "candidates": [c.ref for c in s.candidates]}
                        for s in t.sides
                    ],
                    "no_position": [c.ref for c in t.silent],
                    **self.comparison.positions_record(t.row),
                }
                for t in self.topics
            ],
            "counts": self.counts,
        }

    def table_records(self) -> list[dict[str, str]]:
        """CSV and the table formats: a record per topic shown, with its relation and the
        names on each side."""
        label = self.comparison.label
        records = []
        for t in self.topics:
            record = {"topic": t.row.topic.id, "relation": str(t.relation)}
            by_stance = {s.stance: s.candidates for s in t.sides}
            for stance in Stance:
                record[str(stance)] = ", ".join(map(label, by_stance.get(stance, ())))
            record["no position"] = "; ".join(
                f"{', '.join(map(label, silent))} ({why})"
                for why, silent in self.silent_by_absence(t)
            )
            records.append(record)
        return records


def _sides(row: Row, candidates: Sequence[Candidate]) -> TopicSides:
    pairs = list(zip(candidates, row.positions))
    sides = tuple(
        Side(stance, tuple(c for c, p in pairs if p is not None and p.stance == stance))
        for stance in Stance
        if any(p is not None and p.stance == stance for _, p in pairs)
    )
    relation = group_relation(row.positions, row.uncovered)
    recorded = [p for p in row.positions if p is not None]
    degree = relation == Relation.AGREE and any(
        gap.differs for a, b in combinations(recorded, 2) for gap in degree_gaps(row.topic, a, b)
    )
    silent = tuple(c for c, p in pairs if p is None)
    return TopicSides(row, relation, sides, silent, degree)


def agreement(
    dataset: Dataset,
    candidates: Sequence[Candidate],
    topics: Sequence[str] = (),
    only: Sequence[str] = (),
) -> Agreement:
    """Who agrees with whom among ``candidates`` on every topic; ``counts`` covers every
    topic (``degree``: the agreements whose numbers differ), ``only`` narrows the list."""
    comparison = compare(dataset, candidates, topics)
    found = [_sides(row, comparison.candidates) for row in comparison.rows]
    shown = tuple(t for t in found if t.selected_by(only))
    return Agreement(comparison, shown, relation_counts(found))
