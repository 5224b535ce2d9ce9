"""Measure maps written by ``conflictmap run``: bytes per event and the load in headless Chromium.

Usage::

    python benchmarks/bench_map_file.py SMALL_OUT BIG_OUT [BIG_OUT ...] [--no-browser]

``SMALL_OUT`` is the output folder of a run on (almost) no dispatch: its ``map.html`` is the fixed
part. For each ``BIG_OUT``: events in ``events.gpkg``, ``map.html`` size, bytes per event
``(size - fixed size) / (events - small events)``, and (with Chromium) the time from navigation to
the drawn event canvas, the JS heap, the time of a date filter and the number of page/console errors
(:func:`bench_map._load_in_chromium`, pages served from 127.0.0.1).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path


def _events(out: Path) -> int:
    with sqlite3.connect(f"file:{out / 'events.gpkg'}?mode=ro", uri=True) as con:
        return int(con.execute("SELECT count(*) FROM events").fetchone()[0])


def main(argv: list[str] | None = None) -> int:
    """Print one row per output folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("small", type=Path)
    parser.add_argument("big", type=Path, nargs="+")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_map import _load_in_chromium

    fixed, n0 = (args.small / "map.html").stat().st_size, _events(args.small)
    print(f"fixed part: {fixed:,} bytes ({n0} events)")
    with tempfile.TemporaryDirectory(prefix="bench_map_file_") as tmp:
        names = []
        for i, out in enumerate(args.big):
            size, n = (out / "map.html").stat().st_size, _events(out)
            print(f"{out}: {n:,} events, map.html {size:,} bytes, {(size - fixed) / max(n - n0, 1):.0f} bytes/event")
            shutil.copyfile(out / "map.html", Path(tmp) / f"map{i}.html")
            names.append(f"map{i}.html")
        if not args.no_browser:
            for name, result in _load_in_chromium(Path(tmp), names).items():
                print(name, {k: round(v, 3) for k, v in result.items()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
