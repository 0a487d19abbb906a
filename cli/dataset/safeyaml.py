"""A safe, located YAML reader for the plain subset the data format allows.

The reader builds plain Python values (dict, list, str, int, float, bool, None), never
constructs an object from a tag, never expands an alias, and knows the line and column of
every key and value. It uses libyaml's C parser when PyYAML was built with it and the
pure-Python parser otherwise; both give the same results.

Two paths give one result. The quick path lets the parser compose the node tree (in C with
libyaml) and converts it; it is taken only for text that cannot hold an anchor, alias or
tag and cannot nest deeper than the composer can safely recurse, and it gives up at the
first thing the format forbids. Everything else, and every file it gives up on, is read
event by event, which reports each problem where it stands.

Dates are kept as the text the curator wrote (``2022-06-07`` stays a string), because the
format allows partial dates and the model stores them as text. Numbers are read as the
format writes them (:mod:`cli.dataset.numerals`), not as YAML 1.1 would (``040`` is no
octal 32 but an error), and a key is never converted at all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, cast

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from cli.dataset.limits import MAX_DEPTH, MAX_PROBLEMS, MAX_SCALAR_CHARS
from cli.dataset.numerals import BadNumber, read_number, shown
from cli.problems import Code, Problem
from cli.text.controlchars import clean, has_unsafe

try:  # libyaml's C parser when present
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
#: The implicit tags of plain scalars that are not text, as a user names their type.
_PLAIN_TAGS = {
    "tag:yaml.org,2002:int": "integer",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:null": "null",
}
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
#: The quick path's bound on nesting, as the composer recurses in C without a limit: with
#: fewer than 64 indentation and indicator characters at the start of every line and at
#: most 64 flow brackets, a file nests less than 2 * 63 + 64 + 4 = 194 levels deep.
_MAX_FLOW = 64
_DEEP_LINE_START = re.compile(r"^[ \t?:-]{64}", re.MULTILINE)

#: A path into a document: the keys and list indexes that lead from its root to a value.
KeyPath = tuple[object, ...]
_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass
class Document:
    """A parsed file: its plain data and where each key and value stands (1-based).

    Positions come from the node tree (``node``) when the file was read on the quick path,
    and from ``value_marks`` and ``key_marks`` (keyed by path) when it was read event by
    event; :meth:`mark` answers the same either way."""

    path: str
    data: object = None
    value_marks: dict = field(default_factory=dict)
    key_marks: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    #: paths whose value was dropped or replaced because of a problem already reported
    poisoned: set = field(default_factory=set)
    node: yaml.Node | None = None
    #: id of a mapping node -> {key: (key node, value node)}, filled by :meth:`mark`
    entries: dict = field(default_factory=dict, repr=False)

    @property
    def mapping(self) -> Mapping[str, Any]:
        """The file's top-level mapping, or an empty one when the file holds anything else
        (or nothing): for code that reads a file whatever it holds."""
        return self.data if isinstance(self.data, dict) else _EMPTY

    def mark(self, path: KeyPath, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at ``path`` (or of its key), else of the nearest parent."""
        if self.node is not None:
            return _node_mark(self, path, key)
        marks = self.key_marks if key else self.value_marks
        while path:
            if path in marks:
                return marks[path]
            if key and path in self.value_marks:
                return self.value_marks[path]
            path = path[:-1]
        return self.value_marks.get((), (1, 1))

    def problem(
        self,
        path: KeyPath,
        code: Code,
        message: str,
        *,
        key: bool = False,
    ) -> Problem:
        """Build a problem located at ``path`` in this document."""
        line, column = self.mark(path, key=key)
        return Problem(self.path, line, column, code, message)

    def is_poisoned(self, path: KeyPath) -> bool:
        """Whether a problem was already reported at ``path`` or one of its parents."""
        return bool(self.poisoned) and any(path[:n] in self.poisoned for n in range(len(path) + 1))


def _node_mark(doc: Document, path: KeyPath, key: bool) -> tuple[int, int]:
    """:meth:`Document.mark` over a node tree: follow ``path`` as far as it leads. Each
    mapping's keys are indexed on first use, so marking every item of a file stays cheap."""
    assert doc.node is not None, "Document.mark follows the node tree only when there is one"
    node: yaml.Node = doc.node
    mark = node.start_mark
    for part in path:
        if isinstance(node, MappingNode):
            entries = doc.entries.get(id(node))
            if entries is None:
                entries = doc.entries[id(node)] = {k.value: (k, v) for k, v in node.value}
            if part not in entries:
                break
            key_node, node = entries[part]
            mark = key_node.start_mark if key else node.start_mark
        elif (
            isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value)
        ):
            node = node.value[part]
            mark = node.start_mark
        else:
            break
    return mark.line + 1, mark.column + 1


def parse(text: str, path: str) -> Document:
    """Parse ``text`` (the content of ``path``) into a :class:`Document`.

    Problems are collected, not raised: every tag, anchor, alias, duplicate key, complex
    key, merge key and non-finite number is reported, and parsing goes on where it can.
    A syntax error ends parsing; ``data`` is then None.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if _may_be_plain(text):
        doc = _read_nodes(text, path)
        if doc is not None:
            return doc
    return read_events(text, path)


def read_events(text: str, path: str) -> Document:
    """:func:`parse` event by event: slower, and it reports every problem where it stands.

    The format's own depth bound (:data:`MAX_DEPTH`) is reported as ``too-deep`` wherever
    it is crossed, whichever libyaml is installed. Newer libyaml releases cap flow nesting
    in their scanner, which reads up to 1,024 characters ahead of the events (a simple key
    may still turn up), so ``[[[[...`` fails there before the 33rd level reaches the reader.
    When the C reader fails on text that may nest that deep, the pure-Python reader (whose
    look-ahead holds no such cap) reads it again; its ``too-deep`` wins, at the same line and
    column as on a libyaml without the cap. Any other failure keeps libyaml's own report.
    """
    doc = _read_events_with(_Loader, text, path)
    c_reader = cast(type, _Loader) is not yaml.SafeLoader  # tests swap the reader
    if c_reader and doc.data is None and _flow_may_nest_deep(text):
        again = _read_events_with(yaml.SafeLoader, text, path)
        if any(problem.code == Code.TOO_DEEP for problem in again.problems):
            return again
    return doc


def _flow_may_nest_deep(text: str) -> bool:
    """Whether ``text`` holds enough flow brackets to open more than MAX_DEPTH levels."""
    return text.count("[") + text.count("{") > MAX_DEPTH


def _read_events_with(loader, text: str, path: str) -> Document:
    """:func:`read_events` through one parser (``loader``'s); syntax errors become problems."""
    doc = Document(path)
    try:
        _build(doc, yaml.parse(text, Loader=loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "syntax error"
        if exc.context and exc.context_mark and exc.problem:
            what = (
                f"{exc.problem} {exc.context} that starts at line "
                f"{exc.context_mark.line + 1}, column {exc.context_mark.column + 1}"
            )
        doc.problems.append(Problem(path, line, column, Code.INVALID_YAML, f"invalid YAML: {what}"))
        doc.data = None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        line, column = _reader_position(exc, text, loader)
        doc.problems.append(
            Problem(
                path,
                line,
                column,
                Code.INVALID_YAML,
                f"invalid YAML: {_reader_message(exc)}",
            )
        )
        doc.data = None
    return doc


def _may_be_plain(text: str) -> bool:
    """Whether ``text`` can take the quick path: no anchor, alias or tag indicator anywhere,
    and a nesting depth that is surely small. Depth grows only with a line's indentation
    and leading indicators (``- ``, ``? ``, ``: ``) in block style, and with each ``[`` or
    ``{`` in flow style, so those bound it."""
    if "&" in text or "*" in text or "!" in text:
        return False
    flow = text.count("[") + text.count("{")
    return flow <= _MAX_FLOW and not _DEEP_LINE_START.search(text)


class _GiveUp(Exception):
    """The quick path met something the event-by-event reader must report."""


_TAGS: dict = {}  # plain scalar -> its implicit tag, for short values seen before


class _QuickLoader(_Loader):
    """The parser, with scalar tags resolved once per distinct plain value."""

    def resolve(self, kind, value, implicit):
        """The implicit tag of a node, as PyYAML's resolver gives it."""
        if kind is not ScalarNode:
            return _RESOLVER.resolve(kind, value, implicit)
        if not implicit[0]:
            return _STR
        tag = _TAGS.get(value)
        if tag is None:
            tag = _RESOLVER.resolve(kind, value, implicit)
            if len(_TAGS) < 4096 and len(value) < 64:
                _TAGS[value] = tag
        return tag


def _read_nodes(text: str, path: str) -> Document | None:
    """:func:`parse` through the composed node tree; None when the event reader is needed."""
    loader = _QuickLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        # a scalar can hold a control character only if the text has one or an escape
        data = _plain(root, 0, "\\" in text or has_unsafe(text))
    except (yaml.YAMLError, _GiveUp, RecursionError):
        return None
    finally:
        loader.dispose()
    return Document(path, data, node=root)


def _plain(node: Node, depth: int, escapes: bool):
    """The plain value of ``node``; raises _GiveUp at anything the format forbids (with
    ``escapes``, a control character in a scalar, which the event reader warns about)."""
    if node.__class__ is ScalarNode:
        text, tag = node.value, node.tag
        if len(text) > MAX_SCALAR_CHARS or (escapes and has_unsafe(text)):
            raise _GiveUp
        if tag == _STR or tag not in _PLAIN_TAGS:
            return text  # strings, and timestamps kept as written
        try:
            return _implicit_value(text, tag)
        except BadNumber:
            raise _GiveUp from None
    if depth >= MAX_DEPTH:
        raise _GiveUp
    if node.__class__ is SequenceNode:
        return [_plain(item, depth + 1, escapes) for item in node.value]
    mapping: dict = {}
    for key_node, value_node in node.value:
        if key_node.__class__ is not ScalarNode or key_node.tag not in (_STR, _TIMESTAMP):
            raise _GiveUp
        key = _plain(key_node, depth + 1, escapes)
        if key in mapping:
            raise _GiveUp
        mapping[key] = _plain(value_node, depth + 1, escapes)
    return mapping


def _reader_position(exc: yaml.YAMLError, text: str, loader) -> tuple[int, int]:
    mark = getattr(exc, "problem_mark", None)
    if mark is not None:
        return mark.line + 1, mark.column + 1
    position = getattr(exc, "position", None)  # a ReaderError: an index into the text,
    if isinstance(position, int) and position >= 0:  # counted in bytes by libyaml
        if loader.__name__.startswith("C"):
            before = text.encode("utf-8")[:position].decode("utf-8", "ignore")
        else:
            before = text[:position]
        return before.count("\n") + 1, len(before) - before.rfind("\n")
    return 1, 1


def _reader_message(exc: yaml.YAMLError) -> str:
    character = getattr(exc, "character", None)
    if isinstance(character, str):
        return f"special character U+{ord(character):04X} is not allowed"
    return str(exc).splitlines()[0] if str(exc) else "unreadable text"


class _Container:
    """A mapping or sequence under construction."""

    __slots__ = ("value", "path", "pending_key", "is_map", "seen")

    def __init__(self, value, path, is_map):
        self.value = value
        self.path = path
        self.is_map = is_map
        self.pending_key = _NO_KEY
        self.seen: set = set()


_NO_KEY = object()
_SKIP = object()


def _build(doc: Document, events) -> None:
    """Consume the event stream, filling ``doc``; raises MarkedYAMLError on bad syntax."""
    stack: list[_Container] = []
    documents = 0
    root_seen = False
    events = iter(events)
    for event in events:
        if len(doc.problems) >= MAX_PROBLEMS:
            doc.problems.append(
                _at(
                    doc,
                    event,
                    Code.TOO_MANY_PROBLEMS,
                    f"reading stopped after {MAX_PROBLEMS} problems in this "
                    "file; fix those and run again",
                )
            )
            doc.data = None
            return
        kind = type(event)
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                doc.problems.append(
                    _at(
                        doc,
                        event,
                        Code.MULTIPLE_DOCUMENTS,
                        "a file holds one YAML document; remove the '---' "
                        "and everything after it, or split the file",
                    )
                )
                return
            continue
        if kind in (yaml.StreamStartEvent, yaml.DocumentEndEvent, yaml.StreamEndEvent):
            continue
        if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
            finished = stack.pop()
            if not stack:
                doc.data = finished.value
            continue

        # A node: where does it go?
        parent = stack[-1] if stack else None
        if parent is not None and parent.is_map and parent.pending_key is _NO_KEY:
            _take_key(doc, parent, event)
            if kind in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
                _skip_node(events)
            continue
        if parent is None:
            path: tuple = ()
            root_seen = True
        elif parent.is_map:
            path = parent.path + (parent.pending_key,)
        else:
            path = parent.path + (len(parent.value),)
        doc.value_marks[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        value = _node_value(doc, event, path)
        if kind in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
            if len(stack) >= MAX_DEPTH:
                doc.problems.append(
                    _at(
                        doc,
                        event,
                        Code.TOO_DEEP,
                        f"nesting deeper than {MAX_DEPTH} levels; the format "
                        "never needs more than a few",
                    )
                )
                doc.data = None
                return
            container = _Container(value, path, kind is yaml.MappingStartEvent)
            _place(parent, value)
            stack.append(container)
            if parent is None:
                doc.data = value
        else:
            _place(parent, value)
            if parent is None:
                doc.data = value
    if not root_seen:
        doc.problems.append(
            Problem(
                doc.path,
                1,
                1,
                Code.EMPTY_FILE,
                "the file is empty; it should hold a YAML mapping",
            )
        )


def _place(parent: _Container | None, value) -> None:
    if parent is None:
        return
    if parent.is_map:
        key = parent.pending_key
        parent.pending_key = _NO_KEY
        if key is not _SKIP:
            parent.value[key] = value
    else:
        parent.value.append(value)


def _take_key(doc: Document, parent: _Container, event) -> None:
    """Record the key of the next mapping entry, reporting keys the format forbids."""
    line, column = event.start_mark.line + 1, event.start_mark.column + 1
    if type(event) is not yaml.ScalarEvent:
        kind = "alias" if type(event) is yaml.AliasEvent else "complex (non-scalar)"
        doc.problems.append(
            Problem(
                doc.path,
                line,
                column,
                Code.COMPLEX_KEY,
                f"a {kind} key is not allowed; keys are plain strings",
            )
        )
        parent.pending_key = _SKIP
        return
    tag = _RESOLVER.resolve(ScalarNode, event.value, event.implicit) if event.tag is None else ""
    if tag in _PLAIN_TAGS:  # never converted: a key is a string, whatever it looks like
        doc.problems.append(
            Problem(
                doc.path,
                line,
                column,
                Code.WRONG_TYPE,
                f"key {shown(event.value)} is read as a {_PLAIN_TAGS[tag]}; "
                "quote it to make it a string",
            )
        )
        key = event.value
    else:
        key = _scalar(doc, event, parent.path + ("<key>",))
    if key == "<<" and event.implicit[0]:
        doc.problems.append(
            Problem(
                doc.path,
                line,
                column,
                Code.MERGE_KEY,
                "merge keys ('<<') are not allowed; write the keys out",
            )
        )
        parent.pending_key = _SKIP
        return
    if key in parent.seen:
        doc.problems.append(
            Problem(
                doc.path,
                line,
                column,
                Code.DUPLICATE_KEY,
                f"duplicate key '{key}': the earlier value at line "
                f"{doc.key_marks[parent.path + (key,)][0]} would be lost; "
                "keep one",
            )
        )
        parent.pending_key = _SKIP
        return
    parent.seen.add(key)
    parent.pending_key = key
    doc.key_marks[parent.path + (key,)] = (line, column)


def _skip_node(events) -> None:
    """Consume the rest of a mapping or sequence whose start event was just read."""
    depth = 1
    for event in events:
        if type(event) in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
            depth += 1
        elif type(event) in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
            depth -= 1
            if depth == 0:
                return


def _node_value(doc: Document, event, path):
    kind = type(event)
    anchor = getattr(event, "anchor", None)
    if kind is yaml.AliasEvent:
        doc.problems.append(
            _at(doc, event, Code.ALIAS, f"alias '*{anchor}' is not allowed; write the value out")
        )
        doc.poisoned.add(path)
        return None
    if anchor is not None:
        doc.problems.append(
            _at(doc, event, Code.ANCHOR, f"anchor '&{anchor}' is not allowed; remove it")
        )
    if kind is yaml.ScalarEvent:
        return _scalar(doc, event, path)
    tag = event.tag
    if tag is not None and not event.implicit:
        doc.problems.append(_at(doc, event, Code.TAG, f"tag '{tag}' is not allowed; remove it"))
        doc.poisoned.add(path)
    return {} if kind is yaml.MappingStartEvent else []


def _scalar(doc: Document, event, path):
    """The plain value of a scalar event: never constructed from an explicit tag."""
    text = event.value
    if len(text) > MAX_SCALAR_CHARS:
        doc.problems.append(
            _at(
                doc,
                event,
                Code.TOO_LONG,
                f"a value of {len(text)} characters is over the limit of {MAX_SCALAR_CHARS}",
            )
        )
        doc.poisoned.add(path)
        return ""
    if has_unsafe(text):
        doc.problems.append(
            _at(
                doc,
                event,
                Code.CONTROL_CHARACTER,
                f"the value holds control or bidirectional-override "
                f"characters ({clean(text)[:80]}); output shows them as "
                "<U+XXXX>: remove them",
            )
        )
    if event.tag is not None:
        doc.problems.append(
            _at(
                doc,
                event,
                Code.TAG,
                f"tag '{event.tag}' is not allowed; remove it (the value is read as plain text)",
            )
        )
        doc.poisoned.add(path)
        return text
    if not event.implicit[0]:  # quoted or block scalar: always a string
        return text
    tag = _RESOLVER.resolve(ScalarNode, text, (True, False))
    if tag not in _PLAIN_TAGS:
        return text  # strings, and timestamps kept as written
    try:
        return _implicit_value(text, tag)
    except BadNumber as bad:
        doc.problems.append(_at(doc, event, bad.code, bad.message))
        doc.poisoned.add(path)
        return None


def _implicit_value(text: str, tag: str):
    """The value of a plain scalar that YAML resolves to ``tag``, one of the non-text tags:
    a number as the format writes it (else BadNumber), a boolean or null as YAML reads it."""
    if tag in _NUMBER_TAGS:
        return read_number(text, tag)
    return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, ScalarNode(tag, text))


def _at(doc: Document, event, code: Code, message: str) -> Problem:
    return Problem(doc.path, event.start_mark.line + 1, event.start_mark.column + 1, code, message)


def type_word(value) -> str:
    """How a user would name the YAML type of ``value``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    return type(value).__name__
