"""Who holds each locality: the state at a date and the interval table (``valid_from``/``valid_to``).

The state of a locality at T is its latest observation at or before T ("reversed" ones aside);
when observations of *different* controllers fall within ``window`` days of that latest one,
the locality is ``"contested"``.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geo.spatial.control.localities import Localities
from geo.spatial.control.observation import ControlObservation, to_datetime
from geo.vocab import Controller, ControlStatus

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

__all__ = ["INTERVAL_COLUMNS", "intervals_frame", "state_frame"]

#: Columns of the ``control`` layer (:func:`intervals_frame`), geometry aside.
INTERVAL_COLUMNS = (
    "place", "place_id", "name_as_written", "controller", "status", "confidence", "contested_by",
    "valid_from", "valid_to", "evidence", "source", "doc_id", "kind", "date_precision", "n_obs",
)  # fmt: skip

_STATE_COLUMNS = (
    "place", "place_id", "name_as_written", "controller", "observed", "date_precision", "status", "confidence",
    "contested_by", "kind", "evidence", "source", "n_obs", "lat", "lon",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _State:
    """What a locality's state is made of; two equal states are one period."""

    controller: Controller
    status: ControlStatus
    confidence: str
    contested_by: str


def _state(recent: Sequence[ControlObservation], last: ControlObservation) -> _State:
    """The state set by ``last`` given the ``recent`` observations of its conflict window."""
    sides = sorted({o.effective_controller for o in recent})
    return _State(
        sides[0] if len(sides) == 1 else Controller.CONTESTED,
        last.status,
        "low" if any(o.confidence == "low" for o in recent) else "high",
        ";".join(sides) if len(sides) > 1 else "",
    )


def _anchor_fields(first: ControlObservation) -> dict[str, Any]:
    return {"place": first.place, "place_id": first.place_id or "", "name_as_written": first.name_as_written}


def _points(rows: list[dict[str, Any]], columns: Sequence[str], dates: Sequence[str]) -> gpd.GeoDataFrame:
    import geopandas as gpd
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(columns))
    for col in dates:
        frame[col] = to_datetime(frame[col])
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")


def state_frame(localities: Localities, day: dt.date, window: int) -> gpd.GeoDataFrame:
    """One point per locality observed at or before ``day`` (see :meth:`ControlTable.state_at`)."""
    rows = []
    for key, obs in localities.groups.items():
        past = [o for o in obs if o.date <= day and o.status != ControlStatus.REVERSED]
        if not past:
            continue
        last = past[-1]
        state = _state([o for o in past if (last.date - o.date).days <= window], last)
        first = localities.anchors[key]
        rows.append({
            **_anchor_fields(first), "controller": state.controller, "observed": last.date,
            "date_precision": last.date_precision, "status": last.status, "confidence": state.confidence,
            "contested_by": state.contested_by, "kind": last.kind, "evidence": last.evidence,
            "source": last.source, "n_obs": len(past), "lat": first.lat, "lon": first.lon,
        })  # fmt: skip
    return _points(rows, _STATE_COLUMNS, ("observed",))


#: The columns :func:`_periods` fills: :data:`INTERVAL_COLUMNS` and the locality's point.
_PERIOD_COLUMNS = (*INTERVAL_COLUMNS, "lat", "lon")


def _periods(live: Sequence[ControlObservation], first: ControlObservation, window: int,
             columns: dict[str, list[Any]]) -> None:
    """Append the periods of unchanged state of one locality (its non-reversed observations, by date) to
    ``columns`` (:data:`_PERIOD_COLUMNS`): one value per column and period, no object per row."""
    ords = [o.date.toordinal() for o in live]
    n_obs, valid_to = columns["n_obs"], columns["valid_to"]
    anchor = _anchor_fields(first)
    current: _State | None = None
    i = 0
    while i < len(live):
        day = live[i].date
        j = bisect.bisect_right(ords, ords[i])  # every observation of that day
        last = live[j - 1]
        state = _state(live[bisect.bisect_left(ords, ords[j - 1] - window) : j], last)
        if current is not None and current == state:
            n_obs[-1] += j - i
        else:
            if current is not None:
                valid_to[-1] = day
            current = state
            row = {
                **anchor, "controller": state.controller, "status": state.status,
                "confidence": state.confidence, "contested_by": state.contested_by, "valid_from": day,
                "valid_to": None, "evidence": last.evidence, "source": last.source, "doc_id": last.doc_id,
                "kind": last.kind, "date_precision": last.date_precision, "n_obs": j - i,
                "lat": first.lat, "lon": first.lon,
            }  # fmt: skip
            for col, values in columns.items():
                values.append(row[col])
        i = j


def intervals_frame(localities: Localities, window: int) -> gpd.GeoDataFrame:
    """One point per locality per period of unchanged state (see :meth:`ControlTable.intervals`)."""
    import geopandas as gpd
    import pandas as pd

    columns: dict[str, list[Any]] = {c: [] for c in _PERIOD_COLUMNS}
    for key, obs in localities.groups.items():
        live = [o for o in obs if o.status != ControlStatus.REVERSED]
        if live:
            _periods(live, localities.anchors[key], window, columns)
    frame = pd.DataFrame(columns, columns=list(_PERIOD_COLUMNS))
    del columns
    gdf = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")
    gdf = gdf.sort_values(["valid_from", "place"], kind="stable").reset_index(drop=True)
    for col in ("valid_from", "valid_to"):
        gdf[col] = to_datetime(gdf[col])
    return gdf.drop(columns=["lat", "lon"])
