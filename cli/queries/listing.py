"""Flat records for the listing commands: races, candidates, topics, sources."""

from __future__ import annotations

from cli.model import Candidate, Dataset, Race, Result
from cli.text.textfold import fold


def surname_key(candidate: Candidate) -> tuple:
    """Sort key for alphabetical order by surname, ignoring case and accents."""
    return fold(candidate.surname), fold(candidate.name), candidate.ref


def ballot_order(race: Race) -> list[Candidate]:
    """A race's candidates, alphabetically by surname, ignoring case and accents."""
    return sorted(race.candidates.values(), key=surname_key)


def race_records(dataset: Dataset) -> list[dict]:
    """One record per race, with its results (each with the sources that state it)."""
    return [
        {
            "race": r.id,
            "title": r.title,
            "office": r.office,
            "jurisdiction": r.jurisdiction,
            "election_date": r.election_date,
            "primary_date": r.primary_date,
            "nonpartisan": r.nonpartisan,
            "system": r.system,
            "candidates": len(r.candidates),
            "results": [result_record(r, x) for x in r.results],
            "reviews": [
                {
                    "date": v.date,
                    "by": v.by,
                    "scope": v.scope,
                    "corrections": dict(v.corrections),
                    "notes": v.notes,
                }
                for v in r.reviews
            ],
        }
        for r in dataset.races.values()
    ]


def result_record(race: Race, result: Result) -> dict:
    """A result with the candidate's name and the ids of the sources stating it."""
    candidate = race.candidates.get(result.candidate)
    return {
        "round": result.round,
        "candidate": result.candidate,
        "name": candidate.name if candidate else result.candidate,
        "percent": result.percent,
        "votes": result.votes,
        "as_of": result.as_of,
        "count": result.count,
        "outcome": result.outcome,
        "sources": list(dict.fromkeys(c.source.id for c in result.citations)),
    }


def candidate_records(dataset: Dataset) -> list[dict]:
    """One record per candidate, race by race, in ballot order."""
    return [
        {"race": r.id, "candidate": c.id, "name": c.name, "party": c.party}
        for r in dataset.races.values()
        for c in ballot_order(r)
    ]


def topic_records(dataset: Dataset, race: Race | None = None) -> list[dict]:
    """The topic catalogue, or the topics one race is compared on."""
    ids = dataset.race_topics(race) if race else list(dataset.topics)
    return [
        {
            "topic": t,
            "title": dataset.topics[t].title,
            "question": dataset.topics[t].question,
            "measures": "\n".join(
                f"\u2022 {m.label} ({m.unit}, {m.kind})"
                + (f": {m.definition}" if m.definition else "")
                for m in dataset.topics[t].measures.values()
            ),
        }
        for t in ids
    ]


def source_records(dataset: Dataset) -> list[dict]:
    """One record per source of every race read."""
    return [
        {
            "race": r.id,
            "source": s.id,
            "title": s.title,
            "publisher": s.publisher,
            "date": s.date,
            "url": s.url,
            "read": s.read,
            "checked": s.checked.date if s.checked else None,
        }
        for r in dataset.races.values()
        for s in r.sources.values()
    ]
