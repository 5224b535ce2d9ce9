"""Resolve a place name, as a French dispatch spells it, to one Syrian place, or say it cannot.

The :class:`Gazetteer` indexes every local source once, then scores each query:

- **name**: exact normalized key (1.0), equal consonant skeleton (~0.8-0.95), or rapidfuzz
  similarity over both keys (see :mod:`gazetteer._index`);
- **context**: ``+0.08`` inside the governorate the text names, ``-0.08`` outside it; up to
  ``+0.25`` near points already resolved in the document (30 km decay); ``kind`` agreement; for a
  name score below 0.85 only 30 % of a favourable context counts (context never makes a weak
  spelling match an answer);
- **prior**: population (up to ``+0.15`` for a million; a record without one borrows it from a record of
  the same place, i.e. sharing a name key within 15 km), curated French spellings (``+0.1``), the user's CSV
  (``+0.3``), so a hand-made table beats a GeoNames homonym; for a name score below 0.95
  only 30 % of the prior counts, so a prior never lifts a weak spelling match;
- **ambiguity**: when a different place far from the best (> 15 km, and not its governorate)
  scores within 0.15, the score drops by up to 0.25: two equal villages 80 km apart give
  0.75, i.e. unresolved unless the context decides.

Below ``threshold`` the answer is unresolved (``name`` is None) with the candidates kept.
"""

from __future__ import annotations

import functools
import logging
import math
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from gazetteer.governorates import governorates, pcode_for
from gazetteer._index import NameIndex, haversine_km
from gazetteer._source_cache import load_source
from gazetteer.errors import GeocoderServiceError, InputError
from gazetteer.normalize import normalize, skeleton
from gazetteer.sources import SOURCES, OnlineSource, Source, get_source
from gazetteer.types import KINDS, Place, Resolution

__all__ = ["Gazetteer"]

_log = logging.getLogger("conflictmap")

_MAX_QUERY = 200  # no place name is longer; longer strings are unresolved at once
_GOV_IN, _GOV_OUT = 0.08, -0.08
_NEAR_MAX, _NEAR_DECAY_KM = 0.25, 30.0
_KIND_SAME, _KIND_OTHER, _KIND_NOT_GOV = 0.05, -0.10, -0.25
_AMBIGUITY_MARGIN, _AMBIGUITY_PENALTY = 0.15, 0.25
_SAME_PLACE_KM = 15.0
_UNIT_REACH_KM = 40.0
_ADMIN_UNITS = frozenset({"district", "subdistrict"})
_UNITS_WITH_SEAT = frozenset({"governorate", "district", "subdistrict"})
_CAPITAL_WINDOW = 0.2
_ONLINE_FLOOR = 0.8
_WEAK_PRIOR = 0.3
_STRONG = 0.95  # base score of exact and skeleton-key matches
_SEAT_SPELLING = 0.85  # a seat's skeleton match kept beside an administrative unit's exact name
_CONTEXT_FULL = 0.9  # a spelling match at least this good takes the whole context bonus
_POPULATION_PRIOR, _CURATED_PRIOR = 0.15, 0.10
_SETTLEMENTS = frozenset({"city", "town", "village", "neighbourhood", "camp"})

Point = tuple[float, float]


def _prior_weight(base: float) -> float:
    """Priors separate good matches; they must not lift a weak spelling match over the threshold."""
    return 1.0 if base >= _STRONG else _WEAK_PRIOR


def _context_weight(base: float, adj: float) -> float:
    """Context (governorate, nearby places) decides between good spellings; it must not turn a weak
    spelling match into an answer ("Adra" is not "Darayya" because both are near Damascus): below
    ``_CONTEXT_FULL`` only 30 % of a favourable context counts. An unfavourable one always counts."""
    return adj if adj <= 0 or base >= _CONTEXT_FULL else adj * _WEAK_PRIOR


def _as_points(near: Any) -> tuple[Point, ...]:
    """Validate ``near``: one (lat, lon) pair or a sequence of pairs."""
    if near is None:
        return ()
    try:
        if len(near) == 2 and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in near):
            pairs = [near]
        else:
            pairs = list(near)
        points = tuple((float(lat), float(lon)) for lat, lon in pairs)
    except (TypeError, ValueError) as exc:
        msg = f"expected near=(lat, lon) or a sequence of (lat, lon) pairs, instead got: {near!r}"
        raise InputError(msg) from exc
    for lat, lon in points:
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
            msg = f"expected near points with -90 <= lat <= 90 and -180 <= lon <= 180, instead got: {near!r}"
            raise InputError(msg)
    return points


class Gazetteer:
    """A resolver over one or more gazetteer sources.

    Parameters
    ----------
    sources
        Registry names or :class:`~gazetteer.sources.Source` instances, in priority order; default
        ``embedded`` plus every installed source (:func:`gazetteer.datasets.installed_sources`).
    threshold
        Minimum score in [0, 1] for an answer; below it the result is unresolved.
    online
        Append the ``nominatim`` source as a last-resort fallback (off by default).
    csv
        A user's CSV table of places (see :class:`~gazetteer.sources.csv_source.CsvSource`);
        it takes priority over the other sources.

    Examples
    --------
    >>> gaz = Gazetteer()  # doctest: +SKIP
    >>> gaz.resolve("Maaret al-Noomane").name  # doctest: +SKIP
    'Maarat al-Numan'
    """

    _default: ClassVar[Gazetteer | None] = None
    _default_key: ClassVar[tuple[str, int] | None] = None
    _default_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        sources: Sequence[str | Source] | None = None,
        *,
        threshold: float = 0.8,
        online: bool = False,
        csv: str | Path | None = None,
    ) -> None:
        if not 0.0 <= float(threshold) <= 1.0:
            raise InputError(f"expected a threshold between 0 and 1, instead got: {threshold!r}")
        if sources is None:
            from gazetteer.datasets import installed_sources

            sources = installed_sources()  # embedded + whatever `conflictmap data` installed
        if isinstance(sources, (str, Source)):
            sources = (sources,)
        # "csv" named among the sources is the table given as ``csv`` (else a clear SourceError)
        built: list[Source] = [(get_source(s, path=csv) if s == "csv" and csv is not None else get_source(s))
                               if isinstance(s, str) else s for s in sources]
        if csv is not None and "csv" not in sources:
            built.insert(0, get_source("csv", path=csv))
        if online and not any(s.name == "nominatim" for s in built):
            built.append(get_source("nominatim"))
        self.threshold = float(threshold)
        self.sources: tuple[Source, ...] = tuple(built)
        self._online: tuple[OnlineSource, ...] = tuple(s for s in built if isinstance(s, OnlineSource))
        places: list[Place] = []
        keys: list[tuple[tuple[str, str], ...]] = []
        for src in built:
            if not isinstance(src, OnlineSource):
                src_places, src_keys = load_source(src)  # cached for big installed sources
                places.extend(src_places)
                keys.extend(src_keys)
        self._index = NameIndex.build(places, keys=keys)
        populations = self._index.shared_populations(_SAME_PLACE_KM)
        self._priors = [self._prior(p, pop) for p, pop in zip(self._index.places, populations)]
        self._adm1 = {g.pcode: g.name_en for g in governorates()}
        self._governorates = {
            p.adm1_pcode: p for p in self._index.places if p.id.startswith("ocha:") and p.adm1_pcode
        }
        self._cached = functools.lru_cache(maxsize=65536)(self._resolve_key)
        #: Online lookups that failed (timeouts, HTTP errors, no network): their names stay unresolved.
        self.online_failures = 0
        self._phrases: dict[str, tuple[Place, ...]] | None = None

    # -- construction helpers ---------------------------------------------------------------
    @classmethod
    def default(cls) -> Gazetteer:
        """Return the process-wide gazetteer over the embedded and installed sources, built on first use.

        Rebuilt when the installed data changes (``conflictmap data import``/``clear``).
        """
        from gazetteer.datasets import signature

        key = signature()
        if cls._default is None or cls._default_key != key:
            with cls._default_lock:
                if cls._default is None or cls._default_key != key:
                    cls._default = cls()
                    cls._default_key = key
        return cls._default

    @staticmethod
    def _prior(place: Place, population: int) -> float:
        prior = _POPULATION_PRIOR * min(1.0, math.log10(population + 1) / 6.0)
        if place.id.startswith("curated:"):
            prior += _CURATED_PRIOR
        else:
            source = SOURCES.get(place.source)
            prior += source.prior if source is not None else 0.0  # the user's own table: csv
        return prior

    def __len__(self) -> int:
        return len(self._index.places)

    def __repr__(self) -> str:
        names = ", ".join(s.name for s in self.sources)
        return f"<Gazetteer [{names}] {len(self)} places, threshold={self.threshold}>"

    # -- public API -------------------------------------------------------------------------
    def resolve(
        self,
        name: str,
        *,
        governorate: str | None = None,
        near: Point | Sequence[Point] | None = None,
        kind: str | None = None,
    ) -> Resolution:
        """Resolve one place name.

        Parameters
        ----------
        name
            The name as written (``"Maaret al-Noomane"``, ``"Alep"``, ``"معرة النعمان"``).
        governorate
            The governorate the text names: P-code, English or French name (``"SY07"``,
            ``"Idlib"``, ``"Idleb"``).
        near
            One ``(lat, lon)`` point or several: places already resolved in the document.
        kind
            The kind the text implies (``"governorate"`` after "province de", ``"village"`` ...).

        Returns
        -------
        Resolution
            Resolved (``name`` set, score >= threshold) or unresolved (``name`` None); in both
            cases ``candidates`` lists the other scored places, best first.

        Raises
        ------
        InputError
            When ``name`` is not a string, or ``governorate``/``near``/``kind`` are not usable.
        """
        if not isinstance(name, str):
            raise InputError(f"expected a place name as str, instead got {type(name).__name__}: {name!r}")
        key = self._context_key(governorate, near, kind)
        res = self._cached(name, *key)
        return replace(res, candidates=list(res.candidates))

    def candidates(
        self,
        name: str,
        *,
        limit: int = 5,
        governorate: str | None = None,
        near: Point | Sequence[Point] | None = None,
        kind: str | None = None,
    ) -> list[Resolution]:
        """Return the best ``limit`` scored places for ``name``, best first, without threshold.

        Parameters are those of :meth:`resolve`. Online sources are not asked.
        """
        if not isinstance(name, str):
            raise InputError(f"expected a place name as str, instead got {type(name).__name__}: {name!r}")
        pcode, points, kind = self._context_key(governorate, near, kind)
        scored = self._score(name, pcode, points, kind)
        n = max(0, int(limit))
        return [self._resolution(name, p, s) for p, s in self._distinct(scored, n)[:n]]

    def phrase_index(self) -> dict[str, tuple[Place, ...]]:
        """Return normalized name -> places, for every Latin-script name of 3+ characters.

        Keys are exactly :func:`~gazetteer.normalize.normalize` of a spelling, so a matcher can
        look up ``normalize(span)`` for spans of :func:`~gazetteer.normalize.fold`-ed text.
        """
        if self._phrases is None:
            self._phrases = self._index.phrases(min_length=3)
        return self._phrases

    def governorate(self, name: str) -> Place | None:
        """Return the governorate place named by P-code, English or French name, or None."""
        if not isinstance(name, str):
            return None
        pcode = pcode_for(name)
        return self._governorates.get(pcode) if pcode else None

    def adm1_name(self, pcode: str) -> str:
        """Return the OCHA English name of a governorate P-code (``"SY07"`` -> ``"Idleb"``).

        Raises
        ------
        InputError
            When ``pcode`` is not one of SY01 ... SY14.
        """
        try:
            return self._adm1[pcode]
        except (KeyError, TypeError):
            msg = f"unknown governorate P-code {pcode!r}; expected one of {', '.join(sorted(self._adm1))}"
            raise InputError(msg) from None

    # -- scoring ----------------------------------------------------------------------------
    def _context_key(
        self, governorate: str | None, near: Any, kind: str | None
    ) -> tuple[str | None, tuple[Point, ...], str | None]:
        pcode = None
        if governorate is not None:
            pcode = pcode_for(governorate) if isinstance(governorate, str) else None
            if pcode is None:
                msg = f"unknown governorate {governorate!r}; give a P-code (SY01-SY14), English or French name"
                raise InputError(msg)
        if kind is not None and kind not in KINDS:
            raise InputError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
        points = tuple(sorted({(round(a, 2), round(b, 2)) for a, b in _as_points(near)}))
        return pcode, points, kind

    def _score(
        self, name: str, pcode: str | None, points: tuple[Point, ...], kind: str | None
    ) -> list[tuple[Place, float]]:
        if len(name) > _MAX_QUERY:
            return []
        q_norm = normalize(name)
        if not q_norm:
            return []
        matches = self._index.match(q_norm, skeleton(q_norm))
        if any(base >= _STRONG for base, _key in matches.values()):
            # A spelling that matches a key exactly (or through the skeleton) is not outvoted by
            # context on a near-miss: "Al-Hawash" in a text about Idleb is not "Hass".
            strong = {i: m for i, m in matches.items() if m[0] >= _STRONG}
            if all(self._index.places[i].kind in _ADMIN_UNITS for i in strong):
                # OCHA names a district or subdistrict after its seat ("Saraqab"): the town spelt
                # a little differently ("Saraqib") stays a candidate, for _choose's seat rule.
                strong.update({i: m for i, m in matches.items() if m[0] >= _SEAT_SPELLING
                               and self._index.places[i].kind in ("city", "town")})  # fmt: skip
            matches = strong
        places = self._index.places
        scored = [
            (places[i], base + self._priors[i] * _prior_weight(base) + _context_weight(base, self._context(places[i], pcode, points, kind)))
            for i, (base, _key) in matches.items()
        ]
        scored.sort(key=lambda ps: -ps[1])
        return scored

    @staticmethod
    def _context(place: Place, pcode: str | None, points: tuple[Point, ...], kind: str | None) -> float:
        adj = 0.0
        if pcode is not None and place.kind != "country":
            adj += _GOV_IN if place.adm1_pcode == pcode else _GOV_OUT
        if points and place.lat is not None and place.lon is not None:
            dist = min(haversine_km(place.lat, place.lon, lat, lon) for lat, lon in points)
            adj += _NEAR_MAX * math.exp(-dist / _NEAR_DECAY_KM)
        if kind is not None:
            if place.kind == kind:
                adj += _KIND_SAME
            elif kind == "governorate" or place.kind == "governorate":
                adj += _KIND_NOT_GOV
            elif not (kind in _SETTLEMENTS and place.kind in _SETTLEMENTS):
                adj += _KIND_OTHER
        return adj

    @staticmethod
    def _same_place(a: Place, b: Place) -> bool:
        """True when two records are one place, or one contains the other (no ambiguity)."""
        if a.id == b.id or "country" in (a.kind, b.kind):
            return True
        if a.kind == "foreign" or b.kind == "foreign":
            return a.kind == b.kind and a.name == b.name
        if "governorate" in (a.kind, b.kind) and a.adm1_pcode and a.adm1_pcode == b.adm1_pcode:
            return True
        if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
            return False
        reach = _SAME_PLACE_KM
        if _ADMIN_UNITS.intersection((a.kind, b.kind)) and a.adm1_pcode == b.adm1_pcode:
            reach = _UNIT_REACH_KM  # a district or subdistrict and its seat (or a place inside it)
        return haversine_km(a.lat, a.lon, b.lat, b.lon) <= reach

    def _distinct(self, scored: list[tuple[Place, float]], limit: int | None = None) -> list[tuple[Place, float]]:
        """Drop lower-scored duplicates (same place from two sources, within a few km); stop at ``limit`` kept."""
        kept: list[tuple[Place, float]] = []
        for place, score in scored:
            if limit is not None and len(kept) >= limit:
                break
            duplicate = any(
                k.kind == place.kind
                and (k.id == place.id or (
                    k.lat is not None and place.lat is not None and k.lon is not None and place.lon is not None
                    and haversine_km(k.lat, k.lon, place.lat, place.lon) <= 5.0
                ))
                for k, _ in kept
            )  # fmt: skip
            if not duplicate:
                kept.append((place, score))
        return kept

    def _choose(self, scored: list[tuple[Place, float]], kind: str | None) -> tuple[Place, float] | None:
        if not scored:
            return None
        best, score = scored[0]
        if best.kind in _UNITS_WITH_SEAT and kind != best.kind:
            # "Hassaké", "Idleb": a bare name shared by a governorate (district, subdistrict)
            # and its seat is the city.
            for place, other in scored[1:]:
                if other < score - _CAPITAL_WINDOW:
                    break
                if place.adm1_pcode == best.adm1_pcode and place.kind in ("city", "town"):
                    best, score = place, other
                    break
        rival = max((s for p, s in scored if not self._same_place(best, p)), default=None)
        if rival is not None:
            margin = max(0.0, score - rival)
            score = min(1.0, score)  # priors rank; they must not absorb the ambiguity penalty
            if margin < _AMBIGUITY_MARGIN:
                score -= (_AMBIGUITY_MARGIN - margin) / _AMBIGUITY_MARGIN * _AMBIGUITY_PENALTY
        return best, score

    def _resolution(self, query: str, place: Place, score: float, **extra: Any) -> Resolution:
        return Resolution(
            query=query,
            name=place.name,
            lat=place.lat,
            lon=place.lon,
            kind=place.kind,
            adm1=self._adm1.get(place.adm1_pcode or ""),
            adm1_pcode=place.adm1_pcode,
            score=min(1.0, max(0.0, score)),
            source=place.source,
            place_id=place.id,
            foreign=place.kind == "foreign",
            raw=place.raw,
            **extra,
        )

    def _resolve_key(
        self, name: str, pcode: str | None, points: tuple[Point, ...], kind: str | None
    ) -> Resolution:
        scored = self._score(name, pcode, points, kind)
        chosen = self._choose(scored, kind)
        if (chosen is None or chosen[1] < self.threshold) and self._online and 0 < len(name) <= _MAX_QUERY:
            online = self._score_online(name, pcode, points, kind)
            if online:
                scored = sorted(scored + online, key=lambda ps: -ps[1])
                chosen = self._choose(scored, kind)
        distinct = self._distinct(scored, 6)  # the answer and 5 candidates at most
        if chosen is None or chosen[1] < self.threshold:
            cands = [self._resolution(name, p, s) for p, s in distinct[:5]]
            return Resolution(query=name, score=max(0.0, min(1.0, chosen[1])) if chosen else 0.0,
                              candidates=cands)  # fmt: skip
        place, score = chosen
        cands = [self._resolution(name, p, s) for p, s in distinct if p is not place][:5]
        return self._resolution(name, place, score, candidates=cands)

    def _score_online(
        self, name: str, pcode: str | None, points: tuple[Point, ...], kind: str | None
    ) -> list[tuple[Place, float]]:
        q_norm = normalize(name)
        if not q_norm:
            return []
        found: list[tuple[Place, float]] = []
        for src in self._online:
            try:
                places = src.geocode(name, governorate=pcode)
            except GeocoderServiceError as exc:  # timeouts included: an online miss never fails a run
                self.online_failures += 1
                if self.online_failures == 1:
                    _log.warning("online gazetteer: %s; names it cannot answer stay unresolved "
                                 "(this warning is shown once per run)", exc)  # fmt: skip
                else:
                    _log.info("online gazetteer: %s", exc)
                continue
            local = NameIndex.build(places)
            matches = local.match(q_norm, skeleton(q_norm))
            for i, place in enumerate(places):
                base = max(matches.get(i, (0.0, ""))[0], _ONLINE_FLOOR)
                found.append((place, base + self._context(place, pcode, points, kind)))
        return found
