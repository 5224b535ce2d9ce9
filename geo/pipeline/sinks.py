"""Where each chunk of the joins goes: the GeoPackage layers, the CSV files, the GeoJSON and the aggregates.

Every output that grows with the events is written (or summed) chunk by chunk, so no stage holds
all events: the events CSV and the ACLED-style CSV are appended, the GeoJSON's features are spliced
into one FeatureCollection, and the per-unit statistics are added up (:func:`geo.spatial.aggregate.unit_stats`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from geo.pipeline.pieces import Piece
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
        self.add_features(self.features(gdf))

    @staticmethod
    def features(gdf: Any) -> str:
        """The GeoJSON features of the located rows of a chunk, comma-separated (what :meth:`add_features` takes)."""
        from geo.pipeline.writing import geojson_text

        text = geojson_text(gdf)
        if not (text.startswith(_HEAD) and text.endswith(_TAIL)):  # pragma: no cover (geopandas' layout changed)
            raise ValueError("unexpected GeoJSON layout from geopandas")
        return text[len(_HEAD) : -len(_TAIL)]

    def add_features(self, features: str) -> None:
        """Append a chunk's :meth:`features`."""
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

    def parts(self, chunk: ChunkFrames) -> dict[str, Any]:
        """What a chunk adds to each output, made now and kept in the run's cache (:mod:`geo.pipeline.pieces`):
        the GeoPackage tables ready to write, the CSV rows (and the header a first chunk writes), the
        GeoJSON features, the per-unit statistics and the map's encoded events."""
        from geo.spatial.aggregate import unit_stats
        from geo.write.acled import csv_text, to_acled
        from geo.write.gpkg import prepare_layer

        layers = [("events", chunk.events), ("mentions", chunk.mentions)]
        if len(chunk.observations):
            layers.append(("front_observations", chunk.observations))
        acled = to_acled(chunk.events)
        return {
            "layers": [(name, prepare_layer(name, frame)) for name, frame in layers],
            "csv": table_csv(chunk.events, header=False), "csv_head": table_csv(chunk.events.iloc[:0]),
            "acled": csv_text(acled, header=False), "acled_head": csv_text(acled.iloc[:0]),
            "geojson": None if self.geojson is None else self.geojson.features(chunk.events),
            "stats": {level: unit_stats(chunk.events, level) for level in self.levels},
            "map": None if self.map_events is None else self.map_events.encode(chunk.events),
        }  # fmt: skip

    def add_piece(self, piece: Piece) -> None:
        """Write one chunk's results: GeoPackage layers, CSV rows, GeoJSON features, per-unit statistics,
        the map's events (made by :meth:`parts` in this run or an earlier one)."""
        first = not self.chunks
        for _name, tables in piece.layers:
            self.gpkg.append_prepared(tables)
        self.csv_fh.write(piece.csv_head + piece.csv if first else piece.csv)
        self.acled_fh.write(piece.acled_head + piece.acled if first else piece.acled)
        if self.geojson is not None:
            if piece.geojson is None:
                raise ValueError("a chunk's results without its GeoJSON features")
            self.geojson.add_features(piece.geojson)
        for level in self.levels:
            self.stats.setdefault(level, []).append(piece.stats[level])
        if self.map_events is not None:
            if piece.map is None:
                raise ValueError("a chunk's results without its map data")
            self.map_events.add_encoded(piece.map)
        self.chunks += 1
