"""Handouts as readers see them: laid out by Chromium at a desktop and a phone width, printed
by Chromium and by WeasyPrint on A4 and Letter, compiled by LuaLaTeX and XeLaTeX, and read
back by poppler. Slow, so marked ``slow`` (left out of the default run) and ``render``:
``python -m pytest -q -m render`` runs them (``.ci/run`` runs every slow test); each is
skipped with the reason when its tool is missing.
"""

from __future__ import annotations

import re
import shutil

import pytest

from tests import rendering
from tests.conftest import BUNDLED, FIXTURES, dataset_copy
from tests.test_handout_content import MANY, MANY_NAMES, MANY_RACE

pytestmark = [pytest.mark.slow, pytest.mark.render]

BASE = FIXTURES / "base"
BUNDLED_TITLE = "2022 Los Angeles mayoral election"
#: (dataset, arguments) of the handouts every layout test looks at: one, two, three, four
#: (one with a hostile name) and ten candidates, a bundled race with its results, and
#: candidates of three races (a table and a source list that run over several pages).
CASES = {
    "one": (BASE, ("okafor",)),
    "bundled": (BUNDLED, ("bass", "caruso")),
    "three": (BASE, ("--race", "2020-springfield-mayor")),
    "four-hostile": (None, ("--race", "2020-springfield-mayor")),
    "ten-scripts": (MANY, ("--race", MANY_RACE)),
    "la-2026": (BUNDLED, ("--race", "2026-los-angeles-mayor")),
    "cross-race": (BUNDLED, ("mamdani", "johnson", "2026-los-angeles-mayor/bass")),
}
HOSTILE = "<script>alert(1)</script> & Sons — an unusually long candidate name"


def weasyprint_or_skip():
    """WeasyPrint, or a skip saying what is missing (the Python package or Pango)."""
    try:
        import weasyprint
    except ImportError:
        pytest.skip("WeasyPrint is not installed (pip install '.[pdf]')")
    except OSError as exc:
        pytest.skip(
            f"WeasyPrint cannot load Pango ({exc}); Debian: apt-get install "
            "libpango-1.0-0 libpangoft2-1.0-0"
        )
    return weasyprint


def dataset_of(case: str, tmp_path):
    root, args = CASES[case]
    if root is not None:
        return root, args
    root = dataset_copy(tmp_path)
    (root / "2020-springfield-mayor" / "mallory.yaml").write_text(
        f"name: '{HOSTILE}'\npositions:\n  transit:\n    stance: oppose\n"
        "    summary: Keep fares, and spend the money on more frequent buses on every line.\n"
        "    citations:\n      - source: gazette-debate\n        quote: No.\n",
        "utf-8",
    )
    return root, args


def html_of(run, case, tmp_path, *extra):
    root, args = dataset_of(case, tmp_path)
    result = run("handout", *args, "--format", "html", *extra, data=root)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def pdf_of(run, case, tmp_path, *extra):
    weasyprint_or_skip()
    root, args = dataset_of(case, tmp_path)
    target = tmp_path / f"{case}{'-'.join(extra)}.pdf"
    result = run("--debug", "handout", *args, "-o", str(target), "--force", *extra, data=root)
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr  # WeasyPrint understood all of the CSS (--debug)
    return target


def footer_pieces(text: str) -> list[str]:
    """What a page may hold and still be empty to a reader: running title, footer parts."""
    footer = re.search(r"Generated \d{4}-\d\d-\d\d by candidate-platforms[^\n]*(\n[^\n]+)?", text)
    return [
        BUNDLED_TITLE,
        "2026 Harbour City council election",
        "2020 Springfield mayoral election",
    ] + (footer.group(0).split() if footer else [])


def assert_pages_read_well(pdf):
    """No page holds only the footer or running title, no words print over others, and
    every note mark touches the word it belongs to."""
    whole = rendering.pdf_text(pdf)
    assert rendering.pages_holding_only(pdf, footer_pieces(whole)) == []
    assert rendering.overlapping_words(pdf) == []
    assert rendering.marks_off_their_word(pdf) == []


# --- HTML laid out by Chromium ----------------------------------------------------------


@rendering.needs("chromium")
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("case", list(CASES))
def test_nothing_overflows_and_no_word_is_split(run, tmp_path, case, width):
    measured = rendering.geometry(html_of(run, case, tmp_path), width, tmp_path)
    assert measured["width"] == width
    assert measured["problems"] == []
    assert measured["split"] == []


@rendering.needs("chromium")
def test_phone_width_stacks_topics_into_cards(run, tmp_path):
    html = html_of(run, "bundled", tmp_path)
    desk = rendering.geometry(html, 1280, tmp_path)
    phone = rendering.geometry(html, 390, tmp_path)
    assert phone["height"] > 1.5 * desk["height"]  # one column of cards, not a squeezed table


# --- printed by Chromium ----------------------------------------------------------------


@rendering.needs("chromium", "pdfinfo", "pdftotext")
@pytest.mark.parametrize("paper, size", [("a4", (594.96, 841.92)), ("letter", (612, 792))])
def test_chromium_prints_the_bundled_handout_on_two_numbered_pages(run, tmp_path, paper, size):
    pdf = rendering.chromium_pdf(html_of(run, "bundled", tmp_path, "--paper", paper), tmp_path)
    assert rendering.page_size(pdf) == pytest.approx(size, abs=0.5)
    assert rendering.page_count(pdf) == 2
    assert "page 1 of 2" in rendering.pdf_text(pdf, 1)
    assert "page 2 of 2" in rendering.pdf_text(pdf, 2)
    assert BUNDLED_TITLE in rendering.pdf_text(pdf, 2).split("\n")[0]  # running title
    assert_pages_read_well(pdf)


@rendering.needs("chromium", "pdfinfo", "pdftotext")
def test_chromium_prints_every_script(run, tmp_path):
    pdf = rendering.chromium_pdf(html_of(run, "ten-scripts", tmp_path), tmp_path)
    text = rendering.pdf_text(pdf)
    assert rendering.missing_names(MANY_NAMES, text) == []
    assert_pages_read_well(pdf)


# --- PDF from WeasyPrint ----------------------------------------------------------------


@rendering.needs("pdfinfo", "pdftotext")
@pytest.mark.parametrize("paper, size", [("a4", (595.28, 841.89)), ("letter", (612, 792))])
def test_pdf_handout_is_two_numbered_pages_on_a4_and_letter(run, tmp_path, paper, size):
    pdf = pdf_of(run, "bundled", tmp_path, "--paper", paper)
    assert rendering.page_size(pdf) == pytest.approx(size, abs=0.5)
    assert rendering.page_count(pdf) == 2
    first, second = rendering.pdf_text(pdf, 1), rendering.pdf_text(pdf, 2)
    assert "page 1 of 2" in first and "page 2 of 2" in second
    assert first.count(BUNDLED_TITLE) == 1  # the heading; no running title on page one
    assert second.split("\n")[0].strip() == BUNDLED_TITLE
    assert_pages_read_well(pdf)


@rendering.needs("pdfinfo", "pdftotext")
@pytest.mark.parametrize("paper, size", [("a4", (841.89, 595.28)), ("letter", (792, 612))])
def test_landscape_turns_the_page(run, tmp_path, paper, size):
    pdf = pdf_of(run, "bundled", tmp_path, "--paper", paper, "--landscape")
    assert rendering.page_size(pdf) == pytest.approx(size, abs=0.5)
    assert rendering.page_count(pdf) == 2  # the sources in three columns
    assert_pages_read_well(pdf)


@rendering.needs("lualatex", "pdfinfo", "pdftotext")
def test_latex_landscape_compiles_clean(run, tmp_path):
    source = run(
        "handout",
        "--race",
        MANY_RACE,
        "--format",
        "latex",
        "--paper",
        "letter",
        "--landscape",
        data=MANY,
    ).stdout
    pdf, log = rendering.compile_latex(source, "lualatex", tmp_path)
    assert rendering.page_size(pdf) == pytest.approx((792, 612), abs=0.5)
    assert rendering.overfull_boxes(log) == [] and rendering.missing_characters(log) == []
    assert rendering.missing_names(MANY_NAMES, rendering.pdf_text(pdf)) == []
    assert_pages_read_well(pdf)


@rendering.needs("pdfinfo", "pdftotext")
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_pdf_of_ten_candidates_shows_every_name_and_no_bare_page(run, tmp_path, paper):
    pdf = pdf_of(run, "ten-scripts", tmp_path, "--paper", paper)
    text = rendering.pdf_text(pdf)
    assert rendering.missing_names(MANY_NAMES, text) == []
    assert "[U+" not in text and "<U+" not in text
    assert rendering.page_count(pdf) <= 4
    assert_pages_read_well(pdf)


def test_table_rows_are_never_split_and_the_header_repeats(run, tmp_path):
    """A table longer than a page: WeasyPrint's own page boxes show each row on one page,
    and the header row on every page the table reaches."""
    weasyprint = weasyprint_or_skip()
    root = dataset_copy(tmp_path)
    topics = "".join(
        f"t{i}:\n  title: Topic {i}\n  question: Should the city do thing "
        f"number {i}, with all the conditions that come with it?\n"
        for i in range(30)
    )
    (root / "topics.yaml").write_text(topics, "utf-8")
    race = root / "2020-springfield-mayor"
    text = (race / "race.yaml").read_text("utf-8")
    (race / "race.yaml").write_text(
        re.sub(r"topics: \[.*\]", "topics: [" + ", ".join(f"t{i}" for i in range(30)) + "]", text),
        "utf-8",
    )
    for cid in ("alvarez", "chen", "okafor"):
        body = "".join(
            f"  t{i}:\n    stance: support\n    summary: Yes to thing number {i}, "
            "on every one of the conditions that the question names, and more "
            "besides, as the candidate explained at length.\n    citations:\n"
            "      - source: gazette-debate\n        quote: Yes.\n"
            for i in range(30)
        )
        (race / f"{cid}.yaml").write_text(f"name: Candidate {cid}\npositions:\n{body}", "utf-8")
    html = run("handout", "--race", "2020-springfield-mayor", "--format", "html", data=root).stdout
    document = weasyprint.HTML(string=html).render()
    rows: dict[int, set[int]] = {}
    header_pages: set[int] = set()

    def walk(box, page, header=False):
        kind = type(box).__name__
        header = box.is_header if kind == "TableRowGroupBox" else header
        if kind == "TableRowBox":
            if header:
                header_pages.add(page)
            else:
                rows.setdefault(id(box.element), set()).add(page)
        for child in getattr(box, "children", ()):
            walk(child, page, header)

    for number, page in enumerate(document.pages):
        walk(page._page_box, number)
    assert len(rows) == 30
    assert [pages for pages in rows.values() if len(pages) > 1] == []
    table_pages = set().union(*rows.values())
    assert len(table_pages) >= 2 and header_pages == table_pages


# --- LaTeX ------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ["lualatex", "xelatex"])
@pytest.mark.parametrize(
    "case, paper",
    [
        ("bundled", "letter"),
        ("bundled", "a4"),
        ("ten-scripts", "a4"),
        ("ten-scripts", "letter"),
        ("four-hostile", "a4"),
        ("la-2026", "letter"),
        ("cross-race", "letter"),
    ],
)
def test_latex_compiles_without_overfull_boxes_and_shows_every_name(
    run, tmp_path, engine, case, paper
):
    if shutil.which(engine) is None or shutil.which("pdftotext") is None:
        pytest.skip(
            f"{engine} or pdftotext is not installed (Debian: apt-get install "
            f"{rendering.PACKAGES[engine]} poppler-utils)"
        )
    root, args = dataset_of(case, tmp_path)
    source = run("handout", *args, "--format", "latex", "--paper", paper, data=root).stdout
    pdf, log = rendering.compile_latex(source, engine, tmp_path)
    assert rendering.overfull_boxes(log) == []
    assert rendering.missing_characters(log) == []
    text = rendering.pdf_text(pdf)
    names = {
        "bundled": ("Karen Bass", "Rick Caruso"),
        "ten-scripts": MANY_NAMES,
        "four-hostile": ("Chidi Okafor", "陈美玲 (Chen Meiling)", HOSTILE),
        "la-2026": ("Karen Bass", "Spencer Pratt", "Nithya Raman"),
        "cross-race": ("Zohran Mamdani", "Brandon Johnson", "Karen Bass"),
    }[case]
    assert rendering.missing_names(names, text) == []
    assert "[U+" not in text
    pages = rendering.page_count(pdf)
    assert f"page {pages} of {pages}" in text
    if case == "bundled":
        assert pages == 2
    assert_pages_read_well(pdf)


@pytest.mark.parametrize("engine", ["lualatex", "xelatex"])
def test_latex_prints_tex_tricks_literally(run, tmp_path, engine):
    if shutil.which(engine) is None or shutil.which("pdftotext") is None:
        pytest.skip(f"{engine} or pdftotext is not installed")
    source = run("handout", "osullivan", "--format", "latex", data=MANY).stdout
    pdf, _ = rendering.compile_latex(source, engine, tmp_path)
    text = " ".join(rendering.pdf_text(pdf).split())
    for piece in (
        "Fares -- for everyone --- but",
        "``cheaper''",
        "‘soon’",
        "!` ?` ,, << >>",
        "100% $5 #1.",
    ):
        assert piece in text
