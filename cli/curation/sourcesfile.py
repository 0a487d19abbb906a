"""Rewriting a race's sources.yaml safely, for every command that writes it (``cite``,
``check-quotes --record``).

A writer takes an exclusive lock on the race folder, reads the file again under it (what
another writer or the curator saved meanwhile is kept), and replaces the file through a
temporary file in the same folder and a rename, keeping its permissions: two writers at
once both keep their changes, and a reader never sees half a file. Only a plain, writable
file is written: a link (even to a file inside the dataset, which the reader follows), a
file that is not a plain one, or a read-only one is refused, before any work is done.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cli.text.plainfiles import kind_of


class Refused(Exception):
    """sources.yaml cannot be written: the message says why and what to do."""


def writable_mode(path: Path, command: str) -> int | None:
    """The permission bits of ``path`` (None when there is no such file, for the writer to
    create); Refused, naming ``command``, when it is a link, not a plain file, or
    read-only (for its owner, or as the mode says even for a superuser)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise Refused(f"cannot read {path}: {exc.strerror}") from None
    if stat.S_ISLNK(info.st_mode):
        raise Refused(
            f"{path} is a link; {command} writes only a plain file (replace the link with a "
            "copy of the file it leads to)"
        )
    if not stat.S_ISREG(info.st_mode):
        raise Refused(f"{path} is {kind_of(info.st_mode)}; {command} writes only a plain file")
    mode = stat.S_IMODE(info.st_mode)
    if not mode & 0o222 or not os.access(path, os.W_OK):
        raise Refused(f"{path} is read-only; make it writable for {command}")
    return mode


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the exclusive lock on the race ``folder`` (waiting for another writer's)."""
    lock = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
    finally:
        os.close(lock)  # releases the lock


def replace(path: Path, text: str, mode: int | None) -> None:
    """Replace ``path`` with ``text`` (UTF-8, line endings as they are) through a temporary
    file in its folder, given the permission bits ``mode`` (None: a new file's, the umask
    applied); on any error the temporary file is removed and ``path`` left as it was."""
    temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as out:
            if mode is not None:
                os.fchmod(out.fileno(), mode)
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
