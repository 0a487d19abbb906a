"""Dates as the format writes them: ``YYYY-MM-DD``, or ``YYYY-MM`` or ``YYYY`` when only
partly known."""

from __future__ import annotations

import calendar
import datetime


def first_day(text: str) -> datetime.date | None:
    """The earliest day a (partial) date can mean (``2022-06`` is 2022-06-01), or None when
    ``text`` is not numbers joined by hyphens that name a calendar day."""
    try:
        parts = [int(part) for part in text.split("-")] + [1, 1]
        return datetime.date(*parts[:3])
    except (ValueError, TypeError):
        return None


def last_day(text: str) -> datetime.date | None:
    """The latest day a (partial) date can mean (``2022-06`` is 2022-06-30), or None when
    ``text`` is not a date :func:`first_day` reads."""
    day = first_day(text)
    if day is None:
        return None
    parts = text.split("-")
    if len(parts) == 1:
        return datetime.date(day.year, 12, 31)
    if len(parts) == 2:
        return datetime.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day
