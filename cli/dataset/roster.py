"""Who a name may mean: each candidate's race, id, name and person id, for resolving what
people type (cli.dataset.refs).

A name matches in any case and without accents or punctuation: the full name, the name
without its parenthesised part, that part, the surname, or the person id written as words
("Zohran Mamdani", "mamdani", "zohran-mamdani"). Names are read from the candidate files
only when what was typed is not an id, and then only each file's ``name`` and ``person``:
a file that cannot be read or holds no name is left out here (a command that loads its
race reports its problems).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from cli.dataset.layout import Layout, read_text
from cli.model import Dataset, surname_of
from cli.text.controlchars import clean
from cli.text.suggest import closest
from cli.text.textfold import fold


def name_key(text: str) -> str:
    """``text`` as names are compared: folded words, one space between them."""
    return " ".join(re.findall(r"\w+", fold(text)))


@dataclass(frozen=True)
class Entry:
    """One candidacy, as a name may mean it."""

    race: str
    candidate: str
    name: str
    person: str | None = None

    @property
    def ref(self) -> str:
        """``RACE/CANDIDATE``."""
        return f"{self.race}/{self.candidate}"

    @property
    def shown(self) -> str:
        """``Name (RACE/CANDIDATE)``, safe to print."""
        return f"{clean(self.name)} ({self.ref})"

    @cached_property
    def keys(self) -> frozenset[str]:
        """Every name key this candidacy answers to."""
        outside = re.sub(r"\([^)]*\)", " ", self.name)
        inside = " ".join(re.findall(r"\(([^)]*)\)", self.name))
        names = (self.name, outside, inside, surname_of(self.name), self.person or "")
        return frozenset(filter(None, map(name_key, names)))


class Roster:
    """The candidacies references are resolved against."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries = list(entries)

    @classmethod
    def read(cls, layout: Layout, races: Iterable[str] | None = None) -> Roster:
        """The names and person ids in the candidate files of ``races`` (default: all)."""
        from cli.dataset.safeyaml import parse

        entries = []
        for rid in layout.races if races is None else races:
            for cid, path in layout.races[rid].candidates.items():
                text, _ = read_text(layout, path)
                data = parse(text, layout.rel(path)).mapping if text is not None else {}
                name, person = data.get("name"), data.get("person")
                if isinstance(name, str) and name.strip():
                    entries.append(
                        Entry(rid, cid, name, person if isinstance(person, str) else None)
                    )
        return cls(entries)

    @classmethod
    def of(cls, dataset: Dataset) -> Roster:
        """The candidacies of a loaded dataset."""
        return cls(
            Entry(c.race, c.id, c.name, c.person)
            for race in dataset.races.values()
            for c in race.candidates.values()
        )

    def named(self, text: str, races: Iterable[str] | None = None) -> list[Entry]:
        """The candidacies (of ``races`` when given) that ``text`` names."""
        key = name_key(text)
        within = None if races is None else set(races)
        return [e for e in self.entries if key in e.keys and (within is None or e.race in within)]

    def closest_name(self, text: str) -> str | None:
        """The name closest to ``text``, for "did you mean", or None."""
        names = {name_key(e.name): clean(e.name) for e in self.entries}
        found = closest(name_key(text), names)
        return names[found] if found else None

    def persons(self) -> dict[str, list[Entry]]:
        """Every person id with the candidacies that name it."""
        found: dict[str, list[Entry]] = {}
        for e in self.entries:
            if e.person:
                found.setdefault(e.person, []).append(e)
        return found
