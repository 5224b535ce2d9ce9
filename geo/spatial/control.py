"""Who controls which locality over time: control table, control areas, front lines and their changes.

Model
-----
A :class:`ControlTable` holds *observations*: "locality X was held by controller C on date D",
from a user's baseline (CSV/GeoPackage/GeoJSON) or from control changes extracted from dispatches.

- **Dates.** Every observation has an effective ``date`` and the ``date_precision`` it was known
  with. A month-precision date (``"2019-08"``) is placed on the month's **last** day, a
  year-precision date on 31 December: an observation only counts once it is certainly in the past,
  so the state at a date inside the month never shows a change that may not have happened yet. The
  same rule applies to baseline rows and to dispatches.
- **Status.** ``"complete"`` flips the locality; ``"claimed"`` flips it with ``confidence="low"``;
  ``"partial"`` (part of the locality taken) makes it ``"contested"``; ``"reversed"`` (the attack was
  repelled, the change did not hold) is recorded and shown but never changes the state.
- **State at T** (:meth:`ControlTable.state_at`): the latest observation per locality at or before
  T. When observations of *different* controllers fall within ``window_days`` of that latest one,
  the locality is ``"contested"``.
- **Control areas** (:meth:`ControlTable.control_areas`): Voronoi cells of the localities, computed
  in EPSG:32637, each cut by a disc of ``max_reach_km`` around its locality and by the country
  outline, dissolved by controller. Nothing is inferred where no data exists: farther than
  ``max_reach_km`` from every known locality there is **no polygon** ("no data"), the country is
  never coloured as a whole.
- **Front lines** (:meth:`ControlTable.front_lines`): boundaries shared by areas of different
  controllers, line-merged.
- **Changes** (:meth:`ControlTable.changes_between`): territory passing from one controller (or from
  "no data") to another between two dates, in km² in EPSG:32637, and the front lines present at one
  date only.

Locality identity
-----------------
A locality is identified by a stable **key**, never by its name as written: the gazetteer place
id when the name resolves, else its coordinates rounded to 0.001° (about 100 m).

- Every observation that has a name goes through the gazetteer
  (``gazetteer.resolve(name, near=(lat, lon))``). When the resolved place is a locality (not a
  governorate or region) within :data:`ADOPT_KM` (3 km) of the observation's own coordinates, the
  observation takes the gazetteer's canonical name and place id ("Khan Cheikhoun" in a baseline
  and "Khan Shaykhun" in a dispatch are both ``curated:47``); otherwise it keeps its own name and
  has no id. The coordinates are always the observation's own, and the spelling as written stays
  in ``name_as_written``. Rows without coordinates are placed by the gazetteer (name only).
- Observations with the same key are one locality. An observation whose key is new joins the
  nearest known locality within ``same_place_km`` (**2.5 km**) unless both carry *different*
  gazetteer ids: a spelling the gazetteer does not know, or baseline coordinates a little off,
  still land on their locality, while two distinct villages 1.5 km apart (Maar Shamarin and Deir
  al-Sharqi) stay two. The same name far apart (homonyms) is two localities.
- A locality keeps the name, id and coordinates of its first observation (baseline rows first).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer.errors import DataError, InputError
from geo.spatial.controllers import CONTROLLERS, PALETTE, normalise_controller

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    import pandas as pd

    from geo.model import Event

__all__ = [
    "ADOPT_KM",
    "CONTROLLERS",
    "MAX_SNAPSHOTS",
    "METRIC_CRS",
    "NO_DATA",
    "PALETTE",
    "SIMPLIFY_M",
    "ControlChanges",
    "ControlObservation",
    "ControlTable",
    "bounded_step",
    "normalise_controller",
    "parse_date",
    "snapshot_dates",
]

#: Metric CRS used for every area and length (UTM zone 37N covers Syria).
METRIC_CRS = "EPSG:32637"

#: A name resolving to a gazetteer place farther than this (km) from the row's coordinates is not
#: taken as that place: the row keeps its own name and has no place id.
ADOPT_KM = 3.0

#: Gazetteer kinds that are not localities (a row is never identified with one of them).
_NOT_LOCALITY = frozenset({"country", "governorate", "district", "subdistrict", "region", "foreign"})

#: Default bound of the number of snapshot dates of control areas and front lines.
MAX_SNAPSHOTS = 60

#: Display simplification of control areas and front lines, metres (EPSG:32637).
SIMPLIFY_M = 100.0

#: Columns of the ``control`` layer (:meth:`ControlTable.intervals`), geometry aside.
_INTERVAL_COLUMNS = (
    "place", "place_id", "name_as_written", "controller", "status", "confidence", "contested_by",
    "valid_from", "valid_to", "evidence", "source", "doc_id", "kind", "date_precision", "n_obs",
)  # fmt: skip

#: Label for territory no locality reaches (never drawn; used in change tables and legends).
NO_DATA = "no data"

_STATUSES = ("complete", "partial", "claimed", "reversed")
_PRECISIONS = ("day", "month", "year")


@dataclass(slots=True)
class ControlObservation:
    """One row of the control table.

    Parameters
    ----------
    place
        Locality name: the gazetteer's canonical name when the name resolved near the
        coordinates (see module docstring), else the name as written.
    lat, lon
        WGS84 coordinates of the locality.
    date
        Effective date (month precision -> last day of the month, see module docstring).
    date_precision
        ``"day"``, ``"month"`` or ``"year"``.
    controller
        One of :data:`CONTROLLERS`.
    kind
        ``"baseline"``, ``"dispatch"`` (a change) or ``"state"`` (a dispatch saying who holds it).
    status
        ``"complete"``, ``"partial"``, ``"claimed"`` or ``"reversed"`` (baseline rows: ``"complete"``).
    previous_controller
        Controller before the change when the dispatch says so.
    evidence, source, doc_id
        Where the observation comes from.
    place_id
        Gazetteer place id when the name resolved to a locality within :data:`ADOPT_KM`, else
        ``None`` (the locality is then keyed by its rounded coordinates).
    name_as_written
        The spelling of the baseline row or dispatch (defaults to ``place``).
    """

    place: str
    lat: float
    lon: float
    date: dt.date
    date_precision: str
    controller: str
    kind: str = "baseline"
    status: str = "complete"
    previous_controller: str | None = None
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
        return "low" if self.status == "claimed" else "high"

    @property
    def effective_controller(self) -> str:
        """Controller this observation sets (``"contested"`` for partial control)."""
        return "contested" if self.status == "partial" else self.controller


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
        return _summary_value(self.summary, controller, "gained_km2")

    def lost(self, controller: str) -> float:
        """km² lost by ``controller``."""
        return _summary_value(self.summary, controller, "lost_km2")


@dataclass
class ControlTable:
    """Observations of who controls which locality, and what follows from them.

    Parameters
    ----------
    observations
        Initial rows (usually empty; use :meth:`from_baseline` and :meth:`add_events`).
    outline
        Country outline (shapely, EPSG:4326) clipping the areas; default
        :func:`geo.spatial.admin.country_outline`.
    window_days
        Conflicting reports closer than this make a locality contested.
    max_reach_km
        Default reach of a locality's area of influence.
    same_place_km
        Distance tolerance of locality identity (default 2.5 km): an observation with a new key
        joins the nearest locality this close unless both have different gazetteer ids (see
        module docstring).
    gazetteer
        Object with ``resolve(name, near=(lat, lon))`` returning a
        :class:`gazetteer.types.Resolution`; ``None`` (default) loads
        ``gazetteer.Gazetteer.default()`` on first use; ``False`` turns resolution off (localities
        are then keyed by coordinates only).
    """

    observations: list[ControlObservation] = field(default_factory=list)
    outline: Any = None
    window_days: int = 3
    max_reach_km: float = 15.0
    same_place_km: float = 2.5
    gazetteer: Any = field(default=None, repr=False)
    rejected: list[tuple[Any, str]] = field(default_factory=list)
    _cache: dict[Any, Any] = field(default_factory=dict, repr=False)
    _resolver: _Resolver | None = field(default=None, repr=False)

    # ------------------------------------------------------------------ building
    def __len__(self) -> int:
        return len(self.observations)

    @classmethod
    def from_baseline(
        cls,
        path: str | Path,
        *,
        gazetteer: Any = None,
        **kwargs: Any,
    ) -> ControlTable:
        """Read known control data: CSV, GeoPackage or GeoJSON.

        CSV columns: ``place,lat,lon,controller,date[,date_precision][,source]``; ``lat``/``lon``
        may be empty (or absent) when ``place`` resolves through the gazetteer. Vector files hold
        points with ``controller`` and ``date`` (and optionally ``place``/``name``, ``source``).
        Dates are ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.

        Parameters
        ----------
        path
            The baseline file.
        gazetteer
            Object with ``resolve(name, near=None)`` returning a
            :class:`gazetteer.types.Resolution`; default ``gazetteer.Gazetteer.default()``. It
            places rows without coordinates and identifies every named row (canonical name and
            place id, see module docstring); ``False`` only for rows that all have coordinates.
        **kwargs
            Passed to the constructor (``outline``, ``window_days``, ``max_reach_km``,
            ``same_place_km``).

        Raises
        ------
        InputError
            The file does not exist or has an unknown extension.
        DataError
            A row is unusable; the message names the file and the line (CSV) or feature (vector).
        """
        p = Path(path)
        if not p.is_file():
            raise InputError(f"baseline file not found: {p}")
        table = cls(gazetteer=gazetteer, **kwargs)
        suffix = p.suffix.lower()
        if suffix in {".csv", ".txt"}:
            rows = _read_baseline_csv(p, table._get_resolver())
        elif suffix in {".gpkg", ".geojson", ".json", ".shp", ".fgb"}:
            rows = _read_baseline_vector(p)
        else:
            raise InputError(f"baseline {p}: unknown format {suffix!r}; expected .csv, .gpkg or .geojson")
        for obs in rows:
            table._identify(obs)
        table.observations.extend(rows)
        table._cache.clear()
        return table

    def add_baseline(
        self,
        place: str,
        lat: float,
        lon: float,
        controller: str,
        date: str | dt.date,
        *,
        date_precision: str | None = None,
        source: str = "baseline",
    ) -> ControlObservation:
        """Add one known-control row (the programmatic twin of a baseline file line).

        The name is identified through the gazetteer like a baseline file row (module docstring).
        """
        label = normalise_controller(controller)
        if label is None:
            raise InputError(f"unknown controller {controller!r}; expected one of {', '.join(CONTROLLERS)}")
        day, precision = parse_date(date, date_precision)
        obs = ControlObservation(place, float(lat), float(lon), day, precision, label, source=source)
        self._identify(obs)
        self.observations.append(obs)
        self._cache.clear()
        return obs

    def add_events(self, events: Iterable[Event]) -> int:
        """Add the control changes among ``events``; return how many were recorded.

        Events that cannot be placed on the map or in time (no coordinates, governorate- or
        country-level place with ``geo_precision >= 3``, no date, unknown new controller) are kept
        in :attr:`rejected` with the reason, not guessed.
        """
        added = 0
        for ev in events:
            if getattr(ev, "kind", None) != "control_change":
                continue
            reason = _event_problem(ev)
            if reason:
                self.rejected.append((ev, reason))
                continue
            day, precision = parse_date(ev.date, ev.date_precision)
            status = (ev.status or "complete").lower()
            if status == "denied":
                status = "claimed"  # a denied claim: low confidence, never a certain change
            if status not in _STATUSES:
                status = "complete"
            obs = ControlObservation(
                place=ev.place or f"{ev.lat:.4f},{ev.lon:.4f}",
                lat=float(ev.lat),  # type: ignore[arg-type]
                lon=float(ev.lon),  # type: ignore[arg-type]
                date=day,
                date_precision=precision,
                controller=normalise_controller(ev.new_controller) or "",
                kind="dispatch",
                status=status,
                previous_controller=normalise_controller(ev.previous_controller),
                evidence=ev.evidence or "",
                source=ev.source or "",
                doc_id=ev.doc_id or "",
                name_as_written=ev.place or "",
            )
            if ev.place:
                self._identify(obs)
            self.observations.append(obs)
            added += 1
        self._cache.clear()
        return added

    def add_states(self, states: Iterable[Any]) -> int:
        """Add control *states* read in dispatches ("X, contrôlé par Y": :class:`geo.model.ControlState`).

        A state says who holds a place at the dispatch's date; it is recorded like a baseline row
        of that date (``kind="state"``), never as a change. States without coordinates, date or a
        known controller are kept in :attr:`rejected`. Returns how many were recorded.
        """
        added = 0
        for st in states:
            label = normalise_controller(getattr(st, "controller", None) or "")
            if st.lat is None or st.lon is None or not st.date or label is None:
                self.rejected.append((st, "state without coordinates, date or known controller"))
                continue
            day, precision = parse_date(st.date, st.date_precision)
            obs = ControlObservation(place=st.place or f"{st.lat:.4f},{st.lon:.4f}", lat=float(st.lat), lon=float(st.lon),
                                     date=day, date_precision=precision, controller=label, kind="state",
                                     status="partial" if getattr(st, "status", "") == "partial" else "complete",
                                     evidence=st.evidence or "", source=st.source or "", name_as_written=st.place or "")
            if st.place and not re.search(r"\((?:east|west|north|south)\)$", st.place):
                self._identify(obs)  # a city's directional part ("Aleppo (east)") stays its own locality
            self.observations.append(obs)
            added += 1
        self._cache.clear()
        return added

    def to_geodataframe(self) -> gpd.GeoDataFrame:
        """Every observation as a point GeoDataFrame (EPSG:4326), dates as ``datetime64``."""
        import geopandas as gpd
        import pandas as pd

        cols = [
            "place", "place_id", "name_as_written", "controller", "date", "date_precision", "kind",
            "status", "confidence", "previous_controller", "evidence", "source", "doc_id", "lat", "lon",
        ]  # fmt: skip
        rows = [
            {
                "place": o.place, "place_id": o.place_id, "name_as_written": o.name_as_written,
                "controller": o.controller, "date": o.date,
                "date_precision": o.date_precision, "kind": o.kind, "status": o.status,
                "confidence": o.confidence, "previous_controller": o.previous_controller,
                "evidence": o.evidence, "source": o.source, "doc_id": o.doc_id,
                "lat": o.lat, "lon": o.lon,
            }  # fmt: skip
            for o in self.observations
        ]
        frame = pd.DataFrame(rows, columns=cols)
        frame["date"] = _to_datetime(frame["date"])
        return gpd.GeoDataFrame(
            frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326"
        )

    # ------------------------------------------------------------------ state
    def state_at(self, date: str | dt.date, *, window_days: int | None = None) -> gpd.GeoDataFrame:
        """Return who holds each known locality at ``date``.

        Parameters
        ----------
        date
            The date (``YYYY-MM-DD`` or :class:`datetime.date`).
        window_days
            Conflict window; default :attr:`window_days`.

        Returns
        -------
        geopandas.GeoDataFrame
            One point per locality observed at or before ``date`` (EPSG:4326): ``place``,
            ``place_id`` (gazetteer id or empty), ``name_as_written``, ``controller``, ``observed`` (date of the deciding observation), ``date_precision``,
            ``status``, ``confidence``, ``contested_by`` (controllers in conflict, ``;``-joined),
            ``kind``, ``evidence``, ``source``, ``n_obs``, ``lat``, ``lon``.
        """
        import geopandas as gpd
        import pandas as pd

        day, _ = parse_date(date)
        window = self.window_days if window_days is None else window_days
        rows = []
        anchors = self._anchors()
        for key, obs in self._by_locality().items():
            past = [o for o in obs if o.date <= day and o.status != "reversed"]
            if not past:
                continue
            last = past[-1]
            recent = [o for o in past if (last.date - o.date).days <= window]
            sides = sorted({o.effective_controller for o in recent})
            controller = sides[0] if len(sides) == 1 else "contested"
            first = anchors[key]
            rows.append(
                {
                    "place": first.place,
                    "place_id": first.place_id or "",
                    "name_as_written": first.name_as_written,
                    "controller": controller,
                    "observed": last.date,
                    "date_precision": last.date_precision,
                    "status": last.status,
                    "confidence": "low" if any(o.confidence == "low" for o in recent) else "high",
                    "contested_by": ";".join(sides) if len(sides) > 1 else "",
                    "kind": last.kind,
                    "evidence": last.evidence,
                    "source": last.source,
                    "n_obs": len(past),
                    "lat": first.lat,
                    "lon": first.lon,
                }
            )
        cols = [
            "place", "place_id", "name_as_written", "controller", "observed", "date_precision", "status", "confidence",
            "contested_by", "kind", "evidence", "source", "n_obs", "lat", "lon",
        ]  # fmt: skip
        frame = pd.DataFrame(rows, columns=cols)
        frame["observed"] = _to_datetime(frame["observed"])
        return gpd.GeoDataFrame(
            frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326"
        )

    # ------------------------------------------------------------------ intervals
    def intervals(self, *, window_days: int | None = None) -> gpd.GeoDataFrame:
        """Return control over time: one row per locality per period of unchanged state.

        The state of a locality (what :meth:`state_at` gives) only changes on the date of one of
        its observations; consecutive periods with the same controller, status, confidence and
        contesting sides are one period. ``state_at(T)`` and the row with
        ``valid_from <= T < valid_to`` (``valid_to`` null = still valid) always agree.

        Parameters
        ----------
        window_days
            Conflict window; default :attr:`window_days`.

        Returns
        -------
        geopandas.GeoDataFrame
            Points (EPSG:4326), sorted by ``valid_from`` then ``place``: ``place``, ``place_id``
            (gazetteer id or empty), ``name_as_written``, ``controller``, ``status``,
            ``confidence``, ``contested_by``, ``valid_from``, ``valid_to``, ``evidence``,
            ``source``, ``doc_id``, ``kind``, ``date_precision`` (of the observation that opened the
            period), ``n_obs`` (observations within the period). Dates are ``datetime64``.
        """
        import bisect

        import geopandas as gpd
        import pandas as pd

        window = self.window_days if window_days is None else window_days
        anchors = self._anchors()
        rows: list[dict[str, Any]] = []
        for key, obs in self._by_locality().items():
            live = [o for o in obs if o.status != "reversed"]
            if not live:
                continue
            ords = [o.date.toordinal() for o in live]
            first = anchors[key]
            current: dict[str, Any] | None = None
            i = 0
            while i < len(live):
                day = live[i].date
                j = bisect.bisect_right(ords, ords[i])  # every observation of that day
                last = live[j - 1]
                recent = live[bisect.bisect_left(ords, ords[j - 1] - window) : j]
                sides = sorted({o.effective_controller for o in recent})
                state = (
                    sides[0] if len(sides) == 1 else "contested",
                    last.status,
                    "low" if any(o.confidence == "low" for o in recent) else "high",
                    ";".join(sides) if len(sides) > 1 else "",
                )
                if current is not None and current["_state"] == state:
                    current["n_obs"] += j - i
                else:
                    if current is not None:
                        current["valid_to"] = day
                    current = {
                        "_state": state, "place": first.place, "place_id": first.place_id or "",
                        "name_as_written": first.name_as_written, "controller": state[0], "status": state[1],
                        "confidence": state[2], "contested_by": state[3], "valid_from": day, "valid_to": None,
                        "evidence": last.evidence, "source": last.source, "doc_id": last.doc_id, "kind": last.kind,
                        "date_precision": last.date_precision, "n_obs": j - i, "lat": first.lat, "lon": first.lon,
                    }  # fmt: skip
                    rows.append(current)
                i = j
        frame = pd.DataFrame(rows, columns=["_state", *_INTERVAL_COLUMNS, "lat", "lon"]).drop(columns="_state")
        frame = frame.sort_values(["valid_from", "place"], kind="stable").reset_index(drop=True)
        for col in ("valid_from", "valid_to"):
            frame[col] = _to_datetime(frame[col])
        gdf = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")
        return gdf.drop(columns=["lat", "lon"])

    # ------------------------------------------------------------------ areas and lines
    def control_areas(
        self,
        date: str | dt.date,
        *,
        max_reach_km: float | None = None,
        window_days: int | None = None,
    ) -> gpd.GeoDataFrame:
        """Return the areas of influence per controller at ``date``.

        Voronoi cells of the localities (EPSG:32637), each cut by a disc of ``max_reach_km``
        around its locality and by the country outline, dissolved by controller. Farther than
        ``max_reach_km`` from every locality there is no polygon ("no data").

        Returns
        -------
        geopandas.GeoDataFrame
            ``controller``, ``date``, ``area_km2``, ``n_localities``, geometry (EPSG:4326).
        """
        import geopandas as gpd

        areas, counts, day = self._areas_metric(date, max_reach_km, window_days)
        rows = [
            {
                "controller": c,
                "date": day,
                "area_km2": areas[c].area / 1e6,
                "n_localities": counts[c],
                "geometry": areas[c],
            }
            for c in _ordered(areas)
        ]
        gdf = gpd.GeoDataFrame(
            rows, columns=["controller", "date", "area_km2", "n_localities", "geometry"],
            geometry="geometry", crs=METRIC_CRS,
        )  # fmt: skip
        gdf["date"] = _to_datetime(gdf["date"])
        return gdf.to_crs("EPSG:4326")

    def front_lines(
        self,
        date: str | dt.date,
        *,
        max_reach_km: float | None = None,
        window_days: int | None = None,
    ) -> gpd.GeoDataFrame:
        """Return the boundaries shared by areas of different controllers at ``date``.

        Returns
        -------
        geopandas.GeoDataFrame
            ``date``, ``side_a``, ``side_b``, ``length_km``, geometry (EPSG:4326 lines).
        """
        import geopandas as gpd

        areas, _, day = self._areas_metric(date, max_reach_km, window_days)
        gdf = gpd.GeoDataFrame(
            _line_rows(areas, day),
            columns=["date", "side_a", "side_b", "length_km", "geometry"],
            geometry="geometry", crs=METRIC_CRS,
        )  # fmt: skip
        gdf["date"] = _to_datetime(gdf["date"])
        return gdf.to_crs("EPSG:4326")

    def changes_between(
        self,
        d1: str | dt.date,
        d2: str | dt.date,
        *,
        max_reach_km: float | None = None,
        window_days: int | None = None,
        line_tolerance_m: float = 50.0,
    ) -> ControlChanges:
        """Return territory gained and lost per controller and the front lines that moved.

        Parameters
        ----------
        d1, d2
            The two dates (``d1`` before ``d2``).
        line_tolerance_m
            A front-line stretch within this distance of a line at the other date did not move.
        """
        import geopandas as gpd
        import pandas as pd
        import shapely

        from geo.spatial.voronoi import line_parts

        a1, _, day1 = self._areas_metric(d1, max_reach_km, window_days)
        a2, _, day2 = self._areas_metric(d2, max_reach_km, window_days)
        if day2 < day1:
            raise InputError(f"changes_between: {day2} is before {day1}")
        known1 = shapely.union_all(list(a1.values())) if a1 else shapely.Polygon()
        known2 = shapely.union_all(list(a2.values())) if a2 else shapely.Polygon()
        before = dict(a1)
        after = dict(a2)
        before[NO_DATA] = known2.difference(known1)
        after[NO_DATA] = known1.difference(known2)
        rows = []
        for src, g1 in before.items():
            for dst, g2 in after.items():
                if src == dst or (src == NO_DATA and dst == NO_DATA):
                    continue
                piece = g1.intersection(g2)
                area = piece.area / 1e6
                if area <= 1e-6:
                    continue
                rows.append({"from_controller": src, "to_controller": dst, "area_km2": area,
                             "date_from": day1, "date_to": day2, "geometry": piece})  # fmt: skip
        transfers = gpd.GeoDataFrame(
            rows, columns=["from_controller", "to_controller", "area_km2", "date_from", "date_to", "geometry"],
            geometry="geometry", crs=METRIC_CRS,
        )  # fmt: skip
        labels = sorted(set(a1) | set(a2), key=_order_key)
        summary = pd.DataFrame(
            {
                "controller": labels,
                "gained_km2": [float(transfers.loc[transfers.to_controller == c, "area_km2"].sum()) for c in labels],
                "lost_km2": [float(transfers.loc[transfers.from_controller == c, "area_km2"].sum()) for c in labels],
            }
        )
        summary["net_km2"] = summary["gained_km2"] - summary["lost_km2"]

        lines1, lines2 = _line_rows(a1, day1), _line_rows(a2, day2)
        moved = []
        for change, mine, other in (("removed", lines1, lines2), ("added", lines2, lines1)):
            others = shapely.union_all([r["geometry"] for r in other]) if other else None
            for r in mine:
                geom = r["geometry"] if others is None else r["geometry"].difference(others.buffer(line_tolerance_m))
                part = line_parts(geom, min_length=line_tolerance_m)
                if part is None:
                    continue
                moved.append({"change": change, "side_a": r["side_a"], "side_b": r["side_b"],
                              "length_km": part.length / 1000, "date": r["date"], "geometry": part})  # fmt: skip
        lines = gpd.GeoDataFrame(
            moved, columns=["change", "side_a", "side_b", "length_km", "date", "geometry"],
            geometry="geometry", crs=METRIC_CRS,
        )  # fmt: skip
        for frame, cols in ((transfers, ("date_from", "date_to")), (lines, ("date",))):
            for c in cols:
                frame[c] = _to_datetime(frame[c])
        return ControlChanges(day1, day2, transfers.to_crs("EPSG:4326"), summary, lines.to_crs("EPSG:4326"))

    # ------------------------------------------------------------------ snapshots
    def default_dates(self, *, max_dates: int | None = None) -> list[dt.date]:
        """Snapshot dates of the areas and front lines when none are asked for.

        Every distinct observation date while there are at most ``max_dates`` (default
        :data:`MAX_SNAPSHOTS`) of them; beyond that a regular step chosen by the span (weekly,
        monthly, quarterly, or a multiple of three months) so their number stays bounded
        (:func:`bounded_step`). The first and last observation dates are always included.
        """
        days = sorted({o.date for o in self.observations})
        limit = MAX_SNAPSHOTS if max_dates is None else max_dates
        if len(days) <= limit:
            return days
        return snapshot_dates(days, bounded_step(days[0], days[-1], limit))

    def snapshots(
        self,
        dates: Sequence[str | dt.date] | None = None,
        *,
        step: str | None = None,
        max_reach_km: float | None = None,
        window_days: int | None = None,
        max_dates: int | None = None,
        simplify_m: float = SIMPLIFY_M,
        on_date: Callable[[dt.date, int], None] | None = None,
    ) -> dict[str, gpd.GeoDataFrame]:
        """Build the GeoPackage/map layers: control intervals, and areas and lines per snapshot date.

        Parameters
        ----------
        dates
            Snapshot dates of the areas and front lines; default :meth:`default_dates` (bounded
            by ``max_dates``).
        step
            Instead of ``dates``: a regular step from the first to the last observation date,
            ``"<n>D"``, ``"<n>W"``, ``"<n>M"`` or ``"<n>Y"`` (the last observation date is always
            included). Neither ``dates`` nor ``step`` is bounded: ask for more snapshots with them.
        max_dates
            Bound of the default dates (default :data:`MAX_SNAPSHOTS`).
        simplify_m
            Areas and lines are simplified for display with this tolerance in metres
            (EPSG:32637, topology preserved); ``0`` keeps them exact. ``area_km2`` and
            ``length_km`` are measured before simplification.
        on_date
            Called with each snapshot date and the number of dates once it is done (progress).

        Returns
        -------
        dict of GeoDataFrame
            ``control`` (:meth:`intervals`: one point per locality per period of unchanged
            state, ``valid_from`` included to ``valid_to`` excluded, null = still valid),
            ``control_areas`` (``controller``, ``area_km2``, ``n_localities``, ``date_from``,
            ``date_to``), ``front_lines`` (``side_a``, ``side_b``, ``length_km``, ``date_from``,
            ``date_to``) and ``control_changes`` (dispatch observations: ``place``,
            ``from_controller``, ``to_controller``, ``date``, ``date_precision``, ``status``,
            ``confidence``, ``evidence``, ``source``, ``doc_id``). An area or line snapshot is
            valid from ``date_from`` (included) to ``date_to`` (excluded, the next snapshot); the
            last one has no ``date_to`` (still valid). All in EPSG:4326.
        """
        import geopandas as gpd
        import shapely

        if dates is not None and step is not None:
            raise InputError("give snapshot dates or a step, not both")
        if dates is not None:
            days = sorted({parse_date(d)[0] for d in dates})
        elif step is not None:
            days = snapshot_dates(sorted({o.date for o in self.observations}), step)
        else:
            days = self.default_dates(max_dates=max_dates)
        if not days:
            raise InputError("no snapshot date: the control table is empty and no date was given")
        ends: list[dt.date | None] = [*days[1:], None]
        area_rows: list[dict[str, Any]] = []
        line_rows: list[dict[str, Any]] = []
        for day, end in zip(days, ends):
            areas, counts, _ = self._areas_metric(day, max_reach_km, window_days)
            for c in _ordered(areas):
                area_rows.append({"date_from": day, "date_to": end, "controller": c, "area_km2": areas[c].area / 1e6,
                                  "n_localities": counts[c], "geometry": areas[c]})  # fmt: skip
            for r in _line_rows(areas, day):
                r.pop("date")
                line_rows.append({"date_from": day, "date_to": end, **r})
            for k in [k for k in self._cache if k[0] == "areas"]:  # one snapshot's geometry at a time
                del self._cache[k]
            if on_date is not None:
                on_date(day, len(days))
        layers: dict[str, gpd.GeoDataFrame] = {"control": self.intervals(window_days=window_days)}
        for name, rows, cols in (
            ("control_areas", area_rows, ["date_from", "date_to", "controller", "area_km2", "n_localities", "geometry"]),
            ("front_lines", line_rows, ["date_from", "date_to", "side_a", "side_b", "length_km", "geometry"]),
        ):
            frame = gpd.GeoDataFrame(rows, columns=cols, geometry="geometry", crs=METRIC_CRS)
            if simplify_m and len(frame):
                frame["geometry"] = shapely.simplify(frame.geometry.values, simplify_m, preserve_topology=True)
            for col in ("date_from", "date_to"):
                frame[col] = _to_datetime(frame[col])
            layers[name] = frame.to_crs("EPSG:4326")
        layers["control_changes"] = self._changes_layer()
        return layers

    # ------------------------------------------------------------------ internals
    def _by_locality(self) -> dict[str, list[ControlObservation]]:
        """Observations grouped by locality key (module docstring), each group sorted by date."""
        key = ("by_locality",)
        if key not in self._cache:
            groups: dict[str, list[ControlObservation]] = {}
            anchors: dict[str, ControlObservation] = {}
            alias: dict[str, str] = {}  # place id -> key of the group it joined
            tol = self.same_place_km
            cell = max(tol / 111.0, 1e-6)  # grid of about same_place_km, in degrees of latitude
            buckets: dict[tuple[int, int], list[str]] = {}
            for o in sorted(self.observations, key=lambda o: o.kind != "baseline"):
                k = _locality_key(o)
                k = alias.get(k, k)
                if k not in groups:
                    near = self._nearest(o, anchors, buckets, cell)
                    if near is not None:
                        if o.place_id:
                            alias[o.place_id] = near
                        k = near
                if k not in groups:
                    anchors[k] = o
                    buckets.setdefault(_cell(o.lat, o.lon, cell), []).append(k)
                groups.setdefault(k, []).append(o)
            for obs in groups.values():
                obs.sort(key=lambda o: (o.date, o.kind == "dispatch"))
            self._cache[key] = groups
            self._cache[("anchors",)] = anchors
        return self._cache[key]

    def _anchors(self) -> dict[str, ControlObservation]:
        """The first observation (baseline first) of each locality: its name, id and coordinates."""
        self._by_locality()
        return self._cache[("anchors",)]

    def _nearest(
        self,
        o: ControlObservation,
        anchors: Mapping[str, ControlObservation],
        buckets: Mapping[tuple[int, int], list[str]],
        cell: float,
    ) -> str | None:
        """Key of the nearest locality within ``same_place_km`` that ``o`` may be, or None.

        Two different gazetteer ids are two places, however close.
        """
        import math

        i, j = _cell(o.lat, o.lon, cell)
        span = math.ceil(1 / max(math.cos(math.radians(min(abs(o.lat), 89.0))), 1e-3))  # lon cells are narrower
        best: tuple[float, str] | None = None
        for di in (-1, 0, 1):
            for dj in range(-span, span + 1):
                for g in buckets.get((i + di, j + dj), ()):
                    a = anchors[g]
                    if o.place_id and a.place_id and a.place_id != o.place_id:
                        continue
                    d = _km(a, o)
                    if d <= self.same_place_km and (best is None or d < best[0]):
                        best = (d, g)
        return best[1] if best else None

    def _get_resolver(self) -> _Resolver:
        if self._resolver is None:
            self._resolver = _Resolver(self.gazetteer)
        return self._resolver

    def _identify(self, obs: ControlObservation) -> None:
        """Give ``obs`` the gazetteer's canonical name and id when its name resolves nearby."""
        if obs.place_id is not None or self.gazetteer is False or not obs.name_as_written:
            return
        found = self._get_resolver().identify(obs.name_as_written, obs.lat, obs.lon)
        if found is not None:
            obs.place, obs.place_id = found

    def _outline_metric(self) -> Any:
        key = ("outline",)
        if key not in self._cache:
            import geopandas as gpd

            outline = self.outline
            if outline is None:
                from geo.spatial.admin import country_outline

                outline = country_outline()
            self._cache[key] = gpd.GeoSeries([outline], crs="EPSG:4326").to_crs(METRIC_CRS).iloc[0]
        return self._cache[key]

    def _areas_metric(
        self, date: str | dt.date, max_reach_km: float | None, window_days: int | None
    ) -> tuple[dict[str, Any], dict[str, int], dt.date]:
        """Dissolved areas (EPSG:32637) and locality counts per controller, cached per arguments."""
        day, _ = parse_date(date)
        reach = self.max_reach_km if max_reach_km is None else float(max_reach_km)
        window = self.window_days if window_days is None else int(window_days)
        if reach <= 0:
            raise InputError(f"max_reach_km must be positive, got {reach}")
        key = ("areas", day, reach, window)
        if key in self._cache:
            return self._cache[key]
        from geo.spatial.voronoi import dissolve, influence_cells

        state = self.state_at(day, window_days=window)
        counts: dict[str, int] = {}
        sites: dict[tuple[float, float], set[str]] = {}
        if len(state):
            xy = state.to_crs(METRIC_CRS).geometry
            for (x, y), c in zip(((p.x, p.y) for p in xy), state["controller"]):
                sites.setdefault((round(x, 1), round(y, 1)), set()).add(c)
                counts[c] = counts.get(c, 0) + 1
        coords = list(sites)
        labels = [next(iter(s)) if len(s) == 1 else "contested" for s in sites.values()]
        cells = influence_cells(coords, reach=reach * 1000, clip=self._outline_metric())
        areas = dissolve(cells, labels)
        result = (areas, {c: counts.get(c, 0) for c in areas}, day)
        self._cache[key] = result
        return result

    def _changes_layer(self) -> gpd.GeoDataFrame:
        import geopandas as gpd
        import pandas as pd

        rows = []
        for obs in self._by_locality().values():
            held: str | None = None
            for o in obs:
                if o.kind == "dispatch":
                    rows.append(
                        {
                            "place": o.place,
                            "from_controller": o.previous_controller or held or "",
                            "to_controller": o.controller,
                            "date": o.date,
                            "date_precision": o.date_precision,
                            "status": o.status,
                            "confidence": o.confidence,
                            "evidence": o.evidence,
                            "source": o.source,
                            "doc_id": o.doc_id,
                            "lat": o.lat,
                            "lon": o.lon,
                        }
                    )
                if o.status != "reversed":
                    held = o.effective_controller
        cols = ["place", "from_controller", "to_controller", "date", "date_precision", "status",
                "confidence", "evidence", "source", "doc_id", "lat", "lon"]  # fmt: skip
        frame = pd.DataFrame(rows, columns=cols).sort_values(["date", "place"], kind="stable")
        frame["date"] = _to_datetime(frame["date"])
        gdf = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")
        return gdf.drop(columns=["lat", "lon"]).reset_index(drop=True)


# ---------------------------------------------------------------------- dates
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DMY_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(value: str | dt.date | Any, precision: str | None = None) -> tuple[dt.date, str]:
    """Parse a control date; return ``(effective date, precision)``.

    ``YYYY-MM-DD`` and ``DD/MM/YYYY`` are day precision; ``YYYY-MM`` is month precision and
    ``YYYY`` year precision, placed on the **last** day of the month/year (see module docstring).
    A ``precision`` of ``"month"``/``"year"`` given with a full date moves it to that period's end too.

    Raises
    ------
    InputError
        Unparseable value or unknown precision.
    """
    if precision is not None and precision not in _PRECISIONS:
        raise InputError(f"unknown date precision {precision!r}; expected one of {', '.join(_PRECISIONS)}")
    if isinstance(value, dt.datetime):
        day, found = value.date(), "day"
    elif isinstance(value, dt.date):
        day, found = value, "day"
    elif hasattr(value, "to_pydatetime"):  # pandas Timestamp
        day, found = value.to_pydatetime().date(), "day"
    else:
        text = str(value).strip() if value is not None else ""
        m = _DATE_RE.match(text)
        d = _DMY_RE.match(text)
        try:
            if m:
                y, mo, da = int(m.group(1)), m.group(2), m.group(3)
                if da is not None:
                    day, found = dt.date(y, int(mo), int(da)), "day"
                elif mo is not None:
                    day, found = _period_end(dt.date(y, int(mo), 1), "month"), "month"
                else:
                    day, found = dt.date(y, 12, 31), "year"
            elif d:
                day, found = dt.date(int(d.group(3)), int(d.group(2)), int(d.group(1))), "day"
            else:
                raise ValueError(text)
        except ValueError:
            raise InputError(f"bad date {value!r}; expected YYYY-MM-DD, YYYY-MM or YYYY") from None
    if precision in ("month", "year") and found == "day":
        return _period_end(day, precision), precision
    return day, found if precision is None or found != "day" else precision


def _period_end(day: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return dt.date(day.year, 12, 31)
    nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


_STEP_RE = re.compile(r"^\s*(\d+)\s*([DWMY])\s*$", re.IGNORECASE)


def snapshot_dates(observed: Sequence[dt.date], step: str | None = None) -> list[dt.date]:
    """Return snapshot dates: the observed dates, or a regular ``step`` over their span.

    Parameters
    ----------
    observed
        Observation dates (any order).
    step
        ``"<n>D"``, ``"<n>W"``, ``"<n>M"`` or ``"<n>Y"``; months/years keep the day of month
        (clipped to the month's length). The last observed date closes the series.

    Raises
    ------
    InputError
        Unknown step.
    """
    days = sorted(set(observed))
    if step is None or not days:
        return days
    m = _STEP_RE.match(step)
    if not m or int(m.group(1)) == 0:
        raise InputError(f"bad snapshot step {step!r}; expected e.g. '7D', '2W', '1M', '1Y'")
    n, unit = int(m.group(1)), m.group(2).upper()
    start, end = days[0], days[-1]
    out: list[dt.date] = []
    i = 0
    while True:
        if unit in "DW":
            cur = start + dt.timedelta(days=n * i * (7 if unit == "W" else 1))
        else:
            months = n * i * (12 if unit == "Y" else 1)
            y, mo = divmod(start.month - 1 + months, 12)
            first = dt.date(start.year + y, mo + 1, 1)
            cur = first.replace(day=min(start.day, _period_end(first, "month").day))
        if cur >= end:
            break
        out.append(cur)
        i += 1
    out.append(end)
    return out


def bounded_step(first: dt.date, last: dt.date, max_dates: int = MAX_SNAPSHOTS) -> str:
    """Return the step that keeps the snapshots of ``first`` .. ``last`` at about ``max_dates``.

    Weekly when the span holds at most ``max_dates`` weeks, else monthly, else quarterly, else
    the smallest multiple of three months that fits (``"1W"``, ``"1M"``, ``"3M"``, ``"6M"`` ...).

    Raises
    ------
    InputError
        ``max_dates`` below 2.
    """
    if max_dates < 2:
        raise InputError(f"max_dates must be at least 2, got {max_dates}")
    slots = max_dates - 1  # the last date closes the series
    days = (last - first).days
    if days <= 7 * slots:
        return "1W"
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months <= slots:
        return "1M"
    quarters = -(-months // 3)
    return f"{3 * -(-quarters // slots)}M"


# ---------------------------------------------------------------------- baseline readers
def _read_baseline_csv(path: Path, gazetteer: _Resolver | Any) -> list[ControlObservation]:
    rows: list[ControlObservation] = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header = {(h or "").strip().lower(): h for h in reader.fieldnames or []}
        cols = {
            "place": _pick(header, "place", "name", "locality"),
            "lat": _pick(header, "lat", "latitude", "y"),
            "lon": _pick(header, "lon", "lng", "long", "longitude", "x"),
            "controller": _pick(header, "controller", "control"),
            "date": _pick(header, "date"),
            "date_precision": _pick(header, "date_precision", "precision"),
            "source": _pick(header, "source"),
        }
        missing = [k for k in ("controller", "date") if cols[k] is None]
        if cols["place"] is None and (cols["lat"] is None or cols["lon"] is None):
            missing.append("place (or lat and lon)")
        if missing:
            raise DataError(f"{path}: line 1: missing column(s) {', '.join(missing)}; "
                            "expected place,lat,lon,controller,date[,source]")  # fmt: skip
        resolver = gazetteer if isinstance(gazetteer, _Resolver) else _Resolver(gazetteer)
        for rec in reader:
            line = reader.line_num

            def get(k: str, rec: dict[str, Any] = rec) -> str:
                c = cols[k]
                return (rec.get(c) or "").strip() if c else ""

            if not any((v or "").strip() for v in rec.values() if isinstance(v, str)):
                continue
            rows.append(_baseline_row(path, f"line {line}", get("place"), get("lat"), get("lon"),
                                      get("controller"), get("date"), get("date_precision") or None,
                                      get("source") or f"baseline:{path.name}", resolver))  # fmt: skip
    return rows


def _read_baseline_vector(path: Path) -> list[ControlObservation]:
    import geopandas as gpd

    try:
        gdf = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises its own DataSourceError
        raise DataError(f"{path}: cannot read baseline: {exc}") from exc
    lower = {c.lower(): c for c in gdf.columns}
    for need in ("controller", "date"):
        if need not in lower:
            raise DataError(f"{path}: missing field {need!r}; expected point features with controller and date")
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs("EPSG:4326")
    place_col = lower.get("place") or lower.get("name")
    rows = []
    for i, rec in enumerate(gdf.itertuples(index=False), start=1):
        where = f"feature {i}"
        geom = rec.geometry
        if geom is None or geom.is_empty or geom.geom_type != "Point":
            kind = "empty" if geom is None or geom.is_empty else geom.geom_type
            raise DataError(f"{path}: {where}: expected a point geometry, got {kind}")
        values = rec._asdict()
        place = str(values.get(place_col) or "") if place_col else ""
        date = values.get(lower["date"])
        prec = values.get(lower["date_precision"]) if "date_precision" in lower else None
        source = values.get(lower["source"]) if "source" in lower else None
        rows.append(_baseline_row(path, where, place, str(geom.y), str(geom.x), str(values.get(lower["controller"]) or ""),
                                  date, prec or None, source or f"baseline:{path.name}", None))  # fmt: skip
    return rows


def _baseline_row(
    path: Path, where: str, place: str, lat: str, lon: str, controller: str, date: Any,
    precision: str | None, source: str, resolver: _Resolver | None,
) -> ControlObservation:  # fmt: skip
    label = normalise_controller(controller)
    if label is None:
        raise DataError(f"{path}: {where}: unknown controller {controller!r}; expected one of {', '.join(CONTROLLERS)}")
    try:
        day, prec = parse_date(date, precision)
    except InputError as exc:
        raise DataError(f"{path}: {where}: {exc}") from None
    if lat and lon:
        try:
            y, x = float(lat), float(lon)
        except ValueError:
            raise DataError(f"{path}: {where}: bad coordinates lat={lat!r} lon={lon!r}") from None
        if not (-90 <= y <= 90 and -180 <= x <= 180):
            raise DataError(f"{path}: {where}: coordinates out of range lat={lat!r} lon={lon!r}")
    elif place and resolver is not None:
        found = resolver.locate(place)
        if found is None:
            raise DataError(f"{path}: {where}: place {place!r} not found in the gazetteer and no lat/lon given")
        y, x, canonical, place_id = found
        return ControlObservation(canonical, y, x, day, prec, label, source=str(source),
                                  place_id=place_id, name_as_written=place)  # fmt: skip
    else:
        raise DataError(f"{path}: {where}: no place name and no coordinates")
    return ControlObservation(place or f"{y:.4f},{x:.4f}", y, x, day, prec, label, source=str(source),
                              name_as_written=place)  # fmt: skip


class _Resolver:
    """Resolve place names through a gazetteer, loaded on first use.

    ``gazetteer`` is an object with ``resolve(name, near=None)``, ``None`` for
    ``gazetteer.Gazetteer.default()``, or ``False`` (no gazetteer: names are never resolved).
    """

    def __init__(self, gazetteer: Any) -> None:
        self._gaz = gazetteer

    def _resolve(self, name: str, near: tuple[float, float] | None) -> Any:
        if self._gaz is None:
            try:
                from gazetteer import Gazetteer  # type: ignore[attr-defined]
            except ImportError as exc:
                raise DataError(f"cannot resolve place {name!r}: the gazetteer is unavailable ({exc})") from exc
            self._gaz = Gazetteer.default()
        if self._gaz is False:
            return None
        res = self._gaz.resolve(name) if near is None else self._gaz.resolve(name, near=near)
        if res is None or getattr(res, "name", None) is None or res.lat is None or res.lon is None:
            return None
        if getattr(res, "foreign", False) or (near is not None and getattr(res, "kind", None) in _NOT_LOCALITY):
            return None
        return res

    def locate(self, name: str) -> tuple[float, float, str, str | None] | None:
        """``(lat, lon, canonical name, place id)`` of a name without coordinates, or None."""
        res = self._resolve(name, None)
        if res is None:
            return None
        return float(res.lat), float(res.lon), str(res.name), getattr(res, "place_id", None)

    def identify(self, name: str, lat: float, lon: float) -> tuple[str, str | None] | None:
        """``(canonical name, place id)`` when ``name`` resolves to a locality within :data:`ADOPT_KM`."""
        if re.fullmatch(r"[\d.,\s-]+", name):
            return None
        res = self._resolve(name, (lat, lon))
        if res is None or _haversine_km(lat, lon, float(res.lat), float(res.lon)) > ADOPT_KM:
            return None
        return str(res.name), getattr(res, "place_id", None)


def _pick(header: Mapping[str, str], *names: str) -> str | None:
    for n in names:
        if n in header:
            return header[n]
    return None


# ---------------------------------------------------------------------- small helpers
def _event_problem(ev: Event) -> str:
    if ev.lat is None or ev.lon is None:
        return "no coordinates"
    if ev.geo_precision is not None and ev.geo_precision >= 3:
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


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^0-9a-z\u0600-\u06ff]+", " ", text).strip()


def _locality_key(o: ControlObservation) -> str:
    """Gazetteer place id, else the coordinates rounded to 0.001 degree (about 100 m)."""
    return o.place_id or f"@{o.lat:.3f},{o.lon:.3f}"


def _cell(lat: float, lon: float, cell: float) -> tuple[int, int]:
    return int(lat // cell), int(lon // cell)


def _km(a: ControlObservation, b: ControlObservation) -> float:
    """Great-circle distance in km between two observations."""
    return _haversine_km(a.lat, a.lon, b.lat, b.lon)


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine)."""
    import math

    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _order_key(label: str) -> tuple[int, str]:
    return (CONTROLLERS.index(label), label) if label in CONTROLLERS else (len(CONTROLLERS), label)


def _ordered(labels: Iterable[str]) -> list[str]:
    return sorted(labels, key=_order_key)


def _line_rows(areas: Mapping[str, Any], day: dt.date) -> list[dict[str, Any]]:
    from geo.spatial.voronoi import shared_boundaries

    return [
        {"date": day, "side_a": a, "side_b": b, "length_km": line.length / 1000, "geometry": line}
        for a, b, line in shared_boundaries({k: areas[k] for k in _ordered(areas)})
    ]


def _to_datetime(series: pd.Series) -> pd.Series:
    import pandas as pd

    return pd.to_datetime(pd.Series(series, dtype="object"), errors="raise").astype("datetime64[ms]")


def _summary_value(summary: pd.DataFrame, controller: str, col: str) -> float:
    label = normalise_controller(controller) or controller
    hit = summary.loc[summary["controller"] == label, col]
    return float(hit.iloc[0]) if len(hit) else 0.0
