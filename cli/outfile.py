"""Writing output files atomically, never replacing an existing file unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputExists(FileExistsError):
    """The output file exists and overwriting was not asked for."""


def write_atomic(path: Path, data: str | bytes, force: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename,
    so a reader never sees a partial file and an error leaves nothing behind."""
    path = Path(path)
    if path.exists() and not force:
        raise OutputExists(f"{path} exists; add --force to replace it")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.",
                                         suffix=".tmp")
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; a handout is shared
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        if not force and path.exists():  # created meanwhile: still never clobber
            raise OutputExists(f"{path} exists; add --force to replace it")
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
