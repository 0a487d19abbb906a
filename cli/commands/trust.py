"""``check-quotes``, ``history`` and ``changes``: is each quote on its page, and how did
positions change over the dataset's git history."""

from __future__ import annotations

import click

from cli.commands.context import (
    App,
    FiniteFloat,
    chosen_candidates,
    complete_candidate,
    complete_topic,
    format_option,
    pass_app,
    race_option,
    terminal_width,
    use_color,
    width_option,
)


def _people(app: App, refs: tuple[str, ...], race: str | None):
    """The candidates named, else those of --race, else every candidate of the dataset."""
    if refs:
        return chosen_candidates(app, refs, race)
    races = [app.race(race)] if race else list(app.layout.races)
    dataset = app.dataset(races)
    return dataset, [c for rid in races for c in dataset.races[rid].candidates.values()]


@click.command("check-quotes")
@click.argument("candidates", nargs=-1, shell_complete=complete_candidate)
@race_option
@click.option("--offline", is_flag=True, help="Use cached pages only; never touch the network.")
@click.option("--refresh", is_flag=True, help="Fetch every page again, ignoring the cache.")
@click.option(
    "--jobs",
    type=click.IntRange(1, 32),
    default=4,
    show_default=True,
    help="Pages fetched in parallel (never more than one at a time per host).",
)
@click.option(
    "--timeout",
    type=FiniteFloat(0.1, 300),
    default=20,
    show_default=True,
    metavar="S",
    help="Seconds for each whole page (connecting, headers, body and redirects together).",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Also fetch from loopback, private and link-local addresses (refused "
    "by default: a page there could be an internal service).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 1 unless every quote is found (for CI: an unreachable, unreadable "
    "or blocked page, or a source without url, fails too).",
)
@click.option(
    "--record",
    is_flag=True,
    help="For each source whose quotes are all found, write checked: {date, text_sha256} "
    "(today, and the SHA-256 of the page text read) into its race's sources.yaml.",
)
@width_option
@format_option(tables=False)
@pass_app
def check_quotes(
    app: App,
    candidates,
    race,
    offline,
    refresh,
    jobs,
    timeout,
    allow_private,
    strict,
    record,
    width,
    fmt,
) -> None:
    """Check that every quote is on the page its source cites.

    Each page is fetched once (http and https only, public addresses only, at most 5
    redirects, 5 MB, --timeout for the whole page), its visible text extracted, and each
    quote looked for after normalising case, Unicode, invisible characters, quotes, dashes
    and spaces; an ellipsis in a quote splits it into parts that must appear in order.
    Each citation is found, not-found (with the closest passage), unreachable, unreadable,
    blocked or no-url; the last line counts them, and how many quotes are unverified and
    why. Pages are cached in $XDG_CACHE_HOME/candidate-platforms (at most 256 MB, the
    oldest dropped first), so a second run, or --offline, needs no network. Exit status 1
    when any quote is not found (with --strict: when any is anything but found, or a page's
    text changed since its recorded check); 130 on Ctrl-C.

    A source with a recorded check (--record) whose page text now hashes differently but
    still holds every quote is reported as changed since that date.

    \b
    Example:
      platforms check-quotes caruso
      platforms check-quotes --race 2022-los-angeles-mayor --offline --format json
    """
    from cli.quotes.quotecheck import Options, by_source, check, citations

    if offline and refresh:
        raise click.UsageError("--offline and --refresh contradict each other; pick one")
    dataset, people = _people(app, candidates, race)
    verbose = fmt == "text"
    checks = check(
        citations(dataset, people),
        Options(offline, refresh, jobs, timeout, allow_private),
        (lambda url: click.echo(f"fetching {url}", err=True)) if verbose else None,
    )
    sources = by_source(dataset, checks)
    changed = [s for s in sources if s.changed]
    if fmt == "json":
        from cli.quotes.quotecheck import check_records
        from cli.text.jsontext import to_json

        click.echo(to_json(check_records(checks, sources)))
    else:
        from cli.output.quotes_text import render, render_changed

        click.echo(render(checks, terminal_width(width), use_color(app)))
        if changed:
            click.echo(render_changed(changed, terminal_width(width)))
    if record:
        _record(app, sources, fmt == "text")
    from cli.quotes.status import Status

    if any(c.status == Status.NOT_FOUND or (strict and c.status != Status.FOUND) for c in checks):
        raise SystemExit(1)
    if strict and changed:
        raise SystemExit(1)


def _record(app: App, sources, verbose: bool) -> None:
    """Write each fully found source's check into its race's sources.yaml."""
    import datetime

    from cli.curation.checkrecord import Record
    from cli.curation.checkrecord import record as write_records
    from cli.curation.sourcesfile import Refused

    today = datetime.date.today().isoformat()
    by_race: dict[str, dict[str, Record]] = {}
    for s in sources:
        if s.all_found and s.text_sha256:
            by_race.setdefault(s.race, {})[s.source] = Record(today, s.text_sha256)
    for rid, records in by_race.items():
        try:
            skipped = write_records(app.layout.races[rid].path, records)
        except Refused as exc:
            raise click.ClickException(str(exc)) from exc
        written = len(records) - len(skipped)
        if verbose:
            click.echo(f"recorded {written} check(s) in {rid}/sources.yaml", err=True)
        for sid in skipped:
            click.echo(f"{rid}/sources.yaml: '{sid}' is not a block entry; not recorded", err=True)


def _git(function, *args):
    from cli.history.gitrepo import GitError

    try:
        return function(*args)
    except GitError as exc:
        raise click.ClickException(str(exc)) from None  # "Error: ...", exit status 1


@click.command()
@click.argument("candidate", shell_complete=complete_candidate)
@click.option("--topic", metavar="TOPIC", shell_complete=complete_topic, help="Only this topic.")
@width_option
@format_option(tables=False)
@pass_app
def history(app: App, candidate, topic, width, fmt) -> None:
    """How a candidate's positions changed over the dataset's git history.

    Each commit that changed the candidate's file gives an entry for every topic whose
    stance or summary changed, oldest first, with the commit's date, id and message; a
    stance flipping between support and oppose is marked as a reversal. The dataset must
    be in a git checkout; in a shallow clone, a note says that older versions are not
    available.

    \b
    Example:
      platforms --data ./my-dataset history caruso --topic homelessness
    """
    from cli.history.candidate_history import read_history

    ref = app.candidate(candidate)
    entries, note = _git(read_history, app.root, f"{ref.race}/{ref.candidate}.yaml", topic)
    if note:
        click.echo(f"note: {note}", err=True)
    if fmt == "json":
        from cli.text.jsontext import to_json

        click.echo(to_json([e.to_dict() for e in entries]))
    else:
        from cli.output.history_text import render

        title = f"History of {ref}" + (f", topic {topic}" if topic else "")
        click.echo(render(title, entries, terminal_width(width), use_color(app)))


@click.command()
@click.argument("revision_a", metavar="[REV_A]", required=False)
@click.argument("revision_b", metavar="[REV_B]", required=False)
@width_option
@format_option(tables=False)
@pass_app
def changes(app: App, revision_a, revision_b, width, fmt) -> None:
    """What changed in the dataset between two git revisions: races, candidates,
    positions, citations, endorsements and sources added, removed or changed.

    With no revision, the last commit against the files on disk; with one, that revision
    against the files on disk; with two, the first against the second.

    \b
    Example:
      platforms --data ./my-dataset changes main HEAD
    """
    from cli.history.changes import changes as between

    found = _git(between, app.root, revision_a, revision_b)
    if fmt == "json":
        from cli.text.jsontext import to_json

        click.echo(to_json([c.to_dict() for c in found]))
    else:
        from cli.output.changes_text import render

        click.echo(render(found, terminal_width(width)))


COMMANDS = [check_quotes, history, changes]
