"""What checking a quote against its page can give."""

from __future__ import annotations

from cli.text.strenum import StrEnum


class Status(StrEnum):
    """One citation's verdict: its quote was found on the page, or not found (the page was
    read), or it could not be verified: the page was unreachable (HTTP status, network,
    timeout), unreadable (not a web page, a charset that is not a text encoding, markup too
    slow to read), blocked (a non-public address), or the source has no url."""

    FOUND = "found"
    NOT_FOUND = "not-found"
    UNREACHABLE = "unreachable"
    UNREADABLE = "unreadable"
    BLOCKED = "blocked"
    NO_URL = "no-url"


#: The statuses that leave a quote unverified (neither found nor shown missing).
UNVERIFIED = (Status.UNREACHABLE, Status.UNREADABLE, Status.BLOCKED, Status.NO_URL)
