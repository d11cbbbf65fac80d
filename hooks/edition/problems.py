"""Collect every problem found in a data file, then fail once with all of them."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from mkdocs.exceptions import PluginError


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file: where it is, which field, what to do about it."""

    file: str
    where: str
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        field = f" [{self.field}]" if self.field else ""
        place = f"{self.file}:{self.line}" if self.line else self.file
        return f"{place}: {self.where}{field}: {self.message}"


def fail_if_any(problems: list[Problem], what: str) -> None:
    """Raise one PluginError listing every problem, or return if there are none."""
    if not problems:
        return
    lines = "\n".join(f"  - {problem}" for problem in problems)
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    raise PluginError(f"{count} {noun} in {what}:\n{lines}")


def forget_reported(logger: logging.Logger) -> int:
    """Empty the memory of MkDocs' duplicate-message filters on ``logger``, so that an error
    reported by the previous build (under `mkdocs serve`) is reported again. Returns how many
    filters were reset."""
    count = 0
    for log_filter in logger.filters:
        if isinstance(getattr(log_filter, "msgs", None), set):
            log_filter.msgs.clear()
            count += 1
    return count
