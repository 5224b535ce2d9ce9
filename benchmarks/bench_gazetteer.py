"""Benchmark the gazetteer: warm resolutions per second, cold start, peak memory.

Run ``python benchmarks/bench_gazetteer.py`` (``--help`` for options). It prints a small table:

- *warm, LRU hits*: the same mix of names again and again (the usual case in a corpus);
- *warm, no LRU*: every query scored from scratch (exact, skeleton and rapidfuzz stages);
- *cold start*: a fresh interpreter that imports ``gazetteer``, builds the default gazetteer
  and resolves one name, with the GeoNames cache warm and with it cleared;
- *peak memory*: tracemalloc peak while building the gazetteer, and the process max RSS.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc

_FRENCH = [
    "Alep", "Damas", "Homs", "Hama", "Lattaquié", "Palmyre", "Idleb", "Maaret al-Noomane",
    "Khan Cheikhoun", "Saraqeb", "Deir Ezzor", "Raqa", "Hassaké", "Minbej", "Kafranbel",
    "Jisr al-Choughour", "Douma", "Harasta", "Qousseir", "Tartous", "Deraa", "Soueida",
    "Qamichli", "Boukamal", "Afrine", "Kobané", "Tell Abyad", "Ras al-Aïn", "Jarablous", "Azaz",
]  # fmt: skip
_VARIANTS = [
    "Ma'arrat an Nu'man", "Khan Shaykhun", "Saraqib", "Deir ez-Zor", "Al-Hasakah", "Manbij",
    "Kafr Nabl", "Jisr ash-Shughur", "Dayr az Zawr", "Maarat al Nouman", "Khan Sheikhoun",
    "Sarakeb", "Menbij", "معرة النعمان", "خان شيخون", "Qusayr", "Tall Abyad", "Ra's al 'Ayn",
]  # fmt: skip
_MISSES = ["Zzyzx Blorf", "Qwertyuiop", "Kalamazoo", "Bruxelles-Midi", "", "12345", "x" * 300, "Deir"]

_COLD = (
    "import time; t = time.perf_counter(); "
    "from gazetteer import Gazetteer; r = Gazetteer.default().resolve('Maaret al-Noomane'); "
    "print(time.perf_counter() - t)"
)


def _mix(size: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    pool = _FRENCH * 3 + _VARIANTS * 2 + _MISSES
    return [rnd.choice(pool) for _ in range(size)]


def _perturbed(size: int, seed: int) -> list[str]:
    """Distinct queries (so the LRU never hits): names with a letter doubled or dropped."""
    rnd = random.Random(seed)
    out = []
    base = _FRENCH + _VARIANTS + _MISSES
    for i in range(size):
        name = rnd.choice(base)
        if len(name) > 3 and rnd.random() < 0.5:
            k = rnd.randrange(1, len(name) - 1)
            name = name[:k] + name[k] + name[k:] if rnd.random() < 0.5 else name[:k] + name[k + 1 :]
        out.append(f"{name}{' ' * (i % 7)}{'' if i % 3 else '-'}{i}" if i % 2 else name + " " * (i % 11))
    return out


def _run_cold(env: dict[str, str]) -> float:
    out = subprocess.run([sys.executable, "-c", _COLD], env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def _cold_start(runs: int) -> float:
    """Best cold start with the user's cache directory (warm after the first run)."""
    _run_cold(dict(os.environ))  # make sure the cache exists
    return min(_run_cold(dict(os.environ)) for _ in range(runs))


def _cold_start_cleared(runs: int) -> float:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="conflictmap-bench-") as tmp:
            times.append(_run_cold(dict(os.environ, CONFLICTMAP_CACHE_DIR=tmp)))
    return min(times)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=20_000, help="queries per warm run (default 20000)")
    parser.add_argument("--runs", type=int, default=3, help="repetitions; the best is kept (default 3)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    from gazetteer import Gazetteer

    tracemalloc.start()
    t0 = time.perf_counter()
    gaz = Gazetteer()
    build = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    mix = _mix(args.queries, args.seed)
    for name in mix:  # warm the LRU
        gaz.resolve(name)
    best_hit = 0.0
    for _ in range(args.runs):
        t = time.perf_counter()
        for name in mix:
            gaz.resolve(name)
        best_hit = max(best_hit, len(mix) / (time.perf_counter() - t))

    distinct = _perturbed(args.queries, args.seed + 1)
    best_miss = 0.0
    resolved = 0
    for _ in range(args.runs):
        gaz._cached.cache_clear()  # score every query from scratch
        t = time.perf_counter()
        results = [gaz.resolve(name) for name in distinct]
        best_miss = max(best_miss, len(distinct) / (time.perf_counter() - t))
        resolved = sum(r.resolved for r in results)

    cold_warm = _cold_start(args.runs)
    cold_cleared = _cold_start_cleared(max(1, args.runs - 2))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    rows = [
        ("places indexed", f"{len(gaz):,}"),
        ("phrase-index keys", f"{len(gaz.phrase_index()):,}"),
        ("build in process (under tracemalloc)", f"{build * 1000:.0f} ms"),
        ("warm, LRU hits (mix of French, variants, misses)", f"{best_hit:,.0f} resolutions/s"),
        ("warm, no LRU (distinct perturbed names)", f"{best_miss:,.0f} resolutions/s ({resolved / len(distinct):.0%} resolved)"),
        ("cold start, cache warm (import + first resolve)", f"{cold_warm * 1000:.0f} ms"),
        ("cold start, cache cleared", f"{cold_cleared * 1000:.0f} ms"),
        ("peak traced memory while building", f"{peak / 2**20:.1f} MiB"),
        ("max RSS of this process", f"{rss_mb:.0f} MiB"),
    ]
    width = max(len(k) for k, _ in rows)
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  {'-' * 30}")
    for key, value in rows:
        print(f"{key:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
