"""Extract, geolocate and map events from French dispatches about the war in Syria.

The Python API mirrors the ``conflictmap`` command line. Heavy libraries (geopandas, folium)
are imported only when a function needs them; ``import geo`` has no side effects.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY = {
    "read_dispatches": "geo.reader",
    "extract": "geo.extract",
    "extract_document": "geo.extract",
    "to_geodataframe": "geo.frames",
    "join_admin": "geo.admin",
    "load_boundaries": "geo.admin",
    "make_map": "geo.webmap",
    "write_geopackage": "geo.gpkg",
    "run": "geo.pipeline",
    "ControlTable": "geo.control",
    "Document": "geo.model",
    "Event": "geo.model",
    "Mention": "geo.model",
    "ConflictmapError": "gazetteer.errors",
    "InputError": "gazetteer.errors",
}

__all__ = sorted(_LAZY) + ["__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from gazetteer.errors import ConflictmapError, InputError
    from geo.admin import join_admin, load_boundaries
    from geo.control import ControlTable
    from geo.extract import extract, extract_document
    from geo.frames import to_geodataframe
    from geo.gpkg import write_geopackage
    from geo.model import Document, Event, Mention
    from geo.pipeline import run
    from geo.reader import read_dispatches
    from geo.webmap import make_map


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'geo' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return __all__
