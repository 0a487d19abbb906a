"""Data text in the reader's language, or in English marked as English: never a machine's
translation.

Every output gets a topic's title and question, a measure's label, definition and unit, a
position's summary and a candidate's occupation through :func:`text_of`, which takes the
curators' Spanish where they wrote it (the data's ``es:``, ``summary_es``,
``occupation_es``: a model object's ``translations``) and the English otherwise
(:func:`in_language`). A renderer marks text whose language is not the page's: ``lang`` in
HTML, and in plain text, Markdown and LaTeX the words of :func:`marked` ("(en inglés)").
"""

from __future__ import annotations

from cli.text.messages import ENGLISH, _, language


class Said(str):
    """A data text as printed: the words (the string itself, so it prints, joins and
    compares as one) and ``lang``, the language they are written in."""

    lang: str

    def __new__(cls, text: str, lang: str) -> Said:
        said = super().__new__(cls, text)
        said.lang = lang
        return said

    @property
    def text(self) -> str:
        """The words alone, a plain string."""
        return str(self)


def in_language(english: str, spanish: str | None, lang: str) -> Said:
    """The text a reader of ``lang`` gets: the Spanish for a Spanish reader when the
    curators wrote it, else the English (marked by its language)."""
    if lang != ENGLISH and spanish is not None:
        return Said(spanish, lang)
    return Said(english, ENGLISH)


def text_of(item: object, name: str, lang: str | None = None) -> Said:
    """Field ``name`` of a model object (a topic, a measure, a position, a candidate) for a
    reader of ``lang`` (default: the current language): the curators' words in that
    language where the object's ``translations`` hold them, else its English."""
    lang = lang or language()
    written = getattr(item, "translations", None) or {}
    return in_language(getattr(item, name), written.get(lang, {}).get(name), lang)


def english_only(text: str) -> Said:
    """A data text the curators write in English alone (a race's notes, their note on a
    search): English, whatever the reader's language."""
    return in_language(text, None, language())


def quote_lang(citation: object) -> str:
    """The language a quote was said in: the citation's ``lang``, else English."""
    return getattr(citation, "lang", None) or ENGLISH


def marked(said: Said) -> str:
    """``said`` as plain text on a page in the current language: its words, followed by
    the language they are in when it is not the page's ("... (en inglés)")."""
    if said.lang == language():
        return said.text
    return f"{said.text} {english_mark()}"


def marked_pair(first: Said, second: Said) -> tuple[str, str]:
    """A title and its question as plain text: the question marked, and the title only
    where its language is not the question's (so two English texts carry one mark)."""
    return (first.text if first.lang == second.lang else marked(first)), marked(second)


def translation_sentence(citation: object, lang: str | None = None) -> str | None:
    """The translation of a quote into ``lang`` (default: the current language), as a
    sentence saying whose it is; None when the quote is in that language or has none. A
    citation's ``translation`` (the data's ``lang``, ``text`` and ``by``) is a curator's or
    a named translator's, never a machine's."""
    lang = lang or language()
    found = getattr(citation, "translation", None)
    if found is None or found.lang != lang or quote_lang(citation) == lang:
        return None
    return translated_sentence(found.text, found.by)


def translated_sentence(text: str, by: str | None) -> str:
    """``Translation by NAME: “...”``, or the curators' when no one is named."""
    if by:
        return _("Translation by {who}: \u201c{text}\u201d").format(who=by, text=text)
    return _("The curators' translation: \u201c{text}\u201d").format(text=text)


def english_mark() -> str:
    """The words that mark English data text on a page in another language: the only
    language the data falls back to."""
    return _("(in English)")
