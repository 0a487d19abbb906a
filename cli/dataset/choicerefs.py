"""Resolve what a user types from a fixed vocabulary: a topic of the catalogue, a stance,
a party, or any other choice (a relation, a measure, a source kind).

Every choice is matched in any case. A topic may also be named by its title, and a word of
its title or question suggests it; a stance may be yes or no, since each topic's question
is a yes/no question; a party is named by its first letters ("democrat").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from cli.choices import YES_NO, Stance
from cli.dataset.refs import UnknownReference
from cli.text.controlchars import clean
from cli.text.messages import _
from cli.text.names import name_key
from cli.text.suggest import closest, did_you_mean
from cli.text.textfold import fold

if TYPE_CHECKING:
    from cli.model import Topic

#: How many topics an unknown topic's message suggests at most.
MAX_SUGGESTED = 4


def check_choice(kind: str, text: str, known: Iterable[str]) -> str:
    """``text`` (in any case) when it is among ``known`` ids, else an UnknownReference with
    a suggestion, naming the choices when they are few."""
    known = list(known)
    for typed in (text, text.strip().lower()):
        if typed in known:
            return typed
    choose = f"; choose from {', '.join(known)}" if len(known) <= 8 else ""
    raise UnknownReference(f"unknown {kind} '{text}'{did_you_mean(text, known)}{choose}")


def resolve_stance(text: str) -> str:
    """The stance ``text`` means: a stance in any case, or yes (support) or no (oppose)."""
    typed = text.strip().lower()
    if typed in YES_NO:
        return str(YES_NO[typed])
    stances = [str(s) for s in Stance]
    if typed in stances:
        return typed
    raise UnknownReference(
        f"unknown stance '{text}'{did_you_mean(typed, stances)}; choose from "
        f"{', '.join(stances)} (or yes and no for support and oppose: each topic's question "
        "is a yes/no question)"
    )


def resolve_topic(topics: Mapping[str, Topic], text: str) -> str:
    """The topic id ``text`` means: an id in any case, or a topic's title. Otherwise an
    UnknownReference suggesting the closest id and the topics whose title or question
    hold the words typed, and pointing to ``platforms topics``."""
    for typed in (text, text.strip().lower()):
        if typed in topics:
            return typed
    key = name_key(text)
    titled = [t.id for t in topics.values() if name_key(t.title) == key]
    if len(titled) == 1:
        return titled[0]
    from cli.text.wordsearch import finds_all

    found_in = finds_all(text.split())
    close = closest(text.strip().lower(), topics)
    about = [close] if close else []
    about += [t.id for t in topics.values() if key and found_in(fold(f"{t.title} {t.question}"))]
    shown = [f"'{t}' ({topics[t].title})" for t in dict.fromkeys(about)][:MAX_SUGGESTED]
    hint = _("; did you mean {topics}?").format(topics=_either(shown)) if shown else ";"
    raise UnknownReference(
        _("unknown topic '{text}'{hint} 'platforms topics' lists them all").format(
            text=text, hint=hint
        )
    )


def _either(items: list[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    if len(items) == 1:
        return items[0]
    return _("{items} or {last}").format(items=", ".join(items[:-1]), last=items[-1])


def party_matches(party: str | None, typed: str) -> bool:
    """Whether a candidate's ``party`` starts with the ``typed`` text, ignoring case and
    accents ("democrat" is the Democratic party)."""
    return fold(party or "").startswith(fold(typed.strip()))


def check_party(parties: Iterable[str], typed: str) -> str:
    """``typed`` when one of ``parties`` starts with it, else an UnknownReference listing
    them."""
    parties = list(parties)
    if not any(party_matches(p, typed) for p in parties):
        listed = "; ".join(clean(p) for p in parties) or "none"
        raise UnknownReference(
            f"no candidate's party starts with '{typed}'; the parties recorded: {listed}"
        )
    return typed
