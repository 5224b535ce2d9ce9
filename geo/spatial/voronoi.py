"""Planar geometry of the front-line model: areas of influence and the lines between them.

Everything here works in a metric CRS (the caller projects to EPSG:32637) on plain shapely
geometries, so it can be tested without geopandas.

Method
------
Each locality's *area of influence* is its Voronoi cell (the places closer to it than to any other
known locality) cut by a disc of radius ``reach`` around it and by the country outline. Cells are
dissolved by controller. Where no locality lies within ``reach`` nothing is claimed: those places
stay "no data" rather than being given to the nearest controller however far away.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    from shapely.geometry.base import BaseGeometry

__all__ = ["Memo", "dissolve", "influence_cells", "line_parts", "shared_boundaries"]

#: Segments per quarter circle of the reach disc (area error of a 16-gon quarter: ~0.3 %).
QUAD_SEGS = 16

_T = TypeVar("_T")


class Memo:
    """Geometry results kept from one snapshot date to the next, keyed by their exact inputs.

    Between two snapshot dates most localities, Voronoi cells and controller areas are unchanged:
    a result whose inputs are the same (same coordinates, same WKB) is taken from the previous
    date instead of computed again, so the outputs are identical. Only the results used at the
    current and the previous date are kept (:meth:`next_date`), so memory does not grow with the
    number of dates.
    """

    def __init__(self) -> None:
        self._previous: dict[Hashable, Any] = {}
        self._current: dict[Hashable, Any] = {}

    def get(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        """The result for ``key``, computed only when neither this date nor the previous one has it."""
        if key in self._current:
            value: _T = self._current[key]
        elif key in self._previous:
            value = self._previous[key]
        else:
            value = compute()
        self._current[key] = value
        return value

    def __contains__(self, key: Hashable) -> bool:
        """Whether :meth:`get` has ``key`` without computing it."""
        return key in self._current or key in self._previous

    def next_date(self) -> None:
        """Forget what the previous date used and this one did not."""
        self._previous, self._current = self._current, {}


def digest(geom: BaseGeometry) -> bytes:
    """A short exact key of a geometry (hash of its WKB)."""
    return hashlib.blake2b(geom.wkb, digest_size=16).digest()


def influence_cells(
    xy: Sequence[tuple[float, float]],
    *,
    reach: float,
    clip: BaseGeometry | None = None,
    memo: Memo | None = None,
) -> list[BaseGeometry]:
    """Return one area of influence per point, in input order.

    Parameters
    ----------
    xy
        Distinct point coordinates in a metric CRS.
    reach
        Radius (same unit as ``xy``) beyond which a locality claims nothing.
    clip
        Optional polygon (country outline, same CRS) every cell is cut by.
    memo
        Results of the previous snapshot date: a Voronoi cell identical to one of then (same
        WKB, same site) is not cut again.

    Returns
    -------
    list of shapely geometries
        Possibly empty polygons (a point outside ``clip``).
    """
    import numpy as np
    import shapely
    from shapely.geometry import box

    if not xy:
        return []
    memo = memo if memo is not None else Memo()
    clip_key = None if clip is None else _clip_digest(clip, memo)

    if len(xy) == 1:  # no Voronoi cell: the whole disc (cut by the outline)
        (x, y), = xy

        def alone() -> BaseGeometry:
            disc = _discs(xy, reach, memo)[0]
            return _polygonal(disc if clip is None else disc.intersection(clip))

        return [memo.get(("cell", None, x, y, reach, clip_key), alone)]
    xs = [x for x, _ in xy]
    ys = [y for _, y in xy]
    frame = box(min(xs) - 2 * reach, min(ys) - 2 * reach, max(xs) + 2 * reach, max(ys) + 2 * reach)
    sites = shapely.multipoints(np.asarray(xy, dtype=float))  # the same MultiPoint, without a Point per site
    parts = list(shapely.get_parts(shapely.voronoi_polygons(sites, extend_to=frame, ordered=True)))
    if len(parts) != len(xy):  # pragma: no cover - GEOS always returns one cell per site
        raise RuntimeError(f"Voronoi returned {len(parts)} cells for {len(xy)} points")
    keys = [("cell", wkb, x, y, reach, clip_key) for wkb, (x, y) in zip(shapely.to_wkb(parts), xy, strict=True)]
    todo = [i for i, key in enumerate(keys) if key not in memo]
    if todo:  # the new cells cut at once: each by its disc, then by the outline (one GEOS call each)
        cells = shapely.intersection(np.asarray([parts[i] for i in todo], dtype=object),
                                     _discs([xy[i] for i in todo], reach, memo))  # fmt: skip
        if clip is not None:
            cells = shapely.intersection(cells, clip)
        for i, cell in zip(todo, cells, strict=True):
            memo.get(keys[i], lambda c=cell: _polygonal(c))  # type: ignore[misc]
    return [memo.get(key, lambda: None) for key in keys]


def _clip_digest(clip: BaseGeometry, memo: Memo) -> bytes:
    """:func:`digest` of the outline, hashed once while ``memo`` holds it (the same object from date to date)."""
    kept: tuple[BaseGeometry, bytes] = memo.get(("clip", id(clip)), lambda: (clip, digest(clip)))
    return kept[1] if kept[0] is clip else digest(clip)


def _discs(xy: Sequence[tuple[float, float]], reach: float, memo: Memo) -> Any:
    """The reach disc around each point (an array), those not in ``memo`` buffered at once."""
    import numpy as np
    import shapely

    keys = [("disc", x, y, reach) for x, y in xy]
    new = [i for i, key in enumerate(keys) if key not in memo]
    if new:
        made = shapely.buffer(shapely.points(np.asarray([xy[i] for i in new], dtype=float)), reach, quad_segs=QUAD_SEGS)
        for i, disc in zip(new, made, strict=True):
            memo.get(keys[i], lambda d=disc: d)  # type: ignore[misc]
    return np.asarray([memo.get(key, lambda: None) for key in keys], dtype=object)


def dissolve(cells: Sequence[BaseGeometry], labels: Sequence[str], memo: Memo | None = None) -> dict[str, BaseGeometry]:
    """Union the cells per label; labels whose union is empty are dropped (``memo``: see :class:`Memo`)."""
    import shapely

    groups: dict[str, list[BaseGeometry]] = {}
    for cell, label in zip(cells, labels, strict=True):
        groups.setdefault(label, []).append(cell)
    out: dict[str, BaseGeometry] = {}
    for label, geoms in groups.items():
        if memo is None:
            merged = _polygonal(shapely.union_all(geoms))
        else:
            key = hashlib.blake2b(b"".join(shapely.to_wkb(geoms)), digest_size=16).digest()
            merged = memo.get(("union", key), lambda g=geoms: _polygonal(shapely.union_all(g)))  # type: ignore[misc]
        if not merged.is_empty:
            out[label] = merged
    return out


def shared_boundaries(
    areas: Mapping[str, BaseGeometry],
    *,
    tolerance: float = 1.0,
    min_length: float = 10.0,
    memo: Memo | None = None,
) -> list[tuple[str, str, BaseGeometry]]:
    """Return the boundaries shared by areas of different labels.

    Parameters
    ----------
    areas
        Label -> polygonal geometry (metric CRS), as from :func:`dissolve`.
    tolerance
        Distance under which two boundaries count as shared (absorbs the tiny mismatch left by
        cutting neighbouring cells with different discs).
    min_length
        Shorter pieces (corner touches) are dropped.
    memo
        Results of the previous snapshot date (:class:`Memo`): the line between two areas both
        unchanged since then is not computed again.

    Returns
    -------
    list of (side_a, side_b, line)
        ``side_a < side_b`` alphabetically; ``line`` is a line-merged (Multi)LineString.
    """
    import shapely

    memo = memo if memo is not None else Memo()
    labels = sorted(areas)
    keys = {label: digest(areas[label]) for label in labels}

    def front(a: str, b: str) -> BaseGeometry | None:
        if areas[a].distance(areas[b]) > tolerance:
            return None
        grown = memo.get(("grown", keys[b], tolerance), lambda: areas[b].buffer(tolerance))
        line = line_parts(areas[a].boundary.intersection(grown), min_length=min_length)
        return None if line is None else shapely.line_merge(line)

    out: list[tuple[str, str, BaseGeometry]] = []
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            line = memo.get(("front", keys[a], keys[b], tolerance, min_length), lambda a=a, b=b: front(a, b))  # type: ignore[misc]
            if line is not None:
                out.append((a, b, line))
    return out


def line_parts(geom: BaseGeometry, *, min_length: float = 0.0) -> BaseGeometry | None:
    """Keep the linear parts of ``geom`` longer than ``min_length``; ``None`` when nothing is left."""
    from shapely.geometry import LineString, MultiLineString

    lines: list[LineString] = []
    stack = [geom]
    while stack:
        g = stack.pop()
        if g.is_empty:
            continue
        if isinstance(g, LineString):
            lines.append(g)
        elif hasattr(g, "geoms"):
            stack.extend(g.geoms)
    merged = MultiLineString(lines) if lines else None
    if merged is None:
        return None
    import shapely

    merged = shapely.line_merge(merged)
    parts = [p for p in getattr(merged, "geoms", [merged]) if p.length >= min_length]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else MultiLineString(parts)


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Drop points and lines left by an intersection; return a (Multi)Polygon, maybe empty."""
    from shapely.geometry import MultiPolygon, Polygon

    if isinstance(geom, (Polygon, MultiPolygon)):
        return geom
    polys: list[Polygon] = []
    stack = [geom]
    while stack:
        g = stack.pop()
        if isinstance(g, Polygon):
            if not g.is_empty:
                polys.append(g)
        elif isinstance(g, MultiPolygon) or hasattr(g, "geoms"):
            stack.extend(g.geoms)
    if not polys:
        return Polygon()
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)
