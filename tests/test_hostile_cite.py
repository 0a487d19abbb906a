"""`cite` and the files a user names, against hostile pages and files (issue 27): pages
whose markup would make a parser quadratic, a saved page that names someone else's address,
two curators citing at once, file modes and links, addresses that are not plain ASCII,
named pipes and devices where a file is expected. Pages are served on 127.0.0.1 by the
tests themselves."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from cli.curation import pagemeta
from cli.quotes.pagetext import visible_text

# --- every parser of a page's text is linear in the page ----------------------------------


def _best_time(parse, page: str) -> float:
    """The shortest of three runs of ``parse(page)``, in seconds."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        parse(page)
        times.append(time.perf_counter() - started)
    return min(times)


#: Markup that made a parser hold on to, or scan again, everything after each piece.
HOSTILE_UNITS = [
    '<script type="application/ld+json">x',  # openers, one closer at the end
    '<script type="application/ld+json">{"@graph": [',
    "<title>x",
    '<meta content="x',
    "<link rel=canonical href='",
    "<time datetime=",
    "<a ",
    "<!-- ",
]


@pytest.mark.parametrize("parse", [pagemeta.read, visible_text], ids=["metadata", "text"])
@pytest.mark.parametrize("unit", HOSTILE_UNITS)
def test_doubling_a_hostile_page_about_doubles_the_time_to_read_it(parse, unit):
    once = _best_time(parse, unit * 4_000 + "</script></title>")
    twice = _best_time(parse, unit * 8_000 + "</script></title>")
    assert twice < 3 * once + 0.02, (once, twice)  # quadratic work takes four times as long


def test_the_metadata_of_a_page_of_script_openers_takes_little_memory():
    page = '<script type="application/ld+json">x' * 20_000 + "</script>"  # 700 KB
    tracemalloc.start()
    try:
        started = time.perf_counter()
        meta = pagemeta.read(page)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert meta == pagemeta.PageMeta()
    assert time.perf_counter() - started < 2 and peak < 10 * len(page)
