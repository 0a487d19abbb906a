"""Control characters and bidirectional overrides: found, and made visible.

Data from a stranger's dataset must never move the cursor, ring the bell, rewrite the
terminal's title or reorder the text a reader sees. Every output path shows such
characters as ``<U+XXXX>``, and validation warns about them; :func:`inert` is the last
pass every byte written to standard output or standard error goes through.
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


#: Every character that ends a line for ``str.splitlines`` (and for YAML, a terminal or a
#: CI log): newline, CR, VT, FF, the file/group/record separators, NEL, U+2028, U+2029.
LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` on one line: every line break shown as ``<U+XXXX>``."""
    return LINE_BREAKS.sub(_visible, text)


def has_unsafe(text: str) -> bool:
    """Whether ``text`` holds a control character or bidi override."""
    return bool(UNSAFE.search(text))


#: What a terminal acts on in finished output: UNSAFE less the tab (a TSV table holds
#: tabs), and a carriage return only where no line feed follows it (CSV ends lines so).
_TERMINAL_UNSAFE = re.compile(
    "\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)


def inert(text: str, keep: re.Pattern | None = None) -> str:
    """``text`` that a terminal shows and never acts on: every control character and bidi
    override shown as ``<U+XXXX>`` but newlines, tabs, CR LF line ends and the sequences
    ``keep`` matches (the tool's own colours, on a terminal)."""
    out, at = [], 0
    for match in keep.finditer(text) if keep else ():
        out += [_TERMINAL_UNSAFE.sub(_visible, text[at : match.start()]), match.group()]
        at = match.end()
    out.append(_TERMINAL_UNSAFE.sub(_visible, text[at:]))
    return "".join(out)
