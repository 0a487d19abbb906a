"""Fetching web pages politely and safely, with a cache so a second run needs no network.

http and https only, at most 5 redirects, a timeout, a size cap and a descriptive
User-Agent. Pages that answered 2xx are kept in the user's cache folder, keyed by URL.
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from cli import __version__
from cli.cachedir import cache_dir
from cli.urls import is_web_address

MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = (f"candidate-platforms/{__version__} (check-quotes: compares quotes in a voter "
              "guide with the pages they cite)")
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass(frozen=True)
class Page:
    """A fetched page (``body`` set) or why there is none (``error`` set)."""

    url: str
    final_url: str | None = None
    status: int | None = None
    content_type: str | None = None
    charset: str | None = None
    body: bytes | None = None
    error: str | None = None


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not is_web_address(newurl):
            raise urllib.error.HTTPError(newurl, code, f"{msg} - redirection to url "
                                         f"{newurl!r} is not allowed", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_Redirects)


def fetch(url: str, timeout: float) -> Page:
    """GET ``url`` within the limits; never raises for network or HTTP trouble."""
    if not is_web_address(url):
        return Page(url, error="not an http or https address")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                   "Accept": "text/html, text/plain;q=0.8"})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            body = response.read(MAX_BYTES + 1)
            kind = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
            final, status = response.geturl(), response.status
    except urllib.error.HTTPError as exc:
        reason = (f"more than {MAX_REDIRECTS} redirects" if "infinite loop" in str(exc.msg)
                  else exc.msg)
        return Page(url, status=exc.code, error=f"HTTP {exc.code} {reason}".strip())
    except urllib.error.URLError as exc:
        return Page(url, error=f"cannot connect: {exc.reason}")
    except TimeoutError:
        return Page(url, error=f"timed out after {timeout:g} s")
    except OSError as exc:
        return Page(url, error=f"cannot read: {exc}")
    if len(body) > MAX_BYTES:
        return Page(url, final, status, kind, error=f"the page is over {MAX_BYTES // 2**20} MB")
    if kind not in TEXT_TYPES:
        return Page(url, final, status, kind, error=f"not a web page ({kind})")
    return Page(url, final, status, kind, charset, body)


def _key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def cached(url: str, folder: Path | None = None) -> Page | None:
    """The cached copy of ``url``, or None (also when the cache is unreadable)."""
    folder = folder or cache_dir("pages")
    try:
        meta = json.loads((folder / f"{_key(url)}.json").read_text("utf-8"))
        body = (folder / f"{_key(url)}.body").read_bytes()
        return Page(**{**meta, "body": body})
    except (OSError, ValueError, TypeError):
        return None


def keep(page: Page, folder: Path | None = None) -> None:
    """Store a successfully fetched page in the cache; a cache that cannot be written is
    silently skipped (the check still works, only the next run fetches again)."""
    if page.body is None:
        return
    folder = folder or cache_dir("pages")
    meta = {k: v for k, v in asdict(page).items() if k != "body"}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for suffix, data in ((".body", page.body), (".json", json.dumps(meta).encode())):
            temporary = folder / f".{_key(page.url)}{suffix}.tmp"
            temporary.write_bytes(data)
            temporary.replace(folder / f"{_key(page.url)}{suffix}")
    except OSError:
        return
