"""Read a dataset folder: parse, check and build, reporting every problem in one pass.

``read_dataset`` is what ``validate`` runs; ``open_dataset`` is what every other command
runs, and refuses a dataset with errors. Both read only the races asked for, so a command
about one race does not pay for the rest of a large dataset.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from cli.dataset import build, schemacheck
from cli.dataset.langrules import check_topic_spanish
from cli.dataset.layout import Layout, read_text, scan
from cli.dataset.parallel import collector_paused, ordered_map
from cli.dataset.rules import RaceDocs, check_persons, check_race, person_entries
from cli.dataset.safeyaml import Document, parse
from cli.model import Dataset, Race
from cli.problems import Code, DataError, Problem, errors_in


@dataclass
class LoadResult:
    """What reading a dataset gave: the model (None when errors prevent it) and problems."""

    dataset: Dataset | None
    problems: list[Problem]


def _read(
    layout: Layout, path: Path, kind: str, problems: list[Problem], required: bool = True
) -> Document | None:
    if not os.path.lexists(path):
        if required:
            what = {"topics": "the topic catalogue", "race": "the race's facts"}.get(kind, kind)
            problems.append(
                Problem(
                    layout.rel(path),
                    1,
                    1,
                    Code.MISSING_FILE,
                    f"missing {path.name} ({what}); create it as docs/format.md describes",
                )
            )
        return None
    text, read_problems = read_text(layout, path)
    problems += read_problems
    if text is None:
        return None
    doc = parse(text, layout.rel(path))
    problems += doc.problems
    problems += schemacheck.check(doc, kind)
    return doc


def _usable(doc: Document | None, problems: list[Problem]) -> bool:
    return doc is not None and not any(p.path == doc.path for p in errors_in(problems))


def read_topics(layout: Layout, problems: list[Problem]) -> tuple[Document | None, list[str]]:
    """topics.yaml, checked (its problems added to ``problems``), and its topic ids."""
    doc = _read(layout, layout.root / "topics.yaml", "topics", problems)
    if doc is not None:
        problems += check_topic_spanish(doc)
    ids = list(doc.mapping) if doc is not None else []
    return doc, ids


def topic_measures(doc: Document | None) -> dict[str, dict[str, str | None]]:
    """Each topic's measures as measure id -> unit, read defensively from topics.yaml."""
    data = doc.mapping if doc is not None else {}
    found: dict[str, dict[str, str | None]] = {}
    for topic, entry in data.items():
        measures = entry.get("measures") if isinstance(entry, dict) else None
        if isinstance(measures, dict):
            found[topic] = {m: v.get("unit") for m, v in measures.items() if isinstance(v, dict)}
    return found


def read_race(
    layout: Layout,
    rid: str,
    topic_ids: list[str],
    today: datetime.date,
    build_model: bool = True,
    measures: dict | None = None,
    persons: list | None = None,
) -> tuple[list[Problem], Race | None]:
    """Every problem of race folder ``rid`` (its listing's too), and its model when it has
    no error (and ``build_model`` asks for it). The race's person entries are added to
    ``persons`` when given, for the checks across races."""
    folder = layout.races[rid]
    problems: list[Problem] = []
    docs = RaceDocs(
        rid,
        _read(layout, folder.path / "race.yaml", "race", problems),
        _read(layout, folder.path / "sources.yaml", "sources", problems, required=False),
    )
    for cid, path in folder.candidates.items():
        doc = _read(layout, path, "candidate", problems)
        if doc is not None:
            docs.candidates[cid] = doc
    problems += folder.problems + check_race(docs, topic_ids, today, measures)
    if persons is not None:
        persons += person_entries(docs)
    if errors_in(problems) or docs.race is None or not build_model:
        return problems, None
    bib = build.sources(docs.sources)
    return problems, build.race(
        rid,
        docs.race,
        bib,
        {cid: build.candidate(doc, rid, cid, bib) for cid, doc in docs.candidates.items()},
    )


def _race_problems(context: tuple, rid: str) -> tuple[list[Problem], list]:
    layout, topic_ids, today, measures = context
    persons: list = []
    problems = read_race(
        layout, rid, topic_ids, today, build_model=False, measures=measures, persons=persons
    )[0]
    return problems, persons


def read_dataset(
    root: Path | str,
    races: Iterable[str] | None = None,
    today: datetime.date | None = None,
    layout: Layout | None = None,
    build_model: bool = True,
) -> LoadResult:
    """Read the dataset at ``root`` (only ``races`` when given) and report every problem.

    ``layout`` is the folder listing when the caller already has it. Without
    ``build_model`` (what ``validate`` needs) no model is kept: memory then holds one race
    at a time per process, whatever the size of the dataset, and a large dataset's races
    are read on all CPUs (cli.dataset.parallel)."""
    layout = layout or scan(Path(root))
    problems: list[Problem] = []
    today = today or datetime.date.today()
    meta = _read(layout, layout.root / "dataset.yaml", "dataset", problems, required=False)
    topics_doc, topic_ids = read_topics(layout, problems)
    measures = topic_measures(topics_doc)
    rids = list(layout.races) if races is None else list(races)
    built_races = {}
    persons: list = []
    if build_model:
        with collector_paused():
            for rid in rids:
                race_problems, race = read_race(
                    layout, rid, topic_ids, today, measures=measures, persons=persons
                )
                problems += race_problems
                if race is not None:
                    built_races[rid] = race
    else:  # problems only: races can be read side by side
        for race_problems, race_persons in ordered_map(
            _race_problems, (layout, topic_ids, today, measures), rids
        ):
            problems += race_problems
            persons += race_persons
    problems += check_persons(persons)
    problems += layout.problems  # the dataset root's; each race's came with the race
    problems.sort()
    if errors_in(problems) or not _usable(topics_doc, problems) or not build_model:
        return LoadResult(None, problems)
    info = meta.mapping if meta is not None else {}
    assert topics_doc is not None, "_usable checked it"
    dataset = Dataset(
        str(layout.root),
        MappingProxyType(build.topics(topics_doc)),
        MappingProxyType(built_races),
        info.get("title"),
        info.get("licence"),
        info.get("homepage"),
        tuple(info.get("curators") or ()),
        info.get("corrections"),
    )
    return LoadResult(dataset, problems)


def open_dataset(
    root: Path | str, races: Iterable[str] | None = None, layout: Layout | None = None
) -> Dataset:
    """The dataset at ``root`` (only ``races`` when given); raises DataError on any error."""
    result = read_dataset(root, races, layout=layout)
    if result.dataset is None:
        raise DataError(errors_in(result.problems))
    return result.dataset
