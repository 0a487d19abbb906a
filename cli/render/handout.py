"""Render a :class:`cli.handout.Handout` as standalone HTML, Markdown or LaTeX.

The three formats share one model and differ only in their template and in how data text
is escaped. Escaping is never left to the template author: HTML templates autoescape, and
the Markdown and LaTeX environments pass every interpolated value through their escaper
(``finalize``), so only values explicitly marked :class:`Raw` (URLs already made safe for
that format) go out as they are.
"""

from __future__ import annotations

from urllib.parse import quote

from cli.controlchars import clean
from cli.handout import Handout
from cli.render import escape

FORMATS = ("html", "markdown", "latex")
_TEMPLATES = {"html": "handout.html.j2", "markdown": "handout.md.j2",
              "latex": "handout.tex.j2"}
#: URL characters that may stay as they are in a Markdown autolink or a LaTeX \url.
_URL_SAFE = "/:?=&;,@+$-_.!*'()[]~%#"


class Raw(str):
    """Text already safe for the target format: the escaper leaves it alone."""


def _finalizer(escaper):
    def finalize(value):
        if isinstance(value, Raw):
            return value
        return escaper("" if value is None else str(value))
    return finalize


def _html_finalize(value):
    """Control characters made visible before autoescaping; numbers pass as they are."""
    return clean(value) if isinstance(value, str) else value


def _markdown_url(url: str) -> Raw:
    return Raw(quote(url, safe=_URL_SAFE))


def _latex_url(url: str) -> Raw:
    return Raw(quote(url, safe=_URL_SAFE).replace("%", r"\%").replace("#", r"\#"))


def render(handout: Handout, fmt: str) -> str:
    """The handout as a complete document in ``fmt`` (html, markdown or latex)."""
    import jinja2

    options = dict(loader=jinja2.PackageLoader("cli", "templates"), trim_blocks=True,
                   lstrip_blocks=True, keep_trailing_newline=True,
                   undefined=jinja2.StrictUndefined)
    if fmt == "html":
        env = jinja2.Environment(autoescape=True, finalize=_html_finalize, **options)
    else:
        escaper = escape.latex if fmt == "latex" else escape.markdown
        env = jinja2.Environment(autoescape=False, finalize=_finalizer(escaper), **options)
        env.filters["url"] = _latex_url if fmt == "latex" else _markdown_url
    columns = max(len(handout.candidates), 1)
    cell = round((0.80 - 0.02 * columns) / columns, 3)
    return env.get_template(_TEMPLATES[fmt]).render(
        h=handout, topic_width=20 if fmt == "html" else Raw("0.18"), cell_width=Raw(str(cell)))
