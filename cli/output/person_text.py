"""``platforms person`` for terminals: one person's statements race by race, with what changed,
the numbers they set, the figures reported since, and numbered sources."""

from __future__ import annotations

from cli.model import Dataset
from cli.output.compare_text import stance_label, topic_heading
from cli.output.footnotes import Footnotes
from cli.output.terminal import Lines
from cli.queries.language import marked, text_of
from cli.queries.person import Timeline
from cli.text.datewords import as_of, date_words
from cli.text.messages import N_, _, ngettext
from cli.text.numbers import format_number

FIGURES_KEY = N_(
    "Figures given since a pledge are shown beside it with their sources and who gave "
    "them: counts, estimates and claims under \u201cReported since\u201d, projections "
    "under \u201cProjected\u201d, money or posts funded under \u201cFunded\u201d. The "
    "tool does not judge whether a pledge was kept."
)


def render(result: Timeline, dataset: Dataset, total: int) -> str:
    """The timeline as text at most ``total`` cells wide."""
    out = Lines(total)
    count = len(result.candidates)
    races = ngettext("{count} race", "{count} races", count).format(count=count)
    out.add(
        _("{name} (person {person}), {races}").format(
            name=result.name, person=result.person, races=races
        )
    )
    for c in result.candidates:
        race = dataset.races[c.race]
        date = date_words(race.election_date)
        out.add(f"{date}  {race.title} ({c.ref})", 2, len(date) + 4)
    notes = Footnotes()
    for topic_id, entries in result.topics.items():
        out.add()
        out.add(topic_heading(dataset.topics[topic_id]), 0, 2)
        by_race = {e.candidate.race: e for e in entries}
        for move in result.transitions[topic_id]:
            race = dataset.races[move.race]
            entry = by_race.get(move.race)
            if entry is None:
                out.add(f"{race.title}: {move.absence.text if move.absence else ''}", 2, 4)
                continue
            position = entry.position
            when = f" ({as_of(position.as_of)})" if position.as_of else ""
            stance = stance_label(position.stance)
            out.add(f"{race.title}{when}: {stance} \u2014 {move.text}", 2, 4)
            summary = marked(text_of(position, "summary"))
            out.add(f"{summary} {notes.marks(position.citations)}", 4, 2)
            for sourced in entry.targets:
                label = marked(text_of(sourced.measure, "label"))
                out.add(
                    _("Target: {target}").format(target=sourced.phrase())
                    + f" \u2014 {label} {notes.marks(sourced.citations)}",
                    4,
                    4,
                )
                unit = text_of(sourced.measure, "unit").text
                for figure in sourced.target.reported:
                    out.add(
                        f"{figure.heading}: {format_number(figure.value)} {unit} "
                        f"{as_of(figure.as_of)}, {figure.attribution} "
                        f"{notes.marks([figure.citation])}",
                        6,
                        4,
                    )
    out.add()
    out.add(_(FIGURES_KEY))
    notes.render(out)
    return out.text()
