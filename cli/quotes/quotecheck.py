"""Checking that every quote is on the page its source cites.

Each citation ends as ``found``, ``not-found`` (with the closest passage on the page),
``unreachable`` (with the HTTP status or error), ``unreadable`` (not a web page, a charset
that is not a text encoding, markup too slow to read), ``blocked`` (a non-public address)
or ``no-url``. Pages are fetched once per URL, by a bounded number of workers and at most
one at a time per host: each free worker takes the next page of the free host with the most
pages still waiting, so no worker waits on a busy host while another has work. A host that
answers 429 or 503 with a short ``Retry-After`` is asked again once that time has passed.
Each worker holds one page at a time: it judges every quote citing the page, then lets the
page go. Pages are cached (see :mod:`cli.quotes.fetch`).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from cli.model import Candidate, Checked, Citation, Dataset
from cli.quotes import fetch
from cli.quotes.pagetext import Unreadable, decode, visible_text
from cli.quotes.quotematch import find, normalise
from cli.quotes.status import Status
from cli.text.urls import host

#: Times a page answered 429/503 with a short Retry-After is asked again.
MAX_RETRIES = 2


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
    status: Status | None = None  # None until checked
    detail: str = ""
    text_sha256: str | None = None  # of the normalised page text, when it could be read
    name: str = ""  # the candidate's

    def to_dict(self, changed_since: str | None = None) -> dict:
        """The JSON record: the candidate (RACE/ID, race, id, name), where the citation is
        written, what it backs (``kind``: topic, endorsement or result; ``subject``), its
        source, url and quote, the verdict and its detail, and ``changed_since``."""
        return {
            "ref": f"{self.race}/{self.candidate}",
            "race": self.race,
            "candidate": self.candidate,
            "name": self.name,
            "path": self.path,
            "line": self.line,
            "kind": self.what,
            "subject": self.subject,
            "source": self.source,
            "url": self.url,
            "quote": self.quote,
            "status": self.status,
            "detail": self.detail,
            "changed_since": changed_since,
        }


@dataclass(frozen=True)
class Options:
    """How to fetch: offline (cache only), refresh (ignore the cache), jobs, timeout (for
    each whole page), and whether private addresses may be fetched from."""

    offline: bool = False
    refresh: bool = False
    jobs: int = 4
    timeout: float = 20.0
    allow_private: bool = False


def citations(dataset: Dataset, candidates: Iterable[Candidate]) -> list[Check]:
    """Every citation of ``candidates`` (positions and the figures reported under their
    targets, endorsements, and their results)."""
    chosen = list(candidates)
    checks = []

    def add(person: Candidate, what: str, subject: str, citation: Citation) -> None:
        origin = citation.origin
        checks.append(
            Check(
                origin.path if origin else "",
                origin.line if origin else 0,
                person.race,
                person.id,
                what,
                subject,
                citation.source.id,
                citation.source.url,
                citation.quote,
                name=person.name,
            )
        )

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


def check(
    items: list[Check], options: Options, progress: Callable[[str], None] | None = None
) -> list[Check]:
    """Fetch the pages ``items`` cite and judge each quote (in the order of ``items``)."""
    citing: dict[str, list[int]] = {}
    for number, item in enumerate(items):
        if item.url:
            citing.setdefault(item.url, []).append(number)
    done: list[Check | None] = [
        None if item.url else replace(item, status=Status.NO_URL, detail="the source has no url")
        for item in items
    ]

    def judge_page(page: fetch.Page) -> None:
        text = _text(page) if page.body is not None else None
        digest = text_digest(text) if isinstance(text, str) else None
        for number in citing[page.url]:
            done[number] = replace(_judge(items[number], page, text), text_sha256=digest)

    _fetch_all(sorted(citing), options, progress, judge_page)
    if not options.offline:
        fetch.prune()
    return [item for item in done if item is not None]


def _judge(item: Check, page: fetch.Page, text: str | Unreadable | None) -> Check:
    """The verdict on ``item``'s quote against ``page`` and its ``text``."""
    if page.body is None or text is None:
        return replace(item, status=page.failure or Status.UNREACHABLE, detail=page.error or "")
    if isinstance(text, Unreadable):
        return replace(item, status=Status.UNREADABLE, detail=str(text))
    match = find(item.quote, text)
    if match.found:
        return replace(item, status=Status.FOUND)
    return replace(
        item,
        status=Status.NOT_FOUND,
        detail=(
            f"closest passage: “{match.closest}”"
            if match.closest
            else "nothing on the page resembles it"
        ),
    )


def text_digest(text: str) -> str:
    """The SHA-256 (hex) of a page's text in the form quotes are looked for in: a page
    whose markup, spacing or quote marks change, but not its words, keeps its digest."""
    import hashlib

    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SourceCheck:
    """What one run found for one source: every quote found (``all_found``), the digest of
    the page text read, and the source's recorded check (date, digest) if it has one."""

    race: str
    source: str
    all_found: bool
    text_sha256: str | None
    recorded: Checked | None

    @property
    def changed(self) -> bool:
        """Every quote still found, but the page text is not the one last recorded."""
        return (
            self.all_found
            and self.recorded is not None
            and self.text_sha256 != self.recorded.text_sha256
        )


def by_source(dataset: Dataset, checks: list[Check]) -> list[SourceCheck]:
    """The checks grouped by source (race, source id), in the order first checked."""
    groups: dict[tuple[str, str], list[Check]] = {}
    for item in checks:
        groups.setdefault((item.race, item.source), []).append(item)
    out = []
    for (race, sid), items in groups.items():
        digests = {i.text_sha256 for i in items}
        found = all(i.status == Status.FOUND for i in items) and len(digests) == 1
        source = dataset.races[race].sources.get(sid)
        out.append(
            SourceCheck(
                race,
                sid,
                found,
                digests.pop() if found else None,
                source.checked if source else None,
            )
        )
    return out


def check_records(checks: list[Check], sources: list[SourceCheck]) -> list[dict]:
    """Every check as ``check-quotes --format json`` gives it, with the date of its
    source's recorded check where the page changed since (else None)."""
    since = {(s.race, s.source): s.recorded.date for s in sources if s.changed and s.recorded}
    return [c.to_dict(since.get((c.race, c.source))) for c in checks]


def page_text(page: fetch.Page) -> str:
    """The text a reader sees on a fetched page (a plain-text page as it is); raises
    Unreadable when its charset is no text encoding or its markup costs too much."""
    text = decode(page.body or b"", page.charset)
    return text if page.content_type == "text/plain" else visible_text(text)


def _text(page: fetch.Page) -> str | Unreadable:
    """The page's text, or why it cannot be read."""
    try:
        return page_text(page)
    except Unreadable as exc:
        return exc


class _Hosts:
    """The pages still to fetch, by host: hands a free worker the next page of the free
    host with the most pages waiting, and keeps each host to one page at a time and to
    its Retry-After."""

    def __init__(self, urls: list[str]):
        self.waiting: dict[str, deque] = {}
        for url in urls:
            self.waiting.setdefault(host(url), deque()).append(url)
        self.busy: set[str] = set()
        self.not_before: dict[str, float] = {}
        self.left = len(urls)
        self.changed = threading.Condition()

    def take(self) -> tuple[str, str] | None:
        """(host, url) to fetch next; None when every page is done."""
        with self.changed:
            while self.left:
                now = time.monotonic()
                free = [
                    h
                    for h, queue in self.waiting.items()
                    if queue and h not in self.busy and self.not_before.get(h, 0) <= now
                ]
                if free:
                    chosen = max(free, key=lambda h: len(self.waiting[h]))
                    self.busy.add(chosen)
                    return chosen, self.waiting[chosen].popleft()
                later = [
                    t - now
                    for h, t in self.not_before.items()
                    if t > now and self.waiting[h] and h not in self.busy
                ]
                self.changed.wait(min(later) if later else None)
            return None

    def done(self, name: str, url: str, retry_after: float | None = None) -> None:
        """The page ``url`` of host ``name`` is done, or (``retry_after`` given) to be
        fetched again that many seconds from now."""
        with self.changed:
            self.busy.discard(name)
            if retry_after is None:
                self.left -= 1
            else:
                self.waiting[name].appendleft(url)
                self.not_before[name] = time.monotonic() + retry_after
            self.changed.notify_all()


def _fetch_all(
    urls: list[str], options: Options, progress, judge_page: Callable[[fetch.Page], None]
) -> None:
    """Get every page of ``urls`` (from the cache, or fetched) and hand each to
    ``judge_page`` as soon as it is there, in worker threads. The workers are daemon
    threads and the calling thread waits in short steps, so Ctrl-C ends the run at once."""
    hosts = _Hosts(urls)
    tries: dict[str, int] = {}
    failed: list[BaseException] = []

    def one(url: str) -> float | None:
        page = None if options.refresh else fetch.cached(url)
        if page is None and options.offline:
            page = fetch.Page(
                url,
                error="not in the cache; run once without --offline",
                failure=Status.UNREACHABLE,
            )
        if page is None:
            if progress:
                progress(url)
            page = fetch.fetch(url, options.timeout, options.allow_private)
            if page.retry_after is not None and tries.get(url, 0) < MAX_RETRIES:
                tries[url] = tries.get(url, 0) + 1
                return page.retry_after
            fetch.keep(page)
        judge_page(page)
        return None

    def work() -> None:
        while not failed:
            taken = hosts.take()
            if taken is None:
                return
            name, url = taken
            try:
                again = one(url)
            except BaseException as exc:  # noqa: BLE001 - handed to the calling thread
                failed.append(exc)
                again = None
            hosts.done(name, url, again)

    workers = [
        threading.Thread(target=work, daemon=True)
        for _ in range(max(1, min(options.jobs, len(urls))))
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        while worker.is_alive():
            worker.join(0.1)
    if failed:
        raise failed[0]
