"""A race's sources.yaml as text: finding a page in it, naming a new source, adding one.

A new source is appended to the file as text, so every byte already there (comments,
order, quoting, blank lines) stays as it was. The file is read back afterwards: unless it
then holds exactly what it held plus the new source, nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cli.dataset import schemacheck
from cli.dataset.layout import is_slug, slugify
from cli.dataset.safeyaml import Document, parse
from cli.dataset.yamltext import entry
from cli.problems import errors_in
from cli.text.controlchars import clean
from cli.text.urls import page_key

#: A top-level empty flow mapping alone on its line (what `platforms new race` writes).
_EMPTY = re.compile(r"^\{\s*\}[ \t]*(#[^\r\n]*)?$", re.M)
#: A line break as the reader reads one (YAML 1.1: CR LF, CR, LF, NEL, LS and PS).
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
#: Words of a title that go into a generated source id.
TITLE_WORDS = 6


class CannotAdd(Exception):
    """The source cannot be appended without changing what the file already holds."""


@dataclass
class Bibliography:
    """A race's sources.yaml: its text (None when the file does not exist) and reading."""

    path: Path
    rel: str
    text: str | None
    doc: Document | None

    @property
    def sources(self) -> dict:
        """Source id -> entry (entries as read; {} for a missing or empty file)."""
        data = self.doc.data if self.doc is not None else None
        return data if isinstance(data, dict) else {}

    def line_of(self, source_id: str) -> int:
        """The line of ``source_id``'s key."""
        return self.doc.mark((source_id,), key=True)[0] if self.doc is not None else 1

    def citing(self, urls) -> str | None:
        """The id of a source whose url is the same page as one of ``urls``, or None."""
        keys = {page_key(u) for u in urls if u}
        for source_id, item in self.sources.items():
            if (
                isinstance(item, dict)
                and isinstance(item.get("url"), str)
                and page_key(item["url"]) in keys
            ):
                return source_id
        return None


def read(path: Path, rel: str, text: str | None) -> Bibliography:
    """The bibliography held by ``text`` (the content of ``path``; None when missing)."""
    return Bibliography(path, rel, text, parse(text, rel) if text is not None else None)


def new_id(publisher: str | None, date: str | None, title: str | None, taken) -> str:
    """A source id from the publisher (or the site), date and first words of the title,
    made unique among ``taken`` with ``-2``, ``-3``... ("source" when none of them gives
    a letter)."""
    words = " ".join((title or "").split()[:TITLE_WORDS])
    parts = [slugify(publisher or "", 30), date or "", slugify(words)]
    base = slugify(" ".join(p for p in parts if p)) or "source"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = slugify(base, 64 - len(suffix)) + suffix
    assert is_slug(candidate)
    return candidate


def refused(fields: dict) -> dict[str, str]:
    """Field -> what ``validate`` says of its value (on one line, control characters shown
    as ``<U+XXXX>``), for each value of a new source entry that validate would report as an
    error or a warning. A blank field (None) is not judged: cite writes a required field
    blank on purpose, for the curator to fill in."""
    doc = parse(entry("source", fields), "sources.yaml")
    line_of = {doc.mark(("source", name))[0]: name for name, value in fields.items() if value}
    found: dict[str, str] = {}
    for problem in doc.problems + schemacheck.check(doc, "sources"):
        if problem.line in line_of:
            found.setdefault(line_of[problem.line], _one_line(problem.message))
    return found


def _one_line(message: str) -> str:
    """``message`` with every control character shown as ``<U+XXXX>``, newlines too."""
    return clean(message).replace("\n", "<U+000A>")


def appended(bib: Bibliography, source_id: str, fields: dict, new_file: str) -> tuple[str, int]:
    """The text of the file with the source added at its end, written with the file's own
    line breaks, and the line the source starts on as the reader (and so ``validate``)
    counts lines. ``new_file`` is the text to start from when the file does not exist
    yet (a header and ``{}``). Raises CannotAdd when the result would not read as the
    old sources plus this one."""
    text = bib.text if bib.text is not None else new_file
    old = parse(text, bib.rel)
    if errors_in(old.problems) or not isinstance(old.data, dict):
        raise CannotAdd(f"{bib.rel} is not a mapping of sources that reads cleanly")
    first_break = _BREAK.search(text)
    newline = first_break.group() if first_break else "\n"
    body = text
    if not old.data:  # an empty file is written `{}`: the entry takes its place
        body = _EMPTY.sub(lambda m: m.group(1) or "", text, count=1)
    if body and not _BREAK.match(body[-1]):
        body += newline
    result = body + entry(source_id, fields).replace("\n", newline)
    new = parse(result, bib.rel)
    expected = {**old.data, source_id: fields}
    if errors_in(new.problems) or new.data != expected or list(new.mapping) != list(expected):
        raise CannotAdd(
            f"appending to {bib.rel} would change what it already holds "
            "(is it written in flow style, {...}?)"
        )
    return result, new.mark((source_id,), key=True)[0]
