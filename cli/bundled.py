"""Where the bundled dataset is: inside the installed package, or beside it in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_root() -> Path:
    """The bundled dataset: ``cli/bundled`` in a wheel, ``platforms/`` in a source tree."""
    installed = _PACKAGE / "bundled"
    return installed if installed.is_dir() else _PACKAGE.parent / "platforms"
