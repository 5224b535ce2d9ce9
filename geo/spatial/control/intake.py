"""Observations from the dispatches: control changes (events) and control states."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from gazetteer.errors import InputError
from geo.spatial.control.dates import parse_date
from geo.spatial.control.observation import ControlObservation
from geo.spatial.controllers import normalise_controller
from geo.vocab import ControlStatus, EventKind, GeoPrecision

if TYPE_CHECKING:  # pragma: no cover
    from geo.model import ControlState, Event

__all__ = ["event_problem", "from_event", "from_state", "is_city_part", "is_control_change"]

#: Statuses an observation keeps; any other status of a change counts as complete.
_KEPT = frozenset({ControlStatus.COMPLETE, ControlStatus.PARTIAL, ControlStatus.CLAIMED, ControlStatus.REVERSED})

_CITY_PART = re.compile(r"\((?:east|west|north|south)\)$")


def is_control_change(ev: object) -> bool:
    """Whether ``ev`` is an event of kind ``control_change`` (other events are not the table's)."""
    return getattr(ev, "kind", None) == EventKind.CONTROL_CHANGE


def event_problem(ev: Event) -> str:
    """Why a control change cannot be placed on the map or in time; ``""`` when it can."""
    if ev.lat is None or ev.lon is None:
        return "no coordinates"
    if ev.geo_precision is not None and ev.geo_precision >= GeoPrecision.REGION:
        return f"place {ev.place!r} is a region (geo_precision {ev.geo_precision}), not a locality"
    if not ev.date:
        return "no date"
    try:
        parse_date(ev.date, ev.date_precision)
    except InputError as exc:
        return str(exc)
    if normalise_controller(ev.new_controller) is None:
        return f"unknown new controller {ev.new_controller!r}"
    return ""


def _status(raw: str | None) -> ControlStatus:
    text = (raw or ControlStatus.COMPLETE).lower()
    if text == ControlStatus.DENIED:
        return ControlStatus.CLAIMED  # a denied claim: low confidence, never a certain change
    return ControlStatus(text) if text in _KEPT else ControlStatus.COMPLETE


def from_event(ev: Event) -> ControlObservation:
    """The observation of a control change that :func:`event_problem` accepts.

    When the event carries the gazetteer's ``place_id`` (its place was resolved at extraction),
    the observation takes it with the event's place name and needs no identification.
    """
    assert ev.lat is not None and ev.lon is not None  # checked by event_problem
    day, precision = parse_date(ev.date, ev.date_precision)
    controller = normalise_controller(ev.new_controller)
    assert controller is not None  # checked by event_problem
    return ControlObservation(
        place=ev.place or f"{ev.lat:.4f},{ev.lon:.4f}",
        lat=float(ev.lat),
        lon=float(ev.lon),
        date=day,
        date_precision=precision,
        controller=controller,
        kind="dispatch",
        status=_status(ev.status),
        previous_controller=normalise_controller(ev.previous_controller),
        evidence=ev.evidence or "",
        source=ev.source or "",
        doc_id=ev.doc_id or "",
        place_id=ev.place_id if ev.place else None,
        name_as_written=ev.place or "",
    )


def from_state(st: ControlState) -> ControlObservation | None:
    """The observation of a control state, or None without coordinates, date or known controller."""
    label = normalise_controller(st.controller or "")
    if st.lat is None or st.lon is None or not st.date or label is None:
        return None
    day, precision = parse_date(st.date, st.date_precision)
    partial = st.status == ControlStatus.PARTIAL
    return ControlObservation(
        place=st.place or f"{st.lat:.4f},{st.lon:.4f}", lat=float(st.lat), lon=float(st.lon), date=day,
        date_precision=precision, controller=label, kind="state",
        status=ControlStatus.PARTIAL if partial else ControlStatus.COMPLETE,
        evidence=st.evidence or "", source=st.source or "", name_as_written=st.place or "",
    )  # fmt: skip


def is_city_part(place: str) -> bool:
    """A city's directional part ("Aleppo (east)"): it stays its own locality, never identified."""
    return bool(_CITY_PART.search(place))
