"""Online fallback: OpenStreetMap Nominatim through geopy, off unless asked for.

Every request is restricted to Syria (``countrycodes=sy``) and its answer stored in a persistent
SQLite cache whose keys are the sorted query parameters, so the same question is never asked
twice. Politeness is enforced here, outside geopy's transport (whose own retries are off):

- two requests (first tries and retries alike) never reach the server within ``min_delay_seconds``
  (1 s): the next one starts that long after the previous answer;
- a failed try (HTTP 429, 5xx, no connection, timeout) is retried with exponential backoff, and
  a 429's ``Retry-After`` is honoured;
- ``timeout`` is the total budget of one name, retries and waits included: when it runs out,
  :class:`~gazetteer.errors.GeocoderTimedOut` says so with that figure and the number of tries;
- an answer that is not Nominatim JSON raises :class:`~gazetteer.errors.GeocoderServiceError`;
- after ``max_failures`` names in a row failed, the source stops asking for the rest of the run.

The endpoint is ``url=`` (or ``$CONFLICTMAP_NOMINATIM_URL``, or ``--nominatim-url``).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from gazetteer import __version__, settings
from gazetteer.governorates import pcode_for
from gazetteer.errors import GeocoderServiceError, GeocoderTimedOut, MissingDependencyError
from gazetteer.sources.base import OnlineSource
from gazetteer.types import Place

__all__ = ["DEFAULT_URL", "NominatimSource"]

#: The public service (usage policy: at most 1 request/s, an identifying User-Agent).
DEFAULT_URL = "https://nominatim.openstreetmap.org"

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


def _http_status(exc: BaseException) -> int | None:
    """The HTTP status somewhere down a geopy error's chain, or None (connection-level failure)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        status = getattr(current, "status_code", None)
        if isinstance(status, int):
            return status
        current = current.__cause__ or current.__context__
    return None


def _short(exc: BaseException) -> str:
    """The innermost reason of a failure, short ("[Errno 111] Connection refused")."""
    seen: set[int] = set()
    current: BaseException | None = exc
    last = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        last = current
        current = current.__cause__ or current.__context__
    text = str(last) or type(last).__name__
    marker = text.rfind("[Errno")
    if marker >= 0:
        text = text[marker:].split('")')[0].split("')")[0]
    return text[:160]


def _place_from_raw(raw: dict[str, Any]) -> Place:
    """Turn one Nominatim JSON record (json or jsonv2) into a :class:`Place`."""
    display = str(raw.get("display_name") or "")
    first = display.split(",", maxsplit=1)[0].strip()
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
    """Nominatim geocoding restricted to Syria, rate-limited, retried politely and cached.

    Parameters
    ----------
    url
        Base URL of the service (``http://127.0.0.1:8080``, ``https://host/nominatim``); default
        ``$CONFLICTMAP_NOMINATIM_URL`` or :data:`DEFAULT_URL`. Overrides ``domain``/``scheme``.
    domain, scheme
        The same, split (geopy's parameters).
    user_agent
        Sent with every request, as the Nominatim usage policy requires.
    timeout
        Total seconds allowed for one name: every try, backoff and ``Retry-After`` wait included.
    min_delay_seconds
        Minimum time between the end of one request and the start of the next (1 s: the public
        service's policy), so the server never sees two requests within that time.
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
        min_delay_seconds: float = 1.0,
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
            url = os.environ.get("CONFLICTMAP_NOMINATIM_URL") or DEFAULT_URL
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
        self.min_delay_seconds = float(min_delay_seconds)
        self.retries = max(0, int(retries))
        self.backoff = float(backoff)
        self.max_failures = max(1, int(max_failures))
        self.limit = limit
        self.language = language
        if cache_path is False:
            self.cache_path: Path | None = None
        elif cache_path is None or cache_path is True:
            self.cache_path = settings.cache_dir() / "nominatim.sqlite"
        else:
            self.cache_path = Path(cache_path)
        self._clock = clock or time.monotonic
        self._sleep = sleep or time.sleep
        self._geocoder: Any = None
        self._last_request: float | None = None
        self._failures_in_row = 0
        self._last_error = ""
        #: Number of requests actually sent (cache misses and retries), for callers and tests.
        self.requests = 0

    @property
    def url(self) -> str:
        """The service's base URL."""
        return f"{self.scheme}://{self.domain}"

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
            No answer within ``timeout`` seconds for this name, tries and waits included.
        GeocoderServiceError
            Any other failure (HTTP error, malformed answer, service given up on for this run).
        """
        params = self._params(query)
        key = json.dumps(params, sort_keys=True, ensure_ascii=False)
        raws = self._cache_get(key)
        if raws is None:
            raws = self._fetch(query)
            self._cache_put(key, raws)
        try:
            places = [_place_from_raw(raw) for raw in raws if "lat" in raw and "lon" in raw]
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
            "countrycodes": "sy",
            "limit": self.limit,
            "addressdetails": 1,
            "accept-language": self.language,
        }

    def _client(self) -> Any:
        if self._geocoder is not None:
            return self._geocoder
        try:
            from geopy.adapters import RequestsAdapter
            from geopy.geocoders import Nominatim
        except ImportError as exc:  # pragma: no cover - geopy and requests are dependencies
            raise MissingDependencyError("the nominatim source needs geopy and requests: pip install geopy requests") from exc

        def adapter(*, proxies: Any, ssl_context: Any) -> Any:
            # no retries inside the transport: they would bypass the spacing (3 requests in 7 ms on a 429)
            return RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)

        self._geocoder = Nominatim(
            domain=self.domain, scheme=self.scheme, user_agent=self.user_agent, timeout=self.timeout,
            adapter_factory=adapter,
        )  # fmt: skip
        return self._geocoder

    def _wait_turn(self) -> None:
        """Sleep until ``min_delay_seconds`` have passed since the previous request ended."""
        if self._last_request is not None:
            wait = self._last_request + self.min_delay_seconds - self._clock()
            if wait > 0:
                self._sleep(wait)

    def _fetch(self, query: str) -> list[dict[str, Any]]:
        from geopy import exc as geopy_exc

        if self._failures_in_row >= self.max_failures:
            why = (self._last_error if self._last_error.startswith("cannot connect")
                   else f"it failed for {self._failures_in_row} names in a row, last: {self._last_error}")  # fmt: skip
            msg = f"Nominatim at {self.url} not asked for {query!r}: given up on for this run ({why})"
            raise GeocoderServiceError(msg)
        q = " ".join(query.split())
        deadline: float | None = None
        reasons: list[str] = []
        for attempt in range(1, self.retries + 2):
            self._wait_turn()
            now = self._clock()
            if deadline is None:
                deadline = now + self.timeout
            remaining = deadline - now
            if remaining <= 0:
                break
            self.requests += 1
            try:
                try:
                    found = self._client().geocode(
                        q, exactly_one=False, limit=self.limit, addressdetails=True, language=self.language,
                        country_codes="sy", timeout=remaining,
                    )  # fmt: skip
                finally:
                    # spacing counts from the end of this request: the server saw it before we got the answer,
                    # so it sees the next one at least min_delay_seconds later, whatever the connection setup
                    self._last_request = self._clock()
                raws = [dict(loc.raw) for loc in found or ()]
            except geopy_exc.GeocoderRateLimited as exc:
                delay = float(exc.retry_after) if exc.retry_after is not None else self.backoff * 2 ** (attempt - 1)
                reasons.append(f"HTTP 429, retry after {delay:g} s")
            except (geopy_exc.GeocoderParseError, ValueError, TypeError, KeyError, AttributeError) as exc:
                self._failed(f"malformed answer: {exc}")
                msg = f"Nominatim at {self.url} sent a malformed answer for {query!r}: {exc}"
                raise GeocoderServiceError(msg) from exc
            except (geopy_exc.GeocoderQueryError, geopy_exc.GeocoderAuthenticationFailure,
                    geopy_exc.GeocoderInsufficientPrivileges, geopy_exc.ConfigurationError) as exc:  # fmt: skip
                self._failed(str(exc))
                msg = f"Nominatim at {self.url} refused the request for {query!r}: {exc}"
                raise GeocoderServiceError(msg) from exc
            except geopy_exc.GeopyError as exc:
                status = _http_status(exc)
                if status is None and not _is_timeout(exc):  # refused, no route, no DNS: not worth a retry
                    self._failures_in_row = self.max_failures - 1
                    self._failed(f"cannot connect: {_short(exc)}")
                    msg = (
                        f"cannot reach Nominatim at {self.url} ({_short(exc)}); "
                        "online lookups are off for the rest of this run"
                    )
                    raise GeocoderServiceError(msg) from exc
                delay = self.backoff * 2 ** (attempt - 1)
                reasons.append("no answer in time" if status is None else f"HTTP {status}")
            else:
                self._failures_in_row = 0
                return raws
            if attempt > self.retries or self._clock() + delay >= deadline:
                break
            self._sleep(delay)
        tries = len(reasons)
        counted = {r: reasons.count(r) for r in reasons}
        detail = ", ".join(f"{r} x{n}" if n > 1 else r for r, n in counted.items()) or "no time left for a try"
        self._failed(detail)
        msg = (
            f"Nominatim at {self.url} gave no answer for {query!r} within the {self.timeout:g} s allowed per name "
            f"({tries} tr{'y' if tries == 1 else 'ies'}: {detail})"
        )
        if (reasons and all(r == "no answer in time" for r in reasons)) or not reasons:
            raise GeocoderTimedOut(msg)
        raise GeocoderServiceError(msg)

    def _failed(self, reason: str) -> None:
        self._failures_in_row += 1
        self._last_error = reason

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
