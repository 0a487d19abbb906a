"""Reading a file a user or a dataset names: a regular file only, and only up to a limit.

A file is opened without blocking, so a named pipe nobody writes to cannot stall the
reader, and is read only when it is a regular file, so a device (``/dev/zero``,
``/dev/urandom``) cannot feed it without end; at most one byte over the limit is read,
which tells a file over it from one at it.
"""

from __future__ import annotations

import os
import stat


class FileRefused(ValueError):
    """A file named to be read cannot be: the message names it and says why."""


def read_regular(path: str | os.PathLike, limit: int) -> bytes | None:
    """Up to ``limit`` + 1 bytes of ``path`` (a link followed), or None when it is not a
    regular file; OSError when it cannot be opened or read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return handle.read(limit + 1)


def read_named(path: str | os.PathLike, limit: int, what: str) -> bytes:
    """The bytes of ``path``, a file the user named as ``what`` (``the answers file``);
    FileRefused when it is not a regular file, is over ``limit`` bytes or cannot be read."""
    try:
        data = read_regular(path, limit)
        mode = os.stat(path).st_mode if data is None else stat.S_IFREG
    except OSError as exc:
        raise FileRefused(f"cannot read {path}: {exc.strerror}") from None
    if data is None:
        raise FileRefused(f"{path} is {kind_of(mode)}, not a regular file; give {what} as a file")
    if len(data) > limit:
        raise FileRefused(f"{path} is over the limit of {limit} bytes for {what}")
    return data


def kind_of(mode: int) -> str:
    """What a file that is not a regular one is, in words (from its ``st_mode``)."""
    return (
        "a symbolic link"
        if stat.S_ISLNK(mode)
        else "a folder"
        if stat.S_ISDIR(mode)
        else "a named pipe"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
    )
