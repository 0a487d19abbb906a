"""The ``platforms`` command group: shared options, error handling and the entry point."""

from __future__ import annotations

import os
import sys

import click

from cli import __version__
from cli.commands.context import App
from cli.text.messages import ENGLISH, LANGUAGES, N_, _, language, speaking

#: The headings of Click's help page that the catalogue translates.
CLICK_HEADINGS = (N_("Options"),)


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
        count = _("{count} error(s)").format(count=len(self.problems))
        click.echo(f"{count}; {_(self.hint)}", err=True)


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

    # Every word of a help page passes through here, so the page is in the reader's
    # language: the tool's help texts, and Click's headings and usage prefix.

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _("Usage:") + " " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_(heading))

    def write_text(self, text: str) -> None:
        super().write_text(
            "\n\n".join(_translated_paragraph(paragraph) for paragraph in text.split("\n\n"))
        )

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(term, help_in_language(text)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


def help_pieces(text: str) -> list[str]:
    """The messages a command's help text is translated by: each paragraph, its lines
    joined, and the headings (``Example:``) of its unwrapped (``\\b``) blocks."""
    pieces = []
    for paragraph in text.split("\n\n"):
        if paragraph.startswith("\b\n"):
            pieces += [line for line in paragraph.split("\n")[1:] if line[:1].isalpha()]
        else:
            pieces.append(" ".join(paragraph.split()))
    return pieces


def _translated_paragraph(paragraph: str) -> str:
    """One paragraph of a help text in the current language (as it is when untranslated)."""
    if paragraph.startswith("\b\n"):
        lines = paragraph.split("\n")
        return "\n".join(_(line) if line[:1].isalpha() else line for line in lines)
    joined = " ".join(paragraph.split())
    translated = _(joined)
    return paragraph if translated == joined else translated


def help_in_language(text: str) -> str:
    """An option's help in the current language, with what Click adds to it
    (``  [default: text]``, a range) kept after it."""
    head, bracket, extra = text.rpartition("  [")
    if not bracket or not extra.endswith("]"):
        return _(text)
    parts = []
    for part in extra[:-1].split("; "):
        name, _sep, value = part.partition(": ")
        parts.append(_("default: {value}").format(value=value) if name == "default" else _(part))
    return f"{_(head)}  [{'; '.join(parts)}]"


class Context(click.Context):
    """Click's context with :class:`HelpFormatter`."""

    formatter_class = HelpFormatter


#: ``platforms --help`` lists the commands under these headings, in this order.
SECTIONS = {
    N_("For voters"): (
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
    N_("For teachers"): ("handout",),
    N_("For curators"): ("validate", "check-quotes", "history", "changes", "new", "cite"),
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
            N_("Other commands"): tuple(name for name in self.commands if name not in listed),
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

    def main(self, args=None, *rest, **kwargs):
        """Click's main, with standard output and standard error behind doors, in the
        language the arguments or PLATFORMS_LANG choose (help and errors included)."""
        from cli.commands.streams import doors

        argv = sys.argv[1:] if args is None else list(args)
        with doors(), speaking(chosen_language(argv, os.environ)):
            return super().main(args, *rest, **kwargs)

    def invoke(self, ctx):
        from cli.problems import DataError

        try:
            return super().invoke(ctx)
        except DataError as exc:
            raise DatasetErrors(exc.problems, exc.hint) from None


class Language(click.ParamType):
    """``--lang``: one of :data:`cli.text.messages.LANGUAGES`, in any case (the language
    itself is chosen by :func:`chosen_language`)."""

    name = "language"

    def convert(self, value, param, ctx):
        if str(value).lower() in LANGUAGES:
            return str(value).lower()
        choices = " or ".join(f"{code} ({name})" for code, name in LANGUAGES.items())
        self.fail(
            _("'{value}' is not a language of platforms: choose {choices}").format(
                value=value, choices=choices
            ),
            param,
            ctx,
        )

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        return [CompletionItem(code) for code in LANGUAGES if code.startswith(incomplete)]


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
@click.option(
    "--lang",
    type=Language(),
    metavar="LANG",
    envvar="PLATFORMS_LANG",
    expose_value=False,
    help="The language of the tool's words: en (English, the default) or es (Spanish; env: "
    "PLATFORMS_LANG).",
)
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


def chosen_language(args: list[str], environ) -> str:
    """The language a command line asks for: the last ``--lang`` before any ``--``, else
    PLATFORMS_LANG, else English. Read from the arguments before Click parses them, so that
    ``--help`` and the errors of parsing are in it wherever ``--lang`` stands; a value that
    is no language leaves English, and :class:`Language` refuses it."""
    chosen = environ.get("PLATFORMS_LANG")
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            chosen = args[index + 1]
        elif arg.startswith("--lang="):
            chosen = arg.removeprefix("--lang=")
    chosen = (chosen or "").lower()
    return chosen if chosen in LANGUAGES else ENGLISH


def _setting(field: str):
    """A callback for a global option given after a command: that command's App takes the
    option's value for ``field`` (root, color or debug), keeping the others."""

    def callback(ctx: click.Context, _param, value) -> None:
        if value is None or value is False:
            return
        from pathlib import Path

        app = ctx.ensure_object(App)
        ctx.obj = App(
            Path(value) if field == "root" else app.root,
            color=False if field == "color" else app.color,
            debug=True if field == "debug" else app.debug,
        )

    return callback


def _global_options() -> list[click.Parameter]:
    """The group's options, accepted after any command as well (``compare --no-color``)."""
    return [
        click.Option(
            ["--data"],
            type=click.Path(exists=True, file_okay=False),
            metavar="DIR",
            expose_value=False,
            is_eager=True,
            callback=_setting("root"),
            help="Dataset folder (as before the command).",
        ),
        click.Option(
            ["--no-color"],
            is_flag=True,
            expose_value=False,
            callback=_setting("color"),
            help="Never colour output (NO_COLOR also works).",
        ),
        click.Option(
            ["--debug"],
            is_flag=True,
            expose_value=False,
            callback=_setting("debug"),
            help="Show tracebacks of internal errors and the PDF libraries' warnings.",
        ),
        click.Option(
            ["--lang"],
            type=Language(),
            metavar="LANG",
            expose_value=False,
            help="The language of the tool's words: en or es (as before the command).",
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
    with doors(), speaking(chosen_language(sys.argv[1:], os.environ)):
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
        show_error(exc)
        return exc.exit_code
    except click.Abort:  # Ctrl-C or end of input at a prompt: end the prompt's line first
        click.echo(err=True)
        click.echo(_("Aborted."), err=True)
        return 130
    except KeyboardInterrupt:
        click.echo(_("Interrupted."), err=True)
        return 130
    except Exception as exc:  # an internal error: one line unless --debug
        from cli.commands.streams import OutputFailed

        if debug or isinstance(exc, OutputFailed):
            raise
        click.echo(
            _("platforms: internal error: {error} (run with --debug for the traceback)").format(
                error=f"{type(exc).__name__}: {exc}"
            ),
            err=True,
        )
        return 3
    return 0


def show_error(exc: click.ClickException) -> None:
    """Say ``exc`` on standard error: as Click says it in English; in another language, the
    usage line, the hint and the "Error:" in that language."""
    if language() == ENGLISH or isinstance(exc, DatasetErrors):
        exc.show()
        return
    ctx = exc.ctx if isinstance(exc, click.UsageError) else None
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            option = max(ctx.command.get_help_option_names(ctx), key=len)
            hint = _("Try '{command} {option}' for help.").format(
                command=ctx.command_path, option=option
            )
            hint += "\n"
        click.echo(f"{ctx.get_usage()}\n{hint}", err=True, color=ctx.color)
    click.echo(_("Error: {message}").format(message=exc.format_message()), err=True)
