"""The derived filter index is a cache only: warm, cold and no index give the same output,
after edits, additions, deletions and renames; a broken cache falls back to the YAML."""

from __future__ import annotations

import fcntl
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli.queries import filterindex as index
from tests.conftest import FIXTURES, dataset_copy

R = "2020-springfield-mayor"
QUERIES = [
    ("filter", "--format", "json"),
    ("filter", "--topic", "transit", "--format", "json"),
    ("filter", "--stance", "support", "--party", "DEMOCRATIC", "--format", "json"),
    ("filter", "--text", "rent", "--format", "json"),
    ("filter", "--text", "fàmilies homes", "--format", "json"),
    ("filter", "--text", "住房", "--format", "json"),
    ("filter", "--text", "a", "--format", "json"),
    ("filter", "--topic", "rent-control", "--format", "csv"),
    ("filter", "--race", R, "--stance", "oppose"),
]


def _same_everywhere(run, root, tmp_path):
    """Each query gives one answer with no index, a cold index and a warm one."""
    for query in QUERIES:
        plain = run(*query, data=root, env={"PLATFORMS_NO_INDEX": "1"})
        cold_cache = tmp_path / "cold"
        shutil.rmtree(cold_cache, ignore_errors=True)
        cold = run(*query, data=root, env={"XDG_CACHE_HOME": str(cold_cache)})
        warm = run(*query, data=root, env={"XDG_CACHE_HOME": str(tmp_path / "warm")})
        again = run(*query, data=root, env={"XDG_CACHE_HOME": str(tmp_path / "warm")})
        assert plain.exit_code == cold.exit_code == warm.exit_code == again.exit_code
        assert plain.stdout == cold.stdout == warm.stdout == again.stdout, query
    (database,) = (tmp_path / "warm" / "candidate-platforms" / "index").glob("*.sqlite")
    with sqlite3.connect(database) as db:  # the index was built and used, not bypassed
        assert db.execute("SELECT count(*) FROM races WHERE clean = 1").fetchone()[0] >= 1


def _edit(path, old, new):
    path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")


def test_index_answers_like_the_yaml_through_edits(run, tmp_path):
    root = dataset_copy(tmp_path)
    race = root / R
    _same_everywhere(run, root, tmp_path)
    _edit(race / "okafor.yaml", "stance: oppose", "stance: support")  # same size
    _same_everywhere(run, root, tmp_path)
    shutil.copy(race / "chen.yaml", race / "zhou.yaml")  # an addition
    _same_everywhere(run, root, tmp_path)
    os.rename(race / "zhou.yaml", race / "zhu.yaml")  # a rename
    _same_everywhere(run, root, tmp_path)
    (race / "zhu.yaml").unlink()  # a deletion
    _same_everywhere(run, root, tmp_path)
    _edit(root / "topics.yaml", "Free transit", "Fare-free transit")  # a shared file
    _same_everywhere(run, root, tmp_path)
    shutil.copytree(race, root / "2020-shelbyville-mayor")  # a whole new race
    _same_everywhere(run, root, tmp_path)


def test_an_edit_that_breaks_the_data_is_reported_not_hidden(run, tmp_path):
    root = dataset_copy(tmp_path)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert run("filter", data=root, env=env).exit_code == 0
    _edit(root / R / "okafor.yaml", "stance: oppose", "stance: opose")
    broken = run("filter", data=root, env=env)
    assert broken.exit_code == 1 and "'opose' is not one of" in broken.stderr
    (root / R / "stray.yml").write_text("name: x\n", "utf-8")
    _edit(root / R / "okafor.yaml", "stance: opose", "stance: oppose")
    assert run("filter", data=root, env=env).exit_code == 1  # the .yml is an error
    (root / R / "stray.yml").unlink()
    assert run("filter", data=root, env=env).exit_code == 0
    (root / "topics.yaml").rename(root / "topics.txt")  # a shared file gone
    gone = run("filter", data=root, env=env)
    assert gone.exit_code == 1 and "missing topics.yaml" in gone.stderr


@pytest.mark.slow  # seconds each: CI runs it with -m slow
@pytest.mark.parametrize("how", ["utime", "copy-p"])
def test_an_edit_with_the_same_size_and_mtime_is_seen(run, tmp_path, how):
    root = dataset_copy(tmp_path)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    path = root / R / "okafor.yaml"
    old = time.time() - 60
    os.utime(path, (old, old))  # an old file: its stamp is one the index trusts
    time.sleep(index.RACY_SECONDS + 0.1)
    assert run("filter", data=root, env=env).exit_code == 0
    assert run("filter", data=root, env=env).exit_code == 0  # warm: stamps trusted
    before = os.stat(path)
    if how == "utime":  # edit in place, then restore the time (touch -r, a coarse clock)
        _edit(path, "stance: oppose", "stance: mixed ")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    else:  # cp -p, rsync -a, an unpacked archive: a new file with the old times
        edited = tmp_path / "edited.yaml"
        edited.write_text(
            path.read_text("utf-8").replace("stance: oppose", "stance: mixed "), "utf-8"
        )
        os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))
        os.replace(edited, path)
    assert os.stat(path).st_size == before.st_size
    assert os.stat(path).st_mtime_ns == before.st_mtime_ns
    out = run("filter", "--topic", "transit", "--format", "json", data=root, env=env).stdout
    assert '"stance": "mixed"' in out


def test_a_file_changed_just_before_its_stamp_is_hashed_again(run, tmp_path, monkeypatch):
    """A coarse-timestamp file system: every time and the inode stay the same across an
    edit. A file stamped within RACY_SECONDS of its change is not trusted on its stamp."""
    root = dataset_copy(tmp_path)
    path = root / R / "okafor.yaml"
    real, tick = os.lstat, time.time_ns()  # the one time this file system ever reports

    class Coarse:
        def __init__(self, info):
            self.info, self.st_ino = info, 1
            self.st_mtime_ns = self.st_ctime_ns = tick

        def __getattr__(self, name):
            return getattr(self.info, name)

    monkeypatch.setattr(
        index.os, "lstat", lambda p: Coarse(real(p)) if str(p).endswith("okafor.yaml") else real(p)
    )
    assert run("filter", data=root).exit_code == 0
    _edit(path, "stance: oppose", "stance: mixed ")
    out = run("filter", "--topic", "transit", "--format", "json", data=root).stdout
    assert '"stance": "mixed"' in out


@pytest.mark.parametrize("damage", ["corrupt", "unwritable"])
def test_a_broken_cache_falls_back_to_the_yaml(run, tmp_path, damage):
    root = dataset_copy(tmp_path)
    cache = tmp_path / "cache"
    expected = run("filter", "--format", "json", data=root, env={"PLATFORMS_NO_INDEX": "1"}).stdout
    run("filter", data=root, env={"XDG_CACHE_HOME": str(cache)})
    folder = cache / "candidate-platforms" / "index"
    if damage == "corrupt":
        for database in folder.iterdir():
            database.write_bytes(b"this is not a database" * 100)
    else:
        shutil.rmtree(cache)
        cache.write_text("a file where the cache folder should be", "utf-8")
    result = run("filter", "--format", "json", data=root, env={"XDG_CACHE_HOME": str(cache)})
    assert result.exit_code == 0 and result.stdout == expected


def test_a_problem_in_another_race_folder_does_not_change_a_one_race_answer(run, tmp_path):
    root = dataset_copy(tmp_path)
    shutil.copytree(root / R, root / "2020-shelbyville-mayor")
    (root / "2020-shelbyville-mayor" / "stray.yml").write_text("name: x\n", "utf-8")
    query = ("filter", "--race", R, "--format", "json")
    plain = run(*query, data=root, env={"PLATFORMS_NO_INDEX": "1"})
    indexed = run(*query, data=root, env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert plain.exit_code == indexed.exit_code == 0
    assert plain.stdout == indexed.stdout
    everywhere = run("filter", data=root, env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert everywhere.exit_code == 1 and "stray.yml" in everywhere.stderr


def _texts(dataset) -> list[str]:
    """Every text ``--text`` searches in the dataset, as written."""
    from cli.queries.filtering import filter_positions

    out = []
    for hit in filter_positions(dataset):
        p = hit.position
        out += [p.summary, p.details or "", *p.pledges, *(c.quote for c in p.citations)]
    return [t for t in out if t]


@pytest.mark.slow  # seconds each: CI runs it with -m slow
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_text_search_through_the_index_finds_exactly_what_the_yaml_does(data, tmp_path):
    from cli.dataset.layout import scan
    from cli.dataset.load import open_dataset
    from cli.queries import filterindex as index
    from cli.queries.filtering import filter_positions

    root = tmp_path / "dataset"
    if not root.exists():
        shutil.copytree(FIXTURES / "base", root)
    dataset = open_dataset(root)
    texts = _texts(dataset)
    words = []
    for _ in range(data.draw(st.integers(1, 2))):
        if data.draw(st.booleans()):  # a piece of a real text, perhaps in other case
            text = data.draw(st.sampled_from(texts))
            start = data.draw(st.integers(0, len(text) - 1))
            piece = text[start : start + data.draw(st.integers(1, 12))]
            words.append(piece.upper() if data.draw(st.booleans()) else piece)
        else:
            words.append(
                data.draw(st.text(st.sampled_from("aeiourtnsAÉüñ住房-'1 "), min_size=1, max_size=6))
            )
    query = " ".join(words)
    if not query.split():
        return
    db, _ = index.refresh(root, scan(root))
    through_index = index.query(db, list(dataset.races), text=query).as_records()
    from_yaml = [hit.to_record() for hit in filter_positions(dataset, text=query)]
    assert through_index == from_yaml, query


def test_editing_one_file_reads_its_race_again_and_no_other(run, tmp_path, monkeypatch):
    from cli.queries import filterindex as index

    root = dataset_copy(tmp_path)
    for town in ("shelbyville", "ogdenville"):
        shutil.copytree(root / R, root / f"2020-{town}-mayor")
    assert run("filter", data=root).exit_code == 0
    read = []
    real = index._race_rows
    monkeypatch.setattr(
        index, "_race_rows", lambda context, rid: read.append(rid) or real(context, rid)
    )
    assert run("filter", data=root).exit_code == 0
    assert read == []  # nothing changed, nothing read
    os.utime(root / "2020-ogdenville-mayor" / "chen.yaml")  # touched, not changed
    _edit(root / "2020-shelbyville-mayor" / "okafor.yaml", "stance: oppose", "stance: mixed")
    assert '"stance": "mixed"' in run("filter", "--format", "json", data=root).stdout
    assert read == ["2020-shelbyville-mayor"]


def test_an_index_under_a_cache_path_with_uri_characters_is_read_not_rebuilt(
    run, tmp_path, monkeypatch
):
    root = dataset_copy(tmp_path)
    env = {"XDG_CACHE_HOME": str(tmp_path / "a b?c#d%e&f")}
    assert run("filter", data=root, env=env).exit_code == 0
    read = []
    real = index._race_rows
    monkeypatch.setattr(
        index, "_race_rows", lambda context, rid: read.append(rid) or real(context, rid)
    )
    assert '"stance"' in run("filter", "--format", "json", data=root, env=env).stdout
    assert read == []  # the published index was opened, not built again


def _database_of(cache: Path) -> Path:
    found = list((cache / "candidate-platforms" / "index").glob("*.sqlite"))
    assert len(found) == 1, found
    return found[0]


def test_a_locked_index_is_bypassed_and_never_deleted(run, tmp_path):
    root = dataset_copy(tmp_path)
    cache = tmp_path / "cache"
    env = {"XDG_CACHE_HOME": str(cache)}
    expected = run("filter", "--format", "json", data=root, env={"PLATFORMS_NO_INDEX": "1"}).stdout
    assert run("filter", data=root, env=env).exit_code == 0
    database = _database_of(cache)
    inode = database.stat().st_ino
    _edit(root / R / "okafor.yaml", "stance: oppose", "stance: mixed ")
    expected = run("filter", "--format", "json", data=root, env={"PLATFORMS_NO_INDEX": "1"}).stdout
    holder = sqlite3.connect(database, isolation_level=None)  # another process's write lock
    holder.execute("BEGIN EXCLUSIVE")
    lock = os.open(f"{database}.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)  # and another process's update in progress
    try:
        started = time.monotonic()
        result = run("filter", "--format", "json", data=root, env=env)
        assert time.monotonic() - started < 5
    finally:
        os.close(lock)
        holder.rollback()
        holder.close()
    assert result.exit_code == 0 and result.stdout == expected
    assert database.stat().st_ino == inode  # the locked file is still there, untouched
    assert run("filter", "--format", "json", data=root, env=env).stdout == expected


@pytest.mark.slow  # seconds each: CI runs it with -m slow
def test_processes_starting_together_on_a_cold_index_all_answer(tmp_path):
    root = dataset_copy(tmp_path)
    for n in range(150):
        shutil.copytree(root / R, root / f"2020-town-{n:03d}-mayor")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PLATFORMS_JOBS": "1"}
    command = [
        sys.executable,
        "-m",
        "cli",
        "--data",
        str(root),
        "filter",
        "--stance",
        "support",
        "--format",
        "json",
    ]
    expected = subprocess.run(
        command, capture_output=True, text=True, check=True, env={**env, "PLATFORMS_NO_INDEX": "1"}
    ).stdout
    children = []
    for _ in range(5):
        children.append(
            subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
            )
        )
        time.sleep(0.1)
    for child in children:
        out, err = child.communicate(timeout=60)
        assert (child.returncode, err, out == expected) == (0, "", True)
    folder = tmp_path / "cache" / "candidate-platforms" / "index"
    assert sorted(p.suffix for p in folder.iterdir()) == [".lock", ".sqlite"]


@pytest.mark.parametrize("damage", ["truncated json", "control bytes", "stance", "clean"])
def test_a_row_that_does_not_check_is_never_output(run, tmp_path, damage):
    root = dataset_copy(tmp_path)
    cache = tmp_path / "cache"
    env = {"XDG_CACHE_HOME": str(cache)}
    expected = {
        fmt: run("filter", "--format", fmt, data=root, env={"PLATFORMS_NO_INDEX": "1"}).stdout
        for fmt in ("json", "text")
    }
    assert run("filter", data=root, env=env).exit_code == 0
    database = _database_of(cache)
    with sqlite3.connect(database) as db:
        db.execute(
            {
                "truncated json": "UPDATE hits SET json = substr(json, 1, 20)",
                "control bytes": "UPDATE hits SET json = replace(json, 'a', char(27))",
                "stance": "UPDATE hits SET stance = 'support'",
                "clean": "UPDATE races SET clean = 1 - clean",
            }[damage]
        )
    for fmt in ("json", "text"):
        result = run("filter", "--format", fmt, data=root, env=env)
        assert (result.exit_code, result.stdout) == (0, expected[fmt]), fmt
    assert run("filter", "--format", "json", data=root, env=env).stdout == expected["json"]
    with sqlite3.connect(_database_of(cache)) as db:  # rebuilt: checks again
        assert db.execute("SELECT count(*) FROM hits").fetchone()[0] > 0


def test_an_index_path_that_is_a_symlink_is_not_followed(run, tmp_path):
    root = dataset_copy(tmp_path)
    cache = tmp_path / "cache"
    env = {"XDG_CACHE_HOME": str(cache)}
    assert run("filter", data=root, env=env).exit_code == 0
    database = _database_of(cache)
    elsewhere = tmp_path / "elsewhere.sqlite"
    os.replace(database, elsewhere)
    with sqlite3.connect(elsewhere) as db:  # someone else's file, planted under the name
        db.execute("UPDATE hits SET json = replace(json, 'Okafor', 'Planted')")
        db.execute("UPDATE hits SET crc = 0")
    before = elsewhere.read_bytes()
    os.symlink(elsewhere, database)
    result = run("filter", "--format", "json", data=root, env=env)
    assert result.exit_code == 0 and "Planted" not in result.stdout
    assert elsewhere.read_bytes() == before  # neither read through nor written through
    assert not database.is_symlink()


_FULL_DISK = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, as on a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))
from cli.commands.main import main
sys.argv[0] = "platforms"
main()
"""


def test_a_full_disk_leaves_no_partial_index_or_journal(tmp_path):
    root = dataset_copy(tmp_path)
    for n in range(20):
        shutil.copytree(root / R, root / f"2020-town-{n:03d}-mayor")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    args = ["--data", str(root), "filter", "--format", "json"]
    expected = subprocess.run(
        [sys.executable, "-m", "cli", *args],
        capture_output=True,
        text=True,
        env={**env, "PLATFORMS_NO_INDEX": "1"},
    ).stdout
    done = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert (done.returncode, done.stderr, done.stdout == expected) == (0, "", True)
    folder = tmp_path / "cache" / "candidate-platforms" / "index"
    left = [p.name for p in folder.iterdir() if p.stat().st_size > 0] if folder.exists() else []
    assert left == []
