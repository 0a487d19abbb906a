"""``platforms validate``: every problem of every file, like a compiler."""

from __future__ import annotations

import click

from cli.commands.context import App, format_option, pass_app


@click.command()
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1 on any).")
@format_option(tables=False)
@pass_app
def validate(app: App, strict: bool, fmt: str) -> None:
    """Check the dataset against the data format and report every problem.

    Each problem is printed as PATH:LINE:COLUMN: error|warning: MESSAGE. Exit status is 0
    without errors, 1 with errors (with --strict, warnings count as errors).

    \b
    Example:
      platforms --data ./my-dataset validate --strict
    """
    from cli.dataset.load import read_dataset
    from cli.problems import errors_in, report_record
    from cli.text.controlchars import clean
    from cli.text.jsontext import to_json

    problems = read_dataset(app.root, build_model=False).problems
    errors = len(errors_in(problems))
    warnings = len(problems) - errors
    if fmt == "json":
        click.echo(to_json(report_record(problems)))
    else:
        for problem in problems:
            click.echo(clean(str(problem)))
        summary = f"{errors} error(s), {warnings} warning(s) in {app.root}"
        click.echo(summary if problems else f"ok: no problems in {app.root}", err=bool(problems))
    if errors or (strict and warnings):
        raise SystemExit(1)


COMMANDS = [validate]
