"""What every command shares: the dataset location, output width, colour, and options."""

from __future__ import annotations

import math
import os
import sys
from functools import cached_property
from typing import TYPE_CHECKING

import click

from cli.text.messages import _

if TYPE_CHECKING:
    from pathlib import Path

    from cli.model import Candidate, Dataset


class App:
    """The state the group builds from its options, handed to every command."""

    def __init__(self, root: Path, color: bool | None = None, debug: bool = False):
        self.root = root
        self.color = color
        self.debug = debug

    @cached_property
    def layout(self):
        """The dataset's folder listing (no file parsed)."""
        from cli.dataset.layout import scan

        return scan(self.root)

    def dataset(self, races=None):
        """The dataset, only ``races`` when given; exits 1 listing every error."""
        from cli.dataset.load import open_dataset

        return open_dataset(self.root, races, self.layout)

    def race(self, text: str) -> str:
        """The race id the user typed, or a usage error with a suggestion."""
        from cli.dataset.refs import resolve_race

        return _usage(resolve_race, self.layout, text)

    def candidate(self, text: str):
        """The candidate the user typed (an id, RACE/ID or a name), or a usage error with a
        suggestion."""
        from cli.dataset.refs import resolve_candidate

        return _usage(resolve_candidate, self.layout, text)

    def candidates(self, texts, race: str | None = None):
        """Several candidate references typed together: one that several races hold
        resolves to the race (``race``, or the one holding all the candidates named)."""
        from cli.dataset.refs import resolve_candidates

        return _usage(resolve_candidates, self.layout, texts, race)

    def person(self, dataset: Dataset, text: str) -> str:
        """The person id the user typed (a person id, or a candidate's id or name)."""
        from cli.dataset.refs import resolve_person
        from cli.dataset.roster import Roster

        return _usage(resolve_person, Roster.of(dataset), text)

    def topics(self, texts, known=()) -> list[str]:
        """The ``--topic`` values: as typed when each is one of the ``known`` ids, else
        resolved against the catalogue (read for it)."""
        if all(t in known for t in texts):
            return list(texts)
        return chosen_topics(self.dataset([]), texts)


def _usage(function, *args):
    from cli.dataset.refs import UnknownReference

    try:
        return function(*args)
    except UnknownReference as exc:
        raise click.UsageError(str(exc)) from None


def check_choice(kind: str, text: str, known):
    """``text`` if it is one of ``known`` (in any case), else a usage error with "did you
    mean"."""
    from cli.dataset.choicerefs import check_choice as check

    return _usage(check, kind, text, known)


def check_party(dataset: Dataset, text: str) -> None:
    """A usage error listing the parties when no candidate's party starts with ``text``."""
    from cli.dataset.choicerefs import check_party as check
    from cli.queries.listing import parties

    _usage(check, parties(dataset), text)


def chosen_stances(texts) -> list[str]:
    """The ``--stance`` values: stances in any case, or yes and no."""
    from cli.dataset.choicerefs import resolve_stance

    return [_usage(resolve_stance, t) for t in texts]


def chosen_candidates(
    app: App, refs: tuple[str, ...], race: str | None
) -> tuple[Dataset, list[Candidate]]:
    """The candidates named (or every candidate of ``race``, or of the dataset's only race,
    in ballot order) with the dataset they are in, loading only their races; a usage error
    when none can be chosen or one named is not in ``race``."""
    from cli.queries.listing import ballot_order

    if refs:
        resolved = app.candidates(refs, app.race(race) if race is not None else None)
        dataset = app.dataset(sorted({r.race for r in resolved}))
        chosen = [dataset.races[r.race].candidates[r.candidate] for r in resolved]
        if race is not None and any(c.race != app.race(race) for c in chosen):
            raise click.UsageError(
                _("the candidates named are not all in race '{race}'").format(race=race)
            )
        return dataset, chosen
    if race is None:
        if len(app.layout.races) != 1:
            raise click.UsageError(
                _(
                    "name the candidates to compare, or a race with --race "
                    "('platforms races' lists them)"
                )
            )
        race = next(iter(app.layout.races))
    race = app.race(race)
    dataset = app.dataset([race])
    return dataset, ballot_order(dataset.races[race])


def chosen_topics(dataset: Dataset, topics: tuple[str, ...]) -> list[str]:
    """The ``--topic`` values, each an id in any case or a title; a usage error suggests
    the topics a word typed is about."""
    from cli.dataset.choicerefs import resolve_topic

    return [_usage(resolve_topic, dataset.topics, t) for t in topics]


def terminal_width(option: int | None = None) -> int:
    """``--width``, else ``COLUMNS``, else the terminal's width, else 80."""
    if option:
        return option
    try:  # what shutil.get_terminal_size does, without importing shutil's archivers
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            stdout = sys.__stdout__  # None when Python started without one
            columns = os.get_terminal_size(stdout.fileno()).columns if stdout else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def use_color(app: App, no_color: bool = False) -> bool:
    """Colour only on a terminal, never with NO_COLOR or --no-color."""
    if no_color or os.environ.get("NO_COLOR") or app.color is False:
        return False
    return sys.stdout.isatty()


pass_app = click.make_pass_decorator(App)


# --- completion ---------------------------------------------------------------------


def _layout_for_completion(ctx: click.Context):
    from pathlib import Path

    from cli.dataset.bundled import bundled_root
    from cli.dataset.layout import scan

    root = ctx.find_root().params.get("data") or os.environ.get("PLATFORMS_DATA")
    return scan(Path(root) if root else bundled_root())


def complete_candidate(ctx, param, incomplete):
    """Candidate ids (bare when unique, RACE/ID always) for shell completion."""
    layout = _layout_for_completion(ctx)
    names = [f"{r}/{c}" for r, f in layout.races.items() for c in f.candidates]
    bare = [n.split("/")[1] for n in names]
    names += [b for b in bare if bare.count(b) == 1]
    return [n for n in sorted(set(names)) if n.startswith(incomplete)]


def complete_person(ctx, param, incomplete):
    """Person ids for shell completion (read from the candidate files)."""
    from cli.dataset.load import read_dataset
    from cli.queries.person import people

    try:
        result = read_dataset(_layout_for_completion(ctx).root)
    except Exception:  # completion must never break the shell
        return []
    found = people(result.dataset) if result.dataset else {}
    return [p for p in sorted(found) if p.startswith(incomplete)]


def complete_race(ctx, param, incomplete):
    """Race ids for shell completion."""
    return [r for r in _layout_for_completion(ctx).races if r.startswith(incomplete)]


def complete_topic(ctx, param, incomplete):
    """Topic ids for shell completion (read from topics.yaml)."""
    from cli.dataset.load import read_dataset

    try:
        result = read_dataset(_layout_for_completion(ctx).root, races=[])
    except Exception:  # completion must never break the shell
        return []
    topics = result.dataset.topics if result.dataset else {}
    return [t for t in topics if t.startswith(incomplete)]


# --- shared options -----------------------------------------------------------------


class FormatType(click.ParamType):
    """``--format``: text, json, csv, or a tabulate format whose cells can be made inert
    (checked lazily)."""

    name = "format"

    def __init__(self, tables: bool = True, extra: tuple[str, ...] = ()):
        self.tables = tables
        self.extra = extra

    def choices(self) -> list[str]:
        """Every accepted name."""
        if not self.tables:
            return ["text", "json", *self.extra]
        from cli.output.formats import all_formats

        return [*self.extra, *all_formats()]

    def convert(self, value, param, ctx):
        if value in ("text", "json", *self.extra) or value in self.choices():
            return value
        from cli.text.suggest import did_you_mean

        why = f"'{value}' is not a format{did_you_mean(value, self.choices())}"
        if self.tables:
            from cli.output.formats import refused_formats

            if value in refused_formats():
                why = (
                    f"'{value}' tables are not written: a '|' or markup in a cell would "
                    "pass into them as it is"
                )
        self.fail(f"{why}; choose from {', '.join(self.choices())}", param, ctx)

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        return [CompletionItem(c) for c in self.choices() if c.startswith(incomplete)]


class FiniteFloat(click.FloatRange):
    """A number option: Click's FLOAT and FloatRange take ``nan``, ``inf`` and ``1e999``
    (which overflows to inf), and a NaN passes every range check; this type refuses them
    as a usage error (exit 2). Bounds, when given, are checked as FloatRange checks them."""

    def convert(self, value, param, ctx):
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return number

    def _describe_range(self) -> str:
        """The help's ``[0.1<=x<=300]``; nothing for an unbounded number (Click would
        write ``[x<=None]``)."""
        return super()._describe_range() if (self.min, self.max) != (None, None) else ""


class FormatOption(click.Option):
    """An option whose help names the formats. Tables take the tabulate formats whose cells
    can be made inert (cli.output.cells), a list that may differ between tabulate releases,
    so the help names the common ones (every release since the lowest supported has them)
    and says where the rest are: the help, and the reference generated from it, read the
    same on every release."""

    def get_help_record(self, ctx):
        assert isinstance(self.type, FormatType), "format_option makes one"
        if self.type.tables:
            names = ", ".join(dict.fromkeys([*self.type.extra, *STABLE_TABLE_FORMATS]))
            self.help = _(
                "Output format: {names}, or another tabulate table format whose cells "
                "can be escaped (a wrong name lists them all)."
            ).format(names=names)
        else:
            self.help = _("Output format: {names}.").format(names=", ".join(self.type.choices()))
        return super().get_help_record(ctx)


#: The formats the help names: text and the machine formats, then tabulate's best known.
STABLE_TABLE_FORMATS = ("text", "json", "csv", "github", "grid", "html", "latex", "rst", "tsv")


def format_option(tables: bool = True, extra: tuple[str, ...] = ()):
    """The ``--format`` option of a command."""
    return click.option(
        "--format",
        "fmt",
        cls=FormatOption,
        type=FormatType(tables, extra),
        default="text",
        show_default=True,
    )


race_option = click.option(
    "--race", "race", metavar="RACE", shell_complete=complete_race, help="Only this race."
)
topic_option = click.option(
    "--topic",
    "topics",
    metavar="TOPIC",
    multiple=True,
    shell_complete=complete_topic,
    help="Only this topic: its id or title, any case (repeat for several).",
)
width_option = click.option(
    "--width",
    type=click.IntRange(20, 1000),
    metavar="N",
    help="Line width (default: COLUMNS, the terminal, or 80).",
)
