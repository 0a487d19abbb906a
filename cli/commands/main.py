"""The ``platforms`` command group: shared options, error handling and the entry point."""

from __future__ import annotations

import sys

import click

from cli import __version__
from cli.commands.context import App


class DatasetErrors(click.ClickException):
    """The dataset has errors: each is printed as PATH:LINE:COLUMN, exit status 1."""

    exit_code = 1

    def __init__(self, problems, hint):
        super().__init__(f"{len(problems)} error(s)")
        self.problems = problems
        self.hint = hint

    def show(self, file=None):
        from cli.text.controlchars import clean

        for problem in self.problems:
            click.echo(clean(str(problem)), err=True)
        click.echo(f"{self.message}; {self.hint}", err=True)


class HelpFormatter(click.HelpFormatter):
    """Click's help layout, sized like click sizes it but without importing shutil (whose
    archive modules cost ``platforms --help`` more than its own code does)."""

    def __init__(
        self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None
    ):
        if width is None:
            from click import formatting

            from cli.commands.context import terminal_width

            width = formatting.FORCED_WIDTH or max(min(terminal_width(), max_width or 80) - 2, 50)
        super().__init__(indent_increment, width, max_width)


class Context(click.Context):
    """Click's context with :class:`HelpFormatter`."""

    formatter_class = HelpFormatter


#: ``platforms --help`` lists the commands under these headings, in this order.
SECTIONS = {
    "For voters": (
        "compare",
        "diff",
        "filter",
        "match",
        "show",
        "person",
        "people",
        "races",
        "candidates",
        "topics",
        "sources",
    ),
    "For teachers": ("handout",),
    "For curators": ("validate", "check-quotes", "history", "changes", "new", "cite"),
}


class Group(click.Group):
    """Commands listed in the order they were added, under the headings of
    :data:`SECTIONS`, each with its whole first sentence; a dataset with errors exits 1."""

    context_class = Context

    def list_commands(self, ctx):
        return list(self.commands)

    def format_commands(self, ctx, formatter):
        listed = [name for names in SECTIONS.values() for name in names]
        sections = {
            **SECTIONS,
            "Other commands": tuple(name for name in self.commands if name not in listed),
        }
        for heading, names in sections.items():
            rows = [
                (name, self.commands[name].get_short_help_str(limit=1000))
                for name in names
                if name in self.commands and not self.commands[name].hidden
            ]
            if rows:
                with formatter.section(heading):
                    formatter.write_dl(rows)

    def main(self, *args, **kwargs):
        """Click's main, with standard output and standard error behind doors."""
        from cli.commands.streams import doors

        with doors():
            return super().main(*args, **kwargs)

    def invoke(self, ctx):
        from cli.problems import DataError

        try:
            return super().invoke(ctx)
        except DataError as exc:
            raise DatasetErrors(exc.problems, exc.hint) from None


@click.group(
    name="platforms",
    cls=Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "-V", "--version", prog_name="platforms")
@click.option(
    "--data",
    type=click.Path(exists=True, file_okay=False),
    envvar="PLATFORMS_DATA",
    metavar="DIR",
    help="Dataset folder (default: the bundled dataset; env: PLATFORMS_DATA).",
)
@click.option("--no-color", is_flag=True, help="Never colour output (NO_COLOR also works).")
# main() acts on --debug for internal errors, reading the arguments itself, because the
# internal error whose traceback it shows has already ended Click's context; commands see it
# on the context object (handout prints the PDF libraries' warnings).
@click.option(
    "--debug",
    is_flag=True,
    help="Show tracebacks of internal errors and the PDF libraries' warnings.",
)
@click.pass_context
def cli(ctx: click.Context, data: str | None, no_color: bool, debug: bool) -> None:
    """Compare what election candidates have said, topic by topic, with the quote and
    source behind every position.

    \b
    Example:
      platforms compare bass caruso
    """
    from pathlib import Path  # imported here, so that --help and --version never pay for it

    from cli.dataset.bundled import bundled_root

    ctx.obj = App(
        Path(data) if data else bundled_root(), color=False if no_color else None, debug=debug
    )


def _set_data(ctx: click.Context, _param, value: str | None) -> None:
    """``--data DIR`` given after a command: that command reads DIR."""
    if value is not None:
        from pathlib import Path

        app = ctx.ensure_object(App)
        ctx.obj = App(Path(value), color=app.color, debug=app.debug)


def _set_no_color(ctx: click.Context, _param, value: bool) -> None:
    """``--no-color`` given after a command: that command prints no colour."""
    if value:
        app = ctx.ensure_object(App)
        ctx.obj = App(app.root, color=False, debug=app.debug)


def _set_debug(ctx: click.Context, _param, value: bool) -> None:
    """``--debug`` given after a command: that command shows what libraries warn."""
    if value:
        app = ctx.ensure_object(App)
        ctx.obj = App(app.root, color=app.color, debug=True)


def _global_options() -> list[click.Parameter]:
    """The group's options, accepted after any command as well (``compare --no-color``)."""
    return [
        click.Option(
            ["--data"],
            type=click.Path(exists=True, file_okay=False),
            metavar="DIR",
            expose_value=False,
            is_eager=True,
            callback=_set_data,
            help="Dataset folder (as before the command).",
        ),
        click.Option(
            ["--no-color"],
            is_flag=True,
            expose_value=False,
            callback=_set_no_color,
            help="Never colour output (NO_COLOR also works).",
        ),
        click.Option(
            ["--debug"],
            is_flag=True,
            expose_value=False,
            callback=_set_debug,
            help="Show tracebacks of internal errors and the PDF libraries' warnings.",
        ),
    ]


def _adopt(command: click.Command) -> None:
    """``command`` (and every command under it) laid out by :class:`Context`, taking the
    global options."""
    command.context_class = Context
    command.params.extend(_global_options())
    for subcommand in getattr(command, "commands", {}).values():
        _adopt(subcommand)


def _register() -> None:
    from cli.commands import browse, compare, curate, handout, trust, validate

    for module in (compare, handout, validate, browse, trust, curate):
        for command in module.COMMANDS:
            _adopt(command)
            cli.add_command(command)


_register()


def main() -> None:
    """Entry point of the ``platforms`` console script.

    Exit status: 0 done (also when the reader of a pipe went away, as with ``| head``), 1
    bad data (or a finding the command's help describes), 2 bad usage, 3 an internal
    error, 74 standard output or standard error cannot be written (closed, or its disk
    full; the reason is said on standard error), 130 Ctrl-C.
    """
    from cli.commands.streams import (
        EXIT_OUTPUT_FAILED,
        OutputFailed,
        doors,
        hold_standard_descriptors,
    )

    hold_standard_descriptors()
    with doors():
        try:
            status = _run("--debug" in sys.argv[1:])
        except OutputFailed as exc:
            exc.door.silence()
            status = 0 if exc.reader_gone else EXIT_OUTPUT_FAILED
            if not exc.reader_gone and exc.door is not sys.stderr:
                try:
                    click.echo(f"platforms: {exc}", err=True)
                except OutputFailed:
                    pass
    sys.exit(status)


def _run(debug: bool) -> int:
    """Run the command line; the exit status."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.Abort:  # Ctrl-C or end of input at a prompt: end the prompt's line first
        click.echo(err=True)
        click.echo("Aborted.", err=True)
        return 130
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        return 130
    except Exception as exc:  # an internal error: one line unless --debug
        from cli.commands.streams import OutputFailed

        if debug or isinstance(exc, OutputFailed):
            raise
        click.echo(
            f"platforms: internal error: {type(exc).__name__}: {exc} "
            "(run with --debug for the traceback)",
            err=True,
        )
        return 3
    return 0
