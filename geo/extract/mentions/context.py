"""The context of a name in its document: which kind of place the words around it ask for, which
governorate is named near it, and the gazetteer calls that take that context.

A governorate named in the same sentence, or just after the name ("Saïda, à l'est de Deraa"),
outranks a better spelling elsewhere. A bare "Idleb" follows the document (governorate when the
dispatch mostly speaks of the province); "la province de Damas" is Rural Damascus.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from gazetteer.normalize import fold
from geo.extract.mentions.candidate import _Cand
from geo.extract.mentions.filters import _DATELINE_AFTER
from geo.extract.prefilter import guard
from geo.extract.protocols import ExtractionGazetteer, Point
from geo.lang.fr.places import BARE_GOVERNORATES, DAMASCUS

if TYPE_CHECKING:
    from gazetteer.types import Resolution
_RURAL_CUE = re.compile(r"(?:(?:province|gouvernorat|r[ée]gion)\s+|campagne\s+(?:\w+\s+)?)de\s+$", re.IGNORECASE)


def _is_rural_damascus_cue(text: str, cand: _Cand, key: str | None = None) -> bool:
    """True for "la province de Damas", "la campagne de Damas": Rural Damascus, not the city (``key``: the
    folded surface, when known)."""
    return (fold(cand.surface) if key is None else key) in DAMASCUS and bool(
        _RURAL_CUE.search(text[max(0, cand.start - 30) : cand.start])
    ) and (cand.kind_hint == "governorate" or "campagne" in text[max(0, cand.start - 30) : cand.start].lower())


def _bare_kind_votes(
    doc_text: str, cands: list[_Cand], contexts: dict[int, str | None] | None = None,
    keys: dict[tuple[int, int], str] | None = None,
) -> dict[str, str]:
    """Decide, per folded name, whether a bare mention means the governorate (dispatch-level)."""
    gov: Counter[str] = Counter()
    city: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for c in cands:
        key = fold(c.surface) if keys is None else keys[(c.start, c.end)]
        total[key] += 1
        hint = c.kind_hint
        if hint is None:
            context = contexts[c.start] if contexts is not None else _kind_context(doc_text, c)
            # a dateline, "X, chef-lieu", "les quartiers de X"; "celle de X" after "province" (not "la campagne de X")
            if context == "city" or (context == "governorate" and re.search(
                    r"\bcelles?\s+(?:de\s+|d['’]\s*)$", doc_text[max(0, c.start - 12) : c.start], re.IGNORECASE)):
                hint = context
        if hint == "governorate":
            gov[key] += 1
        elif hint == "city":
            city[key] += 1
    decided = {}
    for key, n in total.items():
        if gov[key] and not city[key] and gov[key] * 3 >= n:
            decided[key] = "governorate"
        elif city[key]:
            decided[key] = "city"  # once the text cues the city, the bare name is the city
    return decided


_CITY_AFTER = re.compile(r"(?:-(?:Est|Ouest|est|ouest)\b|\s*,\s*(?:le\s+|la\s+|son\s+|sa\s+)?(?:chef-lieu|capitale)\b)")
_CITY_BEFORE = guard(re.compile(
    r"(?:quartiers?|faubourgs?|banlieues?|h[ôo]pital|universit[ée]|centre-ville|citadelle|vieille\s+ville|march[ée]|"
    r"rues?)\b[^.;,()]{0,30}?(?:\bde\s+|\bd['’]\s*|\bdu\s+)$",
    re.IGNORECASE,
))
#: How the window ends (lower-cased, trailing spaces stripped) when ``_CITY_BEFORE`` or ``_GOV_BEFORE`` matches.
_DE_TAILS = ("de", "du", "d'", "d’")
_GOV_BEFORE = re.compile(
    r"(?:\bcelles?|\bcampagnes?(?:\s+\w+)?)\s+(?:de\s+|d['’]\s*)$",
    re.IGNORECASE,
)




def _bare_means_governorate(gazetteer: ExtractionGazetteer, res: Resolution) -> bool:
    """True when ``res`` is the seat city of a governorate in :data:`geo.lang.fr.places.BARE_GOVERNORATES`."""
    pcode = getattr(res, "adm1_pcode", None)
    if pcode not in BARE_GOVERNORATES or getattr(res, "kind", None) not in ("city", "town"):
        return False
    gov = gazetteer.governorate(res.name) if res.name is not None and hasattr(gazetteer, "governorate") else None
    return gov is not None and getattr(gov, "adm1_pcode", None) == pcode


@lru_cache(maxsize=4096)
def _seat_name(surface: str) -> bool:
    """True when ``surface`` names a governorate (and so its seat): the only names whose kind context matters."""
    from gazetteer.governorates import pcode_for

    return pcode_for(surface) is not None


def _kind_context(text: str, c: _Cand) -> str | None:
    """The kind the words around a bare governorate-seat name ask for: "city" for a dateline ("HOMS, 3
    mai (AFP)"), "Alep-Est", "X, chef-lieu de ...", "les quartiers de X"; "governorate" for "dans celle de X"
    (after "province") and "la campagne de X". None for names that are not a governorate's."""
    if not _seat_name(c.surface):
        return None
    if (c.start == 0 or text[c.start - 1] == "\n") and _DATELINE_AFTER.match(text, c.end):
        return "city"
    if _CITY_AFTER.match(text, c.end):
        return "city"
    before = text[max(0, c.start - 60) : c.start]
    if not before.rstrip().lower().endswith(_DE_TAILS):
        return None  # both patterns below end with "de", "du" or "d'" (and spaces)
    if _CITY_BEFORE.search(before):
        return "city"
    m = _GOV_BEFORE.search(before)
    if m and not re.search(r"\d|kilom|\bkm\b|mètres", before[max(0, m.start() - 30) :]):
        if m.group().lower().startswith("celle") and "province" not in text[max(0, c.start - 200) : c.start].lower():
            return None
        return "governorate"
    return None


_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def _sentence_ids(text: str, cands: list[_Cand]) -> list[int]:
    """The number of the sentence (split at ". ", "! ", "? " and line breaks) each candidate starts in."""
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    return [bisect.bisect_left(ends, c.start) for c in cands]


def _local_governorate(
    text: str, cands: list[_Cand], first: list[Resolution | None], i: int, same: list[int]
) -> str | None:
    """The governorate named near a candidate: a governorate mention of the same sentence, or the place
    just after it ("Saida, à l'est de Deraa"), as a P-code. ``same`` lists the candidates of its sentence."""
    c = cands[i]
    best: tuple[int, str] | None = None
    for j in same:
        o, res = cands[j], first[j]
        if j == i or res is None or res.foreign or not res.adm1_pcode:
            continue
        if res.kind == "governorate" or o.kind_hint == "governorate":
            dist = abs(o.start - c.start)
        elif o.start > c.end and o.start - c.end < 45:
            after = _NEAR_AFTER.match(text, c.end)
            if after is None or after.end() != o.start:
                continue
            dist = 0
        else:
            continue
        if best is None or dist < best[0]:
            best = (dist, res.adm1_pcode)
    return best[1] if best else None


#: "X, à l'est de Y", "X (nord de Y)", "X, près de Y", "X, dans la province de Y": Y locates X.
_NEAR_AFTER = re.compile(
    r"\s*[,(]\s*(?:[àa]\s+(?:\w+\s+)?(?:kilom[èe]tres?|km)\s+)?(?:au|[àa]\s+l['’]|dans\s+le|le)?\s*"
    r"(?:(?:nord|sud|est|ouest|nord-est|nord-ouest|sud-est|sud-ouest)|pr[èe]s|non\s+loin|dans\s+la\s+province)\s+"
    r"(?:de\s+(?:la\s+)?|d['’]\s*|du\s+)",
    re.IGNORECASE,
)


def _inside(gazetteer: ExtractionGazetteer, surface: str, pcode: str) -> Resolution | None:
    """The best resolution of ``surface`` inside governorate ``pcode`` when one reaches the threshold."""
    if not hasattr(gazetteer, "candidates"):
        return None
    try:
        found = gazetteer.candidates(surface, limit=8, governorate=pcode)
    except Exception:
        return None
    threshold = float(getattr(gazetteer, "threshold", 0.8))
    for cand in found:
        if cand.adm1_pcode == pcode and cand.kind != "governorate" and cand.score >= threshold:
            return cand
    return None


def _resolve(
    gazetteer: ExtractionGazetteer, surface: str, *, governorate: str | None, near: Point | None, kind: str | None
) -> Resolution:
    """``gazetteer.resolve`` with the context keywords, or without them for a simple resolver."""
    try:
        return gazetteer.resolve(surface, governorate=governorate, near=near, kind=kind)
    except TypeError:  # a gazetteer without the keyword (e.g. a user's simple resolver)
        return gazetteer.resolve(surface)
