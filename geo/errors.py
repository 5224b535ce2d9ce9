"""Re-export of the project's exception hierarchy (defined in :mod:`gazetteer.errors`)."""

from gazetteer.errors import (
    ConflictmapError,
    DataError,
    GeocoderServiceError,
    GeocoderTimedOut,
    InputError,
    MissingDependencyError,
    SourceError,
)

__all__ = [
    "ConflictmapError",
    "DataError",
    "GeocoderServiceError",
    "GeocoderTimedOut",
    "InputError",
    "MissingDependencyError",
    "SourceError",
]
