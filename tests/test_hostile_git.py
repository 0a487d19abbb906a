"""Issue 27's git cases: a dataset's repository is the one that holds it (never one it
merely sits in), git's refusal of another user's repository is said as git said it, and a
committed symbolic link reads as the file it names, as on disk."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cli.dataset import bundled
from tests.conftest import FIXTURES, dataset_copy
from tests.test_git_safety import R, committed, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def project(tmp_path: Path) -> Path:
    """A git repository with one commit and an ignored ``.venv/``, as a developer's
    project holds the virtual environment ``platforms`` was installed into."""
    top = tmp_path / "project"
    top.mkdir()
    git(top, "init", "-q")
    (top / ".gitignore").write_text(".venv/\n", "utf-8")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "An unrelated project")
    return top


def changes_json(run, root: Path, *revisions: str) -> list[dict]:
    result = run("changes", *revisions, "--format", "json", data=root)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# --- 13: the repository a dataset merely sits in is not its repository --------------------


def test_a_dataset_untracked_inside_another_repository_is_not_in_git(run, tmp_path):
    root = dataset_copy(project(tmp_path) / ".venv" / "lib")
    changes = run("changes", data=root)
    assert changes.exit_code == 1
    assert "change(s)" not in changes.stdout  # not every file listed as added
    assert "none of its files are tracked" in changes.stderr
    history = run("history", "okafor", data=root)
    assert history.exit_code == 1
    assert "none of its files are tracked" in history.stderr
    assert "commit it first" not in history.stderr
    handout = run("handout", "okafor", "chen", "--format", "markdown", data=root)
    assert handout.exit_code == 0 and "Dataset revision" not in handout.stdout


def test_the_installed_bundled_dataset_never_takes_an_enclosing_repository(
    run, tmp_path, monkeypatch
):
    top = project(tmp_path)
    package = top / "vendored" / "site-packages" / "cli"
    shutil.copytree(FIXTURES / "base", package / "bundled")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "Vendor the virtual environment")  # even when committed
    monkeypatch.setattr(bundled, "_PACKAGE", package)
    changes = run("changes", "HEAD~1", "HEAD")
    assert changes.exit_code == 1
    assert "installed with platforms" in changes.stderr and "--data" in changes.stderr
    assert run("history", "okafor").exit_code == 1
    handout = run("handout", "okafor", "chen", "--format", "markdown")
    assert handout.exit_code == 0 and "Dataset revision" not in handout.stdout


def test_a_dataset_tracked_in_a_folder_of_a_larger_repository_has_its_history(run, tmp_path):
    top = project(tmp_path)
    root = dataset_copy(top / "data")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "Springfield positions")
    okafor = root / R / "okafor.yaml"
    okafor.write_text(okafor.read_text("utf-8").replace("stance: oppose", "stance: mixed"))
    git(top, "commit", "-qam", "Okafor: mixed on transit")
    found = changes_json(run, root, "HEAD~1", "HEAD")
    assert [(c["topic"], c["after"]["stance"]) for c in found] == [("transit", "mixed")]
    handout = run("handout", "okafor", "chen", "--format", "markdown", data=root).stdout
    assert f"Dataset revision {git(top, 'rev-parse', '--short', 'HEAD').strip()}" in handout


# --- 14: git's refusal of another user's repository ---------------------------------------


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="a repository owned by another user is made with chown, which needs root",
)
def test_a_repository_of_another_user_says_what_git_refused_and_what_to_do(
    run, tmp_path, monkeypatch
):
    root = committed(tmp_path)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))  # no safe.directory of the real user's
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("SUDO_UID", raising=False)
    os.chown(root, 12345, 12345)
    result = run("history", "okafor", data=root)
    assert result.exit_code == 1
    assert "not in a git repository" not in result.stderr
    assert "owned by another user" in result.stderr
    assert f"git config --global --add safe.directory {root}" in result.stderr
    subprocess.run(
        ["git", "config", "--global", "--add", "safe.directory", str(root)],
        check=True,
        env={**os.environ},
    )
    assert run("history", "okafor", data=root).exit_code == 0


# --- 15: a committed symbolic link reads as the file it names -----------------------------


def test_a_committed_symlink_reads_as_the_file_it_names(run, tmp_path):
    root = committed(tmp_path)
    shared = root / ".shared"
    shared.mkdir()
    (root / R / "okafor.yaml").rename(shared / "okafor-2020.yaml")
    (shared / "current.yaml").symlink_to("okafor-2020.yaml")
    (root / R / "okafor.yaml").symlink_to("../.shared/current.yaml")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Okafor's file is a link now")
    assert changes_json(run, root, "HEAD~1", "HEAD") == []
    assert changes_json(run, root, "HEAD") == []  # the working tree reads the same


@pytest.mark.parametrize(
    "target", ["../../outside.yaml", "/etc/passwd", "nowhere.yaml", "okafor.yaml"]
)
def test_a_committed_symlink_out_of_the_dataset_or_nowhere_reads_as_on_disk(run, tmp_path, target):
    top = project(tmp_path)
    root = dataset_copy(top / "data")
    okafor = root / R / "okafor.yaml"
    (top / "outside.yaml").write_text(okafor.read_text("utf-8").replace("oppose", "support"))
    git(top, "add", "-A")
    git(top, "commit", "-qm", "Springfield positions")
    okafor.unlink()
    okafor.symlink_to(target)
    git(top, "add", "-A")
    git(top, "commit", "-qm", "Okafor's file is a link out of the dataset")
    committed_side = changes_json(run, root, "HEAD~1", "HEAD")
    assert committed_side == changes_json(run, root, "HEAD~1")  # as the working tree reads
    assert all(c["after"] is None for c in committed_side)  # nothing read from outside
    assert {c["topic"] for c in committed_side} == {"rent-control", "transit", "police-budget"}
