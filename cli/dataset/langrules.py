"""The rules on languages that a schema cannot state: a quote translated into the language
it is already in, and a Spanish text with no English beside it to translate.

Reads parsed documents through their views, like :mod:`cli.dataset.rules` (a file may have
failed its schema check), and returns located problems. That a ``lang`` is a language tag
and a translation is into English or Spanish is the schemas' (``bad-lang``,
``bad-translation``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from cli.dataset.fileviews import CandidateFile, CitationView, RaceFile, View
from cli.dataset.safeyaml import Document, KeyPath
from cli.model import ENGLISH
from cli.problems import Code, Problem


def check_translations(
    doc: Document, file: CandidateFile | RaceFile, sources: Mapping[str, object]
) -> list[Problem]:
    """The quotes of ``file`` (parsed as ``doc``) whose ``translation`` is into the language
    the quote is in, compared by language subtag (``es-US`` is Spanish). ``sources`` is the
    race's bibliography, whose ``lang`` a citation without one takes."""
    problems = []
    for quote in _quotes(file):
        translation = quote.fields.get("translation")
        into = translation.get("lang") if isinstance(translation, dict) else None
        if not isinstance(into, str):
            continue
        said_in, why = _quote_lang(quote, sources)
        if _language(into) == _language(said_in):
            problems.append(
                doc.problem(
                    (*quote.place, "translation", "lang"),
                    Code.BAD_TRANSLATION,
                    f"the translation is into '{into}', the language the quote is in "
                    f"('{said_in}', {why}); if the quote is in another language, give the "
                    "citation or its source that lang, else remove the translation",
                )
            )
    return problems


def _quotes(file: CandidateFile | RaceFile) -> Iterator[CitationView]:
    """Every quote of ``file``: its citations, then the figures reported under targets."""
    yield from file.citations()
    for position in file.positions.values():
        for target in position.targets:
            yield from target.reported


def _quote_lang(quote: CitationView, sources: Mapping[str, object]) -> tuple[str, str]:
    """The language ``quote`` is in, and why: its own ``lang``, else its source's, else
    English."""
    own = quote.text("lang")
    if own is not None:
        return own, "the citation's lang"
    source = sources.get(quote.source or "")
    given = source.get("lang") if isinstance(source, dict) else None
    if isinstance(given, str):
        return given, f"the lang of source '{quote.source}'"
    return ENGLISH, "as neither the citation nor its source gives a lang"


def _language(tag: str) -> str:
    """The language subtag of a language tag, in lowercase (``es`` of ``es-US``)."""
    return tag.split("-")[0].lower()


def check_topic_spanish(doc: Document) -> list[Problem]:
    """The Spanish texts of topics.yaml (parsed as ``doc``) with no English beside them: an
    ``es:`` description of a topic that has none, an ``es:`` definition of a measure that has
    none. (Titles, questions, labels and units are required in English anyway.)"""
    problems = []
    for tid, topic in doc.mapping.items():
        if not isinstance(topic, dict):
            continue
        problems += _without_english(doc, View((tid,), topic), "description", ("es", "description"))
        measures = topic.get("measures")
        for mid, measure in measures.items() if isinstance(measures, dict) else ():
            if isinstance(measure, dict):
                view = View((tid, "measures", mid), measure)
                problems += _without_english(doc, view, "definition", ("es", "definition"))
    return problems


def check_candidate_spanish(doc: Document, candidate: CandidateFile) -> list[Problem]:
    """An ``occupation_es`` of a candidate file (parsed as ``doc``) that has no
    ``occupation``."""
    return _without_english(doc, candidate, "occupation", ("occupation_es",))


def _without_english(doc: Document, view: View, english: str, spanish: KeyPath) -> list[Problem]:
    """A problem at ``spanish`` (a path inside ``view``) when it holds a value but ``view``
    has no ``english`` field for it to translate."""
    value: object = view.fields
    for key in spanish:
        value = value.get(key) if isinstance(value, Mapping) else None
    if value is None or english in view.fields:
        return []
    where = "'" + ".".join(map(str, spanish)) + "'"
    return [
        doc.problem(
            (*view.place, *spanish),
            Code.TRANSLATION_WITHOUT_ORIGINAL,
            f"{where} translates '{english}', which is not there; write the English "
            f"{english} too, or remove the Spanish",
            key=True,
        )
    ]
