"""The numbers the data format allows, read from a plain YAML scalar.

PyYAML resolves plain scalars as YAML 1.1 does, where ``040`` is the octal number 32,
``0x10`` is 16, ``0b101`` is 5, ``1:30`` is 90 (base 60), ``1_000`` is 1000 and
``4.0e+1`` is 40.0, and a number may hold more digits than a float holds (309 nines
overflow it) or than Python's ``int`` reads from text (4,300). The format writes numbers as
integers and decimals in plain notation (``40``, ``-3``, ``2.5``) of at most
:data:`MAX_DIGITS` digits. :func:`read_number` reads those and refuses anything else with
the problem to report, without ever converting a numeral it refuses: no numeral, however
long, is slow to refuse or overflows.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

from cli.dataset.limits import MAX_DIGITS
from cli.problems import Code

_PLAIN = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_NON_FINITE = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_OCTAL = re.compile(r"[-+]?0[0-7_]+\Z")
#: Each notation YAML 1.1 reads as a number and the format does not, as a reader names it
#: (the first that matches wins).
_NOTATIONS = (
    (re.compile(r"[-+]?0x", re.IGNORECASE), "a hexadecimal number"),
    (re.compile(r"[-+]?0b"), "a binary number"),
    (re.compile(r".*:"), "a base-60 number (like a time)"),
    (_OCTAL, "a number with a leading zero"),
    (re.compile(r".*_"), "a number with '_' separators"),
    (re.compile(r".*[eE]"), "a number in exponent notation"),
)
#: Numerals up to this long are converted as YAML 1.1 would, to say what it reads.
_SHOWN_CHARS = 24
_CONSTRUCTOR = SafeConstructor()


class BadNumber(ValueError):
    """A numeral the format does not allow: the problem's code and message."""

    def __init__(self, code: Code, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def read_number(text: str, tag: str) -> int | float:
    """The number of the plain scalar ``text``, which YAML 1.1 resolves to ``tag`` (its int
    or float tag). Raises :class:`BadNumber` for ``.nan`` and ``.inf``, for a notation other
    than plain integers and decimals, and for more than :data:`MAX_DIGITS` digits."""
    if _NON_FINITE.fullmatch(text):
        raise BadNumber(Code.NON_FINITE_NUMBER, f"'{text}' is not a finite number")
    if not _PLAIN.fullmatch(text):
        raise BadNumber(Code.NUMBER_NOTATION, _notation_message(text, tag))
    digits = sum(char.isdigit() for char in text)
    if digits > MAX_DIGITS:
        raise BadNumber(
            Code.TOO_MANY_DIGITS,
            f"{shown(text, length=False)} has {digits} digits, more than the {MAX_DIGITS} "
            "a number may have (no count or amount needs more, and no float holds more "
            "exactly); check the value, or quote it if it is text",
        )
    return float(text) if "." in text else int(text)


def shown(text: str, length: bool = True) -> str:
    """``text`` quoted for a message; only its start when it is long, with its ``length``."""
    if len(text) <= _SHOWN_CHARS:
        return f"'{text}'"
    return f"'{text[:_SHOWN_CHARS]}…'" + (f" ({len(text)} characters)" if length else "")


def _notation_message(text: str, tag: str) -> str:
    kind = next(
        (kind for pattern, kind in _NOTATIONS if pattern.match(text)),
        "a number not in plain notation",
    )
    reading = _yaml_reading(text, tag)
    if not reading:
        return f"{shown(text)} is {kind}; write it in plain digits, or quote it if it is text"
    meant = reading
    if _OCTAL.match(text):  # the curator meant the digits, surely, not octal
        reading = f"octal {reading}"
        meant = re.sub(r"\A([-+]?)0+(?=[0-9])", r"\1", text.replace("_", ""))
    return (
        f"{shown(text)} is {kind}: YAML 1.1 reads it as {reading}; write {meant}, "
        "or quote it if it is text"
    )


def _yaml_reading(text: str, tag: str) -> str:
    """What YAML 1.1 reads ``text`` as, in plain notation; "" for a long numeral (never
    converted) or one that reads as no finite number."""
    if len(text) > _SHOWN_CHARS:
        return ""
    value = _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, ScalarNode(tag, text))
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return ""
    return str(int(value)) if value.is_integer() else format(Decimal(repr(value)), "f")
