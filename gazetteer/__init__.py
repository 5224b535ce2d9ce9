"""Resolve Syrian place names as French dispatches spell them.

Public names are imported lazily so ``import gazetteer`` stays fast and has no side effects.

Examples
--------
>>> from gazetteer import Gazetteer
>>> Gazetteer().resolve("Maaret al-Noomane").name  # doctest: +SKIP
'Maarat al-Numan'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY = {
    "Gazetteer": "gazetteer.resolver",
    "Place": "gazetteer.types",
    "Resolution": "gazetteer.types",
    "normalize": "gazetteer.normalize",
    "skeleton": "gazetteer.normalize",
    "fold": "gazetteer.normalize",
    "SOURCES": "gazetteer.sources",
    "get_source": "gazetteer.sources",
    "ConflictmapError": "gazetteer.errors",
    "InputError": "gazetteer.errors",
}

__all__ = [
    "SOURCES",
    "ConflictmapError",
    "Gazetteer",
    "InputError",
    "Place",
    "Resolution",
    "__version__",
    "fold",
    "get_source",
    "normalize",
    "skeleton",
]

if TYPE_CHECKING:  # pragma: no cover - what the lazy names are, for type checkers
    from gazetteer.errors import ConflictmapError as ConflictmapError
    from gazetteer.errors import InputError as InputError
    from gazetteer.normalize import fold as fold
    from gazetteer.normalize import normalize as normalize
    from gazetteer.normalize import skeleton as skeleton
    from gazetteer.resolver import Gazetteer as Gazetteer
    from gazetteer.sources import SOURCES as SOURCES
    from gazetteer.sources import get_source as get_source
    from gazetteer.types import Place as Place
    from gazetteer.types import Resolution as Resolution


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'gazetteer' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return __all__
