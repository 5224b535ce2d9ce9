"""In-memory name index over a list of places, and the name-matching score.

Private to :mod:`gazetteer.resolver`. Three levels of match, each scored in [0, 1]:

1. the query's :func:`~gazetteer.normalize.normalize` key equals a name's key: ``1.0``;
2. the :func:`~gazetteer.normalize.skeleton` keys are equal: ``0.78`` plus up to ``0.17``
   for how close the normalized spellings are (``0.5`` plus up to ``0.45`` for one- or
   two-consonant skeletons, which say little);
3. rapidfuzz ``ratio`` over skeleton keys and over normalized keys (``score_cutoff`` so no
   weak pair is even returned): ``0.92`` times the mean of the two similarities.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from gazetteer.distance import haversine_km
from gazetteer.normalize import normalize, skeleton
from gazetteer.types import Place, PlaceKind

__all__ = ["NameIndex", "haversine_km", "is_latin", "name_keys"]

_SKEL_BASE = 0.78
_SKEL_SPAN = 0.17
_SHORT_SKEL_BASE = 0.50
_SHORT_SKEL_SPAN = 0.45
_FUZZY_FACTOR = 0.92
_FUZZY_SKEL_CUTOFF = 75.0
_FUZZY_NORM_CUTOFF = 80.0
_FUZZY_LIMIT = 25
_FILTER_FROM = 5_000  # key lists at least this long go through the bigram pre-filter


def is_latin(key: str) -> bool:
    """True when a normalized key holds only ASCII letters and spaces."""
    return key.isascii()


@functools.lru_cache(maxsize=65536)
def _skeleton_of_key(key: str) -> str:
    return skeleton(key)


def name_keys(place: Place) -> tuple[tuple[str, str], ...]:
    """The (normalized key, skeleton key) of each name of ``place``, in order, empty keys dropped.

    Foreign places get an empty skeleton (they are matched by their normalized key only).
    """
    out = []
    for name in (place.name, *place.names):
        key = normalize(name)
        if key:
            out.append((key, _skeleton_of_key(key) if place.kind != PlaceKind.FOREIGN else ""))
    return tuple(out)


@dataclass
class NameIndex:
    """Places with their normalized and skeleton keys.

    Parameters
    ----------
    places
        Every place, in priority order. Foreign places are matched by their normalized
        key only (a consonant skeleton of a French exonym, ``Amérique`` -> ``mrk``, would
        match Syrian villages such as ``Morek``).
    """

    places: list[Place]
    by_norm: dict[str, list[int]] = field(default_factory=dict)
    by_skel: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    _norm_keys: list[str] = field(default_factory=list)
    _skel_keys: list[str] = field(default_factory=list)
    _filters: dict[str, Any] = field(default_factory=dict, repr=False)  # bigram pre-filters, built on first use

    @classmethod
    def build(cls, places: Iterable[Place], keys: Sequence[Sequence[tuple[str, str]]] | None = None) -> NameIndex:
        """Index every name of every place.

        ``keys``, when given, holds :func:`name_keys` of each place (precomputed, e.g. from a cache).
        """
        index = cls(list(places))
        for i, place in enumerate(index.places):
            seen_norm: set[str] = set()
            seen_skel: set[tuple[str, str]] = set()
            for key, skel in keys[i] if keys is not None else name_keys(place):
                if key not in seen_norm:
                    seen_norm.add(key)
                    index.by_norm.setdefault(key, []).append(i)
                if len(skel) >= 2 and (skel, key) not in seen_skel:
                    seen_skel.add((skel, key))
                    index.by_skel.setdefault(skel, []).append((i, key))
        index._norm_keys = [k for k in index.by_norm if is_latin(k)]
        index._skel_keys = [k for k in index.by_skel if len(k) >= 3]
        return index

    def match(self, q_norm: str, q_skel: str, *, fuzzy_below: float = 0.9) -> dict[int, tuple[float, str]]:
        """Score every place whose names match the query keys.

        Parameters
        ----------
        q_norm, q_skel
            The query's normalized and skeleton keys.
        fuzzy_below
            Run the (slower) rapidfuzz stage only when no exact/skeleton match reaches this.

        Returns
        -------
        dict[int, tuple[float, str]]
            Place index -> (name score in [0, 1], the matched normalized key).
        """
        from rapidfuzz import fuzz

        found: dict[int, tuple[float, str]] = {}

        def offer(i: int, score: float, key: str) -> None:
            if i not in found or score > found[i][0]:
                found[i] = (score, key)

        for i in self.by_norm.get(q_norm, ()):
            offer(i, 1.0, q_norm)
        if len(q_skel) >= 2:
            # one- or two-consonant skeletons ("hs", "sr") say little: lean on the spelling
            base, span = (_SHORT_SKEL_BASE, _SHORT_SKEL_SPAN) if len(q_skel) <= 2 else (_SKEL_BASE, _SKEL_SPAN)
            for i, key in self.by_skel.get(q_skel, ()):
                offer(i, base + span * fuzz.ratio(q_norm, key) / 100.0, key)
        best = max((s for s, _ in found.values()), default=0.0)
        if best < fuzzy_below:
            self._fuzzy(q_norm, q_skel, offer)
        return found

    def _fuzzy(self, q_norm: str, q_skel: str, offer: Callable[[int, float, str], None]) -> None:
        from rapidfuzz import fuzz, process

        if len(q_skel) >= 4:
            hits = process.extract(
                q_skel,
                self._candidates("skel", q_skel, _FUZZY_SKEL_CUTOFF),
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=_FUZZY_SKEL_CUTOFF,
                limit=_FUZZY_LIMIT,
            )
            for skel, skel_score, _ in hits:
                for i, key in self.by_skel[skel]:
                    norm_score = fuzz.ratio(q_norm, key)
                    offer(i, _FUZZY_FACTOR * (skel_score + norm_score) / 200.0, key)
        if len(q_norm) >= 4 and is_latin(q_norm):
            hits = process.extract(
                q_norm,
                self._candidates("norm", q_norm, _FUZZY_NORM_CUTOFF),
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=_FUZZY_NORM_CUTOFF,
                limit=_FUZZY_LIMIT,
            )
            for key, norm_score, _ in hits:
                skel_score = fuzz.ratio(q_skel, _skeleton_of_key(key))
                for i in self.by_norm[key]:
                    offer(i, _FUZZY_FACTOR * (skel_score + norm_score) / 200.0, key)

    def _candidates(self, which: str, query: str, cutoff: float) -> list[str]:
        """The keys that can reach ``cutoff`` (exact bigram pre-filter, :mod:`gazetteer._qgram`)."""
        keys = self._skel_keys if which == "skel" else self._norm_keys
        if len(keys) < _FILTER_FROM:
            return keys
        filt = self._filters.get(which)
        if filt is None:
            from gazetteer._qgram import BigramFilter

            filt = self._filters[which] = BigramFilter(keys)
        return filt.candidates(query, cutoff)

    def phrases(self, *, min_length: int = 3) -> dict[str, tuple[Place, ...]]:
        """Return normalized key -> places, for Latin-script keys of ``min_length``+ chars."""
        return {
            key: tuple(self.places[i] for i in ids)
            for key, ids in self.by_norm.items()
            if len(key) >= min_length and is_latin(key)
        }

    def shared_populations(self, within_km: float) -> list[int]:
        """Population of each place, or the largest of records sharing a name key within ``within_km``.

        Curated and user records carry no population; they borrow it from the GeoNames record
        of the same place so that the population prior still separates homonyms.
        """
        pops = [p.population for p in self.places]
        for ids in self.by_norm.values():
            if len(ids) < 2:
                continue
            for i in ids:
                a = self.places[i]
                if a.population or a.lat is None or a.lon is None:
                    continue
                for j in ids:
                    b = self.places[j]
                    if b.population > pops[i] and b.lat is not None and b.lon is not None and (
                        haversine_km(a.lat, a.lon, b.lat, b.lon) <= within_km
                    ):
                        pops[i] = b.population
        return pops
