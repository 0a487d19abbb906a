"""Where a race stands on a date: which rounds have taken place, and what to say of an
election still to come, or of one held with no result in the data. Every sentence names
the date it was true on, so a page printed today still reads right next year."""

from __future__ import annotations

import datetime

from cli.model import Race
from cli.text.datewords import date_words
from cli.text.messages import _


def taken_place(race: Race, round_name: str, today: datetime.date) -> bool:
    """Whether a round is past: a primary after its date, any other after the election."""
    date = (race.primary_date if round_name == "primary" else None) or race.election_date
    return date[:10] < today.isoformat()


def upcoming(race: Race, today: datetime.date) -> str:
    """That the race's election had not happened on ``today``, with the dates of its
    rounds."""
    first = date_words(race.primary_date or race.election_date)
    election = date_words(race.election_date)
    if race.primary_date:
        dates = _("the first round is on {date}").format(date=first)
    else:
        dates = _("it is on {date}").format(date=first)
    if race.primary_date and race.system == "runoff":
        dates += _(", a runoff if needed on {date}").format(date=election)
    elif race.primary_date:
        dates += _(", the general election on {date}").format(date=election)
    return _("As of {today}, the election has not happened: {dates}. There are no results.").format(
        today=date_words(today.isoformat()), dates=dates
    )


def decided(race: Race) -> bool:
    """Whether the data records the deciding round's result: a winner, or any result of
    the runoff (a runoff race) or of the general election (any other)."""
    deciding = "runoff" if race.system == "runoff" else "general"
    return any(r.outcome == "won" or r.round == deciding for r in race.results)


def unreported(race: Race, today: datetime.date) -> str | None:
    """That the deciding election was held and the data records no result of it; None
    when it is still to come on ``today`` or has a result."""
    if not taken_place(race, "general", today) or decided(race):
        return None
    date = date_words(race.election_date)
    if race.system == "runoff":
        return _(
            "The runoff, if one was needed, was on {date}; the data records no result of it."
        ).format(date=date)
    return _("The general election was held on {date}; the data records no result of it.").format(
        date=date
    )


def standing(race: Race, today: datetime.date) -> str | None:
    """What to say of the race's election on ``today``: still to come, or held with no
    result in the data; None when its results are there."""
    if not taken_place(race, "primary", today):
        return upcoming(race, today)
    return unreported(race, today)
