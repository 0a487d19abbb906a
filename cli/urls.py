"""Splitting URLs without ever raising: a stranger's dataset may hold any text there."""

from __future__ import annotations

from urllib.parse import urlsplit


def host(url: str) -> str:
    """The host of ``url``; "" when it has none or cannot be split (an unbalanced ``[``
    is taken for a broken IPv6 address)."""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def is_web_address(url: str) -> bool:
    """Whether ``url`` is an http or https address with a host."""
    return url.lower().startswith(("http://", "https://")) and bool(host(url))
