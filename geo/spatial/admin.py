"""Administrative boundaries and the polygon join that labels points with P-codes.

Level 1 (governorates) always works: it falls back to the embedded Natural Earth derived file
``geo/data/syria_adm1.geojson``. Levels 2 (districts) and 3 (subdistricts) need OCHA COD-AB
boundaries installed in ``<data dir>/boundaries/adm{n}.gpkg`` (or ``.geojson``); the loader
accepts OCHA's own field names (``ADM2_PCODE``/``ADM2_EN``, or the 2016 ``PCODE``/``NAME_EN``)
and normalises them to ``adm{n}_pcode``/``adm{n}_name`` plus the parent codes.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer import profile, settings
from gazetteer.errors import DataError, InputError

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

__all__ = [
    "boundaries_path",
    "country_outline",
    "join_admin",
    "load_boundaries",
]

_LEVELS = (1, 2, 3)


def boundaries_path(level: int) -> Path | None:
    """Return the installed OCHA boundary file for ``level``, or None when not installed.

    Parameters
    ----------
    level : int
        1, 2 or 3.

    Returns
    -------
    Path or None
        ``<data dir>/boundaries/adm{level}.gpkg`` or ``.geojson``, whichever exists first.
    """
    _check_level(level)
    base = settings.data_dir() / "boundaries"
    for suffix in (".gpkg", ".geojson", ".json"):
        path = base / f"adm{level}{suffix}"
        if path.is_file():
            return path
    return None


def load_boundaries(level: int = 1, *, required: bool = False) -> gpd.GeoDataFrame | None:
    """Load the administrative units of one level, in EPSG:4326.

    Parameters
    ----------
    level : int
        1 governorates, 2 districts, 3 subdistricts.
    required : bool
        If True, raise instead of returning None when the level is not installed.

    Returns
    -------
    geopandas.GeoDataFrame or None
        Columns ``adm{k}_pcode`` for ``k <= level``, ``adm{level}_name`` (and parent names when
        the source has them), geometry. Level 1 falls back to the embedded file; levels 2 and 3
        return None when OCHA data is not installed (and ``required`` is False).

    Raises
    ------
    InputError
        If ``level`` is not 1, 2 or 3.
    DataError
        If the level is required but not installed, or the installed file lacks P-codes.
    """
    _check_level(level)
    path = boundaries_path(level)
    if path is None:
        if level == 1:
            return _read_cached(str(_embedded_path()), 1, _embedded_path().stat().st_mtime_ns).copy()
        if required:
            raise DataError(
                f"ADM{level} boundaries are not installed: expected "
                f"{settings.data_dir() / 'boundaries' / f'adm{level}.gpkg'}"
            )
        return None
    return _read_cached(str(path), level, path.stat().st_mtime_ns).copy()


def country_outline() -> Any:
    """Return the country outline: the union of the level-1 boundaries in use (cached).

    Returns
    -------
    shapely.geometry.base.BaseGeometry
        A (Multi)Polygon in EPSG:4326 lon/lat.
    """
    path = boundaries_path(1) or _embedded_path()
    return _outline_cached(str(path), path.stat().st_mtime_ns)


def join_admin(
    gdf: gpd.GeoDataFrame,
    *,
    levels: Iterable[int] = (1, 2, 3),
    tolerance_km: float = 10.0,
) -> gpd.GeoDataFrame:
    """Label points with the administrative units they fall in, by polygon join.

    Points inside a polygon get it by ``geopandas.sjoin(predicate="within")``. Points outside every
    polygon (coast, borders, generalised edges) get the nearest unit within ``tolerance_km``
    (``sjoin_nearest`` in the profile's metric CRS) and ``adm_nearest = True``; points further away, and rows
    without geometry, get nulls. Levels whose boundaries are not installed are skipped.

    The gazetteer's labels are kept for comparison: an incoming ``adm1`` column becomes ``adm1_gaz``
    and an incoming ``adm1_pcode`` becomes ``adm1_pcode_gaz``; ``adm1_pcode``/``adm1_name`` are then
    the polygon join's answer.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Points (any CRS; EPSG:4326 assumed when it has none).
    levels : iterable of int
        Levels to join, among 1, 2, 3.
    tolerance_km : float
        Maximum distance for the nearest-unit fallback; 0 disables it.

    Returns
    -------
    geopandas.GeoDataFrame
        A copy of ``gdf`` with ``adm{n}_pcode``, ``adm{n}_name`` for each available level and the
        boolean ``adm_nearest`` (True when any level came from the nearest-unit fallback).
    """
    import geopandas as gpd

    levels = tuple(levels)
    for level in levels:
        _check_level(level)
    if tolerance_km < 0:
        raise InputError(f"tolerance_km must be >= 0, got {tolerance_km!r}")

    out = gdf.copy()
    if "adm1" in out.columns:
        out = out.rename(columns={"adm1": "adm1_gaz"})
    if "adm1_pcode" in out.columns:
        out = out.rename(columns={"adm1_pcode": "adm1_pcode_gaz"})
    out["adm_nearest"] = False

    geoms = out.geometry
    located = ~(geoms.isna() | geoms.is_empty)
    pts = gpd.GeoDataFrame(geometry=geoms[located].values, index=out.index[located], crs=out.crs)
    if pts.crs is None:
        pts = pts.set_crs(4326)
    elif not pts.crs.equals(4326):
        pts = pts.to_crs(4326)

    for level in sorted(levels):
        bnd = load_boundaries(level)
        if bnd is None:
            continue
        cols = [f"adm{level}_pcode", f"adm{level}_name"]
        codes, nearest = _join_level(pts, bnd[[*cols, "geometry"]], cols, tolerance_km)
        for col in cols:
            out[col] = codes[col].reindex(out.index).astype("str")
        out["adm_nearest"] = out["adm_nearest"] | nearest.reindex(out.index, fill_value=False)
    out["adm_nearest"] = out["adm_nearest"].astype(bool)
    return out


def _join_level(
    pts: gpd.GeoDataFrame, bnd: gpd.GeoDataFrame, cols: list[str], tolerance_km: float
) -> tuple[Any, Any]:
    """Return (DataFrame of ``cols`` indexed like ``pts``, boolean Series "from nearest")."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    result = pd.DataFrame(index=pts.index, columns=cols, dtype="object")
    nearest = pd.Series(False, index=pts.index, dtype=bool)
    if pts.empty:
        return result, nearest
    hit_pt, hit_poly = _within(pts.geometry.values, bnd.geometry.values)
    values = {c: np.full(len(pts), None, dtype=object) for c in cols}
    for c in cols:
        values[c][hit_pt] = bnd[c].to_numpy(dtype=object)[hit_poly]
    found = np.zeros(len(pts), dtype=bool)
    found[hit_pt] = True
    missing = pts.index[~found]
    if len(missing) and tolerance_km > 0:
        near = gpd.sjoin_nearest(
            pts.loc[missing].to_crs(profile.active().metric_crs),
            bnd.to_crs(profile.active().metric_crs),
            how="inner",
            max_distance=tolerance_km * 1000.0,
        )
        near = near[~near.index.duplicated(keep="first")]
        pos = pts.index.get_indexer(near.index)
        for c in cols:
            values[c][pos] = near[c].to_numpy(dtype=object)
        nearest.iloc[pos] = True
    result = pd.DataFrame(values, index=pts.index, columns=cols)
    return result, nearest


#: Grid cell (degrees) of the join's fast path: points in a cell that lies in one polygon's interior take it.
_JOIN_CELL_DEG = 0.02


def _within(points: Any, polygons: Any) -> tuple[Any, Any]:
    """Return (point positions, polygon positions): each point strictly inside a polygon, first polygon of the list.

    The same answer as ``sjoin(predicate="within")`` (a point on a polygon's edge is not within
    it), fast on millions of points: a grid of :data:`_JOIN_CELL_DEG` cells is laid over the
    points; a cell lying in a polygon's interior (``contains_properly``, prepared polygons) labels
    all its points at once, and only points in the other cells (along boundaries) are tested one
    by one, with the polygons (prepared) against an STRtree of those points.
    """
    import numpy as np
    import shapely

    n = len(points)
    out = np.full(n, -1, dtype=np.int64)
    x, y = shapely.get_x(points), shapely.get_y(points)
    ok = ~(np.isnan(x) | np.isnan(y))
    polys = np.asarray(polygons, dtype=object)
    if not ok.any() or not len(polys):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    cell = _JOIN_CELL_DEG
    x0, y0 = float(x[ok].min()), float(y[ok].min())
    ix = np.zeros(n, dtype=np.int64)
    iy = np.zeros(n, dtype=np.int64)
    ix[ok] = np.floor((x[ok] - x0) / cell).astype(np.int64)
    iy[ok] = np.floor((y[ok] - y0) / cell).astype(np.int64)
    nx = int(ix.max()) + 1
    cid = iy * nx + ix
    used = np.unique(cid[ok])
    boxes = shapely.box(x0 + (used % nx) * cell, y0 + (used // nx) * cell,
                        x0 + (used % nx + 1) * cell, y0 + (used // nx + 1) * cell)  # fmt: skip
    poly_i, box_i = shapely.STRtree(boxes).query(polys, predicate="contains_properly")
    label = np.full(len(used), -1, dtype=np.int64)
    order = np.argsort(poly_i, kind="stable")[::-1]  # the first polygon wins (written last)
    label[box_i[order]] = poly_i[order]
    out[ok] = label[np.searchsorted(used, cid[ok])]
    rest = np.flatnonzero(ok & (out < 0))
    if len(rest):
        poly_j, pt_j = shapely.STRtree(points[rest]).query(polys, predicate="contains")
        order = np.argsort(poly_j, kind="stable")[::-1]
        out[rest[pt_j[order]]] = poly_j[order]
    hit = np.flatnonzero(out >= 0)
    return hit, out[hit]


def _check_level(level: int) -> None:
    if level not in _LEVELS:
        raise InputError(f"administrative level must be 1, 2 or 3, got {level!r}")


def _embedded_path() -> Path:
    from importlib.resources import files

    return Path(str(files("geo") / "data" / profile.active().adm1_boundaries))


@functools.lru_cache(maxsize=8)
def _read_cached(path: str, level: int, mtime_ns: int) -> gpd.GeoDataFrame:  # noqa: ARG001 (cache key)
    """Read and normalise a boundary file; ``mtime_ns`` is part of the cache key."""
    import geopandas as gpd
    import shapely

    try:
        raw = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises its own DataSourceError etc.
        raise DataError(f"cannot read boundaries {path}: {exc}") from exc
    gdf = _normalise_columns(raw, level, path)
    if gdf.crs is None:
        gdf = gdf.set_crs(4326)
    elif not gdf.crs.equals(4326):
        gdf = gdf.to_crs(4326)
    invalid = ~gdf.geometry.is_valid
    if invalid.any():
        fixed = shapely.make_valid(gdf.geometry[invalid].values)
        # make_valid may return collections with stray lines: keep the polygonal part.
        gdf.loc[invalid, "geometry"] = [_polygonal(g) for g in fixed]
    return gdf


def _polygonal(geom: Any) -> Any:
    import shapely

    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else geom


def _normalise_columns(raw: gpd.GeoDataFrame, level: int, path: str) -> gpd.GeoDataFrame:
    """Rename OCHA fields (``ADM2_PCODE``, ``ADM2_EN``, ``PCODE``, ``NAME_EN``) to ours."""
    import geopandas as gpd

    lower = {c.lower(): c for c in raw.columns if c != raw.geometry.name}
    rename: dict[str, str] = {}
    for k in range(1, level + 1):
        own = [f"adm{k}_pcode"] + (["pcode"] if k == level else [])
        names = [f"adm{k}_name", f"adm{k}_en"] + (["name_en", "name"] if k == level else [])
        for want, candidates in ((f"adm{k}_pcode", own), (f"adm{k}_name", names)):
            src = next((lower[c] for c in candidates if c in lower), None)
            if src is not None:
                rename[src] = want
    pcode = f"adm{level}_pcode"
    if pcode not in rename.values():
        raise DataError(
            f"boundaries {path}: no P-code field for level {level} "
            f"(expected ADM{level}_PCODE, adm{level}_pcode or PCODE; found {sorted(raw.columns)})"
        )
    keep = [c for c in _column_order(level) if c in rename.values()]
    out = raw.rename(columns=rename)
    if f"adm{level}_name" not in keep:
        out[f"adm{level}_name"] = None
        keep.append(f"adm{level}_name")
    if level == 1 and "adm1_name_fr" in out.columns:
        keep.append("adm1_name_fr")
    data = {col: out[col].astype("str") for col in keep}
    return gpd.GeoDataFrame(data, geometry=out.geometry.values, crs=raw.crs)


def _column_order(level: int) -> list[str]:
    cols: list[str] = []
    for k in range(1, level + 1):
        cols += [f"adm{k}_pcode", f"adm{k}_name"]
    return cols


@functools.lru_cache(maxsize=4)
def _outline_cached(path: str, mtime_ns: int) -> Any:
    import shapely

    level = 1
    gdf = _read_cached(path, level, mtime_ns)
    return shapely.make_valid(shapely.union_all(gdf.geometry.values))
