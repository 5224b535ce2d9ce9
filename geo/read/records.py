"""What the readers hand back besides documents: :class:`ReadError` records and the skip signal."""

from __future__ import annotations

import logging
from dataclasses import dataclass

__all__ = ["LOG", "ReadError", "SkipError"]

#: The logger every reader reports on.
LOG = logging.getLogger("conflictmap")


@dataclass(frozen=True, slots=True)
class ReadError:
    """A document that could not be read and was skipped.

    Parameters
    ----------
    source : str
        The file path (or ``"-"`` for standard input).
    line : int or None
        The 1-based line of a JSON Lines or CSV row, None for a whole file.
    reason : str
        What was wrong.
    """

    source: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.reason}"


class SkipError(Exception):
    """A document to skip, with its reason and line; the readers turn it into a :class:`ReadError`."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
