"""Dates as the format writes them: ``YYYY-MM-DD``, or ``YYYY-MM`` or ``YYYY`` when only
partly known."""

from __future__ import annotations

import datetime


def first_day(text: str) -> datetime.date | None:
    """The earliest day a (partial) date can mean (``2022-06`` is 2022-06-01), or None when
    ``text`` is not numbers joined by hyphens that name a calendar day."""
    try:
        parts = [int(part) for part in text.split("-")] + [1, 1]
        return datetime.date(*parts[:3])
    except (ValueError, TypeError):
        return None
