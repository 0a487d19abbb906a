"""Read a dataset folder: parse, check and build, reporting every problem in one pass.

``read_dataset`` is what ``validate`` runs; ``open_dataset`` is what every other command
runs, and refuses a dataset with errors. Both read only the races asked for, so a command
about one race does not pay for the rest of a large dataset.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from cli import build, schemacheck
from cli.files import Layout, read_text, scan
from cli.model import Dataset
from cli.problems import DataError, Problem, errors_in
from cli.rules import RaceDocs, check_race
from cli.safeyaml import Document, parse


@dataclass
class LoadResult:
    """What reading a dataset gave: the model (None when errors prevent it) and problems."""

    dataset: Dataset | None
    problems: list[Problem]


def _read(layout: Layout, path: Path, kind: str, problems: list[Problem],
          required: bool = True) -> Document | None:
    if not path.exists() and not path.is_symlink():
        if required:
            what = {"topics": "the topic catalogue", "race": "the race's facts"}.get(kind, kind)
            problems.append(Problem(layout.rel(path), 1, 1, "error", "missing-file",
                                    f"missing {path.name} ({what}); create it as docs/format.md "
                                    "describes"))
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


def read_dataset(root: Path | str, races: Iterable[str] | None = None,
                 today: datetime.date | None = None, layout: Layout | None = None) -> LoadResult:
    """Read the dataset at ``root`` (only ``races`` when given) and report every problem.

    ``layout`` is the folder listing when the caller already has it."""
    layout = layout or scan(Path(root))
    problems: list[Problem] = []
    today = today or datetime.date.today()
    meta = _read(layout, layout.root / "dataset.yaml", "dataset", problems, required=False)
    topics_doc = _read(layout, layout.root / "topics.yaml", "topics", problems)
    topic_ids = [t for t in topics_doc.data] if topics_doc and isinstance(
        topics_doc.data, dict) else []

    wanted = list(layout.races) if races is None else list(races)
    built_races = {}
    for rid in wanted:
        folder = layout.races[rid]
        race_problems: list[Problem] = []
        docs = RaceDocs(rid, _read(layout, folder.path / "race.yaml", "race", race_problems),
                        _read(layout, folder.path / "sources.yaml", "sources", race_problems,
                              required=False))
        for cid, path in folder.candidates.items():
            doc = _read(layout, path, "candidate", race_problems)
            if doc is not None:
                docs.candidates[cid] = doc
        race_problems += check_race(docs, topic_ids, today)
        problems += race_problems
        if not errors_in(race_problems) and docs.race is not None:
            bib = build.sources(docs.sources)
            built_races[rid] = build.race(
                rid, docs.race, bib,
                {cid: build.candidate(doc, rid, cid, bib) for cid, doc in docs.candidates.items()})

    problems += layout.problems  # including those of the race folders listed above
    problems.sort()
    if errors_in(problems) or not _usable(topics_doc, problems):
        return LoadResult(None, problems)
    info = meta.data if meta is not None and isinstance(meta.data, dict) else {}
    dataset = Dataset(str(layout.root), MappingProxyType(build.topics(topics_doc)),
                      MappingProxyType(built_races), info.get("title"), info.get("licence"),
                      info.get("homepage"))
    return LoadResult(dataset, problems)


def open_dataset(root: Path | str, races: Iterable[str] | None = None,
                 layout: Layout | None = None) -> Dataset:
    """The dataset at ``root`` (only ``races`` when given); raises DataError on any error."""
    result = read_dataset(root, races, layout=layout)
    if result.dataset is None:
        raise DataError(errors_in(result.problems))
    return result.dataset
