"""The main job: streaming extraction into a spool, joins and writers in chunks, engines.

``run`` and ``preflight`` (from :mod:`geo.pipeline.job`) are reached from here lazily, so importing
:mod:`geo.pipeline.spool` alone does not load the job.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["RunSummary", "preflight", "run", "sample_inputs"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("geo.pipeline.job"), name)
    raise AttributeError(f"module 'geo.pipeline' has no attribute {name!r}")
