"""'Did you mean ...?' suggestions for misspelt ids and keys."""

from __future__ import annotations

from collections.abc import Iterable

from cli.text.messages import _


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``word``, or None when nothing is close enough."""
    import difflib  # only on the error path

    matches = difflib.get_close_matches(str(word), list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A ``" (did you mean 'x'?)"`` suffix, or an empty string when nothing is close."""
    match = closest(word, candidates)
    return " " + _("(did you mean '{name}'?)").format(name=match) if match else ""
