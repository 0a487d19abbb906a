"""Writing YAML as text that the dataset reader reads back exactly.

The curator commands write files and entries as text, line by line, so that what a file
already holds (comments, order, quoting) is never rewritten. Each value is written plain
when the reader gives it back unchanged that way (``2022-06-07`` stays a date written as
curators write it), and double-quoted otherwise, with every character that YAML would
fold or refuse written as an escape.
"""

from __future__ import annotations

import textwrap

from cli.dataset.safeyaml import parse

#: Characters a double-quoted scalar may hold as they are: YAML's printable set, less the
#: line breaks (which YAML folds into spaces) and the quote and backslash.
_BREAKS = {"\n", "\r", "\x85", "\u2028", "\u2029", "\t"}


def _printable(char: str) -> bool:
    code = ord(char)
    return (
        0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or code >= 0x10000
    ) and char not in _BREAKS


def quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif _printable(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def reads_back(line: str, key: str, value) -> bool:
    """Whether the one-line mapping ``line`` reads as ``{key: value}`` without a problem."""
    doc = parse(line + "\n", "<written>")
    return not doc.problems and doc.data == {key: value}


def scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back as the same text, else
    double-quoted."""
    if text == text.strip() and text and reads_back(f"k: {text}", "k", text):
        return text
    return quoted(text)


def flow_list(items: list[str]) -> str:
    """``[a, b, c]`` for a list of ids (slugs, which are always plain)."""
    return "[" + ", ".join(items) + "]"


def entry(key: str, fields: dict, indent: str = "  ") -> str:
    """A mapping ``key:`` with one ``name: value`` line per field, as text ending in a
    newline; a field whose value is None is written blank (``name:``) to be filled in."""
    lines = [f"{key}:"]
    for name, value in fields.items():
        lines.append(f"{indent}{name}:" if value is None else f"{indent}{name}: {scalar(value)}")
    return "\n".join(lines) + "\n"


def comment(text: str, width: int, indent: str = "") -> str:
    """``text`` as ``# `` comment lines wrapped at ``width`` characters, each ending in a
    newline: a line break YAML knows (NEL, U+2028, U+2029 as well as CR and LF) or a tab
    becomes a space and any other character YAML refuses shows as ``<U+XXXX>``, so no
    part of ``text`` leaves the comment."""
    flat = "".join(
        " " if char in _BREAKS else char if _printable(char) else f"<U+{ord(char):04X}>"
        for char in text
    )
    return "".join(f"{indent}# {line}\n" for line in textwrap.wrap(flat, width))
