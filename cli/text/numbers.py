"""The numbers a quote states, in digits or in words, for checking a target against its quote.

``stated_numbers("30,000 beds and 1,500 more officers")`` is ``{30000, 1500}``; "thirty
thousand", "1.5 million", "$250 million", "9 700" (a thin or plain space as the thousands
separator) and "15K" are read too. A year-like number is a number like any other: the check
asks whether the quote states the target's number, not what the number means.
"""

from __future__ import annotations

import re

_UNITS = {
    word: n
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    word: 10 * n
    for n, word in enumerate(
        "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2
    )
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
_SUFFIXES = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}

# digits: 1,500 / 1 500 / 9700 / 1.5 / .5, then an optional scale word or suffix
_DIGITS = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:(?:,|[ \u00a0\u202f])\d{3})+|\d+)(\.\d+)?"
    r"(?:\s*(hundred|thousand|million|billion|trillion)\b|(k|m|bn|b)\b)?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z]+", re.IGNORECASE)


def stated_numbers(text: str) -> set[float]:
    """Every number ``text`` states, in digits (with or without separators) or in words."""
    found: set[float] = set()
    for match in _DIGITS.finditer(text):
        whole, fraction, scale, suffix = match.groups()
        value = float(re.sub(r"[, \u00a0\u202f]", "", whole) + (fraction or ""))
        found.add(value)
        if " " in whole or "\u00a0" in whole or "\u202f" in whole:
            # "1 500" may be two numbers ("in 1 500-bed shelter"): keep both readings
            found.update(float(part) for part in re.split(r"[ \u00a0\u202f]", whole))
        multiplier = _SCALES.get((scale or "").lower()) or _SUFFIXES.get((suffix or "").lower())
        if multiplier:
            found.add(value * multiplier)
    found.update(_worded_numbers(text))
    return found


def _worded_numbers(text: str) -> set[float]:
    """Numbers written in words: "thirty thousand", "fifteen hundred", "two hundred and five"."""
    found: set[float] = set()
    words = [w.lower() for w in _WORD.findall(text.replace("-", " "))]
    total = current = 0
    in_number = False
    for word in words + [""]:
        if word in _UNITS or word in _TENS:
            current += _UNITS.get(word, 0) + _TENS.get(word, 0)
            in_number = True
        elif word in ("hundred",) and in_number:
            current = (current or 1) * 100
        elif word in _SCALES and (in_number or word != "hundred"):
            total += (current or 1) * _SCALES[word]
            current = 0
            in_number = True
        elif word == "and" and in_number:
            continue
        else:
            if in_number:
                found.add(float(total + current))
            total = current = 0
            in_number = False
    return found


def states_number(text: str, value: float) -> bool:
    """Whether ``text`` states ``value`` (see :func:`stated_numbers`)."""
    return float(value) in stated_numbers(text)


def format_number(value: float) -> str:
    """``value`` as a reader expects it: ``9,700``, ``1.5``, ``1,500,000``."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.10g}" if abs(value) >= 1000 else f"{value:g}"
