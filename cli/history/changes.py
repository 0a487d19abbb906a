"""What changed in a dataset between two revisions, in terms of races, candidates,
positions, citations and sources rather than YAML lines.

A snapshot is the plain data of every race folder (race.yaml, sources.yaml and candidate
files), read with the safe reader from git or from the working tree. A file that does not
parse at one side counts as empty there; ``validate`` is the tool that explains why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cli.dataset.fileviews import CandidateFile, PositionView, View
from cli.dataset.layout import RACE_FILES, race_file, read_text, scan
from cli.dataset.safeyaml import Document, parse
from cli.history.gitrepo import Repository
from cli.text.strenum import StrEnum

POSITION_TEXT = ("stance", "summary", "summary_es", "details", "pledges", "as_of")
_NO_FILE = CandidateFile((), {})  # a candidate file absent at one side


@dataclass
class RaceSnapshot:
    """One race folder's data: race.yaml, sources.yaml and each candidate's file."""

    race: Mapping[str, object] = field(default_factory=dict)
    sources: Mapping[str, object] = field(default_factory=dict)
    candidates: dict[str, CandidateFile] = field(default_factory=dict)


class Kind(StrEnum):
    """What a change is to: a race, a source, a candidate, or one of a candidate's
    positions, citations or endorsements."""

    RACE = "race"
    SOURCE = "source"
    CANDIDATE = "candidate"
    POSITION = "position"
    CITATION = "citation"
    ENDORSEMENT = "endorsement"


class Edit(StrEnum):
    """What happened to it between the two revisions."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class Change:
    """One thing added, removed or changed."""

    kind: Kind
    change: Edit
    race: str
    candidate: str | None = None
    topic: str | None = None
    before: object = None
    after: object = None
    source: str | None = None

    def to_dict(self) -> dict:
        """The JSON record: what changed (kind) and how (edit), its race, candidate (as
        RACE/ID and file id), topic and source, and the data before and after."""
        return {
            "kind": self.kind,
            "edit": self.change,
            "race": self.race,
            "ref": f"{self.race}/{self.candidate}" if self.candidate else None,
            "candidate": self.candidate,
            "topic": self.topic,
            "source": self.source,
            "before": self.before,
            "after": self.after,
        }


def _document(text: str | None) -> Document:
    """``text`` parsed; an empty document when there is none."""
    return parse(text, "") if text is not None else Document("")


def _add(snapshot: dict[str, RaceSnapshot], race_id: str, name: str, text: str | None) -> None:
    """File ``name``'s data (a file of race folder ``race_id``) into its race's snapshot."""
    race = snapshot.setdefault(race_id, RaceSnapshot())
    if name == "race.yaml":
        race.race = _document(text).mapping
    elif name == "sources.yaml":
        race.sources = _document(text).mapping
    else:
        race.candidates[name[: -len(".yaml")]] = CandidateFile.of(_document(text))


def at_revision(repo: Repository, commit: str) -> dict[str, RaceSnapshot]:
    """The dataset's races as committed in ``commit``: the files the reader reads in a race
    folder, as on disk (a file over the size limit counts as one that does not parse)."""
    snapshot: dict[str, RaceSnapshot] = {}
    files = []
    for rel, blob, _ in repo.dataset_files(commit):
        place = race_file(rel)
        if place is not None:
            files.append((place, blob))
    for ((race_id, name), _), raw in zip(files, repo.blobs([blob for _, blob in files])):
        _add(snapshot, race_id, name, raw.decode("utf-8", "replace") if raw is not None else None)
    return snapshot


def in_working_tree(root: Path) -> dict[str, RaceSnapshot]:
    """The dataset's races as the files on disk hold them now."""
    layout = scan(root)
    snapshot: dict[str, RaceSnapshot] = {}
    for rid, folder in layout.races.items():
        snapshot[rid] = RaceSnapshot()
        for name in RACE_FILES:
            if (folder.path / name).is_file():
                _add(snapshot, rid, name, read_text(layout, folder.path / name)[0])
        for path in folder.candidates.values():
            _add(snapshot, rid, path.name, read_text(layout, path)[0])
    return snapshot


def _fields(data: Mapping[str, object], keys: Iterable[str]) -> dict[str, object]:
    return {k: data[k] for k in keys if k in data}


def _differing(
    before: Mapping[str, object], after: Mapping[str, object], skip: tuple[str, ...] = ()
) -> tuple[dict[str, object], dict[str, object]] | None:
    keys = [k for k in dict.fromkeys([*before, *after]) if k not in skip]
    changed = [k for k in keys if before.get(k) != after.get(k)]
    if not changed:
        return None
    return _fields(before, changed), _fields(after, changed)


def _citation_key(citation: View) -> tuple[str, str]:
    """What identifies a citation across versions: its source and quote, as written."""
    return (str(citation.fields.get("source")), str(citation.fields.get("quote")))


def compare(before: dict[str, RaceSnapshot], after: dict[str, RaceSnapshot]) -> list[Change]:
    """Every change from snapshot ``before`` to snapshot ``after``, race by race."""
    out: list[Change] = []
    for rid in sorted(set(before) | set(after)):
        old, new = before.get(rid), after.get(rid)
        if old is None or new is None:
            out.append(
                Change(
                    Kind.RACE,
                    Edit.ADDED if old is None else Edit.REMOVED,
                    rid,
                    before=old.race.get("title") if old else None,
                    after=new.race.get("title") if new else None,
                )
            )
        old, new = old or RaceSnapshot(), new or RaceSnapshot()
        differing = _differing(old.race, new.race)
        if differing and old.race and new.race:
            out.append(
                Change(Kind.RACE, Edit.CHANGED, rid, before=differing[0], after=differing[1])
            )
        out += _pairs(Kind.SOURCE, rid, None, old.sources, new.sources)
        for cid in sorted(set(old.candidates) | set(new.candidates)):
            out += _candidate(rid, cid, old.candidates.get(cid), new.candidates.get(cid))
    return out


def _pairs(
    kind: Kind, rid: str, cid: str | None, old: Mapping[str, object], new: Mapping[str, object]
) -> list[Change]:
    """Added, removed and changed entries of two mappings keyed by id (sources)."""
    out = []
    for key in [*old, *(k for k in new if k not in old)]:
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        change = Edit.ADDED if a is None else Edit.REMOVED if b is None else Edit.CHANGED
        out.append(Change(kind, change, rid, cid, before=a, after=b, source=key))
    return out


def _candidate(
    rid: str, cid: str, old: CandidateFile | None, new: CandidateFile | None
) -> list[Change]:
    out = []
    if old is None or new is None:
        out.append(
            Change(
                Kind.CANDIDATE,
                Edit.ADDED if old is None else Edit.REMOVED,
                rid,
                cid,
                before=old.fields.get("name") if old else None,
                after=new.fields.get("name") if new else None,
            )
        )
    old, new = old or _NO_FILE, new or _NO_FILE
    differing = _differing(old.fields, new.fields, skip=("positions", "endorsements"))
    if differing and old.fields and new.fields:
        out.append(
            Change(Kind.CANDIDATE, Edit.CHANGED, rid, cid, before=differing[0], after=differing[1])
        )
    topics = [*old.position_topics]
    topics += [t for t in new.position_topics if t not in old.position_topics]
    for topic in topics:
        out += _position(rid, cid, topic, old.positions.get(topic), new.positions.get(topic))
    old_by = {str(e.fields.get("by")): e.fields for e in old.endorsements}
    new_by = {str(e.fields.get("by")): e.fields for e in new.endorsements}
    out += _pairs(Kind.ENDORSEMENT, rid, cid, old_by, new_by)
    return out


def _position(
    rid: str, cid: str, topic: str, old: PositionView | None, new: PositionView | None
) -> list[Change]:
    if old is None or new is None:
        if old is new:
            return []
        return [
            Change(
                Kind.POSITION,
                Edit.ADDED if old is None else Edit.REMOVED,
                rid,
                cid,
                topic,
                before=_fields(old.fields, POSITION_TEXT) if old else None,
                after=_fields(new.fields, POSITION_TEXT) if new else None,
            )
        ]
    out = []
    a, b = _fields(old.fields, POSITION_TEXT), _fields(new.fields, POSITION_TEXT)
    if a != b:
        out.append(Change(Kind.POSITION, Edit.CHANGED, rid, cid, topic, before=a, after=b))
    old_cites = {_citation_key(c): c.fields for c in old.citations}
    new_cites = {_citation_key(c): c.fields for c in new.citations}
    for key in [*old_cites, *(k for k in new_cites if k not in old_cites)]:
        if (key in old_cites) != (key in new_cites):
            out.append(
                Change(
                    Kind.CITATION,
                    Edit.ADDED if key in new_cites else Edit.REMOVED,
                    rid,
                    cid,
                    topic,
                    before=old_cites.get(key),
                    after=new_cites.get(key),
                    source=key[0],
                )
            )
    return out


def changes(
    root: Path, revision_a: str | None = None, revision_b: str | None = None
) -> list[Change]:
    """What changed from ``revision_a`` (default HEAD) to ``revision_b`` (default: the
    working tree). Raises GitError outside a checkout or for an unknown revision."""
    repo = Repository.of(root)
    before = at_revision(repo, repo.commit(revision_a or "HEAD"))
    after = (
        at_revision(repo, repo.commit(revision_b)) if revision_b else in_working_tree(Path(root))
    )
    return compare(before, after)
