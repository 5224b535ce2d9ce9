"""Score extraction against gold annotations in the seeds schema (seeds, dev2, held-out, dev3).

Measures
--------
- **Syrian place mentions**: gold toponyms whose ``type`` is not ``foreign`` against predicted
  mentions with ``foreign=False``. A prediction *detects* a gold mention when their spans overlap
  (``detection_precision/recall/f1``); the pair is *correct* when the prediction is resolved
  within 5 km of the gold point, or, for a gold governorate or country, to the same governorate
  (P-code) or the country. Gold mentions without a point (``lat`` null, ``source`` "not found"
  or "n/a": rivers, roads, places absent from the reference data) count as correct once detected:
  they are not resolution errors. ``precision``/``recall`` count correct pairs;
  ``resolved_right`` = correct pairs / detected pairs. Foreign gold mentions are scored apart.
- **Events**, per kind of :data:`geo.kinds.EVENT_KINDS` (plus any other kind found in the gold):
  one-to-one greedy matching of predicted and gold events of the same kind whose evidence spans
  overlap, or, failing that, whose places agree and whose ``when`` is the same. Precision,
  recall, F1 and place accuracy per kind.
- **Casualties**: on matched strikes, the share whose ``killed`` equals the gold ``killed``
  (``None`` = ``None`` counts as exact).
- **Control changes**, on matched pairs: the gaining side right (``new_controller`` among the gold
  ``target_or_new_controller`` labels; "regime (details)", "A + B", "A and B" are split into
  their base labels), ``previous_controller`` right (same rule, gold null scored only when a
  side is stated), and the status right: a gold change is *claimed* when it is marked
  ``disputed`` or its notes speak of a claim, *reversed* when its notes call it temporary,
  reversed or brief; a prediction is right when its ``status`` agrees on both (``denied`` counts
  as claimed).

``python -m geo.evaluate --gold FILE --texts DIR [--json] [--spacy]`` prints the table (or JSON);
without arguments it scores the seeds of ``../shared``.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path
from typing import Any

from gazetteer.governorates import pcode_for
from geo.model import Document, Event, Mention

__all__ = ["KM_TOLERANCE", "evaluate", "gold_labels", "gold_status", "main"]

KM_TOLERANCE = 5.0


def _kinds() -> tuple[str, ...]:
    try:
        from geo.kinds import EVENT_KINDS
    except ImportError:  # pragma: no cover - before the registry existed
        from geo.model import EVENT_KINDS
    return tuple(EVENT_KINDS)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def _unlocatable(gold: dict[str, Any]) -> bool:
    """A gold mention without a point ("not found", rivers and roads "n/a"): detection is all we score."""
    return gold.get("lat") is None and gold["type"] != "country" and bool(
        re.match(r"\s*(?:not\s+found|n/a|not\s+applicable)", str(gold.get("source") or ""), re.IGNORECASE)
    )


def _mention_correct(pred: Mention, gold: dict[str, Any]) -> bool:
    if _unlocatable(gold):
        return True
    if pred.name is None:
        return False
    if gold["type"] == "country":
        return pred.kind == "country"
    if pred.lat is not None and gold.get("lat") is not None and _km((pred.lat, pred.lon), (gold["lat"], gold["lon"])) <= KM_TOLERANCE:
        return True
    if gold["type"] == "governorate":
        return pred.kind == "governorate" and pred.adm1_pcode == pcode_for(gold.get("adm1") or "")
    return False


def _score_mentions(doc: Document, gold: dict[str, Any], acc: dict[str, int]) -> None:
    gold_syr = [t for t in gold["toponyms"] if t["type"] != "foreign"]
    gold_for = [t for t in gold["toponyms"] if t["type"] == "foreign"]
    pred_syr = [m for m in doc.mentions if not m.foreign]
    acc["pred"] += len(pred_syr)
    acc["gold"] += len(gold_syr)
    used: set[int] = set()
    for g in gold_syr:
        for i, m in enumerate(pred_syr):
            if i in used or not (m.start < g["end"] and g["start"] < m.end):
                continue
            used.add(i)
            acc["overlap"] += 1
            if _mention_correct(m, g):
                acc["correct"] += 1
            acc["met_agree"] += int(bool(g.get("metonymic")) == m.metonymic)
            break
    acc["gold_foreign"] += len(gold_for)
    for g in gold_for:
        if any(m.foreign and m.start < g["end"] and g["start"] < m.end for m in doc.mentions):
            acc["foreign_found"] += 1
    acc["foreign_pred_in_syria"] += sum(
        1 for m in pred_syr for g in gold_for if m.start < g["end"] and g["start"] < m.end
    )


def _gold_place(gold_doc: dict[str, Any], place: str | None) -> dict[str, Any] | None:
    return next((t for t in gold_doc["toponyms"] if t["name"] == place), None)


def _place_agrees(ev: Event, gold_ev: dict[str, Any], gold_doc: dict[str, Any]) -> bool:
    t = _gold_place(gold_doc, gold_ev.get("place"))
    if t is None or ev.place is None:
        return False
    if t["type"] == "country":
        return ev.place == "Syria" or (ev.adm1_pcode is None and ev.geo_precision == 3)
    if t["type"] == "foreign":
        return ev.lat is None and (ev.place or "").lower() == (t.get("name") or "").lower()
    if t["type"] == "governorate":
        return ev.geo_precision in (2, 3) and ev.adm1_pcode == pcode_for(t.get("adm1") or "") and (
            ev.lat is None or t.get("lat") is None or _km((ev.lat, ev.lon), (t["lat"], t["lon"])) <= 25 or ev.geo_precision == 3
        )
    if t.get("lat") is None:  # a place without a point: the name must agree
        return (ev.place or "").lower() == (t.get("name") or "").lower()
    return ev.lat is not None and _km((ev.lat, ev.lon), (t["lat"], t["lon"])) <= KM_TOLERANCE


def _norm_when(w: str | None) -> str:
    return " ".join((w or "").split()).lower()


_LABEL_SPLIT = re.compile(r"\s+(?:\+|and|vs\.?|/(?!\w))\s+")


#: Free-text labels of the older gold sets (seeds, dev2, held-out) -> the actor labels.
_GOLD_ALIASES = (
    (re.compile(r"pro-?government|government\s+forces", re.IGNORECASE), "regime"),
    (re.compile(r"^(?:islamists?|jihadists?)$", re.IGNORECASE), "HTS/jihadists"),
    (re.compile(r"^turk(?:ish|ey)\b(?!-backed)", re.IGNORECASE), "Turkey"),
    (re.compile(r"^(?:SDF|YPG|Kurdish\s+forces)$", re.IGNORECASE), "SDF/Kurdish forces"),
    (re.compile(r"\brebels?$|\bproxies$|\bfactions$", re.IGNORECASE), "rebels"),
)
_LABELS = {"regime", "Russia", "coalition", "Turkey", "Turkey-backed factions", "rebels", "HTS/jihadists", "IS",
           "SDF/Kurdish forces", "Iran/Hezbollah", "Israel", "government", "other"}
#: The project's label set has one Turkish side: Turkey-backed Syrian factions are coded ``Turkey``.
_EQUIVALENT = {"Turkey-backed factions": {"Turkey"}}


def gold_labels(value: str | None) -> set[str]:
    """Actor labels a prediction may give for a gold label.

    ``"HTS/jihadists + rebels (allied)"`` -> {HTS/jihadists, rebels}; the free labels of the older
    sets ("pro-government forces", "Turkish forces and Syrian proxies") map to the actor labels;
    "Turkey-backed factions" also accepts ``Turkey`` (one Turkish side in the label set).
    """
    if not value:
        return set()
    out: set[str] = set()
    for part in _LABEL_SPLIT.split(re.sub(r"\([^)]*\)", " ", value)):
        part = part.strip()
        if not part:
            continue
        for pattern, label in _GOLD_ALIASES if part not in _LABELS else ():
            if pattern.search(part):
                part = label
                break
        out.add(part)
        out |= _EQUIVALENT.get(part, set())
    return out


_CLAIM_NOTE = re.compile(r"\bclaim", re.IGNORECASE)
_REVERSED_NOTE = re.compile(r"\btemporar|\brevers|\bbrief|\bpushed\s+(?:out|back)|\bdriven\s+(?:out|back)", re.IGNORECASE)


def gold_status(gold_ev: dict[str, Any]) -> tuple[bool, bool]:
    """(claimed, reversed) of a gold control change, from ``disputed`` and its notes."""
    notes = gold_ev.get("notes") or ""
    return bool(gold_ev.get("disputed")) or bool(_CLAIM_NOTE.search(notes)), bool(_REVERSED_NOTE.search(notes))


def _score_events(doc: Document, gold_doc: dict[str, Any], acc: dict[str, dict[str, int]]) -> None:
    for kind in acc:
        golds = [e for e in gold_doc["events"] if e["kind"] == kind]
        preds = [e for e in doc.events if e.kind == kind]
        a = acc[kind]
        a["gold"] += len(golds)
        a["pred"] += len(preds)
        pairs = []
        for gi, g in enumerate(golds):
            for pi, p in enumerate(preds):
                overlap = p.start < g["evidence_end"] and g["evidence_start"] < p.end
                place_ok = _place_agrees(p, g, gold_doc)
                same_when = _norm_when(p.when) == _norm_when(g.get("when")) and p.when is not None
                if overlap or (place_ok and same_when):
                    score = 2 * overlap + place_ok + same_when + (p.killed == g.get("killed"))
                    pairs.append((score, gi, pi, place_ok))
        pairs.sort(key=lambda t: -t[0])
        used_g: set[int] = set()
        used_p: set[int] = set()
        for _score, gi, pi, place_ok in pairs:
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            p, g = preds[pi], golds[gi]
            a["matched"] += 1
            a["place_ok"] += int(place_ok)
            if kind == "strike":
                a["killed_exact"] += int(p.killed == g.get("killed"))
            if kind == "control_change":
                new = gold_labels(g.get("target_or_new_controller"))
                if new:
                    a["new_gold"] += 1
                    a["new_ok"] += int(p.new_controller in new)
                prev = gold_labels(g.get("previous_controller"))
                if prev:
                    a["prev_gold"] += 1
                    a["prev_ok"] += int(p.previous_controller in prev)
                claimed, reversed_ = gold_status(g)
                a["status_ok"] += int(claimed == (p.status in ("claimed", "denied")) and reversed_ == (p.status == "reversed"))


def _load_gold(gold_path: str | Path) -> list[dict[str, Any]]:
    from gazetteer.errors import InputError

    path = Path(gold_path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        msg = f"cannot read gold annotations {str(path)!r}: {exc}"
        raise InputError(msg) from exc
    if not isinstance(gold, list) or not all(isinstance(g, dict) and "id" in g for g in gold):
        msg = f"gold annotations {str(path)!r}: expected a JSON list of articles with an 'id', got {type(gold).__name__}"
        raise InputError(msg)
    return gold


def evaluate(docs: list[Document], gold_path: str | Path) -> dict[str, Any]:
    """Score extracted documents against a gold file.

    Parameters
    ----------
    docs : list of Document
        Extracted documents; matched to gold articles by ``doc.id`` (the file stem) or by the
        file name of ``doc.source``.
    gold_path : str or Path
        A JSON list of articles with ``id``, ``toponyms`` and ``events`` (see ``shared/eval/README.md``).

    Returns
    -------
    dict
        ``{"documents", "mentions": {precision, recall, f1, detection_f1, resolved_right, ...},
        "foreign": {...}, "events": {kind: {precision, recall, f1, place_accuracy, ...}},
        "casualties": {...}, "control": {new_controller_right, previous_controller_right, status_right}}``.
    """
    gold = _load_gold(gold_path)
    by_id = {g["id"]: g for g in gold}
    kinds = list(_kinds())
    for g in gold:
        for e in g.get("events", ()):
            if e.get("kind") not in kinds:
                kinds.append(e["kind"])
    m_acc = dict.fromkeys(("pred", "gold", "overlap", "correct", "met_agree", "gold_foreign", "foreign_found", "foreign_pred_in_syria"), 0)
    e_acc = {k: dict.fromkeys(("pred", "gold", "matched", "place_ok", "killed_exact", "new_gold", "new_ok",
                               "prev_gold", "prev_ok", "status_ok"), 0) for k in kinds}
    n = 0
    for doc in docs:
        g = by_id.get(doc.id) or by_id.get(Path(doc.source).stem)
        if g is None:
            continue
        n += 1
        _score_mentions(doc, g, m_acc)
        _score_events(doc, g, e_acc)
    events = {}
    for k, a in e_acc.items():
        p, r = _ratio(a["matched"], a["pred"]), _ratio(a["matched"], a["gold"])
        events[k] = {"gold": a["gold"], "predicted": a["pred"], "matched": a["matched"], "precision": p, "recall": r,
                     "f1": _f1(p, r), "place_accuracy": _ratio(a["place_ok"], a["matched"])}
    strikes = e_acc["strike"]
    cc = e_acc["control_change"]
    mp, mr = _ratio(m_acc["correct"], m_acc["pred"]), _ratio(m_acc["correct"], m_acc["gold"])
    dp, dr = _ratio(m_acc["overlap"], m_acc["pred"]), _ratio(m_acc["overlap"], m_acc["gold"])
    return {
        "documents": n,
        "mentions": {
            "gold": m_acc["gold"],
            "predicted": m_acc["pred"],
            "detected": m_acc["overlap"],
            "correct": m_acc["correct"],
            "precision": mp,
            "recall": mr,
            "f1": _f1(mp, mr),
            "span_recall": dr,
            "detection_precision": dp,
            "detection_recall": dr,
            "detection_f1": _f1(dp, dr),
            "resolved_right": _ratio(m_acc["correct"], m_acc["overlap"]),
            "metonymy_agreement": _ratio(m_acc["met_agree"], m_acc["overlap"]),
        },
        "foreign": {
            "gold": m_acc["gold_foreign"],
            "recall": _ratio(m_acc["foreign_found"], m_acc["gold_foreign"]),
            "mapped_inside_syria": m_acc["foreign_pred_in_syria"],
        },
        "events": events,
        "casualties": {
            "matched_strikes": strikes["matched"],
            "killed_exact": strikes["killed_exact"],
            "accuracy": _ratio(strikes["killed_exact"], strikes["matched"]),
        },
        "control": {
            "matched": cc["matched"],
            "new_controller_scored": cc["new_gold"],
            "new_controller_right": _ratio(cc["new_ok"], cc["new_gold"]),
            "previous_controller_scored": cc["prev_gold"],
            "previous_controller_right": _ratio(cc["prev_ok"], cc["prev_gold"]),
            "status_right": _ratio(cc["status_ok"], cc["matched"]),
        },
    }


def _fmt(x: Any) -> str:
    return "-" if x is None else (f"{x:.3f}" if isinstance(x, float) else str(x))


def _table(result: dict[str, Any]) -> str:
    m = result["mentions"]
    lines = [
        f"documents: {result['documents']}",
        "",
        f"{'measure':<30}{'precision':>10}{'recall':>9}{'F1':>8}{'gold':>7}{'pred':>7}{'place':>8}",
        f"{'Syrian place mentions':<30}{_fmt(m['precision']):>10}{_fmt(m['recall']):>9}{_fmt(m['f1']):>8}{m['gold']:>7}{m['predicted']:>7}",
        f"{'  detected (span overlap)':<30}{_fmt(m['detection_precision']):>10}{_fmt(m['detection_recall']):>9}{_fmt(m['detection_f1']):>8}",
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
        f"control changes matched: {k['matched']}; gaining side right: {_fmt(k['new_controller_right'])} "
        f"(of {k['new_controller_scored']}); previous controller right: {_fmt(k['previous_controller_right'])} "
        f"(of {k['previous_controller_scored']}); status right: {_fmt(k['status_right'])}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m geo.evaluate [--gold FILE --texts DIR] [--json] [--spacy]``.

    The older positional form ``[GOLD] [TEXTS_DIR]`` still works; the defaults are the seeds of
    ``../shared``. ``--spacy`` scores the optional spaCy path (extra ``nlp``).
    """
    import argparse

    from geo.extract.document import extract

    shared = Path(__file__).resolve().parents[1].parent / "shared"
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
    ids = [g["id"] for g in _load_gold(gold)]
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


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
