"""Issue 27's LaTeX case: a long URL in a summary and words thousands of characters long in
names, parties, summaries and quotes break inside their cells, however narrow, instead of
running over the next column and off the page. The source is read as text here; the slow
``render`` tests compile it with LuaLaTeX and XeLaTeX."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cli.output.escape import latex
from tests import rendering
from tests.conftest import dataset_copy

R = "2020-springfield-mayor"
URL = (
    "https://www.example.org/averyveryverylongpathsegmentwithoutbreaks/"
    "anotherlongpathsegmentwithoutanybreaks?q=" + "a" * 100
)
#: Over-long words are runs of one letter each, so that a run of them left whole in the
#: LaTeX source is easy to find.
LETTERS = "bcdfghjklmnp"


def long_words(tmp_path: Path, length: int) -> Path:
    """The base dataset, Okafor's transit summary holding ``URL``, and twelve more
    candidates whose name, party and speaker are words of ``length`` characters, and whose
    summary and quote hold the longest unbroken words their limits allow."""
    root = dataset_copy(tmp_path)
    okafor = root / R / "okafor.yaml"
    okafor.write_text(
        okafor.read_text("utf-8").replace(
            "Keep fares and spend the money on more frequent service.",
            f"Keep fares; the plan is at {URL} for all.",
        ),
        "utf-8",
    )
    for letter in LETTERS:
        (root / R / f"long-{letter}.yaml").write_text(
            f"name: Candidate {letter * length}\n"
            f"party: {letter * length}\n"
            "positions:\n  transit:\n    stance: support\n"
            f"    summary: Free buses {letter * 280}.\n"
            "    citations:\n      - source: gazette-debate\n"
            f"        quote: Frequency beats free {letter * 500}.\n"
            f"        speaker: {letter * length}\n",
            "utf-8",
        )
    return root


#: The handouts the tests read, with the length of the words in names: every candidate (a
#: section per topic), and four side by side, the narrowest columns A4 gives. There, the
#: names head the table in one row, which no typesetter splits across pages: a name of
#: 3,000 characters in a column 36 mm wide is taller than the page, however it breaks.
HANDOUTS = {
    "sections": (("--race", R), 3000),
    "columns": (("okafor", "chen", "alvarez", "long-b"), 300),
}


def source(run, tmp_path: Path, layout: str) -> str:
    args, length = HANDOUTS[layout]
    result = run("handout", *args, "--format", "latex", data=long_words(tmp_path, length))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("layout", list(HANDOUTS))
def test_every_long_word_and_url_can_break_in_the_latex_source(run, tmp_path, layout):
    tex = source(run, tmp_path, layout)
    assert [m.group(0)[:30] for m in re.finditer(f"[{LETTERS}]{{21,}}", tex)] == []
    assert "averyveryverylongpathsegmentwithoutbreaks" not in tex
    assert r"example.\allowbreak{}org/\allowbreak{}" in tex  # at its punctuation first


def test_a_line_may_break_anywhere_only_in_a_stretch_no_dictionary_holds():
    word = "counterrevolutionaries"  # 22 letters: TeX would leave it whole
    anywhere = word[0] + "".join(rf"\penalty50{{}}{c}" for c in word[1:-1]) + word[-1]
    assert latex(f"internationalization {word}") == f"internationalization {anywhere}"
    broken = latex("x" * 3000)
    assert max(len(piece) for piece in broken.split(r"\penalty50{}")) <= 2
    assert "\\penalty50{}\u0301" not in latex("x\u0301" * 30)  # a letter keeps its accent


@pytest.mark.slow
@pytest.mark.render
@pytest.mark.parametrize(
    "engine", [pytest.param(e, marks=rendering.needs(e)) for e in ("lualatex", "xelatex")]
)
@pytest.mark.parametrize("layout", list(HANDOUTS))
def test_long_words_and_urls_compile_without_overfull_boxes(run, tmp_path, engine, layout):
    _, log = rendering.compile_latex(source(run, tmp_path, layout), engine, tmp_path)
    assert rendering.overfull_boxes(log) == []
