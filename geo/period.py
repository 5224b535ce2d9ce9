"""One type for a date as the project knows it: a :class:`Period` (start, end, precision).

A dispatch date, an event date or a control date is a day, a month or a year. The records and
files keep it as an ISO string plus ``date_precision`` (``"2016-12-22"``/``day``,
``"2016-12"``/``month``, ``"2016"``/``year``); code that needs calendar days parses that pair
once, here, into a :class:`Period`. The control table places a month- or year-precise change on
the **last** day of its period (:attr:`Period.end`): it is known to hold by then.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from gazetteer.errors import InputError
from geo.vocab import DatePrecision

__all__ = ["Period"]

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass(frozen=True, slots=True)
class Period:
    """A day, a month or a year: first and last day, and which of the three it is."""

    start: dt.date
    end: dt.date
    precision: DatePrecision

    @classmethod
    def day(cls, day: dt.date) -> Period:
        """The period of one calendar day."""
        return cls(day, day, DatePrecision.DAY)

    @classmethod
    def around(cls, day: dt.date, precision: DatePrecision | str) -> Period:
        """The day, month or year that contains ``day``."""
        p = DatePrecision(precision)
        if p is DatePrecision.DAY:
            return cls.day(day)
        if p is DatePrecision.MONTH:
            last = calendar.monthrange(day.year, day.month)[1]
            return cls(day.replace(day=1), day.replace(day=last), p)
        return cls(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), p)

    @classmethod
    def parse(cls, value: str | dt.date | Any, precision: DatePrecision | str | None = None) -> Period:
        """Read ``YYYY-MM-DD``, ``DD/MM/YYYY``, ``YYYY-MM``, ``YYYY``, a date or a timestamp.

        A ``precision`` coarser than the value widens it to its month or year
        (``Period.parse("2016-12-22", "month")`` is December 2016); a finer one is ignored.

        Raises
        ------
        InputError
            The value is not one of those forms, or the precision is unknown.
        """
        try:
            wanted = DatePrecision(precision) if precision is not None else None
        except ValueError:
            choices = ", ".join(p.value for p in DatePrecision)
            raise InputError(f"unknown date precision {precision!r}; expected one of {choices}") from None
        found = cls._read(value)
        if wanted is not None and _rank(wanted) > _rank(found.precision):
            return cls.around(found.start, wanted)
        return found

    @classmethod
    def from_fields(cls, value: str | None, precision: str | None) -> Period | None:
        """The period of a record's ``date`` / ``date_precision`` pair; None when there is no date."""
        if value is None or not str(value).strip():
            return None
        return cls.parse(value, precision)

    @classmethod
    def _read(cls, value: Any) -> Period:
        if isinstance(value, dt.datetime):
            return cls.day(value.date())
        if isinstance(value, dt.date):
            return cls.day(value)
        if hasattr(value, "to_pydatetime"):  # pandas Timestamp
            return cls.day(value.to_pydatetime().date())
        text = str(value).strip() if value is not None else ""
        try:
            if m := _ISO.match(text):
                year, month, day = int(m.group(1)), m.group(2), m.group(3)
                if day is not None:
                    return cls.day(dt.date(year, int(month), int(day)))
                if month is not None:
                    return cls.around(dt.date(year, int(month), 1), DatePrecision.MONTH)
                return cls.around(dt.date(year, 1, 1), DatePrecision.YEAR)
            if m := _DMY.match(text):
                return cls.day(dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
        except ValueError:
            pass
        raise InputError(f"bad date {value!r}; expected YYYY-MM-DD, YYYY-MM or YYYY")

    @property
    def iso(self) -> str:
        """The date as the files write it: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
        if self.precision is DatePrecision.DAY:
            return self.start.isoformat()
        if self.precision is DatePrecision.MONTH:
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return f"{self.start.year:04d}"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def _rank(p: DatePrecision) -> int:
    return (DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR).index(p)
