"""Degree: the numbers behind a stance. Each target with the citations that state its number,
and, between two positions, the measures on which both set a number.
"""

from __future__ import annotations

from dataclasses import dataclass

from cli.model import Citation, Measure, Position, Target, Topic
from cli.queries.language import text_of
from cli.text.numbers import format_number, states_number


@dataclass(frozen=True)
class SourcedTarget:
    """A target, the measure it counts, and the citations of its source that state it."""

    target: Target
    measure: Measure
    citations: tuple[Citation, ...]

    def phrase(self) -> str:
        """``15,000 people, within 1 year (pledge)``: the number, its deadline and its
        basis in words (no footnote marks)."""
        when = self.target.when
        text = f"{format_number(self.target.value)} {text_of(self.measure, 'unit').text}"
        text = f"{text}, {when}" if when else text
        return f"{text} ({self.target.basis_words})"


def sourced_targets(topic: Topic, position: Position | None) -> tuple[SourcedTarget, ...]:
    """``position``'s targets, each with the citations that back it: those of the target's
    source whose quote states the number, else every citation of that source."""
    if position is None:
        return ()
    out = []
    for target in position.targets:
        measure = topic.measures.get(target.measure)
        if measure is None:  # validate refuses this; a model is only built without errors
            continue
        of_source = [c for c in position.citations if c.source.id == target.source.id]
        stating = [c for c in of_source if states_number(c.quote, target.value)]
        out.append(SourcedTarget(target, measure, tuple(stating or of_source)))
    return tuple(out)


@dataclass(frozen=True)
class DegreeGap:
    """One measure on which both positions set a number."""

    measure: Measure
    first: tuple[SourcedTarget, ...]
    second: tuple[SourcedTarget, ...]

    @property
    def differs(self) -> bool:
        """Whether the numbers or the deadlines differ."""
        return _key(self.first) != _key(self.second)

    @property
    def difference(self) -> float | None:
        """Second minus first, when each sets one number; else None."""
        if len(self.first) == 1 and len(self.second) == 1:
            return self.second[0].target.value - self.first[0].target.value
        return None


def _key(side: tuple[SourcedTarget, ...]) -> list:
    return sorted((t.target.value, t.target.deadline or "", t.target.within or "") for t in side)


def degree_gaps(
    topic: Topic, first: Position | None, second: Position | None
) -> tuple[DegreeGap, ...]:
    """The measures (in the topic's order) on which both positions have targets."""
    a, b = sourced_targets(topic, first), sourced_targets(topic, second)
    gaps = []
    for measure in topic.measures.values():
        mine = tuple(t for t in a if t.measure.id == measure.id)
        theirs = tuple(t for t in b if t.measure.id == measure.id)
        if mine and theirs:
            gaps.append(DegreeGap(measure, mine, theirs))
    return tuple(gaps)


@dataclass(frozen=True)
class MeasureRow:
    """One measure of a topic and each candidate's targets on it, for side-by-side tables."""

    measure: Measure
    targets: tuple[tuple[SourcedTarget, ...], ...]


def measure_rows(topic: Topic, positions) -> tuple[MeasureRow, ...]:
    """The topic's measures (in its order) on which at least one of ``positions`` sets a
    number, each with every candidate's targets (empty where a candidate set none)."""
    sourced = [sourced_targets(topic, p) for p in positions]
    rows = []
    for measure in topic.measures.values():
        cells = tuple(tuple(t for t in side if t.measure.id == measure.id) for side in sourced)
        if any(cells):
            rows.append(MeasureRow(measure, cells))
    return tuple(rows)
