"""Control characters and bidirectional overrides: found, and made visible.

Data from a stranger's dataset must never move the cursor, ring the bell, rewrite the
terminal's title or reorder the text a reader sees. Every output path shows such
characters as ``<U+XXXX>``, and validation warns about them.
"""

from __future__ import annotations

import re

# C0 controls but newline, DEL, C1 controls, and the bidi embeddings/overrides/isolates.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match) -> str:
    return f"<U+{ord(match.group()):04X}>"


def clean(text: str) -> str:
    """``text`` with every control character and bidi override shown as ``<U+XXXX>``."""
    return UNSAFE.sub(_visible, text)


def has_unsafe(text: str) -> bool:
    """Whether ``text`` holds a control character or bidi override."""
    return bool(UNSAFE.search(text))
