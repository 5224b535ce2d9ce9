"""Benchmark installed data: import time and index size per source, resolution speed with a big index.

Run ``python benchmarks/bench_data.py`` (``--places N``, ``--queries N``). Everything happens in a
temporary CONFLICTMAP_DATA_DIR / CONFLICTMAP_CACHE_DIR (your own folders are never touched):

1. a synthetic GeoNames dump of N places (default 30,000, :mod:`generate_geonames`) is imported with
   ``conflictmap data import``; so are the real OCHA COD-AB files and UCDP GED events of
   ``../shared/data`` when present;
2. per source: import time, installed file size, places, indexed names, and the time to build a
   gazetteer over it (first start, and second start from the per-source cache);
3. warm resolution speed over embedded + the big dump (+ OCHA, UCDP): every query scored from
   scratch (no LRU), a mix of exact names of the big index (45 %), French spellings of known places
   (25 %), one-letter typos of index names (15 %) and words that are no place (15 %).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "data"
sys.path.insert(0, str(HERE))

_FRENCH = ["Alep", "Damas", "Homs", "Lattaquié", "Idleb", "Maaret al-Noomane", "Khan Cheikhoun", "Saraqeb",
           "Deir Ezzor", "Raqa", "Hassaké", "Kafranbel", "Jisr al-Choughour", "Douma", "Deraa", "Qamichli",
           "Afrine", "Kobané", "Tell Abyad", "Ras al-Aïn", "Jarablous", "Azaz", "Minbej", "Palmyre"]  # fmt: skip
_NOT_PLACES = ["Mardi", "Nations unies", "Conseil de sécurité", "Moscou", "Observatoire", "Washington", "Genève",
               "Union européenne", "Croissant-Rouge", "Ankara", "Téhéran", "Beyrouth", "Casques blancs"]  # fmt: skip


def _mib(path: Path) -> float:
    return path.stat().st_size / 2**20


def _queries(places: list, n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        r = rnd.random()
        p = rnd.choice(places)
        if r < 0.45:
            out.append(rnd.choice((p.name, *p.names)))
        elif r < 0.70:
            out.append(rnd.choice(_FRENCH))
        elif r < 0.85:
            k = rnd.randrange(1, len(p.name) - 1)
            out.append(p.name[:k] + p.name[k + 1 :])
        else:
            out.append(rnd.choice(_NOT_PLACES))
    return out


def _build(sources: list[str]) -> tuple[float, object]:
    from gazetteer import Gazetteer

    t = time.perf_counter()
    gaz = Gazetteer(sources)
    return time.perf_counter() - t, gaz


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=30_000)
    parser.add_argument("--queries", type=int, default=4_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="conflictmap-bench-data-") as tmp:
        os.environ["CONFLICTMAP_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["CONFLICTMAP_CACHE_DIR"] = str(Path(tmp) / "cache")
        from generate_geonames import rows

        from gazetteer.datasets import import_paths, installed

        dump = Path(tmp) / "SY.txt"
        dump.write_text("".join(rows(args.places)), encoding="utf-8")
        inputs: dict[str, list[Path]] = {"geonames": [dump]}
        if SHARED.is_dir():
            inputs["ocha"] = [SHARED / "ocha_cod_ab_2020" / "syr_admbnda_adm1_uncs_unocha.json",
                              SHARED / "ocha_cod_ab_2020" / "syr_admbnda_adm2_uncs_unocha.json",
                              SHARED / "ocha_cod_ab_2016_topojson" / "syr_admin_json_190321.json"]  # fmt: skip
            inputs["places"] = [SHARED / "ucdp" / "ged_syria.csv.gz"]
        print(f"{'source':<10} {'input':>10} {'import':>8} {'installed':>10} {'places':>8} {'names':>8} "
              f"{'index 1st':>10} {'index 2nd':>10}")  # fmt: skip
        for source, files in inputs.items():
            t = time.perf_counter()
            entries = import_paths(files)
            took = time.perf_counter() - t
            size_in = sum(_mib(f) for f in files)
            size_out = sum(_mib(Path(os.environ["CONFLICTMAP_DATA_DIR"]) / e.file) for e in entries)
            first, gaz = _build([source])
            second, gaz = _build([source])
            names = sum(len(v) for v in gaz._index.by_norm.values())  # type: ignore[attr-defined]
            print(f"{source:<10} {size_in:>8.1f} M {took:>7.2f}s {size_out:>8.1f} M {len(gaz):>8,} {names:>8,} "
                  f"{first:>9.2f}s {second:>9.2f}s")  # fmt: skip
        sources = ["embedded", *installed_sources_of(installed())]
        first, gaz = _build(sources)
        second, gaz = _build(sources)
        print(f"\nall sources {sources}: {len(gaz):,} places; gazetteer built in {first:.2f} s (first start), "
              f"{second:.2f} s (from the per-source cache)")  # fmt: skip
        from gazetteer.sources.geonames import GeonamesSource

        big = list(GeonamesSource(dump).places())
        queries = _queries(big, args.queries, args.seed)
        for q in ("Zzyzx Blorf", "Kafr Qwertyuiop"):  # warm: the pre-filters are built on first use
            gaz._resolve_key(q, None, (), None)  # type: ignore[attr-defined]
        best = best_cpu = 0.0
        for _ in range(3):
            t, c = time.perf_counter(), time.process_time()
            resolved = sum(gaz._resolve_key(q, None, (), None).name is not None for q in queries)  # type: ignore[attr-defined]
            best = max(best, len(queries) / (time.perf_counter() - t))
            best_cpu = max(best_cpu, len(queries) / (time.process_time() - c))
        print(f"warm resolution, no LRU, {len(queries):,} mixed queries: {best:,.0f}/s wall, {best_cpu:,.0f}/s of CPU time "
              f"({resolved / len(queries):.0%} resolved; target >= 2,000/s); load average {os.getloadavg()[0]:.1f}")  # fmt: skip
        t = time.perf_counter()
        for q in queries * 3:
            gaz.resolve(q)
        print(f"warm resolution through resolve() (LRU on repeated names): {3 * len(queries) / (time.perf_counter() - t):,.0f}/s")


def installed_sources_of(entries: dict) -> list[str]:
    out = []
    if "geonames" in entries:
        out.append("geonames")
    if any(k.startswith("boundaries/adm2") or k.startswith("boundaries/adm3") for k in entries):
        out.append("ocha")
    if any(k.startswith("places/") for k in entries):
        out.append("places")
    return out


if __name__ == "__main__":
    main()
