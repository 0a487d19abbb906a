"""``enum.StrEnum`` on every Python the project supports (3.11 added it).

A member is a ``str``: it compares equal to its value, and JSON, CSV, ``format`` and
f-strings write the value, so typed choices read and print like the words they stand for.
"""

from __future__ import annotations

import sys
from enum import Enum

if sys.version_info >= (3, 11):
    from enum import StrEnum
else:  # pragma: no cover - Python 3.10

    class StrEnum(str, Enum):
        """A string enum whose ``str()`` and ``format()`` are the value, as in 3.11."""

        def __str__(self) -> str:
            return str.__str__(self)

        def __format__(self, spec: str) -> str:
            return str.__format__(self, spec)


__all__ = ["StrEnum"]
