"""``python -m geo.evaluate``: score extraction on a gold set, print a table or JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from geo.evaluate.gold import load_gold
from geo.evaluate.scoring import evaluate

__all__ = ["main"]


def _fmt(x: Any) -> str:
    return "-" if x is None else (f"{x:.3f}" if isinstance(x, float) else str(x))


def _table(result: dict[str, Any]) -> str:
    m = result["mentions"]
    lines = [
        f"documents: {result['documents']}",
        "",
        f"{'measure':<30}{'precision':>10}{'recall':>9}{'F1':>8}{'gold':>7}{'pred':>7}{'place':>8}",
        (f"{'Syrian place mentions':<30}{_fmt(m['precision']):>10}{_fmt(m['recall']):>9}{_fmt(m['f1']):>8}"
         f"{m['gold']:>7}{m['predicted']:>7}"),
        (f"{'  detected (span overlap)':<30}{_fmt(m['detection_precision']):>10}"
         f"{_fmt(m['detection_recall']):>9}{_fmt(m['detection_f1']):>8}"),
    ]
    for kind, e in result["events"].items():
        lines.append(f"{kind:<30}{_fmt(e['precision']):>10}{_fmt(e['recall']):>9}{_fmt(e['f1']):>8}{e['gold']:>7}{e['predicted']:>7}"
                     f"{_fmt(e['place_accuracy']):>8}")
    c, f, k = result["casualties"], result["foreign"], result["control"]
    lines += [
        "",
        f"mentions resolved right (of detected): {_fmt(m['resolved_right'])}",
        f"metonymy agreement on matched mentions: {_fmt(m['metonymy_agreement'])}",
        f"foreign places recognised as foreign: {_fmt(f['recall'])} (mapped inside Syria: {f['mapped_inside_syria']})",
        f"killed exact on matched strikes: {_fmt(c['accuracy'])} ({c['killed_exact']}/{c['matched_strikes']})",
        (f"control changes matched: {k['matched']}; gaining side right: {_fmt(k['new_controller_right'])} "
         f"(of {k['new_controller_scored']}); previous controller right: {_fmt(k['previous_controller_right'])} "
         f"(of {k['previous_controller_scored']}); status right: {_fmt(k['status_right'])}"),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m geo.evaluate [--gold FILE --texts DIR] [--json] [--spacy]``.

    The older positional form ``[GOLD] [TEXTS_DIR]`` still works; the defaults are the seeds of
    ``../shared``. ``--spacy`` scores the optional spaCy path (extra ``nlp``).
    """
    import argparse

    from geo.extract.document import extract

    shared = Path(__file__).resolve().parents[2].parent / "shared"
    parser = argparse.ArgumentParser(prog="python -m geo.evaluate", description="Score extraction against a gold set.")
    parser.add_argument("--gold", type=Path, help="gold JSON (seeds schema)")
    parser.add_argument("--texts", type=Path, help="folder of <id>.txt documents")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--spacy", action="store_true", help="score the optional spaCy path")
    parser.add_argument("positional", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    gold = args.gold or (Path(args.positional[0]) if args.positional else shared / "eval" / "seeds_gold.json")
    texts = args.texts or (Path(args.positional[1]) if len(args.positional) > 1 else None)
    if texts is None:
        texts = shared / "seeds" if gold == shared / "eval" / "seeds_gold.json" else gold.parent
    if not texts.is_dir():
        parser.error(f"--texts {str(texts)!r} is not a folder")
    ids = [g["id"] for g in load_gold(gold)]
    files = [texts / f"{i}.txt" for i in ids if (texts / f"{i}.txt").is_file()]
    missing = [i for i in ids if not (texts / f"{i}.txt").is_file()]
    errors: list[Any] = []
    docs = list(extract(files, errors=errors, use_spacy=args.spacy))
    result = evaluate(docs, gold)
    result["missing_texts"] = missing
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else _table(result))
    for i in missing:
        print(f"warning: no text {str(texts / (i + '.txt'))!r} for gold article {i!r}", file=sys.stderr)
    for err in errors:
        print(f"error: {err}", file=sys.stderr)
    return 0
