"""The text a reader sees on a fetched page: no scripts, styles or markup, entities decoded.

Uses the standard library's HTML parser, which copes with the broken markup of real pages
and decodes character references itself.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

#: Elements whose content a reader never sees as text.
HIDDEN = {"script", "style", "noscript", "template", "svg"}
#: Elements that start a new line of text, so words either side never run together.
BLOCKS = {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
          "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
          "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr",
          "ul", "title"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in HIDDEN and self.hidden:
            self.hidden -= 1
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def charset_of(body: bytes, declared: str | None) -> str:
    """The page's encoding: the HTTP header's, else a ``<meta>`` one, else UTF-8."""
    for name in (declared, _meta_charset(body)):
        if name:
            try:
                return codecs.lookup(name).name
            except LookupError:
                continue
    return "utf-8"


def _meta_charset(body: bytes) -> str | None:
    found = _META_CHARSET.search(body[:4096])
    return found.group(1).decode("ascii") if found else None


def decode(body: bytes, declared: str | None) -> str:
    """``body`` as text in its own charset; undecodable bytes become U+FFFD."""
    return body.decode(charset_of(body, declared), "replace")


def visible_text(html: str) -> str:
    """What a reader sees of ``html``: the text of the page, one block per line."""
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)
