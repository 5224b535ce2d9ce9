"""Rebuild the map of a ``conflictmap run`` output folder from its ``events.gpkg``: time and peak memory.

Usage::

    python benchmarks/bench_map_build.py OUT MAP_HTML [--chunks N] [--before]

Reads the layers the pipeline hands to the map (events, governorates with aggregates, control
intervals, areas, front lines, control changes, front observations, one point per mentioned place)
and writes ``MAP_HTML``:

* by default with :func:`geo.render.webmap.make_map` on the whole events frame;
* with ``--chunks N`` with :func:`geo.render.webmap.make_map_from_chunks`, the events read ``N`` rows
  at a time from the GeoPackage (never all at once);
* ``--before`` calls only ``make_map`` (for a tree without the chunk API, run with its PYTHONPATH).

Prints the build and save times and the process's peak RSS (``ru_maxrss``), so run one mode per
process to compare them.
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

_FRONT = ("control", "control_areas", "front_lines", "control_changes", "front_observations")


def _layers(gpkg: Path) -> set[str]:
    with sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True) as con:
        return {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}


def _count(gpkg: Path, layer: str) -> int:
    with sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True) as con:
        return int(con.execute(f'SELECT count(*) FROM "{layer}"').fetchone()[0])


def _mention_points(gpkg: Path) -> Any:
    """One point per mentioned place name, spelling and point (as the pipeline's ``mention_points``)."""
    import pyogrio

    mentions = pyogrio.read_dataframe(gpkg, layer="mentions", columns=["name", "surface"])
    mentions = mentions[mentions.geometry.notna()]
    key = mentions.assign(x=mentions.geometry.x.round(5), y=mentions.geometry.y.round(5))
    return mentions.loc[~key.duplicated(subset=["name", "surface", "x", "y"])].reset_index(drop=True)


def _chunks(gpkg: Path, size: int) -> Any:
    import pyogrio

    total = _count(gpkg, "events")

    def chunks() -> Any:
        for start in range(0, total, size):
            yield pyogrio.read_dataframe(gpkg, layer="events", skip_features=start, max_features=size)
    return chunks


def main(argv: list[str] | None = None) -> int:
    """Rebuild the map and print one line of figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("html", type=Path)
    parser.add_argument("--chunks", type=int, default=0)
    parser.add_argument("--before", action="store_true")
    args = parser.parse_args(argv)
    import pyogrio

    from geo.render import webmap

    gpkg = args.out / "events.gpkg"
    present = _layers(gpkg)
    front = {name: pyogrio.read_dataframe(gpkg, layer=name) for name in _FRONT if name in present}
    options = {"mentions": _mention_points(gpkg), "governorates": pyogrio.read_dataframe(gpkg, layer="governorates"),
               "front": front or None}
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    if args.chunks and not args.before:
        fmap = webmap.make_map_from_chunks(_chunks(gpkg, args.chunks), **options)
        mode = f"chunks of {args.chunks:,}"
    else:
        fmap = webmap.make_map(pyogrio.read_dataframe(gpkg, layer="events"), **options)
        mode = "whole frame"
    t1 = time.perf_counter()
    webmap.save_map(fmap, args.html)
    t2 = time.perf_counter()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = _count(gpkg, "events")
    print(f"{mode}: {n:,} events, build {t1 - t0:.1f} s, save {t2 - t1:.1f} s, "
          f"map.html {args.html.stat().st_size / 1e6:.1f} MB, peak RSS {rss:.0f} MB (after reading the other layers: "
          f"{rss0:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
