"""The rules on numeric targets: a known measure, its unit, one deadline, a cited source whose
quote states the number, and the same for every figure reported since.

Reads parsed documents defensively, like :mod:`cli.dataset.rules` (a file may have failed its schema
check), and returns located problems.
"""

from __future__ import annotations

from collections.abc import Mapping

from cli.dataset.safeyaml import Document
from cli.problems import WARNING, Problem
from cli.text.numbers import format_number, states_number
from cli.text.suggest import did_you_mean


def _items(value) -> list:
    return value if isinstance(value, list) else []


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_targets(
    doc: Document, measures: Mapping[str, Mapping[str, str]], sources: Mapping
) -> list[Problem]:
    """Every target problem of one candidate document. ``measures`` maps a topic id to its
    measures (measure id -> unit); ``sources`` is the race's bibliography."""
    problems: list[Problem] = []
    positions = doc.data.get("positions") if isinstance(doc.data, dict) else None
    for topic, position in positions.items() if isinstance(positions, dict) else ():
        if not isinstance(position, dict):
            continue
        quotes: dict[str, list[str]] = {}
        for citation in _items(position.get("citations")):
            if isinstance(citation, dict) and isinstance(citation.get("quote"), str):
                quotes.setdefault(citation.get("source"), []).append(citation["quote"])
        for index, target in enumerate(_items(position.get("targets"))):
            if isinstance(target, dict):
                path = ("positions", topic, "targets", index)
                problems += _check_target(doc, path, target, topic, measures.get(topic, {}), quotes)
                for number, figure in enumerate(_items(target.get("reported"))):
                    if isinstance(figure, dict):
                        problems += _check_reported(
                            doc, path + ("reported", number), figure, sources
                        )
    return problems


def _check_target(
    doc: Document,
    path: tuple,
    target: dict,
    topic: str,
    measures: Mapping[str, str],
    quotes: dict[str, list[str]],
) -> list[Problem]:
    problems = []
    measure, unit = target.get("measure"), target.get("unit")
    if isinstance(measure, str) and measure not in measures:
        known = ", ".join(measures) or "none"
        problems.append(
            doc.problem(
                path + ("measure",),
                "unknown-measure",
                f"unknown measure '{measure}'{did_you_mean(measure, list(measures))}; topic "
                f"'{topic}' declares {known} — add it under the topic's measures in topics.yaml "
                "or fix the id",
            )
        )
    elif isinstance(measure, str) and isinstance(unit, str) and unit != measures[measure]:
        problems.append(
            doc.problem(
                path + ("unit",),
                "unit-mismatch",
                f"unit '{unit}' does not match measure '{measure}', which counts "
                f"'{measures[measure]}'; write '{measures[measure]}' or drop the unit",
            )
        )
    if "deadline" in target and "within" in target:
        problems.append(
            doc.problem(
                path + ("within",),
                "two-deadlines",
                "a target has one deadline: give either 'deadline' (a date) or 'within' (a time "
                "from taking office), not both",
                key=True,
            )
        )
    source, value = target.get("source"), target.get("value")
    if not isinstance(source, str):
        return problems
    if source not in quotes:
        cited = ", ".join(sorted(s for s in quotes if isinstance(s, str))) or "none"
        problems.append(
            doc.problem(
                path + ("source",),
                "uncited-target-source",
                f"target source '{source}'{did_you_mean(source, [s for s in quotes if s])} is "
                f"not among this position's citations ({cited}); cite the words that state the "
                "number, or name the citation's source",
            )
        )
    elif _number(value) and value >= 0 and not any(states_number(q, value) for q in quotes[source]):
        problems.append(
            doc.problem(
                path + ("value",),
                "number-not-in-quote",
                f"{format_number(value)} does not appear in the quotes of '{source}' cited by "
                "this position; quote the words that state it",
                severity=WARNING,
            )
        )
    return problems


def _check_reported(doc: Document, path: tuple, figure: dict, sources: Mapping) -> list[Problem]:
    problems = []
    source, value, quote = figure.get("source"), figure.get("value"), figure.get("quote")
    if isinstance(source, str) and source not in sources:
        problems.append(
            doc.problem(
                path + ("source",),
                "unknown-source",
                f"unknown source '{source}'{did_you_mean(source, list(sources))}; add it to "
                "the race's sources.yaml or fix the id",
            )
        )
    if _number(value) and isinstance(quote, str) and not states_number(quote, value):
        problems.append(
            doc.problem(
                path + ("value",),
                "number-not-in-quote",
                f"{format_number(value)} does not appear in this figure's quote; quote the words "
                "that state it",
                severity=WARNING,
            )
        )
    return problems


def reported_sources(doc: Document) -> set[str]:
    """The source ids that figures reported under this document's targets cite."""
    found = set()
    positions = doc.data.get("positions") if isinstance(doc.data, dict) else None
    for position in positions.values() if isinstance(positions, dict) else ():
        for target in _items(position.get("targets") if isinstance(position, dict) else None):
            for figure in _items(target.get("reported") if isinstance(target, dict) else None):
                if isinstance(figure, dict) and isinstance(figure.get("source"), str):
                    found.add(figure["source"])
    return found
