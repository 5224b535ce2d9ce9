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
  in the country profile's metric CRS (``gazetteer.profile.active().metric_crs``), each cut by a
  disc of ``max_reach_km`` around its locality and by the country outline, dissolved by controller.
  Nothing is inferred where no data exists: farther than ``max_reach_km`` from every known
  locality there is **no polygon** ("no data"), the country is never coloured as a whole.
- **Front lines** (:meth:`ControlTable.front_lines`): boundaries shared by areas of different
  controllers, line-merged.
- **Changes** (:meth:`ControlTable.changes_between`): territory passing from one controller (or from
  "no data") to another between two dates, in km² (metric CRS), and the front lines present at one
  date only.

Locality identity
-----------------
A locality is identified by a stable **key**, never by its name as written: the gazetteer place
id when the name resolves, else its coordinates rounded to 0.001° (about 100 m).

- A dispatch's change whose event carries the gazetteer's ``place_id`` (resolved at extraction)
  keeps it. Every other observation that has a name goes through the run's gazetteer
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

Modules
-------
:mod:`~geo.spatial.control.observation` (the row), :mod:`~geo.spatial.control.dates` (control
dates, snapshot dates), :mod:`~geo.spatial.control.resolve` (gazetteer identification),
:mod:`~geo.spatial.control.baseline` (baseline files), :mod:`~geo.spatial.control.intake`
(dispatch changes and states), :mod:`~geo.spatial.control.localities` (locality identity),
:mod:`~geo.spatial.control.states` (state at a date, intervals), :mod:`~geo.spatial.control.areas`
(areas, front lines), :mod:`~geo.spatial.control.changes` (what moved),
:mod:`~geo.spatial.control.snapshots` (per-date layers) and :mod:`~geo.spatial.control.table`
(the :class:`ControlTable` facade).
"""

from __future__ import annotations

from geo.spatial.control.changes import ControlChanges
from geo.spatial.control.dates import MAX_SNAPSHOTS, bounded_step, parse_date, snapshot_dates
from geo.spatial.control.observation import NO_DATA, ControlObservation
from geo.spatial.control.resolve import ADOPT_KM
from geo.spatial.control.snapshots import SIMPLIFY_M
from geo.spatial.control.table import ControlTable
from geo.spatial.controllers import CONTROLLERS, PALETTE, normalise_controller

__all__ = [
    "ADOPT_KM",
    "CONTROLLERS",
    "MAX_SNAPSHOTS",
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
