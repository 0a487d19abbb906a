"""The user's cache folder for this tool (``$XDG_CACHE_HOME/candidate-platforms``)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir(*parts: str) -> Path:
    """``$XDG_CACHE_HOME/candidate-platforms/PARTS`` (``~/.cache`` when unset); not created."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root.joinpath("candidate-platforms", *parts)
