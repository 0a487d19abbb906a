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


class Group(click.Group):
    """Commands listed in the order they were added; a dataset with errors exits 1."""

    context_class = Context

    def list_commands(self, ctx):
        return list(self.commands)

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


def _register() -> None:
    from cli.commands import browse, compare, curate, handout, trust, validate

    for module in (compare, handout, validate, browse, trust, curate):
        for command in module.COMMANDS:
            command.context_class = Context
            for subcommand in getattr(command, "commands", {}).values():
                subcommand.context_class = Context
            cli.add_command(command)


_register()


def main() -> None:
    """Entry point of the ``platforms`` console script."""
    debug = "--debug" in sys.argv[1:]
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort:  # Ctrl-C or end of input at a prompt: end the prompt's line first
        click.echo(err=True)
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except BrokenPipeError:
        _quiet_pipe()
        sys.exit(0)
    except Exception as exc:  # an internal error: one line unless --debug
        if debug:
            raise
        click.echo(
            f"platforms: internal error: {type(exc).__name__}: {exc} "
            "(run with --debug for the traceback)",
            err=True,
        )
        sys.exit(3)


def _quiet_pipe() -> None:
    """After the reader of a pipe went away, stop Python complaining at exit."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
