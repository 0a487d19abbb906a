"""Flat records for the listing commands: races, candidates, topics, sources."""

from __future__ import annotations

import datetime

from cli.model import Candidate, Dataset, Race
from cli.queries.racefield import not_covered_record, not_covered_sentence
from cli.queries.records import (
    candidate_record,
    measure_record,
    result_record,
    source_record,
    spanish_or_none,
    topic_record,
)
from cli.queries.timeline import taken_place, unreported, upcoming
from cli.text.textfold import fold


def surname_key(candidate: Candidate) -> tuple:
    """Sort key for alphabetical order by surname, ignoring case and accents."""
    return fold(candidate.surname), fold(candidate.name), candidate.ref


def ballot_order(race: Race) -> list[Candidate]:
    """A race's candidates, alphabetically by surname, ignoring case and accents."""
    return sorted(race.candidates.values(), key=surname_key)


def race_records(dataset: Dataset, today: datetime.date | None = None) -> list[dict]:
    """One record per race, with its results (each with the sources that state it), what
    to say of an election still to come on ``today`` or held with no result in the data,
    each candidate's status where the race records one, the candidates the data does not
    cover, and the race's notes."""
    today = today or datetime.date.today()
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
            "upcoming": None if taken_place(r, "primary", today) else upcoming(r, today),
            "no_result": unreported(r, today),
            "not_covered": not_covered_record(r),
            "field_note": not_covered_sentence(r),
            "notes": r.notes,
            "field": [candidate_record(c) for c in ballot_order(r) if c.status],
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


def candidate_records(dataset: Dataset) -> list[dict]:
    """One record per candidate, race by race, in ballot order: identity, party, person id
    and where the candidacy stands (docs/output.schema.json's candidate)."""
    return [candidate_record(c) for r in dataset.races.values() for c in ballot_order(r)]


def candidate_rows(records: list[dict]) -> list[dict]:
    """The candidate records as table rows: race, id, name, party, status and since when."""
    return [
        {
            "race": c["race"],
            "candidate": c["candidate"],
            "name": c["name"],
            "party": c["party"],
            "status": c["status"]["status"] if c["status"] else None,
            "status_as_of": c["status"]["as_of"] if c["status"] else None,
        }
        for c in records
    ]


def parties(dataset: Dataset) -> list[str]:
    """Every party of the candidates read, once each, alphabetically (ignoring case)."""
    found = {c.party for r in dataset.races.values() for c in r.candidates.values() if c.party}
    return sorted(found, key=fold)


def person_records(dataset: Dataset) -> list[dict]:
    """One record per person id, by surname: the name of the latest candidacy and every
    candidacy (RACE/ID), oldest first."""
    from cli.queries.person import candidacies, people

    latest = sorted((candidacies(dataset, p)[-1] for p in people(dataset)), key=surname_key)
    return [
        {
            "person": c.person,
            "name": c.name,
            "candidacies": [x.ref for x in candidacies(dataset, str(c.person))],
        }
        for c in latest
    ]


def topic_records(dataset: Dataset, race: Race | None = None) -> list[dict]:
    """The topic catalogue, or the topics one race is compared on, each with its measures
    and the curators' Spanish of its title, question and description (``es``)."""
    ids = dataset.race_topics(race) if race else list(dataset.topics)
    return [
        {
            **topic_record(dataset.topics[t]),
            "es": spanish_or_none(dataset.topics[t], ("title", "question", "description")),
            "measures": [measure_record(m) for m in dataset.topics[t].measures.values()],
        }
        for t in ids
    ]


def topic_rows(records: list[dict]) -> list[dict]:
    """The topic records as table rows, the measures in one cell, a line each (the
    English alone: the Spanish is for JSON)."""
    return [
        {
            **{key: value for key, value in r.items() if key != "es"},
            "measures": "\n".join(
                f"\u2022 {m['label']} ({m['unit']}, {m['kind']})"
                + (f": {m['definition']}" if m["definition"] else "")
                for m in r["measures"]
            ),
        }
        for r in records
    ]


#: The columns of ``sources`` in the table formats.
SOURCE_COLUMNS = ("race", "source", "title", "publisher", "date", "url", "read", "checked")


def source_records(dataset: Dataset) -> list[dict]:
    """One record per source of every race read: its race, then the source."""
    return [
        {"race": r.id, **source_record(s)}
        for r in dataset.races.values()
        for s in r.sources.values()
    ]
