"""What moved between two dates (km² gained and lost, front lines added and removed) and the dispatches' changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gazetteer.errors import InputError
from geo.spatial.control.areas import Areas, line_rows
from geo.spatial.control.localities import Localities
from geo.spatial.control.observation import NO_DATA, metric_crs, order_key, to_datetime
from geo.spatial.controllers import normalise_controller
from geo.vocab import ControlStatus

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry.base import BaseGeometry

__all__ = ["ControlChanges", "changes_between", "dispatch_changes"]

_CHANGE_COLUMNS = ["place", "from_controller", "to_controller", "date", "date_precision", "status",
                   "confidence", "evidence", "source", "doc_id", "lat", "lon"]  # fmt: skip


@dataclass(slots=True)
class ControlChanges:
    """Territory and front lines that moved between two dates.

    Attributes
    ----------
    transfers
        GeoDataFrame (EPSG:4326): ``from_controller``, ``to_controller`` (either may be
        ``"no data"``), ``area_km2``, ``date_from``, ``date_to``, geometry.
    summary
        DataFrame per controller: ``gained_km2``, ``lost_km2``, ``net_km2``.
    lines
        GeoDataFrame (EPSG:4326) of front lines present at one date only: ``change``
        (``"removed"`` = at ``date_from`` only, ``"added"`` = at ``date_to`` only), ``side_a``,
        ``side_b``, ``length_km``, geometry.
    """

    date_from: dt.date
    date_to: dt.date
    transfers: gpd.GeoDataFrame
    summary: pd.DataFrame
    lines: gpd.GeoDataFrame

    def gained(self, controller: str) -> float:
        """km² gained by ``controller`` (from anyone, including "no data")."""
        return self._value(controller, "gained_km2")

    def lost(self, controller: str) -> float:
        """km² lost by ``controller``."""
        return self._value(controller, "lost_km2")

    def _value(self, controller: str, col: str) -> float:
        label = normalise_controller(controller) or controller
        hit = self.summary.loc[self.summary["controller"] == label, col]
        return float(hit.iloc[0]) if len(hit) else 0.0


def _transfers(before: Areas, after: Areas) -> gpd.GeoDataFrame:
    """Pieces of territory whose controller (or "no data") differs at the two dates, metric CRS."""
    import geopandas as gpd
    import shapely

    known1 = shapely.union_all(list(before.geoms.values())) if before.geoms else shapely.Polygon()
    known2 = shapely.union_all(list(after.geoms.values())) if after.geoms else shapely.Polygon()
    src_geoms: dict[str, BaseGeometry] = {**before.geoms, NO_DATA: known2.difference(known1)}
    dst_geoms: dict[str, BaseGeometry] = {**after.geoms, NO_DATA: known1.difference(known2)}
    rows = []
    for src, g1 in src_geoms.items():
        for dst, g2 in dst_geoms.items():
            if src == dst:
                continue
            piece = g1.intersection(g2)
            area = piece.area / 1e6
            if area <= 1e-6:
                continue
            rows.append({"from_controller": src, "to_controller": dst, "area_km2": area,
                         "date_from": before.day, "date_to": after.day, "geometry": piece})  # fmt: skip
    return gpd.GeoDataFrame(
        rows, columns=["from_controller", "to_controller", "area_km2", "date_from", "date_to", "geometry"],
        geometry="geometry", crs=metric_crs(),
    )  # fmt: skip


def _summary(transfers: gpd.GeoDataFrame, labels: list[str]) -> pd.DataFrame:
    import pandas as pd

    summary = pd.DataFrame(
        {
            "controller": labels,
            "gained_km2": [float(transfers.loc[transfers.to_controller == c, "area_km2"].sum()) for c in labels],
            "lost_km2": [float(transfers.loc[transfers.from_controller == c, "area_km2"].sum()) for c in labels],
        }
    )
    summary["net_km2"] = summary["gained_km2"] - summary["lost_km2"]
    return summary


def _moved_lines(before: Areas, after: Areas, tolerance_m: float) -> gpd.GeoDataFrame:
    """Front lines present at one date only (``removed``/``added``), metric CRS."""
    import geopandas as gpd
    import shapely

    from geo.spatial.voronoi import line_parts

    lines1, lines2 = line_rows(before.geoms, before.day), line_rows(after.geoms, after.day)
    moved = []
    for change, mine, other in (("removed", lines1, lines2), ("added", lines2, lines1)):
        others = shapely.union_all([r["geometry"] for r in other]) if other else None
        for r in mine:
            geom = r["geometry"] if others is None else r["geometry"].difference(others.buffer(tolerance_m))
            part = line_parts(geom, min_length=tolerance_m)
            if part is None:
                continue
            moved.append({"change": change, "side_a": r["side_a"], "side_b": r["side_b"],
                          "length_km": part.length / 1000, "date": r["date"], "geometry": part})  # fmt: skip
    return gpd.GeoDataFrame(
        moved, columns=["change", "side_a", "side_b", "length_km", "date", "geometry"],
        geometry="geometry", crs=metric_crs(),
    )  # fmt: skip


def changes_between(before: Areas, after: Areas, line_tolerance_m: float) -> ControlChanges:
    """Territory gained and lost per controller and the front lines that moved (see :class:`ControlChanges`).

    Raises
    ------
    InputError
        ``after`` is dated before ``before``.
    """
    if after.day < before.day:
        raise InputError(f"changes_between: {after.day} is before {before.day}")
    transfers = _transfers(before, after)
    summary = _summary(transfers, sorted(set(before.geoms) | set(after.geoms), key=order_key))
    lines = _moved_lines(before, after, line_tolerance_m)
    for frame, cols in ((transfers, ("date_from", "date_to")), (lines, ("date",))):
        for c in cols:
            frame[c] = to_datetime(frame[c])
    return ControlChanges(before.day, after.day, transfers.to_crs("EPSG:4326"), summary, lines.to_crs("EPSG:4326"))


def _change_columns(localities: Localities) -> dict[str, list[Any]]:
    """The dispatches' changes as columns (:data:`_CHANGE_COLUMNS`), with who held the place before each."""
    columns: dict[str, list[Any]] = {c: [] for c in _CHANGE_COLUMNS}
    add = [columns[c].append for c in _CHANGE_COLUMNS]
    for obs in localities.groups.values():
        held: str | None = None
        for o in obs:
            if o.kind == "dispatch":
                values = (o.place, o.previous_controller or held or "", o.controller, o.date, o.date_precision,
                          o.status, o.confidence, o.evidence, o.source, o.doc_id, o.lat, o.lon)  # fmt: skip
                for append, value in zip(add, values, strict=True):
                    append(value)
            if o.status != ControlStatus.REVERSED:
                held = o.effective_controller
    return columns


def dispatch_changes(localities: Localities) -> gpd.GeoDataFrame:
    """The ``control_changes`` layer: every dispatch's change, with who held the place before.

    Made from columns (no object per row): a large run has one row per control change it read.
    """
    import geopandas as gpd
    import pandas as pd

    frame = pd.DataFrame(_change_columns(localities), columns=_CHANGE_COLUMNS)
    frame = frame.sort_values(["date", "place"], kind="stable")
    frame["date"] = to_datetime(frame["date"])
    gdf = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")
    return gdf.drop(columns=["lat", "lon"]).reset_index(drop=True)
