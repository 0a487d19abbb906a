"""Escaping data text for the markup languages handouts are written in."""

from __future__ import annotations

import re

from cli.controlchars import clean

_LATEX = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
          "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
          "^": r"\textasciicircum{}", "<": r"\textless{}", ">": r"\textgreater{}",
          "|": r"\textbar{}", '"': r"\textquotedbl{}", "\n": " ", "\r": " ", "\t": " "}
#: Characters beyond ASCII that pdflatex with inputenc (utf8), fontenc (T1) and textcomp
#: typesets: Latin-1, Latin Extended-A and common punctuation. Anything else (CJK, say)
#: is written as [U+XXXX] so the document still compiles.
_LATEX_OK = re.compile("[\u00a0-\u017f\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e"
                       "\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


def latex(text) -> str:
    """``text`` as LaTeX that typesets literally: every special character escaped."""
    out = []
    for char in clean(str(text)):
        if char in _LATEX:
            out.append(_LATEX[char])
        elif char.isascii() or _LATEX_OK.match(char):
            out.append(char)
        else:
            out.append(f"[U+{ord(char):04X}]")
    return "".join(out)


#: Characters that start Markdown (GitHub-flavoured) syntax inline: emphasis, code, links
#: and footnotes, raw HTML and entities, table cells, strikethrough and math.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|&~$])")


def markdown(text) -> str:
    """``text`` as inline Markdown that renders literally, on one line (for table cells)."""
    flat = re.sub(r"\s*[\r\n]+\s*", " ", clean(str(text)))
    return _MARKDOWN.sub(r"\\\1", flat)
