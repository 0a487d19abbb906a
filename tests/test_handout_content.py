"""What a printed voter guide owes its readers, in every handout format, and the options that
shape the page: paper from the locale, landscape, the layout chosen by count and paper.

These tests read the documents as text; tests/test_handout_rendering.py looks at them laid
out (Chromium, WeasyPrint, LuaLaTeX, XeLaTeX).
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import sys
import unicodedata

import pytest

from cli.dataset.load import open_dataset
from cli.output.escape import css_string, latex
from cli.output.handout_markup import render
from cli.queries.comparison import compare
from cli.queries.handout_model import build, choose_layout, max_columns, ordered
from cli.queries.listing import ballot_order
from cli.queries.paper import Paper, locale_paper
from tests.conftest import BUNDLED, FIXTURES, dataset_copy

BASE = FIXTURES / "base"
MANY = FIXTURES / "many-scripts"
MANY_RACE = "2026-harbour-city-council"
FORMATS = ("html", "markdown", "latex")
#: The many-scripts fixture's names, as a reader must see them (NFC).
MANY_NAMES = (
    "Nguyễn Thị Lan",
    "Đặng Quốc Bảo",
    "Ștefan Țurcanu-Popescu",
    "Γιώργος Παπαδόπουλος",
    "Анна Кузнецова",
    "فاطمة الزهراء",
    "王小明",
    "山田 花子",
    "김민준",
    "Zoë Ó Súilleabháin-Fitzgerald",
)


A4 = Paper("a4")


def handout_of(
    root,
    race=None,
    today=datetime.date(2030, 1, 1),
    paper=A4,
    change_race=None,
    change_dataset=None,
    candidates=None,
):
    """The handout model of a race (every candidate, alphabetical), with the race or the
    dataset changed as a dataset file could change them."""
    dataset = open_dataset(root)
    race = dataset.races[race or next(iter(dataset.races))]
    if change_race:
        race = dataclasses.replace(race, **change_race)
        dataset = dataclasses.replace(dataset, races={**dataset.races, race.id: race})
    if change_dataset:
        dataset = dataclasses.replace(dataset, **change_dataset)
    chosen = ordered(candidates or ballot_order(race), "alphabetical", False)
    return build(dataset, compare(dataset, chosen), "alphabetical", False, None, today, paper)


@pytest.mark.parametrize(
    "environ, paper",
    [
        ({"LANG": "en_US.UTF-8"}, "letter"),
        ({"LANG": "en_CA.UTF-8"}, "letter"),
        ({"LANG": "es_MX"}, "letter"),
        ({"LANG": "fr_CA.utf8@euro"}, "letter"),
        ({"LANG": "en_GB.UTF-8"}, "a4"),
        ({"LANG": "de_DE.UTF-8"}, "a4"),
        ({"LANG": "C"}, "a4"),
        ({"LANG": "POSIX"}, "a4"),
        ({}, "a4"),
        ({"LANG": "de_DE.UTF-8", "LC_PAPER": "en_US.UTF-8"}, "letter"),
        ({"LC_ALL": "en_GB.UTF-8", "LC_PAPER": "en_US.UTF-8", "LANG": "en_US"}, "a4"),
        ({"LC_ALL": "", "LC_PAPER": "es_MX.UTF-8"}, "letter"),
    ],
)
def test_default_paper_follows_the_locale(environ, paper):
    assert locale_paper(environ) == paper


def test_paper_option_and_locale_reach_every_printable_format(run):
    html = run(
        "handout",
        "okafor",
        "--format",
        "html",
        data=BASE,
        env={"LC_ALL": "", "LC_PAPER": "", "LANG": "en_US.UTF-8"},
    ).stdout
    assert "size: letter portrait;" in html
    html = run(
        "handout", "okafor", "--format", "html", data=BASE, env={"LC_ALL": "de_DE.UTF-8"}
    ).stdout
    assert "size: A4 portrait;" in html
    wide = run(
        "handout",
        "okafor",
        "--format",
        "html",
        "--paper",
        "letter",
        "--landscape",
        data=BASE,
        env={"LC_ALL": "de_DE.UTF-8"},
    ).stdout
    assert "size: letter landscape;" in wide
    tex = run(
        "handout", "okafor", "--format", "latex", "--paper", "a4", "--landscape", data=BASE
    ).stdout
    assert r"\usepackage[a4paper,landscape," in tex


@pytest.mark.parametrize(
    "paper, landscape, fits",
    [("a4", False, 4), ("letter", False, 4), ("a4", True, 6), ("letter", True, 6)],
)
def test_layout_is_chosen_by_count_and_paper(paper, landscape, fits):
    sheet = Paper(paper, landscape)
    assert max_columns(sheet) == fits
    assert [choose_layout(n, sheet) for n in (1, fits, fits + 1, 12)] == [
        "columns",
        "columns",
        "sections",
        "sections",
    ]


def test_ten_candidates_get_one_section_per_topic(run):
    out = run("handout", "--race", MANY_RACE, "--format", "html", data=MANY).stdout
    assert out.count('<section class="topic-section">') == 3
    assert out.count("<tr>") == 3 * (1 + 10)  # a header and ten candidates per topic
    landscape = run(
        "handout", "--race", MANY_RACE, "--format", "html", "--landscape", data=MANY
    ).stdout
    assert '<section class="topic-section">' in landscape  # ten do not fit across either
    few = run("handout", "nguyen", "wang", "kim", "zahra", "--format", "html", data=MANY).stdout
    assert 'class="grid columns"' in few and "topic-section" not in few


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_states_neutrality_has_sources_and_ends_with_the_footer(run, fmt):
    out = run("handout", "bass", "caruso", "--format", fmt).stdout
    assert "This handout endorses no candidate, party or position." in out
    heading = {
        "html": '<h2 id="sources-heading">Sources</h2>',
        "markdown": "## Sources\n",
        "latex": r"\handoutsection{Sources}",
    }[fmt]
    assert out.count(heading) == 1
    last_note = out.rindex("30,000 beds, 500 case workers")  # the last quote in the bundled notes
    assert (
        out.index(heading)
        < out.index("Bass marginally defeated")
        < out.rindex("Generated ")
        > last_note
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_names_are_nfc_in_every_format(run, fmt):
    source = (MANY / MANY_RACE / "nguyen.yaml").read_text("utf-8")
    assert unicodedata.normalize("NFD", "Nguyễn") in source  # the file spells it decomposed
    out = run("handout", "--race", MANY_RACE, "--format", fmt, data=MANY).stdout
    assert unicodedata.is_normalized("NFC", out)
    for name in MANY_NAMES if fmt != "latex" else ("Nguyễn Thị Lan", "Анна Кузнецова"):
        assert name in out


def test_markdown_marks_are_distinct_links_to_a_numbered_list():
    md = render(handout_of(BUNDLED), "markdown")
    assert "[^" not in md  # no footnote syntax: renderers move footnotes after the footer
    assert r"[\[2\]](#source-2)[\[3\]](#source-3)" in md
    for n in range(1, 24):
        assert f'\n{n}. <a id="source-{n}"></a>' in md


def test_markdown_table_cells_stay_one_line_with_marks(run):
    md = run("handout", "bass", "caruso", "--format", "markdown").stdout
    rows = [line for line in md.splitlines() if line.startswith("| **")]
    assert len(rows) == 5 and all(row.count(" | ") == 2 for row in rows)


def test_as_of_dates_occupations_and_incumbents_are_shown():
    h = handout_of(MANY)
    html = render(h, "html")
    assert "(as of 2026-09)" in html
    anna = next(p for p in h.people if p.name == "Анна Кузнецова")
    assert anna.details == ("party: Independent", "Architect", "incumbent")
    assert "None of the candidates" not in html and "None of these" not in html  # an incumbent
    bundled = render(handout_of(BUNDLED), "html")
    assert "U.S. Representative" in bundled and "Real estate developer" in bundled
    assert "None of these candidates held the office at the time of the" in bundled
    upcoming = render(handout_of(BUNDLED, today=datetime.date(2022, 5, 1)), "html")
    assert "None of these candidates is the incumbent in this election." in upcoming


def test_an_election_still_to_come_says_so_and_dates_each_candidacy(tmp_path):
    root = dataset_copy(tmp_path, "status-in-future")
    okafor = root / "2020-springfield-mayor" / "okafor.yaml"
    okafor.write_text(okafor.read_text("utf-8").replace("2099-03-01", "2020-03-01"), "utf-8")
    before = handout_of(root, today=datetime.date(2020, 4, 1))
    html = render(before, "html")
    assert (
        "As of 2020-04-01, the election has not happened: the first round is on 2020-06-04" in html
    )
    assert "Primary, 2020-06-04" not in html  # no result before the round took place
    okafor_line = next(p for p in before.people if p.name == "Chidi Okafor")
    assert okafor_line.details[-1] == "declared candidate (as of 2020-03-01)"
    # the candidacy's source is the first note, so its mark leads the numbering
    assert okafor_line.notes == (1,) and before.notes[0].quote == "Older buildings need rent caps."
    assert "others may enter or leave" in html
    after = render(handout_of(root, today=datetime.date(2021, 1, 1)), "html")
    assert "has not happened" not in after and "Primary, 2020-06-04" in after


def test_nonpartisan_race_shows_no_party_label_and_says_why():
    h = handout_of(BUNDLED, change_race={"nonpartisan": True, "system": "top-two"})
    assert h.candidates == ("Karen Bass", "Rick Caruso")
    html = render(h, "html")
    assert "(Democratic)" not in html
    assert "Nonpartisan office: party labels are not printed on the ballot." in html
    assert "Top-two primary:" in html
    assert "party (not on the ballot): Democratic" in html


def test_top_two_partisan_race_shows_party_preference():
    h = handout_of(BUNDLED, change_race={"nonpartisan": False, "system": "top-two"})
    assert h.candidates == ("Karen Bass (Democratic)", "Rick Caruso (Democratic)")
    assert h.people[0].details[0] == "party preference: Democratic"


def test_results_appear_once_the_round_has_taken_place():
    before = handout_of(BASE, today=datetime.date(2020, 6, 4))  # primary day itself
    assert before.results == ()
    assert "Results" not in render(before, "html")
    after = handout_of(BASE, today=datetime.date(2020, 6, 5))
    assert [r.title for r in after.results] == ["Primary, 2020-06-04"]
    line = after.results[0].lines[0]
    assert (line.candidate, line.text) == ("María Álvarez-Núñez", "41.5% of the vote")
    assert "Álvarez-Núñez took 41.5 percent." in [n.quote for n in after.notes]


def test_result_figures_count_and_outcome_are_worded():
    dataset = open_dataset(BUNDLED)
    race = dataset.races["2022-los-angeles-mayor"]
    results = (
        dataclasses.replace(
            race.results[0],
            votes=123456,
            as_of="2022-06-10",
            count="unofficial",
            outcome="advanced",
        ),
        dataclasses.replace(race.results[1], as_of=None, count=None, outcome=None),
    )
    h = handout_of(BUNDLED, change_race={"results": results})
    assert h.results[0].title == "Primary, 2022-06-07"  # the two counts differ
    assert h.results[0].lines[0].text == (
        "43.1% of the vote, 123,456 votes, advanced (unofficial count as of 2022-06-10)"
    )
    assert h.results[0].lines[1].text == "36% of the vote"
    shared = handout_of(BUNDLED).results
    assert [r.title for r in shared] == [
        "Primary, 2022-06-07 (certified result as of 2022-07-01)",
        "General election, 2022-11-08 (count as of 2022-11-16)",
    ]
    assert shared[1].lines[0].text == "53.06% of the vote, won"


def test_rounds_are_dated_only_where_the_race_dates_them():
    h = handout_of(BUNDLED, race="2023-chicago-mayor")
    assert [r.title.split(" (")[0] for r in h.results] == ["General election", "Runoff, 2023-04-04"]


def test_curators_and_correction_contact_are_credited():
    h = handout_of(
        BUNDLED,
        change_dataset={
            "curators": ("Ada Lovelace", "Alan Turing", "Grace"),
            "corrections": "fixes@example.org",
        },
    )
    html = render(h, "html")
    assert "Compiled by Ada Lovelace, Alan Turing and Grace." in html
    assert '<a href="mailto:fixes@example.org">fixes@example.org</a>' in html
    tex = render(h, "latex")
    assert r"\href{mailto:fixes@example.org}{fixes@example.\allowbreak{}org}" in tex
    web = handout_of(BUNDLED, change_dataset={"corrections": "https://example.org/fix?a=1&b"})
    assert '<a href="https://example.org/fix?a=1&amp;b">' in render(web, "html")
    assert r"Corrections: \url{https://example.org/fix?a=1&b}." in render(web, "latex")
    hostile = handout_of(BUNDLED, change_dataset={"corrections": "javascript:alert(1)"})
    assert 'href="javascript' not in render(hostile, "html")


def test_running_title_is_an_inert_css_string(run, tmp_path):
    title = '</style><script>alert(1)</script>"; } body { display: none } @page { x: "'
    assert re.fullmatch(r'"[A-Za-z0-9 \\]*"', css_string(title))
    h = handout_of(BASE, change_race={"title": title})
    html = render(h, "html")
    style = html[html.index("<style>") + 7 : html.index("</style>")]
    assert "<" not in style and "display: none }" not in style
    assert '@top-center { content: "\\00003c\\00002fstyle' in style


def test_latex_gives_each_script_its_font_and_disarms_tex_tricks():
    assert latex("王小明 (Wang)") == r"\handoutcjk{王\allowbreak{}小\allowbreak{}明} (Wang)"
    assert latex("فاطمة الزهراء, Green") == r"\handoutarabic{فاطمة الزهراء}, Green"
    assert latex("Анна and Γιώργος") == "Анна and Γιώργος"  # the main font has them
    assert latex("a -- b --- c ``d'' !` ?` ,,") == "a -{}- b -{}-{}- c `{}`d'{}' !{}` ?{}` ,{},"
    assert latex(unicodedata.normalize("NFD", "Nguyễn")) == "Nguyễn"


def test_latex_handout_needs_a_unicode_engine_and_no_legacy_font_packages(run):
    tex = run("handout", "--race", MANY_RACE, "--format", "latex", data=MANY).stdout
    assert r"\usepackage{fontspec}" in tex and r"\usepackage{xurl}" in tex
    assert "lmodern" not in tex and "inputenc" not in tex and "[U+" not in tex
    assert r"\ifPDFTeX\errmessage" in tex
    assert "Ligatures=TeXOff" in tex and r"\IfFontExistsTF{Noto Serif}" in tex
    assert r"\pageref*{handout-last-page}" in tex and r"\endhead" in tex


def test_pdf_without_weasyprint_says_what_to_install(run, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    target = tmp_path / "h.pdf"
    result = run("handout", "okafor", "-o", str(target), data=BASE)
    assert result.exit_code == 1
    assert "pip install 'candidate-platforms[pdf]'" in result.stderr
    assert "Traceback" not in result.stderr and not target.exists()


def test_pdf_is_never_written_to_standard_output(run):
    result = run("handout", "okafor", "--format", "pdf", data=BASE)
    assert result.exit_code == 2 and "add -o FILE.pdf" in result.stderr


def test_dataset_and_race_files_drive_the_credits_and_party_labels(run, base):
    (base / "dataset.yaml").write_text(
        "format: 1\ntitle: Test fixture dataset\nlicence: CC0-1.0\n"
        "curators: [Ada Lovelace, Alan Turing]\ncorrections: fixes@example.org\n",
        "utf-8",
    )
    race = base / "2020-springfield-mayor" / "race.yaml"
    race.write_text(race.read_text("utf-8") + "nonpartisan: true\nsystem: runoff\n", "utf-8")
    assert run("validate", "--strict", data=base).exit_code == 0
    html = run("handout", "--race", "2020-springfield-mayor", "--format", "html", data=base).stdout
    assert "Compiled by Ada Lovelace and Alan Turing." in html
    assert 'href="mailto:fixes@example.org"' in html
    assert "Runoff system:" in html and "(Independent)" not in html
    assert "party (not on the ballot): Independent" in html


@pytest.mark.parametrize("ext", ["html", "md", "tex"])
def test_every_handout_format_prints_the_targets_with_their_notes(run, tmp_path, ext):
    out = tmp_path / f"h.{ext}"
    result = run("handout", "alvarez", "okafor", "-o", str(out), data=FIXTURES / "base")
    assert result.exit_code == 0, result.output
    text = re.sub(r"<[^>]+>", "", out.read_text("utf-8"))  # HTML marks up the last word
    assert "40 officers, within 2 years" in text
    assert "Officers added to the force" in text
