"""Resolve what a user types (candidate, race and topic ids) against a dataset's layout.

Only folder listings are used, so resolving a reference never parses a file. A reference
that is not an id (``../../etc/passwd``, an absolute path) is refused before the file
system is touched.
"""

from __future__ import annotations

from dataclasses import dataclass

from cli.dataset.layout import Layout, is_slug
from cli.problems import Code
from cli.text.suggest import did_you_mean


class UnknownReference(ValueError):
    """A candidate, race, topic or stance the user named does not exist."""


@dataclass(frozen=True)
class CandidateRef:
    """A resolved candidate: its race id and candidate id."""

    race: str
    candidate: str

    def __str__(self) -> str:
        return f"{self.race}/{self.candidate}"


def _check_id(kind: str, text: str) -> None:
    if not is_slug(text):
        raise UnknownReference(
            f"'{text}' is not a {kind} id: ids are lowercase letters, digits and hyphens"
        )


def resolve_race(layout: Layout, text: str) -> str:
    """The race id ``text``, checked against the dataset's race folders."""
    _check_id("race", text)
    if text not in layout.races:
        raise UnknownReference(
            f"unknown race '{text}'{did_you_mean(text, layout.races)}; 'platforms races' lists them"
        )
    return text


def resolve_candidate(layout: Layout, text: str) -> CandidateRef:
    """A bare candidate id (when unique in the dataset) or ``RACE/CANDIDATE``."""
    if text.count("/") > 1 or not all(is_slug(part) for part in text.split("/")):
        raise UnknownReference(
            f"'{text}' is not a candidate reference: write CANDIDATE or "
            "RACE/CANDIDATE, with ids in lowercase letters, digits and "
            "hyphens"
        )
    race, slash, candidate = text.partition("/")
    if slash:
        resolve_race(layout, race)
        known = layout.races[race].candidates
        if candidate not in known:
            raise UnknownReference(
                f"unknown candidate '{candidate}' in race '{race}'{did_you_mean(candidate, known)}"
            )
        return CandidateRef(race, candidate)
    races = [
        rid
        for rid, folder in layout.races.items()  # one faccessat per race folder
        if folder.may_hold(text) and text in folder.candidates
    ]
    if len(races) == 1:
        return CandidateRef(races[0], text)
    if races:
        choices = ", ".join(f"{rid}/{text}" for rid in races)
        raise UnknownReference(
            f"'{text}' is a candidate in {len(races)} races; write one of {choices}"
        )
    _refused(layout, text)
    everyone = {c for folder in layout.races.values() for c in folder.candidates}
    raise UnknownReference(
        f"unknown candidate '{text}'{did_you_mean(text, everyone)}; "
        "'platforms candidates' lists them"
    )


def resolve_candidates(layout: Layout, texts, race: str | None = None) -> list[CandidateRef]:
    """Several candidate references, typed together (``compare bass caruso``).

    A bare id held by more than one race resolves to ``race`` when given, else to the one
    race that holds every candidate named; with no such race (or several) it is an
    UnknownReference listing the qualified ids. A dataset with one race resolves exactly as
    :func:`resolve_candidate` does."""
    texts = list(texts)
    holders: dict[str, list[str]] = {}
    for text in texts:
        if "/" not in text and is_slug(text):
            holders[text] = [
                rid
                for rid, folder in layout.races.items()
                if folder.may_hold(text) and text in folder.candidates
            ]
    ambiguous = [t for t, races in holders.items() if len(races) > 1]
    if not ambiguous:
        return [resolve_candidate(layout, text) for text in texts]
    if race is not None:
        common = [race] if all(race in holders[t] for t in ambiguous) else []
    else:
        named = [set(holders[t]) if t in holders else {t.partition("/")[0]} for t in texts]
        common = sorted(set.intersection(*named))
    if len(common) != 1:
        text = ambiguous[0]
        choices = ", ".join(f"{rid}/{text}" for rid in holders[text])
        where = f" race '{race}'" if race else " one race with the others named"
        raise UnknownReference(
            f"'{text}' is a candidate in {len(holders[text])} races and "
            f"not in{where}; write one of {choices}"
        )
    return [
        CandidateRef(common[0], text) if text in ambiguous else resolve_candidate(layout, text)
        for text in texts
    ]


def _refused(layout: Layout, candidate: str) -> None:
    """Raise DataError with the located limit error of a race folder that holds a file
    ``CANDIDATE.yaml`` but was not read for holding too many files."""
    from cli.problems import DataError

    for folder in layout.races.values():
        if folder.may_hold(candidate) and not folder.candidates:
            refused = [p for p in folder.problems if p.code == Code.TOO_MANY_FILES]
            if refused:
                raise DataError(refused)


def check_choice(kind: str, text: str, known) -> str:
    """``text`` when it is among ``known`` ids, else an UnknownReference with a suggestion."""
    if text not in known:
        raise UnknownReference(f"unknown {kind} '{text}'{did_you_mean(text, known)}")
    return text
