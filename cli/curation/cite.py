"""Adding a web page to a race's bibliography: what the page says about itself becomes a
source entry, and a quote is looked for on it the way check-quotes looks.

The page comes from the check-quotes fetcher (same limits and safety) or from a copy saved
in a browser. A field the page does not state is never guessed: an optional one is left
out, a required one (title, publisher) is written blank for the curator to fill in, and
both are named in the result. sources.yaml is checked before the page is read, and
written as :mod:`cli.curation.sourcesfile` writes it: read again under the race folder's
lock once the page is in, and replaced keeping its permissions.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from cli.curation import bibliography, pagemeta, sourcesfile
from cli.dataset.layout import Layout, read_text
from cli.problems import Code, DataError, errors_in
from cli.quotes import fetch
from cli.quotes.quotematch import Match, find
from cli.text.controlchars import clean
from cli.text.plainfiles import read_named
from cli.text.urls import host, is_web_address

#: The fields of a source entry in the order they are written, and those it needs.
ORDER = ("title", "publisher", "author", "date", "url", "kind", "accessed")
REQUIRED = ("title", "publisher")
FROM_PAGE = ("title", "publisher", "author", "date")


class CiteError(Exception):
    """The page cannot be read (bad address, unreachable, not a web page, too large)."""


@dataclass(frozen=True)
class Cited:
    """What citing a page did, for the curator to read."""

    source_id: str
    line: int  # of the source's key in sources.yaml
    fields: dict  # as written; None where left blank
    origins: dict  # field -> where its value came from
    existing: bool = False  # the page was already a source: nothing was added
    created: bool = False  # sources.yaml did not exist
    missing: list = field(default_factory=list)  # optional fields the page does not state
    blank: list = field(default_factory=list)  # required fields written blank
    refused: dict = field(default_factory=dict)  # field -> why the page's value is not used
    quote: str | None = None
    match: Match | None = None


def fetch_page(url: str, timeout: float, allow_private: bool) -> fetch.Page:
    """The page at ``url`` through the check-quotes fetcher, kept in its cache so a later
    check-quotes needs no network; CiteError when there is none. Loopback, private and
    link-local addresses are refused (at every redirect) unless ``allow_private``."""
    page = fetch.fetch(url, timeout, allow_private=allow_private)
    if page.body is None:
        raise CiteError(f"cannot read {url}: {page.error}")
    fetch.keep(page)
    return page


def saved_page(path: Path, url: str | None) -> fetch.Page:
    """A page saved in a browser, read as the fetcher would have read it (the same size
    limit); FileRefused when ``path`` is not a regular file, is over the limit or cannot
    be read."""
    body = read_named(path, fetch.MAX_BYTES, "the saved page")
    return fetch.Page(url or "", url, 200, "text/html", None, body)


def keep_saved(page: fetch.Page, url: str) -> None:
    """Keep a saved page in the page cache under ``url``, the address the curator gave
    for it, so that check-quotes reads the quotes of that source from it (a paywalled
    page cannot be fetched). Never under an address the page names itself: anyone's page
    can claim to be anyone's."""
    from dataclasses import replace

    fetch.keep(replace(page, url=url, final_url=url))


def page_text(page: fetch.Page) -> str:
    """The text of ``page`` as check-quotes reads it."""
    from cli.quotes.quotecheck import page_text as text

    return text(page)


def url_problem(url: str) -> str | None:
    """Why the address ``url`` a curator gave cannot be a source's url (what ``validate``
    would say of it), or None when it can."""
    if not is_web_address(url):
        return (
            f"'{clean(url)}' is not an http or https address with a host (and, if it names "
            "a port, one from 1 to 65535)"
        )
    return bibliography.refused({"url": url}).get("url")


def current(layout: Layout, path: Path) -> tuple[bibliography.Bibliography, int | None]:
    """The race's sources.yaml at ``path`` as it stands, and its permission bits (None
    when it does not exist yet). Refused when cite may not write it, DataError when it
    cannot be read cleanly."""
    mode = sourcesfile.writable_mode(path, "cite")
    text, problems = read_text(layout, path)
    if text is None and not any(p.code == Code.MISSING_FILE for p in problems):
        raise DataError(problems, "fix sources.yaml first; nothing was written")
    bib = bibliography.read(path, layout.rel(path), text)
    if bib.doc is not None and errors_in(bib.doc.problems):
        raise DataError(errors_in(bib.doc.problems), "fix sources.yaml first; nothing was written")
    return bib, mode


def write(layout: Layout, path: Path, page: fetch.Page, url: str | None, **plan) -> Cited:
    """Add the source for ``page`` (planned by :func:`add`, which takes ``plan``) to the
    sources.yaml at ``path`` as it stands now: under the race folder's lock, the file is
    read again, so what was saved while the page was read is kept (and a page cited
    meanwhile is not added twice), then replaced keeping its permissions."""
    with sourcesfile.locked(path.parent):
        bib, mode = current(layout, path)
        cited, text = add(bib, page, url, **plan)
        if text is not None:
            sourcesfile.replace(path, text, mode)
    return cited


def known(bib: bibliography.Bibliography, url: str | None) -> Cited | None:
    """The source ``url`` already is, before any page is read (None when it is none)."""
    source_id = bib.citing([url])
    if source_id is None:
        return None
    return Cited(source_id, bib.line_of(source_id), dict(bib.sources[source_id]), {}, existing=True)


def add(
    bib: bibliography.Bibliography,
    page: fetch.Page,
    url: str | None,
    *,
    source_id: str | None,
    kind: str | None,
    quote: str | None,
    new_file: str,
    accessed: datetime.date | None,
) -> tuple[Cited, str | None]:
    """Plan the source for ``page``: the result, and the new text of sources.yaml (None
    when the page is already a source, so nothing is to be written). ``url`` is the
    address the curator gave (else the page's canonical one is used); ``accessed`` is
    the date the page was fetched (None for a saved copy). A value of the page that
    ``validate`` would report is left out, as if the page did not state it, and named
    in the result with validate's words."""
    from cli.quotes.pagetext import Unreadable, decode

    try:
        html = decode(page.body or b"", page.charset) if page.content_type != "text/plain" else ""
        text = page_text(page) if quote else ""
    except (LookupError, UnicodeError, Unreadable) as exc:  # no text encoding, or too costly
        raise CiteError(f"cannot read the page's text: {exc}") from None
    meta = pagemeta.read(html)
    stated = meta.url.value if meta.url else None
    match = find(quote, text) if quote else None
    cited = bib.citing([url, page.final_url, stated])
    if cited is not None:
        return Cited(
            cited,
            bib.line_of(cited),
            dict(bib.sources[cited]),
            {},
            existing=True,
            quote=quote,
            match=match,
        ), None
    if source_id is not None and source_id in bib.sources:
        raise CiteError(
            f"'{source_id}' became a source in {bib.rel} while the page was read; choose another id"
        )
    fields, origins = {}, {}
    for name in FROM_PAGE:
        found = getattr(meta, name)
        if found is not None:
            fields[name], origins[name] = found.value, found.origin
    if url or stated:
        fields["url"], origins["url"] = (
            (url, "as given") if url or meta.url is None else (stated, meta.url.origin)
        )
    if kind:
        fields["kind"], origins["kind"] = kind, "--kind"
    if accessed:
        fields["accessed"], origins["accessed"] = accessed.isoformat(), "today"
    refused = bibliography.refused(fields)  # a value the page states that validate rejects
    for name in refused:
        del fields[name], origins[name]
    blank = [name for name in REQUIRED if name not in fields]
    missing = [
        name
        for name in (*FROM_PAGE, "url")
        if name not in fields and name not in blank and name not in refused
    ]
    fields = {name: fields.get(name) for name in ORDER if name in fields or name in blank}
    source_id = source_id or bibliography.new_id(
        fields.get("publisher") or host(fields.get("url") or ""),
        fields.get("date"),
        fields.get("title") or _page_name(fields.get("url") or ""),
        bib.sources,
    )
    text, line = bibliography.appended(bib, source_id, fields, new_file)
    return Cited(
        source_id,
        line,
        fields,
        origins,
        created=bib.text is None,
        missing=missing,
        blank=blank,
        refused=refused,
        quote=quote,
        match=match,
    ), text


def _page_name(url: str) -> str:
    """The last part of an address's path, without its extension (for an id only)."""
    from urllib.parse import urlsplit

    try:
        last = urlsplit(url).path.rstrip("/").rpartition("/")[2]
    except ValueError:
        return ""
    return last.rpartition(".")[0] or last
