"""Reading a metadata date (a ``date`` column, a ``<meta>`` tag, a ``date`` prefix): :func:`read_date`.

Not to be confused with :func:`geo.spatial.control.parse_date` (a control table's dates) or
:meth:`geo.period.Period.parse` (an ISO date already clean): this one reads what a dispatch
file may carry, French month names included, and says "no date" for anything else.
"""

from __future__ import annotations

import re

from geo.extract.dates.patterns import _DAYNUM, _MO, _WD, _YEAR, DISPATCH_YEARS, _norm
from geo.extract.dates.resolve import ResolvedDate, _checked, _day_of_month
from geo.lang.fr.dates import MONTHS
from geo.vocab import DatePrecision

__all__ = ["read_date"]


def read_date(value: str | None) -> ResolvedDate:
    """Read a metadata date: ISO dates and datetimes, "21/11/2019", "12 mars 2019", "mars 2019".

    Parameters
    ----------
    value : str or None
        The raw value of a ``date`` column, a ``<meta>`` tag or a ``date`` prefix.

    Returns
    -------
    ResolvedDate
        ``("YYYY-MM-DD", "day")``, ``("YYYY-MM", "month")``, ``("YYYY", "year")`` or
        ``(None, None)`` when the value is empty or not a date. A year outside
        :data:`DISPATCH_YEARS` (1800-2099, the years the text patterns read) is not a dispatch
        date: ``" date 9999-12-31"`` or ``"0001-01-01"`` give ``(None, None)``, so no impossible
        date reaches the tables (pandas holds 1677-2262 only).
    """
    if value is None:
        return ResolvedDate(None, None)
    s = _norm(str(value))
    if not s:
        return ResolvedDate(None, None)
    found = _read_numeric(s)
    return found if found is not None else _read_french(s)


def _read_numeric(s: str) -> ResolvedDate | None:
    """An ISO date or datetime, "2019-11", "20191121", "21/11/2019"; None for another form."""
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[t\s].*)?$", s)
    if m:
        return _checked(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{4})-(\d{2})", s)
    if m and 1 <= int(m.group(2)) <= 12 and int(m.group(1)) in DISPATCH_YEARS:
        return ResolvedDate(s, DatePrecision.MONTH)
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s)
    if m:
        return _checked(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:\s.*)?", s)
    if m:
        return _checked(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None


def _read_french(s: str) -> ResolvedDate:
    """A date with a French month ("(jeudi) 12 mars 2019", "mars 2019") or a year; no date for anything else."""
    m = re.fullmatch(rf"(?:{_WD}\s+)?({_DAYNUM})\s+({_MO})\s+({_YEAR})(?:\s.*)?", s)
    if m:
        return _checked(int(m.group(3)), MONTHS[m.group(2)], _day_of_month(m.group(1)))
    m = re.fullmatch(rf"({_MO})\s+({_YEAR})", s)
    if m:
        return ResolvedDate(f"{int(m.group(2)):04d}-{MONTHS[m.group(1)]:02d}", DatePrecision.MONTH)
    m = re.fullmatch(_YEAR, s)
    if m:
        return ResolvedDate(s, DatePrecision.YEAR)
    return ResolvedDate(None, None)
