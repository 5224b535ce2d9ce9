"""Typed settings in one place: data and cache directories.

Directories follow the XDG conventions and can be overridden with environment variables,
read when called (never at import time).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["data_dir", "cache_dir"]


def data_dir() -> Path:
    """Return the per-user data directory (``$CONFLICTMAP_DATA_DIR`` or XDG data home).

    Returns
    -------
    Path
        ``$CONFLICTMAP_DATA_DIR`` if set, else ``$XDG_DATA_HOME/conflictmap`` or
        ``~/.local/share/conflictmap``. Not created here.
    """
    env = os.environ.get("CONFLICTMAP_DATA_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "conflictmap"


def cache_dir() -> Path:
    """Return the per-user cache directory (``$CONFLICTMAP_CACHE_DIR`` or XDG cache home).

    Returns
    -------
    Path
        ``$CONFLICTMAP_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/conflictmap`` or
        ``~/.cache/conflictmap``. Not created here.
    """
    env = os.environ.get("CONFLICTMAP_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "conflictmap"
