"""Atomic file writes shared by every writer (cache, GeoPackage, HTML, CSV).

A file is written under a temporary name in the same folder, then moved over the target with
:func:`os.replace`, so a crash never leaves a half-written output and work already done survives.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_path", "atomic_write_text"]


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def atomic_path(path: str | Path, *, suffix: str = ".tmp") -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success move it over ``path``.

    The temporary file is not created: the caller (or a library such as GDAL) creates it.
    On any exception it is removed and ``path`` is left untouched.

    Parameters
    ----------
    path
        The final file.
    suffix
        Suffix of the temporary name (some libraries pick the format from it, e.g. ``.gpkg``).
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.stem}.{uuid.uuid4().hex[:8]}{suffix}")
    try:
        yield tmp
        tmp.chmod(_default_mode())
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_text(path: str | Path, text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically and return the path."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding=encoding, newline="") as fh:
        fh.write(text)
    return Path(path)
