"""The curator's commands: ``new race``, ``new candidate`` and ``cite``."""

from __future__ import annotations

import sys

import click

from cli.commands.context import (
    App,
    FiniteFloat,
    check_choice,
    complete_race,
    pass_app,
    terminal_width,
)
from cli.problems import Code


class _InOrder(click.Group):
    """Subcommands listed in the order they were added."""

    def list_commands(self, ctx):
        return list(self.commands)


def _writable(app: App):
    """The dataset root, unless it is the copy inside the installed package."""
    from cli.dataset.bundled import is_installed_copy

    if is_installed_copy(app.root):
        raise click.ClickException(
            f"{app.root} is inside the installed package (where the bundled dataset lives), "
            "which the next upgrade replaces; keep your races in a folder of your own and "
            "name it with --data DIR (or PLATFORMS_DATA=DIR)"
        )
    return app.root


def _command() -> str:
    """How the curator runs ``platforms`` on this dataset, for the hints printed: with
    ``--data DIR`` when they typed it (not when PLATFORMS_DATA names the dataset)."""
    from click.core import ParameterSource

    root = click.get_current_context().find_root()
    typed = root.get_parameter_source("data") == ParameterSource.COMMANDLINE
    return f"platforms --data {root.params['data']}" if typed else "platforms"


def _say(*paragraphs: str) -> None:
    """Print ``paragraphs`` wrapped to the terminal, later lines indented."""
    from cli.output.terminal import Lines

    out = Lines(terminal_width())
    for paragraph in paragraphs:
        out.add(paragraph, 0, 2)
    click.echo(out.text())


def _check_id(text: str, what: str) -> str:
    from cli.dataset.layout import is_slug
    from cli.dataset.schemacheck import id_message

    if not is_slug(text):
        raise click.BadParameter(id_message(text), param_hint=what)
    return text


def _field_check(kind: str, key: str, option: str):
    """A function that returns a value for ``key`` of a ``kind`` file once ``validate``
    would accept it, and raises BadParameter (naming ``option``) with its message."""
    from cli.curation.scaffold import check_fields

    def check(value: str) -> str:
        value = value.strip()
        problems = check_fields(kind, {key: value})
        if problems:
            raise click.BadParameter(problems[0].message, param_hint=f"'{option}'")
        return value

    return check


def _value(given: str | None, option: str, label: str, check, default: str | None = None):
    """``given`` checked, or asked for at a prompt (again until it passes; an empty answer
    is ``default`` when there is one). Without a terminal to ask on, a missing value is a
    usage error naming ``option``."""
    if given is not None:
        return check(given)
    try:
        return click.prompt(label, default=default, show_default=False, value_proc=check)
    except click.Abort:
        if sys.stdin is None or not sys.stdin.isatty():
            click.echo()  # end the prompt's line
            raise click.UsageError(f"missing {option} (there is no terminal to ask on)") from None
        raise


def _catalogue(app: App) -> dict:
    """topics.yaml: topic id -> its mapping; a clear error when it is missing or broken."""
    from cli.dataset.bundled import bundled_root
    from cli.dataset.load import read_topics
    from cli.problems import DataError, errors_in

    problems: list = []
    doc, ids = read_topics(app.layout, problems)
    if any(p.code == Code.MISSING_FILE for p in problems):
        raise click.ClickException(
            f"{app.root} has no topics.yaml, the catalogue of topics races are compared on: "
            "write one (docs/format.md describes it) or start from the bundled one: "
            f"cp {bundled_root() / 'topics.yaml'} {app.root}/"
        )
    if errors_in(problems):
        raise DataError(errors_in(problems), "fix topics.yaml first; nothing was written")
    assert doc is not None, "read_topics reports a missing or unreadable topics.yaml"
    return {t: doc.mapping[t] if isinstance(doc.mapping[t], dict) else {} for t in ids}


def _topic_list(text: str, known) -> list[str]:
    """Topic ids typed at the prompt (spaces or commas between them), checked."""
    import re

    from cli.dataset.choicerefs import check_choice as check
    from cli.dataset.refs import UnknownReference

    chosen = [t for t in re.split(r"[\s,]+", text) if t]
    if not chosen:
        raise click.BadParameter("name at least one topic", param_hint="'--topic'")
    try:
        return list(dict.fromkeys(check("topic", t, known) for t in chosen))
    except UnknownReference as exc:
        raise click.BadParameter(str(exc), param_hint="'--topic'") from None


@click.group(cls=_InOrder)
def new() -> None:
    """Create a race, or a candidate of a race, as files to fill in.

    \b
    Example:
      platforms --data ./my-dataset new race 2026-springfield-mayor
      platforms --data ./my-dataset new candidate 2026-springfield-mayor/okafor \
        --name "Chidi Okafor"
    """


#: The race's required fields: key, option and prompt, in the order they are asked for.
_RACE_PROMPTS = (
    ("title", "--title", "Title (e.g. 2026 Springfield mayoral election)"),
    ("office", "--office", "Office (e.g. Mayor of Springfield)"),
    ("jurisdiction", "--jurisdiction", "Jurisdiction (e.g. Springfield, Illinois, United States)"),
    ("election_date", "--date", "Election date (of the deciding election, YYYY-MM-DD)"),
)


@new.command("race")
@click.argument("race_id", metavar="ID")
@click.option(
    "--title", metavar="TEXT", help="The race's name, e.g. '2026 Springfield mayoral election'."
)
@click.option("--office", metavar="TEXT", help="The office, e.g. 'Mayor of Springfield'.")
@click.option(
    "--jurisdiction", metavar="TEXT", help="Where, e.g. 'Springfield, Illinois, United States'."
)
@click.option(
    "--date", "election_date", metavar="DATE", help="The date of the deciding election, YYYY-MM-DD."
)
@click.option("--primary-date", metavar="DATE", help="The date of the primary, if any.")
@click.option(
    "--topic",
    "topics",
    metavar="TOPIC",
    multiple=True,
    help="A topic of topics.yaml the race is compared on, in display order (repeat for several).",
)
@pass_app
def new_race(
    app: App, race_id, title, office, jurisdiction, election_date, primary_date, topics
) -> None:
    """Create the race folder ID with race.yaml and an empty sources.yaml.

    Options not given are asked for. Ids are checked as validate checks them; an
    existing race is never overwritten.

    \b
    Example:
      platforms --data ./my-dataset new race 2026-springfield-mayor \\
        --title "2026 Springfield mayoral election" --office "Mayor of Springfield" \\
        --jurisdiction "Springfield, Illinois, United States" --date 2026-11-03 \\
        --topic police-hiring --topic homelessness
    """
    from cli.curation.scaffold import race_text, sources_text
    from cli.output.outfile import write_new_folder

    root = _writable(app)
    _check_id(race_id, "'ID'")
    folder = root / race_id
    if folder.exists() or folder.is_symlink():
        raise click.ClickException(
            f"{folder} exists; a race is never overwritten "
            "(remove the folder first, or choose another id)"
        )
    catalogue = _catalogue(app)
    given = {
        "title": title,
        "office": office,
        "jurisdiction": jurisdiction,
        "election_date": election_date,
    }
    fields = {
        key: _value(given[key], option, label, _field_check("race", key, option))
        for key, option, label in _RACE_PROMPTS
    }
    asking = None in given.values() or not topics  # asked for something: ask for this too
    primary = _field_check("race", "primary_date", "--primary-date")
    if primary_date is None and asking:
        primary_date = (
            _value(
                None,
                "--primary-date",
                "Primary date (YYYY-MM-DD; nothing if there is none)",
                lambda text: text.strip() and primary(text),
                default="",
            )
            or None
        )
    if primary_date is not None:
        fields["primary_date"] = primary(primary_date)
    if topics:
        chosen = [check_choice("topic", t, catalogue) for t in dict.fromkeys(topics)]
    else:
        click.echo(f"Topics in topics.yaml: {', '.join(catalogue)}")
        chosen = _value(
            None,
            "--topic",
            "Topics (ids in display order, separated by spaces)",
            lambda text: _topic_list(text, catalogue),
        )
    try:
        write_new_folder(
            folder,
            {
                "race.yaml": race_text(folder, root, fields, chosen),
                "sources.yaml": sources_text(folder, root),
            },
        )
    except FileExistsError:
        raise click.ClickException(f"{folder} exists; a race is never overwritten") from None
    except OSError as exc:
        raise click.ClickException(f"cannot create {folder}: {exc.strerror}") from None
    command = _command()
    _say(
        f"Created {folder}/race.yaml and {folder}/sources.yaml (topics: {', '.join(chosen)}).",
        f"Next, for each candidate: {command} new candidate {race_id}/ID --name NAME",
    )


@new.command("candidate")
@click.argument("ref", metavar="RACE/ID", shell_complete=complete_race)
@click.option("--name", metavar="NAME", help="The candidate's name as on the ballot.")
@click.option("--party", metavar="PARTY", help="The party affiliation at election time.")
@click.option("--occupation", metavar="TEXT", help="The occupation.")
@click.option("--website", metavar="URL", help="The campaign's website.")
@pass_app
def new_candidate(app: App, ref, name, party, occupation, website) -> None:
    """Create RACE/ID.yaml: the candidate, with a blank position on each of the race's
    topics for you to fill in.

    validate reports every blank value, with what to write there, until it is filled; a
    topic on which you find no position moves to no_position, with what you looked for.
    An existing file is never overwritten.

    \b
    Example:
      platforms --data ./my-dataset new candidate 2026-springfield-mayor/okafor \\
        --name "Chidi Okafor" --party Democratic
    """
    from cli.curation.scaffold import candidate_text
    from cli.dataset.layout import RACE_FILES
    from cli.output.outfile import OutputExists, write_atomic

    root = _writable(app)
    race, slash, candidate = ref.partition("/")
    if not slash or "/" in candidate:
        raise click.BadParameter(
            "write RACE/ID, e.g. 2026-springfield-mayor/okafor", param_hint="'RACE/ID'"
        )
    race = app.race(race)
    _check_id(candidate, "'RACE/ID'")
    if f"{candidate}.yaml" in RACE_FILES:
        raise click.BadParameter(
            f"'{candidate}' is taken by the race's own {candidate}.yaml; choose another id",
            param_hint="'RACE/ID'",
        )
    path = app.layout.races[race].path / f"{candidate}.yaml"
    if path.exists() or path.is_symlink():
        raise click.ClickException(f"{path} exists; a candidate is never overwritten")
    topics = _race_topics(app, race)
    catalogue = _catalogue(app)
    fields = {
        "name": _value(
            name, "--name", "Name (as on the ballot)", _field_check("candidate", "name", "--name")
        )
    }
    for key, value in (("party", party), ("occupation", occupation), ("website", website)):
        if value is not None:
            fields[key] = _field_check("candidate", key, f"--{key}")(value)
    about = [
        (
            t,
            str(catalogue.get(t, {}).get("title", t)),
            str(catalogue.get(t, {}).get("question", "")),
        )
        for t in topics
    ]
    try:
        write_atomic(path, candidate_text(path.parent, root, fields, about))
    except OutputExists:
        raise click.ClickException(f"{path} exists; a candidate is never overwritten") from None
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc.strerror}") from None
    command = _command()
    if topics:
        made = (
            f"Created {path}: {fields['name']}, with a blank position on each of the "
            f"race's {len(topics)} topics ({', '.join(topics)})."
        )
    else:
        made = (
            f"Created {path}: {fields['name']}. race.yaml lists no topics, so there is "
            "no position to fill in; add 'topics: [...]' to race.yaml, or write the "
            "positions yourself."
        )
    _say(
        made,
        f"Next: add each source with '{command} cite URL --race {race}', fill in the "
        f"positions, then run '{command} validate'.",
    )


def _race_topics(app: App, race: str) -> list[str]:
    """The ``topics`` race.yaml lists (an error when the file cannot be read as YAML)."""
    from cli.dataset.fileviews import RaceFile
    from cli.dataset.layout import read_text
    from cli.dataset.safeyaml import parse
    from cli.problems import DataError

    path = app.layout.races[race].path / "race.yaml"
    text, problems = read_text(app.layout, path)
    doc = parse(text, app.layout.rel(path)) if text is not None else None
    if doc is None or doc.data is None:
        raise DataError(
            problems + (doc.problems if doc else []), "fix race.yaml first; nothing was written"
        )
    return list(RaceFile.of(doc).topics.values())


class _KindOption(click.Option):
    """``--kind``, whose help lists the kinds of the sources schema (read only for help)."""

    def get_help_record(self, ctx):
        self.help = f"What the source is: {', '.join(_kinds())}."
        return super().get_help_record(ctx)


def _kinds() -> list[str]:
    from cli.dataset.schemacheck import schema

    return schema("sources")["additionalProperties"]["properties"]["kind"]["enum"]


@click.command()
@click.argument("url", required=False)
@click.option(
    "--race",
    "race",
    metavar="RACE",
    required=True,
    shell_complete=complete_race,
    help="The race whose sources.yaml the page is added to.",
)
@click.option(
    "--quote",
    metavar="TEXT",
    help="Look for these words on the page, and print a citation to paste.",
)
@click.option(
    "--id",
    "source_id",
    metavar="ID",
    help="The source's id [default: from the publisher, date and title].",
)
@click.option("--kind", cls=_KindOption, metavar="KIND")
@click.option(
    "--from-file",
    type=click.Path(exists=True, dir_okay=False),
    metavar="PAGE.html",
    help="Read the page from a copy saved in a browser (paywalled sites) instead of fetching it.",
)
@click.option(
    "--url",
    "url_option",
    metavar="URL",
    help="The page's address, with --from-file [default: the page's canonical address].",
)
@click.option(
    "--timeout",
    type=FiniteFloat(0.1, 300),
    default=20,
    show_default=True,
    metavar="S",
    help="Seconds to wait for the page.",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow pages on private and loopback addresses (a local test server).",
)
@click.option(
    "--width",
    type=click.IntRange(20, 1000),
    metavar="N",
    help="Line width (default: COLUMNS, the terminal, or 80).",
)
@pass_app
def cite(
    app: App,
    url,
    race,
    quote,
    source_id,
    kind,
    from_file,
    url_option,
    timeout,
    allow_private,
    width,
) -> None:
    """Add a web page to a race's sources.yaml, with the title, publisher, author and date
    the page states about itself.

    The page is fetched as check-quotes fetches it (http and https only, at most 5
    redirects, 5 MB), and its metadata read from JSON-LD, Open Graph and article: meta
    tags, <time datetime> and <title>. A field the page does not state is named, never
    guessed: the required title and publisher are written blank for you to fill in. The
    entry is appended at the end of the file; nothing already there changes. A page that
    is already a source is not added twice. With --quote, the words are looked for as
    check-quotes looks for them (exit status 1 when they are not on the page). With
    --url, a page read with --from-file is kept in the page cache under that address, so
    check-quotes checks that source's quotes against it; never under the page's own
    canonical address, as a page can name any address.

    \b
    Example:
      platforms --data ./my-dataset cite https://example.org/story --race 2026-springfield-mayor \\
        --kind news --quote "We will hire 200 more officers."
      platforms --data ./my-dataset cite --from-file saved.html --race 2026-springfield-mayor \\
        --url https://example.org/paywalled-story
    """
    import datetime
    from pathlib import Path

    from cli.curation import bibliography
    from cli.curation.cite import (
        CiteError,
        current,
        fetch_page,
        keep_saved,
        known,
        saved_page,
        url_problem,
        write,
    )
    from cli.curation.scaffold import sources_text
    from cli.curation.sourcesfile import Refused
    from cli.output.cite_text import render
    from cli.text.plainfiles import FileRefused

    root = _writable(app)
    race = app.race(race)
    if url and url_option and url != url_option:
        raise click.UsageError("give the page's address once: as URL or as --url")
    url = url or url_option
    if url is not None and (problem := url_problem(url)):
        raise click.BadParameter(problem, param_hint="'URL'")
    if url is None and from_file is None:
        raise click.UsageError("give the page's URL, or --from-file PAGE.html")
    if url_option and from_file is None:
        raise click.UsageError("--url goes with --from-file; otherwise give the URL alone")
    if source_id is not None:
        _check_id(source_id, "'--id'")
    if kind is not None:
        kind = check_choice("kind", kind, _kinds())
    if quote is not None and not quote.strip():
        raise click.BadParameter("the quote is empty", param_hint="'--quote'")
    folder = app.layout.races[race].path
    path = folder / "sources.yaml"
    try:
        bib, _ = current(app.layout, path)  # checked before the page is read
    except Refused as exc:
        raise click.ClickException(f"{exc}; nothing was written") from None
    if source_id is not None and source_id in bib.sources:
        raise click.BadParameter(
            f"'{source_id}' is already a source of {race} "
            f"({bib.rel}, line {bib.line_of(source_id)}); choose another",
            param_hint="'--id'",
        )
    before = known(bib, url) if quote is None and from_file is None else None
    if before is not None:  # nothing to read on the page: no need to fetch it
        click.echo(render(before, race, bib.rel, _kinds(), terminal_width(width)))
        return
    try:
        page = (
            saved_page(Path(from_file), url)
            if from_file
            else fetch_page(url, timeout, allow_private)
        )
        cited = write(
            app.layout,
            path,
            page,
            url,
            source_id=source_id,
            kind=kind,
            quote=quote,
            new_file=sources_text(folder, root),
            accessed=None if from_file else datetime.date.today(),
        )
    except FileRefused as exc:
        raise click.BadParameter(str(exc), param_hint="'--from-file'") from None
    except CiteError as exc:
        raise click.ClickException(str(exc)) from None
    except (bibliography.CannotAdd, Refused) as exc:
        raise click.ClickException(f"{exc}; nothing was written") from None
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc.strerror}") from None
    if from_file and url:
        keep_saved(page, url)
    click.echo(render(cited, race, bib.rel, _kinds(), terminal_width(width)))
    if from_file and not url:
        _say(
            "The saved copy is not kept for check-quotes, which fetches the source's "
            "address instead: a page naming its own address does not show that it came "
            "from there. To have check-quotes read this copy, run cite again with "
            "--url ADDRESS."
        )
    if quote is not None and not (cited.match and cited.match.found):
        raise SystemExit(1)


COMMANDS = [new, cite]
