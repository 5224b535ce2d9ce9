"""The :class:`ControlTable` facade: observations in, states, intervals, areas, lines and changes out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer.errors import InputError
from geo.spatial.control import areas as area_ops
from geo.spatial.control import changes as change_ops
from geo.spatial.control import dates as date_ops
from geo.spatial.control import intake, states
from geo.spatial.control.baseline import read_baseline
from geo.spatial.control.localities import Localities, group_localities
from geo.spatial.control.observation import ControlObservation, to_datetime
from geo.spatial.control.resolve import GazetteerOption, NameResolver
from geo.spatial.control.snapshots import SIMPLIFY_M, snapshot_layers
from geo.spatial.controllers import CONTROLLERS, normalise_controller
from geo.spatial.voronoi import Memo

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    from shapely.geometry.base import BaseGeometry

    from geo.model import ControlState, Event

__all__ = ["ControlTable"]

_OBSERVATION_COLUMNS = (
    "place", "place_id", "name_as_written", "controller", "date", "date_precision", "kind",
    "status", "confidence", "previous_controller", "evidence", "source", "doc_id", "lat", "lon",
)  # fmt: skip

#: The fields of an observation whose equal values are held once (:meth:`ControlTable._extend`).
_SHARED_FIELDS = ("place", "name_as_written", "place_id", "source", "doc_id", "date")


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
        Distance tolerance of locality identity (default 2.5 km, see :mod:`geo.spatial.control`).
    gazetteer
        The run's gazetteer (``resolve(name, near=(lat, lon))`` returning a
        :class:`gazetteer.types.Resolution`): the pipeline passes its own. ``None`` (direct
        library use) takes the process-wide :meth:`gazetteer.Gazetteer.default` on first use;
        ``False`` turns resolution off (localities are then keyed by coordinates only).
    """

    observations: list[ControlObservation] = field(default_factory=list)
    outline: BaseGeometry | None = None
    window_days: int = 3
    max_reach_km: float = 15.0
    same_place_km: float = 2.5
    gazetteer: GazetteerOption = field(default=None, repr=False)
    rejected: list[tuple[object, str]] = field(default_factory=list)
    _localities: Localities | None = field(default=None, repr=False)
    _outline_m: BaseGeometry | None = field(default=None, repr=False)
    _areas: dict[tuple[dt.date, float, int], area_ops.Areas] = field(default_factory=dict, repr=False)
    _resolver: NameResolver | None = field(default=None, repr=False)
    _held: dict[Any, Any] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ building
    def __len__(self) -> int:
        return len(self.observations)

    @classmethod
    def from_baseline(cls, path: str | Path, *, gazetteer: GazetteerOption = None, **kwargs: Any) -> ControlTable:
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
            The run's gazetteer (see the class). It places rows without coordinates and
            identifies every named row (canonical name and place id); ``False`` only for rows
            that all have coordinates.
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
        rows = read_baseline(p, table._get_resolver())
        for obs in rows:
            table._identify(obs)
        table._extend(rows)
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

        The name is identified through the gazetteer like a baseline file row.
        """
        label = normalise_controller(controller)
        if label is None:
            raise InputError(f"unknown controller {controller!r}; expected one of {', '.join(CONTROLLERS)}")
        day, precision = date_ops.parse_date(date, date_precision)
        obs = ControlObservation(place, float(lat), float(lon), day, precision, label, source=source)
        self._identify(obs)
        self._extend([obs])
        return obs

    def add_events(self, events: Iterable[Event]) -> int:
        """Add the control changes among ``events``; return how many were recorded.

        Events that cannot be placed on the map or in time (no coordinates, governorate- or
        country-level place with ``geo_precision >= 3``, no date, unknown new controller) are kept
        in :attr:`rejected` with the reason, not guessed. An event's ``place_id`` (its place as
        the extraction resolved it) is taken as is; otherwise its name goes through the gazetteer.
        """
        added: list[ControlObservation] = []
        for ev in events:
            if not intake.is_control_change(ev):
                continue
            reason = intake.event_problem(ev)
            if reason:
                self.rejected.append((ev, reason))
                continue
            obs = intake.from_event(ev)
            if ev.place:
                self._identify(obs)
            added.append(obs)
        self._extend(added)
        return len(added)

    def add_states(self, states: Iterable[ControlState]) -> int:
        """Add control *states* read in dispatches ("X, contrôlé par Y": :class:`geo.model.ControlState`).

        A state says who holds a place at the dispatch's date; it is recorded like a baseline row
        of that date (``kind="state"``), never as a change. States without coordinates, date or a
        known controller are kept in :attr:`rejected`. Returns how many were recorded.
        """
        added: list[ControlObservation] = []
        for st in states:
            obs = intake.from_state(st)
            if obs is None:
                self.rejected.append((st, "state without coordinates, date or known controller"))
                continue
            if st.place and not intake.is_city_part(st.place):
                self._identify(obs)
            added.append(obs)
        self._extend(added)
        return len(added)

    def to_geodataframe(self) -> gpd.GeoDataFrame:
        """Every observation as a point GeoDataFrame (EPSG:4326), dates as ``datetime64``."""
        import geopandas as gpd
        import pandas as pd

        rows = [{c: getattr(o, c) for c in _OBSERVATION_COLUMNS} for o in self.observations]
        frame = pd.DataFrame(rows, columns=list(_OBSERVATION_COLUMNS))
        frame["date"] = to_datetime(frame["date"])
        return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")

    # ------------------------------------------------------------------ states
    def state_at(self, date: str | dt.date, *, window_days: int | None = None) -> gpd.GeoDataFrame:
        """Return who holds each known locality at ``date``.

        Returns
        -------
        geopandas.GeoDataFrame
            One point per locality observed at or before ``date`` (EPSG:4326): ``place``,
            ``place_id`` (gazetteer id or empty), ``name_as_written``, ``controller``,
            ``observed`` (date of the deciding observation), ``date_precision``, ``status``,
            ``confidence``, ``contested_by`` (controllers in conflict, ``;``-joined), ``kind``,
            ``evidence``, ``source``, ``n_obs``, ``lat``, ``lon``.
        """
        day, _ = date_ops.parse_date(date)
        return states.state_frame(self._grouped(), day, self._window(window_days))

    def intervals(self, *, window_days: int | None = None) -> gpd.GeoDataFrame:
        """Return control over time: one row per locality per period of unchanged state.

        The state of a locality (what :meth:`state_at` gives) only changes on the date of one of
        its observations; consecutive periods with the same controller, status, confidence and
        contesting sides are one period. ``state_at(T)`` and the row with
        ``valid_from <= T < valid_to`` (``valid_to`` null = still valid) always agree.

        Returns
        -------
        geopandas.GeoDataFrame
            Points (EPSG:4326), sorted by ``valid_from`` then ``place``: the columns of
            :data:`geo.spatial.control.states.INTERVAL_COLUMNS` (``date_precision`` of the
            observation that opened the period, ``n_obs`` within the period).
        """
        return states.intervals_frame(self._grouped(), self._window(window_days))

    # ------------------------------------------------------------------ areas and lines
    def control_areas(
        self, date: str | dt.date, *, max_reach_km: float | None = None, window_days: int | None = None
    ) -> gpd.GeoDataFrame:
        """Return the areas of influence per controller at ``date`` (see :mod:`geo.spatial.control.areas`).

        Returns
        -------
        geopandas.GeoDataFrame
            ``controller``, ``date``, ``area_km2``, ``n_localities``, geometry (EPSG:4326).
        """
        return area_ops.areas_frame(self._areas_at(date, max_reach_km, window_days))

    def front_lines(
        self, date: str | dt.date, *, max_reach_km: float | None = None, window_days: int | None = None
    ) -> gpd.GeoDataFrame:
        """Return the boundaries shared by areas of different controllers at ``date``.

        Returns
        -------
        geopandas.GeoDataFrame
            ``date``, ``side_a``, ``side_b``, ``length_km``, geometry (EPSG:4326 lines).
        """
        return area_ops.lines_frame(self._areas_at(date, max_reach_km, window_days))

    def changes_between(
        self,
        d1: str | dt.date,
        d2: str | dt.date,
        *,
        max_reach_km: float | None = None,
        window_days: int | None = None,
        line_tolerance_m: float = 50.0,
    ) -> change_ops.ControlChanges:
        """Return territory gained and lost per controller and the front lines that moved.

        ``d1`` is before ``d2``; a front-line stretch within ``line_tolerance_m`` of a line at the
        other date did not move.
        """
        before = self._areas_at(d1, max_reach_km, window_days)
        after = self._areas_at(d2, max_reach_km, window_days)
        return change_ops.changes_between(before, after, line_tolerance_m)

    # ------------------------------------------------------------------ snapshots
    def default_dates(self, *, max_dates: int | None = None) -> list[dt.date]:
        """Snapshot dates when none are asked for (:func:`geo.spatial.control.dates.default_dates`)."""
        return date_ops.default_dates([o.date for o in self.observations], max_dates)

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
            by ``max_dates``, default :data:`geo.spatial.control.MAX_SNAPSHOTS`).
        step
            Instead of ``dates``: a regular step from the first to the last observation date,
            ``"<n>D"``, ``"<n>W"``, ``"<n>M"`` or ``"<n>Y"`` (the last observation date is always
            included). Neither ``dates`` nor ``step`` is bounded.
        simplify_m, on_date
            See :func:`geo.spatial.control.snapshots.snapshot_layers`.

        Returns
        -------
        dict of GeoDataFrame
            ``control`` (:meth:`intervals`), ``control_areas`` (``controller``, ``area_km2``,
            ``n_localities``, ``date_from``, ``date_to``), ``front_lines`` (``side_a``,
            ``side_b``, ``length_km``, ``date_from``, ``date_to``) and ``control_changes``
            (:func:`geo.spatial.control.changes.dispatch_changes`). All in EPSG:4326.
        """
        days = date_ops.choose_dates([o.date for o in self.observations], dates, step, max_dates)

        memo = Memo()  # what the previous date computed, re-used where its inputs are the same

        def areas_at(day: dt.date) -> area_ops.Areas:
            areas = self._areas_at(day, max_reach_km, window_days, memo)
            self._areas.clear()  # one snapshot's geometry at a time
            return areas

        layers = snapshot_layers(days, areas_at, simplify_m=simplify_m, on_date=on_date, memo=memo)
        return {
            "control": self.intervals(window_days=window_days),
            **layers,
            "control_changes": change_ops.dispatch_changes(self._grouped()),
        }

    # ------------------------------------------------------------------ internals
    def _extend(self, rows: Sequence[ControlObservation]) -> None:
        held = self._held
        for obs in rows:  # one object per distinct value: names, sources, dates repeat over a large run
            for name in _SHARED_FIELDS:
                value = getattr(obs, name)
                setattr(obs, name, held.setdefault(value, value))
        self.observations.extend(rows)
        self._localities = None
        self._areas.clear()

    def _window(self, window_days: int | None) -> int:
        return self.window_days if window_days is None else int(window_days)

    def _grouped(self) -> Localities:
        """Observations grouped by locality (cached until the table changes)."""
        if self._localities is None:
            self._localities = group_localities(self.observations, self.same_place_km)
        return self._localities

    def _get_resolver(self) -> NameResolver:
        if self._resolver is None:
            self._resolver = NameResolver(self.gazetteer)
        return self._resolver

    def _identify(self, obs: ControlObservation) -> None:
        """Give ``obs`` the gazetteer's canonical name and id when its name resolves nearby."""
        if obs.place_id is not None or self.gazetteer is False or not obs.name_as_written:
            return
        found = self._get_resolver().identify(obs.name_as_written, obs.lat, obs.lon)
        if found is not None:
            obs.place, obs.place_id = found

    def _areas_at(self, date: str | dt.date, max_reach_km: float | None, window_days: int | None,
                  memo: Memo | None = None) -> area_ops.Areas:
        """Dissolved areas (metric CRS) and locality counts per controller, cached per arguments."""
        day, _ = date_ops.parse_date(date)
        reach = self.max_reach_km if max_reach_km is None else float(max_reach_km)
        window = self._window(window_days)
        if reach <= 0:
            raise InputError(f"max_reach_km must be positive, got {reach}")
        key = (day, reach, window)
        if key not in self._areas:
            if self._outline_m is None:
                self._outline_m = area_ops.outline_metric(self.outline)
            state = states.state_frame(self._grouped(), day, window)
            self._areas[key] = area_ops.compute_areas(state, day, reach, self._outline_m, memo)
        return self._areas[key]
