"""What ``check-quotes --record`` writes: a source's ``checked: {date, text_sha256}`` line,
edited into the race's sources.yaml as text, so comments, order and layout stay as the
curator wrote them.

Each source's entry gets its ``checked`` line replaced, or added as the entry's last line.
The edited text is parsed again before it is written: unless it holds the same sources
with only those ``checked`` values changed, nothing is written. The file is written as
:mod:`cli.curation.sourcesfile` writes it: under the race folder's lock, read again under
it, replaced keeping its permissions; a link, a file that is not a plain one or a
read-only one is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cli.curation import sourcesfile
from cli.dataset.limits import MAX_FILE_BYTES
from cli.dataset.safeyaml import parse
from cli.text.plainfiles import read_regular


class RecordRefused(sourcesfile.Refused):
    """sources.yaml cannot take the record: the message says why and what to do."""


@dataclass(frozen=True)
class Record:
    """One source's check to record: the day and the page text's SHA-256."""

    date: str
    text_sha256: str

    def line(self, indent: str) -> str:
        """The ``checked:`` line, at ``indent``."""
        return f"{indent}checked: {{date: {self.date}, text_sha256: '{self.text_sha256}'}}"


def record(folder: Path, records: Mapping[str, Record]) -> list[str]:
    """Write ``records`` (source id -> record) into ``folder``/sources.yaml; the ids whose
    entry could not take a line (written in flow style) are returned, unwritten."""
    path = folder / "sources.yaml"
    with sourcesfile.locked(folder):
        mode = sourcesfile.writable_mode(path, "--record")
        if mode is None:
            raise RecordRefused(f"{path}: no such file; the race has no sources to record")
        raw = read_regular(path, MAX_FILE_BYTES)
        if raw is None or len(raw) > MAX_FILE_BYTES:
            raise RecordRefused(
                f"{path} changed while the quotes were checked (it is no longer a plain file "
                f"within {MAX_FILE_BYTES} bytes); nothing was recorded"
            )
        text = raw.decode("utf-8-sig")
        edited, skipped = edit(text, records)
        if edited != text:
            _check_same_but_records(text, edited, records)
            sourcesfile.replace(path, edited, mode)
        return skipped


_TOP_KEY = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*):[ \t]*(#.*)?$")
_CHILD = re.compile(r"^([ \t]+)\S")
_CHECKED = re.compile(r"^[ \t]+checked:")


def edit(text: str, records: Mapping[str, Record]) -> tuple[str, list[str]]:
    """``text`` (a sources.yaml) with each recorded source's ``checked`` line written, and
    the ids whose entry is not a block mapping (left as they are)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    starts = {m.group(1): i for i, line in enumerate(lines) if (m := _TOP_KEY.match(line))}
    skipped = [sid for sid in records if sid not in starts]
    for sid in sorted((s for s in records if s in starts), key=starts.__getitem__, reverse=True):
        lines = _edit_entry(lines, starts[sid], records[sid])
    return newline.join(lines), skipped


def _edit_entry(lines: list[str], start: int, rec: Record) -> list[str]:
    """``lines`` with the entry starting at ``start`` given ``rec``'s line."""
    end, last, indent = start + 1, start, "  "
    while end < len(lines):
        line = lines[end]
        child = _CHILD.match(line)
        if line.strip() and not child and not line.startswith("#"):
            break
        if child and not line.lstrip().startswith("#"):
            if last == start:
                indent = child.group(1)
            last = end
        end += 1
    for i in range(start + 1, last + 1):
        if _CHECKED.match(lines[i]) and lines[i][: len(indent)] == indent:
            stop = i + 1  # a block-style checked: its deeper lines go with it
            while stop <= last and len(lines[stop]) - len(lines[stop].lstrip()) > len(indent):
                stop += 1
            return lines[:i] + [rec.line(indent)] + lines[stop:]
    return lines[: last + 1] + [rec.line(indent)] + lines[last + 1 :]


def _check_same_but_records(old: str, new: str, records: Mapping[str, Record]) -> None:
    """Raise RecordRefused unless ``new`` parses to ``old``'s sources with the recorded
    ``checked`` values: the text edit must never change anything else."""
    first, second = parse(old, "sources.yaml"), parse(new, "sources.yaml")
    before, after = first.data, second.data
    if second.problems or not isinstance(before, dict) or not isinstance(after, dict):
        raise RecordRefused("sources.yaml is not a mapping of sources; nothing was recorded")
    expected = {k: dict(v) if isinstance(v, dict) else v for k, v in before.items()}
    for sid, rec in records.items():
        if isinstance(expected.get(sid), dict):
            expected[sid]["checked"] = {"date": rec.date, "text_sha256": rec.text_sha256}
    if after != expected:
        raise RecordRefused(
            "sources.yaml is laid out in a way the record cannot be written into safely; "
            "nothing was recorded"
        )
