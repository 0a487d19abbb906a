"""People's names as the tool sorts and matches them."""

from __future__ import annotations

import re

from cli.text.textfold import fold


def surname_of(name: str) -> str:
    """The last word of ``name`` outside parentheses: ``陈美玲 (Chen Meiling)`` gives 陈美玲."""
    words = re.sub(r"\([^)]*\)", " ", name).split() or name.split()
    return words[-1] if words else name


def name_key(text: str) -> str:
    """``text`` as names are compared: folded words, one space between them, so that case,
    accents and punctuation never matter ("María Álvarez-Núñez" is "maria alvarez nunez")."""
    return " ".join(re.findall(r"\w+", fold(text)))
