"""Paper sizes for printed handouts, and the default size a reader's locale asks for."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

#: Portrait width and height in millimetres.
SIZES = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
#: Territories whose locales print on Letter (as glibc's LC_PAPER has it); everyone else A4.
LETTER_TERRITORIES = frozenset(
    {"US", "CA", "MX", "PR", "PH", "CL", "CO", "CR", "GT", "NI", "PA", "SV", "VE", "DO"}
)
#: Page margin on every side, in millimetres (the CSS and the LaTeX geometry use it).
MARGIN_MM = 14.0


@dataclass(frozen=True)
class Paper:
    """A sheet: its name (``a4`` or ``letter``) and orientation."""

    name: str
    landscape: bool = False

    @property
    def width_mm(self) -> float:
        """The sheet's width as it is printed on, in millimetres."""
        width, height = SIZES[self.name]
        return height if self.landscape else width

    @property
    def height_mm(self) -> float:
        """The sheet's height as it is printed on, in millimetres."""
        width, height = SIZES[self.name]
        return width if self.landscape else height

    @property
    def text_width_mm(self) -> float:
        """The width between the margins."""
        return self.width_mm - 2 * MARGIN_MM

    @property
    def css_size(self) -> str:
        """The CSS ``size`` of ``@page``: ``A4`` or ``letter``, then the orientation."""
        return ("A4" if self.name == "a4" else "letter") + (
            " landscape" if self.landscape else " portrait"
        )

    @property
    def latex_options(self) -> str:
        """The ``geometry`` package options for this sheet."""
        return ("a4paper" if self.name == "a4" else "letterpaper") + (
            ",landscape" if self.landscape else ""
        )


def locale_paper(environ: Mapping[str, str]) -> str:
    """``letter`` when the locale in ``environ`` is of a Letter territory, else ``a4``.

    The locale is the first set of LC_ALL, LC_PAPER and LANG (POSIX precedence): ``en_US``,
    ``fr_CA.UTF-8`` and ``es_MX`` give Letter; ``C``, ``POSIX``, ``de_DE`` or nothing give A4.
    """
    for variable in ("LC_ALL", "LC_PAPER", "LANG"):
        value = environ.get(variable)
        if value:
            territory = value.split(".")[0].split("@")[0].partition("_")[2]
            return "letter" if territory.upper() in LETTER_TERRITORIES else "a4"
    return "a4"
