"""Per-source cache of places and their name keys, for large installed sources (GeoNames, OCHA, lists).

Reading a 30,000-row GeoNames dump and computing every name's normalized and skeleton keys takes
seconds; the result is pickled in ``<cache dir>/index/`` under a fingerprint of the source (its
files' paths, sizes and modification times, its options) and of the code that turns rows into
keys (the source's module and :mod:`gazetteer.normalize`, hashed), so any change rebuilds it.
Sources without :meth:`~gazetteer.sources.base.Source.fingerprint` (the embedded one, objects
built in memory) are read directly. The cache is the user's own folder, written atomically; a
cache file that cannot be read is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import pickle
from pathlib import Path
from typing import Any

from gazetteer import settings
from gazetteer._index import name_keys
from gazetteer.atomic import atomic_path
from gazetteer.sources.base import Source
from gazetteer.types import Place

__all__ = ["file_fingerprint", "load_source"]

_FORMAT = 1


def file_fingerprint(path: Path) -> tuple[str, int, int]:
    """(resolved path, size, mtime_ns) of a file."""
    st = path.stat()
    return (str(path.resolve()), st.st_size, st.st_mtime_ns)


def _code_hash(src: Source) -> str:
    """A hash of the code that makes the source's places and keys: its module and the name keys'."""
    digest = hashlib.sha256()
    # the module gazetteer.normalize (``from gazetteer import normalize`` may give its function)
    for module in (inspect.getmodule(type(src)), importlib.import_module("gazetteer.normalize")):
        try:
            if module is None:
                raise TypeError("the source's class has no module")
            digest.update(Path(inspect.getfile(module)).read_bytes())
        except (OSError, TypeError):
            digest.update(repr(module).encode())
    return digest.hexdigest()[:16]


def load_source(src: Source) -> tuple[list[Place], list[tuple[tuple[str, str], ...]]]:
    """Return the places of ``src`` and :func:`~gazetteer._index.name_keys` of each, cached when possible."""
    fingerprint = src.fingerprint()
    if fingerprint is None:
        places = list(src.places())
        return places, [name_keys(p) for p in places]
    key = hashlib.sha256(repr((_FORMAT, fingerprint, _code_hash(src))).encode()).hexdigest()[:20]
    folder = settings.cache_dir() / "index"
    path = folder / f"{src.name}-{key}.pickle"
    try:
        with open(path, "rb") as fh:
            data: Any = pickle.load(fh)
        if isinstance(data, tuple) and len(data) == 2 and len(data[0]) == len(data[1]):
            return data[0], data[1]
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, ImportError):
        pass
    places = list(src.places())
    keys = [name_keys(p) for p in places]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"{src.name}-*.pickle"):
            old.unlink(missing_ok=True)
        with atomic_path(path, suffix=".pickle") as tmp, open(tmp, "wb") as fh:
            pickle.dump((places, keys), fh, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        pass  # a cache that cannot be written is not worth failing the lookup
    return places, keys
