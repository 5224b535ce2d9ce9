"""Online fallback: OpenStreetMap Nominatim through geopy, off unless asked for.

Every request is restricted to Syria (``countrycodes=sy``), spaced by geopy's ``RateLimiter``
(1 request/s by default, the Nominatim usage policy), and its answer stored in a persistent
SQLite cache whose keys are the sorted query parameters, so the same question is never asked
twice. A service that does not answer in time raises :class:`~gazetteer.errors.GeocoderTimedOut`.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from gazetteer import __version__, _config
from gazetteer._governorates import pcode_for
from gazetteer.errors import GeocoderServiceError, GeocoderTimedOut, MissingDependencyError
from gazetteer.sources.base import OnlineSource
from gazetteer.types import Place

__all__ = ["NominatimSource"]

_USER_AGENT = f"conflictmap/{__version__} (offline-first Syria gazetteer)"
_KINDS = {
    "country": "country",
    "state": "governorate",
    "province": "governorate",
    "county": "district",
    "city": "city",
    "town": "town",
    "village": "village",
    "hamlet": "village",
    "suburb": "neighbourhood",
    "neighbourhood": "neighbourhood",
    "quarter": "neighbourhood",
    "camp_site": "camp",
    "military": "military site",
    "airfield": "military site",
    "aerodrome": "military site",
    "road": "road",
}
_STATE_WORDS = {"gouvernorat", "governorate", "muhafazat", "mohafazat", "province", "de", "d", "du"}


def _state_pcode(state: str | None) -> str | None:
    if not state:
        return None
    pcode = pcode_for(state)
    if pcode is None:
        from gazetteer.normalize import normalize

        words = [w for w in normalize(state).split() if w not in _STATE_WORDS]
        pcode = pcode_for(" ".join(words)) if words else None
    return pcode


def _is_timeout(exc: BaseException) -> bool:
    """True when a geopy error is, somewhere down its chain, a timeout.

    geopy maps a read timeout seen through ``requests`` to ``GeocoderUnavailable``; the socket
    ``TimeoutError`` is still in the exception chain.
    """
    from geopy import exc as geopy_exc

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, (geopy_exc.GeocoderTimedOut, TimeoutError)) or "Timeout" in type(current).__name__:
            return True
        current = current.__cause__ or current.__context__
    return False


def _place_from_raw(raw: dict[str, Any]) -> Place:
    """Turn one Nominatim JSON record (json or jsonv2) into a :class:`Place`."""
    display = str(raw.get("display_name") or "")
    first = display.split(",")[0].strip()
    name = str(raw.get("name") or first or raw.get("place_id") or "?")
    address = raw.get("address") or {}
    osm_type = str(raw.get("type") or raw.get("addresstype") or "")
    kind = _KINDS.get(str(raw.get("addresstype") or ""), _KINDS.get(osm_type, "other"))
    names = [name, first]
    namedetails = raw.get("namedetails") or {}
    names += [str(v) for v in namedetails.values()]
    return Place(
        id=f"nominatim:{raw.get('osm_type', 'place')}/{raw.get('osm_id', raw.get('place_id'))}",
        name=name,
        lat=float(raw["lat"]),
        lon=float(raw["lon"]),
        kind=kind,
        adm1_pcode=_state_pcode(address.get("state") or address.get("province")),
        names=tuple(dict.fromkeys(n for n in names if n)),
        source=NominatimSource.name,
        raw=raw,
    )


class NominatimSource(OnlineSource):
    """Nominatim geocoding restricted to Syria, rate-limited and cached.

    Parameters
    ----------
    domain, scheme
        Where the Nominatim service lives (tests point this at ``127.0.0.1:PORT`` over ``http``).
    user_agent
        Sent with every request, as the Nominatim usage policy requires.
    timeout
        Seconds to wait for an answer before :class:`~gazetteer.errors.GeocoderTimedOut`.
    min_delay_seconds
        Minimum spacing between two requests (1 s: the public service's policy).
    limit
        Maximum number of results asked for.
    language
        ``accept-language`` of the answers.
    cache_path
        SQLite file of the persistent cache; ``None`` uses ``cache_dir()/nominatim.sqlite``,
        ``False`` disables caching.
    clock, sleep
        Replace the rate limiter's clock (``time.monotonic``-like) and sleep (tests).
    """

    name: ClassVar[str] = "nominatim"

    def __init__(
        self,
        *,
        domain: str = "nominatim.openstreetmap.org",
        scheme: str = "https",
        user_agent: str = _USER_AGENT,
        timeout: float = 10.0,
        min_delay_seconds: float = 1.0,
        limit: int = 5,
        language: str = "fr",
        cache_path: str | Path | None | bool = None,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.domain = domain
        self.scheme = scheme
        self.user_agent = user_agent
        self.timeout = timeout
        self.min_delay_seconds = min_delay_seconds
        self.limit = limit
        self.language = language
        if cache_path is False:
            self.cache_path: Path | None = None
        elif cache_path is None or cache_path is True:
            self.cache_path = _config.cache_dir() / "nominatim.sqlite"
        else:
            self.cache_path = Path(cache_path)
        self._clock = clock or time.monotonic
        self._sleep = sleep or time.sleep
        self._limited: Callable[..., Any] | None = None
        #: Number of requests actually sent (cache misses), for callers and tests.
        self.requests = 0

    # -- public -----------------------------------------------------------------------------
    def geocode(self, query: str, *, governorate: str | None = None) -> list[Place]:
        """Ask Nominatim (or its cache) for ``query`` in Syria.

        Parameters
        ----------
        query
            A place name.
        governorate
            P-code of the governorate named in context; places in it are listed first.

        Returns
        -------
        list[Place]
            The places found (possibly none), those in ``governorate`` first.

        Raises
        ------
        GeocoderTimedOut
            The service did not answer within ``timeout`` seconds.
        GeocoderServiceError
            Any other failure of the service (HTTP error, unreadable answer).
        """
        params = self._params(query)
        key = json.dumps(params, sort_keys=True, ensure_ascii=False)
        raws = self._cache_get(key)
        if raws is None:
            raws = self._fetch(query)
            self._cache_put(key, raws)
        places = [_place_from_raw(raw) for raw in raws if "lat" in raw and "lon" in raw]
        if governorate:
            places.sort(key=lambda p: p.adm1_pcode != governorate)
        return places

    def cache_key(self, query: str) -> str:
        """Return the deterministic cache key of ``query`` (sorted request parameters)."""
        return json.dumps(self._params(query), sort_keys=True, ensure_ascii=False)

    # -- helpers ----------------------------------------------------------------------------
    def _params(self, query: str) -> dict[str, Any]:
        return {
            "endpoint": f"{self.scheme}://{self.domain}/search",
            "q": " ".join(query.split()),
            "countrycodes": "sy",
            "limit": self.limit,
            "addressdetails": 1,
            "accept-language": self.language,
        }

    def _rate_limited(self) -> Callable[..., Any]:
        if self._limited is not None:
            return self._limited
        try:
            from geopy.extra.rate_limiter import RateLimiter
            from geopy.geocoders import Nominatim
        except ImportError as exc:  # pragma: no cover - geopy is a dependency
            raise MissingDependencyError("the nominatim source needs geopy: pip install geopy") from exc

        clock, sleep = self._clock, self._sleep

        class _Limiter(RateLimiter):
            def _clock(self) -> float:
                return clock()

            def _sleep(self, seconds: float) -> None:
                sleep(seconds)

        geocoder = Nominatim(
            domain=self.domain, scheme=self.scheme, user_agent=self.user_agent, timeout=self.timeout
        )
        self._limited = _Limiter(
            geocoder.geocode,
            min_delay_seconds=self.min_delay_seconds,
            max_retries=0,
            swallow_exceptions=False,
        )
        return self._limited

    def _fetch(self, query: str) -> list[dict[str, Any]]:
        from geopy import exc as geopy_exc

        limited = self._rate_limited()
        self.requests += 1
        try:
            found = limited(
                " ".join(query.split()),
                exactly_one=False,
                limit=self.limit,
                addressdetails=True,
                language=self.language,
                country_codes="sy",
            )
        except geopy_exc.GeopyError as exc:
            if not _is_timeout(exc):
                msg = f"Nominatim at {self.scheme}://{self.domain} failed for {query!r}: {exc}"
                raise GeocoderServiceError(msg) from exc
            msg = f"Nominatim at {self.scheme}://{self.domain} did not answer within {self.timeout} s for {query!r}"
            raise GeocoderTimedOut(msg) from exc
        return [dict(loc.raw) for loc in found or ()]

    def _connect(self) -> sqlite3.Connection | None:
        if self.cache_path is None:
            return None
        try:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(self.cache_path)
            con.execute(
                "CREATE TABLE IF NOT EXISTS geocode (key TEXT PRIMARY KEY, response TEXT NOT NULL, created REAL NOT NULL)"
            )
        except (OSError, sqlite3.Error):
            return None
        return con

    def _cache_get(self, key: str) -> list[dict[str, Any]] | None:
        con = self._connect()
        if con is None:
            return None
        try:
            row = con.execute("SELECT response FROM geocode WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            row = None
        finally:
            con.close()
        if row is None:
            return None
        try:
            data = json.loads(row[0])
        except ValueError:
            return None
        return data if isinstance(data, list) else None

    def _cache_put(self, key: str, raws: list[dict[str, Any]]) -> None:
        con = self._connect()
        if con is None:
            return
        try:
            with con:
                con.execute(
                    "INSERT OR REPLACE INTO geocode (key, response, created) VALUES (?, ?, ?)",
                    (key, json.dumps(raws, ensure_ascii=False), time.time()),
                )
        except sqlite3.Error:
            pass  # a cache that cannot store is not worth failing the lookup
        finally:
            con.close()
