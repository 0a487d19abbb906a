"""A derived index of a dataset's positions, so a repeated ``filter`` need not read the YAML.

The YAML files stay the only source of truth: the index is a cache in the user's cache
folder (SQLite from the standard library). ``--text`` goes through FTS5: the folded text
of each position is indexed word by word (``unicode61``, ``detail=none``: small and quick
to build), and a search word, which may be any part of a word, is first looked up in the
index's vocabulary (every indexed word containing it), then those words in the index;
``instr`` then keeps exact matches only. Before every query the index is refreshed file by
file: a file whose size and modification time are unchanged is trusted, one whose content
hash is unchanged is only re-stamped, and a race with a changed, added, removed or renamed
file is read again (that race alone). The index is used only while every race read is free of errors;
otherwise, and whenever the cache is missing, corrupt or unwritable, the caller reads the
YAML as if there were no index, so the results are always the same.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Sequence
from pathlib import Path

from cli.cachedir import cache_dir
from cli.files import RACE_FILES, ROOT_FILES, Layout, is_slug
from cli.problems import errors_in

VERSION = "10"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS folders (race TEXT PRIMARY KEY, stamp TEXT);
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, race TEXT, size INTEGER,
                                  mtime INTEGER, sha TEXT);
CREATE INDEX IF NOT EXISTS files_by_race ON files (race);
CREATE TABLE IF NOT EXISTS races (race TEXT PRIMARY KEY, clean INTEGER);
CREATE TABLE IF NOT EXISTS hits (id INTEGER PRIMARY KEY, race TEXT, ord INTEGER, topic TEXT,
                                 stance TEXT, party TEXT, text TEXT, json TEXT);
CREATE INDEX IF NOT EXISTS hits_by_race ON hits (race, ord);
CREATE INDEX IF NOT EXISTS hits_by_topic ON hits (topic, stance);
CREATE TABLE IF NOT EXISTS terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
"""


class Unavailable(Exception):
    """The index cannot answer: read the YAML instead."""


def _database(root: Path) -> Path:
    import zlib  # not hashlib: loading OpenSSL would be a tenth of a warm filter's time

    where = str(root.resolve()).encode("utf-8")
    key = f"{zlib.crc32(where):08x}{zlib.adler32(where):08x}"
    return cache_dir("index", f"{key}.sqlite")


def _connect(root: Path) -> sqlite3.Connection:
    """The index database, created (or, from another version or corrupt, recreated)."""
    path = _database(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    for attempt in (1, 2):
        db = sqlite3.connect(path, timeout=2, isolation_level=None)
        try:
            db.executescript(_SCHEMA)
            found = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if found in (None, (VERSION,)):
                break
        except sqlite3.DatabaseError:  # not a database any more
            if attempt == 2:
                raise
        db.close()
        path.unlink()
    if found is None:
        db.execute("INSERT INTO meta VALUES ('version', ?)", (VERSION,))
    db.execute("PRAGMA synchronous = OFF")  # a cache: a torn write is rebuilt, not lost
    try:
        db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS words USING fts5(text, "
                   "content='hits', content_rowid='id', "
                   "tokenize='unicode61 remove_diacritics 0', detail='none', columnsize=0)")
        db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS vocabulary USING fts5vocab(words, row)")
    except sqlite3.OperationalError:  # no FTS5: instr() alone
        pass
    return db


def _has_words_table(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE name = 'words'").fetchone() is not None


def _sha(path: str) -> str:
    """The content hash of a dataset file; "" for anything else (links, pipes, folders,
    misnamed files), which is then always read again, so its race reports the problem."""
    name = os.path.basename(path)
    if not stat.S_ISREG(os.lstat(path).st_mode) or not name.endswith(".yaml") or not (
            name in RACE_FILES or name in ROOT_FILES or is_slug(name[:-5])):
        return ""
    import hashlib

    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def _entries(layout: Layout, rid: str) -> tuple[str, list[tuple[str, int, int]]]:
    """The folder of race ``rid`` ("" for the dataset's shared files) and the name, size and
    modification time of each entry the index depends on, by name. This runs for every
    file on every query, so it is kept to one listing and one ``lstat`` per file."""
    if not rid:
        folder = str(layout.root)
        names = [n for n in ROOT_FILES if os.path.lexists(os.path.join(folder, n))]
    else:
        folder = layout.races[rid].folder
        names = sorted(n for n in os.listdir(folder) if not n.startswith("."))
    prefix, lstat, entries = folder + os.sep, os.lstat, []
    for name in names:
        info = lstat(prefix + name)
        entries.append((name, info.st_size, info.st_mtime_ns))
    return folder, entries


def _content_changed(db, rid: str, folder: str, entries: list) -> bool:
    """Whether the files of ``rid`` differ in content (or in number) from what the index
    read; stores their new stamps either way. A file whose size or time changed is hashed,
    so that touching a file, or saving it unchanged, re-reads nothing."""
    known = {path: (size, mtime, sha) for path, size, mtime, sha in
             db.execute("SELECT path, size, mtime, sha FROM files WHERE race = ?", (rid,))}
    changed, rows = False, []
    for name, size, mtime in entries:
        path = os.path.join(folder, name)
        old = known.pop(path, None)
        if old is not None and old[0] == size and old[1] == mtime and old[2]:
            sha = old[2]
        else:
            sha = _sha(path)
            changed = changed or old is None or old[2] != sha or not sha
        rows.append((path, rid, size, mtime, sha))
    db.execute("DELETE FROM files WHERE race = ?", (rid,))
    db.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?)", rows)
    return changed or bool(known)


def _changed_races(db, layout: Layout, words: bool) -> tuple[set, set, bool]:
    """Races whose files differ from what the index holds (all of them when a shared file,
    topics.yaml or dataset.yaml, changed), the races the index holds, and whether a shared
    file changed. Each folder's listing with sizes and times is compared in one piece; only
    a folder that differs is looked at file by file. Forgets races that are gone."""
    stored = dict(db.execute("SELECT race, stamp FROM folders"))
    changed: set[str] = set()
    shared_changed = False
    for rid in ["", *layout.races]:
        folder, entries = _entries(layout, rid)
        stamp = repr(entries)
        if stored.get(rid) == stamp:
            continue
        if _content_changed(db, rid, folder, entries) or rid not in stored:
            if rid:
                changed.add(rid)
            else:
                shared_changed = True
        db.execute("INSERT OR REPLACE INTO folders VALUES (?, ?)", (rid, stamp))
    for gone in set(stored) - {"", *layout.races}:
        db.execute("DELETE FROM folders WHERE race = ?", (gone,))
        db.execute("DELETE FROM files WHERE race = ?", (gone,))
    indexed = {r for (r,) in db.execute("SELECT race FROM races")}
    for gone in indexed - set(layout.races):
        _forget(db, gone, words)
    changed |= set(layout.races) - indexed
    return (set(layout.races) if shared_changed else changed), indexed, shared_changed


def _forget(db, rid: str, words: bool) -> None:
    if words:
        db.execute("INSERT INTO words(words, rowid, text) SELECT 'delete', id, text FROM hits "
                   "WHERE race = ?", (rid,))
    db.execute("DELETE FROM hits WHERE race = ?", (rid,))
    db.execute("DELETE FROM races WHERE race = ?", (rid,))


def _reindex(db, layout: Layout, changed: list[str], indexed: set, words: bool) -> list[str]:
    """Read topics.yaml and the ``changed`` races from the YAML into the index; returns the
    topic ids. Raises Unavailable when topics.yaml has errors."""
    import datetime

    from cli import build
    from cli.load import read_topics, topic_measures
    from cli.parallel import ordered_map

    problems: list = []
    topics_doc, topic_ids = read_topics(layout, problems)
    if errors_in(problems) or topics_doc is None:
        raise Unavailable("topics.yaml has errors")
    for rid in changed:
        if rid in indexed:
            _forget(db, rid, words)
    context = (layout, topic_ids, build.topics(topics_doc), datetime.date.today(),
               topic_measures(topics_doc))
    next_id = db.execute("SELECT coalesce(max(id), 0) + 1 FROM hits").fetchone()[0]
    for rid, (clean, rows) in zip(changed, ordered_map(_race_rows, context, changed)):
        _store(db, rid, clean, rows, next_id, words)
        next_id += len(rows)
    if words and changed:  # the vocabulary, as a plain table: fts5vocab counts as it scans
        db.execute("DELETE FROM terms")
        db.execute("INSERT INTO terms SELECT term FROM vocabulary")
    return topic_ids


def _race_rows(context: tuple, rid: str) -> tuple[bool, list[tuple]]:
    """Read race ``rid`` from its YAML: whether it is free of errors, and the index rows of
    its positions (run in a worker process for a large dataset)."""
    from cli.load import read_race
    from cli.model import Dataset
    from cli.query import filter_positions, searchable_text

    layout, topic_ids, topics, today, measures = context
    problems, race = read_race(layout, rid, topic_ids, today, measures=measures)
    if race is None or errors_in(problems):
        return False, []
    rows = []
    for ord_, hit in enumerate(filter_positions(Dataset(str(layout.root), topics,
                                                        {rid: race}))):
        rows.append((rid, ord_, hit.position.topic, hit.position.stance,
                     _fold(hit.candidate.party or ""), searchable_text(hit.position),
                     _list_item(hit.to_record())))
    return True, rows


def _store(db, rid: str, clean: bool, rows: list[tuple], first_id: int, words: bool) -> None:
    """Put race ``rid``'s rows (or that it has errors) in the index, numbered from
    ``first_id`` (so that the words table gets the text from here, not read back)."""
    db.execute("INSERT INTO races VALUES (?, ?)", (rid, int(clean)))
    numbered = [(first_id + n, *row) for n, row in enumerate(rows)]
    db.executemany("INSERT INTO hits (id, race, ord, topic, stance, party, text, json) VALUES "
                   "(?, ?, ?, ?, ?, ?, ?, ?)", numbered)
    if words:
        db.executemany("INSERT INTO words(rowid, text) VALUES (?, ?)",
                       [(row[0], row[6]) for row in numbered])


def _list_item(record: dict) -> str:
    """``record`` as it stands inside ``to_json`` of a list: indented one level."""
    from cli.render.formats import to_json

    return "  " + to_json(record, indent=2)


def json_list(items: list[str]) -> str:
    """Items from ``query(..., as_json=True)`` joined into the document ``to_json`` of the
    records would give, without decoding and encoding them again."""
    return "[\n" + ",\n".join(items) + "\n]" if items else "[]"


def refresh(root: Path, layout: Layout) -> tuple[sqlite3.Connection, list[str]]:
    """The index of the dataset at ``root``, brought up to date with its files, and the
    topic ids of its catalogue. Raises Unavailable when it cannot be used. When no file
    changed, no YAML is read at all."""
    try:
        db = _connect(root)
        db.execute("BEGIN IMMEDIATE")
        words = _has_words_table(db)
        changed, indexed, shared_changed = _changed_races(db, layout, words)
        stored = db.execute("SELECT value FROM meta WHERE key = 'topics'").fetchone()
        if changed or shared_changed or stored is None:
            topic_ids = _reindex(db, layout, sorted(changed), indexed, words)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('topics', ?)",
                       ("\n".join(topic_ids),))
        else:
            topic_ids = stored[0].split("\n") if stored[0] else []
        if errors_in(layout.problems):
            raise Unavailable("the dataset's root folder has errors")
        db.execute("COMMIT")
        return db, topic_ids
    except (sqlite3.Error, OSError) as exc:
        raise Unavailable(str(exc)) from None


#: A search word this short, or contained in more indexed words than this, is left to
#: ``instr`` alone: the index would not narrow the search enough to pay.
_MIN_WORD, _MAX_EXPANSION = 2, 200


def _word_query(db: sqlite3.Connection, words: list[str]) -> str | None:
    """The FTS5 query that finds every position whose indexed words contain each of
    ``words`` (folded), or "" when one of them is in no indexed word, or None when the
    index cannot narrow the search. Only words of ASCII letters and digits are looked up:
    any occurrence of such a word lies inside one indexed word (the tokenizer keeps those
    characters and folds nothing but case, which folding has already done), so the query
    finds a superset of the exact matches."""
    clauses = []
    for word in dict.fromkeys(words):
        if len(word) < _MIN_WORD or not (word.isascii() and word.isalnum()):
            continue
        terms = [t for (t,) in db.execute(
            "SELECT term FROM terms WHERE instr(term, ?) > 0 LIMIT ?",
            (word, _MAX_EXPANSION + 1))]
        if not terms:
            return ""
        if len(terms) <= _MAX_EXPANSION:
            clauses.append("(" + " OR ".join('"' + t.replace('"', '""') + '"'
                                             for t in terms) + ")")
    return " AND ".join(clauses) if clauses else None


def query(db: sqlite3.Connection, races: Sequence[str], topics: Sequence[str] = (),
          stances: Sequence[str] = (), party: str | None = None,
          text: str | None = None, as_json: bool = False) -> list:
    """The ``filter`` records of ``races`` (in that order) that pass every test, exactly
    as :func:`cli.query.filter_positions` gives them. Raises Unavailable when a race has
    errors (the YAML path then reports them). With ``as_json``, each record comes as its
    JSON text, for :func:`json_list`."""
    try:
        clean = dict(db.execute("SELECT race, clean FROM races"))
        if any(clean.get(r) != 1 for r in races):
            raise Unavailable("a race has errors")
        everything = set(races) == set(clean)
        where = ["1"] if everything else [f"race IN ({','.join('?' * len(races))})"]
        args = [] if everything else list(races)
        for column, values in (("topic", topics), ("stance", stances)):
            if values:
                where.append(f"{column} IN ({','.join('?' * len(values))})")
                args += list(values)
        if party is not None:
            where.append("party = ?")
            args.append(_fold(party))
        words = [_fold(w) for w in (text or "").split()]
        if words and _has_words_table(db):
            found = _word_query(db, words)
            if found == "":
                return []  # a word that no indexed word contains: nothing can match
            if found is not None:
                where.append("id IN (SELECT rowid FROM words WHERE words MATCH ?)")
                args.append(found)
        for word in words:  # exact substring semantics, as without the index
            where.append("instr(text, ?) > 0")
            args.append(word)
        order = {r: i for i, r in enumerate(races)}
        rows = db.execute(f"SELECT race, ord, json FROM hits WHERE "  # noqa: S608
                          f"{' AND '.join(where)}", args).fetchall()
    except sqlite3.Error as exc:
        raise Unavailable(str(exc)) from None
    rows.sort(key=lambda row: (order[row[0]], row[1]))
    if as_json:
        return [item for _, _, item in rows]
    import json

    return [json.loads(item) for _, _, item in rows]


def _fold(text: str) -> str:
    """:func:`cli.textfold.fold`, imported only by the queries that fold."""
    from cli.textfold import fold

    return fold(text)
