"""PDF handouts: the HTML handout laid out by WeasyPrint (CSS paged media), an optional extra.

WeasyPrint is imported only here, and only when a PDF is asked for: it is heavy, and it
needs Pango from the system, so a missing piece gives :class:`PdfUnavailable` with what to
install instead of a traceback.
"""

from __future__ import annotations

import logging

INSTALL = (
    "PDF handouts need WeasyPrint: pip install 'candidate-platforms[pdf]' "
    "(from a source checkout: pip install '.[pdf]')"
)
PANGO = (
    "WeasyPrint is installed but cannot load Pango; install it from your system's "
    "packages (Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0; "
    "Fedora: dnf install pango; macOS: brew install pango)"
)


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs are missing."""


class _Collect(logging.Handler):
    """Keeps WeasyPrint's warnings (CSS it ignored, resources it could not load)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def html_to_pdf(html: str) -> tuple[bytes, list[str]]:
    """The PDF of the standalone HTML document ``html``, and WeasyPrint's warnings.

    The document is self-contained, so no base URL is given: nothing is fetched.
    """
    try:
        import weasyprint
    except ImportError as exc:
        if isinstance(exc, ModuleNotFoundError) and exc.name == "weasyprint":
            raise PdfUnavailable(INSTALL) from None
        raise PdfUnavailable(f"{PANGO} ({exc})") from None
    except OSError as exc:  # cffi could not open libpango / libgobject
        raise PdfUnavailable(f"{PANGO} ({exc})") from None
    logger = logging.getLogger("weasyprint")
    collect = _Collect()
    logger.addHandler(collect)
    propagate, logger.propagate = logger.propagate, False
    try:
        return weasyprint.HTML(string=html, url_fetcher=_no_fetch).write_pdf(), collect.messages
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate


def _no_fetch(url: str, *args, **kwargs):
    """A handout links to sources but loads nothing: every fetch is refused."""
    raise ValueError(f"not fetched: {url}")
