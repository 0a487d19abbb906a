"""Who else is in a race: the candidates of the data left out of a comparison, and those the
data does not cover at all (race.yaml's ``not_covered``), so that a page of three
candidates never reads as the whole field."""

from __future__ import annotations

from collections.abc import Sequence

from cli.model import Candidate, Race
from cli.queries.records import citation_record
from cli.text.messages import N_, _

#: Where the candidates not covered stood, by the round ``not_covered`` names.
BALLOTS = {
    None: N_("in the race"),
    "primary": N_("on the primary ballot"),
    "general": N_("on the general-election ballot"),
    "runoff": N_("on the runoff ballot"),
}


def _joined(names: Sequence[str], more: bool) -> str:
    """``A, B and C``, or ``A, B, C and others`` when ``more`` were left unnamed."""
    if more:
        return _("{names} and others").format(names=", ".join(names))
    if len(names) == 1:
        return names[0]
    return _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


def not_covered_sentence(race: Race) -> str:
    """What the data says of candidates it has no file for: who they were, that there were
    others, that it covers every one, or that it does not say."""
    others = race.not_covered
    if others is None:
        return _("The data does not say whether other candidates were in the race.")
    where = _(BALLOTS.get(others.round, BALLOTS[None]))
    if others.names:
        names = _joined(others.names, not others.complete)
        return _("Other candidates {where}, not covered: {names}.").format(where=where, names=names)
    if others.complete:
        return _("The data covers every candidate {where}.").format(where=where)
    return _("Other candidates {where} are not covered.").format(where=where)


def left_out(race: Race, shown: Sequence[Candidate]) -> str | None:
    """The race's candidates in the data that ``shown`` leaves out, as a sentence; None
    when every one is shown."""
    from cli.queries.listing import ballot_order  # listing's race records use this module

    refs = {c.ref for c in shown}
    names = [c.name for c in ballot_order(race) if c.ref not in refs]
    if not names:
        return None
    return _("Also in this race's data, not shown here: {names}.").format(
        names=_joined(names, False)
    )


def field_sentences(race: Race, shown: Sequence[Candidate] = ()) -> tuple[str, ...]:
    """Everything a reader needs to know of the field beyond the candidates ``shown``: who
    of the data is left out (when ``shown`` is given), then who the data does not cover."""
    hidden = left_out(race, shown) if shown else None
    return tuple(s for s in (hidden, not_covered_sentence(race)) if s)


def not_covered_record(race: Race) -> dict | None:
    """race.yaml's ``not_covered`` as JSON outputs carry it, with its sentence; None when
    the race does not say."""
    others = race.not_covered
    if others is None:
        return None
    return {
        "names": list(others.names),
        "complete": others.complete,
        "round": others.round,
        "citations": [citation_record(c) for c in others.citations],
        "text": not_covered_sentence(race),
    }
