"""The rules on numeric targets: a known measure, its unit, one deadline, a cited source whose
quote states the number, and the same for every figure reported since.

Reads parsed documents through their views, like :mod:`cli.dataset.rules` (a file may have
failed its schema check), and returns located problems.
"""

from __future__ import annotations

from collections.abc import Mapping

from cli.dataset.fileviews import CandidateFile, ReportedView, TargetView
from cli.dataset.safeyaml import Document, KeyPath
from cli.problems import Code, Problem
from cli.text.numbers import format_number, states_number
from cli.text.suggest import did_you_mean


def check_targets(
    doc: Document,
    candidate: CandidateFile,
    measures: Mapping[str, Mapping[str, str]],
    sources: Mapping[str, object],
) -> list[Problem]:
    """Every target problem of one candidate file (``candidate``, parsed as ``doc``).
    ``measures`` maps a topic id to its measures (measure id -> unit); ``sources`` is the
    race's bibliography."""
    problems: list[Problem] = []
    for topic, position in candidate.positions.items():
        if not position.targets:
            continue
        quotes: dict[str | None, list[str]] = {}
        for citation in position.citations:
            if citation.quote is not None:
                quotes.setdefault(citation.source, []).append(citation.quote)
        for target in position.targets:
            problems += _check_target(doc, target, topic, measures.get(topic, {}), quotes)
            for figure in target.reported:
                problems += _check_reported(doc, figure, sources)
    return problems


def _check_target(
    doc: Document,
    target: TargetView,
    topic: str,
    measures: Mapping[str, str],
    quotes: dict[str | None, list[str]],
) -> list[Problem]:
    problems = _missing_basis(doc, target.place, target.fields, "a target", "pledge or estimate")
    path, measure, unit = target.place, target.measure, target.unit
    if measure is not None and measure not in measures:
        known = ", ".join(measures) or "none"
        problems.append(
            doc.problem(
                (*path, "measure"),
                Code.UNKNOWN_MEASURE,
                f"unknown measure '{measure}'{did_you_mean(measure, list(measures))}; topic "
                f"'{topic}' declares {known} — add it under the topic's measures in topics.yaml "
                "or fix the id",
            )
        )
    elif measure is not None and unit is not None and unit != measures[measure]:
        problems.append(
            doc.problem(
                (*path, "unit"),
                Code.UNIT_MISMATCH,
                f"unit '{unit}' does not match measure '{measure}', which counts "
                f"'{measures[measure]}'; write '{measures[measure]}' or drop the unit",
            )
        )
    if "deadline" in target.fields and "within" in target.fields:
        problems.append(
            doc.problem(
                (*path, "within"),
                Code.TWO_DEADLINES,
                "a target has one deadline: give either 'deadline' (a date) or 'within' (a time "
                "from taking office), not both",
                key=True,
            )
        )
    source, value = target.source, target.value
    if source is None:
        return problems
    if source not in quotes:
        cited = ", ".join(sorted(s for s in quotes if s is not None)) or "none"
        problems.append(
            doc.problem(
                (*path, "source"),
                Code.UNCITED_TARGET_SOURCE,
                f"target source '{source}'{did_you_mean(source, [s for s in quotes if s])} is "
                f"not among this position's citations ({cited}); cite the words that state the "
                "number, or name the citation's source",
            )
        )
    elif (
        value is not None
        and value >= 0
        and not any(states_number(q, value) for q in quotes[source])
    ):
        problems.append(
            doc.problem(
                (*path, "value"),
                Code.NUMBER_NOT_IN_QUOTE,
                f"{format_number(value)} does not appear in the quotes of '{source}' cited by "
                "this position; quote the words that state it",
            )
        )
    return problems


def _check_reported(
    doc: Document, figure: ReportedView, sources: Mapping[str, object]
) -> list[Problem]:
    problems = _missing_basis(
        doc,
        figure.place,
        figure.fields,
        "a reported figure",
        "count, estimate, claim, projection or budget",
    )
    source, value, quote = figure.source, figure.value, figure.quote
    if source is not None and source not in sources:
        problems.append(
            doc.problem(
                (*figure.place, "source"),
                Code.UNKNOWN_SOURCE,
                f"unknown source '{source}'{did_you_mean(source, list(sources))}; add it to "
                "the race's sources.yaml or fix the id",
            )
        )
    if value is not None and quote is not None and not states_number(quote, value):
        problems.append(
            doc.problem(
                (*figure.place, "value"),
                Code.NUMBER_NOT_IN_QUOTE,
                f"{format_number(value)} does not appear in this figure's quote; quote the words "
                "that state it",
            )
        )
    return problems


def _missing_basis(
    doc: Document, place: KeyPath, fields: Mapping[str, object], what: str, choices: str
) -> list[Problem]:
    """A warning at ``place`` when the figure there says nothing of its ``basis``."""
    if "basis" in fields:
        return []
    return [
        doc.problem(
            place,
            Code.MISSING_BASIS,
            f"{what} without 'basis': add basis ({choices}) so a reader can tell what the "
            "number is",
        )
    ]


def reported_sources(candidate: CandidateFile) -> set[str]:
    """The source ids that figures reported under a candidate file's targets cite."""
    return {
        figure.source
        for position in candidate.positions.values()
        for target in position.targets
        for figure in target.reported
        if figure.source is not None
    }
