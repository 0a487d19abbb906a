"""Numbers as the format writes them (issue 27): plain integers and decimals of at most 15
digits; YAML 1.1's other numerals (octal, hex, binary, base 60, separators, exponents) and
longer numbers are located errors in every command, never a crash or a silent other number.
A number on the command line (filter's bounds, a timeout) is a finite one. And two small
ones: a name's Unicode form is not a different name, and a URL's port is one a server can
have."""

from __future__ import annotations

import json
import re
import shutil
import time
import unicodedata

import pytest
import yaml

from cli.dataset import safeyaml
from cli.dataset.load import read_dataset
from tests.conftest import dataset_copy
from tests.test_git_safety import git

R = "2020-springfield-mayor"
OKAFOR = f"{R}/okafor.yaml"
#: where okafor's target value stands in the base fixture: line 24, column 16
VALUE_AT = f"{OKAFOR}:24:16: error: "


def _with_value(root, numeral: str) -> None:
    """okafor.yaml with its target's value (line 24) written as ``numeral``."""
    path = root / OKAFOR
    text = re.sub(r"(?m)^( {8}value: ).*$", lambda m: m[1] + numeral, path.read_text("utf-8"))
    path.write_text(text, "utf-8")


def _codes(run, root) -> list[tuple[str, int, int]]:
    report = json.loads(run("validate", "--format", "json", data=root).stdout)
    return [(p["code"], p["line"], p["column"]) for p in report["problems"]]


HUGE = [
    "9" * 309,  # float() overflows
    "9" * 5_000,  # over Python's 4,300-digit limit of int()
    "1" + "0" * 400 + ".5",  # a float that reads as inf
    "0x" + "f" * 4_000,
    "0b" + "1" * 5_000,
    "1" + ":59" * 3_000,  # base 60
]


@pytest.mark.parametrize("numeral", HUGE, ids=lambda n: f"{n[:6]}..{len(n)}")
def test_a_number_too_long_to_hold_is_a_located_error(run, base, numeral):
    _with_value(base, numeral)
    result = run("validate", data=base)
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.stdout + result.stderr
    assert VALUE_AT in result.stdout
    assert numeral not in result.stdout  # the message shows the start of it, not all of it
    (code,) = {code for code, line, _ in _codes(run, base) if line == 24}
    assert code in ("too-many-digits", "number-notation")


@pytest.mark.parametrize(
    "command",
    [
        ("compare", "okafor", "chen"),
        ("filter",),
        ("show", "okafor"),
        ("handout", "okafor", "chen", "--format", "markdown"),
        ("person", "chidi-okafor"),
        ("diff", "okafor", "chen"),
    ],
    ids=lambda c: c[0],
)
def test_every_command_answers_a_huge_number_with_its_place(run, tmp_path, command):
    root = dataset_copy(tmp_path, "person-name-differs")
    _with_value(root, "9" * 309)
    result = run(*command, data=root)
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.stdout + result.stderr
    assert f"{OKAFOR}:25:16: error: " in result.stderr


def test_the_longest_number_the_format_holds_reads_exactly(run, base):
    _with_value(base, "999999999999999")
    assert ("too-many-digits", 24, 16) not in _codes(run, base)
    _with_value(base, "1000000000000000")  # 16 digits
    assert ("too-many-digits", 24, 16) in _codes(run, base)


@pytest.mark.parametrize(
    ("numeral", "yaml_reads", "says"),
    [
        ("040", "32", "write 40"),
        ("1:30", "90", "base-60"),
        ("0x10", "16", "hexadecimal"),
        ("0b101", "5", "binary"),
        ("1_000", "1000", "write 1000"),
        ("4.0e+1", "40", "write 40"),
        (".5", "0.5", "write 0.5"),
    ],
)
def test_a_yaml_1_1_numeral_is_an_error_not_another_number(run, base, numeral, yaml_reads, says):
    _with_value(base, numeral)
    assert ("number-notation", 24, 16) in _codes(run, base)
    result = run("validate", data=base)
    (line,) = [line for line in result.stdout.splitlines() if line.startswith(VALUE_AT)]
    assert f"'{numeral}'" in line and yaml_reads in line and says in line, line
    assert "quote it" in line
    shown = run("show", "okafor", data=base)
    assert shown.exit_code == 1 and f"{yaml_reads} officers" not in shown.stdout + shown.stderr


@pytest.mark.parametrize("numeral", ["40", "0", "+40", "-3", "40.5", "0.25", "2.50"])
def test_plain_integers_and_decimals_read_as_written(numeral):
    doc = safeyaml.parse(f"value: {numeral}\n", "f.yaml")
    assert doc.problems == [] and doc.data == {"value": yaml.safe_load(numeral)}


@pytest.mark.parametrize("numeral", [*HUGE, "040", "1:30", "0x10", "1.5e+6", "2020-01-01"])
def test_both_readers_and_both_parsers_read_a_numeral_alike(monkeypatch, numeral):
    text = f"a: x\nvalue: {numeral}\nlist: [1, {numeral}]\n"
    quick, events = safeyaml.parse(text, "f.yaml"), safeyaml.read_events(text, "f.yaml")
    monkeypatch.setattr(safeyaml, "_Loader", yaml.SafeLoader)
    python = safeyaml.read_events(text, "f.yaml")
    for doc in (events, python):
        assert doc.data == quick.data
        assert [(p.code, p.line, p.column, p.message) for p in doc.problems] == [
            (p.code, p.line, p.column, p.message) for p in quick.problems
        ]


@pytest.mark.parametrize("numeral", ["9" * 9_000, "0x" + "f" * 9_000, "1" + ":59" * 3_000])
def test_long_numerals_are_refused_in_linear_time(numeral):
    def seconds(count: int) -> float:
        text = "".join(f"k{i}: {numeral}\n" for i in range(count))
        started = time.monotonic()
        assert len(safeyaml.parse(text, "f.yaml").problems) == count
        return time.monotonic() - started

    small = seconds(8)
    assert seconds(80) < max(0.5, 20 * small)  # 10 x the input, not 100 x


@pytest.mark.parametrize("key", ["040", "0x10", "9" * 1_000, "1:30", "1.5", "yes"])
def test_a_numeral_as_a_key_asks_for_quotes(key):
    (problem,) = safeyaml.parse(f"{key}: x\n", "f.yaml").problems
    assert problem.code == "wrong-type" and "quote it" in problem.message
    assert len(problem.message) < 200


def test_a_number_is_text_where_the_curator_quoted_it(base):
    path = base / OKAFOR
    path.write_text(path.read_text("utf-8").replace("party: Democratic", "party: '0x10'"), "utf-8")
    assert read_dataset(base).problems == []


@pytest.mark.parametrize("weight", ["9" * 309, "9" * 5_000, "0x" + "f" * 4_000, "02"])
def test_a_bad_number_in_an_answers_file_is_located(run, base, tmp_path, weight):
    answers = tmp_path / "answers.yaml"
    answers.write_text(f"answers:\n  transit:\n    answer: support\n    weight: {weight}\n")
    result = run("match", "--answers", str(answers), data=base)
    assert result.exit_code == 1 and "internal error" not in result.stdout + result.stderr
    assert f"{answers}:4:13: error: " in result.stderr
    assert weight not in result.stdout + result.stderr or len(weight) < 10


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("numeral", ["9" * 309, "9" * 5_000, "040"])
def test_history_and_changes_read_an_old_commit_s_huge_number(run, base, numeral):
    git(base, "init", "-q")
    git(base, "add", "-A")
    git(base, "commit", "-qm", "Springfield")
    _with_value(base, numeral)
    path = base / OKAFOR
    path.write_text(path.read_text("utf-8").replace("Hire forty", "Hire many"), "utf-8")
    git(base, "commit", "-qam", "a number no one can hold")
    _with_value(base, "41")
    git(base, "commit", "-qam", "fixed")
    history = run("history", "okafor", "--topic", "police-budget", data=base)
    assert history.exit_code == 0, history.output
    assert "a number no one can hold" in history.stdout and "Hire many" in history.stdout
    for revisions in (("HEAD~2", "HEAD~1"), ("HEAD~1", "HEAD"), ("HEAD~1",)):
        changed = run("changes", *revisions, data=base)
        assert changed.exit_code == 0, changed.output
    assert "Hire many more officers" in run("changes", "HEAD~2", "HEAD~1", data=base).stdout


# --- numbers on the command line ------------------------------------------------------


@pytest.mark.parametrize("bound", ["nan", "NaN", "inf", "-inf", "1e999"])
@pytest.mark.parametrize("option", ["--min", "--max"])
def test_filter_bounds_are_finite_numbers(run, base, option, bound):
    result = run("filter", "--measure", "officers-added", option, bound, data=base)
    assert result.exit_code == 2
    assert "is not a finite number" in result.stderr


@pytest.mark.parametrize(
    "command", [("check-quotes", "okafor"), ("cite", "--race", R, "https://example.org/")]
)
def test_a_timeout_is_a_finite_number(run, base, command):
    result = run(*command, "--timeout", "nan", data=base)
    assert result.exit_code == 2
    assert "'nan' is not a finite number" in result.stderr


# --- names and addresses --------------------------------------------------------------


def test_one_name_in_two_unicode_forms_is_one_name(run, tmp_path):
    root = dataset_copy(tmp_path, "person-name-differs")
    for path, form in (
        (root / OKAFOR, "NFC"),
        (root / "2024-springfield-mayor/okafor2.yaml", "NFD"),
    ):
        text = path.read_text("utf-8")
        name = text.splitlines()[0].removeprefix("name: ")
        path.write_text(text.replace(name, unicodedata.normalize(form, "Chídi Okafor")), "utf-8")
    assert "person-name-differs" not in [p.code for p in read_dataset(root).problems]


@pytest.mark.parametrize("port", ["99999", "65536", "0", "http", "9" * 5_000])
def test_a_url_with_a_port_no_server_can_have_is_located(run, base, port):
    sources = base / R / "sources.yaml"
    text = sources.read_text("utf-8")
    sources.write_text(
        text.replace("https://gazette.example.org/debate", f"https://gazette.example.org:{port}/d"),
        "utf-8",
    )
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "example.org/debate" in t)
    (problem,) = read_dataset(base).problems
    assert (problem.code, problem.path, problem.line) == ("bad-url", f"{R}/sources.yaml", line)
    assert "a port is a number from 1 to 65535" in problem.message
    assert len(problem.message) < 200


def test_cite_refuses_an_address_with_a_port_no_server_can_have(run, base):
    result = run("cite", "--race", R, "https://example.org:99999/page", data=base)
    assert result.exit_code == 2 and "one from 1 to 65535" in result.stderr
