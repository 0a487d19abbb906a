"""Text for terminals: display width, making control characters visible, wrapping."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from cli.text.controlchars import clean


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Terminal cells taken by one character: 2 for East Asian wide, 0 for combining."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def width(text: str) -> int:
    """Terminal cells taken by ``text`` (one line)."""
    if text.isascii():
        return len(text)
    return sum(char_width(c) for c in text)


def pad(text: str, cells: int) -> str:
    """``text`` padded with spaces to ``cells`` terminal cells."""
    return text + " " * max(0, cells - width(text))


def wrap(text: str, cells: int) -> list[str]:
    """Wrap ``text`` into lines of at most ``cells`` terminal cells, breaking long words."""
    cells = max(1, cells)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for word in paragraph.split():
            w = width(word)
            while w > cells:  # a word longer than the line: cut it
                if line:
                    lines.append(line)
                    line, used = "", 0
                head, rest = _cut(word, cells)
                lines.append(head)
                word, w = rest, width(rest)
            if not word:
                continue
            if line and used + 1 + w > cells:
                lines.append(line)
                line, used = "", 0
            line, used = (f"{line} {word}", used + 1 + w) if line else (word, w)
        lines.append(line)
    return lines


def _cut(word: str, cells: int) -> tuple[str, str]:
    used = 0
    for index, char in enumerate(word):
        used += char_width(char)
        if used > cells:
            return word[: max(index, 1)], word[max(index, 1) :]
    return word, ""


class Lines:
    """Collects wrapped, indented lines for a terminal ``total`` cells wide."""

    def __init__(self, total: int):
        self.total = max(total, 20)
        self.lines: list[str] = []

    def add(self, text: str = "", indent: int = 0, hang: int = 0) -> None:
        """Add ``text`` wrapped at the width, indented, later lines hanging by ``hang``."""
        if not text:
            self.lines.append("")
            return
        wrapped = wrap(clean(text), self.total - indent - hang)
        self.lines.append(" " * indent + wrapped[0])
        self.lines += [" " * (indent + hang) + line for line in wrapped[1:]]

    def text(self) -> str:
        """The lines collected so far, joined."""
        return "\n".join(self.lines)


_COLOURS = {
    "SUPPORT": "34",
    "OPPOSE": "33",
    "MIXED": "35",
    "UNCLEAR": "2",
    "AGREE": "34",
    "DIFFER": "33",
    "ONE-SIDED": "2",
    "OPEN": "2",
    "FOUND": "32",
    "NOT-FOUND": "31",
    "UNREACHABLE": "33",
    "NO-URL": "2",
}


def _coloured(word: str) -> str:
    return f"\x1b[{_COLOURS[word]}m{word}\x1b[0m"


#: What :func:`paint` writes, and nothing else: a stance or relation word in its colour.
#: All a terminal is sent that it acts on, so even a colour sequence that reached the
#: output raw from data could only colour one of these words as the tool would.
PAINT = re.compile("|".join(re.escape(_coloured(word)) for word in _COLOURS))


def paint(line: str) -> str:
    """``line`` with a leading stance or relation word coloured (ANSI), for terminals."""
    word = line.lstrip().split(":")[0].split(" ")[0]
    if word not in _COLOURS:
        return line
    start = line.index(word)
    return f"{line[:start]}{_coloured(word)}{line[start + len(word) :]}"
