"""Placing events whose sentence names no place: anaphors, continuations, the paragraph's region, the
document's main place.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

from geo.extract.place import NOT_A_FOCUS, fill_place
from geo.extract.segment import Draft, Sentence
from geo.lang.fr.cues import AREA_ANAPHOR, CONTINUATION, MACRO_REGION, REGION_ANAPHOR
from geo.model import Event, Mention


def place_from_context(events: list[Event], drafts: list[Draft], syrian: list[Mention], main: Mention | None,
                    text: str, sentences: list[Sentence]) -> None:
    """Place events whose sentence names no place.

    Anaphors ("cette région", "ce secteur", "y") and continuations ("Elles ont tué ...") take the
    place in focus (the last one named). Otherwise: a governorate or region named in the same
    paragraph (precision 3; the country if that is all the paragraph names); else the document's main place (precision 2, or 3 for a governorate or
    when the sentence speaks of a whole part of the country). A military site, camp or road is
    never picked only because it was the last place named.
    """
    para_of = {}
    s_starts = [st.start for st in sentences]  # sentences are sorted and disjoint: bisect
    by_para: dict[int, list[Mention]] = {}
    for m in syrian:
        k = bisect_right(s_starts, m.start) - 1
        para_of[m.start] = sentences[k].para if k >= 0 and m.start < sentences[k].end else -1
    for m in syrian:
        by_para.setdefault(para_of[m.start], []).append(m)
    y_starts = [m.start for m in syrian]  # syrian is in text order
    country_m = next((m for m in syrian if m.kind == "country"), None)
    first_gov = next((m for m in syrian if m.kind == "governorate"), None)
    gov_by_adm1: dict[Any, Mention] = {}
    for m in syrian:
        if m.kind == "governorate":
            gov_by_adm1.setdefault(m.adm1, m)  # what _governorate_of finds, without a scan per event
    broad_of: dict[int, tuple[list[Mention], list[int]]] = {}
    for ev, d in zip(events, drafts):
        if ev.place is not None:
            continue
        clause = d.clause.text
        para = d.clause.sent.para
        k_prior = bisect_left(y_starts, d.clause.start)
        focus = syrian[k_prior - 1] if k_prior else None
        region = REGION_ANAPHOR.search(clause)
        area = AREA_ANAPHOR.search(clause)
        if region or area or (CONTINUATION.match(d.clause.sent.text) and focus is not None and para_of.get(focus.start) == para
                              and focus.kind not in NOT_A_FOCUS):
            target = focus or main
            if (region or area) and main is not None and (focus is None or focus.kind == "country"):
                target = main
            if target is None:
                continue
            if region and target.kind not in {"governorate", "country"} and target.adm1:
                gov = gov_by_adm1.get(target.adm1)
                if gov is not None:
                    target = gov
            fill_place(ev, target, False, text)
            if ev.geo_precision == 1 and not area:
                ev.geo_precision = 2
            continue
        if para not in broad_of:
            in_para = by_para.get(para, [])
            broad = [m for m in in_para if m.kind in {"governorate", "region"}] or [m for m in in_para if m.kind == "country"]
            broad_of[para] = (broad, [m.start for m in broad])
        broad, b_starts = broad_of[para]
        macro = MACRO_REGION.search(clause)
        if broad:
            k_before = bisect_left(b_starts, d.clause.start)
            target = broad[k_before - 1] if k_before else broad[0]
        elif main is not None and macro and main.kind not in {"governorate", "region"}:
            # a whole part of the country: the governorate in focus, the country if that was the
            # last place named, else the first governorate of the document
            country = country_m
            target = (gov_by_adm1.get(main.adm1)
                      or (country if focus is not None and focus.kind == "country" else None)
                      or first_gov or country or main)
        else:
            target = main
        if target is None:
            continue
        fill_place(ev, target, False, text)
        if ev.geo_precision is not None and ev.geo_precision < 3:
            ev.geo_precision = 3 if macro else 2
