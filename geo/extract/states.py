"""Control states as the dispatch states them: "X, contrôlé par Y", "les quartiers rebelles de X"."""

from __future__ import annotations

import re

from geo.extract.actors import find_actors
from geo.extract.control_pass import (
    find_states,
)
from geo.extract.segment import DATE_PREFIX, may_hold, mentions_in, split_sentences
from geo.lang.fr import control as _fr_control
from geo.lang.fr.triggers import AP
from geo.model import ControlState, Document, Mention

_I = re.IGNORECASE


_PART_RES = [
    (
        re.compile(
            rf"\b{_fr_control.PART_NOUNS.replace('{AP}', AP)}\s*(?:{k.replace('{AP}', AP)})"
            rf"\s+(?:de\s+la\s+ville\s+)?(?:de\s+|d{AP}|du\s+)\s*$",
            _I,
        ),
        re.sub(r"\W.*", "", k.split("|")[0]),
        v,
    )
    for k, v in _fr_control.PART_DIRECTION.items()
]


def _part_direction(before: str) -> tuple[str, tuple[float, float]] | None:
    for rx, word, vec in _PART_RES:
        if rx.search(before):
            return {"est": "east", "ouest": "west", "nord": "north", "sud": "south"}.get(word, word), vec
    return None


_STATE_STEMS = (
    "contr",
    "tenu",
    "mains",
    "rebelle",
    "insurg",
    "gouvernementa",
    "kurde",
    "jihadiste",
    "fief",
    "bastion",
    "domin",
    "loyaliste",
)


def find_control_states(doc: Document, mentions: list[Mention]) -> list[ControlState]:
    """Who holds what, as the dispatch states it: "X, contrôlé par Y", "les quartiers rebelles de X".

    These are observations, not changes (:meth:`geo.spatial.control.ControlTable.add_states` reads them).
    A sentence that codes a control change for the same place is left to the change.
    """
    from geo.extract.dates import resolve_when

    text = doc.text
    m0 = DATE_PREFIX.match(text)
    # metonymic mentions stay: "les quartiers rebelles de X" is a place whatever the verb that follows
    usable = sorted((m for m in mentions if m.name and not m.foreign and m.kind != "country"), key=lambda m: m.start)
    out: list[ControlState] = []
    rd = resolve_when(None, doc.date, doc.date_precision)
    for sent in split_sentences(text, m0.end() if m0 else 0):
        if not may_hold(sent.text, _STATE_STEMS):
            continue
        sm = mentions_in(usable, sent.start, sent.end)
        if not sm:
            continue
        for m, claim, s, e in find_states(sent.text, sm, sent.start, find_actors(sent.text)):
            if m.kind in ("governorate", "region", "district"):
                continue  # a whole governorate is never one controller's point
            holder, _, part = claim.partition("|")
            place, lat, lon = m.name, m.lat, m.lon
            side = _part_direction(text[max(0, m.start - 50) : m.start])
            if side is not None and lat is not None and lon is not None:
                # "les quartiers Est d'Alep sous contrôle des rebelles": a point in that part of the city
                word, (dlat, dlon) = side
                place, lat, lon, part = (
                    f"{m.name} ({word})",
                    lat + dlat * _fr_control.PART_OFFSET_DEG,
                    lon + dlon * _fr_control.PART_OFFSET_DEG,
                    "",
                )
            elif re.search(
                r"\b(?:deux-tiers|moiti[ée]|partie|\d+\s*%|majorit[ée])\b", text[m.end : sent.start + e], _I
            ):
                part = "partial"
            out.append(
                ControlState(
                    place=place,
                    lat=lat,
                    lon=lon,
                    adm1_pcode=m.adm1_pcode,
                    controller=holder,
                    status=part or "complete",
                    date=rd.date,
                    date_precision=rd.precision,
                    evidence=sent.text,
                    source=doc.source,
                    start=sent.start + s,
                    end=sent.start + e,
                )
            )
    return out
