"""Flat records for the listing commands: races, candidates, topics, sources."""

from __future__ import annotations

import datetime

from cli.model import Candidate, Dataset, Race, Result, Topic
from cli.queries.racefield import not_covered_record, not_covered_sentence
from cli.queries.records import citation_record, spanish, status_record
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
            "field": [
                {"candidate": c.id, "name": c.name, "status": status_record(c.current_status)}
                for c in ballot_order(r)
                if c.status
            ],
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
    """A result with the candidate's name, the ids of the sources stating it and its
    citations (each naming its source's publisher and title)."""
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
        "citations": [citation_record(c) for c in result.citations],
    }


def candidate_records(dataset: Dataset) -> list[dict]:
    """One record per candidate, race by race, in ballot order, with where the candidacy
    stands and since when, where the file records it."""
    return [
        {
            "race": r.id,
            "candidate": c.id,
            "name": c.name,
            "party": c.party,
            "status": str(c.current_status.status) if c.current_status else None,
            "status_as_of": c.current_status.as_of if c.current_status else None,
        }
        for r in dataset.races.values()
        for c in ballot_order(r)
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


#: The columns of ``topics`` in text, CSV and the table formats: the English alone.
TOPIC_COLUMNS = ("topic", "title", "question", "measures")


def topic_records(dataset: Dataset, race: Race | None = None) -> list[dict]:
    """The topic catalogue, or the topics one race is compared on; a topic the curators
    wrote Spanish for has it under ``es`` (title, question, description and its measures'
    label, definition and unit), for JSON."""
    ids = dataset.race_topics(race) if race else list(dataset.topics)
    records = []
    for t in ids:
        topic = dataset.topics[t]
        record: dict = {
            "topic": t,
            "title": topic.title,
            "question": topic.question,
            "measures": "\n".join(
                f"\u2022 {m.label} ({m.unit}, {m.kind})"
                + (f": {m.definition}" if m.definition else "")
                for m in topic.measures.values()
            ),
        }
        written = topic_spanish(topic)
        if written:
            record["es"] = written
        records.append(record)
    return records


def topic_spanish(topic: Topic) -> dict:
    """All the curators' Spanish of ``topic``: its title, question and description, and
    ``measures``, measure id -> its label, definition and unit, those they wrote."""
    written: dict = spanish(topic, ("title", "question", "description"))
    measures = {
        mid: texts
        for mid, m in topic.measures.items()
        if (texts := spanish(m, ("label", "definition", "unit")))
    }
    if measures:
        written["measures"] = measures
    return written


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
