"""Progress bars of the job's stages: tqdm on stderr when asked for and stderr is a terminal."""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["progress_bar", "tick"]


def progress_bar(progress: bool, **kwargs: Any) -> Any:
    """A tqdm bar on stderr when ``progress`` and stderr is a terminal (a no-op bar otherwise).

    ``kwargs`` go to ``tqdm`` (``desc``, ``unit``, ``total``).
    """
    from tqdm import tqdm

    return tqdm(file=sys.stderr, leave=False, disable=not (progress and sys.stderr.isatty()), **kwargs)


def tick(bar: Any, total: int) -> None:
    """Advance ``bar`` by one step of ``total`` (resetting it when the total changes)."""
    if bar.total != total:
        bar.reset(total=total)
    bar.update()
