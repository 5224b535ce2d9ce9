"""The main job: dispatches in, styled GeoPackage + interactive map + CSV out.

Data flow: read -> extract (one document at a time) -> GeoDataFrames -> polygon join ->
aggregates and control snapshots -> GeoPackage / CSV / GeoJSON / HTML map.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from gazetteer.atomic import atomic_write_text
from gazetteer.errors import InputError
from geo.model import Document
from geo.pipeline.report import RunSummary

__all__ = ["CHUNK_SIZE", "REJECTS_NAME", "Preflight", "extract_all", "preflight", "run", "sample_inputs", "write_rejects"]

#: The table of rejected inputs written beside the outputs: ``file, line, reason``.
REJECTS_NAME = "rejects.csv"

_log = logging.getLogger("conflictmap")

#: Documents per chunk in the joins and writers of :func:`run`.
CHUNK_SIZE = 2000


def sample_inputs() -> tuple[Path, Path | None]:
    """Return the bundled sample dispatches folder and the sample control baseline (if shipped)."""
    base = Path(str(resources.files("geo") / "data"))
    baseline = base / "sample_baseline.csv"
    return base / "sample", (baseline if baseline.is_file() else None)


@dataclass
class Preflight:
    """What :func:`preflight` checked and loaded before any extraction."""

    out: Path
    control: Any = None  # the baseline's ControlTable, loaded once
    created: bool = False  # the output folder did not exist before

    def discard(self) -> None:
        """Remove the output folder again if this run created it and wrote nothing in it."""
        if self.created:
            from geo.pipeline.spool import CACHE_NAME
            from geo.write.outputs import LOCK_NAME

            ours = {LOCK_NAME, CACHE_NAME, CACHE_NAME + "-journal", CACHE_NAME + "-wal", CACHE_NAME + "-shm"}
            try:
                if {p.name for p in self.out.iterdir()} <= ours:  # only this run's bookkeeping: no output
                    for name in ours:
                        (self.out / name).unlink(missing_ok=True)
                self.out.rmdir()  # only when empty
            except OSError:
                pass


def preflight(
    out_dir: str | Path,
    *,
    baseline: str | Path | None = None,
    step: str | None = None,
    dates: Sequence[str] | None = None,
    gazetteer: Any = None,
) -> Preflight:
    """Check everything a run needs that does not depend on the dispatches, before extracting.

    The output folder is created if needed and must take a new file (a probe file is created
    and removed); the baseline is read whole (a bad controller or date stops here, naming the
    line); the snapshot step and dates are parsed.

    Raises
    ------
    InputError
        The output folder cannot be created or written to, or a step/date is malformed.
    DataError
        The baseline has an unusable row.
    """
    from geo.write.outputs import OutputSetError, check_out_dir

    out = Path(out_dir)
    created = not out.exists()
    try:
        check_out_dir(out)  # the one output-folder check (OutputSet.open repeats it for direct users)
    except OutputSetError as exc:
        raise InputError(str(exc)) from None
    if dates is not None and step is not None:
        raise InputError("give snapshot dates or a step, not both")
    from geo.spatial.control import parse_date, snapshot_dates

    if step is not None:
        import datetime as dt

        snapshot_dates([dt.date(2000, 1, 1), dt.date(2000, 1, 2)], step)  # raises on a bad step
    for d in dates or ():
        parse_date(d)
    control = None
    if baseline is not None:
        from geo.spatial.control import ControlTable

        try:
            control = ControlTable.from_baseline(baseline, gazetteer=gazetteer)
        except BaseException:
            Preflight(out, created=created).discard()
            raise
    return Preflight(out, control, created)


def write_rejects(path: str | Path, errors: Sequence[Any]) -> Path:
    """Write the rejected inputs as CSV ``file, line, reason`` (cells neutralised for spreadsheets)."""
    import csv
    import io

    from geo.write.csvsafe import safe_cell

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["file", "line", "reason"])
    for err in errors:
        line = getattr(err, "line", None)
        w.writerow([safe_cell(str(getattr(err, "source", "?"))), "" if line is None else line,
                    safe_cell(str(getattr(err, "reason", err)))])
    return atomic_write_text(path, buf.getvalue())


def extract_all(
    inputs: str | Path | Iterable[str | Path],
    *,
    gazetteer: Any = None,
    use_spacy: bool = False,
    progress: bool = False,
    summary: RunSummary | None = None,
    strict: bool = False,
) -> tuple[list[Document], RunSummary]:
    """Extract every document, streaming, and keep only the extracted records (not the text).

    Parameters
    ----------
    inputs
        Files, folders, JSONL/CSV/HTML, as :func:`geo.read.reader.read_dispatches` accepts.
    gazetteer
        A :class:`gazetteer.Gazetteer` (default: the shared default instance).
    use_spacy
        Add spaCy candidates (needs the ``nlp`` extra).
    progress
        Show a progress bar on stderr when it is a terminal.
    summary
        A summary to add to (a new one by default).
    strict
        Stop at the first rejected input with an :class:`~gazetteer.errors.InputError` naming it.

    Returns
    -------
    (documents, summary)
        Documents with ``text`` emptied (the events keep their evidence sentences).
    """
    from geo.extract.document import extract

    summary = summary or RunSummary()
    stream: Iterable[Document] = extract(inputs, gazetteer=gazetteer, errors=summary.errors, use_spacy=use_spacy)
    if progress and sys.stderr.isatty():
        from tqdm import tqdm

        stream = tqdm(stream, unit="doc", desc="extract", file=sys.stderr, leave=False)
    docs: list[Document] = []
    for doc in stream:
        if strict:
            _fail_on_reject(summary.errors)
        summary.add(doc)
        doc.text = ""
        docs.append(doc)
    if strict:
        _fail_on_reject(summary.errors)
    return docs, summary


def _fail_on_reject(errors: Sequence[Any]) -> None:
    if errors:
        raise InputError(f"--strict: input rejected: {errors[0]}; nothing written")


def _geojson_text(gdf: Any) -> str:
    """Located rows as GeoJSON, dates written as ISO strings."""
    located = gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty].copy()
    for col in located.columns:
        if col != "geometry" and str(located[col].dtype).startswith("datetime"):
            located[col] = located[col].dt.strftime("%Y-%m-%d").astype(object).where(located[col].notna(), None)
    return located.to_json(na="null", drop_id=True, to_wgs84=True)


def _table_csv(gdf: Any, *, header: bool = True) -> str:
    """The table as CSV for spreadsheets (UTF-8 with BOM, formula-like cells neutralised); ``header=False``
    gives the rows of a later chunk (no header, no BOM)."""
    from geo.write.acled import csv_text

    frame = gdf.drop(columns=[c for c in ("geometry",) if c in gdf.columns])
    return csv_text(frame, header=header)


def _bar(progress: bool, **kwargs: Any) -> Any:
    """A tqdm bar on stderr when ``progress`` and stderr is a terminal (a no-op bar otherwise)."""
    from tqdm import tqdm

    return tqdm(file=sys.stderr, leave=False, disable=not (progress and sys.stderr.isatty()), **kwargs)


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
    gazetteer: Any = None,
    use_spacy: bool = False,
    progress: bool = False,
    strict: bool = False,
    tiles: str | None = None,
    cache: bool = True,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> RunSummary:
    """Run the whole job and write ``events.gpkg``, ``map.html``, ``events.csv`` (and ``events.geojson``).

    Documents stream through extraction into a spool on disk (:mod:`geo.pipeline.spool`); joins,
    aggregates and writers then work ``chunk_size`` documents at a time, so memory holds the
    output tables, not the corpus.

    Parameters
    ----------
    inputs
        Dispatch files or folders (see :func:`geo.read.reader.read_dispatches`).
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
        whose content hash is there (invalidated by a change of gazetteer data or rules).
    engine
        ``"local"`` (one process) or ``"dask"`` (partitions of files on a Dask cluster).
    scheduler, workers
        Dask only: scheduler address (default: a ``distributed.LocalCluster``) and its number of
        worker processes.
    chunk_size
        Documents per chunk in the joins and writers.

    Returns
    -------
    RunSummary
        Counts, skipped documents, stage times and output paths.
    """
    from geo.pipeline.spool import CACHE_NAME, Spool, run_fingerprint
    from geo.write.outputs import OutputSet

    if engine not in ("local", "dask"):
        raise InputError(f"unknown engine {engine!r}; expected 'local' or 'dask'")
    if engine == "local" and (scheduler is not None or workers is not None):
        raise InputError("--scheduler and --workers need --engine dask")
    if gazetteer is None:
        from gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    checked = preflight(out_dir, baseline=baseline, step=step, dates=dates, gazetteer=gazetteer)
    summary = RunSummary()
    options = dict(offline=offline and tiles is None, tiles=tiles, geojson=geojson, baseline=baseline, dates=dates,
                   step=step, title=title, gazetteer=gazetteer, progress=progress, chunk_size=chunk_size,
                   table=checked.control)
    try:
        with OutputSet(checked.out) as outputs:  # takes the folder's lock before any work
            assert outputs.staging is not None
            spool_path = outputs.out / CACHE_NAME if cache else outputs.staging / ".spool.sqlite"
            with Spool(spool_path, run_fingerprint(gazetteer, use_spacy=use_spacy)) as spool:
                if spool.invalidated:
                    _log.info("the cache of %s was made with other rules or gazetteer data: emptied", outputs.out)
                with summary.stage("extraction"):
                    if engine == "dask":
                        from geo.pipeline.dask_engine import extract_with_dask

                        extract_with_dask(inputs, spool, summary, gazetteer=gazetteer, use_spacy=use_spacy,
                                          scheduler=scheduler, workers=workers, progress=progress)  # fmt: skip
                    else:
                        _extract_to_spool(inputs, spool, summary, gazetteer=gazetteer, use_spacy=use_spacy,
                                          progress=progress, strict=strict)  # fmt: skip
                if strict:
                    _fail_on_reject(summary.errors)
                if summary.documents == 0:
                    raise InputError(
                        f"nothing processed: no document accepted ({len(summary.errors)} input(s) rejected); "
                        f"previous outputs in {str(checked.out)!r} left untouched"
                    )
                _write_or_explain(outputs, spool, summary, options)
            names = {"events.gpkg": "GeoPackage (open in QGIS)", "events.csv": "CSV", "events.geojson": "GeoJSON",
                     "map.html": "map", REJECTS_NAME: "rejected inputs", "events_acled.csv": "ACLED-style CSV"}
            for path in outputs.commit():
                summary.outputs[names.get(path.name, path.name)] = path
    except BaseException:
        checked.discard()  # a folder made by this run and holding nothing goes away again
        raise
    return summary


def _write_or_explain(outputs: Any, spool: Any, summary: RunSummary, options: dict[str, Any]) -> None:
    """Write every output; any failure says that nothing was replaced."""
    from gazetteer.errors import ConflictmapError

    try:
        _write_outputs(outputs, spool, summary, **options)
    except Exception as exc:
        what = f"{type(exc).__name__}: {exc}"
        raise ConflictmapError(f"the outputs could not be written ({what}); nothing was replaced in {outputs.out}") from exc


def _extract_to_spool(
    inputs: Any, spool: Any, summary: RunSummary, *, gazetteer: Any, use_spacy: bool, progress: bool,
    strict: bool = False,
) -> None:
    """Read every document; extract those the spool's cache does not hold; spool the records."""
    from geo.extract.document import extract_or_report
    from geo.pipeline.spool import doc_key, from_payload, to_payload
    from geo.read.reader import read_dispatches

    if use_spacy:
        from geo.extract.mentions import _spacy_nlp

        _spacy_nlp()  # fail early with the install hint
    with _bar(progress, desc="extract", unit="doc") as bar:
        for doc in read_dispatches(inputs, errors=summary.errors):
            if strict:
                _fail_on_reject(summary.errors)
            key = doc_key(doc)
            payload = spool.get(key)
            if payload is not None:
                doc = from_payload(payload)
                spool.add(key, None)
                summary.cached += 1
            elif extract_or_report(doc, gazetteer, errors=summary.errors, use_spacy=use_spacy):
                doc.text = ""
                spool.add(key, to_payload(doc))
                summary.extracted += 1
            else:
                continue
            summary.add(doc)
            bar.update()


def _write_outputs(
    outputs: Any,
    spool: Any,
    summary: RunSummary,
    *,
    offline: bool,
    tiles: str | None,
    geojson: bool,
    baseline: str | Path | None,
    dates: Sequence[str] | None,
    step: str | None,
    title: str | None,
    gazetteer: Any,
    progress: bool,
    chunk_size: int,
    table: Any = None,
) -> None:
    """Build every layer and write every file of the run into the staging folder of ``outputs``.

    The spooled documents are read back ``chunk_size`` at a time: each chunk is joined to the
    boundaries and appended to the GeoPackage and the CSV at once; only the events table (for the
    map, the aggregates and the control table) and one point per distinct mentioned place (for the
    map) stay in memory.
    """
    import pandas as pd

    from geo.render.webmap import make_map, save_map
    from geo.spatial.admin import join_admin, load_boundaries
    from geo.spatial.aggregate import aggregate_by_admin
    from geo.spatial.frames import to_geodataframe
    from geo.write.gpkg import GeoPackageAppender

    t0 = time.perf_counter()
    gpkg = GeoPackageAppender(outputs.path("events.gpkg"))
    csv_path = outputs.path("events.csv")
    event_parts: list[Any] = []
    observation_parts: list[Any] = []
    places: dict[tuple[Any, ...], dict[str, Any]] = {}
    changes: list[Any] = []
    states: list[Any] = []
    n_mentions = 0
    with summary.stage("joins"), _bar(progress, desc="join", unit="doc", total=spool.count) as bar, \
            csv_path.open("w", encoding="utf-8", newline="") as csv_fh:  # fmt: skip
        first = True
        for docs in _chunks_or_empty(spool, chunk_size):
            events = join_admin(to_geodataframe(docs, layer="events"))
            mentions = join_admin(to_geodataframe(docs, layer="mentions"))
            observations = to_geodataframe(docs, layer="front_observations")
            changes.extend(e for d in docs for e in d.events if e.kind == "control_change")
            states.extend(s for d in docs for s in d.control_states)
            gpkg.append("events", events)
            gpkg.append("mentions", mentions)
            if len(observations):
                gpkg.append("front_observations", observations)
                observation_parts.append(observations)
            csv_fh.write(_table_csv(events, header=first))
            first = False
            event_parts.append(events)
            n_mentions += len(mentions)
            _distinct_places(mentions, places)
            bar.update(len(docs))
    events = pd.concat(event_parts, ignore_index=True) if len(event_parts) > 1 else event_parts[0]
    observations = (pd.concat(observation_parts, ignore_index=True) if observation_parts
                    else to_geodataframe([], layer="front_observations"))  # fmt: skip
    mention_points = _places_frame(places)

    with summary.stage("aggregates"):
        governorates = aggregate_by_admin(events, load_boundaries(1), level=1)
        gpkg.append("governorates", governorates)
        for level, name in ((2, "districts"), (3, "subdistricts")):  # when OCHA ADM2/ADM3 are installed
            units = load_boundaries(level)
            if units is not None:
                gpkg.append(name, aggregate_by_admin(events, units, level=level))

    with summary.stage("control"):
        front = _front_layers(changes, states, baseline=baseline, dates=dates, step=step, gazetteer=gazetteer,
                              progress=progress, table=table)  # fmt: skip
        for name, layer in front.items():
            gpkg.append(name, layer)
        if front:
            front.setdefault("front_observations", observations)

    _log.info("joined %d events and %d mentions to boundaries; %d control layers", len(events), n_mentions, len(front))
    with summary.stage("writing"), _bar(progress, desc="write", unit="file", total=3 + geojson) as bar:
        fmap = make_map(events, mentions=mention_points, governorates=governorates, front=front or None,
                        title=title, offline=offline, tiles=tiles)  # fmt: skip
        save_map(fmap, outputs.path("map.html"), offline=offline)
        bar.update()
        gpkg.close()
        bar.update()
        write_rejects(outputs.path(REJECTS_NAME), summary.errors)
        from geo.write.acled import csv_text, to_acled

        atomic_write_text(outputs.path("events_acled.csv"), csv_text(to_acled(events)))
        if geojson:
            atomic_write_text(outputs.path("events.geojson"), _geojson_text(events))
            bar.update()
        bar.update()  # the CSV was written chunk by chunk
    _log.info("wrote the outputs in %.1f s", time.perf_counter() - t0)


def _chunks_or_empty(spool: Any, size: int) -> Iterable[list[Document]]:
    """The spool's chunks, or one empty chunk (the layers still get their columns)."""
    empty = True
    for docs in spool.chunks(size):
        empty = False
        yield docs
    if empty:
        yield []


def _distinct_places(mentions: Any, places: dict[tuple[Any, ...], dict[str, Any]]) -> None:
    """Add the located mentions of a chunk to ``places``: one point per place name, spelling and point."""
    located = mentions[mentions.geometry.notna()]
    for row in located[["name", "surface", "lat", "lon", "kind", "adm1_pcode"]].itertuples(index=False):
        key = (row.name, row.surface, round(row.lat, 5), round(row.lon, 5))
        if key in places:
            places[key]["count"] += 1
        else:
            places[key] = {**row._asdict(), "count": 1}


def _places_frame(places: dict[tuple[Any, ...], dict[str, Any]]) -> Any:
    import geopandas as gpd
    import pandas as pd

    frame = pd.DataFrame(list(places.values()), columns=["name", "surface", "lat", "lon", "kind", "adm1_pcode", "count"])
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")


def _front_layers(
    changes: Sequence[Any],
    states: Sequence[Any] = (),
    *,
    baseline: str | Path | None,
    dates: Sequence[str] | None,
    step: str | None,
    gazetteer: Any,
    progress: bool = False,
    table: Any = None,
) -> dict[str, Any]:
    """Control layers from the baseline (``table``, loaded by :func:`preflight`), the control changes and
    the control states read in the dispatches ("X, contrôlé par Y")."""
    from geo.spatial.control import ControlTable

    if not changes and not states and baseline is None:
        return {}
    if table is None:
        table = ControlTable.from_baseline(baseline, gazetteer=gazetteer) if baseline else ControlTable(gazetteer=gazetteer)
    table.add_events(changes)
    table.add_states(states)
    if not len(table):
        return {}
    with _bar(progress, desc="control snapshots", unit="date") as bar:
        return dict(table.snapshots(dates=dates, step=step, on_date=lambda day, total: _tick(bar, total)))


def _tick(bar: Any, total: int) -> None:
    if bar.total != total:
        bar.reset(total=total)
    bar.update()
