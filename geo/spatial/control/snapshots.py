"""The per-date layers of the map: control areas and front lines at each snapshot date.

An area or line snapshot is valid from ``date_from`` (included) to ``date_to`` (excluded, the
next snapshot date); the last one has no ``date_to`` (still valid).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from geo.spatial.control.areas import Areas, line_rows
from geo.spatial.control.observation import metric_crs, ordered, to_datetime

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Future

    import geopandas as gpd

    from geo.spatial.voronoi import Memo

__all__ = ["SIMPLIFY_M", "snapshot_layers"]

#: Display simplification of control areas and front lines, metres (metric CRS).
SIMPLIFY_M = 100.0

_AREA_COLUMNS = ["date_from", "date_to", "controller", "area_km2", "n_localities", "geometry"]
_LINE_COLUMNS = ["date_from", "date_to", "side_a", "side_b", "length_km", "geometry"]


def _layer(rows: list[dict[str, Any]], columns: list[str], simplify_m: float) -> gpd.GeoDataFrame:
    import geopandas as gpd
    import shapely

    frame = gpd.GeoDataFrame(rows, columns=columns, geometry="geometry", crs=metric_crs())
    if simplify_m and len(frame):
        frame["geometry"] = shapely.simplify(frame.geometry.values, simplify_m, preserve_topology=True)
    for col in ("date_from", "date_to"):
        frame[col] = to_datetime(frame[col])
    return frame.to_crs("EPSG:4326")


def _without_date(row: dict[str, Any]) -> dict[str, Any]:
    row.pop("date")
    return row


def snapshot_layers(
    days: Sequence[dt.date],
    areas_at: Callable[[dt.date], Areas],
    *,
    simplify_m: float = SIMPLIFY_M,
    on_date: Callable[[dt.date, int], None] | None = None,
    memo: Memo | None = None,
) -> dict[str, gpd.GeoDataFrame]:
    """``control_areas`` and ``front_lines`` layers over the snapshot ``days`` (sorted).

    The front lines of a date are drawn on a second thread while the next date's areas are computed
    (GEOS releases the GIL): the two stages overlap on a machine with two free cores, and each date's
    results are the same as one after the other (the lines keep their own :class:`Memo`).

    Parameters
    ----------
    days
        The snapshot dates, sorted.
    areas_at
        The areas at one date (one date's geometry is computed at a time).
    simplify_m
        Display simplification in metres (topology preserved); ``0`` keeps geometry exact.
        ``area_km2`` and ``length_km`` are measured before simplification.
    on_date
        Called with each snapshot date and the number of dates once it is done (progress).
    memo
        The geometry results ``areas_at`` also uses (:class:`geo.spatial.voronoi.Memo`): moved
        to the next date after each date. Given, the front lines keep theirs from date to date too.
    """
    from concurrent.futures import ThreadPoolExecutor

    from geo.spatial.voronoi import Memo

    lines_memo = None if memo is None else Memo()
    area_rows: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    ends: list[dt.date | None] = [*days[1:], None]
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="front-lines") as pool:
        previous: tuple[dt.date, Future[list[dict[str, Any]]]] | None = None
        for day, end in zip(days, ends, strict=True):
            areas = areas_at(day)
            area_rows.extend(_area_rows(areas, day, end))
            current = (day, pool.submit(_line_rows, areas, day, end, lines_memo))
            if memo is not None:
                memo.next_date()
            if previous is not None:  # one date in flight at most: the lines of the date before
                lines.extend(_done(previous, on_date, len(days)))
            previous = current
        if previous is not None:
            lines.extend(_done(previous, on_date, len(days)))
    return {
        "control_areas": _layer(area_rows, _AREA_COLUMNS, simplify_m),
        "front_lines": _layer(lines, _LINE_COLUMNS, simplify_m),
    }


def _area_rows(areas: Areas, day: dt.date, end: dt.date | None) -> list[dict[str, Any]]:
    return [
        {"date_from": day, "date_to": end, "controller": c, "area_km2": areas.geoms[c].area / 1e6,
         "n_localities": areas.counts[c], "geometry": areas.geoms[c]}
        for c in ordered(areas.geoms)
    ]  # fmt: skip


def _line_rows(areas: Areas, day: dt.date, end: dt.date | None, memo: Memo | None) -> list[dict[str, Any]]:
    """One date's front-line rows; then ``memo`` moves to the next date (the dates come in order)."""
    rows = [{"date_from": day, "date_to": end, **_without_date(r)} for r in line_rows(areas.geoms, day, memo)]
    if memo is not None:
        memo.next_date()
    return rows


def _done(pending: tuple[dt.date, Future[list[dict[str, Any]]]], on_date: Callable[[dt.date, int], None] | None,
          total: int) -> list[dict[str, Any]]:
    """The rows of a date's front lines once drawn, the date reported done."""
    day, future = pending
    rows = future.result()
    if on_date is not None:
        on_date(day, total)
    return rows
