"""Matching predictions to gold: place mentions by span, events one-to-one by evidence, place and date."""

from __future__ import annotations

import re
from typing import Any

from gazetteer.distance import haversine_km
from gazetteer.governorates import pcode_for
from geo.evaluate.gold import gold_labels, gold_status
from geo.model import Document, Event, Mention
from geo.vocab import ControlStatus, EventKind, GeoPrecision

__all__ = ["KM_TOLERANCE", "score_events", "score_mentions"]

#: A resolved point within this many kilometres of the gold point is right.
KM_TOLERANCE = 5.0


def _within(lat: float | None, lon: float | None, gold: dict[str, Any], km: float) -> bool:
    """True when the point (lat, lon) is within ``km`` of the gold point (False when either is missing)."""
    if lat is None or lon is None or gold.get("lat") is None:
        return False
    return haversine_km(lat, lon, gold["lat"], gold["lon"]) <= km


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
    if _within(pred.lat, pred.lon, gold, KM_TOLERANCE):
        return True
    if gold["type"] == "governorate":
        return pred.kind == "governorate" and pred.adm1_pcode == pcode_for(gold.get("adm1") or "")
    return False


def score_mentions(doc: Document, gold: dict[str, Any], acc: dict[str, int]) -> None:
    """Add the mention counts of one document (Syrian and foreign places) to ``acc``."""
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
        return ev.place == "Syria" or (ev.adm1_pcode is None and ev.geo_precision == GeoPrecision.REGION)
    if t["type"] == "foreign":
        return ev.lat is None and (ev.place or "").lower() == (t.get("name") or "").lower()
    if t["type"] == "governorate":
        near = ev.lat is None or t.get("lat") is None or _within(ev.lat, ev.lon, t, 25)
        return (ev.geo_precision in (GeoPrecision.NEAR, GeoPrecision.REGION)
                and ev.adm1_pcode == pcode_for(t.get("adm1") or "")
                and (near or ev.geo_precision == GeoPrecision.REGION))
    if t.get("lat") is None:  # a place without a point: the name must agree
        return (ev.place or "").lower() == (t.get("name") or "").lower()
    return _within(ev.lat, ev.lon, t, KM_TOLERANCE)


def _norm_when(w: str | None) -> str:
    return " ".join((w or "").split()).lower()


def _matches(golds: list[dict[str, Any]], preds: list[Event],
             gold_doc: dict[str, Any]) -> list[tuple[int, int, bool]]:
    """One-to-one greedy matching of gold and predicted events: ``(gold index, pred index, place agrees)``."""
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
    out = []
    for _score, gi, pi, place_ok in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi, place_ok))
    return out


def _score_control(p: Event, g: dict[str, Any], a: dict[str, int]) -> None:
    """Score the sides and the status of a matched control change."""
    new = gold_labels(g.get("target_or_new_controller"))
    if new:
        a["new_gold"] += 1
        a["new_ok"] += int(p.new_controller in new)
    prev = gold_labels(g.get("previous_controller"))
    if prev:
        a["prev_gold"] += 1
        a["prev_ok"] += int(p.previous_controller in prev)
    claimed, reversed_ = gold_status(g)
    claimed_p = p.status in (ControlStatus.CLAIMED, ControlStatus.DENIED)
    a["status_ok"] += int(claimed == claimed_p and reversed_ == (p.status == ControlStatus.REVERSED))


def score_events(doc: Document, gold_doc: dict[str, Any], acc: dict[str, dict[str, int]]) -> None:
    """Add the event counts of one document, per kind, to ``acc``."""
    for kind, a in acc.items():
        golds = [e for e in gold_doc["events"] if e["kind"] == kind]
        preds = [e for e in doc.events if e.kind == kind]
        a["gold"] += len(golds)
        a["pred"] += len(preds)
        for gi, pi, place_ok in _matches(golds, preds, gold_doc):
            p, g = preds[pi], golds[gi]
            a["matched"] += 1
            a["place_ok"] += int(place_ok)
            if kind == EventKind.STRIKE:
                a["killed_exact"] += int(p.killed == g.get("killed"))
            if kind == EventKind.CONTROL_CHANGE:
                _score_control(p, g, a)
