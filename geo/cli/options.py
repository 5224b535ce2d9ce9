"""What the commands share: the gazetteer options, ``--near`` parsing, tables and skipped-input reports."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:  # pragma: no cover
    from gazetteer.resolver import Gazetteer

__all__ = ["fmt_cell", "gazetteer_options", "make_gazetteer", "parse_near", "print_table", "report_errors"]

_F = TypeVar("_F", bound=Callable[..., Any])


def parse_near(value: str | None) -> tuple[float, float] | None:
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


def gazetteer_options(func: _F) -> _F:
    """Options choosing the gazetteer's sources, shared by every command that resolves names."""
    func = click.option("--nominatim-url", metavar="URL", expose_value=False, callback=remember_nominatim_url,
                        help="Nominatim endpoint for --online (default: $CONFLICTMAP_NOMINATIM_URL or "
                             "the public nominatim.openstreetmap.org).")(func)
    func = click.option("--online", is_flag=True,
                        help="Fall back to Nominatim (rate-limited, cached). Off by default.")(func)
    func = click.option("--source", "sources", multiple=True, metavar="NAME",
                        help="Local gazetteer source, repeatable (default: embedded + installed data); "
                             "e.g. --source embedded --source geonames --source ocha "
                             "for installed GeoNames dumps / OCHA units.")(func)
    return click.option("--csv", "csv_path", type=click.Path(dir_okay=False),
                        help="Your own places table (name, lat, lon[, alternate_names, kind, adm1_pcode]).")(func)


def remember_nominatim_url(ctx: click.Context, _param: Any, value: str | None) -> None:
    if value:
        from urllib.parse import urlsplit

        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise click.BadParameter(f"expected http(s)://host[:port][/path], instead got: {value!r}")
        ctx.meta["conflictmap.nominatim_url"] = value


def make_gazetteer(csv_path: str | None, sources: Sequence[str] = (), online: bool = False) -> Gazetteer:
    """The gazetteer the options ask for: the shared default one, or one of the given sources and CSV."""
    from gazetteer.resolver import Gazetteer

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


def fmt_cell(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.4f}" if abs(v) < 1000 else f"{v:.0f}"
    return str(v).replace("\n", " ")


def print_table(rows: Iterable[dict[str, Any]], cols: Sequence[str]) -> None:
    rows = list(rows)
    cells = [[fmt_cell(r.get(c)) for c in cols] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(cols)]
    widths = [min(w, 40) for w in widths]
    click.echo("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip())
    click.echo("  ".join("-" * w for w in widths))
    for row in cells:
        click.echo("  ".join(v[:w].ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def report_errors(errors: Sequence[Any]) -> None:
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


