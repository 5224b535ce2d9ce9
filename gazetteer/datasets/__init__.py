"""Installed reference data: download, import, registry (``conflictmap data ...``).

- :func:`download`: GeoNames country dump, OCHA COD-AB boundaries, UCDP localities, from their
  upstream hosts or a ``mirror`` serving the same paths (:mod:`gazetteer.datasets.downloader`).
- :func:`import_paths`: local files, format detected, installed atomically
  (:mod:`gazetteer.datasets.importer`).
- :func:`installed`, :func:`clear`, :func:`installed_sources`, :func:`installed_attribution`:
  what is installed (``<data dir>/manifest.json``), and how the rest of conflictmap uses it.

Heavy libraries (pooch, requests, geopandas) load inside the functions that need them.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from gazetteer import settings
from gazetteer.datasets._manifest import Entry, load, manifest_path

__all__ = [
    "Entry",
    "clear",
    "download",
    "import_paths",
    "installed",
    "installed_attribution",
    "installed_sources",
    "signature",
]

_SUBDIRS = ("geonames", "boundaries", "places")


def installed(directory: Path | None = None) -> dict[str, Entry]:
    """Return the manifest entries of the installed data, by key."""
    return load(directory)


def signature(directory: Path | None = None) -> tuple[str, int]:
    """Return a cheap key that changes when installed data changes (data dir, manifest mtime)."""
    path = manifest_path(directory)
    try:
        return (str(path), path.stat().st_mtime_ns)
    except OSError:
        return (str(path), 0)


def installed_sources(directory: Path | None = None) -> tuple[str, ...]:
    """Gazetteer sources to use by default: ``embedded`` plus every installed one.

    ``geonames`` when ``geonames/SY.txt`` (or ``.zip``) is installed, ``ocha`` when ADM2 or ADM3
    boundaries are, ``places`` when a place list is. Files installed by hand count too.
    """
    from gazetteer.sources.geonames import default_path
    from gazetteer.sources.ocha import boundary_file
    from gazetteer.sources.places import installed_lists

    base = directory or settings.data_dir()
    out = ["embedded"]
    if (base / "geonames" / "SY.txt").is_file() or (base / "geonames" / "SY.zip").is_file() or (
        directory is None and default_path().is_file()
    ):
        out.append("geonames")
    if boundary_file(2, base / "boundaries") or boundary_file(3, base / "boundaries"):
        out.append("ocha")
    if installed_lists(base / "places"):
        out.append("places")
    return tuple(out)


def installed_attribution(directory: Path | None = None) -> str:
    """One line naming the installed data and its licences, for maps and GeoPackage metadata.

    Returns
    -------
    str
        e.g. ``"GeoNames (geonames.org), CC BY 4.0; UNCS / UN OCHA, via HDX, CC BY-IGO"``; empty
        when nothing is installed.
    """
    try:
        entries = load(directory)
    except Exception:  # an unreadable manifest must not break a map; `data info` reports it
        return ""
    seen: dict[str, str] = {}
    for e in entries.values():
        seen.setdefault(e.attribution, e.licence)
    return "; ".join(f"{who}, {licence}" for who, licence in seen.items())


def clear(directory: Path | None = None, *, downloads: bool = True) -> list[Path]:
    """Remove the installed data (and the download and index caches); return the paths removed."""
    base = directory or settings.data_dir()
    removed = []
    for name in _SUBDIRS:
        target = base / name
        if target.exists():
            shutil.rmtree(target)
            removed.append(target)
    for stale in base.glob(".staging-*"):
        shutil.rmtree(stale, ignore_errors=True)
    m = manifest_path(base)
    if m.exists():
        m.unlink()
        removed.append(m)
    if downloads and directory is None:
        for name in ("downloads", "index"):  # downloaded files and .part files; per-source index pickles
            cache = settings.cache_dir() / name
            if cache.exists():
                shutil.rmtree(cache)
                removed.append(cache)
    return removed


def import_paths(*args: Any, **kwargs: Any) -> list[Entry]:
    """See :func:`gazetteer.datasets.importer.import_paths`."""
    from gazetteer.datasets.importer import import_paths as _import

    return _import(*args, **kwargs)


def download(*args: Any, **kwargs: Any) -> Any:
    """See :func:`gazetteer.datasets.downloader.download`."""
    from gazetteer.datasets.downloader import download as _download

    return _download(*args, **kwargs)
