"""``platforms show`` for people: a candidate's profile, wrapped to the terminal."""

from __future__ import annotations

from cli.choices import Candidacy
from cli.output.terminal import Lines
from cli.text.numbers import format_number


def _span(spell: dict) -> str:
    ends = [
        f"from {spell['from']}" if spell["from"] else "",
        f"until {spell['until']}" if spell["until"] else "",
    ]
    dates = " ".join(d for d in ends if d)
    return spell["party"] + (f" ({dates})" if dates else "")


def _citations(out: Lines, citations: list[dict], indent: int) -> None:
    for c in citations:
        out.add(f"\u201c{c['quote']}\u201d \u2014 {c['words_of']}", indent, 2)
        dated = c["date"] or (f"undated (read {c['read']})" if c.get("read") else None)
        where = ", ".join(x for x in (c["publisher"], f"\u201c{c['title']}\u201d", dated) if x)
        checked = f" Quotes checked on the page {c['checked']}." if c.get("checked") else ""
        out.add(where + "." + (f" {c['url']}" if c["url"] else "") + checked, indent + 2, 2)


def render(p: dict, total: int) -> str:
    """The profile record ``p`` (see :func:`cli.queries.profile.profile`) as wrapped text."""
    out = Lines(total)
    out.add(f"{p['name']} \u2014 {p['race_title']} ({p['race']}/{p['candidate']})")
    facts = [
        ("Party", p["party"]),
        ("Party history", "; ".join(_span(s) for s in p["party_history"])),
        ("Occupation", p["occupation"]),
        ("Incumbent", {True: "yes", False: "no"}.get(p["incumbent"])),
        ("Website", p["website"]),
    ]
    for label, value in facts:
        if value:
            out.add(f"{label}: {value}", 0, 2)
    for entry in p["status_history"]:
        out.add(f"Candidacy: {Candidacy(entry['status']).label} as of {entry['as_of']}", 0, 2)
        _citations(out, entry["citations"], 2)
    if p["other_races"]:
        out.add(
            f"Also a candidate as {', '.join(p['other_races'])} (platforms person {p['person']})",
            0,
            2,
        )
    out.add()
    out.add("POSITIONS")
    for pos in p["positions"]:
        out.add()
        out.add(f"{pos['title']} \u2014 {pos['question']}", 0, 2)
        out.add(f"{pos['stance'].upper()}: {pos['summary']}", 2, 2)
        if pos.get("as_of"):
            out.add(f"As of {pos['as_of']}", 2)
        if pos.get("details"):
            out.add(pos["details"], 2)
        if pos["pledges"]:
            out.add("Pledges:", 2)
            for pledge in pos["pledges"]:
                out.add(f"- {pledge}", 4, 2)
        if pos["targets"]:
            out.add("Targets:", 2)
            for t in pos["targets"]:
                when = next(
                    (
                        f", {w} {t[k]}"
                        for k, w in (("deadline", "by"), ("within", "within"))
                        if k in t
                    ),
                    "",
                )
                out.add(
                    f"- {format_number(t['value'])} {t['unit']}{when}, {t['basis_text']} "
                    f"({t['label']}; source: {t['source_name']})",
                    4,
                    2,
                )
                for r in t.get("reported", ()):
                    out.add(
                        f"{r['heading']}: {format_number(r['value'])} {t['unit']} as of "
                        f"{r['as_of']}, "
                        f"{r['attribution']} (source: {r['source_name']})",
                        6,
                        2,
                    )
        out.add("Sources:", 2)
        _citations(out, pos["citations"], 4)
    if p["absences"]:
        out.add()
        out.add("NO POSITION")
        for gap in p["absences"]:
            note = f": {gap['note']}" if gap["note"] else ""
            out.add(f"{gap['title']} \u2014 {gap['text']}{note}", 2, 2)
    if p["endorsements"]:
        out.add()
        out.add("ENDORSEMENTS")
        for e in p["endorsements"]:
            out.add(e["by"] + (f" ({e['date']})" if e["date"] else ""), 2, 2)
            _citations(out, e["citations"], 4)
    if p["results"]:
        out.add()
        out.add("RESULTS")
        for r in p["results"]:
            percent = f"{r['percent']:g}%" if r["percent"] is not None else "no share recorded"
            result = [
                f"{r['votes']:,} votes" if r["votes"] is not None else "",
                r["outcome"] or "",
                r["count"] or "",
                f"count of {r['as_of']}" if r["as_of"] else "",
            ]
            extra = ", ".join(f for f in result if f)
            out.add(f"{r['round']}: {percent}" + (f" ({extra})" if extra else ""), 2, 2)
            _citations(out, r["citations"], 4)
    return out.text()
