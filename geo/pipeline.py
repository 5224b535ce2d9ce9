"""The main job: dispatches in, styled GeoPackage + interactive map + CSV out.

Data flow: read -> extract (one document at a time) -> GeoDataFrames -> polygon join ->
aggregates and control snapshots -> GeoPackage / CSV / GeoJSON / HTML map.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Sequence

from gazetteer._io import atomic_write_text
from gazetteer.errors import InputError
from geo.model import Document
from geo.report import RunSummary

__all__ = ["run", "sample_inputs", "extract_all", "preflight", "Preflight", "write_rejects", "REJECTS_NAME"]

#: The table of rejected inputs written beside the outputs: ``file, line, reason``.
REJECTS_NAME = "rejects.csv"

_log = logging.getLogger("conflictmap")


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
            from geo.outputs import LOCK_NAME

            try:
                if {p.name for p in self.out.iterdir()} <= {LOCK_NAME}:
                    (self.out / LOCK_NAME).unlink(missing_ok=True)
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
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"output folder {str(out)!r} is an existing file, not a folder")
    created = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".conflictmap-probe-", dir=out)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise InputError(f"cannot write to the output folder {str(out)!r}: {exc.strerror or exc}") from None
    if dates is not None and step is not None:
        raise InputError("give snapshot dates or a step, not both")
    from geo.control import parse_date, snapshot_dates

    if step is not None:
        import datetime as dt

        snapshot_dates([dt.date(2000, 1, 1), dt.date(2000, 1, 2)], step)  # raises on a bad step
    for d in dates or ():
        parse_date(d)
    control = None
    if baseline is not None:
        from geo.control import ControlTable

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

    from geo._csvsafe import safe_cell

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
        Files, folders, JSONL/CSV/HTML, as :func:`geo.reader.read_dispatches` accepts.
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
    from geo.extract import extract

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


def _table_csv(gdf: Any) -> str:
    """The table as CSV for spreadsheets (UTF-8 with BOM, formula-like cells neutralised)."""
    from geo.acled import csv_text

    frame = gdf.drop(columns=[c for c in ("geometry",) if c in gdf.columns])
    return csv_text(frame)


def run(
    inputs: str | Path | Sequence[str | Path],
    out_dir: str | Path,
    *,
    offline: bool = True,
    tiles: str | None = None,
    geojson: bool = False,
    baseline: str | Path | None = None,
    dates: Sequence[str] | None = None,
    step: str | None = None,
    title: str | None = None,
    gazetteer: Any = None,
    use_spacy: bool = False,
    progress: bool = False,
    strict: bool = False,
) -> RunSummary:
    """Run the whole job and write ``events.gpkg``, ``map.html``, ``events.csv`` (and ``events.geojson``).

    Everything that does not depend on the dispatches (output folder, baseline, step) is checked
    first by :func:`preflight`. Accounting: every input unit (a file, a JSON Lines or CSV row) is
    accepted or rejected; the rejected ones are listed in ``rejects.csv`` (``file, line, reason``)
    beside the outputs. When no document at all was accepted nothing is written (previous
    outputs stay) and :class:`~gazetteer.errors.InputError` is raised.

    Parameters
    ----------
    inputs
        Dispatch files or folders (see :func:`geo.reader.read_dispatches`).
    out_dir
        Output folder, created if needed.
    offline
        Refuse online tiles (the map is self-contained either way: Leaflet inlined, offline basemap).
    tiles
        ``"osm"``: online OpenStreetMap tiles over the offline basemap (ignored when ``offline``).
    geojson
        Also write ``events.geojson``.
    baseline
        Known control data (CSV or GeoPackage) that dispatches update.
    dates, step
        Snapshot dates (``YYYY-MM-DD``) or a step (``"7D"``, ``"1M"``) for control areas and front lines.
    title
        Map title; default gives the date range.
    gazetteer
        A :class:`gazetteer.Gazetteer`; default the shared instance.
    use_spacy
        Add spaCy candidates.
    progress
        Progress bar on stderr.
    strict
        Any rejected input stops the run before anything is written.

    Returns
    -------
    RunSummary
        Counts, skipped documents and output paths.

    Raises
    ------
    InputError
        Output folder unusable, bad step or dates, nothing accepted, or (``strict``) a reject.
    DataError
        Unusable baseline row.
    """
    from geo.outputs import OutputSet

    checked = preflight(out_dir, baseline=baseline, step=step, dates=dates, gazetteer=gazetteer)
    try:
        with OutputSet(checked.out) as outputs:  # takes the folder's lock before any work
            summary = _run_in(outputs, inputs, checked, offline=offline and tiles is None, tiles=tiles, geojson=geojson, baseline=baseline,
                              dates=dates, step=step, title=title, gazetteer=gazetteer, use_spacy=use_spacy,
                              progress=progress, strict=strict)
    except BaseException:
        checked.discard()  # a folder made by this run and holding nothing goes away again
        raise
    return summary


def _run_in(outputs: Any, inputs: Any, checked: Preflight, *, strict: bool, use_spacy: bool, progress: bool,
            **options: Any) -> RunSummary:
    """Extract, then write every output into ``outputs`` and commit them as one set."""
    t0 = time.perf_counter()
    docs, summary = extract_all(inputs, gazetteer=options["gazetteer"], use_spacy=use_spacy, progress=progress,
                                strict=strict)
    _log.info("extracted %d documents in %.1f s", summary.documents, time.perf_counter() - t0)
    if summary.documents == 0:
        raise InputError(
            f"nothing processed: no document accepted ({len(summary.errors)} input(s) rejected); "
            f"previous outputs in {str(checked.out)!r} left untouched"
        )
    try:
        _write_outputs(outputs, docs, summary, table=checked.control, **options)
    except Exception as exc:
        from gazetteer.errors import ConflictmapError

        what = f"{type(exc).__name__}: {exc}"
        raise ConflictmapError(f"the outputs could not be written ({what}); nothing was replaced in {outputs.out}") from exc
    names = {"events.gpkg": "GeoPackage (open in QGIS)", "events.csv": "CSV", "events.geojson": "GeoJSON",
             "map.html": "map", REJECTS_NAME: "rejected inputs",
             "events_acled.csv": "ACLED-style CSV"}
    for path in outputs.commit():
        summary.outputs[names.get(path.name, path.name)] = path
    return summary


def _write_outputs(
    outputs: Any,
    docs: Sequence[Document],
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
    table: Any = None,
) -> None:
    """Build every layer and write every file of the run into the staging folder of ``outputs``."""
    from geo.admin import join_admin, load_boundaries
    from geo.aggregate import aggregate_by_admin
    from geo.frames import to_geodataframe
    from geo.gpkg import write_geopackage
    from geo.webmap import make_map, save_map

    t0 = time.perf_counter()
    events = join_admin(to_geodataframe(docs, layer="events"))
    mentions = join_admin(to_geodataframe(docs, layer="mentions"))
    observations = to_geodataframe(docs, layer="front_observations")
    boundaries = load_boundaries(1)
    governorates = aggregate_by_admin(events, boundaries, level=1)

    layers: dict[str, Any] = {"events": events, "mentions": mentions, "governorates": governorates}
    for level, name in ((2, "districts"), (3, "subdistricts")):  # when OCHA ADM2/ADM3 are installed
        units = load_boundaries(level)
        if units is not None:
            layers[name] = aggregate_by_admin(events, units, level=level)
    if len(observations):
        layers["front_observations"] = observations

    front = _front_layers(docs, baseline=baseline, dates=dates, step=step, gazetteer=gazetteer, table=table)
    if front:
        layers.update(front)
        front.setdefault("front_observations", observations)

    _log.info("joined %d events and %d mentions to boundaries; %d control layers", len(events), len(mentions), len(front))
    # the map first: it is the step most likely to fail, and nothing is committed before all are written
    fmap = make_map(events, mentions=mentions, governorates=governorates, front=front or None, title=title, offline=offline,
                    tiles=tiles)
    save_map(fmap, outputs.path("map.html"), offline=offline)
    write_geopackage(outputs.path("events.gpkg"), layers)
    atomic_write_text(outputs.path("events.csv"), _table_csv(events))
    write_rejects(outputs.path(REJECTS_NAME), summary.errors)
    from geo.acled import csv_text, to_acled

    atomic_write_text(outputs.path("events_acled.csv"), csv_text(to_acled(events)))
    if geojson:
        atomic_write_text(outputs.path("events.geojson"), _geojson_text(events))
    _log.info("wrote the outputs in %.1f s", time.perf_counter() - t0)


def _front_layers(
    docs: Sequence[Document],
    *,
    baseline: str | Path | None,
    dates: Sequence[str] | None,
    step: str | None,
    gazetteer: Any,
    table: Any = None,
) -> dict[str, Any]:
    from geo.control import ControlTable

    changes = [e for d in docs for e in d.events if e.kind == "control_change"]
    if not changes and baseline is None:
        return {}
    if table is None:
        table = ControlTable.from_baseline(baseline, gazetteer=gazetteer) if baseline else ControlTable()
    table.add_events(changes)
    if not len(table):
        return {}
    return dict(table.snapshots(dates=dates, step=step))
