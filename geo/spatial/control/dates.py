"""Control dates and the choice of snapshot dates.

A control date is a :class:`geo.period.Period` placed on its **end**: a month-precision change
(``"2019-08"``) counts from the month's last day, a year-precision one from 31 December, so the
state at a date inside the period never shows a change that may not have happened yet.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from gazetteer.errors import InputError
from geo.period import Period
from geo.vocab import DatePrecision

__all__ = ["MAX_SNAPSHOTS", "bounded_step", "parse_date", "snapshot_dates"]

#: Default bound of the number of snapshot dates of control areas and front lines.
MAX_SNAPSHOTS = 60

_STEP_RE = re.compile(r"^\s*(\d+)\s*([DWMY])\s*$", re.IGNORECASE)


def parse_date(value: str | dt.date | Any, precision: str | None = None) -> tuple[dt.date, DatePrecision]:
    """Parse a control date; return ``(effective date, precision)``.

    ``YYYY-MM-DD`` and ``DD/MM/YYYY`` are day precision; ``YYYY-MM`` is month precision and
    ``YYYY`` year precision, placed on the **last** day of the month/year (:attr:`Period.end`).
    A ``precision`` of ``"month"``/``"year"`` given with a full date moves it to that period's
    end too; a month stays a month whatever ``precision`` says.

    Raises
    ------
    InputError
        Unparseable value or unknown precision.
    """
    period = Period.parse(value, precision)
    if period.precision is not DatePrecision.DAY and precision is not None:
        as_written = Period.parse(value)
        if as_written.precision is not DatePrecision.DAY:
            period = as_written  # only a day is widened by the precision given
    return period.end, period.precision


def snapshot_dates(observed: Sequence[dt.date], step: str | None = None) -> list[dt.date]:
    """Return snapshot dates: the observed dates, or a regular ``step`` over their span.

    Parameters
    ----------
    observed
        Observation dates (any order).
    step
        ``"<n>D"``, ``"<n>W"``, ``"<n>M"`` or ``"<n>Y"``; months/years keep the day of month
        (clipped to the month's length). The last observed date closes the series.

    Raises
    ------
    InputError
        Unknown step.
    """
    days = sorted(set(observed))
    if step is None or not days:
        return days
    m = _STEP_RE.match(step)
    if not m or int(m.group(1)) == 0:
        raise InputError(f"bad snapshot step {step!r}; expected e.g. '7D', '2W', '1M', '1Y'")
    n, unit = int(m.group(1)), m.group(2).upper()
    start, end = days[0], days[-1]
    out: list[dt.date] = []
    i = 0
    while (cur := _step_date(start, n * i, unit)) < end:
        out.append(cur)
        i += 1
    out.append(end)
    return out


def _step_date(start: dt.date, n: int, unit: str) -> dt.date:
    """``start`` plus ``n`` days, weeks, months or years (the day of month clipped to the month)."""
    if unit in "DW":
        return start + dt.timedelta(days=n * (7 if unit == "W" else 1))
    months = n * (12 if unit == "Y" else 1)
    y, mo = divmod(start.month - 1 + months, 12)
    year, month = start.year + y, mo + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def bounded_step(first: dt.date, last: dt.date, max_dates: int = MAX_SNAPSHOTS) -> str:
    """Return the step that keeps the snapshots of ``first`` .. ``last`` at about ``max_dates``.

    Weekly when the span holds at most ``max_dates`` weeks, else monthly, else quarterly, else
    the smallest multiple of three months that fits (``"1W"``, ``"1M"``, ``"3M"``, ``"6M"`` ...).

    Raises
    ------
    InputError
        ``max_dates`` below 2.
    """
    if max_dates < 2:
        raise InputError(f"max_dates must be at least 2, got {max_dates}")
    slots = max_dates - 1  # the last date closes the series
    days = (last - first).days
    if days <= 7 * slots:
        return "1W"
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months <= slots:
        return "1M"
    quarters = -(-months // 3)
    return f"{3 * -(-quarters // slots)}M"


def default_dates(observed: Sequence[dt.date], max_dates: int | None = None) -> list[dt.date]:
    """Snapshot dates when none are asked for: every observed date, or a bounded regular step.

    Every distinct date while there are at most ``max_dates`` (default :data:`MAX_SNAPSHOTS`) of
    them; beyond that the step of :func:`bounded_step`. The first and last dates are included.
    """
    days = sorted(set(observed))
    limit = MAX_SNAPSHOTS if max_dates is None else max_dates
    if len(days) <= limit:
        return days
    return snapshot_dates(days, bounded_step(days[0], days[-1], limit))


def choose_dates(
    observed: Sequence[dt.date],
    dates: Sequence[str | dt.date] | None,
    step: str | None,
    max_dates: int | None,
) -> list[dt.date]:
    """The snapshot dates: those asked for, a regular ``step``, or :func:`default_dates`.

    Raises
    ------
    InputError
        Both ``dates`` and ``step`` given, or no date at all (empty table, nothing asked for).
    """
    if dates is not None and step is not None:
        raise InputError("give snapshot dates or a step, not both")
    if dates is not None:
        days = sorted({parse_date(d)[0] for d in dates})
    elif step is not None:
        days = snapshot_dates(sorted(set(observed)), step)
    else:
        days = default_dates(observed, max_dates)
    if not days:
        raise InputError("no snapshot date: the control table is empty and no date was given")
    return days
