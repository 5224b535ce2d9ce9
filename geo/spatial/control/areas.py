"""Control areas (Voronoi cells cut by a reach and the country outline) and the front lines between them.

Areas are computed in the country profile's metric CRS
(:func:`geo.spatial.control.observation.metric_crs`): Voronoi cells of the localities, each cut
by a disc of ``reach`` around its locality and by the outline, dissolved by controller. Farther
than ``reach`` from every locality there is no polygon ("no data").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geo.spatial.control.observation import metric_crs, ordered, to_datetime
from geo.vocab import Controller

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    from shapely.geometry.base import BaseGeometry

    from geo.spatial.voronoi import Memo

__all__ = ["Areas", "areas_frame", "compute_areas", "line_rows", "lines_frame", "outline_metric"]


@dataclass(frozen=True, slots=True)
class Areas:
    """Dissolved areas (metric CRS) and locality counts per controller at one date."""

    day: dt.date
    geoms: dict[str, BaseGeometry]
    counts: dict[str, int]


def outline_metric(outline: BaseGeometry | None) -> BaseGeometry:
    """The country outline (default :func:`geo.spatial.admin.country_outline`) in the metric CRS."""
    import geopandas as gpd

    if outline is None:
        from geo.spatial.admin import country_outline

        outline = country_outline()
    return gpd.GeoSeries([outline], crs="EPSG:4326").to_crs(metric_crs()).iloc[0]


def compute_areas(state: gpd.GeoDataFrame, day: dt.date, reach_km: float, clip: BaseGeometry,
                  memo: Memo | None = None) -> Areas:
    """The areas of influence per controller of a state (:func:`geo.spatial.control.states.state_frame`).

    ``memo`` holds the previous snapshot date's cells and unions (:class:`geo.spatial.voronoi.Memo`).
    """
    import shapely

    from geo.spatial.voronoi import dissolve, influence_cells

    counts: dict[str, int] = {}
    sites: dict[tuple[float, float], set[str]] = {}
    if len(state):
        xy = shapely.get_coordinates(state.to_crs(metric_crs()).geometry.values).tolist()
        for (x, y), c in zip(xy, state["controller"].tolist(), strict=True):
            sites.setdefault((round(x, 1), round(y, 1)), set()).add(c)
            counts[c] = counts.get(c, 0) + 1
    coords = list(sites)
    labels = [next(iter(s)) if len(s) == 1 else Controller.CONTESTED for s in sites.values()]
    cells = influence_cells(coords, reach=reach_km * 1000, clip=clip, memo=memo)
    geoms = dissolve(cells, labels, memo)
    return Areas(day, geoms, {c: counts.get(c, 0) for c in geoms})


def line_rows(areas: Mapping[str, Any], day: dt.date, memo: Memo | None = None) -> list[dict[str, Any]]:
    """Front lines (metric CRS) between the areas of different controllers, as layer rows."""
    from geo.spatial.voronoi import shared_boundaries

    return [
        {"date": day, "side_a": a, "side_b": b, "length_km": line.length / 1000, "geometry": line}
        for a, b, line in shared_boundaries({k: areas[k] for k in ordered(areas)}, memo=memo)
    ]


def areas_frame(areas: Areas) -> gpd.GeoDataFrame:
    """``controller``, ``date``, ``area_km2``, ``n_localities``, geometry (EPSG:4326)."""
    import geopandas as gpd

    rows = [
        {"controller": c, "date": areas.day, "area_km2": areas.geoms[c].area / 1e6,
         "n_localities": areas.counts[c], "geometry": areas.geoms[c]}
        for c in ordered(areas.geoms)
    ]  # fmt: skip
    gdf = gpd.GeoDataFrame(
        rows, columns=["controller", "date", "area_km2", "n_localities", "geometry"],
        geometry="geometry", crs=metric_crs(),
    )  # fmt: skip
    gdf["date"] = to_datetime(gdf["date"])
    return gdf.to_crs("EPSG:4326")


def lines_frame(areas: Areas) -> gpd.GeoDataFrame:
    """``date``, ``side_a``, ``side_b``, ``length_km``, geometry (EPSG:4326 lines)."""
    import geopandas as gpd

    gdf = gpd.GeoDataFrame(
        line_rows(areas.geoms, areas.day),
        columns=["date", "side_a", "side_b", "length_km", "geometry"],
        geometry="geometry", crs=metric_crs(),
    )  # fmt: skip
    gdf["date"] = to_datetime(gdf["date"])
    return gdf.to_crs("EPSG:4326")
