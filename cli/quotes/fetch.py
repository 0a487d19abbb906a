"""Fetching web pages politely and safely, with a cache so a second run needs no network.

http and https only, at most 5 redirects, a descriptive User-Agent, a size cap, and one
deadline for the whole page: resolving, connecting, headers, body and every redirect hop
together finish within ``timeout`` seconds, however slowly a server sends. Each host name
is resolved here and the connection made to the address checked: a loopback, private,
link-local (cloud metadata), multicast or otherwise non-public address is refused at every
hop unless ``allow_private`` is given. A 429 or 503 answer with a ``Retry-After`` of at
most ``MAX_RETRY_AFTER`` seconds is reported with that delay, for the caller to try again
later. ``Content-Encoding: gzip`` is decoded even though it is never asked for (within the
size cap). Pages that answered 2xx are kept in the user's cache folder, keyed by URL; the
cache is bounded to ``MAX_CACHE_BYTES`` on disk by :func:`prune`, oldest pages first.
"""

from __future__ import annotations

import hashlib
import http.client
import ipaddress
import json
import os
import socket
import threading
import time
import zlib
from contextlib import suppress
from dataclasses import asdict, dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from cli import __version__
from cli.cachedir import cache_dir
from cli.quotes.status import Status
from cli.text.plainfiles import read_regular
from cli.text.urls import as_uri, is_web_address

MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
MAX_RETRY_AFTER = 30  # seconds: a longer Retry-After is reported, not waited for
MAX_CACHE_BYTES = 256 * 1024 * 1024
#: A temporary file of the cache older than this was left by a run that died writing it.
STALE_SECONDS = 3600
_TEMPORARY = ".tmp"
USER_AGENT = (
    f"candidate-platforms/{__version__} (check-quotes: compares quotes in a voter "
    "guide with the pages they cite)"
)
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Page:
    """A fetched page (``body`` set) or why there is none (``error`` set, and ``failure``
    saying what kind of reason it is: unreachable, unreadable or blocked)."""

    url: str
    final_url: str | None = None
    status: int | None = None
    content_type: str | None = None
    charset: str | None = None
    body: bytes | None = None
    error: str | None = None
    failure: Status | None = None
    retry_after: float | None = None  # a 429 or 503 asked to try again after this long


class _Failure(Exception):
    """Why a fetch ended without a page: ``kind`` is unreachable, unreadable or blocked."""

    def __init__(
        self,
        kind: Status,
        message: str,
        status: int | None = None,
        retry_after: float | None = None,
    ):
        super().__init__(message)
        self.kind, self.status, self.retry_after = kind, status, retry_after


def blocked_reason(address: str) -> str | None:
    """Why ``address`` (an IP address) must not be fetched from, or None when it is a
    public address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for test, words in (
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address (where cloud metadata lives)"),
        ("is_private", "a private address"),
        ("is_multicast", "a multicast address"),
        ("is_unspecified", "an unspecified address"),
        ("is_reserved", "a reserved address"),
    ):
        if getattr(ip, test):
            return words
    return None if ip.is_global else "not a public address"


class _Deadline:
    """One page's deadline: the remaining time, and a watchdog that shuts the page's
    socket when the time is up, so no slow server can hold a read past it."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.sock: socket.socket | None = None
        self.lock = threading.Lock()
        self.timer = threading.Timer(seconds, self._expire)
        self.timer.daemon = True
        self.timer.start()

    def left(self) -> float:
        """Seconds left; a _Failure when none."""
        left = self.end - time.monotonic()
        if left <= 0:
            raise self.failure()
        return left

    def failure(self) -> _Failure:
        """The failure of running out of time."""
        return _Failure(Status.UNREACHABLE, f"timed out after {self.seconds:g} s (the whole page)")

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock`` at the deadline."""
        with self.lock:
            self.sock = sock

    def _expire(self) -> None:
        with self.lock:
            if self.sock is not None:
                try:
                    self.sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cancel(self) -> None:
        """Stop the watchdog."""
        self.timer.cancel()


def _resolve(host: str, port: int, deadline: _Deadline) -> list[str]:
    """The addresses of ``host``, looked up in a helper thread so that a slow resolver
    cannot outlast the deadline."""
    found: list = []

    def look_up() -> None:
        try:
            found.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as exc:
            found.append(exc)

    helper = threading.Thread(target=look_up, daemon=True)
    helper.start()
    helper.join(deadline.left())
    if not found:
        raise deadline.failure()
    if isinstance(found[0], Exception):
        raise _Failure(Status.UNREACHABLE, f"cannot connect: {found[0]}")
    return list(dict.fromkeys(info[4][0] for info in found[0]))


def _permitted(host: str, addresses: list[str], allow_private: bool) -> list[str]:
    """The addresses that may be connected to; a blocked _Failure when none may."""
    if allow_private:
        return addresses
    allowed = [a for a in addresses if blocked_reason(a) is None]
    if not allowed:
        address = addresses[0] if addresses else host
        raise _Failure(
            Status.BLOCKED,
            f"{host} is {address}, {blocked_reason(address)}; "
            "check-quotes reads public pages only (--allow-private "
            "allows it)",
        )
    return allowed


class _Connection:
    """An HTTP(S) connection to one checked address, with the host's name in the Host
    header and for TLS (server name and certificate)."""

    def __init__(self, scheme: str, host: str, port: int, address: str, deadline: _Deadline):
        self.deadline = deadline
        sock = socket.create_connection((address, port), timeout=deadline.left())
        deadline.watch(sock)
        if scheme == "https":
            import ssl

            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
            deadline.watch(sock)
        self.sock = sock
        self.http = http.client.HTTPConnection(host, port, timeout=deadline.left())
        self.http.sock = sock
        self.http.default_port = 443 if scheme == "https" else 80

    def get(self, target: str, headers: dict) -> http.client.HTTPResponse:
        """Send the request and read the response's headers."""
        self.http.request("GET", target, headers=headers)
        return self.http.getresponse()

    def close(self) -> None:
        """Close the connection."""
        self.http.close()


def _connect(
    scheme: str, host: str, port: int, addresses: list[str], deadline: _Deadline
) -> _Connection:
    """A connection to the first of ``addresses`` that answers."""
    for address in addresses[:-1]:
        try:
            return _Connection(scheme, host, port, address, deadline)
        except OSError:
            deadline.left()
    return _Connection(scheme, host, port, addresses[-1], deadline)


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (a number or an HTTP date); None when absent or
    unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _body(response: http.client.HTTPResponse, connection: _Connection) -> bytes:
    """The response's body, decoded from gzip when so sent, within MAX_BYTES (one byte
    more tells that it is over) and the deadline."""
    deadline = connection.deadline
    coding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    if coding not in ("identity", "gzip", "x-gzip"):
        raise _Failure(
            Status.UNREADABLE,
            f"the page is compressed as '{coding[:40]}', which this tool does not read",
        )
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if coding != "identity" else None
    out = bytearray()
    while len(out) <= MAX_BYTES:
        connection.sock.settimeout(deadline.left())
        chunk = response.read1(_CHUNK)
        if not chunk:
            deadline.left()  # the watchdog shut the socket: out of time, not the end
            if response.length:
                raise _Failure(
                    Status.UNREACHABLE,
                    "the server closed the connection before the end of the page",
                )
            break
        if inflate is not None:
            try:
                chunk = inflate.decompress(chunk, MAX_BYTES + 1 - len(out))
            except zlib.error:
                raise _Failure(Status.UNREADABLE, "the page's gzip data is damaged") from None
        out += chunk
    return bytes(out)


def fetch(url: str, timeout: float, allow_private: bool = False) -> Page:
    """GET ``url`` within the limits; never raises for network or HTTP trouble. The whole
    page, every redirect hop included, takes at most ``timeout`` seconds."""
    if not is_web_address(url):
        return Page(url, error="not an http or https address", failure=Status.UNREACHABLE)
    deadline = _Deadline(timeout)
    try:
        return _follow(url, deadline, allow_private)
    except _Failure as exc:
        return Page(
            url, status=exc.status, error=str(exc), failure=exc.kind, retry_after=exc.retry_after
        )
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if time.monotonic() >= deadline.end:
            return Page(url, error=str(deadline.failure()), failure=Status.UNREACHABLE)
        return Page(
            url, error=f"cannot read: {exc or type(exc).__name__}", failure=Status.UNREACHABLE
        )
    finally:
        deadline.cancel()


def _follow(url: str, deadline: _Deadline, allow_private: bool) -> Page:
    """Fetch ``url``, following redirects, each hop's address checked."""
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(as_uri(current))
        scheme, host = parts.scheme.lower(), parts.hostname or ""
        port = parts.port or (443 if scheme == "https" else 80)
        addresses = _permitted(host, _resolve(host, port, deadline), allow_private)
        connection = _connect(scheme, host, port, addresses, deadline)
        try:
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            response = connection.get(
                target,
                {
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html, text/plain;q=0.8",
                    "Accept-Encoding": "identity",
                },
            )
            status = response.status
            if status in (301, 302, 303, 307, 308):
                location = response.headers.get("Location")
                if not location:
                    raise _Failure(Status.UNREACHABLE, f"HTTP {status} without a Location", status)
                current = urljoin(current, location.strip())
                if not is_web_address(current):
                    raise _Failure(
                        Status.UNREACHABLE,
                        f"HTTP {status}: redirection to {current[:80]!r} is not allowed",
                        status,
                    )
                continue
            if status >= 400 or status < 200:
                wait = _retry_after(response.headers.get("Retry-After"))
                if status in (429, 503) and wait is not None and wait <= MAX_RETRY_AFTER:
                    raise _Failure(
                        Status.UNREACHABLE,
                        f"HTTP {status} {response.reason}".strip(),
                        status,
                        retry_after=wait,
                    )
                raise _Failure(
                    Status.UNREACHABLE, f"HTTP {status} {response.reason}".strip(), status
                )
            kind = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
            if kind not in TEXT_TYPES:
                raise _Failure(Status.UNREADABLE, f"not a web page ({kind})", status)
            body = _body(response, connection)
        finally:
            connection.close()
        if len(body) > MAX_BYTES:
            return Page(
                url,
                current,
                status,
                kind,
                error=f"the page is over {MAX_BYTES // 2**20} MB",
                failure=Status.UNREADABLE,
            )
        return Page(url, current, status, kind, charset, body)
    return Page(url, error=f"more than {MAX_REDIRECTS} redirects", failure=Status.UNREACHABLE)


def _key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def cached(url: str, folder: Path | None = None) -> Page | None:
    """The cached copy of ``url``, or None (also when the cache is unreadable)."""
    folder = folder or cache_dir("pages")
    try:
        meta = read_regular(folder / f"{_key(url)}.json", _CHUNK)
        body = read_regular(folder / f"{_key(url)}.body", MAX_BYTES)
        if meta is None or body is None or len(meta) > _CHUNK or len(body) > MAX_BYTES:
            return None  # not a file this module wrote
        return Page(**{**json.loads(meta), "body": body})
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
            _replace(folder / f"{_key(page.url)}{suffix}", data)
    except OSError:
        return


def _replace(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` through a temporary file, removed if that fails."""
    temporary = path.with_name(f".{path.name}.{threading.get_ident()}{_TEMPORARY}")
    try:
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise


def prune(folder: Path | None = None, limit: int = MAX_CACHE_BYTES) -> None:
    """Bound the page cache to ``limit`` bytes on disk: the pages stored longest ago go
    first, and a temporary file older than ``STALE_SECONDS`` (left by a run that died
    while it wrote a page) goes whatever the size. Never raises."""
    folder = folder or cache_dir("pages")
    stale = time.time() - STALE_SECONDS
    try:
        with os.scandir(folder) as listing:
            entries = [
                (e.stat().st_mtime, e.stat().st_size, e.path)
                for e in listing
                if e.is_file(follow_symlinks=False)
            ]
    except OSError:
        return
    dead = {path for when, _, path in entries if path.endswith(_TEMPORARY) and when < stale}
    for path in dead:
        with suppress(OSError):
            Path(path).unlink()
    entries = [entry for entry in entries if entry[2] not in dead]
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= limit:
            break
        try:
            Path(path).unlink()
        except OSError:
            continue
        total -= size
