"""``cite`` for terminals: the source entry as written, where each value came from, what
the curator still has to fill in, and the quote's verdict with a citation to paste."""

from __future__ import annotations

from cli.curation.cite import Cited
from cli.dataset.yamltext import entry, quoted
from cli.output.terminal import Lines
from cli.text.controlchars import clean

#: The indentation of a citation in a candidate file (under positions: TOPIC: citations:).
CITATION_INDENT = 6


def render(cited: Cited, race: str, sources: str, kinds: list[str], total: int) -> str:
    """What citing did, wrapped to ``total`` cells (the YAML blocks are never wrapped)."""
    out = Lines(total)
    if cited.existing:
        out.add(
            f"Already a source of {race}: '{cited.source_id}' ({sources}, line "
            f"{cited.line}); nothing added.",
            0,
            2,
        )
    else:
        made = " (a new file)" if cited.created else ""
        out.add(f"Added source '{cited.source_id}' to {sources}{made}, line {cited.line}:", 0, 2)
        out.add()
        out.lines += [
            "  " + clean(line) for line in entry(cited.source_id, cited.fields).splitlines()
        ]
        out.add()
        read = [f"{name} ({origin})" for name, origin in cited.origins.items()]
        if read:
            out.add("Where each value came from: " + ", ".join(read) + ".", 0, 2)
        for name, why in cited.refused.items():
            out.add(
                f"The page's {name} is not a value validate accepts, so it is left out: {why}",
                0,
                2,
            )
        if cited.blank:
            out.add(
                f"Not on the page, written blank for you to fill in ('platforms "
                f"validate' reports them until you do): {', '.join(cited.blank)}.",
                0,
                2,
            )
        if cited.missing:
            out.add(
                f"Not on the page, left out (add them if another source states them): "
                f"{', '.join(cited.missing)}.",
                0,
                2,
            )
        if "kind" not in cited.fields:
            out.add(f"Not given: kind (--kind, or add 'kind:' yourself: {', '.join(kinds)}).", 0, 2)
    if cited.quote is not None:
        out.add()
        _quote(out, cited)
    return out.text()


def _quote(out: Lines, cited: Cited) -> None:
    if cited.match and cited.match.found:
        out.add("Quote: found on the page. Paste this under the position's citations:", 0, 2)
    else:
        closest = cited.match.closest if cited.match else None
        out.add("Quote: not found on the page.", 0, 2)
        out.add(
            f"The closest passage (compared in lower case): \u201c{closest}\u201d"
            if closest
            else "Nothing on the page resembles it.",
            0,
            2,
        )
        out.add(
            "Copy the words exactly from the page, then paste this under the position's citations:",
            0,
            2,
        )
    out.add()
    pad = " " * CITATION_INDENT
    out.lines += [
        clean(f"{pad}- source: {cited.source_id}"),
        clean(f"{pad}  quote: {quoted(cited.quote or '')}"),
    ]
