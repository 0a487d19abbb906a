"""Checking that every quote is on the page its source cites.

Each citation ends as ``found``, ``not-found`` (with the closest passage on the page),
``unreachable`` (with the HTTP status or error) or ``no-url``. Pages are fetched once per
URL, a bounded number in parallel and at most one at a time per host, and cached.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from cli import fetch
from cli.model import Candidate, Citation, Dataset
from cli.pagetext import decode, visible_text
from cli.quotematch import find
from cli.urls import host

STATUSES = ("found", "not-found", "unreachable", "no-url")


@dataclass(frozen=True)
class Check:
    """One citation and what checking it gave."""

    path: str
    line: int
    race: str
    candidate: str
    what: str  # "topic", "endorsement" or "result"
    subject: str  # the topic id, who endorsed, or the round
    source: str
    url: str | None
    quote: str
    status: str = ""
    detail: str = ""

    def to_dict(self) -> dict:
        """The JSON record: path, line, race, candidate, topic (or endorsement or result),
        source, url, status, detail."""
        return {"path": self.path, "line": self.line, "race": self.race,
                "candidate": self.candidate, self.what: self.subject, "source": self.source,
                "url": self.url, "status": self.status, "detail": self.detail}


@dataclass(frozen=True)
class Options:
    """How to fetch: offline (cache only), refresh (ignore the cache), jobs, timeout."""

    offline: bool = False
    refresh: bool = False
    jobs: int = 4
    timeout: float = 20.0


def citations(dataset: Dataset, candidates: Iterable[Candidate]) -> list[Check]:
    """Every citation of ``candidates`` (positions and the figures reported under their
    targets, endorsements, and their results)."""
    chosen = list(candidates)
    checks = []

    def add(person: Candidate, what: str, subject: str, citation: Citation) -> None:
        origin = citation.origin
        checks.append(Check(origin.path if origin else "", origin.line if origin else 0,
                            person.race, person.id, what, subject, citation.source.id,
                            citation.source.url, citation.quote))

    for person in chosen:
        for topic, position in person.positions.items():
            for citation in position.citations:
                add(person, "topic", topic, citation)
            for target in position.targets:  # figures reported since a pledge
                for figure in target.reported:
                    add(person, "topic", topic, figure.citation)
        for endorsement in person.endorsements:
            for citation in endorsement.citations:
                add(person, "endorsement", endorsement.by, citation)
        for result in dataset.races[person.race].results:
            if result.candidate == person.id:
                for citation in result.citations:
                    add(person, "result", result.round, citation)
    return sorted(checks, key=lambda c: (c.path, c.line))


def check(items: list[Check], options: Options,
          progress: Callable[[str], None] | None = None) -> list[Check]:
    """Fetch the pages ``items`` cite and judge each quote."""
    pages = _pages({c.url for c in items if c.url}, options, progress)
    texts: dict[str, str] = {}
    done = []
    for item in items:
        if not item.url:
            done.append(replace(item, status="no-url", detail="the source has no url"))
            continue
        page = pages[item.url]
        if page.body is None:
            done.append(replace(item, status="unreachable", detail=page.error or ""))
            continue
        if item.url not in texts:
            texts[item.url] = page_text(page)
        match = find(item.quote, texts[item.url])
        if match.found:
            done.append(replace(item, status="found"))
        else:
            done.append(replace(item, status="not-found", detail=(
                f"closest passage: “{match.closest}”" if match.closest else
                "nothing on the page resembles it")))
    return done


def page_text(page: fetch.Page) -> str:
    """The text a reader sees on a fetched page (a plain-text page as it is)."""
    text = decode(page.body, page.charset)
    return text if page.content_type == "text/plain" else visible_text(text)


def _pages(urls: set[str], options: Options, progress) -> dict[str, fetch.Page]:
    pages: dict[str, fetch.Page] = {}
    wanted = []
    for url in sorted(urls):
        page = None if options.refresh else fetch.cached(url)
        if page is not None:
            pages[url] = page
        elif options.offline:
            pages[url] = fetch.Page(url, error="not in the cache; run once without --offline")
        else:
            wanted.append(url)
    host_locks: dict[str, threading.Lock] = {}
    for url in wanted:
        host_locks.setdefault(host(url), threading.Lock())

    def get(url: str) -> fetch.Page:
        with host_locks[host(url)]:  # one request at a time per host
            if progress:
                progress(url)
            page = fetch.fetch(url, options.timeout)
        fetch.keep(page)
        return page

    with ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
        for url, page in zip(wanted, pool.map(get, wanted)):
            pages[url] = page
    return pages
