"""``check-quotes`` for terminals: one entry per citation, problems explained, a count."""

from __future__ import annotations

from collections import Counter

from cli.output.terminal import Lines, paint
from cli.quotes.quotecheck import Check, SourceCheck
from cli.quotes.status import UNVERIFIED, Status


def render(checks: list[Check], total: int, color: bool = False) -> str:
    """The checks as text at most ``total`` cells wide."""
    out = Lines(total)
    for item in checks:
        start = len(out.lines)
        out.add(
            f"{str(item.status).upper()}: {item.race}/{item.candidate} \u00b7 {item.what} "
            f"{item.subject} \u00b7 {item.source} ({item.path}:{item.line})",
            0,
            2,
        )
        if item.status != Status.FOUND:
            out.add(f"\u201c{item.quote}\u201d", 2, 1)
            if item.url:
                out.add(item.url, 2)
            if item.detail:
                out.add(item.detail, 2, 2)
        if color:
            out.lines[start] = paint(out.lines[start])
    if checks:
        out.add()
    out.add(summary(checks))
    return out.text()


def render_changed(changed: list[SourceCheck], total: int) -> str:
    """The sources whose page text changed since their recorded check, every quote still
    found, one line each."""
    out = Lines(total)
    for s in changed:
        date = s.recorded.date if s.recorded else "?"
        out.add(
            f"CHANGED: {s.race} \u00b7 {s.source}: the page text differs from the one checked "
            f"on {date}; every quote is still found (re-read it, then --record)",
            0,
            2,
        )
    return out.text()


def summary(checks: list[Check]) -> str:
    """``N citation(s): N found, N not found, N unverified (N unreachable, N unreadable,
    N blocked, N without url)``, the reasons that do not occur left out."""
    counts = Counter(c.status for c in checks)
    words = {s: "without url" if s == Status.NO_URL else str(s) for s in UNVERIFIED}
    unverified = sum(counts[s] for s in UNVERIFIED)
    why = ", ".join(f"{counts[s]} {words[s]}" for s in UNVERIFIED if counts[s])
    return (
        f"{len(checks)} citation(s): {counts[Status.FOUND]} found, {counts[Status.NOT_FOUND]} not "
        f"found, {unverified} unverified" + (f" ({why})" if why else "")
    )
