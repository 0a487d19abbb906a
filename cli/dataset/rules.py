"""The rules that span files: references between topics, sources, candidates and results.

Each rule reads parsed documents defensively (a file may have failed its schema check) and
returns located problems. The per-file rules live in the JSON Schemas.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from cli.dataset.dates import first_day
from cli.dataset.safeyaml import Document
from cli.dataset.targetrules import check_targets, reported_sources
from cli.problems import WARNING, Problem
from cli.text.suggest import did_you_mean


@dataclass
class RaceDocs:
    """The parsed files of one race folder."""

    id: str
    race: Document | None
    sources: Document | None
    candidates: dict[str, Document] = field(default_factory=dict)


def _mapping(doc: Document | None) -> dict:
    return doc.data if doc is not None and isinstance(doc.data, dict) else {}


def _items(value) -> list:
    return value if isinstance(value, list) else []


def citations_of(doc: Document):
    """Yield ``(path, citation)`` for every citation in a candidate or race document."""
    data = _mapping(doc)
    for topic, position in (
        (data.get("positions") or {}).items() if isinstance(data.get("positions"), dict) else ()
    ):
        if isinstance(position, dict):
            yield from _cites(("positions", topic, "citations"), position.get("citations"))
    for key in ("endorsements", "results"):
        for index, item in enumerate(_items(data.get(key))):
            if isinstance(item, dict):
                yield from _cites((key, index, "citations"), item.get("citations"))


def _cites(path: tuple, value):
    for index, citation in enumerate(_items(value)):
        if isinstance(citation, dict):
            yield path + (index,), citation


def check_race(
    docs: RaceDocs,
    topic_ids: list[str],
    today: datetime.date,
    measures: dict[str, dict[str, str]] | None = None,
) -> list[Problem]:
    """Every cross-file problem of one race folder. ``measures`` maps each topic id to its
    measures (measure id -> unit), for the targets' checks."""
    problems: list[Problem] = []
    sources = _mapping(docs.sources)
    race = _mapping(docs.race)
    cited: set = set()

    declared = _items(race.get("topics"))
    for index, topic in enumerate(declared):
        if isinstance(topic, str) and topic not in topic_ids:
            problems.append(
                docs.race.problem(
                    ("topics", index),
                    "unknown-topic",
                    f"unknown topic '{topic}'{did_you_mean(topic, topic_ids)}; add it to "
                    "topics.yaml or fix the id",
                )
            )

    for doc in [d for d in (docs.race, *docs.candidates.values()) if d is not None]:
        for path, citation in citations_of(doc):
            source = citation.get("source")
            if not isinstance(source, str):
                continue
            cited.add(source)
            if source not in sources and not doc.is_poisoned(path):
                problems.append(
                    doc.problem(
                        path + ("source",),
                        "unknown-source",
                        f"unknown source '{source}'{did_you_mean(source, sources)}; add it to "
                        f"{docs.id}/sources.yaml or fix the id",
                    )
                )

    for index, result in enumerate(_items(race.get("results"))):
        who = result.get("candidate") if isinstance(result, dict) else None
        if isinstance(who, str) and who not in docs.candidates:
            problems.append(
                docs.race.problem(
                    ("results", index, "candidate"),
                    "unknown-candidate",
                    f"result for unknown candidate '{who}'"
                    f"{did_you_mean(who, docs.candidates)}; the race's candidates are "
                    f"{', '.join(sorted(docs.candidates)) or 'none'}",
                )
            )

    for candidate, doc in docs.candidates.items():
        problems += _check_candidate(doc, candidate, topic_ids, declared)
        problems += check_targets(doc, measures or {}, sources)
        cited |= reported_sources(doc)
    problems += _same_person_twice(docs)

    for source, entry in sources.items():
        if source not in cited:
            problems.append(
                docs.sources.problem(
                    (source,),
                    "unused-source",
                    f"source '{source}' is not cited by anything in "
                    f"this race; cite it or remove it",
                    key=True,
                    severity=WARNING,
                )
            )
        if isinstance(entry, dict) and "url" not in entry and "date" not in entry:
            problems.append(
                docs.sources.problem(
                    (source,),
                    "unlocated-source",
                    f"source '{source}' has neither url nor date; a reader cannot find it",
                    key=True,
                    severity=WARNING,
                )
            )

    for doc in [d for d in (docs.race, docs.sources, *docs.candidates.values()) if d]:
        problems += _future_dates(doc, today)
    return problems


def _check_candidate(doc: Document, candidate: str, topic_ids, declared) -> list[Problem]:
    problems = []
    data = _mapping(doc)
    positions = data.get("positions")
    positions = positions if isinstance(positions, dict) else {}
    for topic in positions:
        if (
            isinstance(topic, str)
            and topic not in topic_ids
            and not doc.is_poisoned(("positions", topic))
        ):
            problems.append(
                doc.problem(
                    ("positions", topic),
                    "unknown-topic",
                    f"unknown topic '{topic}'{did_you_mean(topic, topic_ids)}; add it to "
                    "topics.yaml or fix the id",
                    key=True,
                )
            )
    unaddressed = data.get("no_position")
    unaddressed = unaddressed if isinstance(unaddressed, dict) else {}
    for topic in unaddressed:
        if isinstance(topic, str) and topic not in topic_ids:
            problems.append(
                doc.problem(
                    ("no_position", topic),
                    "unknown-topic",
                    f"unknown topic '{topic}'{did_you_mean(topic, topic_ids)}; add it to "
                    "topics.yaml or fix the id",
                    key=True,
                )
            )
        elif topic in positions:
            problems.append(
                doc.problem(
                    ("no_position", topic),
                    "position-and-no-position",
                    f"'{topic}' is under both positions and no_position; keep the one that is true",
                    key=True,
                )
            )
    if data and not positions:
        problems.append(
            doc.problem(
                ("positions",) if "positions" in data else (),
                "no-positions",
                f"candidate '{candidate}' has no positions yet",
                key=True,
                severity=WARNING,
            )
        )
    elif data:
        for topic in declared:
            if (
                isinstance(topic, str)
                and topic in topic_ids
                and topic not in positions
                and topic not in unaddressed
            ):
                problems.append(
                    doc.problem(
                        ("positions",),
                        "coverage-gap",
                        f"no position on '{topic}', which race.yaml lists among the race's "
                        "topics; add one, or say under no_position what was looked for",
                        key=True,
                        severity=WARNING,
                    )
                )
    return problems


def _same_person_twice(docs: RaceDocs) -> list[Problem]:
    """One person (``person`` id) standing twice in one race, reported at every place."""
    places: dict[str, list[tuple[str, Document]]] = {}
    for candidate, doc in docs.candidates.items():
        person = _mapping(doc).get("person")
        if isinstance(person, str):
            places.setdefault(person, []).append((candidate, doc))
    problems = []
    for person, found in places.items():
        if len(found) > 1:
            for candidate, doc in found:
                others = ", ".join(c for c, _ in found if c != candidate)
                problems.append(
                    doc.problem(
                        ("person",),
                        "duplicate-person",
                        f"person '{person}' stands twice in race '{docs.id}' (also as {others}); "
                        "one person is one candidate file per race",
                    )
                )
    return problems


@dataclass(frozen=True)
class PersonEntry:
    """Where a candidate file names a person: for the checks across races."""

    person: str
    name: str
    explained: bool
    race: str
    problem_place: tuple[str, int, int]


def person_entries(docs: RaceDocs) -> list[PersonEntry]:
    """The ``person`` of every candidate file of one race that names one."""
    found = []
    for doc in docs.candidates.values():
        data = _mapping(doc)
        person, name = data.get("person"), data.get("name")
        if isinstance(person, str) and isinstance(name, str):
            line, column = doc.mark(("person",))
            found.append(
                PersonEntry(
                    person,
                    name,
                    isinstance(data.get("name_note"), str),
                    docs.id,
                    (doc.path, line, column),
                )
            )
    return found


def check_persons(entries: list[PersonEntry]) -> list[Problem]:
    """One person standing under different names in different races, with no ``name_note``
    on the file that differs: a warning at each such file's ``person`` key."""
    by_person: dict[str, list[PersonEntry]] = {}
    for entry in entries:
        by_person.setdefault(entry.person, []).append(entry)
    problems = []
    for person, found in by_person.items():
        for entry in found:
            others = ", ".join(
                sorted(
                    f"'{e.name}' in {e.race}"
                    for e in found
                    if e.name != entry.name and e.race != entry.race
                )
            )
            if entry.explained or not others:
                continue
            path, line, column = entry.problem_place
            problems.append(
                Problem(
                    path,
                    line,
                    column,
                    WARNING,
                    "person-name-differs",
                    f"person '{person}' is '{entry.name}' here but {others}; "
                    "use one name, or explain the difference in name_note",
                )
            )
    return problems


#: Keys whose date records something already said or done, so a future date is a slip.
#: Election dates are left out: an upcoming race has them in the future by design.
_PAST_DATES = {"date", "accessed", "as_of", "from", "until"}


def _future_dates(doc: Document, today: datetime.date) -> list[Problem]:
    problems = []
    for path, value in _dated_values(doc.data, (), []):
        text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
        day = first_day(text) if text else None
        if day is not None and day > today:
            problems.append(
                doc.problem(
                    path, "future-date", f"'{path[-1]}' {text} is in the future", severity=WARNING
                )
            )
    return problems


def _dated_values(data, path: tuple, found: list) -> list:
    """(path, value) of every mapping entry in ``data`` whose key names a past date, in
    document order, added to ``found``."""
    if isinstance(data, dict):
        children = data.items()
    elif isinstance(data, list):
        children = enumerate(data)
    else:
        return found
    for key, value in children:
        if key in _PAST_DATES:
            found.append((path + (key,), value))
        elif isinstance(value, (dict, list)):
            _dated_values(value, path + (key,), found)
    return found
