"""Plain records of positions and citations, shared by every JSON and text output."""

from __future__ import annotations

from typing import overload

from cli.model import CandidacyStatus, Citation, Position, Reported, Source, Target
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


def citation_record(citation: Citation) -> dict:
    """A citation with its source's details, as JSON outputs carry it."""
    s = citation.source
    record = {
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
    return record


@overload
def position_record(position: Position) -> dict: ...
@overload
def position_record(position: None) -> None: ...
@overload
def position_record(position: Position | None) -> dict | None: ...


def position_record(position: Position | None) -> dict | None:
    """A position as JSON outputs carry it; None stays None (no recorded position)."""
    if position is None:
        return None
    record = {
        "stance": position.stance,
        "summary": position.summary,
        "pledges": list(position.pledges),
        "citations": [citation_record(c) for c in position.citations],
    }
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
    }
    if figure.note:
        record["note"] = figure.note
    return record
