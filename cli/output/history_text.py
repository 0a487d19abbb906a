"""``history`` for terminals: each recorded version of a position, reversals marked."""

from __future__ import annotations

from cli.history.candidate_history import Entry, Transition
from cli.output.terminal import Lines, paint

MARKS = {
    Transition.FIRST: "",
    Transition.CHANGED: "changed",
    Transition.REVERSAL: "REVERSAL",
    Transition.REMOVED: "removed",
}


def render(title: str, entries: list[Entry], total: int, color: bool = False) -> str:
    """The history of one candidate's positions as text at most ``total`` cells wide."""
    out = Lines(total)
    out.add(title)
    commit = None
    for entry in entries:
        if entry.commit != commit:
            commit = entry.commit
            out.add()
            out.add(f"{entry.date[:10]} {entry.commit[:10]} {entry.message}", 0, 2)
        mark = f" [{MARKS[entry.change]}]" if MARKS[entry.change] else ""
        start = len(out.lines)
        if entry.stance is None:
            out.add(f"{entry.topic}: position removed", 2, 2)
        else:
            out.add(
                f"{entry.stance.upper()}: {entry.topic}{mark} \u2014 {entry.summary or ''}", 2, 2
            )
        if color:
            out.lines[start] = paint(out.lines[start])
    if not entries:
        out.add()
        out.add("No committed version of these positions yet.")
    return out.text()
