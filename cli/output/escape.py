"""Escaping data text for the markup languages handouts are written in.

Every escaper first makes control characters visible and NFC-normalises the text, so a
name typed with combining accents ("Nguye\u0302\u0303n") prints as the same letters as one
typed precomposed ("Nguyễn"), in every format.
"""

from __future__ import annotations

import re
import unicodedata

from cli.text.controlchars import clean

_LATEX = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    '"': r"\textquotedbl{}",
    "\n": " ",
    "\r": " ",
    "\t": " ",
}
#: Characters that start a TeX ligature or quote trick when another follows (``--``,
#: ``````, ``''``, ``!````, ``?````, ``,,``): an empty group after each keeps them apart
#: whatever the font's mapping.
_LIGATURE_STARTS = frozenset("-`'!?,")
_LIGATURE_ENDS = frozenset("-`',")
#: In a token of at least _LONG characters with no space (a code, a path, markup quoted as
#: text), a line may break after one of these; TeX cannot hyphenate such a token.
_BREAK_AFTER = frozenset("/>)]}_=&.;:,!?")
_LONG = 16
#: A stretch of more than _UNBROKEN characters with no such place (a URL's path, a string
#: of letters no dictionary holds) may break after any character, as CSS's ``overflow-wrap:
#: anywhere`` lets a browser: no cell is too narrow for it. Shorter words are left to TeX's
#: hyphenation.
_UNBROKEN = 20
#: The LaTeX that allows each kind of break: the small penalty keeps a break at punctuation
#: first where one is near.
_LATEX_BREAKS = {"punctuation": r"\allowbreak{}", "anywhere": r"\penalty50{}"}
#: Scripts typeset in their own font (the Latin font covers Latin, Greek and Cyrillic).
_CJK = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u31ff"
    "\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]"
)
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
#: What a script's run is wrapped in (macros the LaTeX template defines).
_RUN_MACROS = {"cjk": r"\handoutcjk", "arabic": r"\handoutarabic"}


def prepare(text) -> str:
    """``text`` as a string with control characters made visible, NFC-normalised."""
    return unicodedata.normalize("NFC", clean(str(text)))


def _script(char: str) -> str | None:
    if _CJK.match(char):
        return "cjk"
    if _ARABIC.match(char):
        return "arabic"
    return None


def _runs(text: str) -> list[tuple[str | None, str]]:
    """``text`` cut into (script, text) runs; spaces and punctuation between two letters of
    one script stay in that script's run, so an Arabic name is one right-to-left run."""
    runs: list[tuple[str | None, str]] = []
    neutral = ""
    for char in text:
        script = _script(char)
        if script is None and not char.isalnum():
            neutral += char
            continue
        if runs and runs[-1][0] == script:
            runs[-1] = (script, runs[-1][1] + neutral + char)
        else:
            if neutral:
                runs.append((None, neutral))
            runs.append((script, char))
        neutral = ""
    if neutral:
        runs.append((None, neutral))
    merged: list[tuple[str | None, str]] = []
    for script, part in runs:
        if merged and merged[-1][0] == script:
            merged[-1] = (script, merged[-1][1] + part)
        else:
            merged.append((script, part))
    return merged


def break_points(text: str) -> dict[int, str]:
    """Indexes after which a line may break inside a long token, each with its kind:
    ``"punctuation"`` after the token's punctuation, ``"anywhere"`` after every character
    of a stretch of over 20 characters with none (never before a combining mark)."""
    breaks: dict[int, str] = {}
    for token in re.finditer(rf"\S{{{_LONG},}}", text):
        start, end = token.span()
        at_punctuation = [
            index
            for index in range(start, end - 1)
            if text[index] in _BREAK_AFTER and text[index + 1] not in _BREAK_AFTER
        ]
        breaks.update(dict.fromkeys(at_punctuation, "punctuation"))
        edges = [start - 1, *at_punctuation, end - 1]  # the last character of each stretch
        for before, last in zip(edges, edges[1:]):
            if last - before > _UNBROKEN:  # never before its last (its punctuation)
                breaks.update(
                    (index, "anywhere")
                    for index in range(before + 1, last - 1)
                    if _between_letters(text[index], text[index + 1])
                )
    return breaks


def _between_letters(char: str, following: str) -> bool:
    """Whether a line may break between ``char`` and ``following`` without tearing one
    letter apart: not before a combining mark, not at a zero-width joiner."""
    return unicodedata.category(following)[0] != "M" and "\u200d" not in (char, following)


def _latex_chars(text: str, cjk: bool = False) -> str:
    out = []
    breaks = break_points(text)
    for index, char in enumerate(text):
        out.append(_LATEX.get(char, char))
        following = text[index + 1 : index + 2]
        if index in breaks:
            out.append(_LATEX_BREAKS[breaks[index]])
        elif char in _LIGATURE_STARTS and following in _LIGATURE_ENDS:
            out.append("{}")
        elif (
            cjk
            and following
            and unicodedata.category(char)[0] == "L"
            and unicodedata.category(following)[0] == "L"
        ):
            out.append(r"\allowbreak{}")  # CJK text has no spaces: lines break between letters
    return "".join(out)


def latex(text) -> str:
    """``text`` as LaTeX (for LuaLaTeX or XeLaTeX) that typesets literally: every special
    character escaped, ligature tricks disarmed, CJK and Arabic runs in their own fonts,
    and a long token breakable in a column of any width (after its punctuation, and after
    any character of a stretch over 20 characters with none)."""
    out = []
    for script, part in _runs(prepare(text)):
        body = _latex_chars(part, cjk=script == "cjk")
        out.append(f"{_RUN_MACROS[script]}{{{body}}}" if script else body)
    return "".join(out)


def css_string(text) -> str:
    """``text`` as a quoted CSS string that is inert anywhere in a style sheet, even inside
    an HTML ``<style>`` element: every character but letters, digits and spaces is a
    six-digit CSS escape."""
    body = "".join(
        char if (char.isascii() and char.isalnum()) or char == " " else f"\\{ord(char):06x}"
        for char in prepare(text)
    )
    return f'"{body}"'


#: Characters that start Markdown (GitHub-flavoured) syntax inline: emphasis, code, links
#: and footnotes, raw HTML and entities, table cells, strikethrough and math.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|&~$])")


def markdown(text) -> str:
    """``text`` as inline Markdown that renders literally, on one line (for table cells)."""
    flat = re.sub(r"\s*[\r\n]+\s*", " ", prepare(text))
    return _MARKDOWN.sub(r"\\\1", flat)
