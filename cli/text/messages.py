"""The tool's own words in the reader's language: the standard library's gettext over the
catalogues in ``cli/locale/LANG/LC_MESSAGES/platforms.mo``.

Code writes its words in English inside :func:`_` (:func:`ngettext` where a count decides
the form, :func:`pgettext` where one English text needs two translations, :func:`N_` for a
constant translated where it is printed); English is the catalogue's key, so English output
is the code's own text and reads no file. :func:`speaking` chooses the language for the
duration of a command. ``python docs/messages.py`` extracts the words into the ``.po`` and
compiles the ``.mo``; tests/test_spanish_ui.py fails when they disagree with the code.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

#: The language of the code's own words, and of the data (docs/format.md).
ENGLISH = "en"
#: The language the catalogue translates the tool's words into.
SPANISH = "es"
#: Every language ``--lang`` takes, each named in itself.
LANGUAGES = {ENGLISH: "English", SPANISH: "español"}
#: The gettext domain: the catalogues' file name.
DOMAIN = "platforms"
#: Where the catalogues live: cli/locale/LANG/LC_MESSAGES/platforms.po and .mo.
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_state = {"lang": ENGLISH}


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The translations into ``lang`` (none for English: the code's words are English)."""
    if lang == ENGLISH:
        return gettext.NullTranslations()
    with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as compiled:
        return gettext.GNUTranslations(compiled)


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Write the tool's words in ``lang`` (one of :data:`LANGUAGES`) inside the block."""
    before = _state["lang"]
    _state["lang"] = lang
    try:
        yield
    finally:
        _state["lang"] = before


def language() -> str:
    """The language the tool's words are written in now."""
    return _state["lang"]


def _(message: str) -> str:
    """``message`` in the current language."""
    return catalogue(_state["lang"]).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of ``singular``/``plural`` that ``count`` takes, in the current language."""
    return catalogue(_state["lang"]).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, as used in ``context`` (where one English text
    has more than one translation)."""
    return catalogue(_state["lang"]).pgettext(context, message)


def N_(message: str) -> str:
    """``message`` unchanged: marks a constant for the catalogue, translated with :func:`_`
    where it is printed."""
    return message
