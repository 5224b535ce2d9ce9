"""The chunked joins: spooled rows read back a chunk at a time, made into tables, written out.

Extraction already labelled each document's rows with their administrative units
(:mod:`geo.pipeline.rows`); here each chunk's rows become the events, mentions and front
observations tables, which go to the GeoPackage, the CSV files, the GeoJSON and the per-unit
statistics at once (:class:`geo.pipeline.sinks.ChunkSinks`), through a chunk's results as one piece
that the run's cache keeps and a re-run splices in (:mod:`geo.pipeline.pieces`). Only one point per distinct mentioned
place (for the map) stays in memory; the control changes and states (:class:`SpooledRecords`, read
back by the control stage) and the map's front observations (:class:`ObservationRows`) go to
temporary files.
"""

from __future__ import annotations

import array
import dataclasses
import functools
import hashlib
import json
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.pipeline.progress import progress_bar, tick
from geo.pipeline.sinks import table_csv
from geo.render.frontdata import OBSERVATION_KEYS
from geo.render.pagestream import SpooledText

if TYPE_CHECKING:  # pragma: no cover
    from gazetteer.resolver import Gazetteer
    from geo.pipeline.pieces import Piece
    from geo.pipeline.sinks import ChunkSinks
    from geo.pipeline.spool import Spool
    from geo.spatial.control import ControlTable

__all__ = ["Joined", "ObservationRows", "SpooledRecords", "front_layers", "join_chunks", "place_counts",
           "release_memory", "table_csv"]

_PLACE_COLUMNS = ["name", "surface", "lat", "lon", "kind", "adm1_pcode"]


class _JsonLines(SpooledText):
    """A temporary file of JSON lines (:class:`~geo.render.pagestream.SpooledText`)."""


class SpooledRecords(_JsonLines, Collection[Any]):
    """Records of one dataclass (control changes, control states) in a temporary file, one JSON line each.

    What the control table is built from, read back once the joins are done (:meth:`__iter__`, one
    pass at a time) instead of being held in memory through the run; :attr:`digest` hashes them in
    order (the stage cache's key, :func:`geo.pipeline.stagecache.control_key`).
    """

    def __init__(self, cls: type) -> None:
        super().__init__()
        self._cls = cls
        self._names = tuple(f.name for f in dataclasses.fields(cls))
        self._hash = hashlib.sha256()
        self._n = 0

    def extend(self, records: Sequence[Any]) -> None:
        """Append ``records`` (instances of the class)."""
        self.add_lines(self.lines(records), len(records))

    def lines(self, records: Sequence[Any]) -> str:
        """``records`` as the JSON lines :meth:`extend` appends (what the run's cache keeps of a chunk)."""
        return "".join(json.dumps([getattr(r, name) for name in self._names]) + "\n" for r in records)

    def add_lines(self, lines: str, count: int) -> None:
        """Append ``count`` records given as :meth:`lines` made them."""
        self.append(lines)
        self._hash.update(lines.encode("ascii"))
        self._n += count

    @property
    def digest(self) -> str:
        """SHA-256 of the records in order."""
        return self._hash.hexdigest()

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[Any]:
        for line in self.text_lines():
            yield self._cls(*json.loads(line))

    def __contains__(self, record: object) -> bool:
        return any(r == record for r in self)


def _changes() -> SpooledRecords:
    from geo.model import Event

    return SpooledRecords(Event)


def _states() -> SpooledRecords:
    from geo.model import ControlState

    return SpooledRecords(ControlState)


#: The columns of the front observations that the map draws (:func:`geo.render.frontdata.observation_collection`).
_MAP_OBSERVATION_COLUMNS = OBSERVATION_KEYS
#: Those whose values differ row by row, as a rule: :meth:`ObservationRows.spooled` never holds them.
_DISTINCT_TEXTS = ("evidence", "source")


class ObservationRows(_JsonLines):
    """The located front observations, as the map draws them (its columns only), in a temporary file.

    The GeoPackage got every column from the joins; the map reads these back at the end (:meth:`frame`).
    """

    def __init__(self) -> None:
        super().__init__()
        self.n = 0

    def add(self, frame: Any) -> None:
        """Append a chunk's front observations (a GeoDataFrame; rows without a point are left out)."""
        self.add_lines(*self.lines(frame))

    @staticmethod
    def lines(frame: Any) -> tuple[str, int]:
        """The JSON lines :meth:`add` appends for ``frame`` and their number (what the run's cache keeps)."""
        import shapely

        from geo.render.frontdata import located_points, plain

        located = located_points(frame)
        geoms = located.geometry.to_numpy()
        columns = [shapely.get_x(geoms).tolist(), shapely.get_y(geoms).tolist()]
        for col in _MAP_OBSERVATION_COLUMNS:
            values = list(located[col]) if col in located.columns else [None] * len(located)
            columns.append([plain(v) for v in values] if col == "date" else values)
        return "".join(json.dumps(row) + "\n" for row in zip(*columns, strict=True)), len(located)

    def add_lines(self, lines: str, count: int) -> None:
        """Append ``count`` observations given as :meth:`lines` made them."""
        self.append(lines)
        self.n += count

    def __len__(self) -> int:
        return self.n

    def spooled(self) -> Any:
        """The map's page data of the observations kept (a :class:`geo.render.frontdata.SpooledPoints`), made
        column by column from the file: no frame, no object per row, repeated values held once, and the texts
        that differ row by row (evidence, sources: the bulk of the data) serialised straight from the file."""
        from geo.render.frontdata import observation_collection, spooled_points

        columns: list[list[Any]] = [[] for _ in range(2 + len(_MAP_OBSERVATION_COLUMNS))]
        appends = [column.append for column in columns]
        held: dict[Any, Any] = {}
        texts = {2 + _MAP_OBSERVATION_COLUMNS.index(k): array.array("q") for k in _DISTINCT_TEXTS}  # value hashes
        for line in self.text_lines():
            for i, (append, value) in enumerate(zip(appends, json.loads(line), strict=True)):
                if i in texts:  # plain() makes None of any other value: hashed as 0
                    texts[i].append(hash(value) if isinstance(value, str) else 0)
                    append(None)
                else:
                    append(held.setdefault(value, value) if isinstance(value, str) else value)
        del held
        for at in list(texts):
            distinct = len(set(texts.pop(at)))  # as many as the distinct values, or fewer (two hashes meet)
            if self.n >= 4 and distinct * 2 > self.n:  # a plain list when packed: written from the file
                columns[at] = self._column_text(at)
            else:
                columns[at] = [json.loads(line)[at] for line in self.text_lines()]
        raw = dict(zip(_MAP_OBSERVATION_COLUMNS, columns[2:], strict=True))
        collection = observation_collection(columns[0], columns[1], raw)
        del columns, raw
        return spooled_points(collection)

    def _column_text(self, at: int) -> Any:
        """A packed text column (:func:`geo.render.frontdata.plain` of each value, a plain list) as a
        :class:`geo.render.pagestream.SpooledText`, read from the file."""
        from geo.render.frontdata import plain
        from geo.render.pagestream import list_pieces

        return SpooledText(list_pieces(plain(json.loads(line)[at]) for line in self.text_lines()))

    def frame(self) -> Any:
        """The observations kept (points, EPSG:4326, the map's columns); None when there is none."""
        import geopandas as gpd

        if not self.n:
            return None
        rows = [json.loads(line) for line in self.text_lines()]
        columns = list(zip(*rows, strict=True)) if rows else [()] * (2 + len(_MAP_OBSERVATION_COLUMNS))
        del rows
        data = {col: list(values) for col, values in zip(_MAP_OBSERVATION_COLUMNS, columns[2:], strict=True)}
        return gpd.GeoDataFrame(data, geometry=gpd.points_from_xy(columns[0], columns[1]), crs="EPSG:4326")


@dataclass
class Joined:
    """What the joins keep for the control table and the map (nothing per event in memory).

    The control changes and states go to temporary files (:class:`SpooledRecords`), read back by
    the control stage.
    """

    observation_rows: ObservationRows = field(default_factory=ObservationRows)  # the map's front observations
    places: dict[tuple[Any, ...], dict[str, Any]] = field(default_factory=dict)
    changes: SpooledRecords = field(default_factory=_changes)  # control_change events
    states: SpooledRecords = field(default_factory=_states)  # control states read in the dispatches
    n_events: int = 0
    n_mentions: int = 0

    def observations(self) -> Any:
        """The front observations of every chunk as one GeoDataFrame (empty with its columns), the map's columns."""
        from geo.spatial.frames import to_geodataframe

        frame = self.observation_rows.frame()
        return to_geodataframe([], layer="front_observations") if frame is None else frame

    def mention_points(self) -> Any:
        """One point per distinct mentioned place (name, spelling, point) with its count."""
        import geopandas as gpd
        import pandas as pd

        frame = pd.DataFrame(list(self.places.values()), columns=[*_PLACE_COLUMNS, "count"])
        return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")

    def add_places(self, mentions: Any) -> None:
        """Add the located mentions of a chunk: one point per place name, spelling and point."""
        self.add_place_counts(place_counts(mentions))

    def add_place_counts(self, counts: list[list[Any]]) -> None:
        """Add a chunk's :func:`place_counts`."""
        places = self.places
        for row in counts:
            key = (row[0], row[1], round(row[2], 5), round(row[3], 5))
            if key in places:
                places[key]["count"] += row[-1]
            else:
                places[key] = {**dict(zip(_PLACE_COLUMNS, row[:-1], strict=True)), "count": row[-1]}

    def add_piece(self, piece: Piece) -> None:
        """Keep what the control table and the map need of a chunk's results (:mod:`geo.pipeline.pieces`)."""
        self.changes.add_lines(*piece.changes)
        self.states.add_lines(*piece.states)
        if piece.observations[1]:
            self.observation_rows.add_lines(*piece.observations)
        self.n_events += piece.n_events
        self.n_mentions += piece.n_mentions
        self.add_place_counts(piece.places)


def place_counts(mentions: Any) -> list[list[Any]]:
    """The located mentions of a chunk, one row per place name, spelling and point (its first values),
    in order of first appearance, with their count last (JSON-ready)."""
    located = mentions.loc[mentions.geometry.notna(), _PLACE_COLUMNS]
    columns = [located[c].tolist() for c in _PLACE_COLUMNS]
    places: dict[tuple[Any, ...], list[Any]] = {}
    for values in zip(*columns, strict=True):
        key = (values[0], values[1], round(values[2], 5), round(values[3], 5))
        if key in places:
            places[key][-1] += 1
        else:
            places[key] = [*values, 1]
    return list(places.values())


def release_memory() -> None:
    """Give the heap's free pages back to the system (glibc ``malloc_trim``; nothing elsewhere).

    A chunk's tables are freed when the next chunk comes, but glibc keeps the freed pages of its
    many small allocations mapped: without this the resident size creeps up chunk after chunk.
    """
    import gc

    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Any:
    """glibc's ``malloc_trim``, looked up once (``find_library`` runs ``ldconfig`` in a child process), or None."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if name is None:  # pragma: no cover (not glibc)
        return None
    return getattr(ctypes.CDLL(name), "malloc_trim", None)


def join_chunks(spool: Spool, sinks: ChunkSinks, *, chunk_size: int, progress: bool) -> Joined:
    """Make the spooled rows into tables chunk by chunk and write them out (:class:`~geo.pipeline.sinks.ChunkSinks`).

    Each chunk's results are kept in the run's cache and spliced in again by a later run whose chunk
    holds the same documents (:func:`geo.pipeline.pieces.chunk_pieces`).
    """
    from geo.pipeline.pieces import chunk_pieces

    joined = Joined()
    with progress_bar(progress, desc="join", unit="doc", total=spool.count) as bar:
        for piece, made in chunk_pieces(spool, joined, sinks, chunk_size=chunk_size):
            sinks.add_piece(piece)
            joined.add_piece(piece)
            bar.update(piece.docs)
            del piece
            if made:
                release_memory()
    return joined


def front_layers(
    changes: Collection[Any],
    states: Collection[Any] = (),
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
