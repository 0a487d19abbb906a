"""One person across races: their candidacies in election order, and what they said on each
topic race by race, with what changed. Pairing is by the candidate files' ``person`` id, never
by file name. Nothing here judges a pledge kept or broken: figures reported since are shown
beside it, each with its source.
"""

from __future__ import annotations

from dataclasses import dataclass

from cli.choices import Stance, coded
from cli.model import Candidate, Dataset, Position
from cli.queries.absence import Absence, absence, absence_record
from cli.queries.degree import SourcedTarget, degree_gaps, sourced_targets
from cli.queries.records import identity_record, optional_position_record, topic_record
from cli.text.messages import N_, _
from cli.text.strenum import StrEnum


class Change(StrEnum):
    """How a position follows the person's last recorded one on the same topic."""

    FIRST = "first-recorded"
    SAME = "same-stance"
    DEGREE = "changed-target"
    CHANGED = "changed-stance"
    NO_CLEAR_ANSWER = "no-clear-answer"
    ANSWERED = "clear-answer"
    STILL_UNCLEAR = "still-unclear"

    @property
    def label(self) -> str:
        """The change as a reader is told it."""
        return _(_CHANGE_LABELS[self])


_CHANGE_LABELS = {
    Change.FIRST: N_("first recorded position"),
    Change.SAME: N_("same stance"),
    Change.DEGREE: N_("same stance, different target"),
    Change.CHANGED: N_("changed stance"),
    Change.NO_CLEAR_ANSWER: N_("no clear answer this time"),
    Change.ANSWERED: N_("a clear answer this time"),
    Change.STILL_UNCLEAR: N_("no clear answer again"),
}


def candidacies(dataset: Dataset, person: str) -> list[Candidate]:
    """Every candidate file naming ``person``, in election-date order (then race id)."""
    found = [
        c for race in dataset.races.values() for c in race.candidates.values() if c.person == person
    ]
    return sorted(found, key=lambda c: (str(dataset.races[c.race].election_date), c.race))


def people(dataset: Dataset) -> dict[str, list[Candidate]]:
    """Every person id in the dataset with their candidacies, for suggestions and listings."""
    out: dict[str, list[Candidate]] = {}
    for race in dataset.races.values():
        for c in race.candidates.values():
            if c.person:
                out.setdefault(c.person, []).append(c)
    return out


@dataclass(frozen=True)
class Entry:
    """What the person said on one topic in one race, and how it follows their last recorded
    position on it."""

    candidate: Candidate
    position: Position
    targets: tuple[SourcedTarget, ...]
    change: Change


@dataclass(frozen=True)
class Transition:
    """One candidacy on one topic: how the position follows the last recorded one, or why
    there is none (``absence``)."""

    race: str
    change: Change | None = None
    absence: Absence | None = None

    @property
    def text(self) -> str:
        """The change, or the absence, as a reader is told it."""
        if self.change is not None:
            return self.change.label
        return self.absence.label if self.absence else ""

    def change_record(self) -> dict | None:
        """How the position follows the last one (``kind`` and ``text``), None without one."""
        return coded(self.change) if self.change is not None else None


@dataclass(frozen=True)
class Timeline:
    """A person's candidacies and, per topic, their entries and a transition for every
    candidacy (a position's change, or why there is none)."""

    person: str
    candidates: tuple[Candidate, ...]
    topics: dict[str, tuple[Entry, ...]]
    transitions: dict[str, tuple[Transition, ...]]

    @property
    def name(self) -> str:
        """The name of the latest candidacy."""
        return self.candidates[-1].name

    def to_record(self, dataset: Dataset) -> dict:
        """The documented JSON form of ``person`` (docs/output.schema.json): the
        candidacies, then each topic with every candidacy's position, or why there is
        none, and how it follows the last recorded one."""
        return {
            "person": self.person,
            "name": self.name,
            "races": [
                {**identity_record(c), "election_date": dataset.races[c.race].election_date}
                for c in self.candidates
            ],
            "topics": [
                {
                    **topic_record(dataset.topics[topic]),
                    "races": [
                        {
                            **identity_record(c),
                            "position": optional_position_record(
                                dataset.topics[topic], c.positions.get(topic)
                            ),
                            "absence": absence_record(move.absence),
                            "change": move.change_record(),
                        }
                        for c, move in zip(self.candidates, self.transitions[topic])
                    ],
                }
                for topic in self.topics
            ],
        }


def change_between(
    dataset: Dataset, topic: str, before: Position | None, after: Position
) -> Change:
    """How ``after`` follows ``before``, the person's last recorded position on ``topic``
    (None: there was none). An unclear stance is no answer, so moving to or from it is not
    a changed stance."""
    if before is None:
        return Change.FIRST
    unclear = (before.stance == Stance.UNCLEAR, after.stance == Stance.UNCLEAR)
    if unclear == (True, True):
        return Change.STILL_UNCLEAR
    if unclear == (False, True):
        return Change.NO_CLEAR_ANSWER
    if unclear == (True, False):
        return Change.ANSWERED
    if before.stance != after.stance:
        return Change.CHANGED
    if any(gap.differs for gap in degree_gaps(dataset.topics[topic], before, after)):
        return Change.DEGREE
    return Change.SAME


def timeline(dataset: Dataset, person: str) -> Timeline:
    """``person``'s statements topic by topic, race by race (see :class:`Timeline`): every
    topic they have a position on in some race, with each candidacy's position or why it
    has none."""
    found = candidacies(dataset, person)
    order: list[str] = []
    for c in found:
        race = dataset.races[c.race]
        order += [t for t in dataset.race_topics(race) if t not in order]
        order += [t for t in c.positions if t not in order]
    topics: dict[str, tuple[Entry, ...]] = {}
    transitions: dict[str, tuple[Transition, ...]] = {}
    for topic in order:
        entries, moves = [], []
        last: Position | None = None
        for c in found:
            position = c.positions.get(topic)
            if position is None:
                moves.append(Transition(c.race, absence=absence(dataset, c, topic)))
                continue
            change = change_between(dataset, topic, last, position)
            moves.append(Transition(c.race, change))
            entries.append(
                Entry(c, position, sourced_targets(dataset.topics[topic], position), change)
            )
            last = position
        if entries:
            topics[topic] = tuple(entries)
            transitions[topic] = tuple(moves)
    return Timeline(person, tuple(found), topics, transitions)
