"""Reading a dataset's files as they were at earlier git revisions.

Runs the ``git`` program (never a shell) with the dataset folder as its working folder.
Every failure, git missing included, is a :class:`GitError` with a message for the user.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


class GitError(Exception):
    """git is missing, the folder is not in a checkout, or a revision does not exist."""


@dataclass(frozen=True)
class Commit:
    """One commit that touched a file, with the file's path at that commit."""

    id: str
    date: str
    message: str
    path: str


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, timeout=60,
                              check=False, input=stdin)
    except FileNotFoundError:
        raise GitError("git is not installed; history and changes need it") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git failed: {exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


@dataclass(frozen=True)
class Repository:
    """The git checkout holding a dataset: its top folder and the dataset's place in it."""

    top: Path
    prefix: str  # the dataset root relative to ``top`` ("" when they are the same)

    @classmethod
    def of(cls, root: Path) -> "Repository":
        """The checkout holding ``root``; GitError when there is none."""
        root = Path(root).resolve()
        try:
            top = _git(root, "rev-parse", "--show-toplevel").decode().strip()
        except GitError:
            raise GitError(f"{root} is not in a git repository: history and changes read "
                           "the dataset's git history (run 'git init' and commit it)") from None
        prefix = root.relative_to(Path(top).resolve()).as_posix()
        return cls(Path(top), "" if prefix == "." else prefix)

    def path(self, rel: str) -> str:
        """A dataset-relative path as a path in the repository."""
        return f"{self.prefix}/{rel}" if self.prefix else rel

    def commit(self, revision: str) -> str:
        """The full id of ``revision``; GitError naming it when it does not exist."""
        try:
            return _git(self.top, "rev-parse", "--verify", "--quiet", "--end-of-options",
                        f"{revision}^{{commit}}").decode().strip()
        except GitError:
            raise GitError(f"unknown revision '{revision}'") from None

    def log(self, rel: str) -> list[Commit]:
        """The commits that changed the dataset file ``rel``, oldest first, following renames."""
        out = _git(self.top, "log", "--follow", "--name-only", "-z",
                   "--format=%x01%H%x00%cI%x00%s", "--", self.path(rel)).decode("utf-8",
                                                                                "replace")
        commits = []
        for record in out.split("\x01")[1:]:
            fields = [f.strip("\n") for f in record.split("\x00")]
            commit_id, date, message = fields[:3]
            path = next((f for f in fields[3:] if f), self.path(rel))
            commits.append(Commit(commit_id, date, message, path))
        return commits[::-1]

    def read(self, wanted: list[tuple[str, str]]) -> list[bytes | None]:
        """The bytes of each (commit, repository path) in ``wanted``, None where the path is
        absent, all through one ``git cat-file --batch`` rather than a process per file."""
        if not wanted:
            return []
        names = b"".join(f"{commit}:{path}\n".encode() for commit, path in wanted)
        out = _git(self.top, "cat-file", "--batch", stdin=names)
        blobs: list[bytes | None] = []
        at = 0
        for _ in wanted:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            at = end + 1
            if len(header) != 3 or header[1] != b"blob":  # "<name> missing", or a tree
                blobs.append(None)
                continue
            size = int(header[2])
            blobs.append(out[at:at + size])
            at += size + 1  # the content, then a newline
        return blobs

    def files(self, commit: str) -> list[str]:
        """Every dataset-relative file path at ``commit``."""
        spec = [self.prefix] if self.prefix else []
        out = _git(self.top, "ls-tree", "-r", "-z", "--name-only", commit, "--", *spec)
        cut = len(self.prefix) + 1 if self.prefix else 0
        return [name[cut:] for name in out.decode("utf-8", "replace").split("\x00") if name]
