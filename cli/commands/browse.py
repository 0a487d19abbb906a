"""Listing commands: races, candidates, topics, sources, and one candidate's profile."""

from __future__ import annotations

import click

from cli.commands.context import (
    App,
    complete_candidate,
    complete_person,
    format_option,
    pass_app,
    race_option,
    terminal_width,
    width_option,
)


def _emit(records: list[dict], fmt: str, columns=None, rows=None) -> None:
    """``records`` as JSON, or as a table: ``rows`` makes the records table rows (flat
    cells), ``columns`` picks and orders them."""
    from cli.output.formats import render_rows

    shown = rows(records) if rows and fmt != "json" else records
    click.echo(render_rows(shown, fmt, terminal_width(), columns))


def _races(app: App, race: str | None):
    return None if race is None else [app.race(race)]


@click.command()
@format_option()
@pass_app
def races(app: App, fmt: str) -> None:
    """List the races in the dataset: dates, kind of race, candidates and results.

    Results are shown as the cited sources report them, with the count's date and nature
    (election night, unofficial, certified) where a source states it.

    \b
    Example:
      platforms races --format json
    """
    from cli.queries.listing import race_records

    records = race_records(app.dataset())
    if fmt == "text":
        from cli.output.races_text import render

        click.echo(render(records, terminal_width()))
    elif fmt == "json":
        from cli.text.jsontext import to_json

        click.echo(to_json(records))
    else:
        _emit(records, fmt, ["race", "title", "election_date", "candidates"])


@click.command()
@race_option
@format_option()
@pass_app
def candidates(app: App, race: str | None, fmt: str) -> None:
    """List candidates, race by race, in ballot order (by surname).

    A candidate is named on the command line by id, by RACE/ID, or by full name or surname.

    \b
    Example:
      platforms candidates --race 2022-los-angeles-mayor
    """
    from cli.queries.listing import candidate_records, candidate_rows

    _emit(candidate_records(app.dataset(_races(app, race))), fmt, rows=candidate_rows)


@click.command()
@format_option()
@pass_app
def people(app: App, fmt: str) -> None:
    """List the people who stood in the races, by surname, with each candidacy: the ids
    'platforms person' takes.

    A person id pairs a person's candidacies across races; a candidate whose file names
    none is listed by 'platforms candidates' alone.

    \b
    Example:
      platforms people
    """
    from cli.queries.listing import person_records

    _emit(person_records(app.dataset()), fmt)


@click.command()
@race_option
@format_option()
@pass_app
def topics(app: App, race: str | None, fmt: str) -> None:
    """List the topic catalogue, or the topics one race is compared on.

    \b
    Example:
      platforms topics --race 2022-los-angeles-mayor
    """
    from cli.queries.listing import topic_records, topic_rows

    races = _races(app, race)
    dataset = app.dataset(races)
    _emit(topic_records(dataset, dataset.races[races[0]] if races else None), fmt, rows=topic_rows)


@click.command()
@race_option
@format_option()
@pass_app
def sources(app: App, race: str | None, fmt: str) -> None:
    """List the sources cited, race by race.

    \b
    Example:
      platforms sources --format csv > sources.csv
    """
    from cli.queries.listing import SOURCE_COLUMNS, source_records

    _emit(source_records(app.dataset(_races(app, race))), fmt, SOURCE_COLUMNS)


@click.command()
@click.argument("candidate", shell_complete=complete_candidate)
@format_option(tables=False)
@pass_app
def show(app: App, candidate: str, fmt: str) -> None:
    """Show one candidate's profile: party history, every position with its quotes and
    sources, endorsements and results.

    CANDIDATE is a candidate's id or name (full name or surname, any case) when it is
    unique in the dataset, else RACE/CANDIDATE.

    \b
    Example:
      platforms show caruso
    """
    from cli.output.profile_text import render
    from cli.queries.profile import profile
    from cli.text.jsontext import to_json

    ref = app.candidate(candidate)
    dataset = app.dataset([ref.race])
    chosen = dataset.races[ref.race].candidates[ref.candidate]
    others = []
    if chosen.person and len(app.layout.races) > 1:
        from cli.queries.person import candidacies

        everywhere = app.dataset()
        others = [c for c in candidacies(everywhere, chosen.person) if c.ref != chosen.ref]
    record = profile(dataset, chosen, others)
    click.echo(to_json(record) if fmt == "json" else render(record, terminal_width()))


@click.command()
@click.argument("person_id", metavar="PERSON", shell_complete=complete_person)
@width_option
@format_option(tables=False)
@pass_app
def person(app: App, person_id, width, fmt) -> None:
    """One person across races: what they said on each topic, race by race, and what changed.

    PERSON is the person id of the candidate files (the same id in every race the person
    stood in; 'platforms people' lists them), or a candidate's id or name. For each topic:
    the stance, summary, targets and date of each race, and how it follows the last
    recorded position (first recorded position, same stance, same stance with a different
    target, changed stance, no clear answer this time); where a race has no position, why
    (not covered in this race, no position found, no recorded position); figures reported
    since a pledge, each with its source and who gave it. The tool computes no verdict on a
    pledge.

    \b
    Example:
      platforms person karen-bass
      platforms person bass
    """
    from cli.queries.person import timeline

    dataset = app.dataset()
    result = timeline(dataset, app.person(dataset, person_id))
    if fmt == "json":
        from cli.text.jsontext import to_json

        click.echo(to_json(result.to_record(dataset)))
    else:
        from cli.output.person_text import render

        click.echo(render(result, dataset, terminal_width(width)))


COMMANDS = [races, candidates, people, topics, sources, show, person]
