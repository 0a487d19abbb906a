"""The rules that span files: references between topics, sources, candidates and results.

Each rule reads parsed documents through their views (:mod:`cli.dataset.fileviews`), as a
file may have failed its schema check, and returns located problems. The per-file rules
live in the JSON Schemas.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from cli.dataset.dates import first_day, last_day
from cli.dataset.fileviews import CandidateFile, RaceFile, SourcesFile, View
from cli.dataset.langrules import check_candidate_spanish, check_translations
from cli.dataset.safeyaml import Document, KeyPath
from cli.dataset.targetrules import check_targets, reported_sources
from cli.problems import Code, Problem
from cli.text.suggest import did_you_mean


@dataclass
class RaceDocs:
    """The parsed files of one race folder."""

    id: str
    race: Document | None
    sources: Document | None
    candidates: dict[str, Document] = field(default_factory=dict)


def check_race(
    docs: RaceDocs,
    topic_ids: list[str],
    today: datetime.date,
    measures: dict[str, dict[str, str]] | None = None,
) -> list[Problem]:
    """Every cross-file problem of one race folder. ``measures`` maps each topic id to its
    measures (measure id -> unit), for the targets' checks."""
    problems: list[Problem] = []
    sources = docs.sources.mapping if docs.sources is not None else {}
    candidates = {cid: CandidateFile.of(doc) for cid, doc in docs.candidates.items()}
    cited: set[str] = set()
    declared: dict[int, str] = {}
    if docs.race is not None:
        race = RaceFile.of(docs.race)
        declared = race.topics
        problems += _check_race_file(docs.race, race, topic_ids, list(docs.candidates))
        problems += _unknown_sources(docs.race, race, sources, docs.id, cited)
        problems += check_translations(docs.race, race, sources)
    for cid, doc in docs.candidates.items():
        problems += _unknown_sources(doc, candidates[cid], sources, docs.id, cited)
        problems += check_translations(doc, candidates[cid], sources)
        problems += check_candidate_spanish(doc, candidates[cid])
        problems += _check_candidate(doc, candidates[cid], cid, topic_ids, declared)
        problems += check_targets(doc, candidates[cid], measures or {}, sources)
        problems += _undated_positions(doc, candidates[cid], sources)
        problems += _status_order(doc, candidates[cid])
        cited |= reported_sources(candidates[cid])
    problems += _same_person_twice(docs, candidates)
    if docs.race is not None and candidates:
        problems += _unanswered_topics(docs.race, declared, topic_ids, candidates.values())
    if docs.sources is not None:
        problems += _check_sources(docs.sources, cited)
    for doc in [d for d in (docs.race, docs.sources, *docs.candidates.values()) if d]:
        problems += _future_dates(doc, today)
    return problems


def _check_race_file(
    doc: Document, race: RaceFile, topic_ids: list[str], candidates: list[str]
) -> list[Problem]:
    """The race's declared topics that topics.yaml lacks, and results for candidates that
    have no file."""
    problems = []
    for index, topic in race.topics.items():
        if topic not in topic_ids:
            problems.append(
                doc.problem(
                    ("topics", index),
                    Code.UNKNOWN_TOPIC,
                    f"unknown topic '{topic}'{did_you_mean(topic, topic_ids)}; add it to "
                    "topics.yaml or fix the id",
                )
            )
    others = race.not_covered
    if others is not None and others.fields.get("names") and not others.citations:
        problems.append(
            doc.problem(
                (*others.place, "names"),
                Code.UNCITED_NAMES,
                "the candidates not covered are named without a source; add 'citations' "
                "quoting a page that names them, as a position does",
                key=True,
            )
        )
    for result in race.results:
        who = result.candidate
        if who is not None and who not in candidates:
            problems.append(
                doc.problem(
                    (*result.place, "candidate"),
                    Code.UNKNOWN_CANDIDATE,
                    f"result for unknown candidate '{who}'"
                    f"{did_you_mean(who, candidates)}; the race's candidates are "
                    f"{', '.join(sorted(candidates)) or 'none'}",
                )
            )
    return problems


def _unknown_sources(
    doc: Document,
    file: CandidateFile | RaceFile,
    sources: Mapping[str, object],
    race: str,
    cited: set[str],
) -> list[Problem]:
    """Citations of ``file`` (parsed as ``doc``) that name a source the race's
    bibliography lacks; every source named is added to ``cited``."""
    problems = []
    for citation in file.citations():
        source = citation.source
        if source is None:
            continue
        cited.add(source)
        if source not in sources and not doc.is_poisoned(citation.place):
            problems.append(
                doc.problem(
                    (*citation.place, "source"),
                    Code.UNKNOWN_SOURCE,
                    f"unknown source '{source}'{did_you_mean(source, sources)}; add it to "
                    f"{race}/sources.yaml or fix the id",
                )
            )
    return problems


def _check_sources(doc: Document, cited: set[str]) -> list[Problem]:
    """Sources nothing in the race cites, and sources a reader cannot find."""
    problems = []
    located = SourcesFile.of(doc).sources
    for source in doc.mapping:
        if source not in cited:
            problems.append(
                doc.problem(
                    (source,),
                    Code.UNUSED_SOURCE,
                    f"source '{source}' is not cited by anything in "
                    f"this race; cite it or remove it",
                    key=True,
                )
            )
        entry = located.get(source)
        if entry is not None and "url" not in entry.fields and "date" not in entry.fields:
            problems.append(
                doc.problem(
                    (source,),
                    Code.UNLOCATED_SOURCE,
                    f"source '{source}' has neither url nor date; a reader cannot find it",
                    key=True,
                )
            )
    return problems


def _check_candidate(
    doc: Document,
    candidate: CandidateFile,
    cid: str,
    topic_ids: list[str],
    declared: dict[int, str],
) -> list[Problem]:
    problems = []
    positions = candidate.position_topics
    for topic in positions:
        if topic not in topic_ids and not doc.is_poisoned(("positions", topic)):
            problems.append(
                doc.problem(
                    ("positions", topic),
                    Code.UNKNOWN_TOPIC,
                    f"unknown topic '{topic}'{did_you_mean(topic, topic_ids)}; add it to "
                    "topics.yaml or fix the id",
                    key=True,
                )
            )
    unaddressed = candidate.no_position
    for topic in unaddressed:
        if topic not in topic_ids:
            problems.append(
                doc.problem(
                    ("no_position", topic),
                    Code.UNKNOWN_TOPIC,
                    f"unknown topic '{topic}'{did_you_mean(topic, topic_ids)}; add it to "
                    "topics.yaml or fix the id",
                    key=True,
                )
            )
        elif topic in positions:
            problems.append(
                doc.problem(
                    ("no_position", topic),
                    Code.POSITION_AND_NO_POSITION,
                    f"'{topic}' is under both positions and no_position; keep the one that is true",
                    key=True,
                )
            )
    if candidate.fields and not positions:
        problems.append(
            doc.problem(
                ("positions",) if "positions" in candidate.fields else (),
                Code.NO_POSITIONS,
                f"candidate '{cid}' has no positions yet",
                key=True,
            )
        )
    elif candidate.fields:
        for topic in declared.values():
            if topic in topic_ids and topic not in positions and topic not in unaddressed:
                problems.append(
                    doc.problem(
                        ("positions",),
                        Code.COVERAGE_GAP,
                        f"no position on '{topic}', which race.yaml lists among the race's "
                        "topics; add one, or say under no_position what was looked for",
                        key=True,
                    )
                )
    return problems


def _unanswered_topics(
    doc: Document,
    declared: dict[int, str],
    topic_ids: list[str],
    candidates: Iterable[CandidateFile],
) -> list[Problem]:
    """The race's topics (in race.yaml, parsed as ``doc``) that no candidate file answers,
    by a position or a ``no_position``."""
    answered: set[str] = set()
    for candidate in candidates:
        answered.update(candidate.position_topics, candidate.no_position)
    return [
        doc.problem(
            ("topics", index),
            Code.TOPIC_UNANSWERED,
            f"no candidate file answers '{topic}'; give each candidate a position on it, or "
            "say under no_position what was looked for, or take it out of topics",
        )
        for index, topic in declared.items()
        if topic in topic_ids and topic not in answered
    ]


def _status_order(doc: Document, candidate: CandidateFile) -> list[Problem]:
    """Entries of the candidate's ``status`` history dated before the entry above them: a
    partial date is out of order only when every day it can mean is earlier (``2025`` may
    follow ``2025-11``)."""
    problems = []
    latest: tuple[str, datetime.date] | None = None
    for entry in candidate.status:
        day = first_day(entry.as_of) if entry.as_of else None
        if day is None:
            continue
        if latest is not None and (last_day(entry.as_of or "") or day) < latest[1]:
            problems.append(
                doc.problem(
                    (*entry.place, "as_of"),
                    Code.STATUS_OUT_OF_ORDER,
                    f"status '{entry.status}' as of {entry.as_of} comes after an entry as of "
                    f"{latest[0]}; list the status history oldest first",
                )
            )
        elif latest is None or day > latest[1]:
            latest = (entry.as_of or "", day)
    return problems


def _undated_positions(
    doc: Document, candidate: CandidateFile, sources: Mapping[str, object]
) -> list[Problem]:
    """Positions with no ``as_of`` whose citations name no source with a ``date``: nothing
    tells a reader when the words were said."""
    problems = []
    for topic, position in candidate.positions.items():
        if "as_of" in position.fields or "undated" in position.fields or not position.citations:
            continue
        if any(_is_dated(sources.get(c.source or "")) for c in position.citations):
            continue
        problems.append(
            doc.problem(
                position.place,
                Code.POSITION_UNDATED,
                f"position on '{topic}' has no date: add 'as_of' (when its words were said or "
                "published), cite a source that has a 'date', or say under 'undated' what was "
                "looked for",
                key=True,
            )
        )
    return problems


def _is_dated(source: object) -> bool:
    return isinstance(source, dict) and "date" in source


def _same_person_twice(docs: RaceDocs, candidates: dict[str, CandidateFile]) -> list[Problem]:
    """One person (``person`` id) standing twice in one race, reported at every place."""
    places: dict[str, list[tuple[str, Document]]] = {}
    for cid, doc in docs.candidates.items():
        person = candidates[cid].text("person")
        if person is not None:
            places.setdefault(person, []).append((cid, doc))
    problems = []
    for person, found in places.items():
        if len(found) > 1:
            for candidate, doc in found:
                others = ", ".join(c for c, _ in found if c != candidate)
                problems.append(
                    doc.problem(
                        ("person",),
                        Code.DUPLICATE_PERSON,
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
        candidate = View.of(doc)  # the file's own keys are all this needs
        person, name = candidate.text("person"), candidate.text("name")
        if person is not None and name is not None:
            line, column = doc.mark(("person",))
            found.append(
                PersonEntry(
                    person,
                    name,
                    candidate.text("name_note") is not None,
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
                    if _same_name(e.name) != _same_name(entry.name) and e.race != entry.race
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
                    Code.PERSON_NAME_DIFFERS,
                    f"person '{person}' is '{entry.name}' here but {others}; "
                    "use one name, or explain the difference in name_note",
                )
            )
    return problems


def _same_name(name: str) -> str:
    """``name`` as two files that write it alike give it: in one Unicode form (NFC), as
    an editor may save ``í`` as one character or as ``i`` and a combining accent."""
    return unicodedata.normalize("NFC", name)


#: Keys whose date records something already said or done, so a future date is a slip.
#: Election dates are left out: an upcoming race has them in the future by design.
_PAST_DATES = {"date", "accessed", "read", "as_of", "from", "until"}


def _future_dates(doc: Document, today: datetime.date) -> list[Problem]:
    problems = []
    for path, value in _dated_values(doc.data, (), []):
        text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
        day = first_day(text) if text else None
        if day is not None and day > today:
            problems.append(
                doc.problem(path, Code.FUTURE_DATE, f"'{path[-1]}' {text} is in the future")
            )
    return problems


def _dated_values(
    data: object, path: KeyPath, found: list[tuple[KeyPath, object]]
) -> list[tuple[KeyPath, object]]:
    """(path, value) of every mapping entry in ``data`` whose key names a past date, in
    document order, added to ``found``."""
    children: Iterable[tuple[str | int, object]]
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
