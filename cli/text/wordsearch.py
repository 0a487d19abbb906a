"""Whole-word search: a word is found as a word of a text, or as its plural or singular,
never inside another word ("rent" is not in "current", "bus" not in "business").

Both sides are folded first (cli.text.textfold), so case and accents never matter. Words of
scripts written without spaces between words (Chinese, Japanese, Thai...) have no word
boundaries to test, and are found anywhere in the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from cli.text.textfold import fold

#: Scripts written without spaces between words, as code point ranges: Thai, Lao, Tibetan,
#: Myanmar, Khmer, the CJK punctuation, kana and ideographs (with their extensions and
#: compatibility forms). Compared by number: a regular expression of these ranges costs
#: a warm ``filter --text`` 3 ms to compile.
_UNSPACED = (
    (0x0E00, 0x0FFF),
    (0x1000, 0x109F),
    (0x1780, 0x17FF),
    (0x3000, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3FFFF),
)


def is_unspaced(word: str) -> bool:
    """Whether ``word`` holds a character of a script written without spaces."""
    return not word.isascii() and any(
        low <= ord(c) <= high for c in word for low, high in _UNSPACED
    )


def word_forms(word: str) -> list[str]:
    """The folded ``word`` and its English plural and singular forms, as the search accepts
    them: bus, buses, busses; policy, policies; bed, beds (and back from each plural)."""
    word = fold(word)
    forms = [word, f"{word}s", f"{word}es"]
    if word.endswith(("s", "z")):
        forms.append(f"{word}{word[-1]}es")
    if re.search(r"[^aeiou]y$", word):
        forms.append(f"{word[:-1]}ies")
    if word.endswith("ies") and len(word) > 4:
        forms.append(f"{word[:-3]}y")
    if word.endswith("es") and len(word) > 3:
        forms.append(word[:-2])
        if word[-3] == word[-4]:  # busses
            forms.append(word[:-3])
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 2:
        forms.append(word[:-1])
    return list(dict.fromkeys(forms))


@lru_cache(maxsize=64)
def _pattern(word: str) -> re.Pattern:
    if is_unspaced(word):
        return re.compile(re.escape(fold(word)))
    alternatives = "|".join(map(re.escape, sorted(word_forms(word), key=len, reverse=True)))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def finds(word: str, folded_text: str) -> bool:
    """Whether ``word`` occurs as a word (or its plural or singular) in ``folded_text``,
    a text already folded."""
    return _pattern(word).search(folded_text) is not None


def finds_all(words: Sequence[str]) -> Callable[[str], bool]:
    """A test of a folded text: does every one of ``words`` occur in it as a word?"""
    patterns = [_pattern(w) for w in words]
    return lambda folded_text: all(p.search(folded_text) for p in patterns)
