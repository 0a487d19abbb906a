"""The located YAML reader: plain values only, positions kept, the same with or without libyaml."""

from __future__ import annotations

import pytest
import yaml

from cli.dataset import safeyaml
from tests.conftest import marks, reading


def codes(text: str) -> list[str]:
    return [p.code for p in safeyaml.parse(text, "f.yaml").problems]


@pytest.mark.parametrize("read", [safeyaml.parse, safeyaml.read_events])
def test_values_and_positions(read):
    doc = read("a: 1\nb:\n  - x\n  - 'y'\nc: 2022-06-07\nd: 2022\n", "f.yaml")
    assert doc.data == {"a": 1, "b": ["x", "y"], "c": "2022-06-07", "d": 2022}
    assert doc.mark(("b", 1)) == (4, 5) and doc.mark(("b", 1), key=True) == (4, 5)
    assert doc.mark(("c",)) == (5, 4) and doc.mark(("c",), key=True) == (5, 1)
    assert doc.mark(("b", 7)) == (3, 3) and doc.mark(("zz", "y"), key=True) == (1, 1)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: [x, 'y', {c: 2020-01-01, 2021-01-01: d}]\nname: Núñez 陈美玲\nq: \"x\"\n",
        "# a comment first\n\nlist:\n- a\n- - b\n  - c: |\n      block\n    d: >-\n      folded\n",
        "a: \"tab\\there\"\nb: '50% & more'\n",
        'a: "\\u202e"\n',
        "a: 1\na: 2\n",
        "<<: {a: 1}\n",
        "yes: 1\n",
        "x: .inf\n",
        "- " * 40 + "x",
        "[" * 32 + "]" * 32,
        "[" * 33 + "]" * 33,
        "a: 1\n---\nb: 2\n",
        "",
        "- " * 120 + "x",
        "[" * 300 + "]" * 300,
    ],
)
def test_the_quick_path_reads_exactly_like_the_event_reader(text):
    assert reading(safeyaml.parse(text, "f.yaml")) == reading(safeyaml.read_events(text, "f.yaml"))


def test_plain_files_take_the_quick_path_and_others_the_event_reader():
    assert safeyaml.parse("a: [1, {b: 'c'}]\n", "f.yaml").node is not None
    assert safeyaml.parse("a: &x 1\n", "f.yaml").node is None


# Each text, and where its 33rd level opens: the place the format's own bound reports, on
# every PyYAML release (6.0.4's libyaml caps flow nesting itself, 1,000 levels in).
DEEP = [
    ("- " * 100_000 + "x", (1, 65)),
    ("[" * 100_000 + "]" * 100_000, (1, 33)),
    ("{a: " * 2_000 + "}" * 2_000, (1, 129)),
    ("x: [" + "[" * 1_500 + "]" * 1_501 + "\n", (1, 35)),
    ("a:\n" + "".join(" " * n + f"k{n}:\n" for n in range(1, 900)), (33, 33)),
]


@pytest.mark.parametrize(("text", "place"), DEEP)
def test_nesting_too_deep_for_the_composer_is_reported_not_a_crash(text, place):
    (problem,) = [p for p in safeyaml.parse(text, "f.yaml").problems if p.code == "too-deep"]
    assert (problem.line, problem.column) == place


@pytest.mark.parametrize(("text", "place"), DEEP)
def test_too_deep_is_placed_alike_by_libyaml_and_the_pure_python_reader(text, place):
    pure = safeyaml._read_events_with(yaml.SafeLoader, text, "f.yaml")
    assert [(p.code, p.line, p.column) for p in pure.problems] == [("too-deep", *place)]


def test_bom_and_crlf_read_like_plain_lf():
    plain = safeyaml.parse("a: 1\nb: two\n", "f.yaml")
    odd = safeyaml.parse("\ufeffa: 1\r\nb: two\r\n", "f.yaml")
    assert reading(odd) == reading(plain)
    assert odd.problems == []


def test_tags_are_reported_and_never_constructed():
    doc = safeyaml.parse("a: !!python/object:os.system ls\nb: !custom x\nc: !!str 5\n", "f.yaml")
    assert [p.code for p in doc.problems] == ["tag", "tag", "tag"]
    assert doc.data == {"a": "ls", "b": "x", "c": "5"}


def test_anchor_and_alias_are_errors_and_aliases_never_expand():
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c, *c]\n"
    doc = safeyaml.parse(bomb, "f.yaml")
    assert set(codes(bomb)) == {"anchor", "alias"}
    assert doc.data["d"] == [None, None, None]


def test_duplicate_key_keeps_the_first_value_and_names_both_lines():
    doc = safeyaml.parse("a: first\nb: 1\na: second\n", "f.yaml")
    assert doc.data["a"] == "first"
    (problem,) = doc.problems
    assert (problem.code, problem.line) == ("duplicate-key", 3)
    assert "line 1" in problem.message


@pytest.mark.parametrize(
    "text, code",
    [
        ("", "empty-file"),
        ("# only a comment\n", "empty-file"),
        ("a: 1\n---\nb: 2\n", "multiple-documents"),
        ("a: [1, 2\n", "invalid-yaml"),
        ("<<: {a: 1}\n", "merge-key"),
        ("? [a]\n: 1\n", "complex-key"),
        ("a: .nan\n", "non-finite-number"),
        ("a: -.inf\n", "non-finite-number"),
        ("a:\n\t- b\n", "invalid-yaml"),
        ("[" * 200 + "]" * 200, "too-deep"),
        ("a: \x07\n", "invalid-yaml"),
    ],
)
def test_malformed_input_is_a_located_problem(text, code):
    assert code in codes(text)


def test_non_string_keys_are_reported():
    assert codes("yes: 1\n2: b\n") == ["wrong-type", "wrong-type"]


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml")
@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: [x, 'y', {c: 2020-01-01}]\nname: Núñez 陈美玲\nq: \"x\"\n",
        "a: &x 1\nb: *x\nc: !!binary aGk=\n",
        "a: 1\na: 2\n",
        "- [\n",
        "x: 1.5e3\ny: 0x1F\nz: ~\n",
    ],
)
def test_c_and_pure_python_parsers_agree(monkeypatch, text):
    fast = safeyaml.parse(text, "f.yaml")
    monkeypatch.setattr(safeyaml, "_Loader", yaml.SafeLoader)
    slow = safeyaml.read_events(text, "f.yaml")
    assert (fast.data, marks(fast)) == (slow.data, marks(slow))
    assert [(p.code, p.line) for p in fast.problems] == [(p.code, p.line) for p in slow.problems]


@pytest.mark.parametrize("loader", ["C", "pure Python"])
def test_a_forbidden_character_is_located_by_both_parsers(monkeypatch, loader):
    if loader == "C" and not yaml.__with_libyaml__:
        pytest.skip("PyYAML was built without libyaml")
    if loader != "C":
        monkeypatch.setattr(safeyaml, "_Loader", yaml.SafeLoader)
    (problem,) = safeyaml.parse("a: 1\nname: Çhïdi\x00Okafor\n", "f.yaml").problems
    assert (problem.code, problem.line, problem.column) == ("invalid-yaml", 2, 12)
