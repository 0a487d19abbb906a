"""Check a parsed file against the JSON Schema of its kind, with located, friendly messages.

The schemas in ``cli/schemas/`` are the single description of each file kind: editors use
them for completion, and this module interprets the keywords they use (``type``, ``enum``,
``const``, ``properties``, ``required``, ``additionalProperties``, ``propertyNames``,
``items``, ``minItems``, ``pattern``, ``minLength``, ``maxLength``, ``minimum``,
``maximum``, ``$ref``) so that loading does not pay for importing a general validator.
The test suite checks that this interpreter and the ``jsonschema`` package agree.

Two annotations drive the messages: ``x-codes`` maps a failing keyword to the problem code
(``bad-date``, ``quote-too-long``...), and ``x-check`` names a check that a pattern cannot
express (a real calendar date, a URL with a host).
"""

from __future__ import annotations

import datetime
import json
import os
import re
from functools import lru_cache

from cli.problems import ERROR, Problem
from cli.safeyaml import MAX_PROBLEMS, Document, type_word
from cli.suggest import did_you_mean
from cli.urls import host

KINDS = ("dataset", "topics", "race", "sources", "candidate")

_JSON_TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
}
_TYPE_WORDS = {"string": "a string", "integer": "a whole number", "number": "a number",
               "boolean": "true or false", "object": "a mapping", "array": "a list",
               "null": "nothing"}


_SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas")


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    """The parsed schema file ``NAME.schema.json`` shipped in the package."""
    with open(schema_path(name), encoding="utf-8") as handle:
        return json.load(handle)


def schema_path(name: str) -> str:
    """The installed location of a kind's schema, for ``yaml-language-server`` comments.

    The package is installed as plain files (never zipped), so a path beside this module
    is enough, and cheaper to import than importlib.resources."""
    return os.path.join(_SCHEMAS, f"{name}.schema.json")


@lru_cache(maxsize=None)
def _pattern(text: str) -> re.Pattern:
    return re.compile(text)


def check(doc: Document, kind: str) -> list:
    """Every schema problem of ``doc`` read as a file of ``kind``, located in the file."""
    problems: list = []
    if doc.data is None and doc.problems:
        return problems
    _walk(doc, doc.data, schema(kind), kind, (), problems)
    problems = [p for p in problems if p is not None]
    if len(problems) >= MAX_PROBLEMS:
        problems = problems[:MAX_PROBLEMS]
        problems.append(Problem(doc.path, problems[-1].line, problems[-1].column, ERROR,
                                "too-many-problems", f"checking stopped after {MAX_PROBLEMS} "
                                "problems in this file; fix those and run again"))
    return problems


def _resolve(node: dict, base: str) -> tuple[dict, str]:
    while "$ref" in node:
        ref = node["$ref"]
        target, _, pointer = ref.partition("#")
        base = target[: -len(".schema.json")] if target else base
        node = schema(base)
        for part in pointer.strip("/").split("/"):
            if part:
                node = node[part]
        # keywords beside a $ref (a description, say) carry no constraint here
    return node, base


def _walk(doc: Document, value, node: dict, base: str, path: tuple, out: list) -> None:
    if len(out) >= MAX_PROBLEMS:
        return
    node, base = _resolve(node, base)
    if doc.is_poisoned(path):
        return
    codes = node.get("x-codes", {})

    if "const" in node and value != node["const"]:
        out.append(doc.problem(path, codes.get("const", "invalid-value"),
                               f"{_name(path)} must be {node['const']!r}, not {value!r}"))
        return
    if "enum" in node and value not in node["enum"]:
        choices = node["enum"]
        out.append(doc.problem(path, codes.get("enum", "invalid-value"),
                               f"{_name(path)} {_show(value)} is not one of "
                               f"{', '.join(choices)}{did_you_mean(str(value), choices)}"))
        return
    types = node.get("type")
    if types is not None:
        types = [types] if isinstance(types, str) else types
        if not any(_JSON_TYPES[t](value) for t in types):
            out.append(doc.problem(path, "wrong-type", _type_message(path, value, types)))
            return

    if isinstance(value, str):
        _check_string(doc, value, node, codes, path, out)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        for keyword, bad in (("minimum", value < node.get("minimum", value)),
                             ("maximum", value > node.get("maximum", value))):
            if bad:
                out.append(doc.problem(path, codes.get(keyword, "out-of-range"),
                                       _range_message(path, value, node)))
                return
    elif isinstance(value, dict):
        _check_mapping(doc, value, node, base, path, out)
    elif isinstance(value, list):
        if len(value) < node.get("minItems", 0):
            code = codes.get("minItems", "too-few-items")
            out.append(doc.problem(path, code, f"{_name(path)} needs at least "
                                   f"{node['minItems']} item(s)" +
                                   ("; every position, endorsement and result needs a "
                                    "source and a quote" if code == "no-citations" else "")))
        if "items" in node:
            for index, item in enumerate(value):
                _walk(doc, item, node["items"], base, path + (index,), out)


def _check_string(doc, value, node, codes, path, out) -> None:
    if "pattern" in node and not _pattern(node["pattern"]).search(value):
        code = codes.get("pattern", "invalid-value")
        out.append(doc.problem(path, code, _pattern_message(code, path, value)))
        return
    if len(value) < node.get("minLength", 0):
        out.append(doc.problem(path, codes.get("minLength", "empty-value"),
                               f"{_name(path)} is empty"))
        return
    if len(value) > node.get("maxLength", len(value)):
        code = codes.get("maxLength", "too-long")
        out.append(doc.problem(path, code, f"{_name(path)} is {len(value)} characters long; "
                               f"the limit is {node['maxLength']}"))
        return
    extra = node.get("x-check")
    if extra == "date" and not _real_date(value):
        out.append(doc.problem(path, codes.get("pattern", "bad-date"),
                               f"{_name(path)} '{value}' is not a real date"))
    elif extra == "url" and not host(value):
        out.append(doc.problem(path, codes.get("pattern", "bad-url"),
                               f"{_name(path)} '{value}' has no host; write an absolute "
                               "http(s) URL such as https://example.org/page"))


def _check_mapping(doc, value, node, base, path, out) -> None:
    properties = node.get("properties", {})
    for name in node.get("required", []):
        if name not in value:
            out.append(doc.problem(path, "missing-field",
                                   f"missing required field '{name}' in {_where(path)}",
                                   key=True))
    names = node.get("propertyNames")
    extra = node.get("additionalProperties", True)
    for key, item in value.items():
        if len(out) >= MAX_PROBLEMS:
            return
        if names is not None:
            before = len(out)
            _walk_key(doc, key, names, base, path + (key,), out)
            if len(out) > before:
                continue
        if key in properties:
            _walk(doc, item, properties[key], base, path + (key,), out)
        elif extra is False:
            out.append(doc.problem(path + (key,), "unknown-key",
                                   f"unknown key '{key}' in {_where(path)}"
                                   f"{did_you_mean(key, properties)}; the keys allowed here "
                                   f"are {', '.join(properties)}", key=True))
        elif isinstance(extra, dict):
            _walk(doc, item, extra, base, path + (key,), out)


def _walk_key(doc, key, node, base, path, out) -> None:
    """Check a mapping key against ``propertyNames``, reporting at the key itself."""
    node, base = _resolve(node, base)
    if not _pattern(node["pattern"]).search(key) or len(key) > node.get("maxLength", 64):
        out.append(doc.problem(path, node.get("x-codes", {}).get("pattern", "bad-id"),
                               _id_message(key), key=True))


def _id_message(value: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:64]
    hint = f" (e.g. '{slug}')" if slug and slug != value else ""
    return (f"'{value}' is not a valid id: use lowercase letters, digits and single hyphens, "
            f"at most 64 characters{hint}")


def _pattern_message(code: str, path: tuple, value: str) -> str:
    if code == "bad-id":
        return _id_message(value)
    if code == "bad-date":
        return f"{_name(path)} '{value}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"
    if code == "bad-url":
        return (f"{_name(path)} '{value}' is not an absolute http(s) URL; only http:// and "
                "https:// links are accepted")
    if code in ("empty-value", "empty-quote"):
        return f"{_name(path)} is empty; write the text or remove the key"
    return f"{_name(path)} {_show(value)} is not valid here"


def _type_message(path: tuple, value, types: list) -> str:
    wanted = " or ".join(_TYPE_WORDS[t] for t in types)
    message = f"{_name(path)} should be {wanted}, not a {type_word(value)}"
    if "string" in types and isinstance(value, (bool, int, float)) and value is not None:
        message += "; put the value in quotes to make it text"
    return message


def _range_message(path: tuple, value, node: dict) -> str:
    return (f"{_name(path)} {value} is out of range "
            f"({node.get('minimum', '-inf')} to {node.get('maximum', 'inf')})")


def _real_date(text: str) -> bool:
    parts = [int(p) for p in text.split("-")]
    parts += [1] * (3 - len(parts))
    try:
        datetime.date(*parts)
    except ValueError:
        return False
    return True


def _name(path: tuple) -> str:
    """How a message names the value at ``path``: its key, or its place in a list."""
    for index in range(len(path) - 1, -1, -1):
        if isinstance(path[index], str):
            return f"'{path[index]}'" if index == len(path) - 1 else f"'{path[index]}' item"
    return "the file"


def _where(path: tuple) -> str:
    if not path:
        return "the top level"
    return "'" + ".".join(str(p) for p in path) + "'"


def _show(value) -> str:
    return f"'{value}'" if isinstance(value, str) else repr(value)
