"""``platforms races`` for terminals: each race's dates, kind, candidates and results."""

from __future__ import annotations

from itertools import groupby

from cli.choices import Candidacy
from cli.output.terminal import Lines

ROUNDS = {"primary": "Primary", "general": "General election", "runoff": "Runoff"}


def _kind(record: dict) -> str:
    parts = [
        {True: "nonpartisan", False: "partisan"}.get(record["nonpartisan"], ""),
        record["system"] or "",
    ]
    return ", ".join(p for p in parts if p)


def _share(result: dict) -> str:
    share = f"{result['percent']:g}%" if result["percent"] is not None else "no share"
    if result["votes"] is not None:
        share += f", {result['votes']:,} votes"
    return f"{result['name']} {share}" + (f" ({result['outcome']})" if result["outcome"] else "")


def _sources(citations: list[dict]) -> str:
    """`` [sources: Publisher, “Title”; ...]``: each source cited once, by name."""
    named = dict.fromkeys(f"{c['publisher']}, \u201c{c['title']}\u201d" for c in citations)
    return f" [sources: {'; '.join(named)}]" if named else " [no source cited]"


def _candidacy(entry: dict) -> str:
    status = entry["status"]
    label = Candidacy(status["status"]).label
    return f"{entry['name']}, {label} as of {status['as_of']}{_sources(status['citations'])}"


def render(records: list[dict], total: int) -> str:
    """The race records (see :func:`cli.queries.listing.race_records`) as wrapped text."""
    out = Lines(total)
    for index, r in enumerate(records):
        if index:
            out.add()
        out.add(f"{r['race']}: {r['title']} \u2014 {r['office']}", 0, 2)
        dates = f"Election {r['election_date']}"
        if r["primary_date"]:
            dates += f", primary {r['primary_date']}"
        kind = _kind(r)
        out.add(f"{dates}; {kind + '; ' if kind else ''}{r['candidates']} candidates", 2, 2)
        for sentence in (r["upcoming"], r["no_result"], r["field_note"]):
            if sentence:
                out.add(sentence, 2, 4)
        if r["field"]:
            out.add("Candidacies: " + "; ".join(_candidacy(x) for x in r["field"]), 2, 4)
        for round_, group in groupby(r["results"], key=lambda x: x["round"]):
            results = list(group)
            counts = {(x["count"], x["as_of"]) for x in results}
            how = ""
            if len(counts) == 1:
                count, as_of = counts.pop()
                how = ", ".join(p for p in (count or "", f"count of {as_of}" if as_of else "") if p)
            line = f"{ROUNDS.get(round_, round_)}: " + "; ".join(_share(x) for x in results)
            line += f" \u2014 {how}" if how else ""
            line += _sources([c for x in results for c in x["citations"]])
            out.add(line, 2, 4)
        for review in r["reviews"]:
            fixed = ", ".join(f"{n} {kind}" for kind, n in review["corrections"].items() if n)
            out.add(
                f"Checked against its sources on {review['date']}"
                + (f": {review['scope']}" if review["scope"] else "")
                + f" ({'corrections: ' + fixed if fixed else 'no corrections'})",
                2,
                4,
            )
        if r["notes"]:
            out.add(f"Notes: {r['notes']}", 2, 4)
    return out.text()
