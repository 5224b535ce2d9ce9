"""A polite caller around one geopy request: spacing, retries, ``Retry-After`` and one time budget.

Politeness is enforced here, outside geopy's transport (whose own retries are off):

- two requests (first tries and retries alike) never reach the server within the minimum delay
  (:data:`gazetteer.settings.nominatim_min_delay_seconds` unless given): the next one starts that
  long after the previous answer;
- a failed try (HTTP 429, 5xx, no connection, timeout) is retried with exponential backoff, and
  a 429's ``Retry-After`` is honoured;
- ``timeout`` is the total budget of one name, retries and waits included: when it runs out,
  :class:`~gazetteer.errors.GeocoderTimedOut` says so with that figure and the number of tries;
- an answer that cannot be read raises :class:`~gazetteer.errors.GeocoderServiceError`;
- after ``max_failures`` names in a row failed, the caller stops asking for the rest of its life.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from gazetteer import settings
from gazetteer.errors import GeocoderServiceError, GeocoderTimedOut

__all__ = ["PoliteCaller", "http_status", "is_timeout", "short_reason"]

#: One request: given the seconds left in the budget, return geopy's answer (locations or None).
Send = Callable[[float], Iterable[Any] | None]

_NO_ANSWER = "no answer in time"


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception, then its causes and contexts, each once."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def is_timeout(exc: BaseException) -> bool:
    """True when a geopy error is, somewhere down its chain, a timeout.

    geopy maps a read timeout seen through ``requests`` to ``GeocoderUnavailable``; the socket
    ``TimeoutError`` is still in the exception chain.
    """
    from geopy import exc as geopy_exc

    return any(
        isinstance(e, (geopy_exc.GeocoderTimedOut, TimeoutError)) or "Timeout" in type(e).__name__ for e in _chain(exc)
    )


def http_status(exc: BaseException) -> int | None:
    """The HTTP status somewhere down a geopy error's chain, or None (connection-level failure)."""
    for e in _chain(exc):
        status = getattr(e, "status_code", None)
        if isinstance(status, int):
            return status
    return None


def short_reason(exc: BaseException) -> str:
    """The innermost reason of a failure, short (``"[Errno 111] Connection refused"``)."""
    last = exc
    for e in _chain(exc):
        last = e
    text = str(last) or type(last).__name__
    marker = text.rfind("[Errno")
    if marker >= 0:
        text = text[marker:].split('")')[0].split("')")[0]
    return text[:160]


@dataclass(frozen=True, slots=True)
class _Retry:
    """A failed try worth another one: why, and how long to wait first."""

    reason: str
    delay: float


class PoliteCaller:
    """Send one name's requests politely to one service, within one time budget.

    Parameters
    ----------
    service, url
        Named in messages (``"Nominatim"``, its base URL).
    timeout
        Total seconds allowed for one name: every try, backoff and ``Retry-After`` wait included.
    min_delay_seconds
        Minimum time between the end of one request and the start of the next; None reads
        :data:`gazetteer.settings.nominatim_min_delay_seconds` at each request.
    retries
        Further tries after a failed one (429, 5xx, no connection, timeout), budget permitting.
    backoff
        Seconds before the first retry, doubled at each further one (a 429's ``Retry-After`` wins).
    max_failures
        Names failing in a row before the caller stops asking for the rest of its life (a run).
    clock, sleep
        Replace the clock (``time.monotonic``-like) and sleep used for spacing and budgets (tests).
    """

    def __init__(
        self,
        *,
        service: str,
        url: str,
        timeout: float,
        min_delay_seconds: float | None = None,
        retries: int = 2,
        backoff: float = 1.0,
        max_failures: int = 3,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.service = service
        self.url = url
        self.timeout = float(timeout)
        self._min_delay = None if min_delay_seconds is None else float(min_delay_seconds)
        self.retries = max(0, int(retries))
        self.backoff = float(backoff)
        self.max_failures = max(1, int(max_failures))
        self._clock = clock or time.monotonic
        self._sleep = sleep or time.sleep
        self._last_request: float | None = None
        self._failures_in_row = 0
        self._last_error = ""
        #: Number of requests actually sent (retries included).
        self.requests = 0

    @property
    def min_delay_seconds(self) -> float:
        """Seconds kept between two requests (the setting's value when none was given)."""
        if self._min_delay is not None:
            return self._min_delay
        return float(settings.nominatim_min_delay_seconds)

    def call(self, query: str, send: Send) -> list[dict[str, Any]]:
        """Ask for ``query`` through ``send``, politely; return the raw records of the answer.

        Raises
        ------
        GeocoderTimedOut
            No answer within ``timeout`` seconds for this name, tries and waits included.
        GeocoderServiceError
            Any other failure (HTTP error, malformed answer, service given up on for this run).
        """
        self._check_open(query)
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
            outcome = self._attempt(query, send, remaining, attempt)
            if not isinstance(outcome, _Retry):
                self._failures_in_row = 0
                return outcome
            reasons.append(outcome.reason)
            if attempt > self.retries or self._clock() + outcome.delay >= deadline:
                break
            self._sleep(outcome.delay)
        raise self._exhausted(query, reasons)

    def _check_open(self, query: str) -> None:
        """Refuse at once when the service was given up on for this run."""
        if self._failures_in_row >= self.max_failures:
            why = (self._last_error if self._last_error.startswith("cannot connect")
                   else f"it failed for {self._failures_in_row} names in a row, last: {self._last_error}")  # fmt: skip
            msg = f"{self.service} at {self.url} not asked for {query!r}: given up on for this run ({why})"
            raise GeocoderServiceError(msg)

    def _wait_turn(self) -> None:
        """Sleep until the minimum delay has passed since the previous request ended."""
        if self._last_request is not None:
            wait = self._last_request + self.min_delay_seconds - self._clock()
            if wait > 0:
                self._sleep(wait)

    def _attempt(self, query: str, send: Send, remaining: float, attempt: int) -> list[dict[str, Any]] | _Retry:
        """One try: the raw records, a :class:`_Retry`, or an error not worth retrying (raised)."""
        from geopy import exc as geopy_exc

        self.requests += 1
        backoff = self.backoff * 2 ** (attempt - 1)
        try:
            try:
                found = send(remaining)
            finally:
                # spacing counts from the end of this request: the server saw it before we got the answer,
                # so it sees the next one at least min_delay_seconds later, whatever the connection setup
                self._last_request = self._clock()
            return [dict(loc.raw) for loc in found or ()]
        except geopy_exc.GeocoderRateLimited as exc:
            delay = float(exc.retry_after) if exc.retry_after is not None else backoff
            return _Retry(f"HTTP 429, retry after {delay:g} s", delay)
        except (geopy_exc.GeocoderParseError, ValueError, TypeError, KeyError, AttributeError) as exc:
            self._failed(f"malformed answer: {exc}")
            msg = f"{self.service} at {self.url} sent a malformed answer for {query!r}: {exc}"
            raise GeocoderServiceError(msg) from exc
        except (geopy_exc.GeocoderQueryError, geopy_exc.GeocoderAuthenticationFailure,
                geopy_exc.GeocoderInsufficientPrivileges, geopy_exc.ConfigurationError) as exc:  # fmt: skip
            self._failed(str(exc))
            msg = f"{self.service} at {self.url} refused the request for {query!r}: {exc}"
            raise GeocoderServiceError(msg) from exc
        except geopy_exc.GeopyError as exc:
            status = http_status(exc)
            if status is None and not is_timeout(exc):  # refused, no route, no DNS: not worth a retry
                raise self._unreachable(exc) from exc
            return _Retry(_NO_ANSWER if status is None else f"HTTP {status}", backoff)

    def _unreachable(self, exc: BaseException) -> GeocoderServiceError:
        """The error for a service that cannot be reached at all; no more requests this run."""
        self._failures_in_row = self.max_failures - 1
        self._failed(f"cannot connect: {short_reason(exc)}")
        return GeocoderServiceError(
            f"cannot reach {self.service} at {self.url} ({short_reason(exc)}); "
            "online lookups are off for the rest of this run"
        )

    def _exhausted(self, query: str, reasons: list[str]) -> GeocoderServiceError:
        """The error for a name whose budget or tries ran out (a timeout when only time failed)."""
        tries = len(reasons)
        counted = {r: reasons.count(r) for r in reasons}
        detail = ", ".join(f"{r} x{n}" if n > 1 else r for r, n in counted.items()) or "no time left for a try"
        self._failed(detail)
        msg = (
            f"{self.service} at {self.url} gave no answer for {query!r} within the {self.timeout:g} s allowed "
            f"per name ({tries} tr{'y' if tries == 1 else 'ies'}: {detail})"
        )
        if all(r == _NO_ANSWER for r in reasons):
            return GeocoderTimedOut(msg)
        return GeocoderServiceError(msg)

    def _failed(self, reason: str) -> None:
        self._failures_in_row += 1
        self._last_error = reason
