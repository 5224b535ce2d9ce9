"""Benchmark the whole job at scale: wall time, peak memory, output sizes, Dask and incremental runs.

Usage::

    python benchmarks/bench_scale.py 2000 20000 [--dask 20000] [--workdir DIR]

For each size N, ``N`` dispatches are generated as ``.txt`` files (``generate_dispatches.py``,
seed 0) and measured, each configuration in a fresh process (so its peak RSS is its own):

* ``extract-only``: reading + extraction of every document (:func:`geo.extract.document.extract`), nothing kept;
* ``run``: ``geo.pipeline.job.run`` (what ``conflictmap run DIR --out OUT --offline`` does), with its
  per-stage times, the sizes of ``events.gpkg`` and ``map.html``;
* for the largest N, ``incremental``: one new dispatch added, the same run again on the same
  ``--out`` (the cache holds the N others);
* with ``--dask N``: the run with ``engine="dask"`` on a ``LocalCluster`` of 2 worker processes
  (peak RSS is the driver's; the workers are other processes), and its CPU seconds (driver, workers)
  against the local run's: what an idle 2-core machine would give when the machine is shared.

Figures depend on the machine's load: say so when quoting them.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(_HERE))

NEW_DISPATCH = """ date 2021-06-02
Des bombardements de l'artillerie ont frappé mardi la localité de Kafranbel, dans le sud de la province
d'Idleb, tuant deux civils, selon l'Observatoire syrien des droits de l'homme.
"""


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _cpu(who: int) -> float:
    """User + system CPU seconds of this process (``RUSAGE_SELF``) or of its ended children (the Dask workers)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _child(argv: list[str]) -> None:
    mode, src = argv[0], argv[1]
    t0 = time.perf_counter()
    if mode == "extract":
        from geo.extract.document import extract

        n = sum(1 for _ in extract([src], errors=[]))
        print("RESULT" + json.dumps({"seconds": time.perf_counter() - t0, "peak_mb": _peak_mb(), "docs": n}))
        return
    from geo.pipeline.job import run

    out = Path(argv[2])
    engine = argv[3] if len(argv) > 3 else "local"
    summary = run([src], out, offline=True, engine=engine, workers=2 if engine == "dask" else None)
    took = time.perf_counter() - t0
    print("RESULT" + json.dumps({
        "seconds": took, "peak_mb": _peak_mb(), "docs": summary.documents, "extracted": summary.extracted,
        "cached": summary.cached, "events": sum(summary.events_by_kind.values()),
        "stages": summary.stage_times, "memory": summary.stage_memory, "gpkg_mb": (out / "events.gpkg").stat().st_size / 1e6,
        "html_mb": (out / "map.html").stat().st_size / 1e6,
        "cpu_driver": _cpu(resource.RUSAGE_SELF), "cpu_workers": _cpu(resource.RUSAGE_CHILDREN),
    }))


def _measure(*args: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT")), None)
    if line is None:
        raise SystemExit(f"{args}: failed\n{proc.stderr[-3000:]}")
    return json.loads(line[len("RESULT"):])


def _corpus(n: int, workdir: Path) -> Path:
    target = workdir / f"d{n}"
    if not (target.is_dir() and sum(1 for _ in target.glob("*.txt")) == n):
        shutil.rmtree(target, ignore_errors=True)
        subprocess.run([sys.executable, str(_HERE / "generate_dispatches.py"), str(n), str(target)], check=True,
                       capture_output=True)  # fmt: skip
    return target


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        _child(argv[1:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="*")
    parser.add_argument("--dask", type=int, help="also run the Dask engine (2 workers) on this size")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/conflictmap-bench-scale"))
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict] = {}
    for n in args.sizes:
        src = _corpus(n, args.workdir)
        ext = _measure("extract", str(src))
        out = args.workdir / f"out{n}"
        shutil.rmtree(out, ignore_errors=True)
        full = _measure("run", str(src), str(out))
        results[f"{n}"] = {"extract_only": ext, "run": full}
        print(f"{n:>7,} docs: run {full['seconds']:.1f} s, peak RSS {full['peak_mb']:.0f} MB, "
              f"events.gpkg {full['gpkg_mb']:.1f} MB, map.html {full['html_mb']:.1f} MB, {full['events']:,} events; "
              f"extraction only {ext['seconds']:.1f} s (peak {ext['peak_mb']:.0f} MB): "
              f"whole / extraction = {full['seconds'] / ext['seconds']:.2f}; stages "
              + ", ".join(f"{k} {v:.1f} s" for k, v in full["stages"].items()), flush=True)  # fmt: skip
        if n == max(args.sizes):
            new = src / "zzzz_new_dispatch.txt"
            new.write_text(NEW_DISPATCH, encoding="utf-8")
            try:
                inc = _measure("run", str(src), str(out))
            finally:
                new.unlink()
            results[f"{n}"]["incremental"] = inc
            print(f"{n:>7,} docs + 1 new: re-run {inc['seconds']:.1f} s ({inc['extracted']} extracted, "
                  f"{inc['cached']:,} from the cache) = {100 * inc['seconds'] / full['seconds']:.1f} % of the first run; "
                  "stages " + ", ".join(f"{k} {v:.1f} s" for k, v in inc["stages"].items()), flush=True)  # fmt: skip
    if args.dask:
        n = args.dask
        src = _corpus(n, args.workdir)
        local = results.get(f"{n}", {}).get("run")
        if local is None:  # a first run (empty cache), like the Dask one
            shutil.rmtree(args.workdir / f"local{n}", ignore_errors=True)
            local = _measure("run", str(src), str(args.workdir / f"local{n}"))
        out = args.workdir / f"dask{n}"
        shutil.rmtree(out, ignore_errors=True)
        dsk = _measure("run", str(src), str(out), "dask")
        results[f"dask{n}"] = dsk
        # the Dask engine joins while its workers extract: compare extraction + joins
        lx, dx = (r["stages"]["extraction"] + r["stages"].get("joins", 0.0) for r in (local, dsk))
        print(f"{n:>7,} docs, Dask LocalCluster 2 workers: {dsk['seconds']:.1f} s vs local {local['seconds']:.1f} s: "
              f"speed-up {local['seconds'] / dsk['seconds']:.2f}x (extraction + joins {lx:.1f} s -> {dx:.1f} s: "
              f"{lx / dx:.2f}x); driver peak RSS {dsk['peak_mb']:.0f} MB", flush=True)  # fmt: skip
        # On a loaded machine wall ratios mean little: the CPU seconds give what an idle 2-core machine
        # would do, the workers' CPU shared by the 2 cores and the driver's CPU (its stages after the
        # extraction are serial) added on top.
        idle = dsk["cpu_workers"] / 2 + dsk["cpu_driver"]
        print(f"{n:>7,} docs, CPU seconds: local {local['cpu_driver']:.1f}; Dask driver {dsk['cpu_driver']:.1f} "
              f"+ workers {dsk['cpu_workers']:.1f}: on an idle 2-core machine about {local['cpu_driver']:.1f} s vs "
              f"{idle:.1f} s = {local['cpu_driver'] / idle:.2f}x", flush=True)  # fmt: skip
    (args.workdir / "results.json").write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
