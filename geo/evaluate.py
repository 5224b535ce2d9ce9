"""Score extraction against gold annotations (``shared/eval/seeds_gold.json``).

Measures
--------
- **Syrian place mentions**: gold toponyms whose ``type`` is not ``foreign`` (the country
  "Syrie" and metonymic uses such as "les bombardements de Damas" included: they keep their
  resolution) against predicted mentions with ``foreign=False``. A predicted mention matches a
  gold one when their spans overlap; the pair is *correct* when the prediction is resolved within
  5 km of the gold point, or, for a gold governorate or country, to the same governorate (P-code)
  or the country. Precision = correct pairs / predicted Syrian mentions; recall = correct pairs /
  gold Syrian mentions. Foreign gold mentions are scored apart (recall of ``foreign=True``), and
  metonymy agreement is reported on matched pairs.
- **Events** (strike, control_change; clash and displacement are reported too): one-to-one
  greedy matching of predicted and gold events of the same kind whose evidence spans overlap, or,
  failing that, whose places agree and whose ``when`` is the same. Precision/recall per kind.
- **Casualties**: on matched strikes, the share whose ``killed`` equals the gold ``killed``
  (``None`` = ``None`` counts as exact).

``python -m geo.evaluate [--spacy] [GOLD] [SEEDS_DIR]`` prints the table (``--spacy``: the optional spaCy path).
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

from gazetteer._governorates import pcode_for
from geo.model import Document, Event, Mention

__all__ = ["evaluate", "main", "KM_TOLERANCE"]

KM_TOLERANCE = 5.0
_KINDS = ("strike", "control_change", "clash", "displacement")

#: English governorate names of the gold -> OCHA P-codes.


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _mention_correct(pred: Mention, gold: dict[str, Any]) -> bool:
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


def _gold_place_point(gold_doc: dict[str, Any], place: str | None) -> tuple[dict[str, Any] | None]:
    for t in gold_doc["toponyms"]:
        if t["name"] == place:
            return (t,)
    return (None,)


def _place_agrees(ev: Event, gold_ev: dict[str, Any], gold_doc: dict[str, Any]) -> bool:
    (t,) = _gold_place_point(gold_doc, gold_ev.get("place"))
    if t is None or ev.place is None:
        return False
    if t["type"] == "country":
        return ev.place == "Syria" or (ev.adm1_pcode is None and ev.geo_precision == 3)
    if t["type"] == "governorate":
        return ev.geo_precision in (2, 3) and ev.adm1_pcode == pcode_for(t.get("adm1") or "") and (
            ev.lat is None or t.get("lat") is None or _km((ev.lat, ev.lon), (t["lat"], t["lon"])) <= 25 or ev.geo_precision == 3
        )
    return ev.lat is not None and t.get("lat") is not None and _km((ev.lat, ev.lon), (t["lat"], t["lon"])) <= KM_TOLERANCE


def _norm_when(w: str | None) -> str:
    return " ".join((w or "").split()).lower()


def _score_events(doc: Document, gold_doc: dict[str, Any], acc: dict[str, dict[str, int]]) -> None:
    for kind in _KINDS:
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
            a["matched"] += 1
            a["place_ok"] += int(place_ok)
            if kind == "strike":
                a["killed_exact"] += int(preds[pi].killed == golds[gi].get("killed"))


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
        ``{"documents", "mentions": {precision, recall, ...}, "foreign": {...},
        "events": {kind: {precision, recall, place_accuracy, ...}}, "casualties": {...}}``.
    """
    from gazetteer.errors import InputError

    path = Path(gold_path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        msg = f"cannot read gold annotations {str(path)!r}: {exc}"
        raise InputError(msg) from exc
    by_id = {g["id"]: g for g in gold}
    m_acc = dict.fromkeys(("pred", "gold", "overlap", "correct", "met_agree", "gold_foreign", "foreign_found", "foreign_pred_in_syria"), 0)
    e_acc = {k: dict.fromkeys(("pred", "gold", "matched", "place_ok", "killed_exact"), 0) for k in _KINDS}
    n = 0
    for doc in docs:
        g = by_id.get(doc.id) or by_id.get(Path(doc.source).stem)
        if g is None:
            continue
        n += 1
        _score_mentions(doc, g, m_acc)
        _score_events(doc, g, e_acc)
    events = {
        k: {
            "gold": a["gold"],
            "predicted": a["pred"],
            "matched": a["matched"],
            "precision": _ratio(a["matched"], a["pred"]),
            "recall": _ratio(a["matched"], a["gold"]),
            "place_accuracy": _ratio(a["place_ok"], a["matched"]),
        }
        for k, a in e_acc.items()
    }
    strikes = e_acc["strike"]
    return {
        "documents": n,
        "mentions": {
            "gold": m_acc["gold"],
            "predicted": m_acc["pred"],
            "correct": m_acc["correct"],
            "precision": _ratio(m_acc["correct"], m_acc["pred"]),
            "recall": _ratio(m_acc["correct"], m_acc["gold"]),
            "span_recall": _ratio(m_acc["overlap"], m_acc["gold"]),
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
    }


def _table(result: dict[str, Any]) -> str:
    m = result["mentions"]
    lines = [
        f"documents: {result['documents']}",
        "",
        f"{'measure':<28}{'precision':>10}{'recall':>10}{'gold':>7}{'pred':>7}",
        f"{'Syrian place mentions':<28}{m['precision']!s:>10}{m['recall']!s:>10}{m['gold']:>7}{m['predicted']:>7}",
    ]
    for kind, e in result["events"].items():
        lines.append(f"{kind + ' events':<28}{e['precision']!s:>10}{e['recall']!s:>10}{e['gold']:>7}{e['predicted']:>7}")
    c = result["casualties"]
    f = result["foreign"]
    lines += [
        "",
        f"metonymy agreement on matched mentions: {m['metonymy_agreement']}",
        f"foreign places recognised as foreign: {f['recall']} (mapped inside Syria: {f['mapped_inside_syria']})",
        f"killed exact on matched strikes: {c['accuracy']} ({c['killed_exact']}/{c['matched_strikes']})",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m geo.evaluate [--spacy] [GOLD] [SEEDS_DIR]`` (defaults: ``../shared``).

    ``--spacy`` scores the optional spaCy path (``use_spacy=True``, extra ``nlp``).
    """
    from geo.extract import extract

    args = list(sys.argv[1:] if argv is None else argv)
    if "-h" in args or "--help" in args:
        print("usage: python -m geo.evaluate [--spacy] [GOLD] [SEEDS_DIR]\n\n" + (main.__doc__ or "").strip())
        return 0
    use_spacy = "--spacy" in args
    args = [a for a in args if a != "--spacy"]
    shared = Path(__file__).resolve().parents[1].parent / "shared"
    gold = Path(args[0]) if args else shared / "eval" / "seeds_gold.json"
    seeds = Path(args[1]) if len(args) > 1 else shared / "seeds"
    errors: list[Any] = []
    docs = list(extract(seeds, errors=errors, use_spacy=use_spacy))
    result = evaluate(docs, gold)
    print(_table(result))
    for err in errors:
        print(f"error: {err}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
