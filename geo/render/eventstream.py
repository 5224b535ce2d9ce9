"""The map's event data built chunk by chunk and written to the page from a temporary folder.

:class:`EventSpool` encodes chunks of located events (:func:`geo.render.eventdata.encode_rows`) and
appends every column and every new table value to its own file as JSON text, keeping in memory only
the running counts, the small tables (actors, kinds, date precisions) and one 8-byte digest per
distinct value of the big tables (places, evidence sentences, sources, popup rows). :meth:`EventSpool.write`
then streams the page's ``cm-data-events`` JSON piece by piece: the same data as
:func:`geo.render.eventdata.event_columns` of the concatenated chunks (the popup data gzipped in
``z`` from :data:`geo.render.eventdata.PACK_FROM` events on), without ever holding all events or
the whole text.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import shutil
import tempfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from geo.render.eventdata import COLUMN_ORDER, PACK_FROM, POPUP_GZIP_LEVEL, SCALE, TABLE_ORDER, encode_rows, new_tables
from geo.render.html import script_json

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

__all__ = ["EventSpool", "EventSummary", "digests"]

#: Tables kept in memory (a handful of values each); the others are spooled.
_SMALL_TABLES = ("actor", "kind", "dp")
_POPUP_KEYS = ("e", "s", "x", "evidence", "source", "extra")
#: The table each indexing column refers to.
_COLUMN_TABLES = {"dp": "dp", "k": "kind", "a": "actor", "p": "place", "e": "evidence", "s": "source", "x": "extra"}
_READ = 1 << 20  # bytes per read when copying a spooled file into the page
_MERGE_EVERY = 1 << 14  # recent digests kept in a dict before joining the sorted arrays


def _json_items(values: list[Any]) -> str:
    """``values`` as the comma-separated items of a JSON array (no brackets), safe in a ``<script>``."""
    return script_json(values)[1:-1]


class _SpoolFile:
    """One JSON array written item by item to ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.count = 0
        self._fh: IO[str] | None = open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed by close()

    def extend(self, values: list[Any]) -> None:
        if not values or self._fh is None:
            return
        self._fh.write(("," if self.count else "") + _json_items(values))
        self.count += len(values)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def pieces(self) -> Iterator[str]:
        """The array's JSON text, brackets included, in pieces of about a megabyte."""
        self.close()
        yield "["
        with open(self.path, encoding="utf-8") as fh:
            while piece := fh.read(_READ):
                yield piece
        yield "]"


class _DigestIndex:
    """Positions of 8-byte digests in order of first sight, about 16 bytes a digest in memory.

    The digests seen are kept in two sorted numpy arrays (digest, position) looked up in one
    ``searchsorted`` per batch; the newest ones wait in a small dict merged into the arrays
    every :data:`_MERGE_EVERY` digests.
    """

    def __init__(self) -> None:
        import numpy as np

        self._keys = np.empty(0, dtype=np.uint64)
        self._pos = np.empty(0, dtype=np.int64)
        self._recent: dict[int, int] = {}
        self.count = 0

    def positions(self, keys: list[int]) -> tuple[list[int], list[bool]]:
        """The position of each digest in ``keys`` and whether it was new (new ones get the next positions)."""
        import numpy as np

        found = [-1] * len(keys)
        if len(self._keys) and keys:
            wanted = np.array(keys, dtype=np.uint64)
            at = np.minimum(np.searchsorted(self._keys, wanted), len(self._keys) - 1)
            hit = self._keys[at] == wanted
            found = np.where(hit, self._pos[at], -1).tolist()
        out: list[int] = []
        new: list[bool] = []
        for key, known in zip(keys, found, strict=True):
            pos = known if known >= 0 else self._recent.get(key, -1)
            new.append(pos < 0)
            if pos < 0:
                pos = self._recent[key] = self.count
                self.count += 1
            out.append(pos)
        if len(self._recent) >= _MERGE_EVERY:
            self._merge()
        return out, new

    def _merge(self) -> None:
        import numpy as np

        keys = np.fromiter(self._recent.keys(), dtype=np.uint64, count=len(self._recent))
        pos = np.fromiter(self._recent.values(), dtype=np.int64, count=len(self._recent))
        order = np.argsort(keys)
        keys, pos = keys[order], pos[order]
        at = np.searchsorted(self._keys, keys)
        self._keys, self._pos = np.insert(self._keys, at, keys), np.insert(self._pos, at, pos)
        self._recent = {}


def digests(values: list[Any]) -> list[int]:
    """The 8-byte digest of each value (of its ``repr``), by which a spooled table knows its values."""
    return [int.from_bytes(hashlib.blake2b(repr(value).encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                           "little") for value in values]  # fmt: skip


class _SpooledTable:
    """Distinct values, each stored once in a spool file; in memory only a digest per value."""

    def __init__(self, path: Path) -> None:
        self.file = _SpoolFile(path)
        self._index = _DigestIndex()

    def index(self, value: Any) -> int:
        return self.indexes([value])[0]

    def indexes(self, values: list[Any], keys: list[int] | None = None) -> list[int]:
        """The positions of ``values`` (strings or lists), the new ones appended to the file in one write.

        ``keys``: their :func:`digests`, when known."""
        out, new = self._index.positions(digests(values) if keys is None else keys)
        self.file.extend([value for value, is_new in zip(values, new, strict=True) if is_new])
        return out


class EventSpool:
    """The page's event data, built from chunks of located events (see the module docstring).

    Parameters
    ----------
    actor_colour, actor_key : callable
        As for :func:`geo.render.eventdata.event_columns`.
    folder : path, optional
        Where the spool files go (a new temporary folder by default, removed by :meth:`close`).
    """

    def __init__(self, *, actor_colour: Callable[[Any], str], actor_key: Callable[[Any], str],
                 folder: str | Path | None = None) -> None:
        self._own = folder is None
        self.folder = Path(tempfile.mkdtemp(prefix="cm-events-") if folder is None else folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._colour, self._key = actor_colour, actor_key
        small = new_tables()
        self.tables: dict[str, Any] = {k: small[k] for k in _SMALL_TABLES}
        self.tables.update({k: _SpooledTable(self.folder / f"t_{k}.json") for k in TABLE_ORDER
                            if k not in _SMALL_TABLES})
        self._cols = {k: _SpoolFile(self.folder / f"c_{k}.json") for k in COLUMN_ORDER}
        self.n = 0
        self.day_min: int | None = None
        self.day_max: int | None = None

    @property
    def actors(self) -> list[str]:
        """The actor table: legend labels in order of first appearance."""
        values: list[str] = self.tables["actor"].values
        return values

    def add(self, located: gpd.GeoDataFrame) -> None:
        """Append a chunk of located events (EPSG:4326)."""
        if not len(located):
            return
        cols = encode_rows(located, self.tables, actor_key=self._key)
        for key, values in cols.items():
            self._cols[key].extend(values)
        self._days(cols["day"])
        self.n += len(located)

    def encode(self, located: gpd.GeoDataFrame) -> dict[str, Any]:
        """A chunk of located events encoded on its own (JSON-ready): its columns, indexing tables of its
        own values (in order of first appearance), for :meth:`add_encoded` now or in a later run."""
        tables = new_tables()
        cols = encode_rows(located, tables, actor_key=self._key) if len(located) else {k: [] for k in COLUMN_ORDER}
        spooled = [k for k in TABLE_ORDER if k not in _SMALL_TABLES]
        return {"n": len(located), "cols": cols, "tables": {k: tables[k].values for k in TABLE_ORDER},
                "digests": {k: digests(tables[k].values) for k in spooled}}  # fmt: skip

    def add_encoded(self, part: dict[str, Any]) -> None:
        """Append a chunk :meth:`encode` gave: its table values looked up in this spool's tables (the new ones
        added in their order), its columns re-indexed. The same data as :meth:`add` of the chunk."""
        if not part["n"]:
            return
        at: dict[str, list[int]] = {}
        for key in TABLE_ORDER:
            table = self.tables[key]
            values = part["tables"][key]
            if isinstance(table, _SpooledTable):
                at[key] = table.indexes(values, part.get("digests", {}).get(key))
            else:
                at[key] = [table.index(v) for v in values]
        for key, values in part["cols"].items():
            table = _COLUMN_TABLES.get(key)
            index = at[table] if table is not None else None
            self._cols[key].extend(values if index is None else [None if v is None else index[v] for v in values])
        self._days(part["cols"]["day"])
        self.n += part["n"]

    def _days(self, days: list[int | None]) -> None:
        known = [d for d in days if d is not None]
        if known:
            lo, hi = min(known), max(known)
            self.day_min = lo if self.day_min is None else min(self.day_min, lo)
            self.day_max = hi if self.day_max is None else max(self.day_max, hi)

    def _table(self, key: str) -> Iterator[str]:
        table = self.tables[key]
        if isinstance(table, _SpooledTable):
            yield from table.file.pieces()
        else:
            yield script_json(table.values)

    def _popup_source(self, key: str) -> Iterator[str]:
        return self._cols[key].pieces() if key in self._cols else self._table(key)

    def _packed_popups(self) -> Iterator[str]:
        """``z``: the popup columns and tables as gzip (mtime 0) + base64, made as it is read."""
        deflate = zlib.compressobj(POPUP_GZIP_LEVEL, zlib.DEFLATED, 31)
        pending = b""
        for i, key in enumerate(_POPUP_KEYS):
            parts = [("{" if i == 0 else ",") + json.dumps(key) + ":"]
            for part in itertools.chain(parts, self._popup_source(key)):  # read as written, never whole
                pending += deflate.compress(part.encode("utf-8"))
                cut = len(pending) - len(pending) % 3
                if cut:
                    yield base64.b64encode(pending[:cut]).decode("ascii")
                    pending = pending[cut:]
        pending += deflate.compress(b"}") + deflate.flush()
        yield base64.b64encode(pending).decode("ascii")

    def pieces(self) -> Iterator[str]:
        """The data's JSON text in pieces (``JSON.parse`` of their concatenation: ``cm.setEvents``'s data)."""
        packed = self.n >= PACK_FROM
        yield '{"scale":' + str(SCALE)
        for key in COLUMN_ORDER:
            if packed and key in _POPUP_KEYS:
                continue
            yield f',"{key}":'
            yield from self._cols[key].pieces()
        yield ',"day_min":' + json.dumps(self.day_min) + ',"day_max":' + json.dumps(self.day_max)
        yield ',"tables":{"actor":' + script_json(self.actors) + ',"colour":'
        yield script_json([self._colour(a) for a in self.actors])
        for key in TABLE_ORDER[1:]:
            if packed and key in _POPUP_KEYS:
                continue
            yield f',"{key}":'
            yield from self._table(key)
        yield "}"
        if packed:
            yield ',"z":"'
            yield from self._packed_popups()
            yield '"'
        yield "}"

    def write(self, out: IO[str]) -> None:
        """Write :meth:`pieces` to ``out``."""
        for piece in self.pieces():
            out.write(piece)

    def text(self) -> str:
        """The whole JSON text (small data and tests)."""
        return "".join(self.pieces())

    def close(self) -> None:
        """Close the spool files and remove the temporary folder (when this spool made it)."""
        for col in self._cols.values():
            col.close()
        for table in self.tables.values():
            if isinstance(table, _SpooledTable):
                table.file.close()
        if self._own:
            shutil.rmtree(self.folder, ignore_errors=True)


class EventSummary:
    """What the panel, the layers and the opening view need of all events, added chunk by chunk.

    Counts (all events, those drawn), the kinds drawn, the first and last date as text
    (:func:`geo.render.panel.date_text`), the bounds of the drawn events, and, when the
    governorates carry no aggregates, the few columns :func:`geo.spatial.aggregate.aggregate_by_admin`
    reads (no geometry).
    """

    #: Columns :func:`geo.spatial.aggregate.aggregate_by_admin` reads.
    AGGREGATE_COLUMNS = ("adm1_pcode", "kind", "killed", "killed_min", "cumulative", "is_total", "date", "event_id")

    def __init__(self, *, keep_aggregates: bool = False) -> None:
        self.n_events = 0
        self.n_located = 0
        self.kinds: set[str] = set()
        self.first: str | None = None
        self.last: str | None = None
        self.bounds: tuple[float, float, float, float] | None = None
        self._keep = keep_aggregates
        self._parts: list[Any] = []

    def add(self, events: gpd.GeoDataFrame, located: gpd.GeoDataFrame) -> None:
        """Count a chunk: ``events`` (every row) and ``located`` (the rows drawn)."""
        self.add_part(self.part(events, located))
        if self._keep and "adm1_pcode" in events.columns:
            self._parts.append(events[[c for c in self.AGGREGATE_COLUMNS if c in events.columns]].copy())

    @staticmethod
    def part(events: gpd.GeoDataFrame, located: gpd.GeoDataFrame) -> dict[str, Any]:
        """What :meth:`add_part` counts of a chunk (JSON-ready; the aggregate columns are not in it)."""
        from geo.render.panel import date_text

        dates: list[str] = []
        if "date" in events.columns:
            pairs = events[[c for c in ("date", "date_precision") if c in events.columns]].drop_duplicates()
            precision = pairs["date_precision"] if "date_precision" in pairs.columns else [None] * len(pairs)
            dates = [d for d in map(date_text, pairs["date"], precision) if d]
        return {"n_events": len(events), "n_located": len(located),
                "kinds": sorted(set(located["kind"].astype("string").dropna().unique().tolist())),
                "first": min(dates) if dates else None, "last": max(dates) if dates else None,
                "bounds": [float(v) for v in located.total_bounds] if len(located) else None}  # fmt: skip

    def add_part(self, part: dict[str, Any]) -> None:
        """Count a chunk from its :meth:`part`."""
        self.n_events += part["n_events"]
        self.n_located += part["n_located"]
        self.kinds |= set(part["kinds"])
        if part["first"] is not None:
            self.first = part["first"] if self.first is None else min(self.first, part["first"])
            self.last = part["last"] if self.last is None else max(self.last, part["last"])
        if part["bounds"] is not None:
            w, s, e, n = part["bounds"]
            if self.bounds is not None:
                w, s = min(w, self.bounds[0]), min(s, self.bounds[1])
                e, n = max(e, self.bounds[2]), max(n, self.bounds[3])
            self.bounds = (w, s, e, n)

    @property
    def keeps_aggregates(self) -> bool:
        """Whether the aggregate columns of the events are kept (then every chunk must come as events)."""
        return self._keep

    @property
    def dates(self) -> str:
        """The date range as text (``first – last``, one date, or ``undated``)."""
        if self.first is None or self.last is None:
            return "undated"
        return self.first if self.first == self.last else f"{self.first} – {self.last}"

    def aggregate_frame(self) -> Any:
        """The kept aggregate columns of every event (a frame), or None when not kept."""
        import pandas as pd

        if not self._parts:
            return None
        frame = pd.concat(self._parts, ignore_index=True)
        for col in self.AGGREGATE_COLUMNS:
            if col not in frame.columns:
                frame[col] = None
        return frame
