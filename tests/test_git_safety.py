"""git as a hostile dataset repository would have it: a configuration that names programs,
paths holding newlines, huge blobs, many files, a shallow clone, no git at all."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cli.dataset.limits import MAX_CANDIDATE_FILES
from cli.history.gitrepo import Repository
from tests.conftest import dataset_copy

R = "2020-springfield-mayor"
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
        env={
            "GIT_AUTHOR_NAME": "T",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "T",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "HOME": str(cwd),
            "PATH": os.environ["PATH"],
        },
    ).stdout


def committed(tmp_path: Path) -> Path:
    root = dataset_copy(tmp_path)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Springfield positions")
    return root


def _set_stance(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text("utf-8").replace(f"stance: {old}", f"stance: {new}", 1), "utf-8")


def test_a_planted_configuration_runs_nothing(run, tmp_path):
    root = committed(tmp_path)
    okafor = root / R / "okafor.yaml"
    _set_stance(okafor, "oppose", "support")
    git(root, "commit", "-qam", "flip")
    marks = tmp_path / "marks"
    marks.mkdir()
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    for name in (
        "pre-commit",
        "post-checkout",
        "post-index-change",
        "fsmonitor-watchman",
        "reference-transaction",
        "pre-auto-gc",
    ):
        hook = hooks / name
        hook.write_text(f"#!/bin/sh\ntouch {marks}/hook-{name}\n")
        hook.chmod(0o755)
    program = tmp_path / "evil.sh"
    program.write_text(f'#!/bin/sh\ntouch {marks}/"$(basename "$0")-$$"\ncat\n')
    program.chmod(0o755)
    for key, value in {
        "core.fsmonitor": f"{program} fsmonitor",
        "core.hooksPath": str(hooks),
        "diff.external": str(program),
        "diff.evil.textconv": str(program),
        "diff.evil.command": str(program),
        "filter.evil.clean": str(program),
        "filter.evil.smudge": str(program),
        "filter.evil.process": str(program),
        "log.showSignature": "true",
        "gpg.program": str(program),
        "core.pager": str(program),
    }.items():
        git(root, "config", key, value)
    (root / ".gitattributes").write_text("* diff=evil filter=evil\n")
    os.utime(okafor, (1, 1))  # stat-dirty: status must look at the content
    assert run("handout", "okafor", "chen", "--format", "markdown", data=root).exit_code == 0
    assert run("history", "okafor", data=root).exit_code == 0
    assert run("changes", "HEAD~1", "HEAD", data=root).exit_code == 0
    assert run("changes", data=root).exit_code == 0
    assert sorted(p.name for p in marks.iterdir()) == []


def test_a_path_with_a_newline_renamed_later_keeps_every_version(run, tmp_path):
    root = committed(tmp_path)
    okafor = root / R / "okafor.yaml"
    original = okafor.read_text("utf-8")
    odd = root / R / "old\nname.yaml"
    git(root, "mv", f"{R}/okafor.yaml", f"{R}/old\nname.yaml")
    git(root, "commit", "-qm", "odd name")
    _set_stance(odd, "oppose", "support")
    git(root, "commit", "-qam", "support, under the odd name")
    git(root, "mv", f"{R}/old\nname.yaml", f"{R}/okafor.yaml")
    git(root, "commit", "-qm", "renamed back")
    okafor.write_text(original, "utf-8")
    git(root, "commit", "-qam", "oppose again")
    entries = json.loads(
        run("history", "okafor", "--topic", "transit", "--format", "json", data=root).stdout
    )
    assert [(e["stance"], e["change"]["kind"], e["message"]) for e in entries] == [
        ("oppose", "first", "Springfield positions"),
        ("support", "reversal", "support, under the odd name"),
        ("oppose", "reversal", "oppose again"),
    ]


def test_a_blob_over_the_size_limit_is_not_read(run, tmp_path):
    root = committed(tmp_path)
    okafor = root / R / "okafor.yaml"
    original = okafor.read_text("utf-8")
    okafor.write_text(
        original.replace("stance: oppose", "stance: support", 1) + "# " + "x" * 3_000_000 + "\n",
        "utf-8",
    )
    git(root, "commit", "-qam", "huge")
    okafor.write_text(original.replace("stance: oppose", "stance: mixed", 1), "utf-8")
    git(root, "commit", "-qam", "mixed")
    result = run("history", "okafor", "--topic", "transit", "--format", "json", data=root)
    assert [e["stance"] for e in json.loads(result.stdout)] == ["oppose", "mixed"]
    assert "over the limit of 1048576 bytes" in result.stderr


def test_a_race_folder_in_git_over_the_file_count_limit_is_refused(run, tmp_path):
    root = committed(tmp_path)
    chen = (root / R / "chen.yaml").read_text("utf-8")
    for n in range(MAX_CANDIDATE_FILES):
        (root / R / f"c{n}.yaml").write_text(chen, "utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "many")
    result = run("changes", "HEAD~1", "HEAD", data=root)
    assert result.exit_code == 1
    assert f"over the limit of {MAX_CANDIDATE_FILES} per race" in result.stderr


def test_a_shallow_clone_says_older_versions_are_missing(run, tmp_path):
    origin = committed(tmp_path / "origin")
    _set_stance(origin / R / "okafor.yaml", "oppose", "support")
    git(origin, "commit", "-qam", "flip")
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", "shallow")
    result = run("history", "okafor", data=tmp_path / "shallow")
    assert result.exit_code == 0
    assert "shallow clone: versions older than" in result.stderr
    assert "are not available" in result.stderr


def test_a_missing_git_says_so(run, tmp_path, monkeypatch):
    root = committed(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    result = run("history", "okafor", data=root)
    assert result.exit_code == 1 and "git is not installed" in result.stderr
    assert "not in a git repository" not in result.stderr


def test_revision_syntax_git_accepts_is_accepted(run, tmp_path):
    root = committed(tmp_path)
    _set_stance(root / R / "okafor.yaml", "oppose", "support")
    git(root, "commit", "-qam", "Okafor flips")
    git(root, "tag", "-a", "-m", "tagged", "v1")
    found = json.loads(
        run("changes", ":/Springfield positions", "v1", "--format", "json", data=root).stdout
    )
    assert [(c["topic"], c["after"]["stance"]) for c in found] == [("transit", "support")]
    assert Repository.of(root).commit(":/Okafor") == git(root, "rev-parse", "HEAD").strip()
