"""``changes`` for terminals: what was added (+), removed (-) or changed (~), race by race."""

from __future__ import annotations

import json

from cli.history.changes import Change, Edit, Kind
from cli.output.terminal import Lines

SIGNS = {Edit.ADDED: "+", Edit.REMOVED: "-", Edit.CHANGED: "~"}


def _value(value) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _what(change: Change) -> str:
    who = f"{change.race}/{change.candidate}" if change.candidate else change.race
    if change.kind == Kind.POSITION:
        return f"position {who} {change.topic}"
    if change.kind == Kind.CITATION:
        return f"citation {who} {change.topic} ({change.source})"
    if change.kind in (Kind.SOURCE, Kind.ENDORSEMENT):
        return f"{change.kind} {who} {change.source}"
    return f"{change.kind} {who}"


def render(changes: list[Change], total: int) -> str:
    """The changes as text at most ``total`` cells wide."""
    out = Lines(total)
    for change in changes:
        out.add(f"{SIGNS[change.change]} {_what(change)}", 0, 2)
        if change.change == Edit.CHANGED:
            out.add(f"before: {_value(change.before)}", 4, 2)
            out.add(f"after:  {_value(change.after)}", 4, 2)
        elif change.before is not None or change.after is not None:
            out.add(_value(change.after if change.change == Edit.ADDED else change.before), 4, 2)
    out.add(f"{len(changes)} change(s)" if changes else "No changes.")
    return out.text()
