"""The joins' results per chunk, kept in the run's cache: a re-run splices them in instead of rebuilding them.

What the joins make of a chunk of documents (the GeoPackage tables ready for GDAL, the CSV and ACLED
rows, the GeoJSON features, the per-unit statistics, the map's encoded events, the control
changes and states, the front observations and the mentioned places, see :class:`Piece`) depends
only on the chunk's payloads, the code and the settings. A run keeps each chunk's piece in the
spool's SQLite file (:meth:`geo.pipeline.spool.Spool.put_piece`) under a hash of its documents'
keys, the spool's fingerprint and a hash of the code (:func:`piece_key`), written as each chunk is
done; a later run whose chunk holds the same documents reads the piece back instead of reading,
joining and encoding its payloads again. Chunk ends depend on the documents' keys
(:meth:`geo.pipeline.spool.Spool.key_chunks`), so a new dispatch changes one or two chunks, not
every later one. The cache keeps the pieces of the latest run only.

Every chunk goes through a piece, made now or read back, so a re-run writes what a first run
writes. Pieces are plain data (JSON, raw numpy numbers, text; never pickle): reading a cache file
never runs code.
"""

from __future__ import annotations

import hashlib
import json
import logging
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from geo.pipeline.joins import Joined
    from geo.pipeline.rows import ChunkFrames
    from geo.pipeline.sinks import ChunkSinks
    from geo.pipeline.spool import Spool

__all__ = ["PIECE_VERSION", "Piece", "chunk_pieces", "dumps", "loads", "make_piece", "piece_key"]

#: Bumped when a piece's layout changes in a way the code hash would not show.
PIECE_VERSION = 1
_MAGIC = b"conflictmap-piece\n"

_log = logging.getLogger("conflictmap")


@dataclass
class Piece:
    """A chunk's results: what :meth:`geo.pipeline.sinks.ChunkSinks.add_piece` and
    :meth:`geo.pipeline.joins.Joined.add_piece` add to the run."""

    docs: int
    layers: list[tuple[str, list[Any]]]  # layer -> its prepared tables (geo.write.gpkg.PreparedTable)
    csv: str
    csv_head: str
    acled: str
    acled_head: str
    geojson: str | None
    stats: dict[int, Any]  # level -> per-unit statistics (a DataFrame)
    map: dict[str, Any] | None
    changes: tuple[str, int]  # JSON lines, count
    states: tuple[str, int]
    observations: tuple[str, int]
    places: list[list[Any]]
    n_events: int
    n_mentions: int


def make_piece(chunk: ChunkFrames, docs: int, joined: Joined, sinks: ChunkSinks) -> Piece:
    """The results of a chunk's tables."""
    from geo.pipeline.joins import place_counts

    observations = joined.observation_rows.lines(chunk.observations) if len(chunk.observations) else ("", 0)
    return Piece(docs=docs, **sinks.parts(chunk), observations=observations,
                 changes=(joined.changes.lines(chunk.changes), len(chunk.changes)),
                 states=(joined.states.lines(chunk.states), len(chunk.states)),
                 places=place_counts(chunk.mentions), n_events=len(chunk.events),
                 n_mentions=len(chunk.mentions))  # fmt: skip


def chunk_pieces(spool: Spool, joined: Joined, sinks: ChunkSinks, *, chunk_size: int) -> Iterator[tuple[Piece, bool]]:
    """Each chunk's piece in run order, and whether it was made now (else read from the cache).

    Pieces are read and kept only when the spool is the run's cache (``spool.keeps_pieces``).
    """
    from geo.pipeline.rows import frames_of

    keep = spool.keeps_pieces
    context = _context(sinks)
    used: list[str] = []
    reused = 0
    for chunk in spool.key_chunks(chunk_size):
        key = piece_key(spool, [k for _, k in chunk], context)
        used.append(key)
        piece = _cached(spool, key) if keep else None
        if piece is not None:
            reused += 1
            yield piece, False
            continue
        piece = make_piece(frames_of(spool.payloads(chunk[0][0], chunk[-1][0])), len(chunk), joined, sinks)
        blob = dumps(piece) if keep else None
        if blob is not None:
            spool.put_piece(key, blob)
        yield piece, True
    if not used:  # no document: one empty chunk, so that the layers still get their columns
        yield make_piece(frames_of([]), 0, joined, sinks), True
    if keep:
        spool.keep_pieces(used)
        _log.info("joins: %d of %d chunks taken from the cache", reused, len(used))


def _cached(spool: Spool, key: str) -> Piece | None:
    blob = spool.piece(key)
    if blob is None:
        return None
    try:
        return loads(blob)
    except (ValueError, KeyError, TypeError, IndexError, zlib.error) as exc:  # another layout: made again
        _log.info("a chunk's cached results could not be read (%s): made again", exc)
        return None


def _context(sinks: ChunkSinks) -> str:
    """What a chunk's piece depends on besides its documents and the code: the outputs made, the country,
    the libraries that format them."""
    from gazetteer import settings

    return json.dumps([list(sinks.levels), sinks.geojson is not None, sinks.map_events is not None,
                       str(getattr(settings, "country", "")), _libraries()])  # fmt: skip


@lru_cache(maxsize=1)
def _libraries() -> list[str | None]:
    """The versions of the libraries whose output a piece holds (CSV and GeoJSON text, WKB, GDAL's types)."""
    from importlib import metadata

    versions: list[str | None] = []
    for name in ("pandas", "geopandas", "shapely", "numpy", "pyogrio", "arro3-core"):
        try:
            versions.append(metadata.version(name))
        except metadata.PackageNotFoundError:
            versions.append(None)
    return versions


@lru_cache(maxsize=1)
def _code() -> str:
    """A hash of the code that makes pieces: every module of ``geo`` and the country profiles."""
    from geo.pipeline.spool import hash_files

    h = hashlib.sha256(f"pieces {PIECE_VERSION}".encode())
    for package, pattern in (("geo", "*.py"), ("gazetteer", "*.py"), ("gazetteer", "data/profiles/*.json")):
        root = Path(str(resources.files(package)))
        hash_files(h, root, sorted(root.rglob(pattern)))
    return h.hexdigest()


def piece_key(spool: Spool, keys: list[str], context: str) -> str:
    """The key of a chunk's piece: its documents' keys in order, the spool's fingerprint, the code, ``context``."""
    h = hashlib.sha256(f"{_code()}|{spool.fingerprint}|{context}|".encode())
    h.update("\n".join(keys).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def dumps(piece: Piece) -> bytes | None:
    """A piece as bytes (:data:`_MAGIC`, then parts: 8-byte length, zlib data; the JSON header last);
    None when a value is not one kept (the chunk is then not cached)."""
    from geo.pipeline.piececodec import Parts, join_parts

    parts = Parts()
    try:
        head = parts.piece_head(piece)
    except (TypeError, ValueError) as exc:
        _log.info("a chunk's results are not cached (%s)", exc)
        return None
    parts.add(json.dumps(head).encode("ascii"))
    return join_parts(_MAGIC, parts.blobs)


def loads(blob: bytes) -> Piece:
    """What :func:`dumps` wrote."""
    from geo.pipeline.piececodec import Reader, split_parts

    parts = split_parts(blob, _MAGIC, "not a piece")
    return Reader(parts).piece()
