"""Writing output files atomically, never replacing an existing file unless asked, and
never writing anywhere but to a regular file or a new path."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from cli.text.messages import _
from cli.text.plainfiles import kind_of


class OutputExists(FileExistsError):
    """The output file exists and overwriting was not asked for."""


class NotRegularFile(ValueError):
    """The output path is a symbolic link (even a dangling one), a pipe, a device or a
    folder: a usage error, with or without ``--force``."""


def check_target(path: Path, force: bool = False) -> None:
    """Raise :class:`NotRegularFile` unless ``path`` is absent or a regular file (the
    entry itself: a link is never followed), :class:`OutputExists` when it is a regular
    file and ``force`` is not given."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise NotRegularFile(f"cannot write {path}: {exc.strerror}") from None
    if not stat.S_ISREG(mode):
        raise NotRegularFile(
            f"{path} is {kind_of(mode)}, not a regular file; give a new path "
            "or a plain file (--force replaces only plain files)"
        )
    if not force:
        raise OutputExists(_("{path} exists; add --force to replace it").format(path=path))


def write_atomic(path: Path, data: str | bytes, force: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename,
    so a reader never sees a partial file and an error leaves nothing behind. ``path`` is
    checked with :func:`check_target` before and again just before the rename (the rename
    replaces a directory entry; it never writes through a link)."""
    path = Path(path)
    check_target(path, force)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(
        dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; a handout is shared
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        check_target(path, force)  # created or replaced meanwhile: still never clobber
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's file-creation mask (reading it means setting it back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_new_folder(path: Path, files: dict[str, str]) -> None:
    """Create the folder ``path`` (it must not exist) holding ``files`` (name -> text),
    each written atomically; on any error, nothing of it is left behind."""
    path = Path(path)
    path.mkdir()  # FileExistsError when it exists: never write into someone's folder
    try:
        for name, text in files.items():
            write_atomic(path / name, text)
    except BaseException:
        for name in files:
            (path / name).unlink(missing_ok=True)
        path.rmdir()
        raise
