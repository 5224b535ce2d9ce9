"""The Dask engine of ``conflictmap run --engine dask``: extraction over partitions of files.

The input files (folders walked as :func:`geo.read.reader.read_dispatches` walks them) are cut into
contiguous partitions of a ``dask.bag``; each partition is read and extracted on a worker, which
builds its gazetteer once (one per worker process, kept between tasks) and skips documents already
in the output folder's cache. A partition writes its results to a partial SQLite file next to the
spool; the driver merges the partial files into the run's spool in file order, so the joins,
aggregates and writers that follow are those of the local engine and the outputs are the same.

Without a scheduler address a :class:`distributed.LocalCluster` of worker processes starts (and
stops at the end of the run). With an address the workers must see the same file system as the
driver (the inputs and the output folder).

Dask is imported here only: the local engine never imports it.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geo.pipeline.report import RunSummary

__all__ = ["extract_with_dask", "partition_files"]

#: Partitions per worker: enough to balance uneven files, few enough to keep the overhead small.
PARTITIONS_PER_WORKER = 4

#: Gazetteers built on this worker process, by spec (each worker builds its gazetteer once).
_GAZETTEERS: dict[str, Any] = {}


def partition_files(inputs: str | Path | Iterable[str | Path], n_partitions: int) -> list[list[tuple[int, str]]]:
    """Expand ``inputs`` to files and cut them into at most ``n_partitions`` contiguous groups.

    Returns
    -------
    list of list of (index, path)
        ``index`` is the file's position in reading order.

    Raises
    ------
    InputError
        An input does not exist, or is standard input (``-``), which cannot be partitioned.
    """
    from gazetteer.errors import InputError
    from geo.read.files import walk

    items = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    files: list[str] = []
    for item in items:
        if str(item) == "-":
            raise InputError("--engine dask reads files and folders, not standard input ('-')")
        p = Path(item)
        if not p.exists():
            raise InputError(f"Input not found: {str(item)!r}")
        files.extend(str(f) for f in (walk(p) if p.is_dir() else [p]))
    indexed = list(enumerate(files))
    if not indexed:
        return []
    n = max(1, min(n_partitions, len(indexed)))
    size, extra = divmod(len(indexed), n)
    groups, start = [], 0
    for i in range(n):
        end = start + size + (i < extra)
        groups.append(indexed[start:end])
        start = end
    return groups


def extract_with_dask(
    inputs: Any,
    spool: Any,
    summary: RunSummary,
    *,
    gazetteer: Any,
    use_spacy: bool,
    scheduler: str | None,
    workers: int | None,
    progress: bool,
) -> None:
    """Extract ``inputs`` on a Dask cluster and merge the results into ``spool`` (in reading order)."""
    from gazetteer.errors import MissingDependencyError

    try:
        import dask.bag as db
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise MissingDependencyError(
            f"--engine dask needs Dask and distributed ({exc}); install them with: pip install 'conflictmap[dask]'"
        ) from exc
    from geo.pipeline.progress import progress_bar as _bar

    spec = _gazetteer_spec(gazetteer)
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)  # type: ignore[no-untyped-call]  # dask is untyped
    client = Client(cluster if cluster is not None else scheduler)  # type: ignore[no-untyped-call]
    partial_dir = Path(tempfile.mkdtemp(prefix=".conflictmap-parts-", dir=spool.path.parent))
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or (workers or 2))
        groups = partition_files(inputs, n_workers * PARTITIONS_PER_WORKER)
        if not groups:
            return
        spool.flush()  # the workers read the cache: it must hold what was committed
        bag = db.from_sequence(groups, npartitions=len(groups))  # type: ignore[no-untyped-call]
        parts = bag.map_partitions(
            _extract_partition, cache_path=str(spool.path), fingerprint=spool.fingerprint,
            partial_dir=str(partial_dir), use_spacy=use_spacy, spec=spec,
        ).to_delayed()
        futures = client.compute(parts)  # type: ignore[no-untyped-call]
        results: list[dict[str, Any]] = []
        with _bar(progress, desc="extract (dask)", unit="partition", total=len(futures)) as bar:
            for future in as_completed(futures):  # type: ignore[no-untyped-call]
                results.extend(future.result())
                bar.update()
        for res in sorted(results, key=lambda r: r["part"]):
            _merge(res, spool, summary)
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()
        shutil.rmtree(partial_dir, ignore_errors=True)


def _merge(res: dict[str, Any], spool: Any, summary: RunSummary) -> None:
    """Add one partition's partial results to the spool and the summary."""
    from geo.pipeline.spool import from_payload
    from geo.read.reader import ReadError

    con = sqlite3.connect(res["path"])
    try:
        for key, payload in con.execute("SELECT key, payload FROM docs ORDER BY seq"):
            if payload is None:
                cached = spool.get(key)
                spool.add(key, None)
                summary.cached += 1
            else:
                cached = payload
                spool.add(key, payload)
                summary.extracted += 1
            summary.add(from_payload(cached))
    finally:
        con.close()
    for source, line, reason in res["errors"]:
        summary.errors.append(ReadError(source=source, line=line, reason=reason))


def _extract_partition(
    groups: list[list[tuple[int, str]]], *, cache_path: str, fingerprint: str, partial_dir: str, use_spacy: bool,
    spec: str | None,
) -> list[dict[str, Any]]:
    """Worker side: read and extract one partition's files (groups of ``(index, path)``) into a partial SQLite file."""
    from geo.extract.document import extract_or_report
    from geo.pipeline.spool import doc_key, to_payload
    from geo.read.reader import read_dispatches

    group = [item for g in groups for item in g]
    if not group:
        return []
    part = group[0][0]
    gazetteer = _worker_gazetteer(spec)
    cache = _open_cache(cache_path, fingerprint)
    errors: list[Any] = []
    path = Path(partial_dir) / f"part-{part:07d}.sqlite"
    con = sqlite3.connect(path)
    try:
        con.execute("CREATE TABLE docs (seq INTEGER PRIMARY KEY, key TEXT NOT NULL, payload TEXT)")
        for doc in read_dispatches([f for _, f in group], errors=errors):
            key = doc_key(doc)
            if cache is not None and cache.execute("SELECT 1 FROM docs WHERE key = ?", (key,)).fetchone():
                con.execute("INSERT INTO docs (key, payload) VALUES (?, NULL)", (key,))
            elif extract_or_report(doc, gazetteer, errors=errors, use_spacy=use_spacy):
                doc.text = ""
                con.execute("INSERT INTO docs (key, payload) VALUES (?, ?)", (key, to_payload(doc)))
        con.commit()
    finally:
        con.close()
        if cache is not None:
            cache.close()
    return [{"part": part, "path": str(path), "errors": [(e.source, e.line, e.reason) for e in errors]}]


def _open_cache(path: str, fingerprint: str) -> sqlite3.Connection | None:
    """The run's spool, read-only, when it holds results of the same fingerprint."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        row = con.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
    except sqlite3.Error:
        return None
    if row is None or row[0] != fingerprint:
        con.close()
        return None
    return con


def _gazetteer_spec(gazetteer: Any) -> str | None:
    """How a worker rebuilds the driver's gazetteer: None for the default one, else sources, CSV and threshold."""
    from gazetteer.errors import InputError
    from gazetteer.resolver import Gazetteer

    if gazetteer is None or gazetteer is Gazetteer._default:
        return None
    sources, csv = [], None
    for src in getattr(gazetteer, "sources", ()):
        if src.name == "csv":
            csv = str(getattr(src, "path", "") or "") or None
            if csv is None:
                raise InputError("--engine dask: cannot rebuild the user CSV source on the workers (no path)")
        else:
            sources.append(src.name)
    return json.dumps({"sources": sources, "csv": csv, "threshold": gazetteer.threshold})


def _worker_gazetteer(spec: str | None) -> Any:
    from gazetteer.resolver import Gazetteer

    if spec is None:
        return Gazetteer.default()
    if spec not in _GAZETTEERS:
        d = json.loads(spec)
        online = "nominatim" in d["sources"]
        sources = [s for s in d["sources"] if s != "nominatim"]
        _GAZETTEERS[spec] = Gazetteer(sources, threshold=d["threshold"], csv=d["csv"], online=online)
    return _GAZETTEERS[spec]
