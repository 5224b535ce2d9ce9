"""Reading dispatches: files, folders, JSON Lines, CSV, HTML -> Document.

:func:`read_dispatches` (from :mod:`geo.read.reader`) is the entry point; :class:`ReadError`
records what was skipped.
"""

from geo.read.reader import ReadError, read_dispatches

__all__ = ["ReadError", "read_dispatches"]
