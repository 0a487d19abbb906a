"""The git revision of a dataset folder, for handout footers."""

from __future__ import annotations

import subprocess
from pathlib import Path


def dataset_revision(root: Path | str) -> str | None:
    """``abc1234`` (``abc1234-modified`` with uncommitted changes) when ``root`` is in a
    git checkout, else None. Never raises: no git, no checkout, or a slow git give None."""
    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                                  text=True, timeout=5, check=False)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return None
    dirty = git("status", "--porcelain", "--", ".")
    return f"{commit}-modified" if dirty else commit
