"""Bring the Spanish catalogue up to date with the code: every message the code uses in the
.po (a new one with an empty translation to write, one no longer used dropped), then the .po
compiled into the .mo the tool reads (cli/text/messages.py).

Run ``python docs/messages.py`` after changing any of the tool's words, write the Spanish of
each message it lists as untranslated in cli/locale/es/LC_MESSAGES/platforms.po, and run it
again. tests/test_spanish_ui.py fails while a message has no Spanish, the catalogue holds one
the code no longer uses, a translation's {placeholders} differ from the English, or the .mo
is not the compiled .po. Needs Babel (pip install -e '.[test]').

The messages are those of ``_``, ``ngettext``, ``pgettext`` and ``N_`` calls in cli/ (Babel's
extractor), and the help of the command line: the group's, every command's first sentence
(``platforms --help`` lists it), and the whole help of the commands of :data:`COMMANDS`
with their options.
"""

from __future__ import annotations

import inspect
import io
import re
import string
import sys
from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import PoFileError, read_po, write_po

from cli.commands.context import FormatOption
from cli.commands.main import cli, help_pieces
from cli.text.messages import DOMAIN, LOCALE_DIR, SPANISH

ROOT = Path(__file__).resolve().parent.parent
PO = LOCALE_DIR / SPANISH / "LC_MESSAGES" / f"{DOMAIN}.po"
MO = PO.with_suffix(".mo")
#: The commands whose whole help is translated: those whose output is (issue 28).
COMMANDS = ("compare", "diff", "match", "show", "person", "races", "handout")
#: The comment that opens the .po.
HEADER = (
    "# The tool's own words in the Spanish of the United States (docs/messages.py).\n"
    "# Data text is not here: the curators write it in the dataset (docs/format.md)."
)
#: Plural forms of Spanish, for the catalogue's header.
PLURALS = "nplurals=2; plural=(n != 1);"


def code_messages() -> dict[tuple[str | None, str | tuple[str, ...]], tuple[str, int]]:
    """(context, message) -> (file, line) of every message of a gettext call in cli/."""
    found = {}
    for name, line, message, _comments, context in extract_from_dir(
        str(ROOT / "cli"), [("**.py", "python")], comment_tags=()
    ):
        found.setdefault((context, message), (f"cli/{name}", line))
    return found


def _help(command: click.Command) -> str:
    return inspect.cleandoc(command.help or "").partition("\f")[0]


def _options(command: click.Command, ctx: click.Context):
    """``command``'s options with a help of their own (``--format``'s is made in code)."""
    for param in command.get_params(ctx):
        if isinstance(param, click.Option) and param.help and not isinstance(param, FormatOption):
            yield param


def help_messages() -> dict[tuple[None, str], tuple[str, int]]:
    """(None, text) -> which help it is, for every help text the catalogue translates."""
    found: dict[tuple[None, str], tuple[str, int]] = {}
    for piece in help_pieces(_help(cli)):
        found.setdefault((None, piece), ("help:platforms", 0))
    with click.Context(cli, **cli.context_settings) as ctx:
        for option in _options(cli, ctx):
            found.setdefault((None, option.help), (f"help:platforms:{option.opts[0]}", 0))
        for name, command in cli.commands.items():
            found.setdefault((None, command.get_short_help_str(limit=1000)), (f"list:{name}", 0))
            if name not in COMMANDS:
                continue
            for piece in help_pieces(_help(command)):
                found.setdefault((None, piece), (f"help:{name}", 0))
            for option in _options(command, click.Context(command, parent=ctx)):
                found.setdefault((None, option.help), (f"help:{name}:{option.opts[0]}", 0))
    return found


def used_messages() -> dict:
    """Every message the tool uses, with where it is."""
    return {**help_messages(), **code_messages()}


class BrokenCatalogue(ValueError):
    """A line of a .po that is not gettext's syntax (Babel's reader lets some pass)."""


#: A line of a .po: a comment, blank, or a keyword and a quoted string, or a string alone.
_PO_LINE = re.compile(
    r'#.*|\s*|(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) )?"(?:[^"\\]|\\.)*"'
)


def read_catalogue(path: Path = PO) -> Catalog:
    """The catalogue of ``path``; a broken entry raises :class:`BrokenCatalogue`."""
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not _PO_LINE.fullmatch(line):
            raise BrokenCatalogue(f"{path.name}:{number}: not a .po line: {line}")
    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=SPANISH, domain=DOMAIN, abort_invalid=True)
    except (PoFileError, IndexError) as exc:  # Babel before 2.15 fails on a lone msgid so
        raise BrokenCatalogue(f"{path.name}: {exc or 'an entry without msgstr'}") from None


def placeholders(text: str) -> set[str]:
    """The ``{names}`` of a format string."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def problems(catalogue: Catalog, used: dict) -> list[str]:
    """What is wrong with ``catalogue`` against the messages ``used``: a message without
    Spanish, one the code no longer uses, a translation whose placeholders differ."""
    out = []
    held = {(m.context, m.id): m for m in catalogue if m.id}
    for key, where in used.items():
        entry = held.get(key)
        strings = entry.string if entry is not None else None
        if not strings or (isinstance(strings, tuple) and not all(strings)):
            out.append(f"{where}: no Spanish for {key[1]!r}")
    for key in held.keys() - used.keys():
        out.append(f"{PO.name}: {key[1]!r} is no longer used")
    for entry in held.values():
        english = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        spanish = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = set().union(*map(placeholders, english))
        for text in spanish:
            if text and placeholders(text) != wanted:
                out.append(f"{PO.name}: {entry.id!r}: the Spanish has {{{placeholders(text)}}}")
    return out


def compiled(catalogue: Catalog) -> bytes:
    """The .mo of ``catalogue``."""
    out = io.BytesIO()
    write_mo(out, catalogue)
    return out.getvalue()


def translations(catalogue: Catalog) -> dict:
    """(context, message) -> Spanish of every translated entry: what a .po and the .mo
    compiled from it share, whatever Babel release wrote the .mo's header."""
    return {
        (_text(m.context), _tuple(m.id)): _tuple(m.string) for m in catalogue if m.id and m.string
    }


def _text(context):
    """A message's context as text (Babel before 2.13 reads a .mo's as bytes)."""
    return context.decode("utf-8") if isinstance(context, bytes) else context


def _tuple(text):
    """A plural entry's forms as a tuple (a .mo gives them as a list), a text as it is."""
    return tuple(text) if isinstance(text, list) else text


def compiled_catalogue(path: Path = MO) -> Catalog:
    """The catalogue the .mo at ``path`` holds."""
    with path.open("rb") as handle:
        return read_mo(handle)


def updated(catalogue: Catalog, used: dict) -> Catalog:
    """A catalogue of the messages ``used``, in order, with ``catalogue``'s Spanish and
    dates (so that an update changes only what changed)."""
    fresh = Catalog(
        locale=SPANISH,
        domain=DOMAIN,
        project="candidate-platforms",
        creation_date=catalogue.creation_date,
        revision_date=catalogue.revision_date,
        language_team="candidate-platforms",
        header_comment=HEADER,
        fuzzy=False,
    )
    fresh.mime_headers = [*fresh.mime_headers, ("Plural-Forms", PLURALS)]
    for (context, message), where in used.items():
        old = catalogue.get(message, context=context)
        empty = ("", "") if isinstance(message, tuple) else ""
        fresh.add(message, old.string if old is not None else empty, [where], context=context)
    return fresh


def main() -> None:
    """Update the .po from the code, compile the .mo, and list what is left to translate."""
    used = used_messages()
    catalogue = updated(read_catalogue(), used) if PO.exists() else updated(Catalog(), used)
    with PO.open("wb") as handle:
        write_po(handle, catalogue, width=100, omit_header=False, sort_output=False)
    MO.write_bytes(compiled(read_catalogue()))
    left = problems(read_catalogue(), used)
    print("\n".join(left) or f"{PO}: every message is translated")
    sys.exit(1 if left else 0)


if __name__ == "__main__":
    main()
