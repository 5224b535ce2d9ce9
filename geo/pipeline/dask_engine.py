"""The Dask engine of ``conflictmap run --engine dask``: extraction over partitions of files.

The input files (folders walked as :func:`geo.read.reader.read_dispatches` walks them) are cut into
contiguous partitions, one task each (``Client.map``); each partition is read and extracted on a
worker, which builds its gazetteer once (one per worker process, kept between tasks) and skips
documents already in the output folder's cache. A partition writes its results to a partial SQLite
file next to the spool and returns its counts (a :class:`RunSummary`); the driver merges each partial
file into the run's spool with SQLite (``ATTACH`` + ``INSERT ... SELECT``, no payload parsed in
Python) in file order. The run's joins start as soon as a first document is merged and take the
next partitions as they reach them (:attr:`geo.pipeline.spool.Spool.more`), so the driver joins
while the workers extract (the ``joins`` stage time then includes waiting for the workers); with
``--strict`` every partition is merged first. The joins, aggregates and writers are those of the
local engine and the outputs are the same.

Without a scheduler address a :class:`distributed.LocalCluster` of worker processes starts (and
stops at the end of the run). With an address the workers must see the same file system as the
driver (the inputs and the output folder).

Dask is imported here only: the local engine never imports it.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geo.pipeline.report import RunSummary

__all__ = ["extract_with_dask", "partition_files"]

#: Partitions per worker at least: enough to balance uneven files.
PARTITIONS_PER_WORKER = 4

#: Files per partition at most: small partitions keep the last one short (the other worker would
#: wait for it) and let the driver merge while the workers extract; a partition costs a task and a
#: partial file, a few milliseconds.
FILES_PER_PARTITION = 200

#: Dask settings of the LocalCluster: no sampling profiler (a stack sample every 10 ms in each
#: worker), no GIL or frequent system monitoring, no work stealing (the partitions are alike and
#: queued on the scheduler): CPU the workers spend on extraction instead.
QUIET_CLUSTER: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing": False,
}

#: Gazetteers built on this worker process, by spec (each worker builds its gazetteer once).
_GAZETTEERS: dict[str, Any] = {}


def partition_files(
    inputs: str | Path | Iterable[str | Path], n_partitions: int, *, per_partition: int | None = None,
) -> list[list[tuple[int, str]]]:
    """Expand ``inputs`` to files and cut them into ``n_partitions`` contiguous groups (fewer if fewer files).

    With ``per_partition``, more groups when needed so that none holds more than that many files.

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
    n = max(n_partitions, -(-len(indexed) // per_partition)) if per_partition else n_partitions
    n = max(1, min(n, len(indexed)))
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
    running: contextlib.ExitStack | None = None,
) -> None:
    """Extract ``inputs`` on a Dask cluster and merge the results into ``spool`` (in reading order).

    Without ``running``, every partition is merged before this returns. With it (the run's exit
    stack), this returns once a first document is merged and leaves the rest to the spool's
    :attr:`~geo.pipeline.spool.Spool.more`: the joins take each partition when they reach it, so the
    driver joins while the workers extract. The cluster then stops after the last partition (or
    when ``running`` closes, on an error).
    """
    from gazetteer.errors import MissingDependencyError

    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise MissingDependencyError(
            f"--engine dask needs Dask and distributed ({exc}); install them with: pip install 'conflictmap[dask]'"
        ) from exc
    from geo.pipeline.progress import progress_bar

    spec = _gazetteer_spec(gazetteer)
    with contextlib.ExitStack() as stack:  # closed in reverse: the client, the cluster, then the partial files
        partial_dir = Path(tempfile.mkdtemp(prefix=".conflictmap-parts-", dir=spool.path.parent))
        stack.callback(shutil.rmtree, partial_dir, ignore_errors=True)
        if scheduler is None:
            with dask.config.set(QUIET_CLUSTER):  # the nannies pass it on to the workers
                cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)  # type: ignore[no-untyped-call]  # dask is untyped
            stack.callback(cluster.close)
        client = Client(cluster if scheduler is None else scheduler)  # type: ignore[no-untyped-call]
        stack.callback(client.close)
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or (workers or 2))
        groups = partition_files(inputs, n_workers * PARTITIONS_PER_WORKER, per_partition=FILES_PER_PARTITION)
        if not groups:
            return
        spool.flush()  # the workers read the cache: it must hold what was committed
        futures = client.map(
            _extract_partition, groups, pure=False, cache_path=str(spool.path), fingerprint=spool.fingerprint,
            partial_dir=str(partial_dir), use_spacy=use_spacy, spec=spec,
        )
        bar = stack.enter_context(progress_bar(progress, desc="extract (dask)", unit="doc"))
        feeder = _Feeder(futures, spool, summary, bar)
        while (running is None or summary.documents == 0) and feeder():
            pass
        if running is not None and feeder.left:
            feeder.on_end = running.enter_context(stack.pop_all()).close
            spool.more = feeder


class _Feeder:
    """Merges the partitions into the spool one at a time, in file order, waiting for each."""

    def __init__(self, futures: list[Any], spool: Any, summary: RunSummary, bar: Any) -> None:
        self.futures: list[Any] = list(futures)
        self.spool, self.summary, self.bar = spool, summary, bar
        self.done = 0
        self.on_end: Any = None  # called once every partition is merged (stops the cluster)

    @property
    def left(self) -> int:
        """Partitions not merged yet."""
        return len(self.futures) - self.done

    def __call__(self) -> bool:
        """Merge the next partition; False when there is none left."""
        if not self.left:
            return False
        part = self.futures[self.done].result()
        self.futures[self.done] = None  # the scheduler can forget it
        self.done += 1
        if part:
            self.spool.add_partial(part["path"])
            _add_summary(self.summary, part["summary"])
            self.bar.update(part["summary"].documents)
        if not self.left and self.on_end is not None:
            self.on_end()
        return True


def _add_summary(summary: RunSummary, part: RunSummary) -> None:
    """Add a partition's counts to the run's (as :meth:`RunSummary.add` would have, document by document)."""
    summary.documents += part.documents
    summary.extracted += part.extracted
    summary.cached += part.cached
    summary.mentions += part.mentions
    summary.mentions_resolved += part.mentions_resolved
    summary.mentions_foreign += part.mentions_foreign
    summary.unresolved.update(part.unresolved)
    summary.events_by_kind.update(part.events_by_kind)
    for value in (part.date_min, part.date_max):
        if value:
            summary.date_min = min(summary.date_min or value, value)
            summary.date_max = max(summary.date_max or value, value)
    summary.errors.extend(part.errors)


def _extract_partition(
    group: list[tuple[int, str]], *, cache_path: str, fingerprint: str, partial_dir: str, use_spacy: bool,
    spec: str | None,
) -> dict[str, Any] | None:
    """Worker side: read and extract one partition's files (``(index, path)``) into a partial SQLite file.

    Returns the partial file's path and the partition's summary (counts and rejected inputs), so
    the driver parses no payload.
    """
    from geo.extract.document import extract_or_report
    from geo.pipeline.rows import counts_of
    from geo.pipeline.spool import doc_key, to_payload
    from geo.read.reader import read_dispatches

    if not group:
        return None
    gazetteer = _worker_gazetteer(spec)
    cache = _open_cache(cache_path, fingerprint)
    summary = RunSummary()
    path = Path(partial_dir) / f"part-{group[0][0]:07d}.sqlite"
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")  # a scratch file: the spool is what must survive
        con.execute("CREATE TABLE docs (seq INTEGER PRIMARY KEY, key TEXT NOT NULL, payload TEXT)")
        for doc in read_dispatches([f for _, f in group], errors=summary.errors):
            key = doc_key(doc)
            row = cache.execute("SELECT payload FROM docs WHERE key = ?", (key,)).fetchone() if cache else None
            if row is not None:
                con.execute("INSERT INTO docs (key, payload) VALUES (?, NULL)", (key,))
                summary.cached += 1
                summary.add_counts(*counts_of(row[0]))
            elif extract_or_report(doc, gazetteer, errors=summary.errors, use_spacy=use_spacy):
                doc.text = ""
                con.execute("INSERT INTO docs (key, payload) VALUES (?, ?)", (key, to_payload(doc)))
                summary.extracted += 1
                summary.add(doc)
        con.commit()
    finally:
        con.close()
        if cache is not None:
            cache.close()
    return {"path": str(path), "summary": summary}


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
