"""The fixed vocabularies of the format and of the comparison, as string enums.

This module imports nothing but ``enum`` (which ``re`` and Click import anyway), so that
command options can offer these choices while ``platforms --help`` stays as cheap as
importing Click (docs/performance.md).
"""

from __future__ import annotations

from cli.text.messages import N_, _
from cli.text.strenum import StrEnum


class Stance(StrEnum):
    """A candidate's answer to a topic's question (docs/format.md)."""

    SUPPORT = "support"
    OPPOSE = "oppose"
    MIXED = "mixed"
    UNCLEAR = "unclear"


#: Each topic's question is a yes/no question: yes is support, no is oppose.
YES_NO = {"yes": Stance.SUPPORT, "y": Stance.SUPPORT, "no": Stance.OPPOSE, "n": Stance.OPPOSE}


class Candidacy(StrEnum):
    """Where a candidacy stands on a date (docs/format.md, a candidate's ``status``), in the
    order a candidacy moves through them."""

    EXPLORING = "exploring"
    DECLARED = "declared"
    FILED = "filed"
    ON_BALLOT = "on-ballot"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        """The status as a reader says it: "on the ballot", "filed to run"."""
        return _(_CANDIDACY_LABELS[self])


_CANDIDACY_LABELS = {
    Candidacy.EXPLORING: N_("exploring a run"),
    Candidacy.DECLARED: N_("declared candidate"),
    Candidacy.FILED: N_("filed to run"),
    Candidacy.ON_BALLOT: N_("on the ballot"),
    Candidacy.WITHDRAWN: N_("withdrawn"),
}


class Relation(StrEnum):
    """How two candidates' positions on one topic relate, tested in this order: a race of
    either does not cover the topic (not-covered), neither has a position (open), one has
    none (one-sided), either is unclear, the stances agree or differ. Listed in the order
    diff reports them."""

    AGREE = "agree"
    DIFFER = "differ"
    UNCLEAR = "unclear"
    ONE_SIDED = "one-sided"
    OPEN = "open"
    NOT_COVERED = "not-covered"

    @property
    def label(self) -> str:
        """The relation in a sentence: "not covered" for not-covered, else its name."""
        return "not covered" if self is Relation.NOT_COVERED else str(self)


def coded(member) -> dict:
    """A code that has words (a ``label``), as JSON outputs carry it: ``kind`` the code,
    ``text`` its words. Transitions and absences are written so in every command."""
    return {"kind": str(member), "text": member.label}
