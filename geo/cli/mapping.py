"""``conflictmap run``: the whole job, dispatches in, GeoPackage, map and CSV out."""

from __future__ import annotations

from collections.abc import Sequence

import click

from geo.cli.app import CONTEXT, EXIT_PARTIAL, cli
from geo.cli.options import gazetteer_options, make_gazetteer, report_errors

__all__ = ["run"]


@cli.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1)
@click.option("--sample", is_flag=True, help="Run on the bundled sample dispatches (and sample baseline).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="output", show_default=True,
              help="Folder for events.gpkg, map.html, events.csv.")
@click.option("--offline", is_flag=True,
              help="Nothing fetched by the map, online tiles refused (the default; kept for old scripts).")
@click.option("--tiles", type=click.Choice(["osm"], case_sensitive=False), default=None,
              help="Add online OpenStreetMap tiles over the offline basemap (falls back to it without network).")
@click.option("--geojson", is_flag=True, help="Also write events.geojson.")
@click.option("--baseline", type=click.Path(dir_okay=False),
              help="Known control (CSV/GeoPackage: place or lat/lon, controller, date).")
@click.option("--dates", help="Comma-separated snapshot dates (YYYY-MM-DD) for control areas and front lines.")
@click.option("--step", help="Snapshot step instead of --dates, e.g. 7D or 1M.")
@click.option("--title", help="Map title (default: the date range).")
@gazetteer_options
@click.option("--spacy", "use_spacy", is_flag=True, help="Add spaCy candidates (extra 'nlp').")
@click.option("--strict", is_flag=True, help="Any rejected input (file or row) is fatal: nothing is written.")
@click.option("--no-cache", "no_cache", is_flag=True,
              help="Extract every document again (default: reuse --out's .conflictmap-cache.sqlite).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: one process; dask: partitions of files on a Dask cluster (extra 'dask').")
@click.option("--scheduler", help="Dask scheduler address (default: a LocalCluster on this machine).")
@click.option("--workers", type=click.IntRange(min=1), help="Dask LocalCluster worker processes.")
@click.pass_context
def run(
    ctx: click.Context,
    *,
    inputs: Sequence[str],
    sample: bool,
    out_dir: str,
    offline: bool,
    tiles: str | None,
    geojson: bool,
    baseline: str | None,
    dates: str | None,
    step: str | None,
    title: str | None,
    csv_path: str | None,
    sources: Sequence[str],
    online: bool,
    use_spacy: bool,
    strict: bool,
    no_cache: bool,
    engine: str,
    scheduler: str | None,
    workers: int | None,
) -> None:
    """Extract, geolocate and map INPUTS: writes events.gpkg (QGIS-styled), map.html and events.csv to --out.

    Rejected inputs (file, line, reason) are listed in rejects.csv beside them. When no document is
    accepted nothing is written and the exit code is 1; the output folder and --baseline are
    checked before extraction starts.
    """
    if not inputs and not sample:
        raise click.UsageError("give INPUT files/folders, or --sample for the bundled sample dispatches")
    from geo.pipeline.job import run as _run
    from geo.pipeline.job import sample_inputs

    paths = list(inputs)
    if sample:
        s_inputs, s_baseline = sample_inputs()
        paths += [str(s_inputs)]
        baseline = baseline or (str(s_baseline) if s_baseline else None)
    snap_dates = [d.strip() for d in dates.split(",") if d.strip()] if dates else None
    result = _run(
        paths,
        out_dir,
        offline=offline,
        tiles=None if offline else tiles,
        geojson=geojson,
        baseline=baseline,
        dates=snap_dates,
        step=step,
        title=title,
        gazetteer=make_gazetteer(csv_path, sources, online),
        use_spacy=use_spacy,
        progress=not ctx.obj["quiet"],
        strict=strict,
        cache=not no_cache,
        engine=engine,
        scheduler=scheduler,
        workers=workers,
    )
    if not ctx.obj["quiet"]:
        click.echo(result.summary_text())
    report_errors(result.errors)
    if result.errors:
        ctx.exit(EXIT_PARTIAL)
