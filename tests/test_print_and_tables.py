"""Printing on a plain machine and tables a reader can copy from.

The PDF handout is laid out in the Noto Serif that ships with the package, so it takes the
same pages on a machine with no fonts at all, and the libraries' warnings stay out of the
user's way unless ``--debug`` asks for them. Text tables keep ids and URLs whole at any
terminal width, and CSV of ``compare`` carries every citation.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest

from cli.output.terminal import width
from tests import rendering
from tests.test_handout_rendering import footer_pieces, weasyprint_or_skip

# --- the PDF on a machine without fonts ---------------------------------------------------

NO_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""


def printed_without_fonts(tmp_path, *args: str) -> tuple:
    """``platforms ARGS -o FILE.pdf`` run where fontconfig knows no font (the machine's
    fonts hidden), in a subprocess; the PDF and the finished process."""
    weasyprint_or_skip()
    config = tmp_path / "fonts.conf"
    config.write_text(NO_FONTS.format(cache=tmp_path / "fontconfig-cache"), "utf-8")
    target = tmp_path / "handout.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "cli", *args, "-o", str(target), "--force"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "FONTCONFIG_FILE": str(config)},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return target, done


def names_in(run, race: str) -> list[str]:
    """The names of the candidates of ``race`` in the bundled dataset."""
    listing = run("candidates", "--race", race, "--format", "json").stdout
    return [candidate["name"] for candidate in json.loads(listing)]


@pytest.mark.slow
@pytest.mark.render
@rendering.needs("pdfinfo", "pdftotext")
@pytest.mark.parametrize(
    "args, race, pages",
    [
        (("bass", "caruso", "--paper", "letter"), "2022-los-angeles-mayor", 2),
        (("bass", "caruso", "--paper", "a4"), "2022-los-angeles-mayor", 2),
        # 50 numbered sources fill a third Letter page, with any fonts
        (("--race", "2026-los-angeles-mayor", "--paper", "letter"), "2026-los-angeles-mayor", 3),
    ],
)
def test_pdf_keeps_its_pages_and_names_with_the_machines_fonts_hidden(
    run, tmp_path, args, race, pages
):
    pdf, done = printed_without_fonts(tmp_path, "handout", *args)
    assert done.stderr == f"wrote {pdf}\n"  # no library warning, no font complaint
    assert rendering.page_count(pdf) == pages
    text = rendering.pdf_text(pdf)
    assert rendering.missing_names(names_in(run, race), text) == []
    assert rendering.pages_holding_only(pdf, footer_pieces(text)) == []
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "Noto-Serif" in fonts


@pytest.mark.slow
@pytest.mark.render
@rendering.needs("pdfinfo", "pdftotext")
def test_pdf_is_laid_out_alike_with_and_without_the_machines_fonts(run, tmp_path):
    weasyprint_or_skip()
    hidden, _ = printed_without_fonts(tmp_path, "handout", "bass", "caruso", "--paper", "letter")
    target = tmp_path / "machine.pdf"
    result = run("handout", "bass", "caruso", "--paper", "letter", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    count = rendering.page_count(target)
    assert rendering.page_count(hidden) == count
    for page in range(1, count + 1):
        assert rendering.pdf_text(hidden, page) == rendering.pdf_text(target, page)


@pytest.mark.slow
@pytest.mark.render
@rendering.needs("pdfinfo")
def test_debug_shows_the_pdf_libraries_warnings(tmp_path):
    _, done = printed_without_fonts(tmp_path, "--debug", "handout", "bass", "caruso")
    assert "warning: WeasyPrint:" in done.stderr
    assert "No fonts configured" in done.stderr


def test_html_handout_keeps_its_font_chain_and_loads_no_font_file(run):
    """A browser prints the HTML with the machine's fonts: only the PDF carries files."""
    html = run("handout", "bass", "caruso", "--format", "html").stdout
    assert 'font-family: "Noto Serif", "DejaVu Serif"' in html
    assert "@font-face" not in html and "file:" not in html


# --- text tables and wrapped text at 60, 80 and 120 columns --------------------------------

#: Every command that prints a listing, a comparison or a profile as text, on the bundled
#: data (a match reads its answers from the ``answers`` fixture's file).
TEXT_COMMANDS = [
    ("races",),
    ("candidates",),
    ("topics",),
    ("topics", "--race", "2025-new-york-city-mayor"),
    ("sources",),
    ("filter", "--text", "rent"),
    ("filter", "--stance", "mixed"),
    ("compare", "bass", "caruso"),
    ("compare", "--race", "2025-new-york-city-mayor", "--quotes"),
    ("compare", "--race", "2026-los-angeles-mayor"),
    ("compare", "mamdani", "johnson", "2026-los-angeles-mayor/bass"),
    ("diff", "2022-los-angeles-mayor/bass", "caruso"),
    ("show", "caruso"),
    ("show", "mamdani"),
    ("show", "2026-los-angeles-mayor/bass"),
    ("person", "karen-bass"),
    ("history", "caruso"),
    ("match", "--race", "2025-new-york-city-mayor", "--answers", "answers.yaml"),
]
#: What a reader copies whole: web addresses, and ids and dates (words of lower-case
#: letters and digits joined by hyphens: 2025-new-york-city-mayor, 2026-02-19).
URL = re.compile(r"https?://[^\s\"”<>]*[^\s\"”<>.,;)\]]")
ID = re.compile(r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")


@pytest.fixture(scope="module")
def answers(tmp_path_factory):
    """A match's answers file."""
    path = tmp_path_factory.mktemp("match") / "answers.yaml"
    path.write_text("answers:\n  police-hiring: support\n  rent-freeze: oppose\n", "utf-8")
    return path


#: Each command's text on a line 1000 cells wide, where nothing needs wrapping.
_UNWRAPPED: dict[tuple, str] = {}


def text_at(run, args, columns: int, answers) -> str:
    """``platforms ARGS`` printed for a terminal ``columns`` wide."""
    if columns == 1000 and args in _UNWRAPPED:
        return _UNWRAPPED[args]
    result = run(
        *[str(answers) if a == "answers.yaml" else a for a in args], env={"COLUMNS": str(columns)}
    )
    assert result.exit_code == 0, result.stderr
    if columns == 1000:
        _UNWRAPPED[args] = result.stdout
    return result.stdout


def whole_count(text: str, token: str) -> int:
    """How often ``token`` stands in ``text`` within one line."""
    return sum(line.count(token) for line in text.splitlines())


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("args", TEXT_COMMANDS, ids=" ".join)
def test_ids_and_urls_stay_whole_and_lines_fit(run, answers, args, columns):
    wide = text_at(run, args, 1000, answers)
    text = text_at(run, args, columns, answers)
    tokens = set(URL.findall(wide)) | set(ID.findall(wide))
    broken = [t for t in sorted(tokens) if whole_count(text, t) != whole_count(wide, t)]
    assert broken == []
    too_long = [
        line
        for line in text.splitlines()
        if width(line) > columns and not re.fullmatch(r"https?://\S+", line.strip())
    ]
    assert too_long == []


# --- CSV of compare -----------------------------------------------------------------------


def test_compare_csv_has_a_row_for_every_quote_with_its_source(run):
    record = json.loads(run("compare", "bass", "caruso", "--format", "json").stdout)
    rows = list(
        csv.DictReader(io.StringIO(run("compare", "bass", "caruso", "--format", "csv").stdout))
    )
    expected = [
        (topic["topic"], key, citation["quote"], citation["url"] or "", citation["publisher"])
        for topic in record["topics"]
        for key, position in topic["positions"].items()
        if position
        for citation in position["citations"]
    ]
    assert len(expected) > 20
    assert [
        (r["topic"], f"{r['race']}/{r['candidate']}", r["quote"], r["url"], r["publisher"])
        for r in rows
    ] == expected
    first = rows[0]
    assert first["race"] == "2022-los-angeles-mayor" and first["name"] == "Karen Bass"
    assert first["stance"] == "support" and first["summary"].startswith("Return the LAPD")
    assert set(first) >= {"question", "as_of", "source", "title", "date", "speaker"}


def test_compare_csv_keeps_a_row_where_no_position_is_recorded(run):
    rows = list(
        csv.DictReader(
            io.StringIO(
                run("compare", "mamdani", "cuomo", "--topic", "taxes", "--format", "csv").stdout
            )
        )
    )
    assert [(r["candidate"], r["stance"], r["quote"]) for r in rows] == [
        ("mamdani", "", ""),
        ("cuomo", "", ""),
    ]
