"""The tool's words for the data's codes, in the current language: stances, relations,
rounds, counts and outcomes. English prints each code as it always has; the catalogue
(cli/locale) holds every other language's word, chosen once for every output."""

from __future__ import annotations

from cli.text.messages import _, pgettext


def stance_word(stance: str) -> str:
    """A stance as a reader is told it, in lower case ("support"; Spanish "a favor")."""
    words = {
        "support": pgettext("stance", "support"),
        "oppose": pgettext("stance", "oppose"),
        "mixed": pgettext("stance", "mixed"),
        "unclear": pgettext("stance", "unclear"),
    }
    return words.get(stance, stance)


def relation_word(relation: str) -> str:
    """A relation as a sentence says it ("agree", "not covered")."""
    words = {
        "agree": pgettext("relation", "agree"),
        "differ": pgettext("relation", "differ"),
        "unclear": pgettext("relation", "unclear"),
        "one-sided": pgettext("relation", "one-sided"),
        "open": pgettext("relation", "open"),
        "not-covered": pgettext("relation", "not covered"),
    }
    return words.get(relation, relation)


def relation_heading(relation: str, differs_in_degree: bool = False) -> str:
    """A relation as a diff's topic heading opens ("AGREE", "NOT-COVERED", "AGREE, DIFFER
    IN DEGREE")."""
    if differs_in_degree:
        return _("AGREE, DIFFER IN DEGREE")
    words = {
        "agree": pgettext("heading", "AGREE"),
        "differ": pgettext("heading", "DIFFER"),
        "unclear": pgettext("heading", "UNCLEAR"),
        "one-sided": pgettext("heading", "ONE-SIDED"),
        "open": pgettext("heading", "OPEN"),
        "not-covered": pgettext("heading", "NOT-COVERED"),
    }
    return words.get(relation, relation.upper())


def round_name(round_code: str) -> str:
    """A round of an election as a heading names it ("Primary", "General election")."""
    names = {
        "primary": _("Primary"),
        "general": _("General election"),
        "runoff": _("Runoff"),
    }
    return names.get(round_code, round_code)


def round_word(round_code: str) -> str:
    """A round of an election as a line names it ("primary", "general")."""
    words = {
        "primary": pgettext("round", "primary"),
        "general": pgettext("round", "general"),
        "runoff": pgettext("round", "runoff"),
    }
    return words.get(round_code, round_code)


def system_word(system: str) -> str:
    """A voting system's name ("top-two", "runoff")."""
    names = {
        "top-two": pgettext("system", "top-two"),
        "runoff": pgettext("system", "runoff"),
        "plurality": pgettext("system", "plurality"),
        "ranked-choice": pgettext("system", "ranked-choice"),
    }
    return names.get(system, system)


def count_name(count: str) -> str:
    """The nature of a count, as ``races`` and ``show`` print it ("certified")."""
    names = {
        "election-night": pgettext("count", "election-night"),
        "unofficial": pgettext("count", "unofficial"),
        "certified": pgettext("count", "certified"),
    }
    return names.get(count, count)


def outcome_word(outcome: str) -> str:
    """A candidate's outcome in a round ("won", "advanced")."""
    words = {
        "advanced": pgettext("outcome", "advanced"),
        "eliminated": pgettext("outcome", "eliminated"),
        "won": pgettext("outcome", "won"),
        "lost": pgettext("outcome", "lost"),
    }
    return words.get(outcome, outcome)


def kind_word(kind: str) -> str:
    """A measure's kind ("level", "change")."""
    words = {"level": pgettext("measure", "level"), "change": pgettext("measure", "change")}
    return words.get(kind, kind)


def correction_word(kind: str) -> str:
    """What a review corrected, as ``races`` counts it ("2 summary")."""
    words = {
        "stance": pgettext("correction", "stance"),
        "summary": pgettext("correction", "summary"),
        "speaker": pgettext("correction", "speaker"),
        "measure": pgettext("correction", "measure"),
        "basis": pgettext("correction", "basis"),
        "date": pgettext("correction", "date"),
        "source": pgettext("correction", "source"),
        "other": pgettext("correction", "other"),
    }
    return words.get(kind, kind)
