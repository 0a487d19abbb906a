"""``match`` for terminals: the ranking, how it is computed, and each breakdown."""

from __future__ import annotations

from cli.output.compare_text import stance_label
from cli.output.footnotes import Footnotes
from cli.output.terminal import Lines
from cli.queries.language import marked, text_of
from cli.queries.match import EXPLANATION, Score
from cli.queries.words import stance_word
from cli.text.messages import _, ngettext


def percent(score: float | None) -> str:
    """A score as a whole percentage, or ``no score``."""
    return _("no score") if score is None else f"{score * 100:.0f}%"


def render(scores: list[Score], race_title: str, total: int) -> str:
    """The ranked scores with per-topic breakdowns, then the candidates with nothing to
    compare, unranked, and footnoted sources."""
    out = Lines(total)
    out.add(_("Your answers against the candidates of the {race}").format(race=race_title))
    out.add()
    out.add(_(EXPLANATION))
    notes = Footnotes()
    ranked = [s for s in scores if s.rank is not None]
    ties = {s.rank for s in ranked if sum(t.rank == s.rank for t in ranked) > 1}
    for s in ranked:
        out.add()
        tie = " " + _("(tie)") if s.rank in ties else ""
        _candidate(out, f"{s.rank}{tie}. ", s, notes)
    unranked = [s for s in scores if s.rank is None]
    if unranked:
        out.add()
        out.add(
            _(
                "Not ranked: none of the topics you answered can be compared with a recorded, "
                "clear position of theirs."
            )
        )
        for s in unranked:
            out.add()
            _candidate(out, "", s, notes)
    notes.render(out)
    return out.text()


def _candidate(out: Lines, rank: str, s: Score, notes: Footnotes) -> None:
    """One candidate: rank (if any), name, score and the breakdown by topic."""
    asked = len(s.topics)
    based = ngettext(
        "based on {compared} of {asked} topic you answered",
        "based on {compared} of {asked} topics you answered",
        asked,
    ).format(compared=s.compared, asked=asked)
    out.add(f"{rank}{s.candidate.name}: {percent(s.score)} \u2014 {based}", 0, 4)
    for t in s.topics:
        you = _("you {answer} (weight {weight})").format(
            answer=stance_word(t.answer.answer), weight=t.answer.weight
        )
        if t.position is None:
            them = _("no recorded position: not compared")
        elif t.value is None:
            them = _("{stance}: not compared").format(stance=stance_label("unclear"))
        else:
            them = (
                f"{stance_label(t.position.stance)} \u2192 {t.value:g} "
                f"{notes.marks(t.position.citations)}"
            )
        out.add(f"{marked(text_of(t.topic, 'title'))}: {you}; {them}", 4, 4)
