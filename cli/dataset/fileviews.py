"""Typed views of parsed dataset files, for the code that reads files which may be invalid.

The model (:mod:`cli.model`) is built only from files without errors. The rules across
files run before it can be (a file may have failed its schema check), and ``history`` and
``changes`` read old revisions that nobody checked; they read files through these views
instead of walking the parsed data. A view never raises: a field the format defines as
text or a number is None when the file holds something else there, and an item of a list
or mapping that should be a mapping, but is not, is left out. Each view keeps its place in
the document (the keys and list indexes that lead to it), to locate a problem, and the
mapping it reads, as written.

Views are made once per file and only read from. Their fields are plain attributes set when
the view is made (slotted classes, not frozen dataclasses with properties, which took twice
as long to make and read: the rules read every citation of every file on each ``validate``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TypeVar

from cli.dataset.safeyaml import Document, KeyPath

_V = TypeVar("_V", bound="View")


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _number(value: object) -> int | float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return None


def _listed(
    fields: Mapping[str, object], key: str, place: KeyPath, kind: type[_V]
) -> tuple[_V, ...]:
    """The items that are mappings of the list under ``key`` in ``fields`` (a mapping at
    ``place``), as ``kind``; none when the value is not a list."""
    value = fields.get(key)
    if not isinstance(value, list):
        return ()
    at = (*place, key)
    return tuple([kind((*at, i), item) for i, item in enumerate(value) if isinstance(item, dict)])


def _keyed(value: object, place: KeyPath, kind: type[_V]) -> dict[str, _V]:
    """The values of the mapping ``value`` (at ``place``) that are mappings, as ``kind``, by
    their key; none when ``value`` is not a mapping."""
    if not isinstance(value, dict):
        return {}
    return {key: kind((*place, key), item) for key, item in value.items() if isinstance(item, dict)}


class View:
    """A mapping in a file (a position, a citation, a target, a result, the file itself):
    ``place``, its place in the document, and ``fields``, its keys and values as written."""

    __slots__ = ("place", "fields")

    def __init__(self, place: KeyPath, fields: Mapping[str, object]) -> None:
        self.place = place
        self.fields = fields

    @classmethod
    def of(cls: type[_V], doc: Document) -> _V:
        """The view of a whole file: its top-level mapping (empty when it holds none)."""
        return cls((), doc.mapping)

    def text(self, key: str) -> str | None:
        """The value of ``key`` when it is text, else None."""
        return _text(self.fields.get(key))


class CitationView(View):
    """A citation: ``source`` (the id of the source cited) and ``quote`` (its words)."""

    __slots__ = ("source", "quote")

    def __init__(self, place: KeyPath, fields: Mapping[str, object]) -> None:
        self.place, self.fields = place, fields
        source, quote = fields.get("source"), fields.get("quote")  # inline: the commonest view
        self.source = source if isinstance(source, str) else None
        self.quote = quote if isinstance(quote, str) else None


class ReportedView(CitationView):
    """A figure reported for a target's measure since the pledge: ``value``, its ``basis``
    (as written, if text), and the ``source`` and ``quote`` that state it."""

    __slots__ = ("value", "basis")

    def __init__(self, place: KeyPath, fields: Mapping[str, object]) -> None:
        super().__init__(place, fields)
        self.value = _number(fields.get("value"))
        self.basis = _text(fields.get("basis"))


class TargetView(View):
    """A numeric target: ``measure`` (a measure id of the topic), ``unit`` (as written
    beside the value, if at all), ``value``, ``source`` (the source that states the number)
    ``basis`` (as written, if text) and the figures ``reported`` since."""

    __slots__ = ("measure", "unit", "value", "source", "basis", "reported")

    def __init__(self, place: KeyPath, fields: Mapping[str, object]) -> None:
        self.place, self.fields = place, fields
        self.measure = _text(fields.get("measure"))
        self.unit = _text(fields.get("unit"))
        self.value = _number(fields.get("value"))
        self.source = _text(fields.get("source"))
        self.basis = _text(fields.get("basis"))
        self.reported = _listed(fields, "reported", place, ReportedView)


class CitedView(View):
    """An entry that carries ``citations``: an endorsement, a result, a position."""

    __slots__ = ("citations",)

    def __init__(self, place: KeyPath, fields: Mapping[str, object]) -> None:
        self.place, self.fields = place, fields
        self.citations = _listed(fields, "citations", place, CitationView)


class PositionView(CitedView):
    """A candidate's position on ``topic`` (its key under ``positions``): ``stance``,
    ``summary``, ``citations`` and ``targets``."""

    __slots__ = ("topic", "stance", "summary", "targets")

    def __init__(self, place: KeyPath, fields: Mapping[str, object]) -> None:
        super().__init__(place, fields)
        self.topic = str(place[-1])
        self.stance = _text(fields.get("stance"))
        self.summary = _text(fields.get("summary"))
        self.targets = _listed(fields, "targets", place, TargetView)


class ResultView(CitedView):
    """A result of one round: the ``candidate`` (an id) and the ``citations``."""

    __slots__ = ("candidate",)

    def __init__(self, place: KeyPath, fields: Mapping[str, object]) -> None:
        super().__init__(place, fields)
        self.candidate = _text(fields.get("candidate"))


class StatusView(CitedView):
    """One entry of a candidate's ``status`` history: the ``status`` and its ``as_of``
    date (as written, if text or a year), and the ``citations`` that show it."""

    __slots__ = ("status", "as_of")

    def __init__(self, place: KeyPath, fields: Mapping[str, object]) -> None:
        super().__init__(place, fields)
        self.status = _text(fields.get("status"))
        as_of = fields.get("as_of")
        self.as_of = str(as_of) if isinstance(as_of, (str, int)) and as_of is not True else None


class _CitingFile(View):
    """A race or a candidate file. Both are read for everything that carries citations, as
    a key in the wrong kind of file still names sources: ``position_topics`` (every key
    under ``positions``, whatever its value), ``positions`` (those that are mappings, by
    topic), ``endorsements`` and ``results``."""

    __slots__ = ("position_topics", "positions", "endorsements", "results")

    def __init__(self, place: KeyPath, fields: Mapping[str, object]) -> None:
        self.place, self.fields = place, fields
        positions = fields.get("positions")
        self.position_topics: tuple[str, ...] = (
            tuple(positions) if isinstance(positions, dict) else ()
        )
        self.positions = _keyed(positions, (*place, "positions"), PositionView)
        self.endorsements = _listed(fields, "endorsements", place, CitedView)
        self.results = _listed(fields, "results", place, ResultView)

    def citations(self) -> Iterator[CitationView]:
        """Every citation in the file: the positions', the endorsements', then the results'."""
        for group in (self.positions.values(), self.endorsements, self.results):
            for cited in group:
                yield from cited.citations


class CandidateFile(_CitingFile):
    """A candidate file (``RACE/CANDIDATE.yaml``): what every race or candidate file holds,
    ``no_position``, the topics on which the curator found no position, and ``status``, the
    candidacy's history."""

    __slots__ = ("no_position", "status")

    def __init__(self, place: KeyPath, fields: Mapping[str, object]) -> None:
        super().__init__(place, fields)
        unaddressed = fields.get("no_position")
        self.no_position: tuple[str, ...] = (
            tuple(unaddressed) if isinstance(unaddressed, dict) else ()
        )
        self.status = _listed(fields, "status", place, StatusView)

    def citations(self) -> Iterator[CitationView]:
        """Every citation in the file: the positions', the endorsements', the results', then
        the status history's."""
        yield from super().citations()
        for entry in self.status:
            yield from entry.citations


class RaceFile(_CitingFile):
    """A race's facts (``RACE/race.yaml``): what every race or candidate file holds,
    ``topics``, the topic ids listed under ``topics`` by their index in the list (items
    that are not text left out), and ``not_covered``, the candidates it has no file for."""

    __slots__ = ("topics", "not_covered")

    def __init__(self, place: KeyPath, fields: Mapping[str, object]) -> None:
        super().__init__(place, fields)
        listed = fields.get("topics")
        self.topics: dict[int, str] = (
            {i: topic for i, topic in enumerate(listed) if isinstance(topic, str)}
            if isinstance(listed, list)
            else {}
        )
        others = fields.get("not_covered")
        self.not_covered = (
            CitedView((*place, "not_covered"), others) if isinstance(others, dict) else None
        )

    def citations(self) -> Iterator[CitationView]:
        """Every citation in the file: the positions', the endorsements', the results', then
        those showing the candidates not covered."""
        yield from super().citations()
        if self.not_covered is not None:
            yield from self.not_covered.citations


class SourcesFile(View):
    """A race's bibliography (``RACE/sources.yaml``): ``sources``, the entries that are
    mappings, by source id."""

    __slots__ = ("sources",)

    def __init__(self, place: KeyPath, fields: Mapping[str, object]) -> None:
        self.place, self.fields = place, fields
        self.sources = _keyed(fields, place, View)
