"""Writing the outputs of a run: joins, aggregates, control layers, then the map and the files.

Everything is written into the staging folder of an :class:`~geo.write.outputs.OutputSet`; any
failure says that nothing was replaced.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer.atomic import atomic_write_text
from geo.pipeline.joins import Joined, front_layers, join_chunks, release_memory
from geo.pipeline.progress import progress_bar
from geo.pipeline.report import RunSummary

if TYPE_CHECKING:  # pragma: no cover
    from gazetteer.resolver import Gazetteer
    from geo.pipeline.sinks import ChunkSinks
    from geo.pipeline.spool import Spool
    from geo.render.mapevents import MapEvents
    from geo.spatial.control import ControlTable
    from geo.write.gpkg import GeoPackageAppender
    from geo.write.outputs import OutputSet

__all__ = ["REJECTS_NAME", "WriteOptions", "geojson_text", "write_or_explain", "write_outputs", "write_rejects"]

#: The table of rejected inputs written beside the outputs: ``file, line, reason``.
REJECTS_NAME = "rejects.csv"

_log = logging.getLogger("conflictmap")


@dataclass(frozen=True)
class WriteOptions:
    """The options of :func:`geo.pipeline.job.run` that shape the outputs."""

    offline: bool
    tiles: str | None
    geojson: bool
    baseline: str | Path | None
    dates: Sequence[str] | None
    step: str | None
    title: str | None
    gazetteer: Gazetteer | None
    progress: bool
    chunk_size: int
    table: ControlTable | None = None  # the baseline's table, loaded by the preflight


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


def geojson_text(gdf: Any) -> str:
    """Located rows as GeoJSON, dates written as ISO strings."""
    located = gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty].copy()
    for col in located.columns:
        if col != "geometry" and str(located[col].dtype).startswith("datetime"):
            located[col] = located[col].dt.strftime("%Y-%m-%d").astype(object).where(located[col].notna(), None)
    text: str = located.to_json(na="null", drop_id=True, to_wgs84=True)
    return text


def write_or_explain(outputs: OutputSet, spool: Spool, summary: RunSummary, options: WriteOptions) -> None:
    """Write every output; any failure says that nothing was replaced."""
    from gazetteer.errors import ConflictmapError

    try:
        write_outputs(outputs, spool, summary, options)
    except Exception as exc:
        what = f"{type(exc).__name__}: {exc}"
        raise ConflictmapError(
            f"the outputs could not be written ({what}); nothing was replaced in {outputs.out}"
        ) from exc


def _aggregate_layers(sinks: ChunkSinks, gpkg: GeoPackageAppender) -> Any:
    """Append the per-governorate (and district, subdistrict when installed) aggregates; return governorates."""
    from geo.spatial.admin import load_boundaries
    from geo.spatial.aggregate import merge_units

    governorates = merge_units(load_boundaries(1), sinks.stats.get(1, []), level=1)
    gpkg.append("governorates", governorates)
    for level, name in ((2, "districts"), (3, "subdistricts")):  # when OCHA ADM2/ADM3 are installed
        units = load_boundaries(level)
        if units is not None and level in sinks.levels:
            gpkg.append(name, merge_units(units, sinks.stats.get(level, []), level=level))
    return governorates


def _river_layer(gpkg: GeoPackageAppender) -> None:
    """Append the country profile's shipped rivers (``geo/data``, GSHHG, LGPL) as the ``rivers`` layer."""
    import geopandas as gpd

    from geo.render.basemap import basemap_layers

    rivers = basemap_layers().get("rivers")
    if rivers and rivers["features"]:
        gpkg.append("rivers", gpd.GeoDataFrame.from_features(rivers["features"], crs=4326))


#: The control layers the map still draws once its slider's data is made (:func:`geo.render.frontmap.prepare_front`).
_MAP_CONTROL_LAYERS = frozenset({"control_changes"})


def _drop_drawn_layers(front: dict[str, Any]) -> None:
    """Free the rows of the written layers that the slider's data already holds (intervals, areas, lines).

    Each keeps its columns (no row): the map still sees which layers the run has.
    """
    if getattr(front, "slider", None) is None:
        return  # no slider data made: the map builds it from the layers
    for name in [name for name in front if name not in _MAP_CONTROL_LAYERS]:
        front[name] = front[name].iloc[:0].copy()  # a copy: a slice would keep the rows alive


def _append_chunks(gpkg: GeoPackageAppender, name: str, layer: Any, size: int) -> None:
    """Append ``layer`` to the GeoPackage ``size`` rows at a time (its fields' columns made a chunk at a time)."""
    gpkg.append(name, layer.iloc[:size])
    for start in range(size, len(layer), size):
        gpkg.append(name, layer.iloc[start : start + size])


def _control_layers(joined: Joined, spool: Spool, gpkg: GeoPackageAppender, options: WriteOptions) -> dict[str, Any]:
    """Append the control areas and front lines; return them (with the observations) for the map.

    They are taken from the run's cache, with the map's slider data, when their inputs did not change
    (:mod:`geo.pipeline.stagecache`).
    """
    from geo.pipeline.stagecache import cached_stage, control_key
    from geo.render.frontdata import spooled_changes
    from geo.render.frontmap import prepare_front

    def build() -> dict[str, Any]:
        layers = front_layers(joined.changes, joined.states, baseline=options.baseline, dates=options.dates,
                              step=options.step, gazetteer=options.gazetteer, progress=options.progress,
                              table=options.table)  # fmt: skip
        release_memory()  # the control table's observations (held in reference cycles), before the slider data
        return prepare_front(layers) if layers else layers  # the map's slider data made once, kept with them

    key = control_key(spool, joined.changes, joined.states, baseline=options.baseline, dates=options.dates,
                      step=options.step)  # fmt: skip
    front = cached_stage(spool, "control", key, build)
    release_memory()  # the control table's observations, gone with it
    for name, layer in front.items():
        _append_chunks(gpkg, name, layer, options.chunk_size * 10)
    _drop_drawn_layers(front)
    if "control_changes" in front:  # the map's data made now, in a temporary file: the frame goes
        front["control_changes"] = spooled_changes(front["control_changes"])
    if front:
        front.setdefault("front_observations", joined.observation_rows.spooled())
    return front


def _join_and_write(outputs: OutputSet, spool: Spool, gpkg: GeoPackageAppender, options: WriteOptions,
                    summary: RunSummary, *, map_events: MapEvents) -> tuple[Joined, ChunkSinks]:
    """The joins stage: every chunk's tables written to the GeoPackage, the CSV files and the GeoJSON,
    and its events encoded for the map (``map_events``)."""
    from contextlib import ExitStack

    from geo.pipeline.sinks import ChunkSinks, GeoJSONSink
    from geo.spatial.pointjoin import installed_levels

    with summary.stage("joins"), ExitStack() as files:
        def open_(name: str) -> Any:
            return files.enter_context(outputs.path(name).open("w", encoding="utf-8", newline=""))

        geojson = GeoJSONSink(open_("events.geojson")) if options.geojson else None
        sinks = ChunkSinks(gpkg, open_("events.csv"), open_("events_acled.csv"), geojson, installed_levels(),
                           map_events=map_events)  # fmt: skip
        joined = join_chunks(spool, sinks, chunk_size=options.chunk_size, progress=options.progress)
        if geojson is not None:
            geojson.close()
    return joined, sinks


def _tables(outputs: OutputSet, spool: Spool, gpkg: GeoPackageAppender, options: WriteOptions, summary: RunSummary,
            *, map_events: MapEvents) -> tuple[Joined, Any, dict[str, Any]]:
    """The joins, aggregates and control stages: the joined summary, the governorates, the control layers."""
    joined, sinks = _join_and_write(outputs, spool, gpkg, options, summary, map_events=map_events)
    with summary.stage("aggregates"):
        governorates = _aggregate_layers(sinks, gpkg)
        _river_layer(gpkg)
    with summary.stage("control"):
        front = _control_layers(joined, spool, gpkg, options)
        joined.changes.close()
        joined.states.close()
        release_memory()  # the snapshots' temporaries, before the map
    return joined, governorates, front


def write_outputs(outputs: OutputSet, spool: Spool, summary: RunSummary, options: WriteOptions) -> None:
    """Build every layer and write every file of the run into the staging folder of ``outputs``.

    The spooled rows are read back ``options.chunk_size`` documents at a time (:mod:`geo.pipeline.joins`)
    and written out chunk by chunk (GeoPackage layers, CSV, ACLED-style CSV, GeoJSON, per-unit
    statistics); then come the aggregates, the control layers, the map and the rejects.
    """
    from geo.render.mapevents import MapEvents, map_from_events
    from geo.render.webmap import save_map
    from geo.write.gpkg import GeoPackageAppender
    from geo.write.qgis_project import write_qgis_project

    t0 = time.perf_counter()
    gpkg = GeoPackageAppender(outputs.path("events.gpkg"))
    map_events = MapEvents()  # the run's governorates carry their aggregates: no event column kept
    try:
        joined, governorates, front = _tables(outputs, spool, gpkg, options, summary, map_events=map_events)
    except BaseException:
        map_events.close()
        raise
    _log.info("joined %d events and %d mentions to boundaries; %d control layers",
              joined.n_events, joined.n_mentions, len(front))
    with summary.stage("writing"), progress_bar(options.progress, desc="write", unit="file", total=3) as bar:
        # the map's events, encoded chunk by chunk by the joins into a temporary folder, streamed into the page
        fmap = map_from_events(map_events, mentions=joined.mention_points(), governorates=governorates,
                               front=front or None, title=options.title, offline=options.offline,
                               tiles=options.tiles)  # fmt: skip
        if front:
            front.pop("front_observations", None)  # drawn: the page's data is in temporary files now
        joined.observation_rows.close()
        save_map(fmap, outputs.path("map.html"), offline=options.offline)
        bar.update()
        gpkg.close()
        write_qgis_project(gpkg.path)  # events.qgz beside it: groups, styles and time settings QGIS keeps
        bar.update()
        write_rejects(outputs.path(REJECTS_NAME), summary.errors)
        bar.update()  # the CSV files and the GeoJSON were written chunk by chunk
    _log.info("wrote the outputs in %.1f s", time.perf_counter() - t0)
