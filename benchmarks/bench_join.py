"""Benchmark the polygon join: 1,000,000 points to the 272 OCHA subdistricts, one core.

Usage::

    python benchmarks/bench_join.py [N] [--boundaries FILE]

The subdistricts come from ``../shared/data`` (OCHA COD-AB 2016, 272 polygons; the benchmark says
"skipped" when the file is absent). ``N`` points (default 1,000,000) are drawn uniformly inside the
country (seeded), and :func:`geo.spatial.admin._join_level` (the function :func:`geo.spatial.admin.join_admin`
runs per level: ``sjoin`` "within" on the polygons' STRtree, then the nearest unit within 10 km
for points in no polygon) labels them. Reports the time of the join alone.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

_DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "ocha_cod_ab_2016_topojson" / (
    "syr_admin3_subdistricts.derived.geojson")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--boundaries", type=Path, default=_DEFAULT)
    args = parser.parse_args(argv)
    if not args.boundaries.is_file():
        print(f"skipped: {args.boundaries} not found")
        return 0
    import geopandas as gpd
    import numpy as np
    import shapely

    from geo.spatial.admin import _join_level

    bnd = gpd.read_file(args.boundaries).rename(columns={"PCODE": "adm3_pcode", "NAME_EN": "adm3_name"})
    bnd = bnd[["adm3_pcode", "adm3_name", "geometry"]].to_crs(4326)
    bnd["geometry"] = shapely.make_valid(bnd.geometry.values)
    country = shapely.union_all(bnd.geometry.values)
    shapely.prepare(country)
    rng = np.random.default_rng(12)
    x0, y0, x1, y1 = country.bounds
    xs, ys = [], []
    have = 0
    while have < args.n:
        x = rng.uniform(x0, x1, args.n)
        y = rng.uniform(y0, y1, args.n)
        keep = shapely.contains_xy(country, x, y)
        xs.append(x[keep])
        ys.append(y[keep])
        have += int(keep.sum())
    x = np.concatenate(xs)[: args.n]
    y = np.concatenate(ys)[: args.n]
    pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(x, y), crs=4326)
    t0 = time.perf_counter()
    codes, nearest = _join_level(pts, bnd, ["adm3_pcode", "adm3_name"], 10.0)
    took = time.perf_counter() - t0
    labelled = int(codes["adm3_pcode"].notna().sum())
    print(f"{args.n:,} points x {len(bnd)} subdistricts: {took:.2f} s ({args.n / took:,.0f} points/s), "
          f"{labelled:,} labelled, {int(nearest.sum()):,} by the nearest-unit fallback")
    return 0


if __name__ == "__main__":
    sys.exit(main())
