"""Where a race stands on a date: which rounds have taken place, and what to say of an
election still to come."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from cli.model import Race


def taken_place(race: Race, round_name: str, today: datetime.date) -> bool:
    """Whether a round is past: a primary after its date, any other after the election."""
    date = (race.primary_date if round_name == "primary" else None) or race.election_date
    return date[:10] < today.isoformat()


def upcoming(race: Race) -> str:
    """That the race's election has not happened, with the dates of its rounds."""
    first = race.primary_date or race.election_date
    dates = f"the first round is on {first}" if race.primary_date else f"it is on {first}"
    if race.primary_date and race.system == "runoff":
        dates += f", a runoff if needed on {race.election_date}"
    elif race.primary_date:
        dates += f", the general election on {race.election_date}"
    return f"The election has not happened yet: {dates}. There are no results."


def upcoming_races(races: Iterable[Race], today: datetime.date) -> list[Race]:
    """Those of ``races`` whose first round is still to come on ``today``."""
    return [r for r in races if not taken_place(r, "primary", today)]
