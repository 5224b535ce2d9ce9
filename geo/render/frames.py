"""The map's input frames: WGS 84 checks, located rows, the basemap's polygons and the opening view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from gazetteer import profile
from gazetteer.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    import pandas as pd

__all__ = ["boundaries", "has_point", "in_wgs84", "view_bounds"]


def in_wgs84(frame: Any, what: str) -> gpd.GeoDataFrame:
    """``frame`` in EPSG:4326 (reprojected when it has another CRS).

    Raises
    ------
    InputError
        If ``frame`` is not a GeoDataFrame (``what`` names it in the message).
    """
    import geopandas as gpd

    if not isinstance(frame, gpd.GeoDataFrame):
        raise InputError(f"{what} must be a geopandas.GeoDataFrame, got {type(frame).__name__}")
    if frame.crs is not None and frame.crs.to_epsg() != 4326 and len(frame):
        frame = frame.to_crs(4326)
    return frame


def has_point(frame: gpd.GeoDataFrame) -> pd.Series[bool]:
    """Rows with a geometry that is not empty."""
    geom = frame.geometry
    located: pd.Series[bool] = geom.notna() & ~geom.is_empty
    return located


def boundaries(governorates: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame | None:
    """The polygons of the basemap and the view: the given governorates, else the installed ones."""
    from geo.spatial.admin import load_boundaries

    if governorates is not None and len(governorates):
        return in_wgs84(governorates, "governorates")
    return load_boundaries(1)


def view_bounds(polygons: gpd.GeoDataFrame | None,
                located: Sequence[float] | None) -> list[list[float]]:
    """The opening view, ``[[south, west], [north, east]]``: the polygons, else the events' bounds
    ``located`` (``(west, south, east, north)``, padded), else the country's bounds
    (:func:`gazetteer.profile.active`)."""
    if polygons is not None and len(polygons):
        w, s, e, n = polygons.total_bounds
    elif located is not None:
        w, s, e, n = located
        pad = 0.2
        w, s, e, n = w - pad, s - pad, e + pad, n + pad
    else:
        (s, w), (n, e) = profile.active().lat_lon_box
    return [[float(s), float(w)], [float(n), float(e)]]
