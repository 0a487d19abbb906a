"""Plain records of positions and citations, shared by every JSON and text output."""

from __future__ import annotations

from typing import overload

from cli.model import (
    SPANISH,
    CandidacyStatus,
    Citation,
    Position,
    Reported,
    Source,
    Target,
    Topic,
    Translatable,
    Translation,
)


def source_line(source: Source) -> str:
    """``Publisher, "Title", date. URL`` — how a footnote names a source; an undated page
    says when it was read, and a source whose quotes a recorded check found says when."""
    line = source_name(source)
    if source.author:
        line = f"{source.author}, {line}"
    if source.date:
        line += f", {source.date}"
    elif source.read:
        line += f", undated (read {source.read})"
    line += "." + (f" {source.url}" if source.url else "")
    if source.checked:
        line += f" Quotes checked on the page {source.checked.date}."
    return line


def source_name(source: Source) -> str:
    """``Publisher, “Title”``: how a source is named where people read, instead of its id."""
    return f"{source.publisher}, \u201c{source.title}\u201d"


def status_phrase(status: CandidacyStatus) -> str:
    """Where a candidacy stands, dated: "declared (as of 2026-01-06)"."""
    return f"{status.status.label} (as of {status.as_of})"


def status_record(status: CandidacyStatus | None) -> dict | None:
    """A status entry as JSON outputs carry it; None stays None (no status recorded)."""
    if status is None:
        return None
    record = {
        "status": str(status.status),
        "as_of": status.as_of,
        "citations": [citation_record(c) for c in status.citations],
    }
    if status.note:
        record["note"] = status.note
    return record


def spanish(thing: Translatable, names: tuple[str, ...]) -> dict[str, str]:
    """The curators' Spanish for the fields ``names`` of ``thing``, those they wrote."""
    written = thing.translations.get(SPANISH, {})
    return {name: written[name] for name in names if name in written}


def spanish_keys(thing: Translatable, names: tuple[str, ...]) -> dict[str, str]:
    """The curators' Spanish for the fields ``names`` of ``thing`` as the data names it
    beside the English, ``summary_es`` beside ``summary``; only those they wrote."""
    return {f"{name}_{SPANISH}": text for name, text in spanish(thing, names).items()}


def topic_record(topic: Topic) -> dict:
    """A topic's heading as the JSON of compare, diff and show carry it: id, title and
    question, and ``es`` with the Spanish of those the curators wrote."""
    record: dict = {"topic": topic.id, "title": topic.title, "question": topic.question}
    written = spanish(topic, ("title", "question"))
    if written:
        record["es"] = written
    return record


def _translation_record(translation: Translation) -> dict:
    return {"lang": translation.lang, "text": translation.text, "by": translation.by}


def citation_record(citation: Citation) -> dict:
    """A citation with its source's details, the language of the quote and its translation,
    as JSON outputs carry it."""
    s = citation.source
    record: dict = {
        "source": s.id,
        "quote": citation.quote,
        "title": s.title,
        "publisher": s.publisher,
        "date": s.date,
        "url": s.url,
    }
    if s.read:
        record["read"] = s.read
    if s.checked:
        record["checked"] = s.checked.date
    if citation.speaker:
        record["speaker"] = citation.speaker
    record["words_of"] = citation.words_of
    record["lang"] = citation.lang
    if citation.translation:
        record["translation"] = _translation_record(citation.translation)
    return record


@overload
def position_record(position: Position) -> dict: ...
@overload
def position_record(position: None) -> None: ...
@overload
def position_record(position: Position | None) -> dict | None: ...


def position_record(position: Position | None) -> dict | None:
    """A position as JSON outputs carry it, with ``summary_es`` where the curators wrote
    it; None stays None (no recorded position)."""
    if position is None:
        return None
    record = {
        "stance": position.stance,
        "summary": position.summary,
        "pledges": list(position.pledges),
        "citations": [citation_record(c) for c in position.citations],
    }
    record.update(spanish_keys(position, ("summary",)))
    if position.details:
        record["details"] = position.details
    if position.as_of:
        record["as_of"] = position.as_of
    if position.targets:
        record["targets"] = [target_fields(t) for t in position.targets]
    return record


def target_fields(target: Target) -> dict:
    """A target's own fields (measure, value, basis, source, deadline, reported figures),
    each basis also in the words the text outputs print."""
    record = {
        "measure": target.measure,
        "value": target.value,
        "basis": target.basis,
        "basis_text": target.basis_words,
        "source": target.source.id,
        "source_name": source_name(target.source),
    }
    for key in ("deadline", "within", "note"):
        if getattr(target, key):
            record[key] = getattr(target, key)
    if target.reported:
        record["reported"] = [reported_record(r) for r in target.reported]
    return record


def reported_record(figure: Reported) -> dict:
    """A figure reported since a target: its value and date, its basis, the heading it
    stands under ("Reported since", "Projected", "Funded"), who gave it, and its quote."""
    record = {
        "value": figure.value,
        "as_of": figure.as_of,
        "basis": figure.basis,
        "heading": figure.heading,
        "by": figure.by or figure.citation.speaker,
        "attribution": figure.attribution,
        "source": figure.citation.source.id,
        "source_name": source_name(figure.citation.source),
        "quote": figure.citation.quote,
        "lang": figure.citation.lang,
    }
    if figure.citation.translation:
        record["translation"] = _translation_record(figure.citation.translation)
    if figure.note:
        record["note"] = figure.note
    return record
