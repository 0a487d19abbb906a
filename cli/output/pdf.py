"""PDF handouts: the HTML handout laid out by WeasyPrint (CSS paged media), an optional extra.

WeasyPrint is imported only here, and only when a PDF is asked for: it is heavy, and it
needs Pango from the system, so a missing piece gives :class:`PdfUnavailable` with what to
install instead of a traceback.

The PDF is set in the Noto Serif that ships in ``cli/fonts`` (SIL Open Font License, see
``cli/fonts/OFL.txt``), given to WeasyPrint by ``@font-face`` rules under the name that
heads the handout's font chain: a PDF takes the same pages on any machine, whatever fonts
it has (the machine's fonts still serve the scripts Noto Serif lacks). Nothing else is
fetched.

A long word gets its break opportunities before WeasyPrint lays it out (:func:`breakable`):
WeasyPrint finds a break inside a word that has none by trying one length after another,
in time quadratic in the word's length, so twelve candidates with 3,000-letter names took
over ten minutes; with them, the time grows with the pages.
"""

from __future__ import annotations

import logging
import re
import warnings
from contextlib import contextmanager
from html import escape as escape_html
from html import unescape
from pathlib import Path

from cli.output.escape import break_points
from cli.output.handout_markup import FONTS

INSTALL = (
    "PDF handouts need WeasyPrint: pip install 'candidate-platforms[pdf]' "
    "(from a source checkout: pip install '.[pdf]')"
)
PANGO = (
    "WeasyPrint is installed but cannot load Pango; install it from your system's "
    "packages (Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0; "
    "Fedora: dnf install pango; macOS: brew install pango)"
)
#: The bundled font files, by (font-style, font-weight), of the family FONTS names first.
_FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
_FACES = {
    ("normal", "normal"): "NotoSerif-Regular.ttf",
    ("normal", "bold"): "NotoSerif-Bold.ttf",
    ("italic", "normal"): "NotoSerif-Italic.ttf",
    ("italic", "bold"): "NotoSerif-BoldItalic.ttf",
}
#: A break opportunity that shows nothing, and is left out of the PDF's text.
_ZERO_WIDTH_SPACE = "\u200b"
#: A tag of the handout's HTML (the template escapes every ">" in an attribute's value).
_TAG = re.compile(r"(<[^>]*>)")
#: Elements whose content is not laid out as text.
_NOT_TEXT = ("style", "title", "script")
#: The loggers of the libraries that write the PDF: WeasyPrint's (CSS it ignored, fonts it
#: could not find) and fontTools' (while it subsets the fonts it embeds).
_LOGGERS = ("weasyprint", "fontTools")


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs are missing."""


class _Collect(logging.Handler):
    """Keeps the libraries' log messages of warning level and above."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def font_faces() -> str:
    """The ``@font-face`` rules that give the handout's first font family its bundled files."""
    family = FONTS["latin"][0]
    return "".join(
        f'@font-face {{ font-family: "{family}"; font-style: {style}; '
        f'font-weight: {weight}; src: url("{(_FONT_DIR / name).as_uri()}"); }}\n'
        for (style, weight), name in _FACES.items()
    )


def html_to_pdf(html: str) -> tuple[bytes, list[str]]:
    """The PDF of the standalone HTML document ``html``, and the warnings WeasyPrint,
    fontTools and Python gave while loading and writing it (the caller decides whether to
    show them).

    The document is self-contained, so no base URL is given: only the bundled fonts are read.
    """
    collect = _Collect()
    with warnings.catch_warnings(record=True) as caught, _logged_to(collect):
        warnings.simplefilter("always")
        weasyprint, fonts = _weasyprint()
        fetcher = _bundled_fonts_only()
        faces = weasyprint.CSS(string=font_faces(), font_config=fonts, url_fetcher=fetcher)
        page = weasyprint.HTML(string=breakable(html), url_fetcher=fetcher)
        document = page.render(stylesheets=[faces], font_config=fonts)
        tighter: list = []
        for compact in COMPACT:
            if not 1 < len(document.pages) <= COMPACT_UP_TO:
                break
            tighter.append(weasyprint.CSS(string=compact, font_config=fonts))
            tried = page.render(stylesheets=[faces, *tighter], font_config=fonts)
            if len(tried.pages) < len(document.pages):
                document = tried
        written = document.write_pdf()
    return written, collect.messages + [str(w.message) for w in caught]


#: The longest handout, in pages, that is laid out again with the COMPACT styles (a long
#: one would not read better for a page less, and would take twice the time).
COMPACT_UP_TO = 8

#: Tighter layouts tried in turn, each on top of the ones before, while a handout runs over
#: one page: the first sets the source notes tighter, the second the table's print too (a
#: Spanish text runs about a fifth longer than the English). A layout is kept only when it
#: saves a page, so the last page never holds just a note or two and the footer; the text
#: and its order are the same.
COMPACT = (
    """
@media print {
  .closing { column-gap: 4mm !important; }
  ol.notes, p.definitions { font-size: 6.5pt !important; line-height: 1.12 !important; }
  ol.notes li { margin-bottom: .1em !important; }
  footer { font-size: 6.5pt !important; }
}
""",
    """
@media print {
  body { font-size: 7.8pt !important; line-height: 1.25 !important; }
  th, td { padding: .25em .35em !important; }
}
""",
)


def breakable(html: str) -> str:
    """``html`` with a zero-width space wherever a line may break inside a long token, the
    places the LaTeX handout allows (:func:`cli.output.escape.break_points`). Only text is
    touched: never a tag or its attributes (a link's address), a style sheet or the title."""
    out, inside = [], None
    for piece in _TAG.split(html):
        if piece.startswith("<"):
            name = re.match(r"<(/?)([A-Za-z0-9]+)", piece)
            if name and name[2].lower() in _NOT_TEXT:
                inside = None if name[1] else name[2].lower()
            out.append(piece)
        else:
            out.append(piece if inside else _with_breaks(piece))
    return "".join(out)


def _with_breaks(escaped: str) -> str:
    """The escaped text ``escaped`` with a zero-width space at each of its break points."""
    text = unescape(escaped)
    points = break_points(text)
    if not points:
        return escaped
    return escape_html(
        "".join(
            char + _ZERO_WIDTH_SPACE if index in points else char for index, char in enumerate(text)
        ),
        quote=False,
    )


def _weasyprint():
    """WeasyPrint and a new font configuration of its own, or :class:`PdfUnavailable`."""
    try:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration
    except ImportError as exc:
        if isinstance(exc, ModuleNotFoundError) and exc.name == "weasyprint":
            raise PdfUnavailable(INSTALL) from None
        raise PdfUnavailable(f"{PANGO} ({exc})") from None
    except OSError as exc:  # cffi could not open libpango / libgobject
        raise PdfUnavailable(f"{PANGO} ({exc})") from None
    return weasyprint, FontConfiguration()


@contextmanager
def _logged_to(handler: logging.Handler):
    """The PDF libraries' loggers write to ``handler`` alone while the block runs."""
    loggers = [logging.getLogger(name) for name in _LOGGERS]
    saved = [logger.propagate for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.propagate = False
    try:
        yield
    finally:
        for logger, propagate in zip(loggers, saved):
            logger.removeHandler(handler)
            logger.propagate = propagate


def _font_file(url: str) -> bytes:
    """The bytes of a bundled font file named by its ``file:`` URL; any other URL is refused."""
    for name in _FACES.values():
        path = _FONT_DIR / name
        if url == path.as_uri():
            return path.read_bytes()
    raise ValueError(f"not fetched: {url}")


def _bundled_fonts_only():
    """WeasyPrint's URL fetcher, reading the bundled fonts and refusing everything else.

    WeasyPrint 68 made fetchers objects (a :class:`weasyprint.urls.URLFetcher` returning a
    response); before, a fetcher is a function returning a dict."""
    try:
        from weasyprint.urls import URLFetcher, URLFetcherResponse
    except ImportError:
        return lambda url: {"string": _font_file(url), "mime_type": "font/ttf"}

    class BundledFonts(URLFetcher):
        def fetch(self, url, headers=None):
            return URLFetcherResponse(url, _font_file(url), {"Content-Type": "font/ttf"})

    return BundledFonts()
