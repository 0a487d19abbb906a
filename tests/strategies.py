"""Hypothesis strategies: valid datasets as plain data, written out as YAML files.

A generated dataset follows every rule of docs/format.md and triggers no warning: every
source is cited and located, every candidate has a position on every topic of the race,
every date is in the past. Texts mix accents, CJK and YAML-significant words and symbols.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml
from hypothesis import strategies as st

# Letters, marks, numbers, punctuation, symbols and plain spaces: no controls, no format
# characters (bidi overrides), no line or paragraph separators.
_CHARS = st.characters(whitelist_categories=("L", "M", "N", "P", "S", "Zs"))
TEXT = st.text(_CHARS, min_size=1, max_size=40).filter(lambda t: t.strip() != "")
# Words YAML would read as something other than text when unquoted.
TRICKY = st.sampled_from(
    [
        "yes",
        "no",
        "null",
        "~",
        "1.5",
        "0x1F",
        ".nan",
        "2020-01-01",
        "- item",
        "key: value",
        "#hash",
        "'quoted'",
        "@at",
        "*star",
    ]
)
TEXTS = st.one_of(TEXT, TRICKY)
SLUG = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,6}){0,2}\Z")
DATE = st.dates(datetime.date(1990, 1, 1), datetime.date(2020, 12, 31)).map(str)
URL = st.builds(lambda host, path: f"https://{host}.example.org/{path}", SLUG, SLUG)
STANCES = st.sampled_from(["support", "oppose", "mixed", "unclear"])


def _optional(draw, strategy, key: str, into: dict) -> None:
    if draw(st.booleans()):
        into[key] = draw(strategy)


@st.composite
def datasets(draw) -> dict:
    """A valid dataset as ``{relative path: plain data}``, one entry per file."""
    topic_ids = draw(st.lists(SLUG, min_size=1, max_size=4, unique=True))
    files: dict[str, object] = {
        "dataset.yaml": {"format": 1, "title": draw(TEXTS)},
        "topics.yaml": {t: {"title": draw(TEXTS), "question": draw(TEXTS)} for t in topic_ids},
    }
    for race_id in draw(st.lists(SLUG, min_size=1, max_size=2, unique=True)):
        files.update(draw(_race(race_id, topic_ids)))
    return files


@st.composite
def _race(draw, race_id: str, topic_ids: list[str]) -> dict:
    topics = draw(st.lists(st.sampled_from(topic_ids), min_size=1, unique=True))
    source_ids = draw(st.lists(SLUG, min_size=1, max_size=3, unique=True))
    cited: set[str] = set()

    def citations():
        chosen = draw(st.lists(st.sampled_from(source_ids), min_size=1, max_size=2))
        cited.update(chosen)
        return [{"source": s, "quote": draw(TEXTS)} for s in chosen]

    candidates = {}
    for cid in draw(
        st.lists(
            SLUG.filter(lambda s: s not in ("race", "sources")), min_size=1, max_size=3, unique=True
        )
    ):
        person: dict = {"name": draw(TEXTS)}
        _optional(draw, TEXTS, "party", person)
        _optional(draw, st.booleans(), "incumbent", person)
        person["positions"] = {}
        for topic in topics:
            position = {"stance": draw(STANCES), "summary": draw(TEXTS), "citations": citations()}
            _optional(draw, st.lists(TEXTS, min_size=1, max_size=2), "pledges", position)
            position["as_of"] = draw(DATE)  # a clean dataset dates every position
            person["positions"][topic] = position
        candidates[cid] = person
    sources = {}
    for sid in source_ids:
        if sid not in cited:
            continue
        source = {"title": draw(TEXTS), "publisher": draw(TEXTS), "url": draw(URL)}
        _optional(draw, DATE, "date", source)
        _optional(draw, st.sampled_from(["news", "debate", "campaign"]), "kind", source)
        sources[sid] = source
    race = {
        "title": draw(TEXTS),
        "office": draw(TEXTS),
        "jurisdiction": draw(TEXTS),
        "election_date": draw(DATE),
        "topics": topics,
    }
    files = {f"{race_id}/race.yaml": race, f"{race_id}/sources.yaml": sources}
    files.update({f"{race_id}/{cid}.yaml": person for cid, person in candidates.items()})
    return files


def dump(data: object) -> str:
    """``data`` as YAML text, the way a curator's tools would write it."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=60)


def write(root: Path, files: dict) -> Path:
    """Write ``files`` (``{relative path: data}``) as a dataset under ``root``."""
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(data), encoding="utf-8")
    return root
