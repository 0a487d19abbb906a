"""How a candidate's positions changed over the git history of their file.

Each commit that changed the file is read as it was then (with the same safe reader as
everything else); an entry is recorded for every topic whose stance or summary differs
from the version before. A stance that flips between support and oppose is a reversal.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cli.choices import Stance, coded
from cli.dataset.fileviews import CandidateFile
from cli.dataset.limits import MAX_FILE_BYTES
from cli.dataset.safeyaml import parse
from cli.history.gitrepo import GitError, Repository
from cli.text.strenum import StrEnum

OPPOSITES = {(Stance.SUPPORT, Stance.OPPOSE), (Stance.OPPOSE, Stance.SUPPORT)}


class Transition(StrEnum):
    """How a version of a position follows the one before it in the file's history."""

    FIRST = "first"  # the position's first version
    CHANGED = "changed"  # stance or summary changed
    REVERSAL = "reversal"  # support became oppose, or oppose support
    REMOVED = "removed"  # the position is gone

    @property
    def label(self) -> str:
        """The transition as a reader is told it."""
        return _LABELS[self]


_LABELS = {
    Transition.FIRST: "first committed version",
    Transition.CHANGED: "stance or summary changed",
    Transition.REVERSAL: "reversal: support became oppose, or oppose support",
    Transition.REMOVED: "position removed",
}


@dataclass(frozen=True)
class Entry:
    """One recorded version of one position."""

    commit: str
    date: str
    message: str
    topic: str
    stance: str | None  # None once the position was removed
    summary: str | None
    change: Transition

    def to_dict(self) -> dict:
        """The JSON record: commit, date, message, topic, stance, summary and the change
        (``kind`` and ``text``, as every transition is written)."""
        return {
            "commit": self.commit,
            "date": self.date,
            "message": self.message,
            "topic": self.topic,
            "stance": self.stance,
            "summary": self.summary,
            "change": coded(self.change),
        }


def _positions(text: bytes | None) -> dict[str, tuple[str | None, str | None]] | None:
    """topic -> (stance, summary) of a candidate file's text; None when unreadable (not
    read at all, as a blob over the size limit, or not UTF-8, or not a mapping)."""
    if text is None:
        return None
    try:
        doc = parse(text.decode("utf-8"), "")
    except UnicodeDecodeError:
        return None
    if not isinstance(doc.data, dict):  # no YAML, or not a mapping: nothing to compare
        return None
    positions = CandidateFile.of(doc).positions
    return {topic: (p.stance, p.summary) for topic, p in positions.items()}


def _change(before: tuple | None, after: tuple | None) -> Transition | None:
    if before == after:
        return None
    if before is None:
        return Transition.FIRST
    if after is None:
        return Transition.REMOVED
    return Transition.REVERSAL if (before[0], after[0]) in OPPOSITES else Transition.CHANGED


def history(root: Path, rel: str, topic: str | None = None) -> list[Entry]:
    """The versions of the positions in dataset file ``rel`` (only ``topic`` when given),
    oldest first. Raises GitError outside a git checkout or for a file never committed."""
    return read_history(root, rel, topic)[0]


def read_history(root: Path, rel: str, topic: str | None = None) -> tuple[list[Entry], str | None]:
    """:func:`history`, and a note for the reader when the history is incomplete: a
    version over the size limit of a dataset file (not read), or a shallow clone (the
    versions before its oldest commit are not available)."""
    repo = Repository.of(root)
    entries: list[Entry] = []
    previous: dict[str, tuple] = {}
    commits = repo.log(rel)
    if not commits:
        raise GitError(
            f"{rel} has no committed history in the git repository at {repo.top}; commit it first"
        )
    versions = repo.blobs([commit.blob for commit in commits])
    notes = []
    for commit, text in zip(commits, versions):
        if commit.blob is not None and text is None:
            notes.append(
                f"the version of commit {commit.id[:12]} is over the limit of "
                f"{MAX_FILE_BYTES} bytes for a dataset file and was not read"
            )
            continue
        current = {} if commit.blob is None else _positions(text)  # None: deleted there
        if current is None:  # a commit where the file did not parse: nothing to compare
            continue
        for tid in [*current, *(t for t in previous if t not in current)]:
            if topic is not None and tid != topic:
                continue
            change = _change(previous.get(tid), current.get(tid))
            if change:
                stance, summary = current.get(tid, (None, None))
                entries.append(
                    Entry(commit.id, commit.date, commit.message, tid, stance, summary, change)
                )
        previous = current
    if repo.shallow():
        notes.append(
            f"this is a shallow clone: versions older than {commits[0].date[:10]} "
            f"(commit {commits[0].id[:12]}) are not available; run 'git fetch "
            "--unshallow' for the whole history"
        )
    return entries, "; ".join(notes) or None
