"""The polygon join of :func:`geo.spatial.admin.join_admin`, one point at a time, remembered per process.

Extraction labels each document's points with their administrative units as it goes
(:func:`admin_values`), so a run's later stages only read the labels back. The answer is the one
``join_admin`` gives (the same ``_join_level``: strictly within, first polygon; else the nearest
unit within the tolerance); points repeat (a corpus names the same places again and again), so
each distinct point is joined once per process and boundary files.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geo.spatial.admin import boundaries_path, load_boundaries

__all__ = ["ADMIN_LEVELS", "admin_columns", "admin_values", "boundary_fingerprint", "installed_levels"]

#: Levels joined when their boundaries are installed (level 1 always is).
ADMIN_LEVELS = (1, 2, 3)
#: Default nearest-unit tolerance of :func:`geo.spatial.admin.join_admin`.
_TOLERANCE_KM = 10.0

#: One point's labels: (from nearest, adm1 pcode, adm1 name, adm2 pcode, ...) for the installed levels.
AdminValues = tuple[Any, ...]


def _files() -> tuple[tuple[str, int] | None, ...]:
    """The boundary files in use per level, with their modification times (the cache key).

    Looked up again only when the boundaries folder changed (one ``stat`` per call otherwise).
    """
    from gazetteer import settings

    folder = settings.data_dir() / "boundaries"
    try:
        key: tuple[Any, ...] = (str(folder), folder.stat().st_mtime_ns)
    except OSError:
        key = (str(folder), None)
    if _FOLDER.get("key") != key:
        _FOLDER["key"], _FOLDER["files"] = key, _lookup_files()
    files: tuple[tuple[str, int] | None, ...] = _FOLDER["files"]
    return files


#: The last boundaries folder seen (its path and mtime) and its files.
_FOLDER: dict[str, Any] = {}


def _lookup_files() -> tuple[tuple[str, int] | None, ...]:
    out: list[tuple[str, int] | None] = []
    for level in ADMIN_LEVELS:
        path = boundaries_path(level)
        out.append(None if path is None else (str(path), path.stat().st_mtime_ns))
    return tuple(out)


def installed_levels() -> tuple[int, ...]:
    """The levels whose boundaries are in use (1 always: the embedded governorates)."""
    return tuple(level for level, f in zip(ADMIN_LEVELS, _files(), strict=True) if level == 1 or f is not None)


def admin_columns(levels: Iterable[int]) -> list[str]:
    """The columns :func:`admin_values` fills, in ``join_admin``'s order."""
    return ["adm_nearest"] + [f"adm{level}_{what}" for level in levels for what in ("pcode", "name")]


@functools.lru_cache(maxsize=4)
def _joiner(files: tuple[tuple[str, int] | None, ...]) -> _PointJoiner:  # noqa: ARG001 (cache key)
    return _PointJoiner(installed_levels())


class _PointJoiner:
    """Distinct points already joined, and the boundaries of the installed levels."""

    def __init__(self, levels: tuple[int, ...]) -> None:
        self.levels = levels
        self.bounds = {level: load_boundaries(level) for level in levels}
        self.seen: dict[tuple[float, float], AdminValues] = {}

    def join(self, points: list[tuple[float, float]]) -> None:
        """Join the points not seen yet, all at once (``(lon, lat)`` pairs)."""
        import numpy as np
        import shapely

        new = list(dict.fromkeys(p for p in points if p not in self.seen))
        if not new:
            return
        geoms = shapely.points(np.asarray(new, dtype=float))
        nearest = [False] * len(new)
        labels: list[list[Any]] = [[] for _ in new]
        for level in self.levels:
            cols = [f"adm{level}_pcode", f"adm{level}_name"]
            codes, near = self._level(level, geoms, cols)
            for i, (code, name) in enumerate(zip(*codes, strict=True)):
                labels[i] += [None if _missing(code) else str(code), None if _missing(name) else str(name)]
                nearest[i] = nearest[i] or bool(near[i])
        for i, p in enumerate(new):
            self.seen[p] = (nearest[i], *labels[i])

    def _level(self, level: int, geoms: Any, cols: list[str]) -> tuple[list[Any], Any]:
        """``join_admin``'s answer at one level: each point's ``cols`` and whether it came from the nearest unit.

        The points strictly within a polygon are found at once (``_within``, the same batch as ``_join_level``
        would test); only the others go through ``_join_level`` (GeoDataFrames), for the nearest unit.
        """
        import geopandas as gpd
        import numpy as np

        from geo.spatial.admin import _join_level, _within

        bnd = self.bounds[level]
        assert bnd is not None
        hit_pt, hit_poly = _within(geoms, bnd.geometry.values)
        values = [np.full(len(geoms), None, dtype=object) for _ in cols]
        for column, c in zip(values, cols, strict=True):
            column[hit_pt] = bnd[c].to_numpy(dtype=object)[hit_poly]
        near = np.zeros(len(geoms), dtype=bool)
        missing = np.ones(len(geoms), dtype=bool)
        missing[hit_pt] = False
        if missing.any():  # not within any unit: the nearest within the tolerance, as join_admin does
            rest = np.flatnonzero(missing)
            pts = gpd.GeoDataFrame(geometry=geoms[rest], crs=4326)
            codes, from_nearest = _join_level(pts, bnd[[*cols, "geometry"]], cols, _TOLERANCE_KM)
            for column, c in zip(values, cols, strict=True):
                column[rest] = codes[c].to_numpy(dtype=object)
            near[rest] = from_nearest.to_numpy(dtype=bool)
        return [column.tolist() for column in values], near


def _missing(value: Any) -> bool:
    import math

    return value is None or (isinstance(value, float) and math.isnan(value))


def admin_values(points: list[tuple[float | None, float | None]]) -> list[AdminValues | None]:
    """The labels of each ``(lon, lat)`` (None for a row without coordinates), as ``join_admin`` gives them."""
    joiner = _joiner(_files())
    keys = [None if _missing(x) or _missing(y) else (float(x), float(y)) for x, y in points]  # type: ignore[arg-type]
    joiner.join([k for k in keys if k is not None])
    return [None if k is None else joiner.seen[k] for k in keys]


def boundary_fingerprint() -> str:
    """The boundary files in use (names and modification times): cached labels depend on them."""
    return ";".join("-" if f is None else f"{Path(f[0]).name}@{f[1]}" for f in _files())
