"""Typed settings in one place: data and cache directories.

Directories come from platformdirs (XDG folders on Linux, ``~/Library/...`` on macOS,
``%LOCALAPPDATA%`` on Windows) and can be overridden with environment variables, read when called
(never at import time).
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
        ``$CONFLICTMAP_DATA_DIR`` if set, else platformdirs' user data folder (on Linux
        ``$XDG_DATA_HOME/conflictmap`` or ``~/.local/share/conflictmap``). Not created here.
    """
    env = os.environ.get("CONFLICTMAP_DATA_DIR")
    if env:
        return Path(env)
    try:
        from platformdirs import user_data_dir
    except ImportError:  # pragma: no cover - a dependency; keep the XDG default without it
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        return Path(base) / "conflictmap"
    return Path(user_data_dir("conflictmap", appauthor=False))


def cache_dir() -> Path:
    """Return the per-user cache directory (``$CONFLICTMAP_CACHE_DIR`` or XDG cache home).

    Returns
    -------
    Path
        ``$CONFLICTMAP_CACHE_DIR`` if set, else platformdirs' user cache folder (on Linux
        ``$XDG_CACHE_HOME/conflictmap`` or ``~/.cache/conflictmap``). Not created here.
    """
    env = os.environ.get("CONFLICTMAP_CACHE_DIR")
    if env:
        return Path(env)
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # pragma: no cover - a dependency; keep the XDG default without it
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "conflictmap"
    return Path(user_cache_dir("conflictmap", appauthor=False))
