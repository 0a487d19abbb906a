"""``platforms show`` for people: a candidate's profile, wrapped to the terminal."""

from __future__ import annotations

from cli.choices import Candidacy
from cli.model import when_words
from cli.output.compare_text import stance_label
from cli.output.terminal import Lines
from cli.queries.language import (
    Said,
    english_only,
    in_language,
    marked,
    marked_pair,
    translated_sentence,
)
from cli.queries.words import count_name, outcome_word, round_word
from cli.text.datewords import as_of, date_words
from cli.text.messages import ENGLISH, _, language
from cli.text.numbers import format_number


def _span(spell: dict) -> str:
    ends = [
        _("from {date}").format(date=date_words(spell["from"])) if spell["from"] else "",
        _("until {date}").format(date=date_words(spell["until"])) if spell["until"] else "",
    ]
    dates = " ".join(d for d in ends if d)
    return spell["party"] + (f" ({dates})" if dates else "")


def _said(record: dict, key: str) -> Said:
    """A data text of a JSON record, in the current language where the curators wrote it
    (``summary_es`` beside ``summary``; a topic's ``es``), else the English."""
    spanish = record.get(f"{key}_es") or (record.get("es") or {}).get(key)
    return in_language(record[key], spanish, language())


def _topic(record: dict) -> str:
    """``Police hiring — Should the city hire more police officers?``"""
    return " \u2014 ".join(marked_pair(_said(record, "title"), _said(record, "question")))


def _citations(out: Lines, citations: list[dict], indent: int) -> None:
    for c in citations:
        out.add(f"\u201c{c['quote']}\u201d \u2014 {c['words_of']}", indent, 2)
        translation = c.get("translation")
        if translation and translation["lang"] == language() != c.get("lang", ENGLISH):
            out.add(translated_sentence(translation["text"], translation["by"]), indent + 2, 2)
        dated = date_words(c["date"]) if c["date"] else None
        if not dated and c.get("read"):
            dated = _("undated (read {date})").format(date=date_words(c["read"]))
        where = ", ".join(x for x in (c["publisher"], f"\u201c{c['title']}\u201d", dated) if x)
        checked = ""
        if c.get("checked"):
            checked = " " + _("Quotes checked on the page {date}.").format(
                date=date_words(c["checked"])
            )
        out.add(where + "." + (f" {c['url']}" if c["url"] else "") + checked, indent + 2, 2)


def render(p: dict, total: int) -> str:
    """The profile record ``p`` (see :func:`cli.queries.profile.profile`) as wrapped text."""
    out = Lines(total)
    out.add(f"{p['name']} \u2014 {p['race_title']} ({p['race']}/{p['candidate']})")
    facts = [
        (_("Party"), p["party"]),
        (_("Party history"), "; ".join(_span(s) for s in p["party_history"])),
        (_("Occupation"), marked(_said(p, "occupation")) if p["occupation"] else None),
        (_("Incumbent"), {True: _("yes"), False: _("no")}.get(p["incumbent"])),
        (_("Website"), p["website"]),
    ]
    for label, value in facts:
        if value:
            out.add(f"{label}: {value}", 0, 2)
    for entry in p["status_history"]:
        status = Candidacy(entry["status"]).label
        out.add(
            _("Candidacy: {status} {as_of}").format(status=status, as_of=as_of(entry["as_of"])),
            0,
            2,
        )
        _citations(out, entry["citations"], 2)
    if p["other_races"]:
        out.add(
            _("Also a candidate as {races} (platforms person {person})").format(
                races=", ".join(p["other_races"]), person=p["person"]
            ),
            0,
            2,
        )
    out.add()
    out.add(_("POSITIONS"))
    for pos in p["positions"]:
        out.add()
        out.add(_topic(pos), 0, 2)
        out.add(f"{stance_label(pos['stance'])}: {marked(_said(pos, 'summary'))}", 2, 2)
        if pos.get("as_of"):
            out.add(as_of(pos["as_of"]).capitalize(), 2)
        if pos.get("details"):
            out.add(marked(english_only(pos["details"])), 2)
        if pos["pledges"]:
            out.add(_("Pledges:"), 2)
            for pledge in pos["pledges"]:
                out.add(f"- {marked(english_only(pledge))}", 4, 2)
        if pos["targets"]:
            out.add(_("Targets:"), 2)
            for t in pos["targets"]:
                out.add(
                    f"- {format_number(t['value'])} {t['unit']}{_when(t)}, {t['basis_text']} "
                    + _("({measure}; source: {source})").format(
                        measure=t["label"], source=t["source_name"]
                    ),
                    4,
                    2,
                )
                for r in t.get("reported", ()):
                    out.add(
                        f"{r['heading']}: {format_number(r['value'])} {t['unit']} "
                        f"{as_of(r['as_of'])}, {r['attribution']} "
                        + _("(source: {source})").format(source=r["source_name"]),
                        6,
                        2,
                    )
        out.add(_("Sources:"), 2)
        _citations(out, pos["citations"], 4)
    if p["absences"]:
        out.add()
        out.add(_("NO POSITION"))
        for gap in p["absences"]:
            note = f": {marked(english_only(gap['note']))}" if gap["note"] else ""
            out.add(f"{marked(_said(gap, 'title'))} \u2014 {gap['text']}{note}", 2, 2)
    if p["endorsements"]:
        out.add()
        out.add(_("ENDORSEMENTS"))
        for e in p["endorsements"]:
            out.add(e["by"] + (f" ({date_words(e['date'])})" if e["date"] else ""), 2, 2)
            _citations(out, e["citations"], 4)
    if p["results"]:
        out.add()
        out.add(_("RESULTS"))
        for r in p["results"]:
            out.add(result_line(r), 2, 2)
            _citations(out, r["citations"], 4)
    return out.text()


def _when(target: dict) -> str:
    """``, by 2026-06`` or ``, within 1 year``: a target's deadline as show prints it."""
    when = when_words(target.get("deadline"), target.get("within"))
    return f", {when}" if when else ""


def result_line(r: dict) -> str:
    """``general: 53.06% (won, certified, count of 2022-12-09)``: a result as show prints it."""
    percent = f"{r['percent']:g}%" if r["percent"] is not None else _("no share recorded")
    result = [
        _("{votes} votes").format(votes=format_number(r["votes"]))
        if r["votes"] is not None
        else "",
        outcome_word(r["outcome"]) if r["outcome"] else "",
        count_name(r["count"]) if r["count"] else "",
        _("count of {date}").format(date=date_words(r["as_of"])) if r["as_of"] else "",
    ]
    extra = ", ".join(f for f in result if f)
    return f"{round_word(r['round'])}: {percent}" + (f" ({extra})" if extra else "")
