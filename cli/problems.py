"""Problems found in a dataset, located at a file, line and column."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding of validation, in the order a compiler would list it."""

    path: str
    line: int
    column: int
    severity: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def to_dict(self) -> dict:
        """The JSON form used by ``validate --format json``."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


class DataError(Exception):
    """The dataset cannot be used as it stands; carries every error found."""

    def __init__(
        self, problems: list[Problem], hint: str = "run 'platforms validate' for the full report"
    ):
        self.problems = sorted(problems)
        self.hint = hint
        super().__init__("\n".join(str(p) for p in self.problems))


def errors_in(problems: list[Problem]) -> list[Problem]:
    """The problems that are errors, not warnings."""
    return [p for p in problems if p.severity == ERROR]
