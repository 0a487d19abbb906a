"""Resolve what a user types (a candidate, race or person) against a dataset.

Ids are matched in any case. A candidate may also be named by its full name or surname
(cli.dataset.roster), and a person by a candidate's id or name. The usual reference, an id,
is found from folder listings alone; names are read from the candidate files only when what
was typed is no id. A reference that is neither an id nor a name (``../../etc/passwd``, an
absolute path) is refused before the file system is touched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn

from cli.dataset.layout import Layout, is_slug
from cli.problems import Code
from cli.text.controlchars import clean
from cli.text.messages import _
from cli.text.names import name_key
from cli.text.suggest import did_you_mean

if TYPE_CHECKING:
    from cli.dataset.roster import Roster


#: How many candidates an ambiguous reference's message names at most.
MAX_LISTED = 6


class UnknownReference(ValueError):
    """A candidate, race, person, topic or stance the user named does not exist, or is
    ambiguous; the message says what to type instead."""


@dataclass(frozen=True)
class CandidateRef:
    """A resolved candidate: its race id and candidate id."""

    race: str
    candidate: str

    def __str__(self) -> str:
        return f"{self.race}/{self.candidate}"


@dataclass(frozen=True)
class _Meaning:
    """What one typed reference may mean: the candidates, and whether they were found by
    name (so their names are known) rather than by id."""

    refs: list[CandidateRef]
    names: dict[CandidateRef, str]


def resolve_race(layout: Layout, text: str) -> str:
    """The race id ``text``, in any case, checked against the dataset's race folders."""
    typed = text.strip().lower()
    if not is_slug(typed):
        raise UnknownReference(
            _("'{text}' is not a race id: ids are lowercase letters, digits and hyphens").format(
                text=text
            )
        )
    if typed not in layout.races:
        raise UnknownReference(
            _("unknown race '{text}'{suggestion}; 'platforms races' lists them").format(
                text=text, suggestion=did_you_mean(typed, layout.races)
            )
        )
    return typed


def resolve_candidate(layout: Layout, text: str) -> CandidateRef:
    """A candidate id (when unique in the dataset), ``RACE/CANDIDATE``, or a name."""
    return resolve_candidates(layout, [text])[0]


def resolve_candidates(layout: Layout, texts, race: str | None = None) -> list[CandidateRef]:
    """Several candidate references, typed together (``compare bass caruso``).

    Each is an id in any case, ``RACE/ID``, or a name (full name or surname) when it is no
    id. One that means candidates in several races resolves to ``race`` when given, else
    to the one race that every reference typed can mean; with no such race (or several,
    or two candidates of one race sharing a name) it is an UnknownReference listing the
    candidates it may mean and how to write each. A dataset with one race resolves each
    reference alone."""
    roster = _LazyRoster(layout)
    meanings = [_meaning(layout, text, roster) for text in texts]
    if race is not None:
        races = {race}
        where = _(" and not in race '{race}'").format(race=race)
    else:
        races = set.intersection(*({r.race for r in m.refs} for m in meanings))
        where = _(" and not in one race with the others named") if len(meanings) > 1 else ""
    return [_pick(text, m, races, where) for text, m in zip(texts, meanings)]


def _pick(text: str, meaning: _Meaning, races: set[str], where: str) -> CandidateRef:
    refs = meaning.refs
    if len(refs) == 1:
        return refs[0]
    within = [r for r in refs if r.race in races]
    if len(within) == 1:
        return within[0]
    shown = refs[:MAX_LISTED]
    more = ""
    if len(refs) > len(shown):
        more = _(" and {count} more").format(count=len(refs) - len(shown))
    how = (
        _("write the one you mean as RACE/CANDIDATE ('platforms candidates' lists them)")
        if more
        else _("write one of {refs}").format(refs=", ".join(map(str, refs)))
    )
    fields = {"text": text, "count": len(refs), "where": where, "more": more, "how": how}
    if meaning.names:
        named = ", ".join(f"{clean(meaning.names[r])} ({r})" for r in shown)
        raise UnknownReference(
            _("'{text}' names {count} candidates{where}: {named}{more}; {how}").format(
                named=named, **fields
            )
        )
    listed = ", ".join(map(str, shown))
    raise UnknownReference(
        _("'{text}' is a candidate in {count} races{where}: {listed}{more}; {how}").format(
            listed=listed, **fields
        )
        if more
        else _("'{text}' is a candidate in {count} races{where}; {how}").format(**fields)
    )


class _LazyRoster:
    """The dataset's roster, read from the candidate files the first time a name is typed."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self._roster: Roster | None = None

    def __call__(self) -> Roster:
        if self._roster is None:
            from cli.dataset.roster import Roster

            self._roster = Roster.read(self.layout)
        return self._roster


def _meaning(layout: Layout, text: str, roster: Callable[[], Roster]) -> _Meaning:
    """Every candidate ``text`` may mean; an UnknownReference when there is none."""
    typed = text.strip()
    race, slash, rest = typed.partition("/")
    if slash:
        if "/" in rest or not is_slug(race.lower()) or not name_key(rest):
            _not_a_reference(text)
        return _in_race(layout, resolve_race(layout, race.lower()), rest, roster)
    lowered = typed.lower()
    if is_slug(lowered):
        races = [
            rid
            for rid, folder in layout.races.items()  # one faccessat per race folder
            if folder.may_hold(lowered) and lowered in folder.candidates
        ]
        if races:
            return _Meaning([CandidateRef(rid, lowered) for rid in races], {})
        _refused(layout, lowered)
        if lowered in layout.races:
            raise UnknownReference(
                _(
                    "'{text}' is a race, not a candidate: 'platforms compare --race {race}' "
                    "compares its candidates"
                ).format(text=text, race=lowered)
            )
    elif not name_key(typed):
        _not_a_reference(text)
    named = roster().named(typed)
    if named:
        return _Meaning(
            [CandidateRef(e.race, e.candidate) for e in named],
            {CandidateRef(e.race, e.candidate): e.name for e in named},
        )
    everyone = {c for folder in layout.races.values() for c in folder.candidates}
    suggestion = (did_you_mean(lowered, everyone) if is_slug(lowered) else "") or (
        _did_you_mean_name(roster(), typed)
    )
    raise UnknownReference(
        _("unknown candidate '{text}'{suggestion}; 'platforms candidates' lists them").format(
            text=text, suggestion=suggestion
        )
    )


def _in_race(layout: Layout, race: str, text: str, roster: Callable[[], Roster]) -> _Meaning:
    """The candidates of ``race`` that ``text`` (an id in any case, or a name) may mean."""
    known = layout.races[race].candidates
    if text.lower() in known:
        return _Meaning([CandidateRef(race, text.lower())], {})
    named = roster().named(text, [race])
    if named:
        return _Meaning(
            [CandidateRef(race, e.candidate) for e in named],
            {CandidateRef(race, e.candidate): e.name for e in named},
        )
    raise UnknownReference(
        _("unknown candidate '{text}' in race '{race}'{suggestion}").format(
            text=text, race=race, suggestion=did_you_mean(text.lower(), known)
        )
    )


def _did_you_mean_name(roster: Roster, text: str) -> str:
    name = roster.closest_name(text)
    return " " + _("(did you mean '{name}'?)").format(name=name) if name else ""


def _not_a_reference(text: str) -> NoReturn:
    raise UnknownReference(
        _(
            "'{text}' is not a candidate reference: write a candidate's id or name, or "
            "RACE/CANDIDATE"
        ).format(text=text)
    )


def _refused(layout: Layout, candidate: str) -> None:
    """Raise DataError with the located limit error of a race folder that holds a file
    ``CANDIDATE.yaml`` but was not read for holding too many files."""
    from cli.problems import DataError

    for folder in layout.races.values():
        if folder.may_hold(candidate) and not folder.candidates:
            refused = [p for p in folder.problems if p.code == Code.TOO_MANY_FILES]
            if refused:
                raise DataError(refused)


def resolve_person(roster: Roster, text: str) -> str:
    """The person id ``text`` means: a person id in any case, or the id, ``RACE/ID`` or
    name of a candidate whose file names the person."""
    persons = roster.persons()
    lowered = text.strip().lower()
    if lowered in persons:
        return lowered
    meant = [e for e in roster.entries if lowered in (e.candidate, e.ref)] or roster.named(text)
    found = sorted({e.person for e in meant if e.person})
    if len(found) == 1:
        return found[0]
    if found:
        choices = ", ".join(f"{p} ({clean(persons[p][0].name)})" for p in found)
        raise UnknownReference(
            _("'{text}' may be {choices}; write one of these person ids").format(
                text=text, choices=choices
            )
        )
    if meant:
        first = meant[0]
        raise UnknownReference(
            _(
                "{candidate} has no person id, so no other race is paired with it; "
                "'platforms show {ref}' shows the candidate"
            ).format(candidate=first.shown, ref=first.ref)
        )
    raise UnknownReference(
        _("unknown person '{text}'{suggestion}; 'platforms people' lists them").format(
            text=text, suggestion=did_you_mean(lowered, persons)
        )
    )
