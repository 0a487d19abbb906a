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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from cli.dataset.layout import Layout, read_text
from cli.text.controlchars import clean
from cli.text.names import name_key, surname_of
from cli.text.suggest import closest

if TYPE_CHECKING:
    from cli.model import Dataset


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
        entries = []
        for rid in layout.races if races is None else races:
            for cid, path in layout.races[rid].candidates.items():
                text, _ = read_text(layout, path)
                data = _name_and_person(text, layout.rel(path)) if text is not None else {}
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


#: A top-level ``name:`` or ``person:`` line (a line at column 0 is a top-level key).
_TOP_LINE = re.compile(r"^(name|person):[ \t]*(.*?)[ \t]*\r?$", re.MULTILINE)
#: A plain scalar that is surely text: it starts with a letter and holds no ``#`` or ``:``.
_PLAIN_TEXT = re.compile(r"[^\W\d_][^#:]*")
#: Plain words YAML reads as something other than text.
_NOT_TEXT = {"yes", "no", "true", "false", "on", "off", "null"}


def _name_and_person(text: str, rel: str) -> Mapping:
    """A candidate file's top-level ``name`` and ``person``, read from their own lines when
    each is a one-line string (a candidate file is mostly positions: reading two lines
    keeps a name typed on the command line quick on a large dataset), else by parsing the
    whole file."""
    lines = _TOP_LINE.findall(text)
    found = {key: _one_line_text(value) for key, value in lines}
    if len(found) == len(lines) and None not in found.values():
        return found
    from cli.dataset.safeyaml import parse

    return parse(text, rel).mapping


def _one_line_text(value: str) -> str | None:
    """The string a one-line YAML scalar ``value`` holds, when it is surely a string that
    needs no unescaping; else None."""
    inner = value[1:-1]
    if len(value) >= 2 and value[0] == value[-1] == '"' and not set(inner) & {'"', "\\"}:
        return inner
    if len(value) >= 2 and value[0] == value[-1] == "'" and "'" not in inner.replace("''", ""):
        return inner.replace("''", "'")
    if _PLAIN_TEXT.fullmatch(value) and value.lower() not in _NOT_TEXT:
        return value
    return None
