"""A hostile dataset cannot hold up the PDF handout: a long word gets its break
opportunities before WeasyPrint lays it out, so the time grows with the words' length as
the pages do (WeasyPrint alone took over ten minutes for twelve candidates with
3,000-letter names), and nothing but text changes."""

from __future__ import annotations

import time

import pytest

from cli.output.pdf import breakable
from tests.test_handout_rendering import weasyprint_or_skip
from tests.test_hostile_latex import R, long_words

ZWSP = "\u200b"


def test_long_words_get_break_opportunities_in_text_only():
    word = "b" * 30
    html = (
        f"<html><head><title>{word}</title><style>p > a {{ content: '{word}' }}</style></head>"
        f'<body><p>Tom &amp; {word} short</p><a href="https://example.org/{word}">'
        f"https://example.org/{word}</a></body></html>"
    )
    out = breakable(html)
    assert out.replace(ZWSP, "") == html
    assert f"<title>{word}</title>" in out and f"content: '{word}'" in out
    assert f'href="https://example.org/{word}"' in out  # the link keeps its address
    assert f"Tom &amp; b{ZWSP}b{ZWSP}" in out and " short<" in out
    assert f"https://{ZWSP}example.{ZWSP}org/{ZWSP}b" in out  # at punctuation first


@pytest.mark.slow
@pytest.mark.render
def test_doubling_the_longest_words_about_doubles_the_time_of_the_pdf(run, tmp_path):
    weasyprint_or_skip()
    seconds = []
    for length in (500, 1000):
        root = long_words(tmp_path / str(length), length)
        start = time.perf_counter()
        result = run("handout", "--race", R, "-o", str(tmp_path / f"{length}.pdf"), data=root)
        seconds.append(time.perf_counter() - start)
        assert result.exit_code == 0, result.stderr
    assert seconds[1] < 2.5 * seconds[0], seconds  # WeasyPrint alone: 15 s, then 56 s
