"""Results of later stages kept in the run's cache, reused while their inputs do not change.

The control layers (intervals, areas, front lines, changes) depend only on the control changes
and states read in the dispatches, the baseline, the snapshot dates or step, the gazetteer and the
code that builds them: a re-run that adds a strike does not move a front line. Their result is
kept (JSON, compressed) in the spool's SQLite file (:meth:`geo.pipeline.spool.Spool.put_stage`) under a hash
of those inputs (:func:`control_key`) and read back when the hash is the same. The spool's own
fingerprint (rules, gazetteer, boundaries) is part of every key, and a spool emptied for a new
fingerprint drops its stages too.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
import zlib
from collections.abc import Callable, Collection, Iterator, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.pipeline.piececodec import join_parts, split_parts
from geo.pipeline.spool import hash_files

if TYPE_CHECKING:  # pragma: no cover
    from geo.pipeline.spool import Spool

__all__ = ["STAGE_VERSION", "cached_stage", "control_key"]

#: Bumped when a cached stage's layout changes in a way the source hash below would not show.
STAGE_VERSION = 3
#: What a stage blob of :func:`dumps` starts with.
_MAGIC = b"conflictmap-stage\n"
#: Source folders and modules whose code decides the control layers.
_CONTROL_CODE = ("spatial/control", "spatial/frames.py", "pipeline/joins.py", "pipeline/stagecache.py")

_log = logging.getLogger("conflictmap")


@lru_cache(maxsize=1)
def _control_code() -> str:
    h = hashlib.sha256(f"stages {STAGE_VERSION}".encode())
    root = Path(str(resources.files("geo")))
    for name in _CONTROL_CODE:
        path = root / name
        hash_files(h, root, sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return h.hexdigest()


def _file_digest(path: str | Path | None) -> str | None:
    if path is None:
        return None
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def control_key(spool: Spool, changes: Collection[Any], states: Collection[Any], *, baseline: str | Path | None,
                dates: Sequence[str] | None, step: str | None) -> str:  # fmt: skip
    """The hash of everything the control layers are made from (records in run order)."""
    h = hashlib.sha256(spool.fingerprint.encode())
    h.update(_control_code().encode())
    head = [str(baseline) if baseline is not None else None, _file_digest(baseline),
            list(dates) if dates is not None else None, step]  # fmt: skip
    h.update(json.dumps(head, default=str).encode())
    for records in (changes, states):
        h.update(b"|")
        h.update(_records_digest(records).encode())
    return h.hexdigest()


def _records_digest(records: Collection[Any]) -> str:
    """The digest of records in order: a :class:`~geo.pipeline.joins.SpooledRecords`' own, else of their reprs
    (dataclasses of plain values: their repr says every field)."""
    digest = getattr(records, "digest", None)
    if isinstance(digest, str):
        return digest
    return hashlib.sha256("\n".join(map(repr, records)).encode("utf-8", "surrogatepass")).hexdigest()


def cached_stage(spool: Spool, name: str, key: str, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Stage ``name``'s layers for the inputs hashed as ``key``: from the cache, or built and kept."""
    blob = spool.stage(name, key)
    if blob is not None:
        try:
            layers = loads(blob)
        except (ValueError, KeyError, TypeError, zlib.error) as exc:  # an entry of another layout: build again
            _log.info("the cached %s layers could not be read (%s): built again", name, exc)
        else:
            _log.info("the %s layers are unchanged: taken from the cache", name)
            return layers
    layers = build()
    blob = dumps(layers)
    if blob is not None:
        spool.put_stage(name, key, blob)
    return layers


def dumps(layers: dict[str, Any]) -> bytes | None:
    """Layers (GeoDataFrames, a :class:`~geo.render.frontmap.PreparedFront`'s slider data) as JSON, WKB
    geometries; None when a column's type is not one kept (the stage is then not cached).

    JSON, not pickle: a cache file read back never runs code, whoever wrote it. The blob is
    :data:`_MAGIC` then parts (8-byte length, zlib data): a header, the slider's data (its text), one part per
    layer, each made column by column, so that no whole JSON text of the layers is ever held.
    """
    slider = getattr(layers, "slider", None)
    head = {"v": STAGE_VERSION, "layers": list(layers), "prepared": slider is not None}
    parts = [zlib.compress(json.dumps(head).encode("ascii")), _text_part(slider)]
    for gdf in layers.values():
        part = _frame_part(gdf)
        if part is None:
            return None
        parts.append(part)
    return join_parts(_MAGIC, parts)


def loads(blob: bytes) -> dict[str, Any]:
    """What :func:`dumps` wrote."""
    from geo.render.frontmap import PreparedFront
    from geo.render.pagestream import SpooledText

    parts = split_parts(blob, _MAGIC, "stage layout before version 2")
    head = json.loads(zlib.decompress(parts[0]))
    if head.get("v") != STAGE_VERSION:
        raise ValueError(f"stage layout {head.get('v')}")
    layers = {layer: _frame_of(json.loads(zlib.decompress(part)))
              for layer, part in zip(head["layers"], parts[2:], strict=True)}  # fmt: skip
    if not head["prepared"]:
        return layers
    prepared = PreparedFront(layers)
    prepared.slider = SpooledText(_text_of(parts[1]))
    return prepared


def _text_part(spooled: Any) -> bytes:
    """A :class:`~geo.render.pagestream.SpooledText`'s text (none: empty) compressed, read a piece at a time."""
    z = zlib.compressobj(6)
    out = [z.compress(piece.encode("utf-8")) for piece in (spooled.pieces() if spooled is not None else ())]
    out.append(z.flush())
    return b"".join(out)


def _text_of(part: memoryview) -> Iterator[str]:
    """The text of :func:`_text_part`, a piece at a time."""
    z = zlib.decompressobj()
    decoder = codecs.getincrementaldecoder("utf-8")()
    data: bytes | memoryview = part
    while data:
        chunk = z.decompress(data, 1 << 20)
        data = z.unconsumed_tail
        yield decoder.decode(chunk)
    yield decoder.decode(z.flush(), final=True)


def _column(series: Any, dtype: str) -> list[Any] | None:
    if dtype.startswith("datetime64["):
        values = series.to_numpy().astype("datetime64[ms]").astype("int64").tolist()
        return [None if na else v for v, na in zip(values, series.isna().tolist(), strict=True)]
    if dtype in ("str", "object"):
        out = [None if na else v for v, na in zip(series.tolist(), series.isna().tolist(), strict=True)]
        return out if all(v is None or isinstance(v, str) for v in out) else None
    if dtype in _PLAIN:
        return list(series.tolist())
    return None


def _frame_part(gdf: Any) -> bytes | None:
    """A frame as compressed JSON (``columns``, ``order``, ``geometry``, ``wkb``, ``crs``), one column at a
    time; None when it is not a GeoDataFrame with a plain index or a column's type is not one kept."""
    import geopandas as gpd
    import pandas as pd

    if not isinstance(gdf, gpd.GeoDataFrame) or not isinstance(gdf.index, pd.RangeIndex) or gdf.index.start != 0:
        return None
    geometry = gdf.geometry.name
    z = zlib.compressobj(6)
    out = [z.compress(b'{"columns":[')]
    for i, col in enumerate(c for c in gdf.columns if c != geometry):
        dtype = str(gdf[col].dtype)
        values = _column(gdf[col], dtype)
        if values is None:
            return None
        head = "," * bool(i) + json.dumps([col, dtype, []])[:-2]  # the column's values a batch at a time
        out.append(z.compress(head.encode("ascii")))
        for start in range(0, len(values), _BATCH):
            text = json.dumps(values[start : start + _BATCH])[1:-1]
            out.append(z.compress(((", " if start else "") + text).encode("ascii")))
        out.append(z.compress(b"]]"))
    crs = None if gdf.crs is None else gdf.crs.to_json()
    tail = json.dumps({"order": [str(c) for c in gdf.columns], "geometry": geometry, "wkb": [], "crs": crs})
    at = tail.index('"wkb": []') + len('"wkb": [')
    out.append(z.compress(("]," + tail[1:at]).encode("ascii")))
    geoms = gdf.geometry
    for start in range(0, len(geoms), _BATCH):  # the geometries' WKB a batch at a time
        wkb = [None if g is None else g.hex() for g in geoms.iloc[start : start + _BATCH].to_wkb(hex=False)]
        out.append(z.compress(((", " if start else "") + json.dumps(wkb)[1:-1]).encode("ascii")))
    out.append(z.compress(tail[at:].encode("ascii")))
    out.append(z.flush())
    return b"".join(out)


def _frame_of(record: dict[str, Any]) -> Any:
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely

    data: dict[str, Any] = {}
    for col, dtype, values in record["columns"]:
        if dtype.startswith("datetime64["):
            ms = np.array([np.iinfo("int64").min if v is None else v for v in values], dtype="int64")
            data[col] = pd.Series(ms.view("datetime64[ms]"), dtype=dtype)
        else:
            data[col] = pd.Series(values, dtype=dtype if dtype in _PLAIN or dtype == "str" else object)
    geoms = shapely.from_wkb([None if h is None else bytes.fromhex(h) for h in record["wkb"]])
    data[record["geometry"]] = gpd.GeoSeries(geoms, crs=record["crs"])
    frame = gpd.GeoDataFrame(data, geometry=record["geometry"], crs=record["crs"])
    return frame[record["order"]]


#: Values of a column serialised together by :func:`_frame_part`.
_BATCH = 4096

#: Column types kept as they are (JSON numbers and booleans).
_PLAIN = ("int64", "float64", "bool", "int32", "float32")
