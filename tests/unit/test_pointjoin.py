"""The point join that labels spooled rows: the answer of ``join_admin``, one document's points at a time."""

from __future__ import annotations

import math

import pytest

gpd = pytest.importorskip("geopandas")

from geo.spatial import pointjoin  # noqa: E402
from geo.spatial.admin import join_admin, load_boundaries  # noqa: E402

# Inside governorates, just across the border (nearest unit within 10 km), far away (no unit), repeated.
POINTS = [(36.72, 34.73), (37.16, 36.20), (36.29, 33.51), (40.14, 35.33), (36.63, 35.93), (42.40, 36.80),
          (35.80, 35.52), (35.95, 32.62), (38.30, 36.99), (36.16, 36.58), (30.00, 30.00), (36.72, 34.73),
          (36.85, 37.05), (41.21, 37.07), (35.65, 33.40)]  # fmt: skip


def _edge_points():
    """Vertices of the first governorate's outline: on an edge, so within no unit."""
    bnd = load_boundaries(1)
    ring = bnd.geometry.iloc[0].exterior if bnd.geometry.iloc[0].geom_type == "Polygon" else \
        bnd.geometry.iloc[0].geoms[0].exterior
    return [tuple(c) for c in list(ring.coords)[:: max(1, len(ring.coords) // 5)]]


def _reference(points):
    frame = gpd.GeoDataFrame(geometry=gpd.points_from_xy([p[0] for p in points], [p[1] for p in points]), crs=4326)
    levels = pointjoin.installed_levels()
    out = join_admin(frame, levels=levels)
    cols = pointjoin.admin_columns(levels)
    rows = []
    for row in out[cols].itertuples(index=False):
        first, *rest = row
        rows.append((bool(first), *[None if v is None or v in ("None", "nan") or
                                     (isinstance(v, float) and math.isnan(v)) else v for v in rest]))  # fmt: skip
    return rows


def test_labels_as_join_admin_gives_them():
    pointjoin._joiner.cache_clear()
    points = [*POINTS, *_edge_points()]
    got = []
    for i in range(0, len(points), 4):  # a few documents, points seen again across them
        got += pointjoin.admin_values(points[i : i + 4])
    assert got == _reference(points)
    assert any(g[0] for g in got) and any(not g[0] for g in got)  # both ways used
    assert any(g[1] is None for g in got)  # and a point with no unit within the tolerance


def test_missing_coordinates_have_no_labels():
    pointjoin._joiner.cache_clear()
    assert pointjoin.admin_values([(None, 35.0), (float("nan"), 35.0), (36.72, 34.73)])[:2] == [None, None]
