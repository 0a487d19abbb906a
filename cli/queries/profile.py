"""A candidate's full profile: the data behind ``platforms show``."""

from __future__ import annotations

from collections.abc import Sequence

from cli.model import Candidate, Dataset
from cli.queries.absence import absence
from cli.queries.degree import sourced_targets, target_record
from cli.queries.records import (
    citation_record,
    position_record,
    spanish_keys,
    status_record,
    topic_record,
)


def profile(dataset: Dataset, candidate: Candidate, other_races: Sequence[Candidate] = ()) -> dict:
    """Everything recorded about ``candidate``, positions in the race's topic order, then
    why there is none on each other topic of the race (``absences``); ``other_races`` are
    the same person's candidacies elsewhere (by ``person``)."""
    race = dataset.races[candidate.race]
    order = list(dataset.race_topics(race))
    order += [t for t in dataset.topics if t in candidate.positions and t not in order]
    return {
        "race": race.id,
        "race_title": race.title,
        "candidate": candidate.id,
        "name": candidate.name,
        "party": candidate.party,
        "party_history": [
            {"party": p.party, "from": p.start, "until": p.until} for p in candidate.party_history
        ],
        "occupation": candidate.occupation,
        **spanish_keys(candidate, ("occupation",)),
        "incumbent": candidate.incumbent,
        "website": candidate.website,
        "status": status_record(candidate.current_status),
        "status_history": [status_record(entry) for entry in candidate.status],
        "person": candidate.person,
        "other_races": [c.ref for c in other_races],
        "positions": [
            {
                **topic_record(dataset.topics[t]),
                **position_record(candidate.positions[t]),
                "targets": [
                    target_record(s)
                    for s in sourced_targets(dataset.topics[t], candidate.positions[t])
                ],
            }
            for t in order
            if t in candidate.positions
        ],
        "no_position": [t for t in order if t not in candidate.positions],
        "not_found": dict(candidate.no_position),
        "absences": [
            {"topic": t, "title": dataset.topics[t].title, **found.to_record()}
            for t in order
            if (found := absence(dataset, candidate, t)) is not None
        ],
        "endorsements": [
            {"by": e.by, "date": e.date, "citations": [citation_record(c) for c in e.citations]}
            for e in candidate.endorsements
        ],
        "results": [
            {
                "round": r.round,
                "percent": r.percent,
                "votes": r.votes,
                "as_of": r.as_of,
                "count": r.count,
                "outcome": r.outcome,
                "citations": [citation_record(c) for c in r.citations],
            }
            for r in race.results
            if r.candidate == candidate.id
        ],
    }
