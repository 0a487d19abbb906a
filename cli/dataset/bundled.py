"""Where the bundled dataset is: inside the installed package, or beside it in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # cli/


def bundled_root() -> Path:
    """The bundled dataset: ``cli/bundled`` in a wheel, ``platforms/`` in a source tree."""
    installed = _PACKAGE / "bundled"
    return installed if installed.is_dir() else _PACKAGE.parent / "platforms"


def is_installed_copy(root: Path) -> bool:
    """Whether ``root`` lies inside the installed package (the wheel's bundled dataset),
    which the next upgrade replaces: no place for a curator's own files."""
    return root.resolve().is_relative_to(_PACKAGE)
