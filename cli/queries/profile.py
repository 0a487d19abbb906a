"""A candidate's full profile: the data behind ``platforms show``, as its JSON gives it
(docs/output.schema.json) and its text renders it."""

from __future__ import annotations

from collections.abc import Sequence

from cli.model import Candidate, Dataset
from cli.queries.absence import absence
from cli.queries.records import (
    candidate_record,
    citation_record,
    position_record,
    result_record,
    spanish,
    status_record,
    topic_record,
)


def profile(dataset: Dataset, candidate: Candidate, other_races: Sequence[Candidate] = ()) -> dict:
    """Everything recorded about ``candidate``, positions in the race's topic order, then
    why there is none on each other topic of the race, or that the curators looked
    (``absences``); ``other_races`` are the same person's candidacies elsewhere (by
    ``person``)."""
    race = dataset.races[candidate.race]
    order = list(dataset.race_topics(race))
    order += [t for t in dataset.topics if t in candidate.positions and t not in order]
    order += [t for t in dataset.topics if t in candidate.no_position and t not in order]
    return {
        **candidate_record(candidate),
        "race_title": race.title,
        "occupation": candidate.occupation,
        "occupation_es": spanish(candidate, ("occupation",)).get("occupation"),
        "incumbent": candidate.incumbent,
        "website": candidate.website,
        "party_history": [
            {"party": p.party, "from": p.start, "until": p.until} for p in candidate.party_history
        ],
        "status_history": [status_record(entry) for entry in candidate.status],
        "other_races": [c.ref for c in other_races],
        "positions": [
            {
                **topic_record(dataset.topics[t]),
                **position_record(dataset.topics[t], candidate.positions[t]),
            }
            for t in order
            if t in candidate.positions
        ],
        "absences": [
            {**topic_record(dataset.topics[t]), **found.to_record()}
            for t in order
            if (found := absence(dataset, candidate, t)) is not None
        ],
        "endorsements": [
            {"by": e.by, "date": e.date, "citations": [citation_record(c) for c in e.citations]}
            for e in candidate.endorsements
        ],
        "results": [result_record(race, r) for r in race.results if r.candidate == candidate.id],
    }
