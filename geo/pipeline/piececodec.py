"""A chunk's results (:class:`geo.pipeline.pieces.Piece`) as plain bytes and back.

Texts are UTF-8, numbers and dates raw numpy bytes with their dtype, strings and small values JSON,
geometries their WKB; each part is compressed on its own (zlib, fastest level) and the header (JSON)
says which part holds what. Nothing is pickled.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from geo.pipeline.pieces import Piece

__all__ = ["Parts", "Reader", "join_parts", "split_parts"]

_TEXTS = ("csv", "csv_head", "acled", "acled_head")
_LINES = ("changes", "states", "observations")


class Parts:
    """The compressed parts of a blob, added one at a time."""

    def __init__(self) -> None:
        self.blobs: list[bytes] = []

    def add(self, data: bytes) -> int:
        """Add ``data``; its part number."""
        self.blobs.append(zlib.compress(data, 1))
        return len(self.blobs) - 1

    def text(self, value: str) -> int:
        return self.add(value.encode("utf-8", "surrogatepass"))

    def json(self, value: Any) -> int:
        return self.add(json.dumps(value, allow_nan=True).encode("ascii"))

    def array(self, values: Any) -> dict[str, Any] | None:
        """A numpy array: raw bytes and dtype, the WKB of a bytes column, or JSON for strings (and None)."""
        import numpy as np

        if values is None:
            return None
        if values.dtype.kind != "O":
            return {"dtype": values.dtype.str, "raw": self.add(np.ascontiguousarray(values).tobytes())}
        items = values.tolist()
        if items and all(isinstance(v, bytes) for v in items):
            sizes = np.array([len(v) for v in items], dtype=np.int64)
            return {"wkb": self.add(b"".join(items)), "sizes": self.add(sizes.tobytes())}
        if not all(v is None or isinstance(v, str) for v in items):
            raise TypeError("an object column holding other values than strings")
        return {"json": self.json(items)}

    def frame(self, frame: Any) -> dict[str, Any]:
        """A small DataFrame (the per-unit statistics): index and columns, each an :meth:`array`."""
        import numpy as np

        index = np.asarray(frame.index.to_numpy())
        return {"index": self.array(index), "index_dtype": str(frame.index.dtype), "index_name": frame.index.name,
                "columns": [[str(c), *self._column(frame[c])] for c in frame.columns]}  # fmt: skip

    def _column(self, series: Any) -> list[Any]:
        """A column's values, and for a nullable one (``Int64``, ``boolean``...) its dtype and null mask."""
        numpy_dtype = getattr(series.dtype, "numpy_dtype", None)
        if numpy_dtype is None or series.dtype == numpy_dtype:
            return [self.array(series.to_numpy()), None, None]
        values = series.to_numpy(dtype=numpy_dtype, na_value=0)
        return [self.array(values), str(series.dtype), self.array(series.isna().to_numpy())]

    def table(self, table: Any) -> dict[str, Any]:
        """A :class:`geo.write.gpkg.PreparedTable`."""
        return {"name": table.name, "spatial": table.spatial, "geom_type": table.geom_type, "rows": table.rows,
                "arrays": [[col, self.array(values), self.array(mask)] for col, (values, mask) in table.arrays.items()],
                "wkb": self.array(table.wkb)}  # fmt: skip

    def piece_head(self, piece: Piece) -> dict[str, Any]:
        """Add every part of ``piece``; the header that says where each is."""
        return {
            "docs": piece.docs, "n_events": piece.n_events, "n_mentions": piece.n_mentions,
            "layers": [[name, [self.table(t) for t in tables]] for name, tables in piece.layers],
            **{name: self.text(getattr(piece, name)) for name in _TEXTS},
            "geojson": None if piece.geojson is None else self.text(piece.geojson),
            "stats": [[level, self.frame(frame)] for level, frame in piece.stats.items()],
            "map": None if piece.map is None else self.json(piece.map),
            **{name: [self.text(getattr(piece, name)[0]), getattr(piece, name)[1]] for name in _LINES},
            "places": self.json(piece.places),
        }  # fmt: skip


class Reader:
    """The parts of a blob (memory views of the compressed data), the header last."""

    def __init__(self, parts: list[Any]) -> None:
        self.parts = parts
        self.head: dict[str, Any] = json.loads(zlib.decompress(parts[-1]))

    def bytes(self, at: int) -> bytes:
        return zlib.decompress(self.parts[at])

    def text(self, at: int) -> str:
        return self.bytes(at).decode("utf-8", "surrogatepass")

    def json(self, at: int) -> Any:
        return json.loads(self.bytes(at))

    def array(self, spec: dict[str, Any] | None) -> Any:
        import numpy as np

        if spec is None:
            return None
        if "raw" in spec:
            return np.frombuffer(self.bytes(spec["raw"]), dtype=np.dtype(spec["dtype"])).copy()
        if "wkb" in spec:
            data = self.bytes(spec["wkb"])
            ends = np.cumsum(np.frombuffer(self.bytes(spec["sizes"]), dtype=np.int64)).tolist()
            out = np.empty(len(ends), dtype=object)
            out[:] = [data[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=True)]
            return out
        items = self.json(spec["json"])
        out = np.empty(len(items), dtype=object)
        out[:] = items
        return out

    def frame(self, spec: dict[str, Any]) -> Any:
        import pandas as pd

        index = pd.Index(self.array(spec["index"]), dtype=spec["index_dtype"], name=spec["index_name"])
        columns = {}
        for col, values, dtype, mask in spec["columns"]:
            column = self.array(values)
            if dtype is not None:
                column = pd.array(column, dtype=dtype)
                column[self.array(mask)] = pd.NA
            columns[col] = column
        return pd.DataFrame(columns, index=index)

    def table(self, spec: dict[str, Any]) -> Any:
        from geo.write.gpkg import PreparedTable

        arrays = {col: (self.array(values), self.array(mask)) for col, values, mask in spec["arrays"]}
        return PreparedTable(spec["name"], spec["spatial"], spec["geom_type"], arrays, self.array(spec["wkb"]),
                             spec["rows"])  # fmt: skip

    def piece(self) -> Piece:
        from geo.pipeline.pieces import Piece

        head = self.head
        texts: dict[str, Any] = {name: self.text(head[name]) for name in _TEXTS}
        texts.update({name: (self.text(head[name][0]), int(head[name][1])) for name in _LINES})
        return Piece(
            docs=head["docs"], n_events=head["n_events"], n_mentions=head["n_mentions"],
            layers=[(name, [self.table(t) for t in tables]) for name, tables in head["layers"]],
            geojson=None if head["geojson"] is None else self.text(head["geojson"]),
            stats={int(level): self.frame(spec) for level, spec in head["stats"]},
            map=None if head["map"] is None else self.json(head["map"]),
            places=self.json(head["places"]), **texts,
        )  # fmt: skip


def join_parts(magic: bytes, parts: Sequence[bytes]) -> bytes:
    """``magic``, then each part as an 8-byte big-endian length and its bytes: the cache's blob layout
    (a chunk's piece, a stage's layers)."""
    return b"".join([magic, *(piece for part in parts for piece in (len(part).to_bytes(8, "big"), part))])


def split_parts(blob: bytes, magic: bytes, what: str) -> list[memoryview]:
    """The parts :func:`join_parts` framed (views into ``blob``, no copy); ValueError naming ``what``
    when ``blob`` does not start with ``magic``."""
    if not blob.startswith(magic):
        raise ValueError(what)
    parts, at = [], len(magic)
    while at < len(blob):
        size = int.from_bytes(blob[at : at + 8], "big")
        parts.append(memoryview(blob)[at + 8 : at + 8 + size])
        at += 8 + size
    return parts
