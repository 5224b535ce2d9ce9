"""The project's single exception hierarchy.

Every error conflictmap raises derives from :class:`ConflictmapError`; each class also
subclasses the matching builtin so callers can catch either (the habit of ``geopy/exc.py``).
``geo`` re-exports these names.
"""

from __future__ import annotations

__all__ = [
    "ConflictmapError",
    "DataError",
    "GeocoderServiceError",
    "GeocoderTimedOut",
    "InputError",
    "MissingDependencyError",
    "SourceError",
]


class ConflictmapError(Exception):
    """Root of every error raised by conflictmap."""


class InputError(ConflictmapError, ValueError):
    """A value, file or line given by the user is not usable; the message names it."""


class DataError(ConflictmapError, ValueError):
    """A data file (gazetteer table, boundaries, baseline) is malformed; the message names it."""


class SourceError(ConflictmapError, LookupError):
    """An unknown gazetteer source name, or a source that cannot be built."""


class GeocoderServiceError(ConflictmapError, ConnectionError):
    """An online geocoding service failed (HTTP error, bad answer)."""


class GeocoderTimedOut(GeocoderServiceError, TimeoutError):  # noqa: N818 - geopy's name, kept for its users
    """An online geocoding service did not answer in time."""


class MissingDependencyError(ConflictmapError, ImportError):
    """An optional dependency is needed for this feature; the message says how to install it."""
