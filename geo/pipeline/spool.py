"""Extraction results spooled to disk as they come, doubling as the incremental cache.

A run never holds every document: each one is read, extracted, and its records (mentions,
events, front observations as rows already labelled with their administrative units, see
:mod:`geo.pipeline.rows`; never its text) are written to an SQLite file as one JSON payload
keyed by the document's **content hash** (:func:`doc_key`). The run's own order is a list of keys
in a temporary table; later stages read the payloads back in chunks whose ends depend on the keys
(:meth:`Spool.key_chunks`, :meth:`Spool.payloads`). Beside the payloads the file keeps what the run
summary counts of each document (``counts``), the results of later stages (``stages``,
:mod:`geo.pipeline.stagecache`) and of each chunk of the joins (``pieces``, :mod:`geo.pipeline.pieces`).

Kept in the output folder (``<out>/.conflictmap-cache.sqlite``), the same file is the cache of
the next run: a document whose key is already there is not extracted again. The cache is
emptied when its **fingerprint** changes: the gazetteer's data (:func:`gazetteer_fingerprint`),
the extraction rules (:data:`RULES_VERSION`, bumped by hand when rules change, and a hash of the
extraction modules' source, :func:`rules_fingerprint`), the boundary files or the spaCy option.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from geo.model import Document

__all__ = [
    "CACHE_NAME",
    "RULES_VERSION",
    "Spool",
    "chunk_end",
    "doc_key",
    "from_payload",
    "gazetteer_fingerprint",
    "hash_files",
    "rules_fingerprint",
    "run_fingerprint",
    "to_payload",
]  # fmt: skip

#: File name of the cache in an output folder (hidden: never part of the committed output set).
CACHE_NAME = ".conflictmap-cache.sqlite"

#: Bump when the extraction rules change in a way the module hash below would not show
#: (data tables read by the rules, for instance).
RULES_VERSION = 2  # 2: payloads hold layer rows with their administrative labels

#: Modules whose source decides what a document extracts to.
_RULE_MODULES = ("model.py", "kinds.py", "pipeline/rows.py", "spatial/pointjoin.py")
#: Folders of language data the rules read (every file in them counts).
_RULE_FOLDERS = ("extract", "lang")


def doc_key(doc: Document) -> str:
    """Content hash of a document as read: text, date, identity and provenance (SHA-256, hex)."""
    parts = [doc.id, doc.source, doc.date, doc.date_precision, doc.title, doc.url, doc.text]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def chunk_end(key: str, modulus: int) -> bool:
    """Whether a chunk of the joins may end after the document of ``key`` (one key in ``modulus``)."""
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % modulus == 0


def to_payload(doc: Document) -> str:
    """The extracted records of ``doc`` as JSON (no text): its layer rows, labelled (:mod:`geo.pipeline.rows`)."""
    from geo.pipeline.rows import payload_of

    return payload_of(doc)


def from_payload(payload: str) -> Document:
    """A :class:`Document` (empty text) from :func:`to_payload`'s JSON."""
    from geo.pipeline.rows import document_of

    return document_of(json.loads(payload))


@lru_cache(maxsize=1)
def rules_fingerprint() -> str:
    """:data:`RULES_VERSION` and a hash of the extraction modules' source."""
    h = hashlib.sha256(f"rules {RULES_VERSION}".encode())
    base = resources.files("geo")
    for name in _RULE_MODULES:
        res = base.joinpath(*name.split("/"))
        h.update(name.encode())
        h.update(res.read_bytes())  # a missing module fails loudly: the fingerprint must cover the rules
    for folder in _RULE_FOLDERS:  # the language tables (geo/lang/fr/...)
        root = Path(str(base / folder))
        hash_files(h, root, [path for path in (sorted(root.rglob("*")) if root.is_dir() else ())
                             if path.is_file() and path.suffix in (".py", ".csv", ".json", ".txt")])  # fmt: skip
    return h.hexdigest()[:16]


def hash_files(h: Any, root: Path, files: Iterable[Path]) -> None:
    """Feed ``h`` (a hashlib object) each file's path relative to ``root`` and its bytes, in the order given:
    the source digests of the cache's keys (the rules, the control stage's code, the joins' pieces)."""
    for path in files:
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())


def gazetteer_fingerprint(gazetteer: Any) -> str:
    """Hash of a gazetteer's data: threshold, sources and every place (id, names, point, kind, governorate)."""
    cached = getattr(gazetteer, "_conflictmap_fingerprint", None)
    if cached is not None:
        return str(cached)
    h = hashlib.sha256()
    names = [s.name for s in getattr(gazetteer, "sources", ())]
    h.update(repr((getattr(gazetteer, "threshold", None), names)).encode())
    index = getattr(gazetteer, "_index", None)
    for p in getattr(index, "places", ()):
        h.update(repr((p.id, p.name, p.lat, p.lon, p.kind, p.adm1_pcode, sorted(p.names))).encode("utf-8"))
    value = h.hexdigest()[:16]
    with contextlib.suppress(AttributeError):  # a slotted gazetteer keeps no fingerprint
        gazetteer._conflictmap_fingerprint = value
    return value


def run_fingerprint(gazetteer: Any, *, use_spacy: bool) -> str:
    """What the cached results depend on: rules, gazetteer data, boundary files (the labels), spaCy option."""
    from geo.spatial.pointjoin import boundary_fingerprint

    return (f"rules={rules_fingerprint()};gazetteer={gazetteer_fingerprint(gazetteer)};"
            f"boundaries={boundary_fingerprint()};spacy={int(use_spacy)}")


class Spool:
    """Extracted documents on disk (SQLite), in the order of the run.

    Parameters
    ----------
    path
        The SQLite file (created if needed).
    fingerprint
        :func:`run_fingerprint`; a file holding another fingerprint is emptied first.
    keep_pieces
        The file is the run's cache: the joins keep each chunk's results in it and read them back
        (:mod:`geo.pipeline.pieces`).
    """

    def __init__(self, path: str | Path, fingerprint: str, *, keep_pieces: bool = False) -> None:
        self.path = Path(path)
        self.fingerprint = fingerprint
        self.keeps_pieces = keep_pieces
        self.invalidated = False
        self._con = sqlite3.connect(self.path, isolation_level=None)
        con = self._con
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        con.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        con.execute("CREATE TABLE IF NOT EXISTS docs (key TEXT PRIMARY KEY, payload TEXT NOT NULL)")
        con.execute("CREATE TABLE IF NOT EXISTS stages (name TEXT PRIMARY KEY, key TEXT NOT NULL, blob BLOB NOT NULL)")
        con.execute("CREATE TABLE IF NOT EXISTS pieces (key TEXT PRIMARY KEY, blob BLOB NOT NULL)")
        con.execute("CREATE TABLE IF NOT EXISTS counts (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        con.execute("CREATE TEMP TABLE run (seq INTEGER PRIMARY KEY, key TEXT NOT NULL)")
        row = con.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        if row is None or row[0] != fingerprint:
            self.invalidated = row is not None
            con.execute("BEGIN")
            con.execute("DELETE FROM docs")
            con.execute("DELETE FROM stages")
            con.execute("DELETE FROM pieces")
            con.execute("DELETE FROM counts")
            con.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (fingerprint,))
            con.execute("COMMIT")
        con.execute("BEGIN")
        self._pending = 0
        self.count = 0
        #: Adds more documents when :meth:`chunks` has read all (False: there are no more), for an
        #: engine still extracting while the joins read (the Dask engine); None: all are there.
        self.more: Callable[[], bool] | None = None

    def get(self, key: str) -> str | None:
        """The cached payload of a document key, or None."""
        row = self._con.execute("SELECT payload FROM docs WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def counts(self, key: str) -> str | None:
        """What the run summary counts of a cached document (:meth:`put_counts`), or None."""
        row = self._con.execute("SELECT c.value FROM counts c WHERE c.key = ? AND EXISTS "
                                "(SELECT 1 FROM docs d WHERE d.key = c.key)", (key,)).fetchone()  # fmt: skip
        return row[0] if row else None

    def put_counts(self, key: str, value: str) -> None:
        """Keep what the run summary counts of a document (JSON), so that a re-run need not read its payload."""
        self._con.execute("INSERT OR REPLACE INTO counts VALUES (?, ?)", (key, value))

    def known(self, keys: list[str]) -> set[str]:
        """The keys among ``keys`` already cached."""
        found: set[str] = set()
        for i in range(0, len(keys), 500):
            part = keys[i : i + 500]
            marks = ",".join("?" * len(part))
            found.update(r[0] for r in self._con.execute(f"SELECT key FROM docs WHERE key IN ({marks})", part))
        return found

    def stage(self, name: str, key: str) -> bytes | None:
        """What stage ``name`` stored for the inputs hashed as ``key`` (:mod:`geo.pipeline.stagecache`), or None."""
        row = self._con.execute("SELECT blob FROM stages WHERE name = ? AND key = ?", (name, key)).fetchone()
        return bytes(row[0]) if row else None

    def put_stage(self, name: str, key: str, blob: bytes) -> None:
        """Keep stage ``name``'s result for the inputs hashed as ``key`` (replacing the previous one)."""
        self._con.execute("INSERT OR REPLACE INTO stages VALUES (?, ?, ?)", (name, key, blob))
        self.flush()

    def piece(self, key: str) -> bytes | None:
        """The joins' results kept for a chunk hashed as ``key`` (:mod:`geo.pipeline.pieces`), or None."""
        row = self._con.execute("SELECT blob FROM pieces WHERE key = ?", (key,)).fetchone()
        return bytes(row[0]) if row else None

    def put_piece(self, key: str, blob: bytes) -> None:
        """Keep a chunk's results under ``key``."""
        self._con.execute("INSERT OR REPLACE INTO pieces VALUES (?, ?)", (key, blob))
        self.flush()

    def keep_pieces(self, keys: Collection[str]) -> None:
        """Drop the kept chunk results other than ``keys`` (those of this run): the cache holds one run's."""
        self.flush()
        self._con.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
        self._con.execute("DELETE FROM temp.used")
        self._con.executemany("INSERT OR IGNORE INTO temp.used VALUES (?)", [(k,) for k in keys])
        self._con.execute("DELETE FROM pieces WHERE key NOT IN (SELECT key FROM temp.used)")
        self.flush()

    def add(self, key: str, payload: str | None) -> None:
        """Record a document of this run (``payload`` None: already cached under ``key``)."""
        if payload is not None:
            self._con.execute("INSERT OR REPLACE INTO docs VALUES (?, ?)", (key, payload))
        self._con.execute("INSERT INTO run (key) VALUES (?)", (key,))
        self.count += 1
        self._pending += 1
        if self._pending >= 500:
            self.flush()

    def add_partial(self, path: str | Path) -> int:
        """Append a partial file's documents in its order (SQLite ``ATTACH`` + ``INSERT ... SELECT``).

        The file holds a table ``docs (seq, key, payload)``; ``payload`` is NULL for a document
        already cached under ``key``. Returns the number of documents added to the run.
        """
        con = self._con
        con.execute("COMMIT")  # ATTACH is refused inside a transaction
        con.execute("ATTACH DATABASE ? AS part", (str(path),))
        try:
            con.execute("BEGIN")
            con.execute("INSERT OR REPLACE INTO main.docs SELECT key, payload FROM part.docs"
                        " WHERE payload IS NOT NULL ORDER BY seq")  # fmt: skip
            added = con.execute("INSERT INTO temp.run (key) SELECT key FROM part.docs ORDER BY seq").rowcount
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        finally:
            con.execute("DETACH DATABASE part")
            con.execute("BEGIN")
            self._pending = 0
        self.count += added
        return int(added)

    def flush(self) -> None:
        """Commit what was added (the cache survives a run that fails later)."""
        self._con.execute("COMMIT")
        self._con.execute("BEGIN")
        self._pending = 0

    def key_chunks(self, size: int) -> Iterator[list[tuple[int, str]]]:
        """The run's ``(seq, key)`` in run order, in chunks whose ends depend on the keys (at most ``size``).

        A chunk ends after a document whose key hits :func:`chunk_end` once it holds half of ``size``,
        or at ``size`` documents: one document added or removed changes the chunk it falls in (and
        seldom the next), not every later one as fixed runs of ``size`` would.
        """
        self.flush()
        last = 0
        while True:
            while self.more is not None and self.count - last < size:  # seq runs 1..count
                if not self.more():
                    self.more = None
            rows = self._con.execute("SELECT seq, key FROM run WHERE seq > ? ORDER BY seq LIMIT ?",
                                     (last, size)).fetchall()  # fmt: skip
            if not rows:
                return
            least, modulus = max(1, size // 2), max(2, size // 4)
            cut = next((i + 1 for i in range(least - 1, len(rows)) if chunk_end(rows[i][1], modulus)), len(rows))
            last = rows[cut - 1][0]
            yield [(seq, key) for seq, key in rows[:cut]]

    def payloads(self, first: int, last: int) -> list[dict[str, Any]]:
        """The parsed payloads of the run's documents ``first`` to ``last`` (sequence numbers), in run order."""
        rows = self._con.execute(
            "SELECT d.payload FROM run r JOIN docs d ON d.key = r.key WHERE r.seq BETWEEN ? AND ? ORDER BY r.seq",
            (first, last),
        ).fetchall()
        return [json.loads(p) for (p,) in rows]

    def close(self) -> None:
        """Commit and close."""
        with contextlib.suppress(sqlite3.OperationalError):  # nothing to commit
            self._con.execute("COMMIT")
        self._con.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
