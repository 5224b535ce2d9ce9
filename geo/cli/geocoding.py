"""``conflictmap geocode``: resolve place names as French dispatches spell them."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

import click

from geo.cli.app import CONTEXT, cli
from geo.cli.options import gazetteer_options, make_gazetteer, parse_near, print_table

__all__ = ["geocode"]

_CANDIDATE_COLUMNS = ["name", "kind", "lat", "lon", "adm1", "adm1_pcode", "score", "source"]


@cli.command(context_settings=CONTEXT)
@click.argument("names", nargs=-1, required=True)
@click.option("--province", "--governorate", "province", help="Prefer places in this governorate (name or P-code).")
@click.option("--near", help="Prefer places near LAT,LON.")
@click.option("--kind", help="Prefer this kind of place (city, village, governorate ...).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@gazetteer_options
@click.option("--candidates", "n_candidates", type=int, default=0, help="Also show the N best candidates.")
def geocode(
    *,
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
    point = parse_near(near)
    queries: list[str] = []
    for n in names:
        if n == "-":
            queries.extend(line.strip() for line in sys.stdin if line.strip())
        else:
            queries.append(n)
    gaz = make_gazetteer(csv_path, sources, online)
    rows = []
    for q in queries:
        res = gaz.resolve(q, governorate=province, near=point, kind=kind)
        d = res.to_dict()
        if n_candidates:
            best = gaz.candidates(q, limit=n_candidates, governorate=province, near=point, kind=kind)
            d["candidates"] = [c.to_dict() for c in best]
        rows.append(d)
        if fmt == "json":
            click.echo(json.dumps(d, ensure_ascii=False))
    if fmt == "table":
        print_table(
            rows,
            ["query", "name", "kind", "lat", "lon", "adm1", "adm1_pcode", "score", "source"],
        )
        if n_candidates:  # the N best candidates of each name, one table per name
            for d in rows:
                click.echo(f"\ncandidates for {d.get('query')!r} (best {n_candidates}):")
                if d["candidates"]:
                    print_table(d["candidates"], _CANDIDATE_COLUMNS)
                else:
                    click.echo("  none")


