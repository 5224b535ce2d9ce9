"""The project's settings, in one typed module (as ``osmnx.settings``): set an attribute to change one.

``import geo; geo.settings.chunk_size = 500`` (``geo.settings`` *is* this module) changes it for
every later call in the process; the command line sets the same attributes from its options.
Nothing is read at import time: directories and environment variables are looked up when used.

Directories come from platformdirs (XDG folders on Linux, ``~/Library/...`` on macOS,
``%LOCALAPPDATA%`` on Windows) unless :data:`data_folder` / :data:`cache_folder` or the environment
variables ``$CONFLICTMAP_DATA_DIR`` / ``$CONFLICTMAP_CACHE_DIR`` say otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "cache_dir",
    "cache_folder",
    "chunk_size",
    "country",
    "data_dir",
    "data_folder",
    "max_file_bytes",
    "max_snapshots",
    "nominatim_min_delay_seconds",
    "nominatim_url",
]

#: Where installed reference data lives (``conflictmap data``); None: ``$CONFLICTMAP_DATA_DIR`` or
#: platformdirs' user data folder.
data_folder: Path | None = None

#: Where caches live (gazetteer indexes, Nominatim answers); None: ``$CONFLICTMAP_CACHE_DIR`` or
#: platformdirs' user cache folder.
cache_folder: Path | None = None

#: The country profile (:mod:`gazetteer.profile`): a code of ``gazetteer/data/profiles`` or a
#: ``.json`` path.
country: str = "SY"

#: Largest input file read, in bytes; a bigger one is rejected with its name (``rejects.csv``).
max_file_bytes: int = 20 * 1024 * 1024

#: Documents per chunk when the pipeline reads the spool back for joins and writers.
chunk_size: int = 1000

#: Snapshot dates of control areas and front lines chosen by default (``--dates``/``--step`` ask
#: for more).
max_snapshots: int = 60

#: Nominatim endpoint of ``--online``; None: ``$CONFLICTMAP_NOMINATIM_URL`` or the public server.
nominatim_url: str | None = None

#: Seconds between two Nominatim requests (the public server's usage policy asks for >= 1 s).
nominatim_min_delay_seconds: float = 1.0


def data_dir() -> Path:
    """Return the per-user data directory (``$CONFLICTMAP_DATA_DIR`` or XDG data home).

    Returns
    -------
    Path
        ``$CONFLICTMAP_DATA_DIR`` if set, else platformdirs' user data folder (on Linux
        ``$XDG_DATA_HOME/conflictmap`` or ``~/.local/share/conflictmap``). Not created here.
    """
    if data_folder is not None:
        return Path(data_folder)
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
    if cache_folder is not None:
        return Path(cache_folder)
    env = os.environ.get("CONFLICTMAP_CACHE_DIR")
    if env:
        return Path(env)
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # pragma: no cover - a dependency; keep the XDG default without it
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "conflictmap"
    return Path(user_cache_dir("conflictmap", appauthor=False))
