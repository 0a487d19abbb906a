"""Check a parsed file against the JSON Schema of its kind, with located, friendly messages.

The schemas in ``cli/schemas/`` are the single description of each file kind: editors use
them for completion, and this module interprets the keywords they use (``type``, ``enum``,
``const``, ``properties``, ``required``, ``additionalProperties``, ``propertyNames``,
``items``, ``minItems``, ``pattern``, ``minLength``, ``maxLength``, ``minimum``,
``maximum``, ``$ref``) so that loading does not pay for importing a general validator.
The test suite checks that this interpreter and the ``jsonschema`` package agree.

Two annotations drive the messages: ``x-codes`` maps a failing keyword to the problem code
(``bad-date``, ``quote-too-long``...), and ``x-check`` names a check that a pattern cannot
express (a real calendar date, a URL with a host and a port from 1 to 65535).
"""

from __future__ import annotations

import json
import os
import re
from functools import cache

from cli.dataset.dates import first_day
from cli.dataset.limits import MAX_PROBLEMS
from cli.dataset.numerals import shown
from cli.dataset.safeyaml import Document, type_word
from cli.problems import Code, Problem
from cli.text.suggest import did_you_mean
from cli.text.urls import has_usable_port, host, port

KINDS = ("dataset", "topics", "race", "sources", "candidate")

#: The Python classes of each JSON type, as the reader builds values (plain classes only,
#: so an exact class test is enough, and keeps True out of "integer").
_JSON_TYPES = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
    "null": (type(None),),
}
_TYPE_WORDS = {
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "a mapping",
    "array": "a list",
    "null": "nothing",
}


_SCHEMAS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "schemas")


@cache
def schema(name: str) -> dict:
    """The parsed schema file ``NAME.schema.json`` shipped in the package."""
    with open(schema_path(name), encoding="utf-8") as handle:
        return json.load(handle)


def schema_path(name: str) -> str:
    """The installed location of a kind's schema, for ``yaml-language-server`` comments.

    The package is installed as plain files (never zipped), so a path beside this module
    is enough, and cheaper to import than importlib.resources."""
    return os.path.join(_SCHEMAS, f"{name}.schema.json")


@cache
def _pattern(text: str) -> re.Pattern:
    return re.compile(text)


def check(doc: Document, kind: str) -> list:
    """Every schema problem of ``doc`` read as a file of ``kind``, located in the file."""
    problems: list = []
    if doc.data is None and doc.problems:
        return problems
    _checker(kind)(doc, doc.data, (), problems)
    if len(problems) >= MAX_PROBLEMS:
        problems = problems[:MAX_PROBLEMS]
        problems.append(
            Problem(
                doc.path,
                problems[-1].line,
                problems[-1].column,
                Code.TOO_MANY_PROBLEMS,
                f"checking stopped after {MAX_PROBLEMS} "
                "problems in this file; fix those and run again",
            )
        )
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


@cache
def _checker(kind: str):
    """The check of a whole file of ``kind``, compiled once from its schema."""
    return _compile(schema(kind), kind, {})


_ABSENT = object()  # a schema node without "const"


def _codes(node: dict) -> dict[str, Code]:
    """The node's ``x-codes``: failing keyword -> registered problem code."""
    return {keyword: Code.of(code) for keyword, code in node.get("x-codes", {}).items()}


def _compile(node: dict, base: str, done: dict):
    """Turn a schema node into a check function, so that a file's thousands of values do
    not each look up keywords and follow ``$ref`` again. ``done`` shares the check of a
    node reached twice. A check is called as ``check(document, value, path, problems)``
    and appends what fails."""
    node, base = _resolve(node, base)
    if id(node) in done:
        return done[id(node)]
    codes = _codes(node)
    const, enum = node.get("const", _ABSENT), node.get("enum")
    declared = node.get("type")
    types: list[str] = (
        [] if declared is None else [declared] if isinstance(declared, str) else declared
    )
    classes = frozenset(c for t in types for c in _JSON_TYPES[t]) if types else None
    string = _compile_string(node, codes)
    number = _compile_number(node, codes)
    mapping = _compile_mapping(node, base, done)
    items = _compile_list(node, base, codes, done)

    def check_value(doc: Document, value, path: tuple, out: list) -> None:
        if len(out) >= MAX_PROBLEMS or (doc.poisoned and doc.is_poisoned(path)):
            return
        if const is not _ABSENT and value != const:
            out.append(
                doc.problem(
                    path,
                    codes.get("const", Code.INVALID_VALUE),
                    f"{_name(path)} must be {const!r}, not {value!r}",
                )
            )
            return
        if enum is not None and value not in enum:
            out.append(
                doc.problem(
                    path,
                    codes.get("enum", Code.INVALID_VALUE),
                    f"{_name(path)} {_show(value)} is not one of "
                    f"{', '.join(enum)}{did_you_mean(str(value), enum)}",
                )
            )
            return
        kind = value.__class__
        if classes is not None and kind not in classes:
            out.append(doc.problem(path, Code.WRONG_TYPE, _type_message(path, value, types)))
            return
        if kind is str:
            if string is not None:
                string(doc, value, path, out)
        elif kind is dict:
            mapping(doc, value, path, out)
        elif kind is list:
            items(doc, value, path, out)
        elif kind is int or kind is float:
            if number is not None:
                number(doc, value, path, out)

    done[id(node)] = check_value
    return check_value


def _compile_string(node: dict, codes: dict):
    """The string keywords of ``node`` (pattern, length, x-check), or None if it has none."""
    pattern = _pattern(node["pattern"]) if "pattern" in node else None
    shortest, longest = node.get("minLength", 0), node.get("maxLength")
    extra = node.get("x-check")
    if pattern is None and not shortest and longest is None and extra is None:
        return None

    def check_string(doc: Document, value: str, path: tuple, out: list) -> None:
        if pattern is not None and not pattern.search(value):
            code = codes.get("pattern", Code.INVALID_VALUE)
            out.append(doc.problem(path, code, _pattern_message(code, path, value)))
        elif len(value) < shortest:
            out.append(
                doc.problem(
                    path, codes.get("minLength", Code.EMPTY_VALUE), f"{_name(path)} is empty"
                )
            )
        elif longest is not None and len(value) > longest:
            out.append(
                doc.problem(
                    path,
                    codes.get("maxLength", Code.TOO_LONG),
                    f"{_name(path)} is {len(value)} characters long; the limit is {longest}",
                )
            )
        elif extra == "date" and first_day(value) is None:
            out.append(
                doc.problem(
                    path,
                    codes.get("pattern", Code.BAD_DATE),
                    f"{_name(path)} '{value}' is not a real date",
                )
            )
        elif extra == "url" and not host(value):
            out.append(
                doc.problem(
                    path,
                    codes.get("pattern", Code.BAD_URL),
                    f"{_name(path)} '{value}' has no host; write an absolute "
                    "http(s) URL such as https://example.org/page",
                )
            )
        elif extra == "url" and not has_usable_port(value):
            out.append(
                doc.problem(
                    path,
                    codes.get("pattern", Code.BAD_URL),
                    f"{_name(path)} names port {shown(port(value))}, which no server can "
                    "listen on: a port is a number from 1 to 65535 (or leave it out)",
                )
            )

    return check_string


def _compile_number(node: dict, codes: dict):
    """The range keywords of ``node``, or None if it has none."""
    if "minimum" not in node and "maximum" not in node:
        return None
    low, high = node.get("minimum"), node.get("maximum")

    def check_number(doc: Document, value, path: tuple, out: list) -> None:
        for keyword, bad in (
            ("minimum", low is not None and value < low),
            ("maximum", high is not None and value > high),
        ):
            if bad:
                out.append(
                    doc.problem(
                        path,
                        codes.get(keyword, Code.OUT_OF_RANGE),
                        _range_message(path, value, node),
                    )
                )
                return

    return check_number


def _compile_mapping(node: dict, base: str, done: dict):
    """The mapping keywords of ``node``: required, properties, propertyNames and
    additionalProperties."""
    properties = node.get("properties", {})
    checks = {name: _compile(sub, base, done) for name, sub in properties.items()}
    required = node.get("required", [])
    wanted = {name: _wanted(sub, base, name in required) for name, sub in properties.items()}
    names = node.get("propertyNames")
    names = None if names is None else _compile_key(*_resolve(names, base))
    extra = node.get("additionalProperties", True)
    extra = _compile(extra, base, done) if isinstance(extra, dict) else extra

    def check_mapping(doc: Document, value: dict, path: tuple, out: list) -> None:
        for name in required:
            if name not in value:
                out.append(
                    doc.problem(
                        path,
                        Code.MISSING_FIELD,
                        f"missing required field '{name}' in {_where(path)}",
                        key=True,
                    )
                )
        for key, item in value.items():
            if len(out) >= MAX_PROBLEMS:
                return
            if names is not None and not names(doc, key, path + (key,), out):
                continue
            check_item = checks.get(key)
            if item is None and check_item is not None:  # a key left blank, to fill in
                if not (doc.poisoned and doc.is_poisoned(path + (key,))):  # e.g. an alias
                    out.append(
                        doc.problem(
                            path + (key,),
                            Code.BLANK_VALUE,
                            f"'{key}' is blank in {_where(path)}: {wanted[key]}",
                        )
                    )
            elif check_item is not None:
                check_item(doc, item, path + (key,), out)
            elif extra is False:
                out.append(
                    doc.problem(
                        path + (key,),
                        Code.UNKNOWN_KEY,
                        f"unknown key '{key}' in {_where(path)}"
                        f"{did_you_mean(key, properties)}; the keys allowed "
                        f"here are {', '.join(properties)}",
                        key=True,
                    )
                )
            elif extra is not True:
                extra(doc, item, path + (key,), out)

    return check_mapping


def _wanted(node: dict, base: str, required: bool) -> str:
    """What to write in a key left blank: the schema's description of the value (the
    description beside a ``$ref`` first, else the referenced one's)."""
    text = node.get("description") or _resolve(node, base)[0].get("description")
    if not text:
        text = "its value"
    elif text[:2].istitle():  # "The id of..." reads "write the id of...", "YYYY-MM" stays
        text = text[0].lower() + text[1:]
    text = f"write {text.rstrip('.')}"
    return text if required else f"{text}, or remove the key"


def _compile_key(node: dict, base: str):
    """A mapping key's check against ``propertyNames``, reporting at the key itself;
    it returns whether the key passed."""
    pattern, longest = _pattern(node["pattern"]), node.get("maxLength", 64)
    code = _codes(node).get("pattern", Code.BAD_ID)

    def check_key(doc: Document, key: str, path: tuple, out: list) -> bool:
        if pattern.search(key) and len(key) <= longest:
            return True
        out.append(doc.problem(path, code, id_message(key), key=True))
        return False

    return check_key


def _compile_list(node: dict, base: str, codes: dict, done: dict):
    """The list keywords of ``node``: minItems and items."""
    fewest = node.get("minItems", 0)
    each = _compile(node["items"], base, done) if "items" in node else None
    code = codes.get("minItems", Code.TOO_FEW_ITEMS)

    def check_list(doc: Document, value: list, path: tuple, out: list) -> None:
        if len(value) < fewest:
            out.append(
                doc.problem(
                    path,
                    code,
                    f"{_name(path)} needs at least "
                    f"{fewest} item(s)"
                    + (
                        "; every position, endorsement and result needs a source and a quote"
                        if code == Code.NO_CITATIONS
                        else ""
                    ),
                )
            )
        if each is not None:
            for index, item in enumerate(value):
                each(doc, item, path + (index,), out)

    return check_list


def id_message(value: str) -> str:
    """Why ``value`` is not an id, and the id it could be."""
    from cli.dataset.layout import slugify  # only on the error path

    slug = slugify(value)
    hint = f" (e.g. '{slug}')" if slug and slug != value else ""
    return (
        f"'{value}' is not a valid id: use lowercase letters, digits and single hyphens, "
        f"at most 64 characters{hint}"
    )


def _pattern_message(code: str, path: tuple, value: str) -> str:
    if code == Code.BAD_ID:
        return id_message(value)
    if code == Code.BAD_DATE:
        return f"{_name(path)} '{value}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"
    if code == Code.BAD_URL:
        return (
            f"{_name(path)} '{value}' is not an absolute http(s) URL; only http:// and "
            "https:// links are accepted"
        )
    if code in (Code.EMPTY_VALUE, Code.EMPTY_QUOTE):
        return f"{_name(path)} is empty; write the text or remove the key"
    if code == Code.BAD_SPAN:
        return (
            f"{_name(path)} '{value}' is not a time from taking office: write a number "
            "and days, weeks, months or years, e.g. '300 days' or '1 year'"
        )
    if code == Code.BAD_CONTACT:
        return (
            f"{_name(path)} '{value}' is neither an http(s) URL nor an e-mail address; "
            "write where a reader can send a correction"
        )
    if code == Code.BAD_LANG:
        return (
            f"{_name(path)} {_show(value)} is not a language tag: write a BCP 47 tag such as "
            "en, es, es-US or zh-Hant"
        )
    if code == Code.BAD_HASH:
        return (
            f"{_name(path)} {_show(value)} is not a SHA-256: 64 lowercase hexadecimal digits, "
            "as platforms check-quotes --record writes them; run it again rather than edit"
        )
    return f"{_name(path)} {_show(value)} is not valid here"


def _type_message(path: tuple, value, types: list) -> str:
    wanted = " or ".join(_TYPE_WORDS[t] for t in types)
    message = f"{_name(path)} should be {wanted}, not a {type_word(value)}"
    if "string" in types and isinstance(value, (bool, int, float)) and value is not None:
        message += "; put the value in quotes to make it text"
    return message


def _range_message(path: tuple, value, node: dict) -> str:
    if "maximum" not in node:
        return f"{_name(path)} {value} is below {node['minimum']}; write a number from there up"
    return (
        f"{_name(path)} {value} is out of range "
        f"({node.get('minimum', '-inf')} to {node['maximum']})"
    )


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
