"""The main job: dispatches in, styled GeoPackage + interactive map + CSV out.

Data flow: read -> extract (one document at a time, :mod:`geo.pipeline.extraction`) into a spool ->
chunked joins (:mod:`geo.pipeline.joins`) -> aggregates and control snapshots -> GeoPackage / CSV /
GeoJSON / HTML map (:mod:`geo.pipeline.writing`). The checks before any extraction are in
:mod:`geo.pipeline.preflight`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gazetteer.errors import InputError
from geo.pipeline.extraction import extract_all, extract_to_spool, fail_on_reject
from geo.pipeline.preflight import Preflight, preflight, sample_inputs
from geo.pipeline.report import RunSummary
from geo.pipeline.writing import REJECTS_NAME, WriteOptions, write_or_explain, write_rejects

if TYPE_CHECKING:  # pragma: no cover
    from gazetteer.resolver import Gazetteer
    from geo.pipeline.spool import Spool
    from geo.write.outputs import OutputSet

__all__ = [
    "REJECTS_NAME",
    "Preflight",
    "RunSummary",
    "extract_all",
    "preflight",
    "run",
    "sample_inputs",
    "write_rejects",
]

_log = logging.getLogger("conflictmap")

#: What each output file is called in the run summary.
_OUTPUT_NAMES = {"events.gpkg": "GeoPackage (open in QGIS)", "events.csv": "CSV", "events.geojson": "GeoJSON",
                 "map.html": "map", REJECTS_NAME: "rejected inputs", "events_acled.csv": "ACLED-style CSV"}


def run(
    inputs: str | Path | Sequence[str | Path],
    out_dir: str | Path,
    *,
    offline: bool = False,
    geojson: bool = False,
    baseline: str | Path | None = None,
    dates: Sequence[str] | None = None,
    step: str | None = None,
    title: str | None = None,
    gazetteer: Gazetteer | None = None,
    use_spacy: bool = False,
    progress: bool = False,
    strict: bool = False,
    tiles: str | None = None,
    cache: bool = True,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    chunk_size: int | None = None,
) -> RunSummary:
    """Run the whole job and write ``events.gpkg``, ``map.html``, ``events.csv`` (and ``events.geojson``).

    Documents stream through extraction into a spool on disk (:mod:`geo.pipeline.spool`); joins,
    aggregates and writers then work ``chunk_size`` documents at a time, so memory holds the
    output tables, not the corpus.

    Parameters
    ----------
    inputs
        Dispatch files or folders (see :func:`geo.read.read_dispatches`).
    out_dir
        Output folder, created if needed.
    offline
        Write a self-contained HTML map (no tiles, no CDN).
    geojson
        Also write ``events.geojson``.
    baseline
        Known control data (CSV or GeoPackage) that dispatches update.
    dates, step
        Snapshot dates (``YYYY-MM-DD``) or a step (``"7D"``, ``"1M"``) for control areas and front
        lines; by default at most :data:`geo.spatial.control.MAX_SNAPSHOTS` dates.
    title
        Map title; default gives the date range.
    gazetteer
        A :class:`gazetteer.Gazetteer`; default the shared instance.
    use_spacy
        Add spaCy candidates.
    progress
        Progress bars on stderr (when it is a terminal).
    strict
        Any rejected input stops the run before anything is written.
    tiles
        ``"osm"``: online OpenStreetMap tiles over the offline basemap (ignored when ``offline``).
    cache
        Keep extraction results in ``<out>/.conflictmap-cache.sqlite`` and reuse them for documents
        whose content hash is there (invalidated by a change of gazetteer data or rules); the joins'
        results of each chunk are kept there too and reused for a chunk of the same documents
        (:mod:`geo.pipeline.pieces`).
    engine
        ``"local"`` (one process) or ``"dask"`` (partitions of files on a Dask cluster).
    scheduler, workers
        Dask only: scheduler address (default: a ``distributed.LocalCluster``) and its number of
        worker processes.
    chunk_size
        At most this many documents per chunk in the joins and writers, at least half as many (the
        ends depend on the documents' keys); default ``gazetteer.settings.chunk_size``, read at call time.

    Returns
    -------
    RunSummary
        Counts, skipped documents, stage times and output paths.
    """
    from geo.write.outputs import OutputSet

    _check_engine(engine, scheduler, workers)
    if gazetteer is None:
        from gazetteer.resolver import Gazetteer

        gazetteer = Gazetteer.default()
    checked = preflight(out_dir, baseline=baseline, step=step, dates=dates, gazetteer=gazetteer)
    summary = RunSummary()
    options = WriteOptions(offline=offline and tiles is None, tiles=tiles, geojson=geojson, baseline=baseline,
                           dates=dates, step=step, title=title, gazetteer=gazetteer, progress=progress,
                           chunk_size=_chunk_size(chunk_size), table=checked.control)  # fmt: skip
    extraction = _Extraction(inputs, gazetteer, use_spacy=use_spacy, progress=progress, strict=strict,
                             engine=engine, scheduler=scheduler, workers=workers)  # fmt: skip
    try:
        with OutputSet(checked.out) as outputs:  # takes the folder's lock before any work
            _extract_and_write(outputs, extraction, summary, options, cache=cache)
            for path in outputs.commit():
                summary.outputs[_OUTPUT_NAMES.get(path.name, path.name)] = path
    except BaseException:
        checked.discard()  # a folder made by this run and holding nothing goes away again
        raise
    return summary


def _chunk_size(chunk_size: int | None) -> int:
    """``chunk_size``, or the user's setting ``gazetteer.settings.chunk_size`` (read now)."""
    if chunk_size is not None:
        return chunk_size
    from gazetteer import settings

    return settings.chunk_size


def _check_engine(engine: str, scheduler: str | None, workers: int | None) -> None:
    if engine not in ("local", "dask"):
        raise InputError(f"unknown engine {engine!r}; expected 'local' or 'dask'")
    if engine == "local" and (scheduler is not None or workers is not None):
        raise InputError("--scheduler and --workers need --engine dask")


@dataclass(frozen=True)
class _Extraction:
    """How a run extracts: its inputs, gazetteer and engine."""

    inputs: str | Path | Sequence[str | Path]
    gazetteer: Gazetteer
    use_spacy: bool
    progress: bool
    strict: bool
    engine: str
    scheduler: str | None
    workers: int | None

    def into(self, spool: Spool, summary: RunSummary, running: contextlib.ExitStack) -> None:
        """Extract every input into ``spool`` (with the local or the Dask engine).

        The Dask engine may go on extracting while the joins read the spool (not with ``strict``):
        ``running`` stops its cluster when the run ends.
        """
        if self.engine == "dask":
            from geo.pipeline.dask_engine import extract_with_dask

            extract_with_dask(self.inputs, spool, summary, gazetteer=self.gazetteer, use_spacy=self.use_spacy,
                              scheduler=self.scheduler, workers=self.workers, progress=self.progress,
                              running=None if self.strict else running)  # fmt: skip
        else:
            extract_to_spool(self.inputs, spool, summary, gazetteer=self.gazetteer, use_spacy=self.use_spacy,
                             progress=self.progress, strict=self.strict)  # fmt: skip


def _extract_and_write(outputs: OutputSet, extraction: _Extraction, summary: RunSummary, options: WriteOptions,
                       *, cache: bool) -> None:
    """Extract into the spool (the cache, or a spool in the staging folder), then write every output."""
    from geo.pipeline.spool import CACHE_NAME, Spool, run_fingerprint

    assert outputs.staging is not None
    spool_path = outputs.out / CACHE_NAME if cache else outputs.staging / ".spool.sqlite"
    fingerprint = run_fingerprint(extraction.gazetteer, use_spacy=extraction.use_spacy)
    with (Spool(spool_path, fingerprint, keep_pieces=cache) as spool,
          contextlib.ExitStack() as running):
        if spool.invalidated:
            _log.info("the cache of %s was made with other rules or gazetteer data: emptied", outputs.out)
        with summary.stage("extraction"):
            extraction.into(spool, summary, running)
        if extraction.strict:
            fail_on_reject(summary.errors)
        if summary.documents == 0:
            raise InputError(
                f"nothing processed: no document accepted ({len(summary.errors)} input(s) rejected); "
                f"previous outputs in {str(outputs.out)!r} left untouched"
            )
        with _frozen_heap():
            write_or_explain(outputs, spool, summary, options)


@contextlib.contextmanager
def _frozen_heap() -> Iterator[None]:
    """The objects alive now (gazetteer, boundaries, modules) left out of the cyclic garbage collector's
    scans until the block ends (``gc.freeze``): the joins' collections per chunk and the collector's own
    full passes then look only at what the later stages make."""
    import gc

    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
