"""Dates as a reader of each language writes them: English output keeps the data's ISO
form (``2026-06-02``, ``2025-12``, ``2025``), which readers copy and sort; Spanish spells
them as the United States' Spanish press does (``2 de junio de 2026``, ``diciembre de
2025``, ``2025``)."""

from __future__ import annotations

import re

from cli.text.messages import SPANISH, _, language

SPANISH_MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
_ISO = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def date_words(iso: str) -> str:
    """``iso`` (a day, a month or a year) as the current language writes it; a text that is
    no such date is returned as it is."""
    if language() != SPANISH:
        return iso
    found = _ISO.fullmatch(iso)
    if found is None or not 1 <= int(found[2] or 1) <= 12:
        return iso
    year, month, day = found.groups()
    if month is None:
        return year
    words = f"{SPANISH_MONTHS[int(month) - 1]} de {year}"
    return f"{int(day)} de {words}" if day else words


def as_of(iso: str) -> str:
    """``as of 2025-12``: the date a text or a figure stands on, in the current language."""
    return _("as of {date}").format(date=date_words(iso))
