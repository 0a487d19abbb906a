"""``platforms races`` for terminals: each race's dates, kind, candidates and results."""

from __future__ import annotations

from itertools import groupby

from cli.choices import Candidacy
from cli.output.terminal import Lines
from cli.queries.language import english_only, marked
from cli.queries.words import (
    correction_word,
    count_name,
    outcome_word,
    round_name,
    system_word,
)
from cli.text.datewords import as_of, date_words
from cli.text.messages import _
from cli.text.numbers import format_number


def _kind(record: dict) -> str:
    parts = [
        {True: _("nonpartisan"), False: _("partisan")}.get(record["nonpartisan"], ""),
        system_word(record["system"]) if record["system"] else "",
    ]
    return ", ".join(p for p in parts if p)


def _share(result: dict) -> str:
    share = f"{result['percent']:g}%" if result["percent"] is not None else _("no share")
    if result["votes"] is not None:
        share += ", " + _("{votes} votes").format(votes=format_number(result["votes"]))
    outcome = f" ({outcome_word(result['outcome'])})" if result["outcome"] else ""
    return f"{result['name']} {share}{outcome}"


def _sources(citations: list[dict]) -> str:
    """`` [sources: Publisher, “Title”; ...]``: each source cited once, by name."""
    named = dict.fromkeys(c["source_name"] for c in citations)
    if not named:
        return " " + _("[no source cited]")
    return " " + _("[sources: {sources}]").format(sources="; ".join(named))


def _candidacy(entry: dict) -> str:
    status = entry["status"]
    label = Candidacy(status["status"]).label
    return f"{entry['name']}, {label} {as_of(status['as_of'])}{_sources(status['citations'])}"


def render(records: list[dict], total: int) -> str:
    """The race records (see :func:`cli.queries.listing.race_records`) as wrapped text."""
    out = Lines(total)
    for index, r in enumerate(records):
        if index:
            out.add()
        out.add(f"{r['race']}: {r['title']} \u2014 {r['office']}", 0, 2)
        dates = _("Election {date}").format(date=date_words(r["election_date"]))
        if r["primary_date"]:
            dates += _(", primary {date}").format(date=date_words(r["primary_date"]))
        kind = _kind(r)
        count = _("{count} candidates").format(count=r["candidates"])
        out.add(f"{dates}; {kind + '; ' if kind else ''}{count}", 2, 2)
        for sentence in (r["upcoming"], r["no_result"], r["field_note"]):
            if sentence:
                out.add(sentence, 2, 4)
        if r["field"]:
            out.add(_("Candidacies: ") + "; ".join(_candidacy(x) for x in r["field"]), 2, 4)
        for round_, group in groupby(r["results"], key=lambda x: x["round"]):
            results = list(group)
            counts = {(x["count"], x["as_of"]) for x in results}
            how = ""
            if len(counts) == 1:
                count, date = counts.pop()
                dated = _("count of {date}").format(date=date_words(date)) if date else ""
                how = ", ".join(p for p in (count_name(count) if count else "", dated) if p)
            line = f"{round_name(round_)}: " + "; ".join(_share(x) for x in results)
            line += f" \u2014 {how}" if how else ""
            line += _sources([c for x in results for c in x["citations"]])
            out.add(line, 2, 4)
        for review in r["reviews"]:
            out.add(review_line(review), 2, 4)
        if r["notes"]:
            out.add(_("Notes: {notes}").format(notes=marked(english_only(r["notes"]))), 2, 4)
    return out.text()


def review_line(review: dict) -> str:
    """``Checked against its sources on DATE: SCOPE (corrections: 2 quote)``."""
    fixed = ", ".join(
        f"{n} {correction_word(kind)}" for kind, n in review["corrections"].items() if n
    )
    line = _("Checked against its sources on {date}").format(date=date_words(review["date"]))
    line += f": {marked(english_only(review['scope']))}" if review["scope"] else ""
    if fixed:
        return line + " " + _("(corrections: {fixed})").format(fixed=fixed)
    return line + " " + _("(no corrections)")
