"""The voter's commands: compare, diff, filter and match."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from cli.choices import Relation, Stance
from cli.commands.context import (
    App,
    check_choice,
    chosen_candidates,
    chosen_topics,
    complete_candidate,
    format_option,
    pass_app,
    race_option,
    terminal_width,
    topic_option,
    use_color,
    width_option,
)

if TYPE_CHECKING:
    from cli.queries.filterresult import FilterResult

#: diff --only choices: the relations, and "degree" for the agreements whose numbers differ
#: (cli.queries.comparison.Difference.selected_by)
SELECTIONS = (*Relation, "degree")

no_color_option = click.option("--no-color", is_flag=True, help="Do not colour stances.")


def _choices(kind: str, values: tuple[str, ...], known) -> list[str]:
    return [check_choice(kind, v, known) for v in values]


def _emit(text: str) -> None:
    click.echo(text)


def _table(records: list[dict], fmt: str, width: int | None) -> str:
    from cli.output.formats import render_rows

    return render_rows(records, fmt, terminal_width(width))


@click.command()
@click.argument("candidates", nargs=-1, shell_complete=complete_candidate)
@race_option
@topic_option
@click.option("--quotes", is_flag=True, help="Put the quotes in the cells too.")
@width_option
@no_color_option
@format_option()
@pass_app
def compare(app: App, candidates, race, topics, quotes, width, no_color, fmt) -> None:
    """Compare candidates side by side, topic by topic, with numbered sources.

    CANDIDATE is an id when unique in the dataset, else RACE/CANDIDATE. With only --race,
    every candidate of the race is compared, alphabetically by surname. Each cell gives
    the stance (the answer to the topic's question), a summary and footnote marks; the
    footnotes under the table give each source and the verbatim quote.

    \b
    Example:
      platforms compare bass caruso
      platforms compare --race 2022-los-angeles-mayor --topic police-hiring --quotes
    """
    from cli.queries.comparison import compare as build

    dataset, chosen = chosen_candidates(app, candidates, race)
    comparison = build(dataset, chosen, chosen_topics(dataset, topics))
    if fmt == "json":
        from cli.text.jsontext import to_json

        _emit(to_json(comparison.to_record()))
    elif fmt == "text":
        from cli.output.compare_text import render

        _emit(render(comparison, terminal_width(width), quotes, use_color(app, no_color)))
    else:
        _emit(_table(comparison.table_records(), fmt, width))


@click.command()
@click.argument("a", metavar="A", shell_complete=complete_candidate)
@click.argument("b", metavar="B", shell_complete=complete_candidate)
@topic_option
@click.option(
    "--only",
    "only",
    multiple=True,
    metavar="RELATION",
    help="Only topics with this relation: agree, differ, unclear, one-sided, open, "
    "not-covered, or degree (agreements whose numbers differ); repeat for several.",
)
@width_option
@no_color_option
@format_option()
@pass_app
def diff(app: App, a, b, topics, only, width, no_color, fmt) -> None:
    """Where two candidates agree and differ, topic by topic.

    A topic is not-covered when either candidate's race does not cover it, open when
    neither has a position, one-sided when only one has, unclear when either stance is
    unclear, agree when the stances are equal, differ otherwise. A candidate without a
    position says why: not covered in this race, no position found (with the curators'
    note), or no recorded position.
    Where both set a number on the same measure (targets), both numbers are shown with
    their sources; an agreement whose numbers or deadlines differ is said to differ in
    degree. The closing count covers every topic compared, whatever --only shows.

    \b
    Example:
      platforms diff bass caruso --only differ --only degree
    """
    from cli.queries.comparison import diff as build

    dataset, (first, second) = chosen_candidates(app, (a, b), None)
    result = build(
        dataset,
        first,
        second,
        chosen_topics(dataset, topics),
        _choices("relation", only, SELECTIONS),
    )
    if fmt == "json":
        from cli.text.jsontext import to_json

        _emit(to_json(result.to_record()))
    elif fmt == "text":
        from cli.output.diff_text import render

        _emit(render(result, terminal_width(width), use_color(app, no_color)))
    else:
        _emit(_table(result.table_records(), fmt, width))


def _filter_records(app: App, races, topics, stances, party, text, measure) -> FilterResult:
    """The filter's records through the derived index, or from the YAML when the index
    cannot answer (PLATFORMS_NO_INDEX set, cache unusable, errors to report, or a
    --measure test, which the index does not hold)."""
    import os

    if not os.environ.get("PLATFORMS_NO_INDEX") and measure is None:
        from cli.queries import filterindex as index

        try:
            db, catalogue = index.refresh(app.root, app.layout)
            wanted = races or list(app.layout.races)
            return index.query(
                db, wanted, _choices("topic", topics, catalogue), stances, party, text
            )
        except index.Unavailable:
            pass
    from cli.queries.filtering import MeasureTest, filter_positions
    from cli.queries.filterresult import YamlRecords

    dataset = app.dataset(races)
    test = None
    if measure is not None:
        name, least, most = measure
        known = {m for t in dataset.topics.values() for m in t.measures}
        test = MeasureTest(check_choice("measure", name, sorted(known)), least, most)
    hits = filter_positions(dataset, chosen_topics(dataset, topics), stances, party, text, test)
    return YamlRecords([h.to_record() for h in hits], len(dataset.races) > 1)


@click.command(name="filter")
@race_option
@topic_option
@click.option(
    "--stance",
    "stances",
    multiple=True,
    metavar="STANCE",
    help="Only this stance: support, oppose, mixed, unclear (repeat for several).",
)
@click.option("--party", metavar="PARTY", help="Only candidates of this party (any case).")
@click.option(
    "--text",
    metavar="WORDS",
    help="Every word must occur (any case, any accents) in the summary, details, "
    "pledges or quotes.",
)
@click.option(
    "--measure",
    metavar="MEASURE",
    help="Only positions with a sourced target on this measure (topics.yaml).",
)
@click.option(
    "--min",
    "least",
    type=float,
    metavar="N",
    help="With --measure: the target's number is at least N.",
)
@click.option(
    "--max",
    "most",
    type=float,
    metavar="N",
    help="With --measure: the target's number is at most N.",
)
@width_option
@format_option()
@pass_app
def filter_(app: App, race, topics, stances, party, text, measure, least, most, width, fmt) -> None:
    """Find positions by topic, stance, party, words and numeric commitments: one row per
    candidate and topic.

    \b
    Example:
      platforms filter --topic shelter --stance oppose
      platforms filter --text "shelter beds"
      platforms filter --measure people-housed --min 20000
    """
    if (least is not None or most is not None) and measure is None:
        raise click.UsageError("--min and --max bound a --measure; name the measure too")
    races = [app.race(race)] if race is not None else None
    stances = _choices("stance", stances, tuple(Stance))
    found = _filter_records(
        app,
        races,
        topics,
        stances,
        party,
        text,
        (measure, least, most) if measure is not None else None,
    )
    if fmt == "json":
        _emit(found.as_json())
        return
    records = found.as_records()
    columns = ["race"] if found.several_races else []
    columns += ["candidate", "name", "topic", "stance"]
    columns += ["target"] if measure is not None else []
    columns += ["summary"]
    if fmt == "text" and not records:
        _emit("No position matches.")
        return
    from cli.output.formats import render_rows

    _emit(render_rows(records, fmt, terminal_width(width), columns))


@click.command()
@race_option
@click.option(
    "--answers",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Read answers from a YAML file instead of asking: "
    "answers: {TOPIC: support|oppose|skip | {answer: ..., weight: 1-3}}.",
)
@width_option
@format_option()
@pass_app
def match(app: App, race, answers, width, fmt) -> None:
    """Score the candidates of a race against your own answers to its questions.

    Without --answers, each topic's question is asked in turn: answer support, oppose or
    skip, then how much it matters (1-3). A candidate gets 1 per topic when their stance
    equals your answer, 0.5 when it is mixed, 0 when opposite; unclear stances and topics
    with no recorded position are not compared. The score is the weighted mean over the
    topics compared, and the output says how many that is.

    \b
    Example:
      platforms match --answers my-answers.yaml
    """
    from cli.queries.match import score

    dataset, _ = chosen_candidates(app, (), race)
    the_race = next(iter(dataset.races.values()))
    given = _read_answers(answers, dataset, the_race) if answers else _ask(dataset, the_race)
    ranked = score(dataset, the_race, given)
    if fmt == "json":
        from cli.text.jsontext import to_json

        _emit(to_json([s.to_record() for s in ranked]))
    elif fmt == "text":
        from cli.output.match_text import render

        _emit(render(ranked, the_race.title, terminal_width(width)))
    else:
        records = [
            {
                "rank": s.rank,
                "candidate": s.candidate.id,
                "name": s.candidate.name,
                "score": "" if s.score is None else round(s.score, 4),
                "compared": s.compared,
            }
            for s in ranked
        ]
        _emit(_table(records, fmt, width))


def _read_answers(path: str, dataset, race):
    from cli.problems import DataError, errors_in
    from cli.queries.match import read_answers

    try:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise click.BadParameter(f"cannot read {path}: {exc}", param_hint="--answers") from None
    given, problems = read_answers(text, path, dataset, race)
    if errors_in(problems):
        raise DataError(errors_in(problems), "fix the answers file and run again")
    for warning in problems:
        click.echo(str(warning), err=True)
    return given


def _ask(dataset, race):
    from cli.queries.match import ANSWERS, Answer

    answers = {}
    click.echo(f"{race.title}: answer each question with support, oppose or skip.", err=True)
    for topic_id in dataset.race_topics(race):
        topic = dataset.topics[topic_id]
        reply = click.prompt(
            f"{topic.title}: {topic.question}",
            err=True,
            type=click.Choice(ANSWERS),
            show_choices=True,
            default="skip",
        )
        weight = 1
        if reply != "skip":
            weight = click.prompt(
                "  How much does it matter to you? 1 a little, 2 some, 3 a lot",
                type=click.IntRange(1, 3),
                default=2,
                err=True,
            )
        answers[topic_id] = Answer(topic_id, reply, weight)
    return answers


COMMANDS = [compare, diff, filter_, match]
