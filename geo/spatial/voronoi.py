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

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from shapely.geometry.base import BaseGeometry

__all__ = ["dissolve", "influence_cells", "line_parts", "shared_boundaries"]

#: Segments per quarter circle of the reach disc (area error of a 16-gon quarter: ~0.3 %).
QUAD_SEGS = 16


def influence_cells(
    xy: Sequence[tuple[float, float]],
    *,
    reach: float,
    clip: BaseGeometry | None = None,
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

    Returns
    -------
    list of shapely geometries
        Possibly empty polygons (a point outside ``clip``).
    """
    import shapely
    from shapely.geometry import MultiPoint, Point, box

    if not xy:
        return []
    points = [Point(x, y) for x, y in xy]
    discs = [p.buffer(reach, quad_segs=QUAD_SEGS) for p in points]
    if len(points) == 1:
        cells = discs
    else:
        xs = [x for x, _ in xy]
        ys = [y for _, y in xy]
        frame = box(min(xs) - 2 * reach, min(ys) - 2 * reach, max(xs) + 2 * reach, max(ys) + 2 * reach)
        voronoi = shapely.voronoi_polygons(MultiPoint(points), extend_to=frame, ordered=True)
        parts = list(voronoi.geoms)
        if len(parts) != len(points):  # pragma: no cover - GEOS always returns one cell per site
            raise RuntimeError(f"Voronoi returned {len(parts)} cells for {len(points)} points")
        cells = [cell.intersection(disc) for cell, disc in zip(parts, discs, strict=True)]
    if clip is not None:
        cells = [cell.intersection(clip) for cell in cells]
    return [_polygonal(cell) for cell in cells]


def dissolve(cells: Sequence[BaseGeometry], labels: Sequence[str]) -> dict[str, BaseGeometry]:
    """Union the cells per label; labels whose union is empty are dropped."""
    import shapely

    groups: dict[str, list[BaseGeometry]] = {}
    for cell, label in zip(cells, labels, strict=True):
        groups.setdefault(label, []).append(cell)
    out: dict[str, BaseGeometry] = {}
    for label, geoms in groups.items():
        merged = _polygonal(shapely.union_all(geoms))
        if not merged.is_empty:
            out[label] = merged
    return out


def shared_boundaries(
    areas: Mapping[str, BaseGeometry],
    *,
    tolerance: float = 1.0,
    min_length: float = 10.0,
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

    Returns
    -------
    list of (side_a, side_b, line)
        ``side_a < side_b`` alphabetically; ``line`` is a line-merged (Multi)LineString.
    """
    import shapely

    labels = sorted(areas)
    out: list[tuple[str, str, BaseGeometry]] = []
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            if areas[a].distance(areas[b]) > tolerance:
                continue
            touching = areas[a].boundary.intersection(areas[b].buffer(tolerance))
            line = line_parts(touching, min_length=min_length)
            if line is not None:
                out.append((a, b, shapely.line_merge(line)))
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
