"""Online fallback: OpenStreetMap Nominatim through geopy, off unless asked for.

Every request is restricted to the country of the active profile (``countrycodes=sy`` for Syria)
and its answer stored in a persistent SQLite cache (:mod:`gazetteer.sources._answer_cache`) whose
keys are the sorted query parameters, so the same question is never asked twice. Requests go
through a polite caller (:mod:`gazetteer.sources._polite`): at most one per
:data:`gazetteer.settings.nominatim_min_delay_seconds`, retried with backoff and ``Retry-After``,
one time budget per name, given up on after ``max_failures`` names in a row failed.

The endpoint is ``url=`` (or :data:`gazetteer.settings.nominatim_url`, ``$CONFLICTMAP_NOMINATIM_URL``,
``--nominatim-url``), read when the source is built.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from gazetteer import __version__, profile, settings
from gazetteer.errors import GeocoderServiceError, MissingDependencyError
from gazetteer.governorates import pcode_for
from gazetteer.sources._answer_cache import AnswerCache
from gazetteer.sources._polite import PoliteCaller
from gazetteer.sources.base import OnlineSource
from gazetteer.types import Place, PlaceKind

__all__ = ["DEFAULT_URL", "NominatimSource", "place_from_raw"]

#: The public service (usage policy: at most 1 request/s, an identifying User-Agent).
DEFAULT_URL = "https://nominatim.openstreetmap.org"

_USER_AGENT = f"conflictmap/{__version__} (offline-first Syria gazetteer)"
_KINDS: dict[str, PlaceKind] = {
    "country": PlaceKind.COUNTRY,
    "state": PlaceKind.GOVERNORATE,
    "province": PlaceKind.GOVERNORATE,
    "county": PlaceKind.DISTRICT,
    "city": PlaceKind.CITY,
    "town": PlaceKind.TOWN,
    "village": PlaceKind.VILLAGE,
    "hamlet": PlaceKind.VILLAGE,
    "suburb": PlaceKind.NEIGHBOURHOOD,
    "neighbourhood": PlaceKind.NEIGHBOURHOOD,
    "quarter": PlaceKind.NEIGHBOURHOOD,
    "camp_site": PlaceKind.CAMP,
    "military": PlaceKind.MILITARY_SITE,
    "airfield": PlaceKind.MILITARY_SITE,
    "aerodrome": PlaceKind.MILITARY_SITE,
    "road": PlaceKind.ROAD,
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


def place_from_raw(raw: dict[str, Any]) -> Place:
    """Turn one Nominatim JSON record (json or jsonv2) into a :class:`Place`, the record kept as ``raw``.

    Raises
    ------
    ValueError, TypeError, KeyError, AttributeError
        When the record is not Nominatim's (no numeric ``lat``/``lon`` ...).
    """
    display = str(raw.get("display_name") or "")
    first = display.split(",", maxsplit=1)[0].strip()
    name = str(raw.get("name") or first or raw.get("place_id") or "?")
    address = raw.get("address") or {}
    osm_type = str(raw.get("type") or raw.get("addresstype") or "")
    kind = _KINDS.get(str(raw.get("addresstype") or ""), _KINDS.get(osm_type, PlaceKind.OTHER))
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
    """Nominatim geocoding restricted to the profile's country, rate-limited, retried politely and cached.

    Parameters
    ----------
    url
        Base URL of the service (``http://127.0.0.1:8080``, ``https://host/nominatim``); default
        :data:`gazetteer.settings.nominatim_url`, ``$CONFLICTMAP_NOMINATIM_URL`` or :data:`DEFAULT_URL`.
        Overrides ``domain``/``scheme``.
    domain, scheme
        The same, split (geopy's parameters).
    user_agent
        Sent with every request, as the Nominatim usage policy requires.
    timeout
        Total seconds allowed for one name: every try, backoff and ``Retry-After`` wait included.
    min_delay_seconds
        Minimum time between the end of one request and the start of the next, so the server never
        sees two requests within that time; None (default) reads
        :data:`gazetteer.settings.nominatim_min_delay_seconds` (1 s: the public service's policy).
    retries
        Further tries after a failed one (429, 5xx, no connection, timeout), budget permitting.
    backoff
        Seconds before the first retry, doubled at each further one (a 429's ``Retry-After`` wins).
    max_failures
        Names failing in a row before the source stops asking for the rest of its life (a run).
    limit
        Maximum number of results asked for.
    language
        ``accept-language`` of the answers.
    cache_path
        SQLite file of the persistent cache; ``None`` uses ``cache_dir()/nominatim.sqlite``,
        ``False`` disables caching.
    clock, sleep
        Replace the clock (``time.monotonic``-like) and sleep used for spacing and budgets (tests).
    """

    name: ClassVar[str] = "nominatim"

    def __init__(
        self,
        *,
        url: str | None = None,
        domain: str | None = None,
        scheme: str | None = None,
        user_agent: str = _USER_AGENT,
        timeout: float = 10.0,
        min_delay_seconds: float | None = None,
        retries: int = 2,
        backoff: float = 1.0,
        max_failures: int = 3,
        limit: int = 5,
        language: str = "fr",
        cache_path: str | Path | bool | None = None,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        if url is None and domain is None:
            url = settings.nominatim_url or os.environ.get("CONFLICTMAP_NOMINATIM_URL") or DEFAULT_URL
        if url is not None:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise GeocoderServiceError(
                    f"expected the Nominatim URL as http(s)://host[:port][/path], instead got: {url!r}"
                )
            scheme, domain = parts.scheme, parts.netloc + parts.path.rstrip("/").removesuffix("/search")
        if not (isinstance(timeout, (int, float)) and timeout > 0):
            raise GeocoderServiceError(f"expected a positive timeout in seconds, instead got: {timeout!r}")
        self.domain = str(domain)
        self.scheme = scheme or "https"
        self.user_agent = user_agent
        self.timeout = float(timeout)
        self.limit = limit
        self.language = language
        if cache_path is False:
            self.cache_path: Path | None = None
        elif cache_path is None or cache_path is True:
            self.cache_path = settings.cache_dir() / "nominatim.sqlite"
        else:
            self.cache_path = Path(cache_path)
        #: The polite caller every request goes through (spacing, retries, budget, give-up).
        self.polite = PoliteCaller(
            service="Nominatim", url=self.url, timeout=self.timeout, min_delay_seconds=min_delay_seconds,
            retries=retries, backoff=backoff, max_failures=max_failures, clock=clock, sleep=sleep,
        )  # fmt: skip
        self._geocoder: Any = None  # geopy's Nominatim (untyped), built on first request

    @property
    def url(self) -> str:
        """The service's base URL."""
        return f"{self.scheme}://{self.domain}"

    @property
    def requests(self) -> int:
        """Number of requests actually sent (cache misses and retries), for callers and tests."""
        return self.polite.requests

    @property
    def min_delay_seconds(self) -> float:
        """Seconds kept between two requests."""
        return self.polite.min_delay_seconds

    # -- public -----------------------------------------------------------------------------
    def geocode(self, query: str, *, governorate: str | None = None) -> list[Place]:
        """Ask Nominatim (or its cache) for ``query`` in the profile's country.

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
            No answer within ``timeout`` seconds for this name, tries and waits included.
        GeocoderServiceError
            Any other failure (HTTP error, malformed answer, service given up on for this run).
        """
        key = self.cache_key(query)
        cache = AnswerCache(self.cache_path)
        raws = cache.get(key)
        if raws is None:
            raws = self.polite.call(query, self._sender(query))
            cache.put(key, raws)
        try:
            places = [place_from_raw(raw) for raw in raws if "lat" in raw and "lon" in raw]
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            msg = f"Nominatim at {self.url} sent a malformed answer for {query!r}: {exc}"
            raise GeocoderServiceError(msg) from exc
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
            "countrycodes": _country_code(),
            "limit": self.limit,
            "addressdetails": 1,
            "accept-language": self.language,
        }

    def _sender(self, query: str) -> Callable[[float], Iterable[Any] | None]:
        """One geopy request for ``query`` given the seconds left: what the polite caller sends."""
        q = " ".join(query.split())

        def send(remaining: float) -> Iterable[Any] | None:
            found: Iterable[Any] | None = self._client().geocode(
                q, exactly_one=False, limit=self.limit, addressdetails=True, language=self.language,
                country_codes=_country_code(), timeout=remaining,
            )  # fmt: skip
            return found

        return send

    def _client(self) -> Any:
        if self._geocoder is not None:
            return self._geocoder
        try:
            from geopy.adapters import RequestsAdapter
            from geopy.geocoders import Nominatim
        except ImportError as exc:  # pragma: no cover - geopy and requests are dependencies
            msg = "the nominatim source needs geopy and requests: pip install geopy requests"
            raise MissingDependencyError(msg) from exc

        def adapter(*, proxies: Any, ssl_context: Any) -> Any:
            # no retries inside the transport: they would bypass the spacing (3 requests in 7 ms on a 429)
            return RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)

        self._geocoder = Nominatim(
            domain=self.domain, scheme=self.scheme, user_agent=self.user_agent, timeout=self.timeout,
            adapter_factory=adapter,
        )  # fmt: skip
        return self._geocoder


def _country_code() -> str:
    """The active profile's ISO code as Nominatim's ``countrycodes`` takes it (``"sy"``)."""
    return profile.active().code.lower()
