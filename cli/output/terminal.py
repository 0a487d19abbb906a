"""Text for terminals: display width, making control characters visible, wrapping."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from cli.choices import Relation, Stance
from cli.queries.words import relation_heading, stance_word
from cli.text.controlchars import clean
from cli.text.messages import LANGUAGES, speaking


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


#: The longest id a dataset may hold (a RACE/CANDIDATE reference of two 64-character ids,
#: cli/schemas/common.schema.json): longer text is no id, and may be cut.
_LONGEST_ID = 2 * 64 + 1
#: An id, a date, a file name or a host: letters and digits joined by - _ / . or :.
_ID = re.compile(r"[A-Za-z0-9]+(?:[-_/.:][A-Za-z0-9]+)+")
#: What may stand around an id in prose: brackets, quotes, closing punctuation.
_AROUND = "[](){}<>\"'\u201c\u201d\u2018\u2019,.;:!?"


def whole(word: str) -> bool:
    """Whether ``word`` is never cut when wrapped: a web address, or an id, a date or a
    host (ASCII letters and digits joined by ``-`` ``_`` ``/`` ``.`` ``:``), which a
    reader copies whole."""
    if "://" in word:
        return True
    core = word.strip(_AROUND)
    return len(core) <= _LONGEST_ID and _ID.fullmatch(core) is not None


def wrap(text: str, cells: int) -> list[str]:
    """Wrap ``text`` into lines of at most ``cells`` terminal cells. A word longer than the
    line is cut, except a :func:`whole` one (a URL, an id), which gets a line of its own and
    stands out past the width rather than be broken."""
    cells = max(1, cells)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for word in paragraph.split():
            w = width(word)
            while w > cells and not whole(word):  # a word longer than the line: cut it
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
    """The longest head of ``word`` that fits ``cells``, ending after a note mark's ``]``
    where one is inside it (``[4][5]`` / ``[10]``), and the rest."""
    used = 0
    for index, char in enumerate(word):
        used += char_width(char)
        if used > cells:
            index = max(index, 1)
            end = word.rfind("]", 0, index) + 1 or index
            return word[:end], word[end:]
    return word, ""


class Lines:
    """Collects wrapped, indented lines for a terminal ``total`` cells wide."""

    def __init__(self, total: int):
        self.total = max(total, 20)
        self.lines: list[str] = []

    def add(self, text: str = "", indent: int = 0, hang: int = 0) -> None:
        """Add ``text`` wrapped at the width, indented, later lines hanging by ``hang``. A
        URL or an id too long for its indented line starts at the margin instead, whole."""
        if not text:
            self.lines.append("")
            return
        wrapped = wrap(clean(text), self.total - indent - hang)
        for n, line in enumerate(wrapped):
            margin = indent + (hang if n else 0)
            self.lines.append(" " * (margin if margin + width(line) <= self.total else 0) + line)

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


@cache
def colours() -> dict[str, str]:
    """Every word :func:`paint` colours, with its colour: the English words, and each
    language's stance and relation words in the colour of the English word."""
    found = dict(_COLOURS)
    for lang in LANGUAGES:
        with speaking(lang):
            for stance in Stance:
                found.setdefault(stance_word(stance).upper(), _COLOURS[stance.upper()])
            for relation in Relation:
                english = relation.upper()
                if english in _COLOURS:
                    found.setdefault(relation_heading(relation), _COLOURS[english])
    return found


def _coloured(word: str) -> str:
    return f"\x1b[{colours()[word]}m{word}\x1b[0m"


@cache
def paint_pattern() -> re.Pattern:
    """What :func:`paint` writes, and nothing else: a stance or relation word in its
    colour. All a terminal is sent that it acts on, so even a colour sequence that reached
    the output raw from data could only colour one of these words as the tool would."""
    return re.compile("|".join(re.escape(_coloured(word)) for word in colours()))


def paint(line: str) -> str:
    """``line`` with a leading stance or relation word coloured (ANSI), for terminals: a
    word of :func:`colours` that is the whole first word, or the words before a colon."""
    stripped = line.lstrip()
    first = stripped.split(":")[0]
    word = first if first in colours() and " " in first else first.split(" ")[0]
    if word not in colours():
        return line
    start = len(line) - len(stripped)
    return f"{line[:start]}{_coloured(word)}{line[start + len(word) :]}"
