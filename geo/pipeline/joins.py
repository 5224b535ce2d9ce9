"""The chunked joins: spooled documents read back a chunk at a time, joined to the boundaries, appended.

Each chunk's events and mentions are joined to the boundaries and appended to the GeoPackage and
the CSV at once; only the events table (for the map, the aggregates and the control table), one
point per distinct mentioned place (for the map) and the control changes and states stay in memory.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from geo.model import Document
from geo.pipeline.progress import progress_bar, tick
from geo.vocab import EventKind

if TYPE_CHECKING:  # pragma: no cover
    from gazetteer.resolver import Gazetteer
    from geo.pipeline.spool import Spool
    from geo.spatial.control import ControlTable
    from geo.write.gpkg import GeoPackageAppender

__all__ = ["Joined", "chunks_or_empty", "front_layers", "join_chunks", "table_csv"]

_PLACE_COLUMNS = ["name", "surface", "lat", "lon", "kind", "adm1_pcode"]


@dataclass
class Joined:
    """What the joins keep in memory for the aggregates, the control table and the map."""

    event_parts: list[Any] = field(default_factory=list)  # GeoDataFrames, one per chunk
    observation_parts: list[Any] = field(default_factory=list)
    places: dict[tuple[Any, ...], dict[str, Any]] = field(default_factory=dict)
    changes: list[Any] = field(default_factory=list)  # control_change events
    states: list[Any] = field(default_factory=list)  # control states read in the dispatches
    n_mentions: int = 0

    def events(self) -> Any:
        """The events of every chunk as one GeoDataFrame."""
        import pandas as pd

        parts = self.event_parts
        return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]

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
        located = mentions[mentions.geometry.notna()]
        for row in located[_PLACE_COLUMNS].itertuples(index=False):
            key = (row.name, row.surface, round(row.lat, 5), round(row.lon, 5))
            if key in self.places:
                self.places[key]["count"] += 1
            else:
                self.places[key] = {**row._asdict(), "count": 1}


def chunks_or_empty(spool: Spool, size: int) -> Iterator[list[Document]]:
    """The spool's chunks, or one empty chunk (the layers still get their columns)."""
    empty = True
    for docs in spool.chunks(size):
        empty = False
        yield docs
    if empty:
        yield []


def table_csv(gdf: Any, *, header: bool = True) -> str:
    """The table as CSV for spreadsheets (UTF-8 with BOM, formula-like cells neutralised).

    ``header=False`` gives the rows of a later chunk (no header, no BOM).
    """
    from geo.write.acled import csv_text

    frame = gdf.drop(columns=[c for c in ("geometry",) if c in gdf.columns])
    return csv_text(frame, header=header)


def join_chunks(spool: Spool, gpkg: GeoPackageAppender, csv_fh: IO[str], *, chunk_size: int,
                progress: bool) -> Joined:
    """Join the spooled documents chunk by chunk; append events, mentions, observations and CSV rows."""
    from geo.spatial.admin import join_admin
    from geo.spatial.frames import to_geodataframe

    joined = Joined()
    with progress_bar(progress, desc="join", unit="doc", total=spool.count) as bar:
        for docs in chunks_or_empty(spool, chunk_size):
            events = join_admin(to_geodataframe(docs, layer="events"))
            mentions = join_admin(to_geodataframe(docs, layer="mentions"))
            observations = to_geodataframe(docs, layer="front_observations")
            joined.changes.extend(e for d in docs for e in d.events if e.kind == EventKind.CONTROL_CHANGE)
            joined.states.extend(s for d in docs for s in d.control_states)
            gpkg.append("events", events)
            gpkg.append("mentions", mentions)
            if len(observations):
                gpkg.append("front_observations", observations)
                joined.observation_parts.append(observations)
            csv_fh.write(table_csv(events, header=not joined.event_parts))
            joined.event_parts.append(events)
            joined.n_mentions += len(mentions)
            joined.add_places(mentions)
            bar.update(len(docs))
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
