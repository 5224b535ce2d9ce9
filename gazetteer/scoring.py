"""How the resolver scores a candidate place and chooses among candidates.

- **context** (:func:`context_score`): ``+0.08`` inside the governorate the text names, ``-0.08``
  outside it; up to ``+0.25`` near points already resolved in the document (30 km decay); ``kind``
  agreement; for a name score below 0.9 only 30 % of a favourable context counts
  (:func:`context_weight`);
- **prior** (:func:`place_prior`): population (up to ``+0.15`` for a million), curated French
  spellings (``+0.1``), a source's own prior (the user's CSV, ``+0.3``); for a name score below
  0.95 only 30 % of the prior counts (:func:`prior_weight`);
- **choice** (:func:`choose`): a bare name shared by an administrative unit and its seat is the
  seat; when a different place (:func:`same_place`) scores within 0.15, the score drops by up
  to 0.25.
"""

from __future__ import annotations

import math

from gazetteer.context import Point
from gazetteer.distance import haversine_km
from gazetteer.sources import SOURCES
from gazetteer.types import Place, PlaceKind

__all__ = [
    "ADMIN_UNITS",
    "SAME_PLACE_KM",
    "SEATS",
    "STRONG",
    "choose",
    "context_score",
    "context_weight",
    "distinct",
    "place_prior",
    "prior_weight",
    "same_place",
]

_GOV_IN, _GOV_OUT = 0.08, -0.08
_NEAR_MAX, _NEAR_DECAY_KM = 0.25, 30.0
_KIND_SAME, _KIND_OTHER, _KIND_NOT_GOV = 0.05, -0.10, -0.25
_AMBIGUITY_MARGIN, _AMBIGUITY_PENALTY = 0.15, 0.25
#: Two records of one place are this close at most (they share a population; no ambiguity).
SAME_PLACE_KM = 15.0
_DUPLICATE_KM = 5.0
_UNIT_REACH_KM = 40.0
_UNITS_WITH_SEAT = frozenset({PlaceKind.GOVERNORATE, PlaceKind.DISTRICT, PlaceKind.SUBDISTRICT})
#: District and subdistrict: OCHA names them after their seat.
ADMIN_UNITS = frozenset({PlaceKind.DISTRICT, PlaceKind.SUBDISTRICT})
#: Kinds that are a seat (of a governorate, district or subdistrict) when the unit shares its name.
SEATS = (PlaceKind.CITY, PlaceKind.TOWN)
_CAPITAL_WINDOW = 0.2
_WEAK_PRIOR = 0.3
#: Base score of exact and skeleton-key matches.
STRONG = 0.95
_CONTEXT_FULL = 0.9  # a spelling match at least this good takes the whole context bonus
_POPULATION_PRIOR, _CURATED_PRIOR = 0.15, 0.10
_SETTLEMENTS = frozenset({PlaceKind.CITY, PlaceKind.TOWN, PlaceKind.VILLAGE, PlaceKind.NEIGHBOURHOOD, PlaceKind.CAMP})

Scored = tuple[Place, float]


def prior_weight(base: float) -> float:
    """Priors separate good matches; they must not lift a weak spelling match over the threshold."""
    return 1.0 if base >= STRONG else _WEAK_PRIOR


def context_weight(base: float, adj: float) -> float:
    """Weigh a context adjustment ``adj`` by the spelling score ``base``.

    Context (governorate, nearby places) decides between good spellings; it must not turn a weak
    spelling match into an answer ("Adra" is not "Darayya" because both are near Damascus): below
    0.9 only 30 % of a favourable context counts. An unfavourable one always counts.
    """
    return adj if adj <= 0 or base >= _CONTEXT_FULL else adj * _WEAK_PRIOR


def place_prior(place: Place, population: int) -> float:
    """The prior of a place: its population (or one shared with its records), curation, source."""
    prior = _POPULATION_PRIOR * min(1.0, math.log10(population + 1) / 6.0)
    if place.id.startswith("curated:"):
        prior += _CURATED_PRIOR
    else:
        source = SOURCES.get(place.source)
        prior += source.prior if source is not None else 0.0  # the user's own table: csv
    return prior


def context_score(place: Place, pcode: str | None, points: tuple[Point, ...], kind: str | None) -> float:
    """The context adjustment of ``place``: governorate, distance to ``points``, kind agreement."""
    adj = 0.0
    if pcode is not None and place.kind != PlaceKind.COUNTRY:
        adj += _GOV_IN if place.adm1_pcode == pcode else _GOV_OUT
    if points and place.lat is not None and place.lon is not None:
        dist = min(haversine_km(place.lat, place.lon, lat, lon) for lat, lon in points)
        adj += _NEAR_MAX * math.exp(-dist / _NEAR_DECAY_KM)
    if kind is not None:
        if place.kind == kind:
            adj += _KIND_SAME
        elif PlaceKind.GOVERNORATE in (kind, place.kind):
            adj += _KIND_NOT_GOV
        elif not (kind in _SETTLEMENTS and place.kind in _SETTLEMENTS):
            adj += _KIND_OTHER
    return adj


def same_place(a: Place, b: Place) -> bool:
    """True when two records are one place, or one contains the other (no ambiguity)."""
    if a.id == b.id or PlaceKind.COUNTRY in (a.kind, b.kind):
        return True
    if PlaceKind.FOREIGN in (a.kind, b.kind):
        return a.kind == b.kind and a.name == b.name
    if PlaceKind.GOVERNORATE in (a.kind, b.kind) and a.adm1_pcode and a.adm1_pcode == b.adm1_pcode:
        return True
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return False
    reach = SAME_PLACE_KM
    if ADMIN_UNITS.intersection((a.kind, b.kind)) and a.adm1_pcode == b.adm1_pcode:
        reach = _UNIT_REACH_KM  # a district or subdistrict and its seat (or a place inside it)
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= reach


def _duplicate(a: Place, b: Place) -> bool:
    """True when two records of one kind are the same place (same id, or within a few km)."""
    if a.kind != b.kind:
        return False
    if a.id == b.id:
        return True
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= _DUPLICATE_KM


def distinct(scored: list[Scored], limit: int | None = None) -> list[Scored]:
    """Drop lower-scored duplicates (same place from two sources, within a few km); stop at ``limit`` kept."""
    kept: list[Scored] = []
    for place, score in scored:
        if limit is not None and len(kept) >= limit:
            break
        if not any(_duplicate(k, place) for k, _ in kept):
            kept.append((place, score))
    return kept


def choose(scored: list[Scored], kind: str | None) -> Scored | None:
    """Choose the answer among scored places (best first), its score lowered by any ambiguity."""
    if not scored:
        return None
    best, score = scored[0]
    if best.kind in _UNITS_WITH_SEAT and kind != best.kind:
        # "Hassaké", "Idleb": a bare name shared by a governorate (district, subdistrict)
        # and its seat is the city.
        for place, other in scored[1:]:
            if other < score - _CAPITAL_WINDOW:
                break
            if place.adm1_pcode == best.adm1_pcode and place.kind in SEATS:
                best, score = place, other
                break
    rival = max((s for p, s in scored if not same_place(best, p)), default=None)
    if rival is not None:
        margin = max(0.0, score - rival)
        score = min(1.0, score)  # priors rank; they must not absorb the ambiguity penalty
        if margin < _AMBIGUITY_MARGIN:
            score -= (_AMBIGUITY_MARGIN - margin) / _AMBIGUITY_MARGIN * _AMBIGUITY_PENALTY
    return best, score
