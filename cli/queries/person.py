"""One person across races: their candidacies in election order, and what they said on each
topic race by race, with what changed. Pairing is by the candidate files' ``person`` id, never
by file name. Nothing here judges a pledge kept or broken: figures reported since are shown
beside it, each with its source.
"""

from __future__ import annotations

from dataclasses import dataclass

from cli.model import Candidate, Dataset, Position
from cli.queries.degree import SourcedTarget, degree_gaps, sourced_targets, target_record
from cli.queries.records import citation_record

#: What can change on a topic from one candidacy to the next.
CHANGES = (
    "first statement",
    "same stance",
    "changed stance",
    "changed degree",
    "newly addressed",
    "no longer addressed",
    "not compared in this race",
)


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
    """What the person said on one topic in one race, and how it changed from the last race."""

    candidate: Candidate
    position: Position
    targets: tuple[SourcedTarget, ...]
    change: str


@dataclass(frozen=True)
class Transition:
    """A topic's change between two consecutive candidacies (``before`` None: the first)."""

    race: str
    change: str


@dataclass(frozen=True)
class Timeline:
    """A person's candidacies and, per topic, their entries and transitions."""

    person: str
    candidates: tuple[Candidate, ...]
    topics: dict[str, tuple[Entry, ...]]
    transitions: dict[str, tuple[Transition, ...]]

    @property
    def name(self) -> str:
        """The name of the latest candidacy."""
        return self.candidates[-1].name

    def to_record(self, dataset: Dataset) -> dict:
        """The documented JSON form of ``person``."""
        return {
            "person": self.person,
            "name": self.name,
            "races": [
                {
                    "race": c.race,
                    "candidate": c.id,
                    "name": c.name,
                    "election_date": dataset.races[c.race].election_date,
                }
                for c in self.candidates
            ],
            "topics": {
                topic: [_entry_record(e) for e in entries] for topic, entries in self.topics.items()
            },
            "changes": {
                topic: [{"race": t.race, "change": t.change} for t in found]
                for topic, found in self.transitions.items()
            },
        }


def _entry_record(entry: Entry) -> dict:
    p = entry.position
    return {
        "race": entry.candidate.race,
        "candidate": entry.candidate.id,
        "stance": p.stance,
        "summary": p.summary,
        "as_of": p.as_of,
        "change": entry.change,
        "targets": [target_record(t) for t in entry.targets],
        "citations": [citation_record(c) for c in p.citations],
    }


def change_between(
    dataset: Dataset, topic: str, before: Position | None, after: Position | None
) -> str | None:
    """How the position on ``topic`` changed from one candidacy to the next (None: neither
    addressed it)."""
    if before is None and after is None:
        return None
    if before is None:
        return "newly addressed"
    if after is None:
        return "no longer addressed"
    if before.stance != after.stance:
        return "changed stance"
    if any(gap.differs for gap in degree_gaps(dataset.topics[topic], before, after)):
        return "changed degree"
    return "same stance"


def timeline(dataset: Dataset, person: str) -> Timeline:
    """``person``'s statements topic by topic, race by race (see :class:`Timeline`)."""
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
        previous: Position | None = None
        for index, c in enumerate(found):
            position = c.positions.get(topic)
            if index == 0:
                change = "first statement" if position else None
            elif (
                position is None
                and previous is not None
                and topic not in dataset.race_topics(dataset.races[c.race])
            ):
                change = "not compared in this race"
            else:
                change = change_between(dataset, topic, previous, position)
            if change:
                moves.append(Transition(c.race, change))
            if position is not None:
                entries.append(
                    Entry(
                        c, position, sourced_targets(dataset.topics[topic], position), change or ""
                    )
                )
            previous = position
        if entries:
            topics[topic] = tuple(entries)
            transitions[topic] = tuple(moves)
    return Timeline(person, tuple(found), topics, transitions)
