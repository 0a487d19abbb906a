"""Reading a dataset's files as they were at earlier git revisions.

Runs the ``git`` program (never a shell) with the dataset folder as its working folder,
always through :func:`run`, which gives git a configuration that cannot execute anything a
repository's own configuration names: no file-system monitor, no hooks, no external diff,
no textconv or clean/smudge filter, no pager, no signature checks, no network protocol,
no system configuration and none of the caller's ``GIT_*`` variables. Every output is read
NUL-separated (a path may hold a newline). Blobs obey the limits of files on disk: one
over ``MAX_FILE_BYTES`` is not read, and a race folder over ``MAX_CANDIDATE_FILES``
candidate files is refused; a symbolic link reads as the file it names inside the dataset
(:mod:`cli.history.treelinks`), never as the path it holds. A dataset's repository is the
one that tracks its files: not one it merely sits in (as a virtual environment sits in a
project), and never one around the dataset installed with the package. Every failure, git
missing included, is a :class:`GitError` with a message for the user, in git's words where
git refused.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cli.dataset.bundled import is_installed_copy
from cli.dataset.layout import is_candidate_file, race_file
from cli.dataset.limits import MAX_CANDIDATE_FILES, MAX_FILE_BYTES
from cli.history.treelinks import resolve
from cli.text.controlchars import clean

#: Settings given on every git command line: each turns off a way for a repository's
#: configuration (or the user's) to make git run a program.
SAFE_SETTINGS = (
    "core.fsmonitor=false",  # a command git runs when it looks at the working tree
    "core.hooksPath=/dev/null",  # hooks
    "core.pager=cat",
    "core.editor=false",
    "core.sshCommand=false",
    "core.askPass=",
    "credential.helper=",
    "diff.external=",  # an external diff program
    "log.showSignature=false",  # would run gpg.program
    "gpg.program=false",
    "protocol.allow=never",  # no transport at all (ext:: runs commands)
    "submodule.recurse=false",
    "status.submoduleSummary=false",
)
#: Per-driver settings (filter.NAME.clean and the like) neutralised for each driver a
#: repository names.
#: Blobs read by one ``git cat-file`` process (each at most MAX_FILE_BYTES).
_BATCH = 32
_DRIVER_KEYS = {"filter": ("clean", "smudge", "process"), "diff": ("command", "textconv")}


class GitError(Exception):
    """git is missing, the folder is not in a checkout, or a revision does not exist."""


class GitMissing(GitError):
    """The git program is not installed (or not on PATH)."""


class NotARepository(GitError):
    """git found no repository in the folder or any folder above it."""


#: Modes of the tree entries read as files: a regular file, an executable one, a link.
_FILE_MODES = ("100644", "100755")
_LINK_MODE = "120000"


@dataclass(frozen=True)
class Commit:
    """One commit that touched a file, with the file's path at that commit and the id of
    its blob there (None where the commit deleted it)."""

    id: str
    date: str
    message: str
    path: str
    blob: str | None = None


#: GIT_* variables kept: they only narrow where git looks for a repository.
_KEPT_VARIABLES = ("GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM")


def environment() -> dict[str, str]:
    """The environment git runs in: the caller's without the ``GIT_*`` variables that
    could point git at another repository or program, no system configuration, no
    prompts, untranslated messages."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k in _KEPT_VARIABLES}
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        GIT_ATTR_NOSYSTEM="1",
        GIT_TERMINAL_PROMPT="0",
        GIT_PAGER="cat",
        GIT_OPTIONAL_LOCKS="0",
        LC_ALL="C",
    )
    return env


def _command(cwd: Path, args: tuple[str, ...], drivers: tuple[str, ...] = ()) -> list[str]:
    settings = [part for setting in (*SAFE_SETTINGS, *drivers) for part in ("-c", setting)]
    return ["git", "-C", str(cwd), *settings, *args]


@lru_cache(maxsize=16)
def _driver_settings(cwd: str) -> tuple[str, ...]:
    """``-c`` settings that empty every filter and diff driver the configuration seen from
    ``cwd`` defines (a driver's name is the repository's choice, so they are listed)."""
    try:
        done = subprocess.run(
            _command(
                Path(cwd), ("config", "-z", "--name-only", "--get-regexp", r"^(filter|diff)\.")
            ),
            capture_output=True,
            timeout=30,
            check=False,
            env=environment(),
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    names = set()
    for key in done.stdout.decode("utf-8", "replace").split("\x00"):
        section, _, rest = key.partition(".")
        name, _, _ = rest.rpartition(".")
        if section in _DRIVER_KEYS and name:
            names.add((section, name))
    return tuple(
        f"{section}.{name}.{key}="
        for section, name in sorted(names)
        for key in _DRIVER_KEYS[section]
    )


def run(cwd: Path | str, *args: str, stdin: bytes | None = None, timeout: float = 60) -> bytes:
    """The output of ``git ARGS`` run safely in ``cwd``; GitError (GitMissing when git is
    not installed) when it cannot run or fails."""
    cwd = Path(cwd)
    try:
        done = subprocess.run(
            _command(cwd, args, _driver_settings(str(cwd))),
            capture_output=True,
            timeout=timeout,
            check=False,
            input=stdin,
            env=environment(),
        )
    except FileNotFoundError:
        raise GitMissing(
            "git is not installed (or not on PATH); history and changes read "
            "the dataset's git history with it"
        ) from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git failed: {exc}") from None
    if done.returncode != 0:
        raise _failure(args[0], cwd, done.stderr.decode("utf-8", "replace"))
    return done.stdout


def _failure(command: str, cwd: Path, stderr: str) -> GitError:
    """The error of a git command that failed: git's own words (its ``fatal:`` line, made
    inert for a terminal), and what to do when git refused a repository of another user."""
    lines = [clean(line.strip()) for line in stderr.splitlines() if line.strip()]
    said = next((line for line in lines if line.startswith(("fatal:", "error:"))), None)
    said = said or (lines[-1] if lines else f"git {command} failed")
    if "dubious ownership" in stderr:
        at = re.search(r"dubious ownership in repository at '(.*)'$", stderr, re.M)
        where = at.group(1) if at else str(cwd)
        return GitError(
            f"git refuses to read the repository at {clean(where)}: it is owned by another "
            f"user ({said}). If you trust that user, mark it safe and run again: git config "
            f"--global --add safe.directory {clean(shlex.quote(where))}"
        )
    if "not a git repository" in stderr:
        return NotARepository(said)
    return GitError(said)


@dataclass(frozen=True)
class Repository:
    """The git checkout holding a dataset: its top folder and the dataset's place in it."""

    top: Path
    prefix: str  # the dataset root relative to ``top`` ("" when they are the same)

    @classmethod
    def of(cls, root: Path, timeout: float = 60) -> Repository:
        """The checkout whose files include the dataset at ``root``; GitError when there
        is none, when the one around ``root`` tracks none of its files, when ``root`` is
        the dataset installed with the package, or when git refuses the repository
        (GitMissing when there is no git to ask)."""
        root = Path(root).resolve()
        if is_installed_copy(root):
            raise GitError(
                f"{clean(str(root))} is the dataset installed with platforms, which has no "
                "git history of its own; run history and changes with --data on a git "
                "checkout of a dataset"
            )
        try:
            top = run(root, "rev-parse", "--show-toplevel", timeout=timeout)
        except NotARepository:
            raise GitError(
                f"{clean(str(root))} is not in a git repository: history and changes read "
                "the dataset's git history (run 'git init' and commit it)"
            ) from None
        name = top.decode("utf-8", "surrogateescape")
        name = name[:-1] if name.endswith("\n") else name  # only the line end: a name may end so
        if not run(root, "ls-files", "-z", "--", ".", timeout=timeout):
            raise GitError(
                f"{clean(str(root))} is inside the git repository at {clean(name)}, but none "
                "of its files are tracked there (untracked or ignored), so that repository "
                "holds no history of this dataset; 'git add' and commit the dataset there, "
                "or keep it in a repository of its own"
            )
        prefix = root.relative_to(Path(name).resolve()).as_posix()
        return cls(Path(name), "" if prefix == "." else prefix)

    def path(self, rel: str) -> str:
        """A dataset-relative path as a path in the repository."""
        return f"{self.prefix}/{rel}" if self.prefix else rel

    def commit(self, revision: str) -> str:
        """The full id of the commit ``revision`` names (any syntax git accepts, ``:/text``
        included; a tag is followed to its commit); GitError naming it when there is none."""
        try:
            found = (
                run(self.top, "rev-parse", "--verify", "--quiet", "--end-of-options", revision)
                .decode()
                .strip()
            )
            return (
                run(self.top, "rev-parse", "--verify", "--quiet", f"{found}^{{commit}}")
                .decode()
                .strip()
            )
        except GitError:
            raise GitError(f"unknown revision '{revision}'") from None

    def shallow(self) -> bool:
        """Whether this is a shallow clone (older commits are not in it)."""
        return run(self.top, "rev-parse", "--is-shallow-repository").strip() == b"true"

    def log(self, rel: str) -> list[Commit]:
        """The commits that changed the dataset file ``rel``, oldest first, following
        renames, each with the file's path and blob id at that commit."""
        out = run(
            self.top,
            "log",
            "--follow",
            "--no-ext-diff",
            "--no-textconv",
            "--raw",
            "--no-abbrev",
            "-z",
            "--format=%H%x00%cI%x00%s",
            "--",
            self.path(rel),
        )
        return _parse_log(out, self.path(rel))[::-1]

    def blobs(self, ids: list[str | None]) -> Iterator[bytes | None]:
        """The content of each blob in ``ids``, read a few at a time (memory holds at most
        ``_BATCH`` blobs of at most ``MAX_FILE_BYTES``); None for a None id, a missing
        object, or a blob over ``MAX_FILE_BYTES``."""
        wanted = [i for i in dict.fromkeys(ids) if i]
        small = set()
        if wanted:
            sizes = run(
                self.top,
                "cat-file",
                "--batch-check=%(objectname) %(objecttype) %(objectsize)",
                stdin="".join(f"{i}\n" for i in wanted).encode(),
            )
            for line in sizes.decode("ascii", "replace").splitlines():
                fields = line.split()
                if len(fields) == 3 and fields[1] == "blob" and int(fields[2]) <= MAX_FILE_BYTES:
                    small.add(fields[0])
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start : start + _BATCH]
            readable = [i for i in dict.fromkeys(chunk) if i in small]
            contents = dict(zip(readable, self._contents(readable)))
            yield from (contents.get(blob) if blob else None for blob in chunk)

    def _contents(self, ids: list[str]) -> list[bytes]:
        """The bytes of each blob in ``ids`` (each known to be a blob within the limit)."""
        if not ids:
            return []
        out = run(
            self.top,
            "cat-file",
            "--batch=%(objectsize)",
            stdin="".join(f"{i}\n" for i in ids).encode(),
        )
        found, at = [], 0
        for _ in ids:
            end = out.index(b"\n", at)
            size = int(out[at:end])
            found.append(out[end + 1 : end + 1 + size])
            at = end + 1 + size + 1  # the content, then a newline
        return found

    def tree(self, commit: str, *paths: str) -> list[tuple[str, str, int, str]]:
        """(mode, blob id, size, repository path) of every file and symbolic link under
        ``paths`` (the whole tree when none) at ``commit``."""
        out = run(self.top, "ls-tree", "-r", "-z", "--long", "--full-tree", commit, "--", *paths)
        entries = []
        for record in out.decode("utf-8", "surrogateescape").split("\x00"):
            head, tab, path = record.partition("\t")
            fields = head.split()
            if tab and len(fields) == 4 and fields[1] == "blob":
                entries.append((fields[0], fields[2], int(fields[3]), path))
        return entries

    def dataset_files(self, commit: str) -> list[tuple[str, str | None, int]]:
        """(dataset-relative path, blob id, size) of every file of the dataset at
        ``commit``, a symbolic link giving the blob and size of the dataset file it names
        (a None blob when it names none). GitError when a race folder there holds more
        candidate files than a folder on disk may."""
        cut, under = (len(self.prefix) + 1, [self.prefix]) if self.prefix else (0, [])
        entries = {
            path[cut:]: (mode, blob, size) for mode, blob, size, path in self.tree(commit, *under)
        }
        per_folder: dict[str, int] = {}
        for rel in entries:
            place = race_file(rel)
            if place is not None and is_candidate_file(place[1]):
                per_folder[place[0]] = per_folder.get(place[0], 0) + 1
        for folder, count in per_folder.items():
            if count > MAX_CANDIDATE_FILES:
                raise GitError(
                    f"{folder} at {commit[:12]} holds {count} candidate files, "
                    f"over the limit of {MAX_CANDIDATE_FILES} per race"
                )
        files = {rel for rel, (mode, _, _) in entries.items() if mode in _FILE_MODES}
        links = {rel: blob for rel, (mode, blob, _) in entries.items() if mode == _LINK_MODE}
        targets = {
            rel: raw.decode("utf-8", "surrogateescape")
            for rel, raw in zip(links, self.blobs(list(links.values())))
            if raw is not None
        }
        found: list[tuple[str, str | None, int]] = []
        for rel, (mode, blob, size) in entries.items():
            if mode in _FILE_MODES:
                found.append((rel, blob, size))
            elif mode == _LINK_MODE:
                named = resolve(rel, targets, files)
                found.append((rel, *entries[named][1:]) if named else (rel, None, 0))
        return found


def _parse_log(out: bytes, path: str) -> list[Commit]:
    """The commits of ``git log --raw -z --format=%H%x00%cI%x00%s`` output, newest first.
    Read field by field on NUL bytes, so a path or message holding a newline is whole."""
    tokens = out.split(b"\x00")
    commits: list[Commit] = []
    current: list | None = None  # [id, date, message, path, blob]
    at = 0
    while at < len(tokens):
        token = tokens[at].lstrip(b"\n")
        if not token:
            at += 1
        elif token.startswith(b":") and current is not None:  # :modes ids status, paths
            fields = token[1:].split()
            count = 2 if fields[-1][:1] in (b"R", b"C") else 1
            names = tokens[at + 1 : at + 1 + count]
            at += 1 + count
            blob = fields[3].decode("ascii") if len(fields) >= 5 else ""
            current[3] = names[-1].decode("utf-8", "surrogateescape") if names else current[3]
            current[4] = None if not blob or set(blob) == {"0"} else blob
        else:
            if current is not None:
                commits.append(Commit(*current))
            words = [t.decode("utf-8", "replace") for t in tokens[at : at + 3]]
            words += [""] * (3 - len(words))
            current = [words[0], words[1], words[2], path, None]
            at += 3
    if current is not None:
        commits.append(Commit(*current))
    return commits
