"""What a web page says about itself: title, publisher, publication date, author, address.

Read from the places publishers put them, best first: schema.org JSON-LD (an ``Article``
or ``NewsArticle``: ``headline``, ``publisher.name``, ``datePublished``, ``author.name``,
also inside ``@graph`` arrays and through ``@id`` references), Open Graph and ``article:``
meta tags (``og:title``, ``og:site_name``, ``article:published_time``,
``article:author``), ``<meta name="author">``, ``<time datetime>``, ``<title>`` and
``<link rel="canonical">``. Each value keeps the name of the place it came from; a value
the page does not state is None, never guessed.

The page is scanned once, from start to end, with regular expressions that cannot
backtrack past a ``<`` or ``>``; a JSON-LD script runs to its end tag, and the scan goes
on after it (an opener inside it is its text, as in HTML), so the time and memory taken
grow with the page's size and no markup can make them quadratic.
"""

from __future__ import annotations

import datetime
import html
import json
import re
from dataclasses import dataclass

from cli.text.urls import is_web_address

#: Longer than this, a value is not a title, a name or a date (a hostile or broken page).
MAX_VALUE = 1000
#: JSON-LD nesting followed at most this deep.
MAX_DEPTH = 20

_TAG = re.compile(r"<(meta|link|time|script)\b([^<>]*)>", re.I)
#: An attribute; a quote left open runs to the end of the tag, so no text makes it retry.
_ATTR = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s"'=<>`]+)))?""")
_TITLE = re.compile(r"<title\b[^<>]*>", re.I)
_END_TITLE = re.compile(r"</title\s*>", re.I)
_END_SCRIPT = re.compile(r"</script\s*>", re.I)
_SPACE = re.compile(r"\s+")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?![0-9])")
_ARTICLE_TYPES = ("BlogPosting", "LiveBlogPosting")


@dataclass(frozen=True)
class Found:
    """A value read from the page, and where on the page it was read."""

    value: str
    origin: str


@dataclass(frozen=True)
class PageMeta:
    """What the page states about itself; None where it states nothing."""

    title: Found | None = None
    publisher: Found | None = None
    date: Found | None = None
    author: Found | None = None
    url: Found | None = None


def read(page: str) -> PageMeta:
    """The metadata of the HTML text ``page``."""
    metas: dict[str, str] = {}
    canonical = time_any = time_published = None
    scripts: list[str] = []
    at = 0
    while match := _TAG.search(page, at):
        at = match.end()
        tag, attrs = match.group(1).lower(), _attributes(match.group(2))
        if tag == "meta":
            name = (attrs.get("property") or attrs.get("name") or "").lower()
            if name and "content" in attrs:
                metas.setdefault(name, attrs["content"])
        elif tag == "link" and "canonical" in attrs.get("rel", "").lower().split():
            canonical = canonical or attrs.get("href")
        elif tag == "time" and attrs.get("datetime"):
            time_any = time_any or attrs["datetime"]
            if "pubdate" in attrs or attrs.get("itemprop", "").lower() == "datepublished":
                time_published = time_published or attrs["datetime"]
        elif tag == "script" and attrs.get("type", "").lower().strip() == "application/ld+json":
            end = _END_SCRIPT.search(page, at)
            if end is None:
                break  # no script ends after this one: none that opens later ends either
            scripts.append(page[at : end.start()])
            at = end.end()  # a script runs to its end tag: an opener inside it is its text
    article = _article(scripts)

    def first(*options) -> Found | None:
        for value, origin, tidy in options:
            value = tidy(value) if isinstance(value, str) else None
            if value:
                return Found(value, origin)
        return None

    return PageMeta(
        title=first(
            (article.get("headline"), "JSON-LD headline", _text),
            (metas.get("og:title"), "og:title", _text),
            (_title(page), "<title>", _text),
        ),
        publisher=first(
            (article.get("publisher"), "JSON-LD publisher.name", _text),
            (metas.get("og:site_name"), "og:site_name", _text),
        ),
        date=first(
            (article.get("datePublished"), "JSON-LD datePublished", _date),
            (metas.get("article:published_time"), "article:published_time", _date),
            (time_published, "<time datetime> of the publication", _date),
            (time_any, "<time datetime>", _date),
        ),
        author=first(
            (article.get("author"), "JSON-LD author.name", _text),
            (metas.get("article:author"), "article:author", _name),
            (metas.get("author"), '<meta name="author">', _name),
        ),
        url=first(
            (canonical, '<link rel="canonical">', _address),
            (metas.get("og:url"), "og:url", _address),
        ),
    )


def _attributes(text: str) -> dict[str, str]:
    """The attributes of a tag, names lowercased, values with entities decoded."""
    found: dict[str, str] = {}
    for match in _ATTR.finditer(text):
        value = next((v for v in match.group(2, 3, 4) if v is not None), "")
        found.setdefault(match.group(1).lower(), html.unescape(value))
    return found


def _title(page: str) -> str | None:
    start = _TITLE.search(page)
    if start is None:
        return None
    end = _END_TITLE.search(page, start.end())
    return page[start.end() : end.start()] if end else None


def _text(value: str) -> str | None:
    """``value`` with entities decoded and whitespace collapsed; None when empty or too
    long to be a title or a name."""
    value = _SPACE.sub(" ", html.unescape(value)).strip()
    value = "".join(c for c in value if c.isprintable())
    return value if 0 < len(value) <= MAX_VALUE else None


def _name(value: str) -> str | None:
    """An author's name; a profile address (``article:author`` often holds one) is not."""
    text = _text(value)
    return None if text is None or is_web_address(text) or "/" in text else text


def _date(value: str) -> str | None:
    """``YYYY-MM-DD`` from an ISO 8601 date or date-time, as the page wrote it; None for
    anything else."""
    match = _ISO_DATE.match(value.strip())
    if match is None:
        return None
    try:
        datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
    return match.group(0)


def _address(value: str) -> str | None:
    value = value.strip()
    return value if is_web_address(value) and len(value) <= MAX_VALUE else None


# --- JSON-LD ------------------------------------------------------------------------


def _article(scripts: list[str]) -> dict[str, str]:
    """``headline``, ``datePublished``, ``publisher`` and ``author`` (names joined) of
    the first article the page's JSON-LD describes, as strings; {} when there is none."""
    nodes: list[dict] = []
    for script in scripts:
        try:
            data = json.loads(script.strip().removeprefix("<!--").removesuffix("-->"))
        except (ValueError, RecursionError):
            continue  # broken JSON-LD is common; the meta tags may still say it
        _collect(data, nodes, 0)
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    for node in nodes:
        if _is_article(node):
            found = {}
            for key in ("headline", "datePublished"):
                if isinstance(node.get(key), str):
                    found[key] = node[key]
            for key in ("publisher", "author"):
                names = [n for n in (_name_of(v, by_id) for v in _listed(node.get(key))) if n]
                if names:
                    found[key] = _joined(names)
            return found
    return {}


def _collect(data, nodes: list[dict], depth: int) -> None:
    """Every mapping of a JSON-LD document, ``@graph`` members and list items included."""
    if depth > MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            _collect(item, nodes, depth + 1)
    elif isinstance(data, dict):
        nodes.append(data)
        if "@graph" in data:
            _collect(data["@graph"], nodes, depth + 1)


def _is_article(node: dict) -> bool:
    types = node.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and (t.endswith("Article") or t in _ARTICLE_TYPES) for t in types)


def _listed(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def _name_of(value, by_id: dict) -> str | None:
    """The name of a publisher or author: a string, ``{"name": ...}``, or an ``@id``
    reference to a node that has one."""
    if isinstance(value, str):
        return None if is_web_address(value) else value
    if not isinstance(value, dict):
        return None
    if "name" not in value and isinstance(value.get("@id"), str):
        value = by_id.get(value["@id"], {})
    name = value.get("name")
    return name if isinstance(name, str) else None


def _joined(names: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    unique = list(dict.fromkeys(n.strip() for n in names if n.strip()))
    if len(unique) < 2:
        return "".join(unique)
    return f"{', '.join(unique[:-1])} and {unique[-1]}"
