"""Where each chunk of the joins goes: the GeoPackage layers, the CSV files, the GeoJSON and the aggregates.

Every output that grows with the events is written (or summed) chunk by chunk, so no stage holds
all events: the events CSV and the ACLED-style CSV are appended, the GeoJSON's features are spliced
into one FeatureCollection, and the per-unit statistics are added up (:func:`geo.spatial.aggregate.unit_stats`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from geo.pipeline.rows import ChunkFrames
    from geo.render.mapevents import MapEvents
    from geo.write.gpkg import GeoPackageAppender

__all__ = ["ChunkSinks", "GeoJSONSink", "table_csv"]

_HEAD = '{"type": "FeatureCollection", "features": ['
_TAIL = "]}"


def table_csv(gdf: Any, *, header: bool = True) -> str:
    """The table as CSV for spreadsheets (UTF-8 with BOM, formula-like cells neutralised).

    ``header=False`` gives the rows of a later chunk (no header, no BOM).
    """
    from geo.write.acled import csv_text

    frame = gdf.drop(columns=[c for c in ("geometry",) if c in gdf.columns])
    return csv_text(frame, header=header)


@dataclass
class GeoJSONSink:
    """One FeatureCollection written chunk by chunk: what :func:`geo.pipeline.writing.geojson_text` gives for all."""

    fh: IO[str]
    written: int = 0

    def add(self, gdf: Any) -> None:
        """Append the located rows of a chunk."""
        from geo.pipeline.writing import geojson_text

        text = geojson_text(gdf)
        if not (text.startswith(_HEAD) and text.endswith(_TAIL)):  # pragma: no cover (geopandas' layout changed)
            raise ValueError("unexpected GeoJSON layout from geopandas")
        features = text[len(_HEAD) : -len(_TAIL)]
        if not features:
            return
        self.fh.write((_HEAD if not self.written else ", ") + features)
        self.written += 1

    def close(self) -> None:
        """End the FeatureCollection."""
        self.fh.write((_HEAD if not self.written else "") + _TAIL)


@dataclass
class ChunkSinks:
    """The outputs a chunk of events, mentions and front observations is appended to.

    ``map_events`` encodes the events for the map as they pass (:mod:`geo.render.mapevents`), so
    the writing stage does not read them from the spool again.
    """

    gpkg: GeoPackageAppender
    csv_fh: IO[str]
    acled_fh: IO[str]
    geojson: GeoJSONSink | None = None
    levels: tuple[int, ...] = (1,)
    stats: dict[int, list[Any]] = field(default_factory=dict)
    chunks: int = 0
    map_events: MapEvents | None = None

    def add(self, chunk: ChunkFrames) -> None:
        """Write one chunk: GeoPackage layers, CSV rows, GeoJSON features, per-unit statistics, the map's events."""
        from geo.spatial.aggregate import unit_stats
        from geo.write.acled import csv_text, to_acled

        first = not self.chunks
        self.gpkg.append("events", chunk.events)
        self.gpkg.append("mentions", chunk.mentions)
        if len(chunk.observations):
            self.gpkg.append("front_observations", chunk.observations)
        self.csv_fh.write(table_csv(chunk.events, header=first))
        self.acled_fh.write(csv_text(to_acled(chunk.events), header=first))
        if self.geojson is not None:
            self.geojson.add(chunk.events)
        for level in self.levels:
            self.stats.setdefault(level, []).append(unit_stats(chunk.events, level))
        if self.map_events is not None:
            self.map_events.add(chunk.events)
        self.chunks += 1
