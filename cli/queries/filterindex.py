"""A derived index of a dataset's positions, so a repeated ``filter`` need not read the YAML.

The YAML files stay the only source of truth: the index is a cache in the user's cache
folder (SQLite from the standard library). ``--text`` goes through FTS5: the folded text
of each position is indexed word by word (``unicode61``, ``detail=none``: small and quick
to build), and a search word is first looked up in the index's vocabulary (the word, its
plural and its singular: cli.text.wordsearch), then those words in the index; the same
whole-word test as without the index then keeps exact matches only. A party matches by
its first letters, as without the index.

What the index trusts. Before every query each dataset file's stamp is compared with the
stamp stored when it was read: its size, modification time, status-change time (ctime)
and inode number, all four. ctime cannot be set by a program (``touch -r``, ``cp -p``,
``rsync -a`` and unpacking an archive all leave a new ctime, or a new inode), so an edit
that keeps the size and restores the modification time is still seen. A file whose ctime
was less than ``RACY_SECONDS`` before its stamp was taken (a coarse-timestamp file system
could give a later edit the same times) is not trusted on its stamp: its content hash is
compared next time. A file whose stamp changed is hashed: an unchanged hash only re-stamps
it, a changed one reads its race again (that race alone). The index does not defend
against a file system that reports a changed file with all four values unchanged (set
``PLATFORMS_NO_INDEX=1`` there).

How it is kept. A published index file is never written in place: an update copies it
(or starts empty) into a temporary file beside it, updates that, and renames it over the
published one, so a reader always sees a whole index, a full disk or a crash leaves the
published file as it was (and the temporary one is removed, without a journal: there is
none), and concurrent processes never see each other's partial work. One process updates
at a time (a lock file); another that finds the lock taken reads the YAML instead, and
never deletes anything. Every row output comes from carries a checksum over all of its
cells, checked as it is read; a row that does not check, or an index that is not a
regular file (a symbolic link is never followed), makes the index unusable: it is
replaced on the next update and the YAML answers meanwhile. The index is used only while
every race read is free of errors; otherwise, and whenever the cache is missing, corrupt
or unwritable, the caller reads the YAML as if there were no index, so the results are
always the same.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
import zlib
from collections.abc import Sequence
from pathlib import Path

from cli.cachedir import cache_dir
from cli.dataset.layout import ROOT_FILES, Layout, is_candidate_file, is_well_named
from cli.dataset.limits import MAX_CANDIDATE_FILES, MAX_FILE_BYTES
from cli.problems import errors_in
from cli.queries.filterresult import StoredRecords
from cli.text.plainfiles import read_regular

#: Raised whenever a file reads differently or a record gains a field (12: numbers as the
#: format writes them, so an index that holds an octal 040 as 32 is rebuilt and reports it;
#: 13: a record's absences, whose words say why a position is missing; 14: a record is a
#: candidate's identity, the topic and the whole position, docs/output.schema.json; 15: with
#: the Spanish of the topic and the summary, and each quote's lang and translation).
VERSION = "15"
#: A file changed this recently before its stamp was taken is hashed again next time.
RACY_SECONDS = 2
#: A temporary index older than this is left over from a process that died: removed.
STALE_SECONDS = 3600
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS folders (race TEXT PRIMARY KEY, stamp TEXT);
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, race TEXT, stamp TEXT, sha TEXT);
CREATE INDEX IF NOT EXISTS files_by_race ON files (race);
CREATE TABLE IF NOT EXISTS races (race TEXT PRIMARY KEY, clean INTEGER, crc INTEGER);
CREATE TABLE IF NOT EXISTS hits (id INTEGER PRIMARY KEY, race TEXT, ord INTEGER, topic TEXT,
                                 stance TEXT, party TEXT, text TEXT, json TEXT, crc INTEGER);
CREATE INDEX IF NOT EXISTS hits_by_race ON hits (race, ord);
CREATE INDEX IF NOT EXISTS hits_by_topic ON hits (topic, stance);
CREATE TABLE IF NOT EXISTS terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
"""


class Unavailable(Exception):
    """The index cannot answer: read the YAML instead."""


def _database(root: Path) -> Path:
    """The index file of the dataset at ``root``, named by checksums of its resolved path:
    zlib's, as a warm filter imports no hashlib (its import measured 6 ms, 6 % of a warm
    ``filter --format json`` of the bundled data)."""
    where = str(root.resolve()).encode("utf-8")
    key = f"{zlib.crc32(where):08x}{zlib.adler32(where):08x}"
    return cache_dir("index", f"{key}.sqlite")


def _crc(*cells) -> int:
    """The checksum of a row's cells (a separator no cell holds between them)."""
    return zlib.crc32("\x1f".join(map(str, cells)).encode("utf-8", "surrogatepass"))


def _open_published(path: Path) -> sqlite3.Connection | None:
    """The published index, read-only, or None when there is none usable: absent, not a
    regular file (a link is not followed), from another version, or not a database."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
    except OSError:
        return None
    # The path percent-encoded as urllib.request.pathname2url does on POSIX, without
    # importing urllib.request (HTTP, e-mail and hashlib with it: 46 ms of a warm filter).
    from urllib.parse import quote

    try:  # immutable: a published file is never written in place, so no locking is needed
        db = sqlite3.connect(
            f"file:{quote(os.fsencode(path))}?mode=ro&immutable=1", uri=True, isolation_level=None
        )
    except sqlite3.Error:
        return None
    try:
        if db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone() == (VERSION,):
            return db
    except sqlite3.Error:
        pass
    db.close()
    return None


def _create(db: sqlite3.Connection) -> None:
    """The tables of an index, in the new (empty) database ``db``."""
    db.executescript(_SCHEMA)
    db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (VERSION,))
    try:
        db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS words USING fts5(text, "
            "content='hits', content_rowid='id', "
            "tokenize='unicode61 remove_diacritics 0', detail='none', columnsize=0)"
        )
        db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS vocabulary USING fts5vocab(words, row)")
    except sqlite3.OperationalError:  # no FTS5: instr() alone
        pass


def _lock(path: Path) -> int | None:
    """The update lock of the index at ``path`` (a file descriptor holding an exclusive
    ``flock``), or None when another process holds it."""
    import fcntl

    fd = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def _remove_stale(folder: Path, name: str) -> None:
    """Remove temporary indexes of ``name`` left by processes that died while updating."""
    now = time.time()
    for entry in os.scandir(folder):
        if entry.name.startswith(f".{name}.") and entry.name.endswith(".tmp"):
            try:
                if now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
                    os.unlink(entry.path)
            except OSError:
                pass


def _has_words_table(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE name = 'words'").fetchone() is not None


def _sha(path: str) -> str:
    """The content hash of a dataset file (of as much as the reader reads of it); "" for
    anything else (links, pipes, folders, misnamed files), which is then always read
    again, so its race reports the problem."""
    if not stat.S_ISREG(os.lstat(path).st_mode) or not is_well_named(os.path.basename(path)):
        return ""
    import hashlib

    data = read_regular(path, MAX_FILE_BYTES)
    return "" if data is None else hashlib.sha256(data).hexdigest()


def _entries(layout: Layout, rid: str) -> tuple[str, list[tuple[str, str]]]:
    """The folder of race ``rid`` ("" for the dataset's shared files) and the name and
    stamp of each entry the index depends on, by name: ``size:mtime:ctime:inode``, or ""
    when the entry changed less than RACY_SECONDS ago (a stamp that is never trusted).
    This runs for every file on every query, so it is kept to one listing and one
    ``lstat`` per file. Raises Unavailable for a folder over the candidate file limit
    (the YAML reader then reports it)."""
    if not rid:
        folder = str(layout.root)
        names = [n for n in ROOT_FILES if os.path.lexists(os.path.join(folder, n))]
    else:
        folder = layout.races[rid].folder
        names = sorted(n for n in os.listdir(folder) if not n.startswith("."))
        if sum(map(is_candidate_file, names)) > MAX_CANDIDATE_FILES:
            raise Unavailable(f"{rid} holds more candidate files than the limit")
    racy = time.time_ns() - RACY_SECONDS * 1_000_000_000
    prefix, lstat, entries = folder + os.sep, os.lstat, []
    for name in names:
        info = lstat(prefix + name)
        trusted = max(info.st_ctime_ns, info.st_mtime_ns) < racy
        entries.append(
            (
                name,
                f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}"
                if trusted
                else "",
            )
        )
    return folder, entries


def _content_changed(db, rid: str, folder: str, entries: list) -> bool:
    """Whether the files of ``rid`` differ in content (or in number) from what the index
    read; stores their new stamps either way. A file whose stamp changed (or was not to
    be trusted) is hashed, so that touching a file, or saving it unchanged, re-reads
    nothing."""
    known = {
        path: (stamp, sha)
        for path, stamp, sha in db.execute(
            "SELECT path, stamp, sha FROM files WHERE race = ?", (rid,)
        )
    }
    changed, rows = False, []
    for name, stamp in entries:
        path = os.path.join(folder, name)
        old = known.pop(path, None)
        if old is not None and stamp and old[0] == stamp and old[1]:
            sha = old[1]
        else:
            sha = _sha(path)
            changed = changed or old is None or old[1] != sha or not sha
        rows.append((path, rid, stamp, sha))
    db.execute("DELETE FROM files WHERE race = ?", (rid,))
    db.executemany("INSERT INTO files VALUES (?, ?, ?, ?)", rows)
    return changed or bool(known)


def _folder_stamp(entries: list) -> str:
    """One folder's stamps as one text; "" (never equal to a stored one) when any entry's
    stamp is not to be trusted."""
    return repr(entries) if all(stamp for _, stamp in entries) else ""


def _stale(db, layout: Layout) -> bool:
    """Whether the index ``db`` may be out of date with the files: a folder's stamps
    differ, or the races differ. Reads the files' stamps only; writes nothing."""
    stored = dict(db.execute("SELECT race, stamp FROM folders"))
    if set(stored) != {"", *layout.races}:
        return True
    for rid in ["", *layout.races]:
        stamp = _folder_stamp(_entries(layout, rid)[1])
        if not stamp or stored[rid] != stamp:
            return True
    return False


def _changed_races(db, layout: Layout, words: bool) -> tuple[set, set, bool]:
    """Races whose files differ from what the index holds (all of them when a shared file,
    topics.yaml or dataset.yaml, changed), the races the index holds, and whether a shared
    file changed. Each folder's listing with stamps is compared in one piece; only a
    folder that differs is looked at file by file. Forgets races that are gone."""
    stored = dict(db.execute("SELECT race, stamp FROM folders"))
    changed: set[str] = set()
    shared_changed = False
    for rid in ["", *layout.races]:
        folder, entries = _entries(layout, rid)
        stamp = _folder_stamp(entries)
        if stamp and stored.get(rid) == stamp:
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
        db.execute(
            "INSERT INTO words(words, rowid, text) SELECT 'delete', id, text FROM hits "
            "WHERE race = ?",
            (rid,),
        )
    db.execute("DELETE FROM hits WHERE race = ?", (rid,))
    db.execute("DELETE FROM races WHERE race = ?", (rid,))


def _reindex(db, layout: Layout, changed: list[str], indexed: set, words: bool) -> list[str]:
    """Read topics.yaml and the ``changed`` races from the YAML into the index; returns the
    topic ids. Raises Unavailable when topics.yaml has errors."""
    import datetime

    from cli.dataset import build
    from cli.dataset.load import read_topics, topic_measures
    from cli.dataset.parallel import ordered_map

    problems: list = []
    topics_doc, topic_ids = read_topics(layout, problems)
    if errors_in(problems) or topics_doc is None:
        raise Unavailable("topics.yaml has errors")
    for rid in changed:
        if rid in indexed:
            _forget(db, rid, words)
    context = (
        layout,
        topic_ids,
        build.topics(topics_doc),
        datetime.date.today(),
        topic_measures(topics_doc),
    )
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
    from cli.dataset.load import read_race
    from cli.model import Dataset
    from cli.queries.filtering import filter_positions, searchable_text

    layout, topic_ids, topics, today, measures = context
    problems, race = read_race(layout, rid, topic_ids, today, measures=measures)
    if race is None or errors_in(problems):
        return False, []
    rows = []
    for ord_, hit in enumerate(filter_positions(Dataset(str(layout.root), topics, {rid: race}))):
        rows.append(
            (
                rid,
                ord_,
                hit.position.topic,
                hit.position.stance,
                _fold(hit.candidate.party or ""),
                searchable_text(hit.position),
                StoredRecords.item(hit.to_record()),
            )
        )
    return True, rows


def _store(db, rid: str, clean: bool, rows: list[tuple], first_id: int, words: bool) -> None:
    """Put race ``rid``'s rows (or that it has errors) in the index, numbered from
    ``first_id`` (so that the words table gets the text from here, not read back)."""
    db.execute("INSERT INTO races VALUES (?, ?, ?)", (rid, int(clean), _crc(rid, int(clean))))
    numbered = [(first_id + n, *row, _crc(*row)) for n, row in enumerate(rows)]
    db.executemany(
        "INSERT INTO hits (id, race, ord, topic, stance, party, text, json, crc) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        numbered,
    )
    if words:
        db.executemany(
            "INSERT INTO words(rowid, text) VALUES (?, ?)", [(row[0], row[6]) for row in numbered]
        )


def refresh(root: Path, layout: Layout) -> tuple[sqlite3.Connection, list[str]]:
    """The index of the dataset at ``root``, brought up to date with its files, and the
    topic ids of its catalogue. Raises Unavailable when it cannot be used (another process
    is updating it, the cache cannot be written, the dataset has errors). When no file
    changed, no YAML is read and nothing is written."""
    path = _database(root)
    try:
        db = _open_published(path)
        if db is not None:
            if not _stale(db, layout):
                topics = _topics(db)
                if topics is not None:
                    if errors_in(layout.problems):
                        raise Unavailable("the dataset's root folder has errors")
                    return db, topics
            db.close()
        return _update(path, layout)
    except (sqlite3.Error, OSError) as exc:
        raise Unavailable(str(exc)) from None


def _topics(db: sqlite3.Connection) -> list[str] | None:
    """The topic ids the index stored, None when absent or failing their checksum."""
    found = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('topics', 'topics-crc')"))
    if "topics" not in found or found.get("topics-crc") != str(_crc(found["topics"])):
        return None
    return found["topics"].split("\n") if found["topics"] else []


def _update(path: Path, layout: Layout) -> tuple[sqlite3.Connection, list[str]]:
    """Copy the published index (when usable) to a temporary file, bring that up to date,
    and publish it by a rename; the lock keeps one process at it, and any failure removes
    the temporary file, leaving the published one as it was."""
    import shutil
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    lock = _lock(path)
    if lock is None:
        raise Unavailable("another process is updating the index")
    temporary = None
    try:
        _remove_stale(path.parent, path.name)
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        os.close(handle)
        published = _open_published(path)
        if published is not None:
            published.close()
            shutil.copyfile(path, temporary)
        db = sqlite3.connect(temporary, isolation_level=None)
        db.execute("PRAGMA journal_mode = OFF")  # a private file, discarded on failure
        db.execute("PRAGMA synchronous = OFF")
        if published is None:
            _create(db)
        db.execute("BEGIN")
        topic_ids = _bring_up_to_date(db, layout)
        db.execute("COMMIT")
        os.replace(temporary, path)
        temporary = None
        return db, topic_ids
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        os.close(lock)


def _bring_up_to_date(db: sqlite3.Connection, layout: Layout) -> list[str]:
    """Re-read what changed into ``db``; the topic ids. Unavailable when the dataset's
    root folder or topics.yaml has errors."""
    words = _has_words_table(db)
    changed, indexed, shared_changed = _changed_races(db, layout, words)
    topic_ids = _topics(db)
    if changed or shared_changed or topic_ids is None:
        topic_ids = _reindex(db, layout, sorted(changed), indexed, words)
        text = "\n".join(topic_ids)
        db.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            [("topics", text), ("topics-crc", str(_crc(text)))],
        )
    if errors_in(layout.problems):
        raise Unavailable("the dataset's root folder has errors")
    return topic_ids


def _word_query(db: sqlite3.Connection, words: list[str]) -> str | None:
    """The FTS5 query that finds every position holding each of ``words`` (folded) as an
    indexed word, in one of its forms, or "" when one of them is in no indexed word, or
    None when the index cannot narrow the search. Only words of ASCII letters and digits
    are looked up: such a word, found as a whole word, is one indexed word (the tokenizer
    keeps those characters and folds nothing but case, which folding has already done), so
    the query finds a superset of the exact matches."""
    from cli.text.wordsearch import word_forms

    clauses = []
    for word in dict.fromkeys(words):
        if not (word.isascii() and word.isalnum()):
            continue
        forms = word_forms(word)
        terms = [
            t
            for (t,) in db.execute(
                f"SELECT term FROM terms WHERE term IN ({','.join('?' * len(forms))})",  # noqa: S608
                forms,
            )
        ]
        if not terms:
            return ""
        clauses.append("(" + " OR ".join(f'"{t}"' for t in terms) + ")")
    return " AND ".join(clauses) if clauses else None


def query(
    db: sqlite3.Connection,
    races: Sequence[str],
    topics: Sequence[str] = (),
    stances: Sequence[str] = (),
    party: str | None = None,
    text: str | None = None,
) -> StoredRecords:
    """The ``filter`` records of ``races`` (in that order) that pass every test, exactly
    as :func:`cli.queries.filtering.filter_positions` gives them, each as the JSON text
    the index stored. Raises Unavailable when a race has errors (the YAML path then
    reports them)."""
    try:
        clean = {}
        for race, flag, crc in db.execute("SELECT race, clean, crc FROM races"):
            if crc != _crc(race, flag):
                _discard(db)
            clean[race] = flag
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
            where.append("substr(party, 1, length(?)) = ?")
            args += [_fold(party.strip())] * 2
        words = [_fold(w) for w in (text or "").split()]
        if words and _has_words_table(db):
            found = _word_query(db, words)
            if found == "":
                return StoredRecords([], len(races) > 1)  # a word in no indexed word
            if found is not None:
                where.append("id IN (SELECT rowid FROM words WHERE words MATCH ?)")
                args.append(found)
        if words:  # whole words, exactly as without the index
            from cli.text.wordsearch import finds, is_unspaced

            db.create_function("finds", 2, finds, deterministic=True)
        for word in words:  # a word of an unspaced script is found anywhere, by instr in C
            where.append("instr(text, ?) > 0" if is_unspaced(word) else "finds(?, text)")
            args.append(word)
        order = {r: i for i, r in enumerate(races)}
        rows = db.execute(
            f"SELECT race, ord, topic, stance, party, text, json, crc FROM hits "
            f"WHERE {' AND '.join(where)}",
            args,
        ).fetchall()  # noqa: S608
    except sqlite3.Error as exc:
        raise Unavailable(str(exc)) from None
    if any(row[7] != _crc(*row[:7]) for row in rows):
        _discard(db)
    rows.sort(key=lambda row: (order.get(row[0], -1), row[1]))
    return StoredRecords([row[6] for row in rows], len(races) > 1)


def _discard(db: sqlite3.Connection) -> None:
    """A row of ``db`` failed its checksum: remove the file, so that the next query builds
    a new index, and raise Unavailable, so that this one reads the YAML."""
    try:
        for _, name, filename in db.execute("PRAGMA database_list"):
            if name == "main" and filename:
                os.unlink(filename)
    except (sqlite3.Error, OSError):
        pass
    raise Unavailable("a row of the index does not match its checksum")


def _fold(text: str) -> str:
    """:func:`cli.text.textfold.fold`, imported only by the queries that fold."""
    from cli.text.textfold import fold

    return fold(text)
