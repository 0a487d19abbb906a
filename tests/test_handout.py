"""Handouts: complete documents in HTML, Markdown and LaTeX, inert with any text."""

from __future__ import annotations

import csv
import io
import os
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cli.output.formats import table_formats
from tests.conftest import FIXTURES, dataset_copy

BASE = FIXTURES / "base"
RACE = "2020-springfield-mayor"
HOSTILE_NAME = r"<script>alert(1)</script> & Sons 100% $5 #1 a_b {x} ~ ^ \input{/etc/passwd}"
HOSTILE_SUMMARY = '=HYPERLINK("http://evil.example/steal","click") | *bold* [x](y) `code`'


@pytest.fixture
def hostile(tmp_path) -> Path:
    """The base dataset plus a candidate whose name and summary are hostile text."""
    root = dataset_copy(tmp_path)
    name = HOSTILE_NAME.replace("'", "''")
    summary = HOSTILE_SUMMARY.replace("'", "''")
    (root / RACE / "mallory.yaml").write_text(
        f"name: '{name}'\npositions:\n  rent-control:\n    stance: support\n"
        f"    summary: '{summary}'\n    citations:\n      - source: gazette-debate\n"
        f"        quote: '{name}'\n  transit:\n    stance: oppose\n    summary: No.\n"
        "    citations:\n      - source: gazette-debate\n        quote: No.\n"
        "  police-budget:\n    stance: mixed\n    summary: Maybe.\n    citations:\n"
        "      - source: gazette-debate\n        quote: Maybe.\n",
        "utf-8",
    )
    return root


class Structure(HTMLParser):
    """Collects tags, attributes and text of an HTML document."""

    def __init__(self):
        super().__init__()
        self.tags, self.links, self.text, self.styles = [], [], [], []
        self._in = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in = tag
        if tag == "a":
            self.links.append(dict(attrs).get("href"))
        if tag == "link" or (tag in ("img", "script", "iframe")):
            self.styles.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def parse_html(text: str) -> Structure:
    parser = Structure()
    parser.feed(text)
    return parser


def test_html_handout_structure(run):
    out = run("handout", "okafor", "alvarez", "--format", "html", data=BASE).stdout
    page = parse_html(out)
    assert out.startswith("<!DOCTYPE html>")
    assert "script" not in page.tags and not page.styles  # self-contained, no scripts
    assert page.tags.count("style") == 1 and "@media print" in out
    assert page.tags.count("tr") == 5  # header, three topics, and the measure okafor set
    text = " ".join(page.text)
    assert "How to read this." in text and "Should city buses be free to ride?" in text
    assert text.index("María Álvarez-Núñez") < text.index("Chidi Okafor")  # alphabetical
    assert "alphabetical order of surname" in text
    assert "Licence: CC0-1.0" in text and "Data: Test fixture dataset" in text
    assert all(link.startswith(("#note-", "http://", "https://")) for link in page.links)
    assert "Rent caps keep families in their homes." in text


def test_ballot_order_keeps_the_order_given(run):
    out = run(
        "handout", "okafor", "alvarez", "--format", "markdown", "--order", "ballot", data=BASE
    ).stdout
    assert out.index("Chidi Okafor") < out.index("María Álvarez-Núñez")
    assert "in the order the handout was requested in" in out


def test_hostile_text_is_inert_in_html(run, hostile):
    out = run("handout", "--race", RACE, "--format", "html", data=hostile).stdout
    page = parse_html(out)
    assert "script" not in page.tags
    assert HOSTILE_NAME in "".join(page.text)
    assert HOSTILE_SUMMARY in "".join(page.text)


def test_hostile_text_is_inert_in_markdown(run, hostile):
    out = run("handout", "--race", RACE, "--format", "markdown", data=hostile).stdout
    assert "<script>" not in out and r"\<script\>alert(1)\</script\>" in out
    table = [line for line in out.splitlines() if line.startswith("| **Rent control**")][0]
    assert table.count(" | ") == 4  # topic + four candidates: no cell was split by a |
    assert r"\*bold\* \[x\](y) \`code\`" in table


def test_hostile_text_is_inert_in_latex(run, hostile):
    out = run("handout", "--race", RACE, "--format", "latex", data=hostile).stdout
    assert r"\input{" not in out
    assert (
        r"\textless{}script\textgreater{}\allowbreak{}alert(1)\allowbreak{}\textless{}/"
        r"\allowbreak{}script\textgreater{} \& Sons 100\% \$5 \#1 a\_b \{x\} "
        r"\textasciitilde{} \textasciicircum{} \textbackslash{}input\{/\allowbreak{}etc/"
        r"\allowbreak{}passwd\}"
    ) in out


def test_hostile_text_is_inert_in_csv(run, hostile):
    out = run("compare", "--race", RACE, "--format", "csv", data=hostile).stdout
    rows = list(csv.reader(io.StringIO(out)))
    summaries = [cell for row in rows for cell in row if "HYPERLINK" in cell]
    assert summaries == ["'" + HOSTILE_SUMMARY]


@pytest.mark.parametrize("fmt", table_formats())
def test_every_tabulate_format_renders_hostile_text(run, hostile, fmt):
    result = run("compare", "--race", RACE, "--format", fmt, data=hostile)
    assert result.exit_code == 0
    if "html" in fmt:
        assert "<script>" not in result.stdout
    if fmt.startswith("latex"):
        assert r"\input{" not in result.stdout


def test_output_file_is_written_atomically_and_never_clobbered(run, tmp_path):
    target = tmp_path / "handout.md"
    first = run("handout", "alvarez", "--format", "markdown", "-o", str(target), data=BASE)
    assert first.exit_code == 0 and target.read_text("utf-8").startswith("# 2020 Springfield")
    mask = os.umask(0o022)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask  # as any new file, not 0600
    target.write_text("keep me", "utf-8")
    second = run("handout", "alvarez", "--format", "markdown", "-o", str(target), data=BASE)
    assert second.exit_code == 1 and "add --force" in second.stderr
    assert target.read_text("utf-8") == "keep me"
    third = run(
        "handout", "alvarez", "--format", "markdown", "-o", str(target), "--force", data=BASE
    )
    assert third.exit_code == 0 and target.read_text("utf-8") != "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handout.md"]  # no temporary left


def test_failed_run_leaves_no_file(run, tmp_path):
    target = tmp_path / "out.html"
    result = run("handout", "nobody", "--format", "html", "-o", str(target), data=BASE)
    assert result.exit_code == 2 and list(tmp_path.iterdir()) == []


def _special_outputs(tmp_path):
    """Paths that are not regular files: a dangling link, a link to a file, a pipe."""
    kept = tmp_path / "kept.html"
    kept.write_text("the teacher's own file\n", "utf-8")
    dangling, linked, fifo = (
        tmp_path / "dangling.html",
        tmp_path / "link.html",
        tmp_path / "fifo.html",
    )
    os.symlink(tmp_path / "nowhere.html", dangling)
    os.symlink(kept, linked)
    os.mkfifo(fifo)
    return kept, [dangling, linked, fifo]


@pytest.mark.parametrize("force", [False, True])
def test_output_goes_only_to_a_regular_file_or_a_new_path(run, tmp_path, force):
    kept, targets = _special_outputs(tmp_path)
    for target in targets:
        result = run(
            "handout",
            "alvarez",
            "--format",
            "html",
            "-o",
            str(target),
            *(["--force"] if force else []),
            data=BASE,
        )
        assert result.exit_code == 2 and "not a regular file" in result.stderr, target
        assert os.path.islink(target) or stat.S_ISFIFO(os.lstat(target).st_mode)
    assert not (tmp_path / "nowhere.html").exists()
    assert kept.read_text("utf-8") == "the teacher's own file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "dangling.html",
        "fifo.html",
        "kept.html",
        "link.html",
    ]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may make a device node")
def test_output_never_replaces_a_device_even_as_root(run, tmp_path):
    device = tmp_path / "null"  # a /dev/null of our own: the real one is never put at risk
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    result = run("handout", "alvarez", "--format", "html", "-o", str(device), "--force", data=BASE)
    assert result.exit_code == 2 and "a device" in result.stderr
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_latex_prints_a_run_of_three_or_more_notes_as_a_range(run):
    from cli.output.handout_markup import note_runs

    assert note_runs([1, 2, 3, 4, 7, 9, 10]) == ["1\u20134", "7", "9", "10"]
    latex = run("handout", "mamdani", "johnson", "2026-los-angeles-mayor/bass", "--format", "latex")
    assert "\\textsuperscript{[1\u20138]}" in latex.stdout  # Bass's eight police sources
