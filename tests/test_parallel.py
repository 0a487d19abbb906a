"""A dataset with many races is read on several CPUs: the output is the same as reading it
in one process, problems in race order, and the filter index built either way agrees."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli.dataset import parallel
from tests.conftest import dataset_copy

R = "2020-springfield-mayor"


@pytest.fixture
def many_races(tmp_path):
    """The base dataset with 80 races (more than parallel.MIN_ITEMS), three of them broken."""
    root = dataset_copy(tmp_path)
    for n in range(1, 80):
        shutil.copytree(root / R, root / f"2020-town-{n:02d}-mayor")
    for n, (old, new) in {
        7: ("stance: oppose", "stance: opose"),
        40: ("name:", "nme:"),
        78: ("source: ", "source: no-such-"),
    }.items():
        path = root / f"2020-town-{n:02d}-mayor" / "okafor.yaml"
        path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")
    assert len(list(root.iterdir())) - 2 >= parallel.MIN_ITEMS
    return root


def test_validate_reports_the_same_problems_in_one_process_or_several(run, many_races):
    alone = run("validate", data=many_races, env={"PLATFORMS_JOBS": "1"})
    shared = run("validate", data=many_races, env={"PLATFORMS_JOBS": "2"})
    assert alone.exit_code == shared.exit_code == 1
    assert alone.stdout == shared.stdout and alone.stderr == shared.stderr
    broken = [
        line.split("/")[0]
        for line in alone.stdout.splitlines()
        if line.startswith("2020-town") and ": error: " in line
    ]
    assert broken == sorted(broken) and {
        "2020-town-07-mayor",
        "2020-town-40-mayor",
        "2020-town-78-mayor",
    } <= set(broken)


def test_an_index_built_on_several_cpus_answers_like_the_yaml(run, many_races, tmp_path):
    for n in (7, 40, 78):
        shutil.rmtree(many_races / f"2020-town-{n:02d}-mayor")
    for query in (
        ("filter", "--stance", "support", "--format", "json"),
        ("filter", "--text", "rent", "--format", "csv"),
    ):
        plain = run(*query, data=many_races, env={"PLATFORMS_NO_INDEX": "1"})
        built = run(
            *query,
            data=many_races,
            env={"PLATFORMS_JOBS": "2", "XDG_CACHE_HOME": str(tmp_path / "c")},
        )
        warm = run(*query, data=many_races, env={"XDG_CACHE_HOME": str(tmp_path / "c")})
        assert plain.exit_code == built.exit_code == warm.exit_code == 0
        assert plain.stdout == built.stdout == warm.stdout and plain.stdout.count("2020-") > 80


def _where_and_what(context: int, item: int) -> tuple[int, int]:
    return os.getpid(), item * context


def test_work_is_spread_over_processes_only_when_it_is_large(monkeypatch):
    monkeypatch.setenv("PLATFORMS_JOBS", "2")
    many = list(parallel.ordered_map(_where_and_what, 3, range(100)))
    assert [value for _, value in many] == [n * 3 for n in range(100)]
    assert os.getpid() not in {pid for pid, _ in many}
    few = list(parallel.ordered_map(_where_and_what, 3, range(10)))
    assert {pid for pid, _ in few} == {os.getpid()}
    monkeypatch.setenv("PLATFORMS_JOBS", "1")
    assert {pid for pid, _ in parallel.ordered_map(_where_and_what, 3, range(100))} == {os.getpid()}


_LONG_MAP = """
import time
from cli.dataset import parallel

def nap(context, item):
    time.sleep(0.02)
    return item

for _ in parallel.ordered_map(nap, None, range(5000)):
    pass
"""


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(n) for n in (task / "children").read_text().split()}
    return found


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux's /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_exit_when_their_parent_is_killed(how):
    parent = subprocess.Popen(
        [sys.executable, "-c", _LONG_MAP], env={**os.environ, "PLATFORMS_JOBS": "2"}
    )
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 20
        while len(workers) < 2 and time.monotonic() < deadline and parent.poll() is None:
            time.sleep(0.05)
            workers = _children(parent.pid)
        assert len(workers) == 2, "the workers never started"
        parent.send_signal(how)
        parent.wait(10)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.05)
        assert not [w for w in workers if _alive(w)], "workers outlived their parent"
    finally:
        parent.kill()
        parent.wait()
        for worker in workers:
            if _alive(worker):
                os.kill(worker, signal.SIGKILL)


def _alive(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie, dead but not yet reaped, counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][0] != "Z"
    except OSError:
        return False
