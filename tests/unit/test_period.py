"""geo.period.Period: the one parse of a date and its precision."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.errors import InputError
from geo.period import Period
from geo.vocab import DatePrecision


@pytest.mark.parametrize(
    ("value", "precision", "start", "end", "iso"),
    [
        ("2016-12-22", None, dt.date(2016, 12, 22), dt.date(2016, 12, 22), "2016-12-22"),
        ("22/12/2016", None, dt.date(2016, 12, 22), dt.date(2016, 12, 22), "2016-12-22"),
        ("2016-02", None, dt.date(2016, 2, 1), dt.date(2016, 2, 29), "2016-02"),
        ("2015", None, dt.date(2015, 1, 1), dt.date(2015, 12, 31), "2015"),
        ("2016-12-22", "month", dt.date(2016, 12, 1), dt.date(2016, 12, 31), "2016-12"),
        ("2016-12-22", "year", dt.date(2016, 1, 1), dt.date(2016, 12, 31), "2016"),
        ("2016-12", "day", dt.date(2016, 12, 1), dt.date(2016, 12, 31), "2016-12"),
        (dt.date(2019, 3, 4), None, dt.date(2019, 3, 4), dt.date(2019, 3, 4), "2019-03-04"),
    ],
)
def test_parse(value: object, precision: str | None, start: dt.date, end: dt.date, iso: str) -> None:
    p = Period.parse(value, precision)
    assert (p.start, p.end, p.iso) == (start, end, iso)
    assert Period.parse(p.iso, p.precision) == p


def test_timestamps_and_membership() -> None:
    import pandas as pd

    p = Period.parse(pd.Timestamp("2020-03-05 14:00"))
    assert p == Period.day(dt.date(2020, 3, 5))
    month = Period.around(dt.date(2020, 3, 5), DatePrecision.MONTH)
    assert dt.date(2020, 3, 31) in month and dt.date(2020, 4, 1) not in month


@pytest.mark.parametrize("bad", ["2016-13-01", "yesterday", "", None, "2016-02-30"])
def test_bad_dates_name_the_value(bad: object) -> None:
    with pytest.raises(InputError, match="bad date"):
        Period.parse(bad)


def test_unknown_precision() -> None:
    with pytest.raises(InputError, match="unknown date precision 'week'"):
        Period.parse("2016-12-22", "week")


def test_from_fields() -> None:
    assert Period.from_fields(None, None) is None
    assert Period.from_fields("2016-12", "month") == Period.parse("2016-12")
