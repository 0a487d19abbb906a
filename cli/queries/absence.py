"""Why a candidate has no position on a topic: three kinds of absence, said apart in every
output, so that a gap in the data never reads as a fact about a candidate.

- **not covered**: the topic is not one the candidate's race is compared on, so nobody
  looked for a position on it;
- **not found**: the curators looked and found none, and say what they searched
  (``no_position`` in the candidate file);
- **no record**: the race covers the topic, and the data holds nothing on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from cli.choices import coded
from cli.model import Candidate, Dataset
from cli.queries.language import english_only, marked
from cli.text.messages import N_, _
from cli.text.strenum import StrEnum


class AbsenceKind(StrEnum):
    """The three kinds of absence, as JSON names them."""

    NOT_COVERED = "not-covered"
    NOT_FOUND = "not-found"
    NO_RECORD = "no-record"

    @property
    def label(self) -> str:
        """The absence as a reader is told it, in a cell or a line."""
        return _(_LABELS[self])


_LABELS = {
    AbsenceKind.NOT_COVERED: N_("not covered in this race"),
    AbsenceKind.NOT_FOUND: N_("no position found (the curators looked)"),
    AbsenceKind.NO_RECORD: N_("no recorded position"),
}

#: What each kind means, for the "how to read this" of a handout or a listing's key
#: (translated where printed).
MEANINGS = {
    AbsenceKind.NOT_COVERED: N_(
        "\u201cNot covered in this race\u201d means the topic was not "
        "researched for that race: it says nothing about the candidate."
    ),
    AbsenceKind.NOT_FOUND: N_(
        "\u201cNo position found\u201d means the curators looked and "
        "found no statement; their note says where they looked."
    ),
    AbsenceKind.NO_RECORD: N_(
        "\u201cNo recorded position\u201d means the data holds no "
        "statement, not that the candidate has none."
    ),
}


@dataclass(frozen=True)
class Absence:
    """Why a candidate has no position on a topic, with the curators' note when they
    looked (``not-found``)."""

    kind: AbsenceKind
    note: str | None = None

    @property
    def label(self) -> str:
        """The short form, for a table cell: "not covered in this race"."""
        return self.kind.label

    @property
    def text(self) -> str:
        """The long form, for a line of its own: the label, then the curators' note."""
        if not self.note:
            return self.label
        return f"{self.label}: {marked(english_only(self.note))}"

    def to_record(self) -> dict:
        """The JSON form every command gives an absence: ``kind``, ``text`` (the label) and
        ``note`` (the curators' words, or null)."""
        return {**coded(self.kind), "note": self.note}


def absence(dataset: Dataset, candidate: Candidate, topic: str) -> Absence | None:
    """Why ``candidate`` has no position on ``topic``; None when they have one. A curators'
    note wins over the race's topic list: they looked, whatever the race covers."""
    if topic in candidate.positions:
        return None
    if topic in candidate.no_position:
        return Absence(AbsenceKind.NOT_FOUND, candidate.no_position[topic])
    if topic not in dataset.race_topics(dataset.races[candidate.race]):
        return Absence(AbsenceKind.NOT_COVERED)
    return Absence(AbsenceKind.NO_RECORD)


def absence_record(found: Absence | None) -> dict | None:
    """``found`` as JSON, None staying None (the candidate has a position)."""
    return found.to_record() if found is not None else None
