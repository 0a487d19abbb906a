"""``filter``: positions matching topic, stance, party and words, across a dataset.

A party matches by its first letters, a word as a whole word (cli.text.wordsearch)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cli.dataset.choicerefs import party_matches
from cli.model import Candidate, Dataset, Position, Topic
from cli.queries.degree import SourcedTarget, sourced_targets
from cli.queries.listing import ballot_order
from cli.queries.records import identity_record, position_record, target_record, topic_record
from cli.text.textfold import fold
from cli.text.wordsearch import finds_all


@dataclass(frozen=True)
class Hit:
    """A candidate's position that matched (with the targets that met ``--measure``)."""

    candidate: Candidate
    topic: Topic
    position: Position
    targets: tuple[SourcedTarget, ...] = ()

    def to_record(self) -> dict:
        """The documented JSON form of a ``filter`` row: the candidate's identity, the topic
        and the whole position, and with ``--measure`` the targets that met it."""
        record = {
            **identity_record(self.candidate),
            **topic_record(self.topic),
            **position_record(self.topic, self.position),
        }
        if self.targets:
            record["matched_targets"] = [target_record(t) for t in self.targets]
        return record


@dataclass(frozen=True)
class MeasureTest:
    """``filter --measure M --min N --max N``: a target on measure M within the bounds."""

    measure: str
    least: float | None = None
    most: float | None = None

    def passing(self, topic: Topic, position: Position) -> tuple[SourcedTarget, ...]:
        """The position's targets on the measure whose number lies within the bounds."""
        return tuple(
            t
            for t in sourced_targets(topic, position)
            if t.measure.id == self.measure
            and (self.least is None or t.target.value >= self.least)
            and (self.most is None or t.target.value <= self.most)
        )


def searchable_text(position: Position) -> str:
    """Everything ``--text`` looks in, folded: summary, details, pledges and quotes."""
    parts = [
        position.summary,
        position.details or "",
        *position.pledges,
        *(c.quote for c in position.citations),
    ]
    return fold(" \n ".join(parts))


def filter_positions(
    dataset: Dataset,
    topics: Sequence[str] = (),
    stances: Sequence[str] = (),
    party: str | None = None,
    text: str | None = None,
    measure: MeasureTest | None = None,
) -> list[Hit]:
    """Every position in ``dataset`` that passes all the given tests, race by race in
    ballot order, topics in the race's order."""
    found_in = finds_all(text.split()) if text else None
    hits = []
    for race in dataset.races.values():
        order = list(dataset.race_topics(race))
        for candidate in ballot_order(race):
            if party is not None and not party_matches(candidate.party, party):
                continue
            extra = [t for t in candidate.positions if t not in order]
            for topic in order + extra:
                position = candidate.positions.get(topic)
                if position is None or (topics and topic not in topics):
                    continue
                if stances and position.stance not in stances:
                    continue
                if found_in is not None and not found_in(searchable_text(position)):
                    continue
                targets = measure.passing(dataset.topics[topic], position) if measure else ()
                if measure and not targets:
                    continue
                hits.append(Hit(candidate, dataset.topics[topic], position, targets))
    return hits
