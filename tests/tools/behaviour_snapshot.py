"""What ``conflictmap run`` produces, reduced to row digests: the committed behaviour check.

A refactor must not change what users get. This script runs the command line (a public seam: no
private name of the package is used) on four corpora and reduces the GeoPackage layers that carry
extraction and control results to one short digest per row:

- ``seeds``: ``../shared/seeds`` (skipped when ``../shared`` is absent);
- ``dev2``: ``tests/data/dev2``;
- ``sample``: the bundled sample (``conflictmap run --sample``);
- ``generated``: 600 dispatches of ``benchmarks/generate_dispatches.py`` (seed 11).

Rows are canonicalised first (columns sorted, floats rounded to 6 decimals, geometry as rounded
coordinates, file paths reduced to their names), so the digests only move when the content does.
Only digests are committed (``tests/data/behaviour_snapshot.json``): no dispatch text enters the
repository. ``--dump DIR`` also writes the canonical rows as JSON Lines, to diff two checkouts.

Usage::

    python tests/tools/behaviour_snapshot.py --write          # record (before a refactor)
    python tests/tools/behaviour_snapshot.py                  # compare, exit 1 on a difference
    python tests/tools/behaviour_snapshot.py --dump /tmp/now  # keep the rows to see what moved
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SNAPSHOT = ROOT / "tests" / "data" / "behaviour_snapshot.json"
LAYERS = ("events", "mentions", "front_observations", "control", "control_changes")
N_GENERATED = 600
SEED = 11


def _corpora(tmp: Path) -> Iterator[tuple[str, list[str]]]:
    """(name, ``conflictmap run`` arguments) for every corpus available here."""
    seeds = SHARED / "seeds"
    if seeds.is_dir():
        yield "seeds", [str(seeds)]
    yield "dev2", [str(ROOT / "tests" / "data" / "dev2")]
    yield "sample", ["--sample"]
    gen = tmp / "generated"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate_dispatches.py"), str(N_GENERATED),
         str(gen), "--seed", str(SEED)],
        check=True, capture_output=True,
    )
    yield "generated", [str(gen)]


def _cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 6)
    if isinstance(value, str) and ("/" in value or "\\" in value) and value.endswith((".txt", ".jsonl", ".csv", ".html")):
        return Path(value).name
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return _cell(value.item())
    return value


def _geometry(geom: Any) -> Any:
    if geom is None or geom.is_empty:
        return None
    from shapely.geometry import mapping

    def rnd(obj: Any) -> Any:
        if isinstance(obj, (list, tuple)):
            return [rnd(x) for x in obj]
        return round(float(obj), 6)

    m = mapping(geom)
    return [m["type"], rnd(m["coordinates"])]


def canonical_rows(gpkg: Path, layer: str) -> list[dict[str, Any]]:
    """The rows of one layer as sorted, rounded plain-JSON dicts."""
    import pyogrio

    names = {name for name, _ in pyogrio.list_layers(gpkg)}
    if layer not in names:
        return []
    frame = pyogrio.read_dataframe(gpkg, layer=layer)
    rows = []
    for rec in frame.to_dict("records"):
        geom = rec.pop("geometry", None)
        row = {k: _cell(v) for k, v in sorted(rec.items())}
        row["geometry"] = _geometry(geom)
        rows.append(row)
    rows.sort(key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False))
    return rows


def _digest(row: dict[str, Any]) -> str:
    text = json.dumps(row, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def snapshot(dump: Path | None = None) -> dict[str, Any]:
    """Run every corpus and return ``{corpus: {layer: [row digests]}}``."""
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmpname:
        tmp = Path(tmpname)
        for name, args in _corpora(tmp):
            folder = tmp / f"out-{name}"
            subprocess.run(
                [sys.executable, "-m", "geo", "-q", "run", *args, "--out", str(folder), "--no-cache"],
                check=True, capture_output=True, cwd=ROOT,
            )
            out[name] = {}
            for layer in LAYERS:
                rows = canonical_rows(folder / "events.gpkg", layer)
                out[name][layer] = sorted(_digest(r) for r in rows)
                if dump is not None:
                    dump.mkdir(parents=True, exist_ok=True)
                    with (dump / f"{name}.{layer}.jsonl").open("w", encoding="utf-8") as fh:
                        for r in rows:
                            fh.write(json.dumps(r, sort_keys=True, ensure_ascii=False) + "\n")
    return out


def differences(recorded: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """Human-readable differences between two snapshots (corpora absent from either are skipped)."""
    lines = []
    for name in sorted(set(recorded) & set(now)):
        for layer in LAYERS:
            old, new = recorded[name].get(layer, []), now[name].get(layer, [])
            gone = sorted(set(old) - set(new))
            added = sorted(set(new) - set(old))
            if gone or added or len(old) != len(new):
                lines.append(f"{name}/{layer}: {len(old)} -> {len(new)} rows, "
                             f"{len(gone)} gone, {len(added)} new")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="record the snapshot")
    parser.add_argument("--dump", type=Path, help="also write the canonical rows here")
    args = parser.parse_args(argv)
    now = snapshot(args.dump)
    if args.write:
        SNAPSHOT.write_text(json.dumps(now, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {SNAPSHOT}: " + ", ".join(f"{k} {sum(map(len, v.values()))} rows" for k, v in now.items()))
        return 0
    diff = differences(json.loads(SNAPSHOT.read_text(encoding="utf-8")), now)
    print("\n".join(diff) if diff else "behaviour unchanged")
    return 1 if diff else 0


if __name__ == "__main__":
    raise SystemExit(main())
