"""Resolving a French date phrase against the document date (:func:`resolve_when`).

Relative days ("jeudi", "la veille", "dans la nuit de mercredi à jeudi") become a calendar day
only when the document date has day precision; otherwise the document month is kept with
precision "month". Absolute dates ("le 8 août", "en septembre 2018", "fin avril", "en 2018")
resolve on their own, taking the year from the document when the text omits it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from geo.extract.dates.patterns import (
    _ABS_DAY,
    _ABS_MONTH,
    _ABS_YEAR,
    _ISO,
    _NUMERIC,
    _WD,
    DISPATCH_YEARS,
    _norm,
)
from geo.lang.fr.dates import MONTHS, WEEKDAYS
from geo.period import Period
from geo.vocab import DatePrecision

__all__ = ["ResolvedDate", "resolve_when"]

_WD_RE = re.compile(_WD)


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A resolved date: ``"YYYY-MM-DD"``, ``"YYYY-MM"`` or ``"YYYY"`` with its precision.

    ``precision`` is a :class:`~geo.vocab.DatePrecision` (equal to ``"day"``, ``"month"``,
    ``"year"``) or None (nothing known). :attr:`period` is the same date as a
    :class:`~geo.period.Period`.
    """

    date: str | None
    precision: DatePrecision | None

    @property
    def period(self) -> Period | None:
        """The date as a :class:`~geo.period.Period`; None when nothing is known."""
        return Period.from_fields(self.date, self.precision)


@lru_cache(maxsize=1024)
def _parse_doc(doc_date: str | None) -> tuple[dt.date | None, int | None, int | None]:
    """Return (day date or None, year, month) from a document date string."""
    if not doc_date:
        return None, None, None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", doc_date.strip()[:10])
    if not m:
        return None, None, None
    y = int(m.group(1))
    if not dt.MINYEAR <= y <= dt.MAXYEAR:
        return None, None, None  # year 0: no usable date
    mo = int(m.group(2)) if m.group(2) else None
    if mo is not None and not 1 <= mo <= 12:
        return None, y, None  # month 13: the year alone
    day = None
    if m.group(3) and mo:
        try:
            day = dt.date(y, mo, int(m.group(3)))
        except ValueError:
            day = None
    return day, y, mo


def _reference(day: dt.date | None, year: int | None, month: int | None) -> dt.date | None:
    """The latest day the document date allows (the day itself, or the end of its month/year)."""
    if day is not None:
        return day
    if year is None:
        return None
    if month is None:
        return dt.date(year, 12, 31)
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_fallback(year: int | None, month: int | None) -> ResolvedDate:
    """The document month (or year) when a phrase gives no day."""
    if year is None:
        return ResolvedDate(None, None)
    if month is None:
        return ResolvedDate(f"{year:04d}", DatePrecision.YEAR)
    return ResolvedDate(f"{year:04d}-{month:02d}", DatePrecision.MONTH)


def _pick_year(month: int, day: int, ref: dt.date | None) -> int | None:
    """Year for a day/month given without year: the document's, or the previous one when the
    date would fall more than a month after the document date."""
    if ref is None:
        return None
    y = ref.year
    try:
        cand = dt.date(y, month, min(day, calendar.monthrange(y, month)[1]))
    except ValueError:
        return y
    if cand > (_shift(ref, 31) or ref):
        return y - 1 if y > dt.MINYEAR else y
    return y


def _shift(day: dt.date, days: int, default: dt.date | None = None) -> dt.date | None:
    """``day + days``, or ``default`` when that leaves the calendar (before 0001-01-01, after 9999-12-31)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return default


def _day_of_month(token: str) -> int:
    """The day number of "1er", "premier", "08"."""
    t = token.lower()
    if t in ("1er", "premier"):
        return 1
    return int(t)


@lru_cache(maxsize=1024)
def _parse_anchor(anchor: str | None) -> dt.date | None:
    """The day of an anchor date ``"YYYY-MM-DD"``, or None."""
    if not anchor:
        return None
    day, _, _ = _parse_doc(anchor)
    return day


@dataclass(frozen=True, slots=True)
class _DocDate:
    """A document date as resolution needs it: its day (day precision only), year and month, and
    the latest day it allows. Read once per distinct ``(date, precision)`` (:meth:`of`)."""

    day: dt.date | None
    year: int | None
    month: int | None
    ref: dt.date | None

    @staticmethod
    @lru_cache(maxsize=1024)
    def of(doc_date: str | None, doc_precision: str | None) -> _DocDate:
        """The document date ``doc_date`` read at ``doc_precision``."""
        day, year, month = _parse_doc(doc_date)
        if doc_precision != DatePrecision.DAY:
            day = None
        if doc_precision == DatePrecision.YEAR:
            month = None
        return _DocDate(day, year, month, _reference(day, year, month))

    def fallback(self) -> ResolvedDate:
        """The document month (or year): what a phrase without a day gives."""
        return _month_fallback(self.year, self.month)


def resolve_when(
    phrase: str | None,
    doc_date: str | None,
    doc_precision: str | None,
    anchor: str | None = None,
) -> ResolvedDate:
    """Resolve a French date phrase against the document date.

    Parameters
    ----------
    phrase : str or None
        The expression as written ("jeudi", "la veille", "le 8 août", "en septembre 2018").
        Empty or None gives the document date itself.
    doc_date : str or None
        ``"YYYY-MM-DD"`` or ``"YYYY-MM"`` (or ``"YYYY"``); read once per distinct value.
    doc_precision : str or None
        ``"day"``, ``"month"`` (or ``"year"``); relative days resolve to a day only for ``"day"``.
    anchor : str or None
        A previously resolved day (``"YYYY-MM-DD"``) that "la veille", "l'avant-veille" and
        "le lendemain" refer to (the event date the text is talking about). Without it they
        count from the document date.

    Returns
    -------
    ResolvedDate
        A weekday resolves to the most recent such day on or before the document date
        ("lundi prochain" to the next one); "dans la nuit de mercredi à jeudi" to the jeudi.
        Without a day-precision document date (and no anchor) relative phrases keep the document
        month with precision "month". Spans and running totals ("depuis fin avril",
        "en cinq jours") resolve to their start when stated, else to the document date.
        A document date that is not a calendar date keeps what is valid: month 13 keeps
        the year alone, year 0 (or beyond 9999) gives no date; a relative day that would leave
        the calendar (the day after 9999-12-31, a weekday before 0001-01-01) gives the document
        month. No document date, however odd, raises.
    """
    doc = _DocDate.of(doc_date, doc_precision)
    if not phrase or not phrase.strip():
        if doc.day is not None:
            return ResolvedDate(doc.day.isoformat(), DatePrecision.DAY)
        return doc.fallback()
    p = _norm(phrase)
    found = _absolute(p, doc.ref)
    if found is not None:
        return found
    return _relative(p, doc, _parse_anchor(anchor))


def _absolute(p: str, ref: dt.date | None) -> ResolvedDate | None:
    """An absolute date written in the phrase ("21/11/2019", "le 8 août", "en septembre", "en 2018")."""
    found = _written_numeric(p)
    return found if found is not None else _written_french(p, ref)


def _written_numeric(p: str) -> ResolvedDate | None:
    """A date in digits: "21/11/2019", "2019-11-21", "2019-11"."""
    m = _NUMERIC.search(p)
    if m:
        try:
            d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            return ResolvedDate(d.isoformat(), DatePrecision.DAY)
        except ValueError:
            pass
    m = _ISO.search(p)
    if m:  # a written ISO date that is not a calendar date ("0000-00-00") is not a date
        y, mo = int(m.group(1)), int(m.group(2))
        if m.group(3):
            checked = _checked(y, mo, int(m.group(3)))
            if checked.date is not None:
                return checked
        elif y in DISPATCH_YEARS and 1 <= mo <= 12:
            return ResolvedDate(f"{m.group(1)}-{m.group(2)}", DatePrecision.MONTH)
    return None


def _written_french(p: str, ref: dt.date | None) -> ResolvedDate | None:
    """A date in words: "le 8 août (2018)", "en septembre (2018)", "en 2018"; the year from ``ref`` when omitted."""
    y: int | None
    m = _ABS_DAY.search(p)
    if m:
        mo = MONTHS[m.group("m")]
        dd = _day_of_month(m.group("d"))
        y = int(m.group("y")) if m.group("y") else _pick_year(mo, dd, ref)
        if y is None:
            return ResolvedDate(None, None)
        try:
            return ResolvedDate(dt.date(y, mo, dd).isoformat(), DatePrecision.DAY)
        except ValueError:
            return ResolvedDate(f"{y:04d}-{mo:02d}", DatePrecision.MONTH)
    m = _ABS_MONTH.search(p)
    if m:
        mo = MONTHS[m.group("m")]
        y = int(m.group("y")) if m.group("y") else _pick_year(mo, 1, ref)
        if y is None:
            return ResolvedDate(None, None)
        return ResolvedDate(f"{y:04d}-{mo:02d}", DatePrecision.MONTH)
    m = _ABS_YEAR.search(p)
    if m:
        return ResolvedDate(m.group("y"), DatePrecision.YEAR)
    return None


def _relative(p: str, doc: _DocDate, base: dt.date | None) -> ResolvedDate:
    """A relative day ("la veille" from ``base`` or the document day), a weekday, else the document month."""
    offset = _relative_offset(p)
    if offset is not None:
        start = base if base is not None else doc.day
        moved = _shift(start, offset) if start is not None else None
        if moved is None:
            return doc.fallback()
        return ResolvedDate(moved.isoformat(), DatePrecision.DAY)
    weekdays = _WD_RE.findall(p)
    if not weekdays:
        return doc.fallback()  # spans, vague periods, unknown phrases: the document month
    day = doc.day
    if day is None:
        return doc.fallback()
    target = WEEKDAYS[weekdays[-1]]
    if _NEXT.search(p):
        delta = (target - day.weekday()) % 7 or 7
    else:
        delta = -((day.weekday() - target) % 7)
        if _LAST.search(p) and delta == 0:
            delta = -7
    moved = _shift(day, delta)
    if moved is None:
        return doc.fallback()
    return ResolvedDate(moved.isoformat(), DatePrecision.DAY)


_NEXT = re.compile(r"\bprochain")
_LAST = re.compile(r"\bdernier")
#: Relative-day phrases and their day offsets, tried in this order.
_RELATIVE = (
    (re.compile(r"l'avant-veille|avant-hier"), -2),
    (re.compile(r"\bla veille\b|\bhier\b|la nuit derni[èe]re"), -1),
    (re.compile(r"surlendemain"), 2),
    (re.compile(r"lendemain"), 1),
    (re.compile(r"aujourd'hui|\bce (?:matin|soir)\b|cet après-midi|cette nuit"), 0),
)


def _relative_offset(p: str) -> int | None:
    """Day offset of a relative-day phrase, or None."""
    for pattern, offset in _RELATIVE:
        if pattern.search(p):
            return offset
    return None


def _checked(y: int, mo: int, d: int) -> ResolvedDate:
    """The day ``y-mo-d`` when it is a calendar day of a dispatch year, else no date."""
    if y not in DISPATCH_YEARS:
        return ResolvedDate(None, None)
    try:
        return ResolvedDate(dt.date(y, mo, d).isoformat(), DatePrecision.DAY)
    except ValueError:
        return ResolvedDate(None, None)
