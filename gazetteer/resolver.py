"""Resolve a place name, as a French dispatch spells it, to one Syrian place, or say it cannot.

The :class:`Gazetteer` indexes every local source once, then scores each query:

- **name**: exact normalized key (1.0), equal consonant skeleton (~0.8-0.95), or rapidfuzz
  similarity over both keys (see :mod:`gazetteer._index`); context and priors are
  :mod:`gazetteer.scoring`'s, the context's validation :mod:`gazetteer.context`'s;
- **context**: ``+0.08`` inside the governorate the text names, ``-0.08`` outside it; up to
  ``+0.25`` near points already resolved in the document (30 km decay); ``kind`` agreement; for a
  name score below 0.9 only 30 % of a favourable context counts (context never makes a weak
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
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from gazetteer import scoring
from gazetteer._index import NameIndex
from gazetteer._source_cache import load_source
from gazetteer.context import Point, context_key
from gazetteer.errors import GeocoderServiceError, InputError
from gazetteer.governorates import governorates, pcode_for
from gazetteer.normalize import normalize, skeleton
from gazetteer.sources import OnlineSource, Source, get_source
from gazetteer.types import Place, PlaceKind, Resolution

__all__ = ["Gazetteer"]

_log = logging.getLogger("conflictmap")

_MAX_QUERY = 200  # no place name is longer; longer strings are unresolved at once
_ONLINE_FLOOR = 0.8
_SEAT_SPELLING = 0.85  # a seat's skeleton match kept beside an administrative unit's exact name


def _build_sources(
    sources: Sequence[str | Source] | str | Source | None, *, online: bool, csv: str | Path | None
) -> list[Source]:
    """The sources of a gazetteer, in priority order (see :class:`Gazetteer`)."""
    if sources is None:
        from gazetteer.datasets import installed_sources

        sources = installed_sources()  # embedded + whatever `conflictmap data` installed
    if isinstance(sources, (str, Source)):
        sources = (sources,)
    # "csv" named among the sources is the table given as ``csv`` (else a clear SourceError)
    built: list[Source] = [(get_source(s, path=csv) if s == "csv" and csv is not None else get_source(s))
                           if isinstance(s, str) else s for s in sources]  # fmt: skip
    if csv is not None and "csv" not in sources:
        built.insert(0, get_source("csv", path=csv))
    if online and not any(s.name == "nominatim" for s in built):
        built.append(get_source("nominatim"))
    return built


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
        built = _build_sources(sources, online=online, csv=csv)
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
        populations = self._index.shared_populations(scoring.SAME_PLACE_KM)
        self._priors = [scoring.place_prior(p, pop) for p, pop in zip(self._index.places, populations, strict=True)]
        self._adm1 = {g.pcode: g.name_en for g in governorates()}
        self._governorates = {p.adm1_pcode: p for p in self._index.places if p.id.startswith("ocha:") and p.adm1_pcode}
        self._cached = functools.lru_cache(maxsize=65536)(self._resolve_key)
        #: ``_score`` remembered for :meth:`candidates` (its lists are read, never changed)
        self._scored = functools.lru_cache(maxsize=65536)(self._score)
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
        key = context_key(governorate, near, kind)
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
        pcode, points, kind = context_key(governorate, near, kind)
        scored = self._scored(name, pcode, points, kind)
        n = max(0, int(limit))
        return [self._resolution(name, p, s) for p, s in scoring.distinct(scored, n)[:n]]

    def phrase_index(self) -> dict[str, tuple[Place, ...]]:
        """Return normalized name -> places, for every Latin-script name of 3+ characters.

        Keys are exactly :func:`~gazetteer.normalize.normalize` of a spelling, so a matcher can
        look up ``normalize(span)`` for spans of :func:`~gazetteer.normalize.fold`-ed text.
        """
        if self._phrases is None:
            self._phrases = self._index.phrases(min_length=3)
        return self._phrases

    def governorate(self, name: str | None) -> Place | None:
        """Return the governorate place named by P-code, English or French name, or None (also for None)."""
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
    def _score(
        self, name: str, pcode: str | None, points: tuple[Point, ...], kind: str | None
    ) -> list[tuple[Place, float]]:
        if len(name) > _MAX_QUERY:
            return []
        q_norm = normalize(name)
        if not q_norm:
            return []
        matches = self._index.match(q_norm, skeleton(q_norm))
        if any(base >= scoring.STRONG for base, _key in matches.values()):
            # A spelling that matches a key exactly (or through the skeleton) is not outvoted by
            # context on a near-miss: "Al-Hawash" in a text about Idleb is not "Hass".
            strong = {i: m for i, m in matches.items() if m[0] >= scoring.STRONG}
            if all(self._index.places[i].kind in scoring.ADMIN_UNITS for i in strong):
                # OCHA names a district or subdistrict after its seat ("Saraqab"): the town spelt
                # a little differently ("Saraqib") stays a candidate, for scoring.choose's seat rule.
                strong.update({i: m for i, m in matches.items() if m[0] >= _SEAT_SPELLING
                               and self._index.places[i].kind in scoring.SEATS})  # fmt: skip
            matches = strong
        places = self._index.places
        scored = [
            (places[i], base + self._priors[i] * scoring.prior_weight(base)
             + scoring.context_weight(base, scoring.context_score(places[i], pcode, points, kind)))
            for i, (base, _key) in matches.items()
        ]  # fmt: skip
        scored.sort(key=lambda ps: -ps[1])
        return scored

    def _resolution(
        self, query: str, place: Place, score: float, candidates: Sequence[Resolution] = ()
    ) -> Resolution:
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
            foreign=place.kind == PlaceKind.FOREIGN,
            raw=place.raw,
            candidates=list(candidates),
        )

    def _resolve_key(self, name: str, pcode: str | None, points: tuple[Point, ...], kind: str | None) -> Resolution:
        scored = self._score(name, pcode, points, kind)
        chosen = scoring.choose(scored, kind)
        if (chosen is None or chosen[1] < self.threshold) and self._online and 0 < len(name) <= _MAX_QUERY:
            online = self._score_online(name, pcode, points, kind)
            if online:
                scored = sorted(scored + online, key=lambda ps: -ps[1])
                chosen = scoring.choose(scored, kind)
        distinct = scoring.distinct(scored, 6)  # the answer and 5 candidates at most
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
                found.append((place, base + scoring.context_score(place, pcode, points, kind)))
        return found
