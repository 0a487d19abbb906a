"""The JSON records of the things every command shares, built here and nowhere else, so a
candidate, a source, a citation, a position, a target, a reported figure, a status, a
topic or a result has one shape in every output (docs/output.schema.json, whose ``$defs``
bear the same names). Also the phrases text outputs name a source and a status by."""

from __future__ import annotations

from collections.abc import Sequence

from cli.model import (
    SPANISH,
    CandidacyStatus,
    Candidate,
    Citation,
    Measure,
    Position,
    Race,
    Reported,
    Result,
    Source,
    Topic,
    Translatable,
    Translation,
)
from cli.queries.degree import DegreeGap, SourcedTarget, sourced_targets
from cli.text.datewords import as_of, date_words
from cli.text.messages import _


def source_line(source: Source) -> str:
    """``Publisher, "Title", date. URL`` — how a footnote names a source; an undated page
    says when it was read, and a source whose quotes a recorded check found says when."""
    line = source_name(source)
    if source.author:
        line = f"{source.author}, {line}"
    dated = source_date(source)
    if dated:
        line += f", {dated}"
    line += "." + (f" {source.url}" if source.url else "")
    if source.checked:
        line += f" {checked_sentence(source.checked.date)}"
    return line


def source_date(source: Source) -> str | None:
    """A source's date as a reader is given it, or when an undated page was read."""
    if source.date:
        return date_words(source.date)
    if source.read:
        return _("undated (read {date})").format(date=date_words(source.read))
    return None


def checked_sentence(date: str) -> str:
    """``Quotes checked on the page 2026-02-11.``"""
    return _("Quotes checked on the page {date}.").format(date=date_words(date))


def source_name(source: Source) -> str:
    """``Publisher, “Title”``: how a source is named where people read, instead of its id."""
    return f"{source.publisher}, \u201c{source.title}\u201d"


def status_phrase(status: CandidacyStatus) -> str:
    """Where a candidacy stands, dated: "declared (as of 2026-01-06)"."""
    return f"{status.status.label} ({as_of(status.as_of)})"


def identity_record(candidate: Candidate) -> dict:
    """Who a record is about: RACE/ID (``ref``, the key of every map by candidate), race,
    file id and name; every row about one candidate starts with these."""
    return {
        "ref": candidate.ref,
        "race": candidate.race,
        "candidate": candidate.id,
        "name": candidate.name,
    }


def candidate_record(candidate: Candidate) -> dict:
    """A candidate listed on their own: identity, party, person id and current status."""
    return {
        **identity_record(candidate),
        "party": candidate.party,
        "person": candidate.person,
        "status": status_record(candidate.current_status),
    }


def spanish(thing: Translatable, names: tuple[str, ...]) -> dict[str, str]:
    """The curators' Spanish for the fields ``names`` of ``thing``, those they wrote."""
    written = thing.translations.get(SPANISH, {})
    return {name: written[name] for name in names if name in written}


def spanish_or_none(thing: Translatable, names: tuple[str, ...]) -> dict[str, str] | None:
    """:func:`spanish`, or None when the curators wrote none of ``names`` in Spanish."""
    return spanish(thing, names) or None


def translation_record(translation: Translation | None) -> dict | None:
    """A quote's translation: its language, text and who made it (null: the curators)."""
    if translation is None:
        return None
    return {"lang": translation.lang, "text": translation.text, "by": translation.by}


def status_record(status: CandidacyStatus | None) -> dict | None:
    """A status entry as JSON outputs carry it; None stays None (no status recorded)."""
    if status is None:
        return None
    return {
        "status": str(status.status),
        "as_of": status.as_of,
        "note": status.note,
        "citations": [citation_record(c) for c in status.citations],
    }


def source_record(source: Source) -> dict:
    """A source: its id, its name as people read it, and what the page states about
    itself (null where the data has nothing)."""
    return {
        "source": source.id,
        "source_name": source_name(source),
        "title": source.title,
        "publisher": source.publisher,
        "author": source.author,
        "date": source.date,
        "url": source.url,
        "read": source.read,
        "checked": source.checked.date if source.checked else None,
    }


def citation_record(citation: Citation) -> dict:
    """A quote with its source, its speaker (null: the publisher's words), whose words it
    is, the language it was said in and its translation (null: none)."""
    return {
        **source_record(citation.source),
        "quote": citation.quote,
        "speaker": citation.speaker,
        "words_of": citation.words_of,
        "lang": citation.lang,
        "translation": translation_record(citation.translation),
    }


def topic_record(topic: Topic) -> dict:
    """The topic a record is about: id, title and question, and ``es``, the curators'
    Spanish of its title and question (null where they wrote none)."""
    return {
        "topic": topic.id,
        "title": topic.title,
        "question": topic.question,
        "es": spanish_or_none(topic, ("title", "question")),
    }


def measure_record(measure: Measure) -> dict:
    """A measure a topic's targets count: id, label, unit, kind and definition, and ``es``,
    the curators' Spanish of its label, definition and unit (null where they wrote none)."""
    return {
        **_measure_fields(measure),
        "definition": measure.definition,
        "es": spanish_or_none(measure, ("label", "definition", "unit")),
    }


def _measure_fields(measure: Measure) -> dict:
    """What a target or a degree names of its measure: id, label, unit and kind."""
    return {
        "measure": measure.id,
        "label": measure.label,
        "unit": measure.unit,
        "kind": measure.kind,
    }


def position_record(topic: Topic, position: Position) -> dict:
    """A position on ``topic``, whole: stance, summary, details, pledges, date, targets
    (each with its measure and the quotes stating its number) and citations."""
    return {
        "stance": str(position.stance),
        "summary": position.summary,
        "summary_es": spanish(position, ("summary",)).get("summary"),
        "details": position.details,
        "pledges": list(position.pledges),
        "as_of": position.as_of,
        "targets": [target_record(t) for t in sourced_targets(topic, position)],
        "citations": [citation_record(c) for c in position.citations],
    }


def optional_position_record(topic: Topic, position: Position | None) -> dict | None:
    """:func:`position_record`, None staying None (no position)."""
    return None if position is None else position_record(topic, position)


def target_record(sourced: SourcedTarget) -> dict:
    """A target: its measure (id, label, unit, kind), number, basis (and in words), when
    (in words), the source stating it (id and name), the citations stating the number,
    and the figures reported since; deadline, within and note only where it has them."""
    target = sourced.target
    record = {
        **_measure_fields(sourced.measure),
        "value": target.value,
        "basis": target.basis,
        "basis_text": target.basis_words,
        "when": target.when,
        "source": target.source.id,
        "source_name": source_name(target.source),
    }
    for key in ("deadline", "within", "note"):
        if getattr(target, key):
            record[key] = getattr(target, key)
    record["citations"] = [citation_record(c) for c in sourced.citations]
    record["reported"] = [reported_record(r) for r in target.reported]
    return record


def reported_record(figure: Reported) -> dict:
    """A figure reported since a target: the citation stating it (with its speaker), and
    its value and date, basis, the heading it stands under ("Reported since", "Projected",
    "Funded"), who gave it (its ``by``, else the speaker) and the attribution in words."""
    return {
        **citation_record(figure.citation),
        "value": figure.value,
        "as_of": figure.as_of,
        "basis": figure.basis,
        "heading": figure.heading,
        "by": figure.by or figure.citation.speaker,
        "attribution": figure.attribution,
        "note": figure.note,
    }


def degree_record(gap: DegreeGap, refs: Sequence[str]) -> dict:
    """A measure both candidates of a diff set a number on: each one's targets (keyed by
    ``refs``), whether they differ, and the difference (second minus first)."""
    return {
        **_measure_fields(gap.measure),
        "differs": gap.differs,
        "difference": gap.difference,
        "targets": {
            ref: [target_record(t) for t in side]
            for ref, side in zip(refs, (gap.first, gap.second))
        },
    }


def result_record(race: Race, result: Result) -> dict:
    """A candidate's result in one round, with the citations stating it."""
    candidate = race.candidates.get(result.candidate)
    return {
        "ref": f"{race.id}/{result.candidate}",
        "race": race.id,
        "candidate": result.candidate,
        "name": candidate.name if candidate else result.candidate,
        "round": result.round,
        "percent": result.percent,
        "votes": result.votes,
        "as_of": result.as_of,
        "count": result.count,
        "outcome": result.outcome,
        "citations": [citation_record(c) for c in result.citations],
    }
