"""Reading what a page states about itself, and writing YAML that reads back exactly."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cli.curation import pagemeta
from cli.dataset.safeyaml import parse
from cli.dataset.yamltext import entry, scalar


def ld(*objects) -> str:
    return "".join(f'<script type="application/ld+json">{json.dumps(o)}</script>' for o in objects)


def test_json_ld_article_in_a_list_with_publisher_and_author_as_strings():
    page = ld(
        [
            {"@type": "WebSite", "name": "Site"},
            {
                "@type": "Article",
                "headline": "H",
                "datePublished": "2025-06-24",
                "publisher": "The Daily",
                "author": "Ann Lee",
            },
        ]
    )
    meta = pagemeta.read(page)
    assert (meta.title.value, meta.publisher.value, meta.date.value, meta.author.value) == (
        "H",
        "The Daily",
        "2025-06-24",
        "Ann Lee",
    )
    assert meta.publisher.origin == "JSON-LD publisher.name"


def test_json_ld_graph_references_and_several_authors():
    page = ld(
        {
            "@graph": [
                {"@type": "Person", "@id": "#a", "name": "Ann Lee"},
                {"@type": "Organization", "@id": "#o", "name": "The Daily"},
                {
                    "@type": ["ReportageNewsArticle", "NewsArticle"],
                    "headline": "H",
                    "publisher": [{"@id": "#o"}],
                    "author": [
                        {"@id": "#a"},
                        {"name": "Bo Chan"},
                        {"name": "Cy Dee"},
                        {"@id": "#missing"},
                    ],
                },
            ]
        }
    )
    meta = pagemeta.read(page)
    assert meta.publisher.value == "The Daily"
    assert meta.author.value == "Ann Lee, Bo Chan and Cy Dee"


def test_meta_tags_when_there_is_no_json_ld():
    page = (
        '<meta property="og:title" content="Caf&eacute; plan">'
        "<meta property='og:site_name' content='Gazette'>"
        '<META NAME="author" CONTENT="Dana Reporter">'
        '<meta property="article:author" content="https://facebook.com/dana">'
        '<meta property="article:published_time" content="2024-02-29T12:00:00Z">'
        '<meta property="og:url" content="https://gazette.example/cafe">'
    )
    meta = pagemeta.read(page)
    assert meta.title == pagemeta.Found("Café plan", "og:title")
    assert meta.publisher == pagemeta.Found("Gazette", "og:site_name")
    assert meta.author == pagemeta.Found("Dana Reporter", '<meta name="author">')
    assert meta.date == pagemeta.Found("2024-02-29", "article:published_time")
    assert meta.url == pagemeta.Found("https://gazette.example/cafe", "og:url")


def test_the_publication_time_element_wins_over_the_first_one():
    page = (
        '<time datetime="2024-01-01">x</time>'
        '<time itemprop="datePublished" datetime="2024-01-02">y</time>'
    )
    assert pagemeta.read(page).date == pagemeta.Found(
        "2024-01-02", "<time datetime> of the publication"
    )
    assert pagemeta.read('<time datetime="2024-01-01">').date.origin == "<time datetime>"


@pytest.mark.parametrize("stated", ["June 24, 2025", "2025-02-30", "20250624", "", "2025"])
def test_a_date_that_is_not_a_whole_iso_date_is_not_taken(stated):
    page = ld({"@type": "NewsArticle", "datePublished": stated})
    assert pagemeta.read(page).date is None


def test_broken_json_ld_and_a_page_with_nothing_state_nothing():
    page = (
        '<script type="application/ld+json">{"@type": "Article", "headline": </script>'
        '<script type="application/ld+json">' + "[" * 100_000 + "</script><p>Hi</p>"
    )
    assert pagemeta.read(page) == pagemeta.PageMeta()
    assert pagemeta.read("") == pagemeta.PageMeta()


def test_values_are_cleaned_and_an_overlong_one_is_dropped():
    page = (
        "<title>\n  A \u202etitle\u0007 &amp; more\n</title>"
        f'<meta property="og:site_name" content="{"x" * 5000}">'
    )
    meta = pagemeta.read(page)
    assert meta.title.value == "A title & more"
    assert meta.publisher is None


@pytest.mark.parametrize(
    "hostile",
    [
        '<a x="' * 200_000,
        "<meta " * 200_000,
        '<script type="application/ld+json">' * 100_000,
        "<p>" + "<a " * 300_000,
        "<title>" * 300_000,
        '<meta content="' + 'a="' * 300_000,
        "<time datetime=" * 200_000,
    ],
)
def test_hostile_markup_is_read_in_linear_time(hostile):
    start = time.perf_counter()
    pagemeta.read(hostile)
    assert time.perf_counter() - start < 2


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_a_written_scalar_reads_back_as_the_same_text(text):
    assert parse(f"k: {scalar(text)}\n", "t").data == {"k": text}


def test_dates_and_plain_words_are_written_as_curators_write_them():
    assert scalar("2022-06-07") == "2022-06-07"
    assert scalar("Los Angeles Times") == "Los Angeles Times"
    assert scalar("yes") == '"yes"' and scalar("2022") == '"2022"'
    assert scalar("Okafor: the plan") == '"Okafor: the plan"'
    assert entry("a", {"title": "T", "publisher": None}) == "a:\n  title: T\n  publisher:\n"
