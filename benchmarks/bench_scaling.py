"""Benchmark: extraction time of ONE document against its size (linear or not).

Usage::

    python benchmarks/bench_scaling.py                      # short lines 10k/40k/160k, realistic 128 KB / 1 MB
    python benchmarks/bench_scaling.py --lines 10000 20000  # only these short-line sizes
    python benchmarks/bench_scaling.py --realistic 0        # skip the realistic documents

Two kinds of document, each extracted whole by :func:`geo.extract.document.extract_document` (default path, no
spaCy, warm gazetteer):

* **short lines**: N one-line sentences, each naming a place from the curated spellings table and a
  strike, clash or control change ("Frappe aérienne sur Saraqeb : 3 morts."), the dense text that made
  extraction quadratic (every sentence scanned every mention);
* **realistic**: the synthetic dispatches of ``generate_dispatches.py`` concatenated into one document of
  128 KB and 1 MB (paragraphs, quotes, relative dates).

Prints seconds, microseconds per KB and the ratio to the smallest size: linear means the per-KB figure
stays flat.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(_HERE))
sys.path.insert(0, str(_HERE.parent))

_TEMPLATES = (
    "Frappe aérienne sur {p} : {n} morts.",
    "Des combats ont opposé les rebelles aux forces du régime près de {p}.",
    "Le régime a repris le contrôle de {p}.",
    "Un raid russe a tué {n} civils à {p} mardi.",
    "Des tirs d'obus sur {p} ont blessé {n} personnes.",
)


def short_lines(n: int) -> str:
    """``n`` one-sentence lines, places taken in turn from the curated spellings table."""
    with (_HERE.parent / "gazetteer" / "data" / "french_spellings.csv").open(encoding="utf-8") as fh:
        places = [r["name"] for r in csv.DictReader(fh) if r.get("name")][:300]
    lines = [_TEMPLATES[i % len(_TEMPLATES)].format(p=places[i % len(places)], n=2 + i % 17) for i in range(n)]
    return " date 2019-09-05\n" + "\n".join(lines) + "\n"


def realistic(size: int) -> str:
    """Generated dispatches glued into one document of about ``size`` characters."""
    from generate_dispatches import generate

    parts: list[str] = []
    total = 0
    for _id, text in generate(100000, 3):
        body = text[17:] if text.startswith(" date ") else text
        parts.append(body)
        total += len(body) + 2
        if total >= size:
            break
    return " date 2019-09-05\n" + "\n\n".join(parts)


def time_one(text: str) -> tuple[float, int, int]:
    """Seconds to extract ``text`` as one document; events and mentions found."""
    from gazetteer import Gazetteer
    from geo.extract.dates import read_date
    from geo.extract.document import extract_document
    from geo.model import Document

    d = read_date("2019-09-05")
    doc = Document(id="bench", source="bench", text=text, date=d.date, date_precision=d.precision)
    gaz = Gazetteer.default()
    t0 = time.perf_counter()
    extract_document(doc, gaz)
    return time.perf_counter() - t0, len(doc.events), len(doc.mentions)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one line per document."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, nargs="*", default=[10000, 40000, 160000])
    ap.add_argument("--realistic", type=int, nargs="*", default=[128 * 1024, 1024 * 1024],
                    help="sizes in characters (0 to skip)")
    args = ap.parse_args(argv)
    from gazetteer import Gazetteer

    time_one("Frappe sur Alep.")  # warm the gazetteer and the phrase matcher
    Gazetteer.default()
    for label, sizes, make in (("short lines", args.lines, short_lines), ("realistic", args.realistic, realistic)):
        first = None
        for n in sizes:
            if n <= 0:
                continue
            text = make(n)
            kb = len(text.encode("utf-8")) / 1024
            dt, n_ev, n_m = time_one(text)
            per_kb = dt / kb * 1e6
            first = first or per_kb
            what = f"{n} lines" if label == "short lines" else f"{n // 1024} KB"
            print(f"{label:<12} {what:>14}: {kb:8.0f} KB  {dt:7.2f} s  {per_kb:7.0f} µs/KB  "
                  f"(x{per_kb / first:.2f} per KB vs smallest)  {n_ev} events, {n_m} mentions", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
