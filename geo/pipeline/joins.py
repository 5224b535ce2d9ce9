"""The chunked joins: spooled rows read back a chunk at a time, made into tables, written out.

Extraction already labelled each document's rows with their administrative units
(:mod:`geo.pipeline.rows`); here each chunk's rows become the events, mentions and front
observations tables, which go to the GeoPackage, the CSV files, the GeoJSON and the per-unit
statistics at once (:class:`geo.pipeline.sinks.ChunkSinks`). Only one point per distinct mentioned
place (for the map), the front observations and the control changes and states stay in memory.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.pipeline.progress import progress_bar, tick
from geo.pipeline.sinks import table_csv

if TYPE_CHECKING:  # pragma: no cover
    from gazetteer.resolver import Gazetteer
    from geo.pipeline.sinks import ChunkSinks
    from geo.pipeline.spool import Spool
    from geo.spatial.control import ControlTable

__all__ = ["Joined", "front_layers", "join_chunks", "payloads_or_empty", "release_memory",
           "table_csv"]

_PLACE_COLUMNS = ["name", "surface", "lat", "lon", "kind", "adm1_pcode"]


@dataclass
class Joined:
    """What the joins keep in memory for the control table and the map (nothing per event)."""

    observation_parts: list[Any] = field(default_factory=list)
    places: dict[tuple[Any, ...], dict[str, Any]] = field(default_factory=dict)
    changes: list[Any] = field(default_factory=list)  # control_change events
    states: list[Any] = field(default_factory=list)  # control states read in the dispatches
    n_events: int = 0
    n_mentions: int = 0

    def observations(self) -> Any:
        """The front observations of every chunk as one GeoDataFrame (empty with its columns)."""
        import pandas as pd

        from geo.spatial.frames import to_geodataframe

        if self.observation_parts:
            return pd.concat(self.observation_parts, ignore_index=True)
        return to_geodataframe([], layer="front_observations")

    def mention_points(self) -> Any:
        """One point per distinct mentioned place (name, spelling, point) with its count."""
        import geopandas as gpd
        import pandas as pd

        frame = pd.DataFrame(list(self.places.values()), columns=[*_PLACE_COLUMNS, "count"])
        return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")

    def add_places(self, mentions: Any) -> None:
        """Add the located mentions of a chunk: one point per place name, spelling and point."""
        located = mentions.loc[mentions.geometry.notna(), _PLACE_COLUMNS]
        columns = [located[c].tolist() for c in _PLACE_COLUMNS]
        places = self.places
        for values in zip(*columns, strict=True):
            key = (values[0], values[1], round(values[2], 5), round(values[3], 5))
            if key in places:
                places[key]["count"] += 1
            else:
                places[key] = {**dict(zip(_PLACE_COLUMNS, values, strict=True)), "count": 1}


def release_memory() -> None:
    """Give the heap's free pages back to the system (glibc ``malloc_trim``; nothing elsewhere).

    A chunk's tables are freed when the next chunk comes, but glibc keeps the freed pages of its
    many small allocations mapped: without this the resident size creeps up chunk after chunk.
    """
    import ctypes
    import ctypes.util
    import gc

    gc.collect()
    name = ctypes.util.find_library("c")
    if name is None:  # pragma: no cover (not glibc)
        return
    trim = getattr(ctypes.CDLL(name), "malloc_trim", None)
    if trim is not None:
        trim(0)


def payloads_or_empty(spool: Spool, size: int) -> Iterator[list[dict[str, Any]]]:
    """The spool's payload chunks, or one empty chunk (the layers still get their columns)."""
    empty = True
    for payloads in spool.payload_chunks(size):
        empty = False
        yield payloads
    if empty:
        yield []


def join_chunks(spool: Spool, sinks: ChunkSinks, *, chunk_size: int, progress: bool) -> Joined:
    """Make the spooled rows into tables chunk by chunk and write them out (:class:`~geo.pipeline.sinks.ChunkSinks`)."""
    from geo.pipeline.rows import frames_of

    joined = Joined()
    with progress_bar(progress, desc="join", unit="doc", total=spool.count) as bar:
        for payloads in payloads_or_empty(spool, chunk_size):
            chunk = frames_of(payloads)
            joined.changes.extend(chunk.changes)
            joined.states.extend(chunk.states)
            sinks.add(chunk)
            if len(chunk.observations):
                joined.observation_parts.append(chunk.observations)
            joined.n_events += len(chunk.events)
            joined.n_mentions += len(chunk.mentions)
            joined.add_places(chunk.mentions)
            bar.update(len(payloads))
            del chunk, payloads
            release_memory()
    return joined


def front_layers(
    changes: Sequence[Any],
    states: Sequence[Any] = (),
    *,
    baseline: str | Path | None,
    dates: Sequence[str] | None,
    step: str | None,
    gazetteer: Gazetteer | None,
    progress: bool = False,
    table: ControlTable | None = None,
) -> dict[str, Any]:
    """Control layers from the baseline, the control changes and the control states of the dispatches.

    ``table`` is the baseline's table as :func:`geo.pipeline.preflight.preflight` loaded it; the
    states are those read in the dispatches ("X, contrôlé par Y").
    """
    from geo.spatial.control import ControlTable

    if not changes and not states and baseline is None:
        return {}
    if table is None:
        table = (ControlTable.from_baseline(baseline, gazetteer=gazetteer) if baseline
                 else ControlTable(gazetteer=gazetteer))  # fmt: skip
    table.add_events(changes)
    table.add_states(states)
    if not len(table):
        return {}
    with progress_bar(progress, desc="control snapshots", unit="date") as bar:
        return dict(table.snapshots(dates=dates, step=step, on_date=lambda _day, total: tick(bar, total)))
