"""One observation of the control table (who held a locality on a date) and helpers shared by its passes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from geo.spatial.controllers import CONTROLLERS
from geo.vocab import Controller, ControlStatus, DatePrecision

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "NO_DATA",
    "ControlObservation",
    "ObservationKind",
    "locality_key",
    "metric_crs",
    "order_key",
    "ordered",
    "to_datetime",
]

#: Label for territory no locality reaches (never drawn; used in change tables and legends).
NO_DATA = "no data"

#: Where an observation comes from: a baseline row, a dispatch's change, a dispatch's state.
ObservationKind = Literal["baseline", "dispatch", "state"]


@dataclass(slots=True)
class ControlObservation:
    """One row of the control table.

    Parameters
    ----------
    place
        Locality name: the gazetteer's canonical name when the name resolved near the
        coordinates (see :mod:`geo.spatial.control`), else the name as written.
    lat, lon
        WGS84 coordinates of the locality.
    date
        Effective date (month precision -> last day of the month).
    date_precision
        ``"day"``, ``"month"`` or ``"year"``.
    controller
        One of :data:`geo.spatial.controllers.CONTROLLERS`.
    kind
        ``"baseline"``, ``"dispatch"`` (a change) or ``"state"`` (a dispatch saying who holds it).
    status
        ``"complete"``, ``"partial"``, ``"claimed"`` or ``"reversed"`` (baseline rows: ``"complete"``).
    previous_controller
        Controller before the change when the dispatch says so.
    evidence, source, doc_id
        Where the observation comes from.
    place_id
        Gazetteer place id when the name resolved to a locality within
        :data:`geo.spatial.control.ADOPT_KM`, else ``None`` (the locality is then keyed by its
        rounded coordinates).
    name_as_written
        The spelling of the baseline row or dispatch (defaults to ``place``).
    """

    place: str
    lat: float
    lon: float
    date: dt.date
    date_precision: DatePrecision
    controller: Controller
    kind: ObservationKind = "baseline"
    status: ControlStatus = ControlStatus.COMPLETE
    previous_controller: Controller | None = None
    evidence: str = ""
    source: str = ""
    doc_id: str = ""
    place_id: str | None = None
    name_as_written: str = ""

    def __post_init__(self) -> None:
        if not self.name_as_written:
            self.name_as_written = self.place

    @property
    def confidence(self) -> str:
        """``"low"`` for claimed changes, ``"high"`` otherwise."""
        return "low" if self.status == ControlStatus.CLAIMED else "high"

    @property
    def effective_controller(self) -> Controller:
        """Controller this observation sets (``"contested"`` for partial control)."""
        return Controller.CONTESTED if self.status == ControlStatus.PARTIAL else self.controller


def locality_key(o: ControlObservation) -> str:
    """Gazetteer place id, else the coordinates rounded to 0.001 degree (about 100 m)."""
    return o.place_id or f"@{o.lat:.3f},{o.lon:.3f}"


def metric_crs() -> str:
    """The metric CRS of areas and lengths: the active country profile's (read at call time)."""
    from gazetteer import profile

    return profile.active().metric_crs


def order_key(label: str) -> tuple[int, str]:
    """Legend order of a controller label (unknown labels, such as "no data", last)."""
    return (CONTROLLERS.index(label), label) if label in CONTROLLERS else (len(CONTROLLERS), label)


def ordered(labels: Iterable[str]) -> list[str]:
    """Controller labels in legend order."""
    return sorted(labels, key=order_key)


def to_datetime(series: pd.Series) -> pd.Series:
    """Dates (``datetime.date`` or None) as a ``datetime64[ms]`` column."""
    import pandas as pd

    return pd.to_datetime(pd.Series(series, dtype="object"), errors="raise").astype("datetime64[ms]")
