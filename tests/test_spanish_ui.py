"""The tool's own words in Spanish (issue 28): ``--lang es`` or PLATFORMS_LANG on handouts,
compare, diff, person, show, races and match, their help and their errors; the data text the
curators have not translated printed in English and marked as English; the catalogue in
step with the code."""

from __future__ import annotations

import datetime
import gettext
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from cli.output.escape import css_string
from cli.queries.language import Said, in_language, marked, text_of, translation_sentence
from cli.text.datewords import date_words
from cli.text.messages import LOCALE_DIR, speaking
from tests import rendering
from tests.conftest import BUNDLED
from tests.test_handout_rendering import assert_pages_read_well, weasyprint_or_skip

ROOT = Path(__file__).resolve().parent.parent
LA_2026 = "2026-los-angeles-mayor"


def words(text: str) -> str:
    """``text`` with its line breaks and runs of spaces as single spaces (as wrapped)."""
    return " ".join(text.split())


def _messages_script():
    """docs/messages.py, which keeps the catalogue in step with the code (needs Babel)."""
    pytest.importorskip("babel")
    spec = importlib.util.spec_from_file_location("messages_doc", ROOT / "docs" / "messages.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- choosing the language ---------------------------------------------------------------


@pytest.mark.parametrize("where", ["before", "after", "env"])
def test_lang_es_before_or_after_the_command_or_from_the_environment(run, where):
    args = ["compare", "bass", "caruso"]
    if where == "before":
        result = run("--lang", "es", *args)
    elif where == "after":
        result = run(*args, "--lang=es")
    else:
        result = run(*args, env={"PLATFORMS_LANG": "es"})
    assert result.exit_code == 0, result.stderr
    assert "A FAVOR: " in result.stdout and "Tema " in result.stdout
    assert "elección del 8 de noviembre de 2022" in words(result.stdout)
    assert "SUPPORT" not in result.stdout


def test_english_is_the_default_and_lang_en_changes_nothing(run):
    default = run("compare", "bass", "caruso").stdout
    assert "SUPPORT: " in default and "election 2022-11-08" in default
    assert run("--lang", "en", "compare", "bass", "caruso").stdout == default
    assert run("compare", "bass", "caruso", env={"PLATFORMS_LANG": "en"}).stdout == default


@pytest.mark.parametrize(
    "args, env",
    [(("--lang", "fr", "races"), None), (("races", "--lang", "klingon"), None), (("races",), "fr")],
)
def test_an_unknown_language_is_a_usage_error_naming_the_languages(run, args, env):
    result = run(*args, env={"PLATFORMS_LANG": env} if env else None)
    assert result.exit_code == 2
    assert "is not a language of platforms: choose en (English) or es (español)" in result.stderr
    assert result.stdout == ""


def test_help_is_in_spanish_wherever_lang_stands(run):
    group = run("--lang", "es", "--help").stdout
    assert group.startswith("Uso: platforms [OPTIONS] COMMAND [ARGS]...")
    for words in ("Opciones:", "Para votantes:", "Para docentes:", "Muestra este mensaje"):
        assert words in group
    assert "Compara candidatos lado a lado" in group  # each command's first sentence
    for args in (("compare", "--help", "--lang", "es"), ("compare", "--lang", "es", "--help")):
        page = run(*args).stdout
        assert "Compara candidatos lado a lado, tema por tema" in page
        assert "Solo esta elección." in page and "Ejemplo:" in page
        assert "predeterminado: text" in page  # Click's own "[default: text]"
        assert "platforms compare bass caruso" in page  # the example, as it is
    english = run("compare", "--help").stdout
    assert "Usage: platforms compare" in english and "[default: text]" in english


@pytest.mark.skipif(shutil.which("platforms") is None, reason="the package is not installed")
def test_errors_of_the_installed_command_are_framed_in_spanish(tmp_path):
    script = str(Path(sys.executable).with_name("platforms"))
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PLATFORMS_LANG": "es"}
    result = subprocess.run(
        [script, "diff", "bass"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr.startswith("Uso: platforms diff [OPTIONS] A B [C]...")
    assert "Pruebe 'platforms diff --help' para ver la ayuda." in result.stderr
    assert "Error: nombre al menos dos candidatos para diff" in result.stderr
    result = subprocess.run(
        [script, "handout", "--race", LA_2026, "--lang", "es", "-o", "guia.md"],
        cwd=tmp_path,
        env={**env, "PLATFORMS_LANG": "en"},
        capture_output=True,
        text=True,
    )
    assert result.stderr == "se escribió guia.md\n"
    result = subprocess.run(
        [script, "handout", "--race", LA_2026, "-o", "guia.md"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr == "Error: guia.md ya existe; añada --force para reemplazarlo\n"


# --- the catalogue -----------------------------------------------------------------------


def test_every_message_the_code_uses_has_spanish_and_none_is_left_over():
    messages = _messages_script()
    used = messages.used_messages()
    catalogue = messages.read_catalogue()
    assert messages.problems(catalogue, used) == [], "run: python docs/messages.py"
    assert len(used) > 250  # the extraction found the code's words and the help


def test_the_mo_is_the_compiled_po():
    messages = _messages_script()
    po = messages.translations(messages.read_catalogue())
    mo = messages.translations(messages.compiled_catalogue())
    assert mo == po, "run: python docs/messages.py"
    with (LOCALE_DIR / "es" / "LC_MESSAGES" / "platforms.mo").open("rb") as handle:
        assert gettext.GNUTranslations(handle).gettext("Topic") == "Tema"


def test_a_broken_po_entry_fails_the_check_not_a_run(tmp_path):
    messages = _messages_script()
    po = messages.PO.read_text("utf-8")
    broken = tmp_path / "broken.po"
    broken.write_text(po.replace('msgstr "Tema"\n', "", 1), "utf-8")  # no msgstr
    with pytest.raises(messages.BrokenCatalogue, match=r"broken\.po"):
        messages.read_catalogue(broken)
    unclosed = tmp_path / "unclosed.po"
    unclosed.write_text(po.replace('msgstr "Tema"', 'msgstr "Tema', 1), "utf-8")
    with pytest.raises(messages.BrokenCatalogue, match=r"unclosed\.po:\d+: "):
        messages.read_catalogue(unclosed)
    wrong = tmp_path / "wrong.po"
    wrong.write_text(
        po.replace('msgstr "Generado el {date}', 'msgstr "Generado el {fecha}'), "utf-8"
    )
    problems = messages.problems(messages.read_catalogue(wrong), messages.used_messages())
    assert any("Generated {date} by candidate-platforms" in p for p in problems)
    stale = tmp_path / "stale.po"
    stale.write_text(po + '\nmsgid "A word the code no longer says"\nmsgstr "Una"\n', "utf-8")
    problems = messages.problems(messages.read_catalogue(stale), messages.used_messages())
    assert problems == ["platforms.po: 'A word the code no longer says' is no longer used"]


# --- data text: the curators' words, or English marked as English -------------------------


def test_data_text_falls_back_to_english_marked_never_translated():
    assert in_language("Police hiring", None, "es") == Said("Police hiring", "en")
    assert in_language("Police hiring", "Contratación de policías", "es").lang == "es"
    assert in_language("Police hiring", "Contratación de policías", "en") == "Police hiring"
    with speaking("es"):
        assert marked(Said("Police hiring", "en")) == "Police hiring (en inglés)"
        assert marked(Said("Contratación de policías", "es")) == "Contratación de policías"
    # the data's translations, as the data branch gives a model object them
    topic = SimpleNamespace(title="Police hiring", translations={"es": {"title": "Policías"}})
    assert text_of(topic, "title", "es") == Said("Policías", "es")
    assert text_of(topic, "title", "en").lang == "en"


def test_dates_and_numbers_as_united_states_spanish_writes_them():
    with speaking("es"):
        assert date_words("2026-06-02") == "2 de junio de 2026"
        assert date_words("2025-12") == "diciembre de 2025"
        assert date_words("2025") == "2025"
    assert date_words("2026-06-02") == "2026-06-02"  # English keeps the ISO date


# --- the commands in Spanish -------------------------------------------------------------


def test_compare_in_spanish_marks_the_english_data(run):
    out = run("--lang", "es", "compare", "bass", "caruso", "--width", "200").stdout
    flat = " ".join(out.split())
    # the catalogue's topics are in the curators' Spanish; Los Angeles 2022's summaries are
    # not, so each is printed in English and marked as English
    assert "\nContratación de policías " in out
    assert "\n¿Debe la ciudad contratar más agentes de policía? " in out
    wide = run("--lang", "es", "compare", "bass", "caruso", "--width", "1000").stdout
    assert "from desk jobs into patrols. (en inglés) [1]" in wide
    assert "9,700 agentes (promesa) [1]" in flat and "(en inglés) [12][13][14][15]" in wide
    assert "Cada postura responde a la pregunta del tema: A FAVOR = sí" in out
    assert "\nFuentes\n" in out


def test_diff_of_two_and_of_three_in_spanish(run):
    two = run("--lang", "es", "diff", "bass", "caruso").stdout
    assert two.startswith("Karen Bass y Rick Caruso, tema por tema")
    assert "COINCIDEN: " in two or "DIFIEREN: " in two
    assert "coinciden en " in two.lower()
    three = run("--lang", "es", "diff", "bass", "pratt", "raman").stdout
    assert "tema por tema: quién coincide con quién" in words(three)
    assert "A FAVOR: " in three


def test_person_show_races_and_match_in_spanish(run, tmp_path):
    person = run("--lang", "es", "person", "karen-bass").stdout
    assert person.startswith("Karen Bass (persona karen-bass), 2 elecciones")
    assert "8 de noviembre de 2022 2022 Los Angeles mayoral election" in words(person)
    assert "primera postura registrada" in person and "Meta: " in person
    assert "La herramienta no juzga si una promesa se cumplió." in person
    show = run("--lang", "es", "show", "caruso").stdout
    assert "POSTURAS" in show and "RESULTADOS" in show and "Fuentes:" in show
    assert "general: " in show and "perdió" in show
    races = run("--lang", "es", "races").stdout
    assert "Elección del 8 de noviembre de 2022, primaria del 7 de junio de 2022" in races
    assert "no partidista, los dos más votados" in words(races)
    assert "Cotejada con sus fuentes el " in races
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n  police-hiring: yes\n", "utf-8")
    match = run("--lang", "es", "match", "--race", LA_2026, "--answers", str(answers)).stdout
    assert "Cómo se calcula la puntuación" in match
    assert "usted: a favor (peso 2)" in match


def test_match_asks_in_spanish_and_takes_si_and_omitir(run):
    given = "sí\n3\n" + "omitir\n" * 10
    result = run("--lang", "es", "match", "--race", LA_2026, input=given)
    assert result.exit_code == 0, result.stderr
    assert "responda cada pregunta con sí, no u omitir." in result.stderr
    assert "(sí, no, omitir) [omitir]" in result.stderr
    assert "¿Cuánto le importa? 1 poco, 2 algo, 3 mucho" in result.stderr
    assert "usted: a favor (peso 3)" in result.stdout


def test_json_keys_and_codes_stay_english(run):
    import json

    record = json.loads(run("--lang", "es", "compare", "bass", "caruso", "--format", "json").stdout)
    row = record["topics"][0]
    assert set(row) >= {"topic", "title", "question", "es", "positions", "absences"}
    assert row["positions"]["2022-los-angeles-mayor/bass"]["stance"] == "support"
    assert row["title"] == "Police hiring" and row["es"]["title"] == "Contratación de policías"


# --- the handout in Spanish ----------------------------------------------------------------


def _handout(run, fmt: str, *args: str) -> str:
    result = run("handout", "--race", LA_2026, "--lang", "es", "--format", fmt, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_html_handout_in_spanish_marks_english_data_for_screen_readers(run):
    html = _handout(run, "html")
    assert html.startswith('<!DOCTYPE html>\n<html lang="es">')
    for words in (
        "<strong>Acerca de esta guía.</strong> Esta guía no respalda a ningún candidato",
        "<strong>Cómo leer esta guía.</strong> Cada tema se plantea como una pregunta.",
        "nada se traduce automáticamente",
        '<th class="topic" scope="col">Tema</th>',
        '<h2 id="sources-heading">Fuentes</h2>',
        "Generado el ",
        css_string("página "),
    ):
        assert words in html, words
    assert "Contratación de policías" in html  # the curators' Spanish, unmarked
    assert '“<span lang="en">' in html  # every quote carries its language
    # a race whose summaries the curators have not translated: English, marked as such
    untranslated = run("handout", "bass", "caruso", "--lang", "es", "--format", "html").stdout
    assert '<span lang="en">Return the LAPD to its authorized strength' in untranslated
    assert '<span class="tail mark">(en inglés)<sup>' in untranslated  # after a summary
    assert '<span class="stance">a favor</span>' in html or "en contra" in html


def test_markdown_and_latex_handouts_in_spanish(run):
    md = _handout(run, "markdown")
    assert "**Acerca de esta guía.**" in md and "## Fuentes" in md
    assert "| **Contratación de policías**<br>*¿Debe la ciudad contratar más agentes" in md
    english_md = run("handout", "bass", "caruso", "--lang", "es", "--format", "markdown").stdout
    assert "Real estate developer (en inglés)" in english_md
    tex = _handout(run, "latex")
    assert "\\usepackage{polyglossia}\n\\setmainlanguage{spanish}" in tex
    english_tex = run("handout", "bass", "caruso", "--lang", "es", "--format", "latex").stdout
    assert "\\textenglish{" in english_tex and "(en inglés)" in english_tex
    assert "\\newcommand{\\handoutpage}{\\footnotesize página \\thepage{} de" in tex
    english = run("handout", "--race", LA_2026, "--format", "latex").stdout
    assert "polyglossia" not in english and "textenglish" not in english


def test_past_results_in_spanish(run):
    html = run("handout", "bass", "caruso", "--lang", "es", "--format", "html").stdout
    assert "<strong>Elección general, 8 de noviembre de 2022" in html
    assert "% de los votos" in html and "ganó" in html
    assert "Ninguno de estos candidatos ocupaba el cargo en el momento de la elección." in html


def test_the_handout_model_dates_in_spanish():
    from cli.dataset.load import open_dataset
    from cli.queries.comparison import compare
    from cli.queries.handout_model import build
    from cli.queries.listing import ballot_order

    dataset = open_dataset(BUNDLED, [LA_2026])
    comparison = compare(dataset, ballot_order(dataset.races[LA_2026]))
    with speaking("es"):
        handout = build(dataset, comparison, "alphabetical", False, None, datetime.date(2026, 5, 1))
    assert handout.lang == "es"
    assert handout.footer[0] == "Generado el 1 de mayo de 2026 por candidate-platforms"
    assert handout.words.sources == "Fuentes"
    assert (
        "Al 1 de mayo de 2026, la elección no se ha celebrado: la primera vuelta es el 2 de "
        "junio de 2026, y la elección general el 3 de noviembre de 2026. No hay resultados."
    ) in handout.facts


# --- print: the Spanish on the English page count, hyphenated as Spanish -------------------

RACES = (
    "2022-los-angeles-mayor",
    "2023-chicago-mayor",
    "2025-new-york-city-mayor",
    LA_2026,
    "2027-chicago-mayor",
)


@pytest.mark.slow
@pytest.mark.render
@rendering.needs("pdfinfo", "pdftotext")
@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("race", RACES)
def test_spanish_pdf_fits_the_pages_of_the_english_one(run, tmp_path, race, paper):
    weasyprint_or_skip()
    pages = {}
    for lang in ("en", "es"):
        target = tmp_path / f"{lang}.pdf"
        args = ("handout", "--race", race, "--paper", paper, "-o", str(target))
        result = run("--debug", "--lang", lang, *args)
        assert result.exit_code == 0, result.stderr
        assert "warning" not in result.stderr  # WeasyPrint understood all of the CSS
        pages[lang] = rendering.page_count(target)
    assert pages["es"] == pages["en"]
    text = rendering.pdf_text(tmp_path / "es.pdf")
    names = [c["name"] for c in _candidates(run, race)]
    assert rendering.missing_names(names, text) == []
    assert f"página {pages['es']} de {pages['es']}" in text
    assert "Acerca de esta guía." in text and "Fuentes" in text


def _candidates(run, race):
    import json

    return json.loads(run("candidates", "--race", race, "--format", "json").stdout)


@pytest.mark.slow
@pytest.mark.render
@pytest.mark.parametrize("engine", ["lualatex", "xelatex"])
def test_spanish_latex_compiles_with_spanish_hyphenation(run, tmp_path, engine):
    if shutil.which(engine) is None or shutil.which("pdftotext") is None:
        pytest.skip(f"{engine} or pdftotext is not installed")
    if (
        shutil.which("kpsewhich")
        and not subprocess.run(
            ["kpsewhich", "hyph-es.tex"], capture_output=True, text=True
        ).stdout.strip()
    ):
        pytest.skip(
            "TeX's Spanish hyphenation is not installed (apt-get install texlive-lang-spanish)"
        )
    source = _handout(run, "latex", "--paper", "letter")
    pdf, log = rendering.compile_latex(source, engine, tmp_path)
    assert "No hyphenation patterns were loaded" not in log
    assert rendering.overfull_boxes(log) == []
    assert rendering.missing_characters(log) == []
    text = rendering.pdf_text(pdf)
    names = ("Karen Bass", "Spencer Pratt", "Nithya Raman")
    assert rendering.missing_names(names, text) == []
    pages = rendering.page_count(pdf)
    assert f"página {pages} de {pages}" in text
    assert "Cómo leer esta guía." in text


def test_a_name_typed_wrong_is_answered_in_spanish(run):
    result = run("--lang", "es", "compare", "carusso", "bass")
    assert result.exit_code == 2
    assert "candidato desconocido 'carusso' (¿quiso decir 'caruso'?)" in result.stderr
    result = run("--lang", "es", "show", "bass")
    assert "'bass' es candidato en 2 elecciones; escriba uno de estos: " in result.stderr
    result = run("--lang", "es", "person", "nadie")
    assert "persona desconocida 'nadie'" in result.stderr


def test_a_quote_s_translation_is_printed_as_one_with_who_made_it():
    english = SimpleNamespace(
        lang="en", translation=SimpleNamespace(lang="es", text="Sí.", by=None)
    )
    spanish = SimpleNamespace(
        lang="es", translation=SimpleNamespace(lang="en", text="Yes.", by="Ana")
    )
    with speaking("es"):
        assert translation_sentence(english) == "Traducción de los editores: “Sí.”"
        assert translation_sentence(spanish) is None  # already in the reader's language
    assert translation_sentence(spanish) == "Translation by Ana: “Yes.”"
    assert translation_sentence(SimpleNamespace(quote="No.")) is None  # no translation


@pytest.mark.slow
@pytest.mark.render
@rendering.needs("chromium")
@pytest.mark.parametrize("width", [1280, 390])
def test_spanish_html_overflows_nowhere_and_splits_no_word(run, tmp_path, width):
    measured = rendering.geometry(_handout(run, "html"), width, tmp_path)
    assert measured["width"] == width
    assert measured["problems"] == []
    assert measured["split"] == []


@pytest.mark.slow
@pytest.mark.render
@rendering.needs("pdfinfo", "pdftotext")
def test_spanish_pdf_reads_well(run, tmp_path):
    weasyprint_or_skip()
    target = tmp_path / "guia.pdf"
    result = run("handout", "--race", LA_2026, "--lang", "es", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert_pages_read_well(target)
