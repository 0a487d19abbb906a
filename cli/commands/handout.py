"""``platforms handout``: a printable, neutral, sourced comparison for a class."""

from __future__ import annotations

import click

from cli.commands.context import (
    App,
    chosen_candidates,
    chosen_topics,
    complete_candidate,
    pass_app,
    race_option,
    topic_option,
)
from cli.text.messages import _

FORMATS = {
    "html": (".html", ".htm"),
    "markdown": (".md", ".markdown"),
    "latex": (".tex",),
    "pdf": (".pdf",),
}


@click.command()
@click.argument("candidates", nargs=-1, shell_complete=complete_candidate)
@race_option
@topic_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    help="The document format [default: from FILE's extension].",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Write to FILE (atomically) instead of standard output.",
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@click.option(
    "--order",
    type=click.Choice(["alphabetical", "ballot"]),
    default="alphabetical",
    show_default=True,
    help="Candidate order: by surname, or 'ballot' for the order given here.",
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    help="Paper size [default: from the locale (LC_ALL, LC_PAPER, LANG): Letter "
    "for en_US, en_CA, es_MX and the other Letter countries, else A4].",
)
@click.option("--landscape", is_flag=True, help="Print across the long side of the paper.")
@pass_app
def handout(
    app: App, candidates, race, topics, fmt, output, force, order, paper, landscape
) -> None:
    """Write a printable handout (PDF, HTML, Markdown or LaTeX) of a race or of the
    candidates named.

    The handout holds the race, the candidates, how to read it, each topic's question, every
    stance and summary, results once the election is past, numbered sources with quotes,
    and a footer with the dataset's title, licence, date and revision.

    HTML is one self-contained file (inline CSS, no scripts) that prints with page numbers
    and stacks into cards on a phone; PDF is that HTML laid out by WeasyPrint (pip install
    'candidate-platforms[pdf]'); LaTeX compiles with lualatex or xelatex (any script);
    Markdown is GitHub-flavoured. Up to 4 candidates (6 with --landscape) are side by side;
    more get one section per topic.

    \b
    Example:
      platforms handout bass caruso -o la-mayor.pdf --paper letter
      platforms handout bass caruso --format markdown > la-mayor.md
    """
    import os
    from pathlib import Path

    from cli.history.revision import dataset_revision
    from cli.output.handout_markup import render
    from cli.output.outfile import check_target, write_atomic
    from cli.queries.comparison import compare
    from cli.queries.handout_model import build, ordered
    from cli.queries.paper import Paper, locale_paper

    output = Path(output) if output is not None else None
    fmt = fmt or _format_of(output)
    if fmt == "pdf" and output is None:
        raise click.UsageError(_("a PDF is written to a file: add -o FILE.pdf"))
    if output is not None:
        _output(check_target, output, force)
    dataset, chosen = chosen_candidates(app, candidates, race)
    comparison = compare(
        dataset, ordered(chosen, order, bool(candidates)), chosen_topics(dataset, topics)
    )
    sheet = Paper(paper or locale_paper(os.environ), landscape)
    model = build(
        dataset, comparison, order, bool(candidates), dataset_revision(app.root), paper=sheet
    )
    document = _pdf(render(model, "html"), app.debug) if fmt == "pdf" else render(model, fmt)
    if output is None:
        click.echo(document, nl=False)
        return
    try:
        _output(write_atomic, output, document, force)
    except OSError as exc:
        raise click.ClickException(
            _("cannot write {path}: {reason}").format(path=output, reason=exc.strerror)
        ) from None
    click.echo(_("wrote {path}").format(path=output), err=True)


def _output(action, *args) -> None:
    """Run ``action(*args)`` (a check or the write of the output file): a usage error
    (exit 2) for a path that is neither a regular file nor new, an error (exit 1) for an
    existing file without --force."""
    from cli.output.outfile import NotRegularFile, OutputExists

    try:
        action(*args)
    except NotRegularFile as exc:
        raise click.UsageError(str(exc)) from None
    except OutputExists as exc:
        raise click.ClickException(str(exc)) from None


def _pdf(html: str, debug: bool) -> bytes:
    """The PDF of ``html``; a clear error when WeasyPrint or Pango is missing. The PDF
    libraries' warnings (nothing a reader of the handout can act on) only with --debug."""
    from cli.output.pdf import PdfUnavailable, html_to_pdf

    try:
        document, warnings = html_to_pdf(html)
    except PdfUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    for warning in warnings if debug else ():
        click.echo(f"warning: WeasyPrint: {warning}", err=True)
    return document


def _format_of(output) -> str:
    """The handout format an output file's extension asks for; a usage error when unclear."""
    if output is not None:
        for fmt, suffixes in FORMATS.items():
            if output.suffix.lower() in suffixes:
                return fmt
    raise click.UsageError(
        _(
            "give --format html, markdown, latex or pdf (or -o FILE ending in .html, .md, "
            ".tex or .pdf)"
        )
    )


COMMANDS = [handout]
