"""The data in Spanish (issue 28): the curators' Spanish beside the English texts, each
quote's language and its translation, what validate says of them, the JSON outputs that
carry them, and the bundled catalogue and upcoming races in Spanish."""

from __future__ import annotations

import json
import re
import shutil
import time

import pytest

from cli.dataset import safeyaml, schemacheck
from cli.dataset.load import open_dataset, read_dataset
from tests.conftest import BUNDLED, FIXTURES, dataset_copy

R = "2020-springfield-mayor/"
SPANISH_RACES = ("2026-los-angeles-mayor", "2027-chicago-mayor")


@pytest.fixture
def bilingual(tmp_path):
    """The base fixture with Spanish texts (not on every topic), a source in Chinese and
    quotes in Spanish and Chinese, one translated by a named translator, one by the
    curators (tests/fixtures/bilingual)."""
    root = dataset_copy(tmp_path)
    shutil.copytree(FIXTURES / "bilingual", root, dirs_exist_ok=True)
    return root


def _problems(root) -> list[tuple[str, str, int]]:
    return [(p.code, p.path, p.line) for p in read_dataset(root).problems]


# --- the model ---------------------------------------------------------------------


def test_a_text_comes_in_spanish_where_the_curators_wrote_it_else_in_english_marked(bilingual):
    dataset = open_dataset(bilingual)
    rent, transit = dataset.topics["rent-control"], dataset.topics["transit"]
    title = rent.text_in("title", "es")
    assert (title.text, title.lang, title.fell_back) == ("Control de alquileres", "es", False)
    english = transit.text_in("question", "es")
    assert (english.text, english.lang, english.fell_back) == (
        "Should city buses be free to ride?",
        "en",
        True,
    )
    assert rent.text_in("title", "en").text == "Rent control"
    assert not rent.text_in("title", "en").fell_back
    assert rent.text_in("description", "es") is None  # no text in any language
    measure = dataset.topics["police-budget"].measures["officers-added"]
    assert measure.text_in("unit", "es").text == "agentes"
    assert measure.text_in("definition", "es") is None
    race = dataset.races["2020-springfield-mayor"]
    alvarez, okafor = race.candidates["alvarez"], race.candidates["okafor"]
    assert alvarez.text_in("occupation", "es").text == "Organizadora de inquilinos"
    summary = alvarez.positions["rent-control"].text_in("summary", "es")
    assert summary.text.startswith("Poner un tope del tres por ciento") and not summary.fell_back
    assert okafor.positions["transit"].text_in("summary", "es").fell_back


def test_a_quote_is_in_its_citation_s_language_else_its_source_s_else_english(bilingual):
    race = open_dataset(bilingual).races["2020-springfield-mayor"]
    alvarez, chen = race.candidates["alvarez"], race.candidates["chen"]
    english, spanish = alvarez.positions["rent-control"].citations
    chinese = chen.positions["rent-control"].citations[0]
    assert (english.lang, spanish.lang, chinese.lang) == ("en", "es", "zh-Hans")
    assert english.translation is None
    assert (spanish.translation.lang, spanish.translation.by) == ("en", "Dana Reporter")
    assert spanish.translation.text == "A cap of three percent, not one point more."
    assert chinese.translation.by is None  # the dataset's curators


# --- validate ------------------------------------------------------------------------


def test_the_bilingual_fixture_is_clean(bilingual):
    assert _problems(bilingual) == []


@pytest.mark.parametrize(
    "tag",
    [
        "en",
        "es",
        "es-US",
        "es-419",
        "zh-Hant",
        "zh-Hans-CN",
        "EN-us",
        "zh-yue-HK",
        "zh-cmn-Hans-CN",
        "sl-rozaj-biske",
        "de-CH-1901",
        "hy-Latn-IT-arevela",
        "de-CH-x-phonebk",
        "en-US-u-islamcal",
        "zh-CN-a-myext-x-private",
        "x-whatever",
    ],
)
def test_a_well_formed_language_tag_passes(tag):
    assert _lang_codes(tag) == []


@pytest.mark.parametrize(
    "tag",
    [
        "english",  # a name, not a tag
        "Spanish",
        "es_US",  # an underscore, as POSIX locales write it
        "es-",
        "-es",
        "e",
        "de-419-DE",  # two regions
        "a-DE",  # a singleton as the language
        "en-US-x",
        "zh Hant",
        "es\n",
        "en-" + "a" * 5_000,
    ],
)
def test_a_lang_that_is_not_a_language_tag_is_bad_lang(tag):
    assert _lang_codes(tag) == ["bad-lang"]


def _lang_codes(tag: str) -> list[str]:
    doc = safeyaml.parse(
        "s:\n  title: T\n  publisher: P\n  lang: " + json.dumps(tag) + "\n", "sources.yaml"
    )
    return [p.code for p in schemacheck.check(doc, "sources")]


def test_bad_lang_says_what_to_write_at_the_citation_s_line(run, tmp_path):
    root = dataset_copy(tmp_path)
    okafor = root / R / "okafor.yaml"
    okafor.write_text(
        okafor.read_text("utf-8").replace(
            "        quote: Frequency beats free.\n",
            "        quote: Frequency beats free.\n        lang: English\n",
        ),
        "utf-8",
    )
    result = run("validate", data=root)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{R}okafor.yaml:16:15: error: 'lang' 'English' is not a language tag: write a BCP 47 "
        "tag such as en, es, es-US or zh-Hant"
    )


def test_a_long_junk_lang_is_refused_at_once():
    started = time.perf_counter()
    assert _lang_codes("en" + "-abcdefgh" * 2_000 + "-") == ["bad-lang"]
    assert time.perf_counter() - started < 0.5


def test_a_translation_into_the_language_its_source_gives_the_quote_is_bad(bilingual):
    # the page is now in US Spanish, and the curators' translation into Spanish
    sources = bilingual / R / "sources.yaml"
    sources.write_text(sources.read_text("utf-8").replace("lang: zh-Hans", "lang: es-US"), "utf-8")
    chen = bilingual / R / "chen.yaml"
    chen.write_text(chen.read_text("utf-8").replace("{lang: en,", "{lang: es,"), "utf-8")
    assert _problems(bilingual) == [("bad-translation", R + "chen.yaml", 11)]
    message = next(str(p) for p in read_dataset(bilingual).problems)
    assert "the translation is into 'es', the language the quote is in ('es-US', the lang" in (
        message
    )


def test_an_occupation_es_without_an_occupation_is_reported_at_it(tmp_path):
    root = dataset_copy(tmp_path)
    chen = root / R / "chen.yaml"
    chen.write_text(
        chen.read_text("utf-8").replace(
            "party: Independent\n", "party: Independent\noccupation_es: Ingeniera\n"
        ),
        "utf-8",
    )
    assert _problems(root) == [("translation-without-original", R + "chen.yaml", 3)]


# --- JSON outputs --------------------------------------------------------------------


def test_compare_json_adds_the_spanish_and_each_quote_s_language(run, bilingual):
    result = run("compare", "--race", "2020-springfield-mayor", "--format", "json", data=bilingual)
    record = json.loads(result.stdout)
    rent, transit, police = record["topics"]
    assert (rent["title"], rent["question"]) == (
        "Rent control",
        "Should the city cap annual rent increases?",
    )
    assert rent["es"] == {
        "title": "Control de alquileres",
        "question": "¿Debe la ciudad poner un tope al aumento anual de los alquileres?",
    }
    assert transit["es"] is None and set(police["es"]) == {"title", "question"}
    alvarez = rent["positions"][R + "alvarez"]
    assert alvarez["summary"] == "Cap annual rent increases at three percent."
    assert alvarez["summary_es"].startswith("Poner un tope")
    assert rent["positions"][R + "okafor"]["summary_es"] is None
    english, spanish = alvarez["citations"]
    assert english["lang"] == "en" and english["translation"] is None
    assert spanish["lang"] == "es"
    assert spanish["translation"] == {
        "lang": "en",
        "text": "A cap of three percent, not one point more.",
        "by": "Dana Reporter",
    }
    chinese = rent["positions"][R + "chen"]["citations"][0]
    assert chinese["lang"] == "zh-Hans"
    assert chinese["translation"] == {
        "lang": "en",
        "text": "We need more housing, not rent control.",
        "by": None,
    }


def test_diff_json_adds_the_topic_s_spanish_too(run, bilingual):
    record = json.loads(run("diff", "alvarez", "chen", "--format", "json", data=bilingual).stdout)
    assert record["topics"][0]["es"]["title"] == "Control de alquileres"
    assert record["topics"][0]["positions"][R + "chen"]["summary_es"].startswith("Construir")


def test_show_json_adds_occupation_es_summary_es_and_quote_languages(run, bilingual):
    record = json.loads(run("show", "alvarez", "--format", "json", data=bilingual).stdout)
    assert record["occupation"] == "Tenant organiser"
    assert record["occupation_es"] == "Organizadora de inquilinos"
    rent = record["positions"][0]
    assert rent["es"]["question"].startswith("¿Debe la ciudad")
    assert rent["summary_es"].startswith("Poner un tope")
    assert [c["lang"] for c in rent["citations"]] == ["en", "es"]
    assert record["endorsements"][0]["citations"][0]["lang"] == "en"
    okafor = json.loads(run("show", "okafor", "--format", "json", data=bilingual).stdout)
    assert okafor["occupation_es"] is None


def test_topics_json_adds_the_catalogue_s_spanish_and_the_table_stays_english(run, bilingual):
    records = json.loads(run("topics", "--format", "json", data=bilingual).stdout)
    police = records[2]
    assert police["es"] == {
        "title": "Presupuesto de la policía",
        "question": "¿Debe crecer el presupuesto de la policía?",
        "description": "Cuánto gasta la ciudad en su departamento de policía.",
    }
    added = next(m for m in police["measures"] if m["measure"] == "officers-added")
    assert added["es"] == {"label": "Agentes añadidos a la fuerza", "unit": "agentes"}
    assert records[1]["es"] is None
    assert set(records[1]) == {"topic", "title", "question", "es", "measures"}
    table = run("topics", "--format", "csv", data=bilingual).stdout
    assert table.splitlines()[0] == "topic,title,question,measures"
    assert "Presupuesto" not in table


def test_filter_json_carries_each_quote_s_language(run, bilingual):
    result = run("filter", "--topic", "rent-control", "--format", "json", data=bilingual)
    records = json.loads(result.stdout)
    assert {c["lang"] for r in records for c in r["citations"]} == {"en", "es", "zh-Hans"}


def test_changes_reports_an_edited_spanish_summary(run, bilingual):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    from tests.test_trust import _git

    _git(bilingual, "init", "-q")
    _git(bilingual, "add", "-A")
    _git(bilingual, "commit", "-qm", "Springfield in Spanish")
    alvarez = bilingual / R / "alvarez.yaml"
    alvarez.write_text(
        alvarez.read_text("utf-8").replace("tres por ciento al", "tres por ciento anual al"),
        "utf-8",
    )
    found = json.loads(run("changes", "--format", "json", data=bilingual).stdout)
    assert [(c["candidate"], c["topic"], c["edit"]) for c in found] == [
        ("alvarez", "rent-control", "changed")
    ]
    assert "anual al" in found[0]["after"]["summary_es"]


# --- the bundled data in Spanish -----------------------------------------------------


def test_every_topic_and_measure_of_the_catalogue_is_in_spanish():
    dataset = open_dataset(BUNDLED, races=[])
    for topic in dataset.topics.values():
        spanish = topic.translations.get("es", {})
        wanted = {"title", "question"} | ({"description"} if topic.description else set())
        assert set(spanish) == wanted, topic.id
        assert re.fullmatch(r"¿Deben? [^¿?]+\?", spanish["question"]), spanish["question"]
        for measure in topic.measures.values():
            wanted = {"label", "unit"} | ({"definition"} if measure.definition else set())
            assert set(measure.translations.get("es", {})) == wanted, (topic.id, measure.id)


@pytest.mark.parametrize("race", SPANISH_RACES)
def test_every_summary_and_occupation_of_the_upcoming_races_is_in_spanish(race):
    dataset = open_dataset(BUNDLED, races=[race])
    for candidate in dataset.races[race].candidates.values():
        occupation = candidate.text_in("occupation", "es")
        assert occupation is not None and not occupation.fell_back, candidate.ref
        for topic, position in candidate.positions.items():
            summary = position.text_in("summary", "es")
            assert summary is not None and not summary.fell_back, (candidate.ref, topic)


def test_the_bundled_quotes_stay_in_the_language_they_were_said_in():
    """Translating the summaries left every quote as it was said, in English, untranslated,
    and no Spanish summary puts words in quotation marks that nobody said in Spanish."""
    dataset = open_dataset(BUNDLED, races=list(SPANISH_RACES))
    for race in dataset.races.values():
        for candidate in race.candidates.values():
            for position in candidate.positions.values():
                assert all(c.lang == "en" and c.translation is None for c in position.citations)
                assert not re.search(r'["“”«»]', position.translations["es"]["summary"])
