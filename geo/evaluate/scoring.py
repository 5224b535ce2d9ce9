"""The scores: counts of every document accumulated, then precision, recall and F1 per measure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from geo.evaluate.gold import load_gold
from geo.evaluate.matching import score_events, score_mentions
from geo.kinds import EVENT_KINDS
from geo.model import Document
from geo.vocab import EventKind

__all__ = ["evaluate"]


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


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
    gold = load_gold(gold_path)
    by_id = {g["id"]: g for g in gold}
    kinds = list(EVENT_KINDS)
    for g in gold:
        for e in g.get("events", ()):
            if e.get("kind") not in kinds:
                kinds.append(e["kind"])
    m_acc = dict.fromkeys(_MENTION_COUNTS, 0)
    e_acc = {k: dict.fromkeys(_EVENT_COUNTS, 0) for k in kinds}
    n = 0
    for doc in docs:
        gold_doc = by_id.get(doc.id) or by_id.get(Path(doc.source).stem)
        if gold_doc is None:
            continue
        n += 1
        score_mentions(doc, gold_doc, m_acc)
        score_events(doc, gold_doc, e_acc)
    strikes = e_acc[EventKind.STRIKE]
    cc = e_acc[EventKind.CONTROL_CHANGE]
    return {
        "documents": n,
        "mentions": _mention_result(m_acc),
        "foreign": {
            "gold": m_acc["gold_foreign"],
            "recall": _ratio(m_acc["foreign_found"], m_acc["gold_foreign"]),
            "mapped_inside_syria": m_acc["foreign_pred_in_syria"],
        },
        "events": {k: _event_result(a) for k, a in e_acc.items()},
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


_MENTION_COUNTS = ("pred", "gold", "overlap", "correct", "met_agree", "gold_foreign", "foreign_found",
                   "foreign_pred_in_syria")
_EVENT_COUNTS = ("pred", "gold", "matched", "place_ok", "killed_exact", "new_gold", "new_ok", "prev_gold", "prev_ok",
                 "status_ok")


def _event_result(a: dict[str, int]) -> dict[str, Any]:
    p, r = _ratio(a["matched"], a["pred"]), _ratio(a["matched"], a["gold"])
    return {"gold": a["gold"], "predicted": a["pred"], "matched": a["matched"], "precision": p, "recall": r,
            "f1": _f1(p, r), "place_accuracy": _ratio(a["place_ok"], a["matched"])}


def _mention_result(m_acc: dict[str, int]) -> dict[str, Any]:
    mp, mr = _ratio(m_acc["correct"], m_acc["pred"]), _ratio(m_acc["correct"], m_acc["gold"])
    dp, dr = _ratio(m_acc["overlap"], m_acc["pred"]), _ratio(m_acc["overlap"], m_acc["gold"])
    return {
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
    }
