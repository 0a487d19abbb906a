"""The folder layout of a dataset, and reading its files safely.

Everything here stays inside the dataset root: a link that leads outside it is reported,
never followed, and a file is read only up to a size limit.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from cli.dataset.limits import MAX_CANDIDATE_FILES, MAX_FILE_BYTES
from cli.problems import Code, Problem
from cli.text.plainfiles import read_regular

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_ID = 64
ROOT_FILES = ("dataset.yaml", "topics.yaml")
RACE_FILES = ("race.yaml", "sources.yaml")


def is_slug(text: str) -> bool:
    """Whether ``text`` is a valid id: a lowercase ASCII slug of at most 64 characters."""
    return len(text) <= MAX_ID and bool(SLUG.match(text))


def is_candidate_file(name: str) -> bool:
    """Whether an entry called ``name`` in a race folder is read as a candidate file: a
    ``*.yaml`` that is not hidden and not one of the race's own files. Its stem is the
    candidate id (reported when it is not a valid one)."""
    return name.endswith(".yaml") and not name.startswith(".") and name not in RACE_FILES


def is_well_named(name: str) -> bool:
    """Whether ``name`` is the name of a file the reader reads with no problem in its name:
    one of the dataset root's or a race's own files, or a candidate file named by an id."""
    return (
        name in ROOT_FILES
        or name in RACE_FILES
        or (is_candidate_file(name) and is_slug(name[: -len(".yaml")]))
    )


def race_file(rel: str) -> tuple[str, str] | None:
    """``(race id, file name)`` of ``rel``, a path relative to the dataset root with forward
    slashes, when it is a file the reader reads in a race folder (race.yaml, sources.yaml or
    a candidate file); None for anything else (a hidden folder or file, say)."""
    race, slash, name = rel.partition("/")
    if not slash or race.startswith(".") or "/" in name:
        return None
    return (race, name) if name in RACE_FILES or is_candidate_file(name) else None


def slugify(text: str, limit: int = MAX_ID) -> str:
    """``text`` as an id: accents dropped, lowercase, every other run of characters one
    hyphen, cut at a hyphen to at most ``limit`` characters ("" when nothing is left)."""
    from cli.text.textfold import fold

    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    if len(slug) > limit:
        cut = slug[: limit + 1].rfind("-")
        slug = slug[: cut if cut > 0 else limit].strip("-")
    return slug


class RaceFolder:
    """One race folder: its id (the folder name) and, listed on first use, candidate files."""

    def __init__(self, name: str, folder: str):
        self.id = name
        self.folder = folder  # as a string: listing thousands of races stays cheap
        self._candidates: dict[str, Path] | None = None
        #: problems found listing this folder (the dataset root's are in Layout.problems)
        self.problems: list[Problem] = []

    @property
    def path(self) -> Path:
        """The folder."""
        return Path(self.folder)

    @property
    def candidates(self) -> dict[str, Path]:
        """Candidate id -> file, listing the folder (and noting its problems) the first time."""
        if self._candidates is None:
            self._candidates = _scan_race(self)
        return self._candidates

    def may_hold(self, candidate: str) -> bool:
        """A cheap test, without listing the folder: is there an entry ``CANDIDATE.yaml``?"""
        return os.access(f"{self.folder}{os.sep}{candidate}.yaml", os.F_OK, follow_symlinks=False)


@dataclass
class Layout:
    """What a dataset folder holds, found by listing it (no file is parsed)."""

    root: Path
    races: dict[str, RaceFolder] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def rel(self, path: Path) -> str:
        """``path`` relative to the dataset root, with forward slashes (by string, as this
        runs for every file read)."""
        text, root = str(path), str(self.root)
        if text.startswith(root) and text[len(root) : len(root) + 1] == os.sep:
            return text[len(root) + 1 :].replace(os.sep, "/")
        return path.relative_to(self.root).as_posix()


def scan(root: Path) -> Layout:
    """List the dataset at ``root``: its race folders, with layout problems. A race folder's
    own files are listed when first asked for, so a command about one race never lists the
    others."""
    layout = Layout(root)
    for entry in _entries(root, ".", layout.problems):
        name = entry.name
        if entry.is_symlink() and entry.is_dir():
            layout.problems.append(
                Problem(
                    name,
                    1,
                    1,
                    Code.BAD_LINK,
                    "a symbolic link to a folder is not "
                    "followed; make the race folder a real folder",
                )
            )
        elif entry.is_dir(follow_symlinks=False):
            layout.races[name] = RaceFolder(name, entry.path)
        elif name.endswith((".yaml", ".yml")) and name not in ROOT_FILES:
            layout.problems.append(
                Problem(
                    name,
                    1,
                    1,
                    Code.CANDIDATE_IN_ROOT,
                    f"'{name}' is in the dataset root, where only {' and '.join(ROOT_FILES)} "
                    "belong; move a candidate file into its race folder",
                )
            )
    return layout


def _entries(folder: Path, rel: str, problems: list[Problem]) -> list:
    try:
        with os.scandir(folder) as it:
            return sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        problems.append(
            Problem(rel, 1, 1, Code.UNREADABLE, f"cannot list the folder: {exc.strerror}")
        )
        return []


def _scan_race(race: RaceFolder) -> dict[str, Path]:
    folder, problems = race.path, race.problems
    candidates: dict[str, Path] = {}
    rel = race.id  # a race folder stands in the dataset root
    if not is_slug(folder.name):
        problems.append(
            Problem(
                rel,
                1,
                1,
                Code.BAD_ID,
                f"race folder '{folder.name}' is not a valid id: use lowercase letters, digits "
                "and single hyphens, e.g. 2022-los-angeles-mayor",
            )
        )
    count = candidate_count(race.folder)
    if count > MAX_CANDIDATE_FILES:
        problems.append(
            Problem(
                rel,
                1,
                1,
                Code.TOO_MANY_FILES,
                f"the race folder holds {count} candidate files, over the limit of "
                f"{MAX_CANDIDATE_FILES}; none is read (a race has a few dozen candidates at most)",
            )
        )
        return candidates
    for entry in _entries(folder, rel, problems):
        name = entry.name
        if entry.is_dir(follow_symlinks=False) and name.endswith((".yaml", ".yml")):
            problems.append(
                Problem(f"{rel}/{name}", 1, 1, Code.NOT_A_FILE, "this is a folder, not a file")
            )
        elif entry.is_dir(follow_symlinks=False):
            problems.append(
                Problem(
                    f"{rel}/{name}",
                    1,
                    1,
                    Code.UNEXPECTED_FOLDER,
                    "a folder inside a race folder is ignored",
                )
            )
        elif name.endswith(".yml"):
            problems.append(
                Problem(
                    f"{rel}/{name}",
                    1,
                    1,
                    Code.WRONG_EXTENSION,
                    f"'{name}' is not read: dataset files end in .yaml; rename it to "
                    f"'{name[:-4]}.yaml'",
                )
            )
        elif is_candidate_file(name):
            stem = name[: -len(".yaml")]
            if not is_slug(stem):
                problems.append(
                    Problem(
                        f"{rel}/{name}",
                        1,
                        1,
                        Code.BAD_FILE_NAME,
                        f"candidate file name '{name}' is not a valid id: the file stem is the "
                        "candidate id, in lowercase letters, digits and single hyphens",
                    )
                )
            candidates[stem] = Path(entry.path)
    return candidates


def candidate_count(folder: str) -> int:
    """How many entries of ``folder`` would be candidate files (``*.yaml`` but the race's
    own two), counted without sorting or keeping them; 0 when it cannot be listed."""
    count = 0
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if is_candidate_file(entry.name):
                    count += 1
    except OSError:
        return 0
    return count


def read_text(layout: Layout, path: Path) -> tuple[str | None, list[Problem]]:
    """The text of ``path``, or None with the problems that stop it being read."""
    rel = layout.rel(path)

    def fail(code: Code, message: str, line: int = 1, column: int = 1):
        return None, [Problem(rel, line, column, code, message)]

    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return fail(Code.MISSING_FILE, "the file does not exist")
    real = path  # a plain entry of the root or of a race folder (never a link) is inside
    if stat.S_ISLNK(mode):
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return fail(
                Code.BAD_LINK,
                "a symbolic link that leads nowhere (or in a loop); replace it with the file",
            )
        if not real.is_relative_to(layout.root.resolve()):
            return fail(
                Code.OUTSIDE_LINK,
                "a symbolic link that leads outside the dataset is "
                "not followed; copy the file in instead",
            )
        mode = os.stat(real).st_mode
    if stat.S_ISDIR(mode):
        return fail(Code.NOT_A_FILE, "this is a folder, not a file")
    try:
        raw = read_regular(real, MAX_FILE_BYTES)
    except FileNotFoundError:
        return fail(Code.MISSING_FILE, "the file vanished while it was being read; run again")
    except OSError as exc:
        return fail(Code.UNREADABLE, f"cannot read the file: {exc.strerror}")
    if raw is None:
        return fail(
            Code.NOT_A_FILE,
            "this is not a regular file (a pipe or a device?); replace it with a plain file",
        )
    if len(raw) > MAX_FILE_BYTES:
        return fail(
            Code.FILE_TOO_LARGE,
            f"the file is over the limit of {MAX_FILE_BYTES} bytes; "
            "a dataset file is a few kilobytes",
        )
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return fail(
            Code.NOT_UTF8,
            f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            line,
            column,
        )
