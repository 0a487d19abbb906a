"""Hostile input: every case of docs/hostile.py against the installed command, and the
file-system races and terminal escapes in-process."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

from cli.dataset import layout as files
from cli.dataset.load import read_dataset
from tests.conftest import dataset_copy
from tests.test_console_script import console_script

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("hostile", ROOT / "docs" / "hostile.py")
hostile = importlib.util.module_from_spec(_spec)
sys.modules["hostile"] = hostile  # dataclasses look their module up there
_spec.loader.exec_module(hostile)

OKAFOR = "2020-springfield-mayor/okafor.yaml"


@pytest.mark.skipif(console_script() is None, reason="the package is not installed")
@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=[pytest.mark.slow] if c.slow else []) for c in hostile.CASES],
    ids=[c.name for c in hostile.CASES],
)
def test_hostile_case_keeps_every_promise(tmp_path, case):
    reason = hostile.skip_reason(case)
    if reason:
        pytest.skip(reason)
    os.chmod(tmp_path, 0o755)
    for args, outcome in hostile.run_case(case, tmp_path):
        assert outcome.failures == [], (args, outcome.stdout[-2000:], outcome.stderr[-2000:])


def test_the_hostile_table_is_current():
    table = (ROOT / "docs" / "hostile-input.md").read_text("utf-8")
    for number, case in enumerate(hostile.CASES, 1):
        assert f"| {number} | {case.group}: {case.name} |" in table
    assert f"{len(hostile.CASES)} hostile cases, 0 broken promises." in table


def test_a_file_that_vanishes_after_listing_is_reported(tmp_path, monkeypatch):
    root = dataset_copy(tmp_path)
    listed = files.scan

    def scan_then_delete(path):
        layout = listed(path)
        assert "okafor" in layout.races["2020-springfield-mayor"].candidates
        (root / OKAFOR).unlink()
        return layout

    monkeypatch.setattr("cli.dataset.load.scan", scan_then_delete)
    problems = read_dataset(root).problems
    assert [(p.path, p.code) for p in problems] == [(OKAFOR, "missing-file")]


def test_an_unreadable_file_is_reported_not_raised(tmp_path, monkeypatch):
    root = dataset_copy(tmp_path)
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith("okafor.yaml"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    problems = read_dataset(root).problems
    assert [(p.path, p.code, p.message) for p in problems] == [
        (OKAFOR, "unreadable", "cannot read the file: Permission denied")
    ]


def test_links_and_special_files_are_never_followed(tmp_path):
    root = dataset_copy(tmp_path)
    race = root / "2020-springfield-mayor"
    outside = tmp_path / "secret.yaml"
    outside.write_text("name: SECRET\n", "utf-8")
    (race / "okafor.yaml").unlink()
    os.symlink(outside, race / "okafor.yaml")
    os.symlink(race / "loop.yaml", race / "loop.yaml")
    (race / "folder.yaml").mkdir()
    os.mkfifo(race / "pipe.yaml")
    os.symlink(race, root / "2020-linked-mayor")
    found = {(p.path, p.code) for p in read_dataset(root).problems}
    assert found == {
        (OKAFOR, "outside-link"),
        ("2020-springfield-mayor/loop.yaml", "bad-link"),
        ("2020-springfield-mayor/folder.yaml", "not-a-file"),
        ("2020-springfield-mayor/pipe.yaml", "not-a-file"),
        ("2020-linked-mayor", "bad-link"),
    }


def test_control_characters_are_shown_never_sent(run, tmp_path):
    root = dataset_copy(tmp_path, "control-character")
    text = run("compare", "okafor", "chen", "--topic", "rent-control", data=root).stdout
    assert "\x1b" not in text and "\u202e" not in text
    assert "<U+001B>[2J" in text and "<U+202E>years" in text
    record = run("show", "okafor", "--format", "json", data=root).stdout
    assert "\x1b" not in record and "\\u001b[2J" in record
    assert json.loads(record)["positions"][0]["summary"].startswith("Cap rent increases\x1b")


def test_handout_format_follows_the_output_extension(run, tmp_path):
    out = tmp_path / "sheet.md"
    result = run("handout", "okafor", "chen", "-o", str(out), data=dataset_copy(tmp_path / "d"))
    assert result.exit_code == 0 and out.read_text("utf-8").startswith("# ")
    unclear = run(
        "handout",
        "okafor",
        "chen",
        "-o",
        str(tmp_path / "sheet.txt"),
        data=dataset_copy(tmp_path / "e"),
    )
    assert unclear.exit_code == 2 and "give --format html, markdown, latex or pdf" in unclear.stderr
