"""Turn checked documents into model objects. Only called on files without errors."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from cli.choices import Candidacy, Stance
from cli.dataset.safeyaml import Document
from cli.model import (
    ENGLISH,
    SPANISH,
    CandidacyStatus,
    Candidate,
    Checked,
    Citation,
    Endorsement,
    Measure,
    NotCovered,
    Origin,
    PartySpell,
    Position,
    Race,
    Reported,
    Result,
    Review,
    Source,
    Target,
    Topic,
    Translation,
)


def _date(value) -> str | None:
    return None if value is None else str(value)


def _spanish(texts: Mapping[str, str | None]) -> Mapping[str, Mapping[str, str]]:
    """A model object's ``translations`` from its Spanish texts by field name (those
    written)."""
    written = {name: text for name, text in texts.items() if text is not None}
    return MappingProxyType({SPANISH: MappingProxyType(written)} if written else {})


def topics(doc: Document) -> dict[str, Topic]:
    """The topic catalogue, in file order."""
    return {
        tid: Topic(
            tid,
            t["title"],
            t["question"],
            t.get("description"),
            MappingProxyType(
                {
                    mid: Measure(
                        mid,
                        m["label"],
                        m["unit"],
                        m["kind"],
                        m.get("description"),
                        m.get("definition"),
                        _spanish(m.get("es") or {}),
                    )
                    for mid, m in (t.get("measures") or {}).items()
                }
            ),
            _spanish(t.get("es") or {}),
        )
        for tid, t in doc.mapping.items()
    }


def sources(doc: Document | None) -> dict[str, Source]:
    """A race's bibliography."""
    data = doc.mapping if doc is not None else {}
    return {
        sid: Source(
            sid,
            s["title"],
            s["publisher"],
            s.get("author"),
            _date(s.get("date")),
            s.get("url"),
            s.get("kind"),
            _date(s.get("accessed")),
            s.get("notes"),
            _date(s.get("read")),
            _checked(s.get("checked")),
            s.get("lang", ENGLISH),
        )
        for sid, s in data.items()
    }


def _checked(value: object) -> Checked | None:
    if not isinstance(value, dict):
        return None
    return Checked(str(_date(value["date"])), value["text_sha256"])


def _citation(doc: Document, path: tuple, c: dict, bib: dict[str, Source]) -> Citation:
    """The quote at ``path`` (a citation or a reported figure), in the language it was said
    in: its own ``lang``, else its source's."""
    line, column = doc.mark(path)
    source = bib[c["source"]]
    t = c.get("translation")
    return Citation(
        source,
        c["quote"],
        c.get("speaker"),
        Origin(doc.path, line, column),
        c.get("lang", source.lang),
        Translation(t["lang"], t["text"], t.get("by")) if t else None,
    )


def _citations(doc: Document, path: tuple, items, bib: dict[str, Source]) -> tuple:
    return tuple(_citation(doc, path + (index,), c, bib) for index, c in enumerate(items or ()))


def _targets(doc: Document, path: tuple, items, bib: dict[str, Source]) -> tuple:
    out = []
    for index, t in enumerate(items or ()):
        line, column = doc.mark(path + (index,))
        reported = []
        for number, r in enumerate(t.get("reported") or ()):
            reported.append(
                Reported(
                    r["value"],
                    str(r["as_of"]),
                    _citation(doc, path + (index, "reported", number), r, bib),
                    r.get("note"),
                    r.get("basis"),
                    r.get("by"),
                )
            )
        out.append(
            Target(
                t["measure"],
                t["value"],
                bib[t["source"]],
                _date(t.get("deadline")),
                t.get("within"),
                t.get("note"),
                tuple(reported),
                Origin(doc.path, line, column),
                t.get("basis"),
            )
        )
    return tuple(out)


def candidate(doc: Document, race: str, cid: str, bib: dict[str, Source]) -> Candidate:
    """One candidate file as a :class:`Candidate`."""
    data = doc.mapping
    positions = {}
    for topic, p in (data.get("positions") or {}).items():
        line, column = doc.mark(("positions", topic), key=True)
        positions[topic] = Position(
            topic,
            Stance(p["stance"]),
            p["summary"],
            _citations(doc, ("positions", topic, "citations"), p["citations"], bib),
            p.get("details"),
            tuple(p.get("pledges") or ()),
            _date(p.get("as_of")),
            Origin(doc.path, line, column),
            _targets(doc, ("positions", topic, "targets"), p.get("targets"), bib),
            _spanish({"summary": p.get("summary_es")}),
        )
    return Candidate(
        race,
        cid,
        data["name"],
        data.get("party"),
        tuple(
            PartySpell(h["party"], _date(h.get("from")), _date(h.get("until")))
            for h in data.get("party_history") or ()
        ),
        data.get("occupation"),
        data.get("incumbent"),
        data.get("website"),
        MappingProxyType(positions),
        tuple(
            Endorsement(
                e["by"],
                _date(e.get("date")),
                _citations(doc, ("endorsements", i, "citations"), e.get("citations"), bib),
            )
            for i, e in enumerate(data.get("endorsements") or ())
        ),
        data.get("person"),
        data.get("name_note"),
        MappingProxyType(dict(data.get("no_position") or {})),
        tuple(
            CandidacyStatus(
                Candidacy(entry["status"]),
                str(entry["as_of"]),
                _citations(doc, ("status", i, "citations"), entry["citations"], bib),
                entry.get("note"),
            )
            for i, entry in enumerate(data.get("status") or ())
        ),
        _spanish({"occupation": data.get("occupation_es")}),
    )


def race(rid: str, doc: Document, bib: dict[str, Source], candidates: dict[str, Candidate]) -> Race:
    """A race file, its bibliography and its candidates as a :class:`Race`."""
    data = doc.mapping
    declared = data.get("topics")
    return Race(
        rid,
        data["title"],
        data["office"],
        data["jurisdiction"],
        str(data["election_date"]),
        _date(data.get("primary_date")),
        tuple(declared) if declared is not None else None,
        tuple(
            Result(
                r["round"],
                r["candidate"],
                r.get("percent"),
                _citations(doc, ("results", i, "citations"), r.get("citations"), bib),
                r.get("votes"),
                _date(r.get("as_of")),
                r.get("count"),
                r.get("outcome"),
            )
            for i, r in enumerate(data.get("results") or ())
        ),
        data.get("notes"),
        MappingProxyType(bib),
        MappingProxyType(candidates),
        data.get("nonpartisan"),
        data.get("system"),
        tuple(
            Review(
                str(v["date"]),
                v.get("by"),
                v.get("scope"),
                MappingProxyType(dict(v.get("corrections") or {})),
                v.get("notes"),
            )
            for v in data.get("reviews") or ()
        ),
        _not_covered(doc, data.get("not_covered"), bib),
    )


def _not_covered(doc: Document, value, bib: dict[str, Source]) -> NotCovered | None:
    """race.yaml's ``not_covered``, or None when the race does not say."""
    if value is None:
        return None
    return NotCovered(
        value["complete"],
        tuple(value.get("names") or ()),
        value.get("round"),
        _citations(doc, ("not_covered", "citations"), value.get("citations"), bib),
    )
