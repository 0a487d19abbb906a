"""The git revision of a dataset folder, for handout footers."""

from __future__ import annotations

from pathlib import Path


def dataset_revision(root: Path | str) -> str | None:
    """``abc1234`` (``abc1234-modified`` with uncommitted changes) when ``root`` is a
    dataset tracked in a git checkout, else None: a repository that merely holds the folder
    (untracked or ignored there) or the dataset installed with the package has no revision
    of the dataset. Never raises: no git, no checkout, or a slow git give None. git runs
    with :func:`cli.history.gitrepo.run`'s safe configuration: a repository's own settings
    (a file-system monitor, filters) cannot make it run anything."""
    from cli.history.gitrepo import GitError, Repository, run

    def git(*args: str) -> str | None:
        try:
            return run(root, *args, timeout=5).decode("utf-8", "replace").strip()
        except GitError:
            return None

    try:
        Repository.of(Path(root), timeout=5)
    except GitError:
        return None
    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return None
    dirty = git("status", "--porcelain", "-z", "--ignore-submodules=all", "--", ".")
    return f"{commit}-modified" if dirty else commit
