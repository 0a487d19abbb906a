"""Splitting URLs without ever raising: a stranger's dataset may hold any text there."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

#: What an address sent over HTTP may not hold as it is: all but printable ASCII.
_NOT_SENDABLE = re.compile(r"[^\x21-\x7e]")

_PORT = re.compile(r"[0-9]{1,5}")


def host(url: str) -> str:
    """The host of ``url``; "" when it has none or cannot be split (an unbalanced ``[``
    is taken for a broken IPv6 address)."""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def port(url: str) -> str:
    """The port ``url`` names after its host, as written; "" when it names none."""
    try:
        netloc = urlsplit(url).netloc
    except ValueError:
        return ""
    after_host = netloc.rpartition("@")[2].rpartition("]")[2]  # past user and [IPv6]
    return after_host.partition(":")[2]


def has_usable_port(url: str) -> bool:
    """Whether ``url`` names no port, or one a server can listen on (1 to 65535)."""
    written = port(url)
    return not written or (_PORT.fullmatch(written) is not None and 0 < int(written) < 65536)


def is_http(url: str) -> bool:
    """Whether ``url`` starts as an http or https address does (any case)."""
    return url.lower().startswith(("http://", "https://"))


def is_web_address(url: str) -> bool:
    """Whether ``url`` is an http or https address with a host and a usable port."""
    return is_http(url) and bool(host(url)) and has_usable_port(url)


def page_key(url: str) -> str:
    """What two addresses of the same page share: http and https alike, the host in
    lower case without ``www.`` or a default port, no fragment, no trailing slash."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    name = (parts.hostname or "").removeprefix("www.")
    if port and port not in (80, 443):
        name += f":{port}"
    scheme = "http" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    query = f"?{parts.query}" if parts.query else ""
    return f"{scheme}://{name}{parts.path.rstrip('/')}{query}"


def as_uri(url: str) -> str:
    """``url`` as it is sent: an internationalised address (an IRI) made a plain ASCII one
    (a URI), as browsers and curl send it: the host in IDNA (``xn--...``), every other
    character outside printable ASCII percent-encoded as UTF-8. An address with none is
    returned as it is. UnicodeError when the host is not a valid internationalised name."""
    if not _NOT_SENDABLE.search(url):
        return url
    parts = urlsplit(url)
    userinfo, at, place = parts.netloc.rpartition("@")
    if not place.startswith("["):  # an IPv6 address is ASCII or broken: left as it is
        name, colon, port = place.partition(":")
        place = (name if name.isascii() else name.encode("idna").decode("ascii")) + colon + port
    encoded = (_sendable(part) for part in (userinfo + at, parts.path, parts.query, parts.fragment))
    netloc, path, query, fragment = encoded
    return urlunsplit((parts.scheme, netloc + place, path, query, fragment))


def _sendable(text: str) -> str:
    return _NOT_SENDABLE.sub(lambda m: quote(m.group(), safe=""), text)
