"""Speed of the default extraction path against spaCy ``fr_core_news_sm`` NER alone, on real-length dispatches.

Usage::

    python benchmarks/bench_speed_ratio.py [--texts DIR] [--repeat R] [--compare SRC_DIR]

Reads every ``*.txt`` of ``--texts`` (default ``../shared/eval/dev3``: 75 dispatches of 1-3 kB;
without it, 300 generated dispatches), repeats the list ``R`` times (default 3), and times, in
one run and on the same texts, on one core:

- the default path: :func:`geo.extract.document.extract_document` (mentions + events + control states,
  no spaCy), as documents/s and MB/s, after 50 other (generated) dispatches are extracted untimed, so
  that one-time work (phrase index, patterns compiled on first use) is not counted;
- spaCy NER alone: ``fr_core_news_sm`` with every component but ``tok2vec`` and ``ner``
  excluded, ``nlp.pipe(texts, batch_size=32)`` (model load timed apart);
- with ``--compare SRC_DIR``: the default path of another source tree (e.g. a ``git archive`` of
  the main branch) in a fresh process on the same texts, for a before/after figure.

The ratio printed is (default path documents/s) / (spaCy NER documents/s).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_SHARED = _HERE.parents[1] / "shared"
_WARM = 50  # warm-up dispatches


def _texts(folder: Path | None, repeat: int) -> list[str]:
    if folder is not None and folder.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    else:
        sys.path.insert(0, str(_HERE))
        from generate_dispatches import generate

        texts = [text for _id, text in generate(300, 0)]
    return texts * repeat


def _warm_texts() -> list[str]:
    """Other texts than the timed ones (generated dispatches), extracted first so that one-time work
    (the gazetteer's phrase index, patterns compiled on first use) is not timed: the figure is the
    steady rate of a long run."""
    sys.path.insert(0, str(_HERE))
    from generate_dispatches import generate

    return [text for _id, text in generate(_WARM, 1)]


def _default_path(texts: list[str]) -> dict[str, float]:
    from gazetteer import Gazetteer
    from geo import extract_document  # the public API: the same name before and after the house refactor
    from geo.model import Document

    gaz = Gazetteer.default()
    for i, text in enumerate(_warm_texts()):  # the phrase index, lazily compiled patterns: not timed
        extract_document(Document(id=f"warm{i}", source="warm", text=text), gaz)
    t0 = time.perf_counter()
    events = 0
    for i, text in enumerate(texts):
        events += len(extract_document(Document(id=str(i), source=str(i), text=text), gaz).events)
    dt = time.perf_counter() - t0
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return {"docs": len(texts), "seconds": dt, "docs_per_s": len(texts) / dt, "mb_per_s": mb / dt, "events": events}


def _spacy_ner(texts: list[str]) -> dict[str, float] | None:
    try:
        import spacy
    except ImportError:
        return None
    t0 = time.perf_counter()
    try:
        nlp = spacy.load("fr_core_news_sm", exclude=["parser", "tagger", "morphologizer", "lemmatizer", "attribute_ruler", "senter"])
    except OSError:
        return None
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    ents = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=32))
    dt = time.perf_counter() - t0
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return {"docs": len(texts), "seconds": dt, "docs_per_s": len(texts) / dt, "mb_per_s": mb / dt, "load_seconds": load,
            "entities": ents, "pipeline": ",".join(nlp.pipe_names)}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures (``--json`` for one JSON object)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=_SHARED / "eval" / "dev3")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--compare", type=Path, help="source tree whose default path is timed too (before/after)")
    parser.add_argument("--default-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    texts = _texts(args.texts, args.repeat)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    if args.default_only:
        print(json.dumps(_default_path(texts)))
        return 0
    result: dict[str, object] = {"texts": len(texts), "mb": round(mb, 3), "default": _default_path(texts)}
    if args.compare is not None:
        cmd = [sys.executable, __file__, "--default-only", "--repeat", str(args.repeat), "--texts", str(args.texts)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, env={"PYTHONPATH": str(args.compare), "PATH": ""})
        result["compare"] = json.loads(out.stdout.strip().splitlines()[-1])
    result["spacy_ner"] = _spacy_ner(texts)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    d = result["default"]
    print(f"{len(texts)} dispatches, {mb:.2f} MB, one core")
    print(f"default path: {d['docs_per_s']:.0f} docs/s, {d['mb_per_s']:.2f} MB/s ({d['events']} events)")
    if "compare" in result:
        c = result["compare"]
        print(f"default path of {args.compare}: {c['docs_per_s']:.0f} docs/s, {c['mb_per_s']:.2f} MB/s ({c['events']} events)")
    s = result["spacy_ner"]
    if s is None:
        print("spaCy NER: not installed (pip install 'conflictmap[nlp]')")
        return 0
    print(f"spaCy fr_core_news_sm NER alone ({s['pipeline']}): {s['docs_per_s']:.1f} docs/s, {s['mb_per_s']:.3f} MB/s "
          f"(model load {s['load_seconds']:.1f} s apart)")
    print(f"ratio default / spaCy NER: {d['docs_per_s'] / s['docs_per_s']:.1f}x")
    if "compare" in result:
        print(f"ratio {args.compare} / spaCy NER: {result['compare']['docs_per_s'] / s['docs_per_s']:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
