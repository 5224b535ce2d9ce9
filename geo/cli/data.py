"""``conflictmap data``: download, import, inspect and remove installed reference data.

A thin click layer over :mod:`gazetteer.datasets`. Installed data lives under
``$CONFLICTMAP_DATA_DIR`` (default: platformdirs' user data folder) and is used automatically:
GeoNames, OCHA districts/subdistricts and place lists by the gazetteer, OCHA ADM1-ADM3 by the
polygon join, and their attribution in the map and the GeoPackage.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import click

__all__ = ["data"]

_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=_CONTEXT)
def data() -> None:
    """Install reference data: every village (GeoNames) and every P-code (OCHA COD-AB).

    \b
    conflictmap data download                  GeoNames SY.zip, OCHA ADM1-ADM3, UCDP localities
    conflictmap data import FILE...            local files, format detected
    conflictmap data info                      what is installed, versions, licences
    conflictmap data clear                     remove it
    """


def _quiet() -> bool:
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx else None
    return bool(root and isinstance(root.obj, dict) and root.obj.get("quiet"))


def _echo_entries(entries: Sequence[Any]) -> None:
    for e in entries:
        click.echo(f"installed {e.key}: {e.count:,} {'units' if e.key.startswith('boundaries') else 'places'} "
                   f"-> {e.file} ({e.licence}, {e.attribution})")
        for note in e.notes:
            click.echo(f"  repaired: {note}")


@data.command("download", context_settings=_CONTEXT)
@click.option("--country", default="SY", show_default=True, help="GeoNames country dump (boundaries: SY only).")
@click.option("--only", type=click.Choice(["geonames", "boundaries", "places"]), help="Download one group only.")
@click.option("--mirror", metavar="URL", help="A host serving the upstream paths (http(s)://host[:port][/prefix]).")
@click.option("--timeout", type=float, default=60.0, show_default=True, help="Seconds to wait for a server.")
@click.pass_context
def download_cmd(ctx: click.Context, country: str, only: str | None, mirror: str | None, timeout: float) -> None:
    """Download GeoNames, OCHA COD-AB boundaries and UCDP localities, then install them.

    Resumable (run again after an interruption), checksums and versions recorded. A group that
    fails leaves what was installed before in place and in use.
    """
    from gazetteer.datasets import download

    report = download(country, only=only, mirror=mirror, progress=not _quiet(), timeout=timeout)
    if not _quiet():
        _echo_entries(report.installed)
    for group, message in report.failed.items():
        click.echo(f"conflictmap: error: {group}: {message}", err=True)
    if report.failed:
        ctx.exit(1)


@data.command("import", context_settings=_CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--country", default="SY", show_default=True, help="Country code of the GeoNames rows to keep.")
def import_cmd(paths: Sequence[str], country: str) -> None:
    """Install local files: GeoNames .txt/.zip, OCHA GeoJSON/TopoJSON/shapefile zip/GeoPackage,
    a CSV or GeoPackage place list, UCDP GED CSV. The format is detected from the content."""
    from gazetteer.datasets import import_paths

    entries = import_paths(list(paths), country=country)
    if not _quiet():
        _echo_entries(entries)


@data.command("info", context_settings=_CONTEXT)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def info_cmd(fmt: str) -> None:
    """Show what is installed: versions, counts, checksums, licences and the attribution text."""
    from gazetteer import settings
    from gazetteer.datasets import installed, installed_attribution, installed_sources

    entries = installed()
    if fmt == "json":
        click.echo(json.dumps({
            "data_dir": str(settings.data_dir()),
            "sources": list(installed_sources()),
            "attribution": installed_attribution(),
            "entries": [e.to_dict() for e in entries.values()],
        }, ensure_ascii=False, indent=1))  # fmt: skip
        return
    click.echo(f"data directory: {settings.data_dir()}")
    if not entries:
        click.echo("nothing installed (embedded data only); run `conflictmap data download` or `data import FILE`")
        return
    from geo.cli.options import print_table as _print_table

    _print_table(
        [{"key": e.key, "count": e.count, "version": e.version, "licence": e.licence, "format": e.format,
          "sha256": e.sha256[:12], "installed": e.installed[:10], "file": e.file} for e in entries.values()],
        ["key", "count", "version", "format", "licence", "sha256", "installed", "file"],
    )  # fmt: skip
    click.echo(f"gazetteer sources by default: {', '.join(installed_sources())}")
    click.echo(f"attribution: {installed_attribution()}")


@data.command("clear", context_settings=_CONTEXT)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def clear_cmd(yes: bool) -> None:
    """Remove every installed data file and the download cache."""
    from gazetteer import settings
    from gazetteer.datasets import clear

    if not yes and sys.stdin.isatty():
        click.confirm(f"remove the installed data in {settings.data_dir()}?", abort=True)
    removed = clear()
    if not _quiet():
        click.echo(f"removed {len(removed)} item(s) from {settings.data_dir()}" if removed else "nothing installed")
