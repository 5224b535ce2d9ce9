"""French date phrases: finding, resolving, cumulative detection (:mod:`geo.extract.dates`)."""

from __future__ import annotations

import pytest

from geo.extract.dates import (
    MONTHS,
    WEEKDAYS,
    ResolvedDate,
    find_when,
    is_cumulative_phrase,
    read_date,
    resolve_when,
)

# 2019-08-29 is a Thursday.
DOC_DAY = "2019-08-29"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("jeudi", "2019-08-29"),
        ("Jeudi", "2019-08-29"),
        ("mercredi", "2019-08-28"),
        ("vendredi", "2019-08-23"),
        ("mardi soir", "2019-08-27"),
        ("jeudi à l’aube", "2019-08-29"),
        ("dans la nuit de mercredi à jeudi", "2019-08-29"),
        ("Dans la nuit de lundi à mardi", "2019-08-27"),
        ("samedi dernier", "2019-08-24"),
        ("jeudi dernier", "2019-08-22"),
        ("lundi prochain", "2019-09-02"),
        ("depuis jeudi", "2019-08-29"),
        ("la veille", "2019-08-28"),
        ("l'avant-veille", "2019-08-27"),
        ("l’avant-veille", "2019-08-27"),
        ("hier", "2019-08-28"),
        ("hier soir", "2019-08-28"),
        ("avant-hier", "2019-08-27"),
        ("aujourd'hui", "2019-08-29"),
    ],
)
def test_relative_days_with_day_precision(phrase: str, expected: str) -> None:
    assert resolve_when(phrase, DOC_DAY, "day") == ResolvedDate(expected, "day")


@pytest.mark.parametrize(
    "phrase",
    ["jeudi", "mardi soir", "dans la nuit de mercredi à jeudi", "la veille", "hier", "depuis jeudi"],
)
def test_relative_days_keep_month_without_day_precision(phrase: str) -> None:
    assert resolve_when(phrase, "2019-09", "month") == ResolvedDate("2019-09", "month")


def test_relative_day_with_day_string_but_month_precision() -> None:
    # a day-looking date whose precision is "month" is not trusted for weekdays
    assert resolve_when("jeudi", "2019-09-12", "month") == ResolvedDate("2019-09", "month")


def test_relative_day_without_document_date() -> None:
    assert resolve_when("jeudi", None, None) == ResolvedDate(None, None)


def test_veille_uses_anchor() -> None:
    assert resolve_when("la veille", "2019-09", "month", anchor="2019-08-20") == ResolvedDate("2019-08-19", "day")
    assert resolve_when("le lendemain", DOC_DAY, "day", anchor="2019-08-20") == ResolvedDate("2019-08-21", "day")
    assert resolve_when("la veille", DOC_DAY, "day", anchor="2019-08-01") == ResolvedDate("2019-07-31", "day")


@pytest.mark.parametrize(
    ("phrase", "doc", "prec", "expected"),
    [
        ("le 8 août", "2019-09", "month", ResolvedDate("2019-08-08", "day")),
        ("le 31 juillet", DOC_DAY, "day", ResolvedDate("2019-07-31", "day")),
        ("le 16 décembre", DOC_DAY, "day", ResolvedDate("2018-12-16", "day")),  # previous year
        ("le 16 décembre", "2020-01-05", "day", ResolvedDate("2019-12-16", "day")),
        ("depuis le 16 décembre", "2019-12", "month", ResolvedDate("2019-12-16", "day")),
        ("le 22 septembre", "2016-09-29", "day", ResolvedDate("2016-09-22", "day")),
        ("le 1er mars", DOC_DAY, "day", ResolvedDate("2019-03-01", "day")),
        ("samedi 12 mars 2016", DOC_DAY, "day", ResolvedDate("2016-03-12", "day")),
        ("du 3 au 5 mars", DOC_DAY, "day", ResolvedDate("2019-03-03", "day")),
        ("en septembre 2018", DOC_DAY, "day", ResolvedDate("2018-09", "month")),
        ("depuis septembre 2015", None, None, ResolvedDate("2015-09", "month")),
        ("en 2018", DOC_DAY, "day", ResolvedDate("2018", "year")),
        ("fin avril", "2019-09", "month", ResolvedDate("2019-04", "month")),
        ("depuis fin avril", DOC_DAY, "day", ResolvedDate("2019-04", "month")),
        ("début mars", DOC_DAY, "day", ResolvedDate("2019-03", "month")),
        ("en décembre", "2020-02-01", "day", ResolvedDate("2019-12", "month")),
        ("entre avril et août", DOC_DAY, "day", ResolvedDate("2019-04", "month")),
        ("le 8 août", None, None, ResolvedDate(None, None)),
    ],
)
def test_absolute_dates(phrase: str, doc: str | None, prec: str | None, expected: ResolvedDate) -> None:
    assert resolve_when(phrase, doc, prec) == expected


@pytest.mark.parametrize("phrase", ["ces derniers jours", "en cinq jours", "chaque jour", "la semaine dernière"])
def test_periods_keep_the_document_month(phrase: str) -> None:
    assert resolve_when(phrase, DOC_DAY, "day") == ResolvedDate("2019-08", "month")


def test_empty_phrase_gives_document_date() -> None:
    assert resolve_when("", DOC_DAY, "day") == ResolvedDate(DOC_DAY, "day")
    assert resolve_when(None, "2019-09", "month") == ResolvedDate("2019-09", "month")


def _found(sentence: str) -> list[str]:
    out = []
    for a, b, phrase in find_when(sentence):
        assert sentence[a:b] == phrase
        out.append(phrase)
    return out


@pytest.mark.parametrize(
    ("sentence", "phrases"),
    [
        ("Dans la nuit de mercredi à jeudi, des raids ont frappé Ariha.", ["Dans la nuit de mercredi à jeudi"]),
        ("Les avions ont frappé mardi soir puis jeudi à l'aube.", ["mardi soir", "jeudi à l'aube"]),
        ("tandis que la veille, trois civils ont péri", ["la veille"]),
        ("L’armée a lancé le 8 août une offensive.", ["le 8 août"]),
        ("Depuis fin avril, plus de 950 civils ont été tués.", ["Depuis fin avril"]),
        ("Des milliers ont fui ces derniers jours.", ["ces derniers jours"]),
        ("En cinq jours, 260 morts; en sept jours 89 morts.", ["En cinq jours", "en sept jours"]),
        ("Les raids frappent chaque jour la ville.", ["chaque jour"]),
        ("depuis le 16 décembre et depuis jeudi", ["depuis le 16 décembre", "depuis jeudi"]),
        ("un accord dévoilé en septembre 2018, déclenchée en 2011", ["en septembre 2018", "en 2011"]),
        ("une offensive entre avril et août", ["entre avril et août"]),
        ("300 civils en près de quatre mois", ["en près de quatre mois"]),
        ("Depuis le début de l’offensive", ["Depuis le début de l’offensive"]),
        ("Mardi,\u00a0Ankara a indiqué", ["Mardi"]),
        ("Les mardis du marché, Jeudisville", []),
        ("Le maire a dit", []),
    ],
)
def test_find_when(sentence: str, phrases: list[str]) -> None:
    assert _found(sentence) == phrases


@pytest.mark.parametrize(
    ("phrase", "cumulative"),
    [
        ("depuis fin avril", True),
        ("Depuis le 16 décembre", True),
        ("depuis jeudi", True),
        ("depuis le début", True),
        ("en cinq jours", True),
        ("en sept jours", True),
        ("en près de quatre mois", True),
        ("ces derniers jours", True),
        ("chaque jour", True),
        ("entre avril et août", True),
        ("jeudi", False),
        ("la veille", False),
        ("le 8 août", False),
        ("en septembre 2018", False),
        ("en 2018", False),
        ("dans la nuit de mercredi à jeudi", False),
    ],
)
def test_is_cumulative_phrase(phrase: str, cumulative: bool) -> None:
    assert is_cumulative_phrase(phrase) is cumulative


def test_weekday_and_month_tables() -> None:
    assert set(WEEKDAYS) == {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}
    assert MONTHS["août"] == MONTHS["aout"] == 8


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-11-21", ResolvedDate("2019-11-21", "day")),
        ("2019-11-21T10:00:00+01:00", ResolvedDate("2019-11-21", "day")),
        ("2019-11-21 10:00", ResolvedDate("2019-11-21", "day")),
        ("21/11/2019", ResolvedDate("2019-11-21", "day")),
        ("12 mars 2019", ResolvedDate("2019-03-12", "day")),
        ("1er mars 2019", ResolvedDate("2019-03-01", "day")),
        ("mardi 12 mars 2019", ResolvedDate("2019-03-12", "day")),
        ("2019-11", ResolvedDate("2019-11", "month")),
        ("mars 2019", ResolvedDate("2019-03", "month")),
        ("2019", ResolvedDate("2019", "year")),
        ("2019-13-01", ResolvedDate(None, None)),
        ("31/02/2019", ResolvedDate(None, None)),
        ("demain", ResolvedDate(None, None)),
        ("", ResolvedDate(None, None)),
    ],
)
def test_read_date(value: str, expected: ResolvedDate) -> None:
    assert read_date(value) == expected
