"""``platforms person`` for terminals: one person's statements race by race, with what changed,
the numbers they set, the figures reported since, and numbered sources."""

from __future__ import annotations

from cli.model import Dataset
from cli.output.footnotes import Footnotes
from cli.output.terminal import Lines
from cli.queries.person import Timeline
from cli.text.numbers import format_number


def render(result: Timeline, dataset: Dataset, total: int) -> str:
    """The timeline as text at most ``total`` cells wide."""
    out = Lines(total)
    count = len(result.candidates)
    out.add(f"{result.name} (person {result.person}), {count} race{'s' * (count != 1)}")
    for c in result.candidates:
        race = dataset.races[c.race]
        out.add(f"{race.election_date}  {race.title} ({c.ref})", 2, 14)
    notes = Footnotes()
    for topic_id, entries in result.topics.items():
        topic = dataset.topics[topic_id]
        out.add()
        out.add(f"{topic.title} \u2014 {topic.question}", 0, 2)
        by_race = {e.candidate.race: e for e in entries}
        for move in result.transitions[topic_id]:
            race = dataset.races[move.race]
            entry = by_race.get(move.race)
            if entry is None:
                out.add(f"{race.title}: {move.absence.text if move.absence else ''}", 2, 4)
                continue
            when = f" (as of {entry.position.as_of})" if entry.position.as_of else ""
            out.add(f"{race.title}{when}: {entry.position.stance.upper()} \u2014 {move.text}", 2, 4)
            out.add(f"{entry.position.summary} {notes.marks(entry.position.citations)}", 4, 2)
            for sourced in entry.targets:
                out.add(
                    f"Target: {sourced.phrase()} \u2014 {sourced.measure.label} "
                    f"{notes.marks(sourced.citations)}",
                    4,
                    4,
                )
                for figure in sourced.target.reported:
                    out.add(
                        f"{figure.heading}: {format_number(figure.value)} "
                        f"{sourced.measure.unit} as of {figure.as_of}, {figure.attribution} "
                        f"{notes.marks([figure.citation])}",
                        6,
                        4,
                    )
    out.add()
    out.add(
        "Figures given since a pledge are shown beside it with their sources and who gave "
        "them: counts, estimates and claims under \u201cReported since\u201d, projections "
        "under \u201cProjected\u201d, money or posts funded under \u201cFunded\u201d. The "
        "tool does not judge whether a pledge was kept."
    )
    notes.render(out)
    return out.text()
