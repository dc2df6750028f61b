"""Problems found in input, and the one error type that reaches the CLI."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"  # not a problem: a guess an importer made, for the editor to confirm


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One finding, printed as ``PATH:LINE:COL: severity: MESSAGE [CODE]``.

    ``line`` and ``col`` are 1-based; 0 means "the whole file".
    """

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.severity.value}: {self.message} [{self.code}]"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


def error(path: str, line: int, col: int, code: str, message: str, hint: str = "") -> Problem:
    return Problem(path, line, col, Severity.ERROR, code, message, hint)


def warning(path: str, line: int, col: int, code: str, message: str, hint: str = "") -> Problem:
    return Problem(path, line, col, Severity.WARNING, code, message, hint)


def note(path: str, line: int, col: int, code: str, message: str, hint: str = "") -> Problem:
    return Problem(path, line, col, Severity.NOTE, code, message, hint)


class BriefkitError(Exception):
    """The only exception meant for an editor's eyes.

    It carries either a list of problems (exit code 1) or a plain message.
    ``exit_code`` 2 means the command was used wrongly.
    """

    def __init__(
        self, message: str = "", *, problems: list[Problem] | tuple[Problem, ...] = (), hint: str = "", exit_code: int = 1
    ) -> None:
        super().__init__(message or f"{sum(p.is_error for p in problems)} error(s) found")
        self.message = message
        self.problems = tuple(problems)
        self.hint = hint
        self.exit_code = exit_code
