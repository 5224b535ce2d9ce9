"""Extract, geolocate and map events from French dispatches about the war in Syria.

The Python API mirrors the ``conflictmap`` command line. Heavy libraries (geopandas, folium)
are imported only when a function needs them; ``import geo`` has no side effects.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY = {
    "read_dispatches": "geo.read",
    "extract": "geo.extract.document",
    "extract_document": "geo.extract.document",
    "to_geodataframe": "geo.spatial.frames",
    "join_admin": "geo.spatial.admin",
    "load_boundaries": "geo.spatial.admin",
    "make_map": "geo.render.webmap",
    "write_geopackage": "geo.write.gpkg",
    "run": "geo.pipeline.job",
    "ControlTable": "geo.spatial.control",
    "Document": "geo.model",
    "Event": "geo.model",
    "Mention": "geo.model",
    "ConflictmapError": "gazetteer.errors",
    "InputError": "gazetteer.errors",
}

__all__ = [
    "ConflictmapError",
    "ControlTable",
    "Document",
    "Event",
    "InputError",
    "Mention",
    "__version__",
    "extract",
    "extract_document",
    "join_admin",
    "load_boundaries",
    "make_map",
    "read_dispatches",
    "run",
    "settings",
    "to_geodataframe",
    "write_geopackage",
]

if TYPE_CHECKING:  # pragma: no cover
    from gazetteer.errors import ConflictmapError, InputError
    from geo.extract.document import extract, extract_document
    from geo.model import Document, Event, Mention
    from geo.pipeline.job import run
    from geo.read import read_dispatches
    from geo.render.webmap import make_map
    from geo.spatial.admin import join_admin, load_boundaries
    from geo.spatial.control import ControlTable
    from geo.spatial.frames import to_geodataframe
    from geo.write.gpkg import write_geopackage


def __getattr__(name: str) -> Any:
    if name == "settings":  # the one settings module, shared with the gazetteer
        return importlib.import_module("gazetteer.settings")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'geo' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return __all__
