"""Plain records of positions and citations, shared by every JSON and text output."""

from __future__ import annotations

from typing import overload

from cli.model import Citation, Position, Source, Target


def source_line(source: Source) -> str:
    """``Publisher, "Title", date. URL`` — how a footnote names a source."""
    parts = [source.publisher, f"\u201c{source.title}\u201d"]
    if source.author:
        parts.insert(0, source.author)
    line = ", ".join(parts)
    if source.date:
        line += f", {source.date}"
    return line + "." + (f" {source.url}" if source.url else "")


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
    if citation.speaker:
        record["speaker"] = citation.speaker
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
    """A target's own fields (measure, value, source, deadline, reported figures)."""
    record = {"measure": target.measure, "value": target.value, "source": target.source.id}
    for key in ("deadline", "within", "note"):
        if getattr(target, key):
            record[key] = getattr(target, key)
    if target.reported:
        record["reported"] = [
            {
                "value": r.value,
                "as_of": r.as_of,
                "source": r.citation.source.id,
                "quote": r.citation.quote,
            }
            for r in target.reported
        ]
    return record
