"""The text a reader sees on a fetched page: no scripts, styles or markup, entities decoded.

A small tokenizer of its own, in linear time: each step either consumes a run of text up to
the next ``<`` that starts markup, or one whole piece of markup (a comment, a declaration,
a tag with its attributes, quoted values included, up to its ``>`` or the end of the page),
and the content of a hidden element up to its end tag, each with one regular-expression
match that never backtracks. The standard library's ``html.parser`` was quadratic on
unclosed tags (``"<p>" + "<a " * N``: 13 s at 30 KB) and selectolax's lexbor on deep
nesting (2.8 s at 120 KB of ``<div>``); this one reads 5 MB of either in well under a
second (the measurements are in the commit that brought it). The time is bounded all the
same: a page whose text takes over ``MAX_SECONDS`` to extract is :class:`Unreadable`.

The page's charset is honoured only when it is a text encoding a web page may use (the
WHATWG Encoding Standard's, plus ASCII and Latin-1); ``base64``, ``rot13``, ``zlib``,
``idna`` and other codecs Python knows are not text encodings of a page, and a label
that is neither makes the page :class:`Unreadable`. A byte-order mark (UTF-8 or UTF-16)
decides before any label.
"""

from __future__ import annotations

import codecs
import html
import re
import time

#: Elements whose content a reader never sees as text.
HIDDEN = {"script", "style", "noscript", "template", "svg"}
#: Elements that start a new line of text, so words either side never run together.
BLOCKS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
    "title",
}
#: Seconds one page's text may take to extract.
MAX_SECONDS = 5.0
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
#: Where markup may start: ``<`` and a letter, ``/``, ``!`` or ``?`` (any other ``<`` is text).
_MARKUP = re.compile(r"<[A-Za-z/!?]")
_PIECE = re.compile(
    r"""<(?:
    !--.*?(?:-->|\Z)                                  # a comment, to its end or the page's
  | [!?][^>]*>?                                       # a declaration or processing instruction
  | (/?)([A-Za-z][^\s/>]*)(?:[^>"']+|"[^"]*"|'[^']*')*>?   # a tag, quoted values whole
  | /[^>]*>?                                          # a broken end tag
)""",
    re.S | re.X,
)
_ENDS: dict[str, re.Pattern] = {name: re.compile(rf"</{name}\b[^>]*>?", re.I) for name in HIDDEN}
#: Codec names (as codecs.lookup gives them) of the encodings a page may be in.
_TEXT_ENCODINGS = frozenset(
    codecs.lookup(label).name
    for label in (
        "utf-8",
        "utf-8-sig",
        "utf-16",
        "utf-16-le",
        "utf-16-be",
        "ascii",
        "latin-1",
        "cp866",
        *(f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
        "koi8-r",
        "koi8-u",
        "mac-roman",
        "mac-cyrillic",
        "cp874",
        *(f"cp{n}" for n in range(1250, 1259)),
        "gbk",
        "gb2312",
        "gb18030",
        "big5",
        "big5hkscs",
        "euc-jp",
        "iso2022-jp",
        "shift-jis",
        "cp932",
        "euc-kr",
        "cp949",
    )
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class Unreadable(ValueError):
    """The page cannot be read as text: a charset that is not a text encoding, or markup
    that takes too long to read. The message says which."""


def charset_of(body: bytes, declared: str | None) -> str:
    """The page's encoding: its byte-order mark's, else the HTTP header's, else a
    ``<meta>`` one, else UTF-8. Unreadable when the label found is not a text encoding."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    label = declared or _meta_charset(body)
    if not label:
        return "utf-8"
    try:
        found: str | None = codecs.lookup(label).name
    except LookupError:
        found = None
    if found not in _TEXT_ENCODINGS:
        raise Unreadable(
            f"the page declares the charset '{label[:40]}', which is not a text "
            "encoding of web pages"
        )
    return found


def _meta_charset(body: bytes) -> str | None:
    found = _META_CHARSET.search(body[:4096])
    return found.group(1).decode("ascii") if found else None


def decode(body: bytes, declared: str | None) -> str:
    """``body`` as text in its own charset; undecodable bytes become U+FFFD. Unreadable
    when its charset is not a text encoding."""
    try:
        return body.decode(charset_of(body, declared), "replace")
    except (LookupError, UnicodeError) as exc:  # a codec that cannot decode with 'replace'
        raise Unreadable(f"the page cannot be decoded: {exc}") from None


def visible_text(page: str, max_seconds: float = MAX_SECONDS) -> str:
    """What a reader sees of ``page`` (HTML): the text of the page, one block per line.
    Unreadable when that takes more than ``max_seconds``."""
    parts: list[str] = []
    at, end = 0, len(page)
    give_up = time.monotonic() + max_seconds
    steps = 0
    while at < end:
        steps += 1
        if not steps & 1023 and time.monotonic() > give_up:
            raise Unreadable(f"the page's markup took over {max_seconds:g} s to read")
        start = _MARKUP.search(page, at)
        if start is None:
            parts.append(page[at:])
            break
        if start.start() > at:
            parts.append(page[at : start.start()])
        piece = _PIECE.match(page, start.start())
        if piece is None:  # cannot happen (every alternative matches a start), but be safe
            parts.append("<")
            at = start.start() + 1
            continue
        at = piece.end()
        name = piece.group(2)
        if name is None:
            continue
        name = name.lower()
        if name in BLOCKS:
            parts.append("\n")
        if name in HIDDEN and not piece.group(1) and not piece.group(0).endswith("/>"):
            closing = _ENDS[name].search(page, at)
            at = closing.end() if closing else end
    return html.unescape("".join(parts))
