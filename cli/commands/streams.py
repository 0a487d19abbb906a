"""Standard output and standard error as the one door text leaves by.

While a command runs, ``sys.stdout`` and ``sys.stderr`` are :class:`Door` objects, so every
writer (``click.echo``, prompts, error messages, ``print``) passes the same checks: every
control character and bidi override is made visible (only the tool's own colours reach a
terminal), every character the output encoding cannot hold is written in ASCII, and a
stream that is closed, full or gone raises :class:`OutputFailed`, which the entry point
turns into a message and an exit status.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from cli.output.terminal import paint_pattern
from cli.text.controlchars import inert
from cli.text.encodable import encodable

#: The exit status when the output cannot be written (sysexits.h's EX_IOERR).
EXIT_OUTPUT_FAILED = 74


class OutputFailed(Exception):
    """Writing to standard output or standard error failed (not an OSError, so that no
    handler of a file's errors mistakes it for one)."""

    def __init__(self, door: Door, error: OSError | None):
        self.door = door
        self.error = error
        reason = error.strerror if error is not None else "it is closed"
        super().__init__(f"cannot write to {door.name}: {reason}")

    @property
    def reader_gone(self) -> bool:
        """Whether the reader of a pipe went away (``| head -1``): not a failure."""
        return self.error is not None and self.error.errno == errno.EPIPE


class Door:
    """A text stream in front of ``stream`` (None when the process started without it)
    that writes only inert text the stream's encoding holds."""

    def __init__(self, stream: TextIO | None, name: str):
        self.stream = stream
        self.name = name
        self.encoding = getattr(stream, "encoding", None) or "utf-8"
        self.errors = "replace"  # what input() encodes a prompt with; text never needs it
        self._keep = paint_pattern() if self.isatty() else None

    def write(self, text: str) -> int:
        """Write ``text`` made inert and encodable; OutputFailed when it cannot be."""
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:
            if self.stream is None:
                raise OutputFailed(self, None)
            try:
                self.stream.write(encodable(inert(text, self._keep), self.encoding))
            except OSError as exc:
                raise OutputFailed(self, exc) from None
        return len(text)

    def flush(self) -> None:
        """Flush the stream; OutputFailed when it cannot take what it holds."""
        try:
            if self.stream is not None:
                self.stream.flush()
        except OSError as exc:
            raise OutputFailed(self, exc) from None

    def isatty(self) -> bool:
        """Whether the stream is a terminal."""
        try:
            return self.stream is not None and self.stream.isatty()
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        """The stream's file descriptor (OSError when there is none)."""
        if self.stream is None:
            raise OSError(errno.EBADF, f"{self.name} is closed")
        return self.stream.fileno()

    def silence(self) -> None:
        """Point the stream's descriptor at /dev/null, so that what it still buffers is
        dropped at exit instead of failing again."""
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass


@contextmanager
def doors() -> Iterator[None]:
    """Standard output and standard error behind doors while the block runs (nested
    blocks keep the outer doors)."""
    if isinstance(sys.stdout, Door):
        yield
        return
    saved = sys.stdout, sys.stderr
    sys.stdout = Door(sys.stdout, "standard output")
    sys.stderr = Door(sys.stderr, "standard error")
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def hold_standard_descriptors() -> None:
    """Open /dev/null on any of descriptors 0, 1 and 2 the process started without, so
    that no file opened later takes its number and receives what is meant for a terminal
    (the doors still report the stream as closed)."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != fd:
                os.dup2(opened, fd)
                os.close(opened)
