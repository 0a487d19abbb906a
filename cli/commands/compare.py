"""The voter's commands: compare, diff, filter and match."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from cli.choices import Relation
from cli.commands.context import (
    App,
    FiniteFloat,
    check_choice,
    check_party,
    chosen_candidates,
    chosen_stances,
    chosen_topics,
    complete_candidate,
    complete_race,
    format_option,
    pass_app,
    race_option,
    terminal_width,
    topic_option,
    use_color,
    width_option,
)
from cli.text.messages import N_, _, pgettext

if TYPE_CHECKING:
    from cli.queries.filterresult import FilterResult

#: diff --only choices: the relations, and "degree" for the agreements whose numbers differ
#: (cli.queries.comparison.Difference.selected_by)
SELECTIONS = (*Relation, "degree")


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
@format_option()
@pass_app
def compare(app: App, candidates, race, topics, quotes, width, fmt) -> None:
    """Compare candidates side by side, topic by topic, with numbered sources.

    CANDIDATE is an id or a name (full name or surname, any case) when unique in the
    dataset, else RACE/CANDIDATE; one that several races hold is taken from the race of
    the others named. With only --race, every candidate of the race is compared,
    alphabetically by surname. Each cell gives the stance (the answer to the topic's
    question), a summary and footnote marks; the footnotes under the table give each
    source and the verbatim quote. CSV has a row per quote: the topic, the candidate, the
    position it backs and its source.

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

        _emit(render(comparison, terminal_width(width), quotes, use_color(app)))
    elif fmt == "csv":
        _emit(_table(comparison.citation_records(), fmt, width))
    else:
        _emit(_table(comparison.table_records(), fmt, width))


@click.command()
@click.argument("candidates", metavar="A B [C]...", nargs=-1, shell_complete=complete_candidate)
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
@format_option()
@pass_app
def diff(app: App, candidates, topics, only, width, fmt) -> None:
    """Where two candidates agree and differ, topic by topic; of three or more, who agrees
    with whom.

    A topic is not-covered when a candidate's race does not cover it, open when nobody has
    a position, one-sided when one candidate has, unclear when a stance is unclear, agree
    when the stances are equal, differ otherwise (of three or more: differ when two clear
    stances differ, before unclear). A candidate without a position says why: not covered
    in this race, no position found (with the curators' note), or no recorded position.
    Of two, where both set a number on the same measure (targets), both numbers are shown
    with their sources; of three or more, the candidates are grouped by stance on each
    topic. An agreement whose numbers or deadlines differ is said to differ in degree. The
    closing count covers every topic compared, whatever --only shows.

    \b
    Example:
      platforms diff bass caruso --only differ --only degree
      platforms diff bass pratt raman
    """
    if len(candidates) < 2:
        raise click.UsageError(_("name at least two candidates to diff"))
    dataset, chosen = chosen_candidates(app, candidates, None)
    result, render = _diffed(
        dataset, chosen, chosen_topics(dataset, topics), _choices("relation", only, SELECTIONS)
    )
    if fmt == "json":
        from cli.text.jsontext import to_json

        _emit(to_json(result.to_record()))
    elif fmt == "text":
        _emit(render(result, terminal_width(width), use_color(app)))
    else:
        _emit(_table(result.table_records(), fmt, width))


def _diffed(dataset, chosen, topics, relations):
    """``diff``'s result and its text renderer: two candidates' relation on each topic, or
    of three or more, who agrees with whom."""
    if len(chosen) == 2:
        from cli.output.diff_text import render
        from cli.queries.comparison import diff

        return diff(dataset, chosen[0], chosen[1], topics, relations), render
    from cli.output.agreement_text import render as render_sides
    from cli.queries.agreement import agreement

    return agreement(dataset, chosen, topics, relations), render_sides


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
            return index.query(db, wanted, app.topics(topics, catalogue), stances, party, text)
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
    help="Only this stance: support, oppose, mixed, unclear, or yes and no for support and "
    "oppose (repeat for several).",
)
@click.option(
    "--party",
    metavar="PARTY",
    help="Only candidates whose party starts with this, in any case ('democrat').",
)
@click.option(
    "--text",
    metavar="WORDS",
    help="Every word must occur as a whole word, or as its plural or singular (any case, "
    "any accents), in the summary, details, pledges or quotes.",
)
@click.option(
    "--measure",
    metavar="MEASURE",
    help="Only positions with a sourced target on this measure (topics.yaml).",
)
@click.option(
    "--min",
    "least",
    type=FiniteFloat(),
    metavar="N",
    help="With --measure: the target's number is at least N.",
)
@click.option(
    "--max",
    "most",
    type=FiniteFloat(),
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
    stances = chosen_stances(stances)
    found = _filter_records(
        app,
        races,
        topics,
        stances,
        party,
        text,
        (measure, least, most) if measure is not None else None,
    )
    if party is not None and not len(found):
        check_party(app.dataset(races), party)
    if fmt == "json":
        _emit(found.as_json())
        return
    from cli.queries.filterresult import table_row

    records = [table_row(r) for r in found.as_records()]
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
@click.option(
    "--race",
    metavar="RACE",
    shell_complete=complete_race,
    help="The race whose candidates are scored (needed when the dataset holds more than one).",
)
@click.option(
    "--answers",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Read answers from a YAML file instead of asking: "
    "answers: {TOPIC: yes|no|skip | {answer: ..., weight: 1-3}}; the weight is 2 when "
    "not given.",
)
@width_option
@format_option()
@pass_app
def match(app: App, race, answers, width, fmt) -> None:
    """Score the candidates of a race against your own answers to its questions.

    Without --answers, each topic's question is asked in turn: answer yes (support), no
    (oppose) or skip, then how much it matters (1-3, 2 when not given). A candidate gets 1
    per topic when their stance equals your answer, 0.5 when it is mixed, 0 when opposite;
    unclear stances and topics with no recorded position are not compared. The score is
    the weighted mean over the topics compared, and the output says how many that is; a
    candidate with no topic compared is listed apart, unranked.

    \b
    Example:
      platforms match --race 2025-new-york-city-mayor
      platforms match --race 2025-new-york-city-mayor --answers my-answers.yaml
    """
    from cli.queries.match import score

    if race is None and len(app.layout.races) != 1:
        raise click.UsageError(
            _("name the race to score with --race ('platforms races' lists them)")
        )
    dataset, _chosen = chosen_candidates(app, (), race)
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
        _emit(_table([s.table_record() for s in ranked], fmt, width))


def _read_answers(path: str, dataset, race):
    from cli.dataset.limits import MAX_FILE_BYTES
    from cli.problems import DataError, errors_in
    from cli.queries.match import read_answers
    from cli.text.plainfiles import FileRefused, read_named

    try:
        text = read_named(path, MAX_FILE_BYTES, "the answers file").decode("utf-8-sig")
    except FileRefused as exc:
        raise click.BadParameter(str(exc), param_hint="--answers") from None
    except UnicodeDecodeError as exc:
        raise click.BadParameter(f"cannot read {path}: {exc}", param_hint="--answers") from None
    given, problems = read_answers(text, path, dataset, race)
    if errors_in(problems):
        raise DataError(errors_in(problems), N_("fix the answers file and run again"))
    for warning in problems:
        click.echo(str(warning), err=True)
    return given


class AnswerType(click.ParamType):
    """An answer typed at the prompt: yes, no, y, n, skip, support or oppose, any case, or
    the words of the current language for yes, no and skip (sí, no, omitir)."""

    name = "answer"

    def convert(self, value, param, ctx):
        from cli.queries.match import ANSWER_WORDS, answer_of
        from cli.text.messages import pgettext
        from cli.text.textfold import fold

        spoken = {
            fold(pgettext("answer", "yes")): "yes",
            fold(pgettext("answer", "y")): "y",
            fold(pgettext("answer", "no")): "no",
            fold(pgettext("answer", "n")): "n",
            fold(pgettext("answer", "skip")): "skip",
        }
        answer = answer_of(spoken.get(fold(str(value).strip()), value))
        if answer is None:
            self.fail(
                _("'{value}' is not an answer: write {words}").format(
                    value=value, words=_(ANSWER_WORDS)
                ),
                param,
                ctx,
            )
        return answer


def _ask(dataset, race):
    from cli.output.compare_text import topic_heading
    from cli.queries.match import DEFAULT_WEIGHT, Answer

    answers = {}
    click.echo(_("{race}: answer each question yes, no or skip.").format(race=race.title), err=True)
    for topic_id in dataset.race_topics(race):
        heading = topic_heading(dataset.topics[topic_id], ": ")
        reply = click.prompt(
            _("{topic} (yes, no, skip)").format(topic=heading),
            err=True,
            type=AnswerType(),
            default=pgettext("answer", "skip"),
        )
        weight = DEFAULT_WEIGHT
        if reply != "skip":
            weight = click.prompt(
                _("  How much does it matter to you? 1 a little, 2 some, 3 a lot"),
                type=click.IntRange(1, 3),
                default=DEFAULT_WEIGHT,
                err=True,
            )
        answers[topic_id] = Answer(topic_id, reply, weight)
    return answers


COMMANDS = [compare, diff, filter_, match]
