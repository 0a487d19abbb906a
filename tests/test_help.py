"""`platforms --help` as a new user reads it, and the options every command takes."""

from __future__ import annotations

import re

from cli.commands.main import SECTIONS, cli
from tests.conftest import FIXTURES

BASE = FIXTURES / "base"


def test_help_groups_every_command_for_voters_teachers_and_curators(run):
    result = run("--help", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    text = result.stdout
    headings = [line[:-1] for line in text.splitlines() if re.fullmatch(r"[A-Z][\w ]+:", line)]
    assert headings == ["Options", *SECTIONS]  # every command is in a section of SECTIONS
    for name, command in cli.commands.items():
        if not command.hidden:
            assert re.search(rf"^  {re.escape(name)} ", text, re.M), name
    assert "..." not in text.split("Options:")[1]  # every summary whole, to its sentence end
    assert "``" not in run("person", "--help").stdout  # no reStructuredText markup


def test_global_options_work_after_any_command(run):
    before = run("--data", str(BASE), "candidates", "--format", "json")
    after = run("candidates", "--format", "json", "--data", str(BASE))
    assert after.exit_code == 0 and after.stdout == before.stdout
    for words in (["compare", "--race", "2020-springfield-mayor"], ["races"], ["new", "race"]):
        result = run(*words, "--no-color", "--help")
        assert result.exit_code == 0 and "--no-color" in result.stdout and "--data" in result.stdout
    shown = run("--data", str(BASE), "compare", "--no-color", "--race", "2020-springfield-mayor")
    assert shown.exit_code == 0 and "\x1b[" not in shown.stdout


def test_data_after_the_command_must_be_a_folder(run, tmp_path):
    result = run("races", "--data", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "nowhere" in result.stderr
