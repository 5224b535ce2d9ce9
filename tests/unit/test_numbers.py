"""French counts: table-driven checks of :mod:`geo.extract.numbers`."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.extract.numbers import Count, find_counts, parse_count

NBSP = "\u00a0"
NNBSP = "\u202f"

CASES: list[tuple[str, Count]] = [
    ("huit", Count(8)),
    ("onze", Count(11)),
    ("dix-sept", Count(17)),
    ("vingt-deux", Count(22)),
    ("vingt et un", Count(21)),
    ("vingt-et-un", Count(21)),
    ("trente-cinq", Count(35)),
    ("soixante et onze", Count(71)),
    ("soixante-dix-sept", Count(77)),
    ("quatre-vingts", Count(80)),
    ("quatre-vingt-dix", Count(90)),
    ("quatre-vingt-dix-neuf", Count(99)),
    ("cent", Count(100)),
    ("deux cents", Count(200)),
    ("trois cent vingt", Count(320)),
    ("mille", Count(1000)),
    ("deux mille cinq cents", Count(2500)),
    ("deux cent mille", Count(200_000)),
    ("une dizaine", Count(10, approx=True)),
    ("une quinzaine", Count(15, approx=True)),
    ("une vingtaine", Count(20, approx=True)),
    ("une quarantaine", Count(40, approx=True)),
    ("une centaine", Count(100, approx=True)),
    ("un millier", Count(1000, approx=True)),
    # vague plurals follow ACLED's convention: the unit as a floor ("des dizaines" = 10+)
    ("des dizaines", Count(10, minimum=True, approx=True)),
    ("des centaines", Count(100, minimum=True, approx=True)),
    ("plusieurs milliers", Count(1000, minimum=True, approx=True)),
    ("des dizaines de milliers", Count(10_000, minimum=True, approx=True)),
    ("des centaines de milliers", Count(100_000, minimum=True, approx=True)),
    ("plus d'une vingtaine", Count(20, minimum=True, approx=True)),
    ("plus d’un millier", Count(1000, minimum=True, approx=True)),
    ("plus de 950", Count(950, minimum=True)),
    ("au moins 12", Count(12, minimum=True)),
    ("Au moins huit", Count(8, minimum=True)),
    ("au moins un", Count(1, minimum=True)),
    ("pas moins de 30", Count(30, minimum=True)),
    ("près de 300", Count(300, approx=True)),
    ("environ 80", Count(80, approx=True)),
    ("quelque 300", Count(300, approx=True)),
    ("quelque trois millions", Count(3_000_000, approx=True)),
    ("400.000", Count(400_000)),
    ("400 000", Count(400_000)),
    (f"370{NBSP}000", Count(370_000)),
    (f"370{NNBSP}000", Count(370_000)),
    ("1.500", Count(1500)),
    ("1,5 million", Count(1_500_000, approx=True)),
    ("deux millions", Count(2_000_000)),
    ("un million", Count(1_000_000)),
    ("3 millions", Count(3_000_000)),
    ("35", Count(35)),
    ("un", Count(1)),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parse_count(text: str, expected: Count) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["", "mardi", "civils", "12,5", "septembre", "centaines"])
def test_parse_count_none(text: str) -> None:
    assert parse_count(text) is None


def _spans(text: str, **kw: bool) -> list[tuple[str, int]]:
    return [(text[a:b], c.value) for a, b, c in find_counts(text, **kw)]


def test_two_counts_in_one_sentence() -> None:
    s = "Au moins huit civils, dont cinq enfants, ont péri."
    found = find_counts(s)
    assert [(s[a:b], c) for a, b, c in found] == [
        ("Au moins huit", Count(8, minimum=True)),
        ("cinq", Count(5)),
    ]


def test_offsets_point_into_text() -> None:
    s = f"Selon l’ONG, plus de 40{NBSP}000 personnes et quatre-vingt-dix familles ont fui."
    for a, b, _ in find_counts(s):
        assert s[a:b] == s[a:b].strip()
    assert _spans(s) == [(f"plus de 40{NBSP}000", 40_000), ("quatre-vingt-dix", 90)]


def test_bare_article_is_not_a_count() -> None:
    assert find_counts("un village et une école") == []
    assert _spans("un millier de civils") == [("un millier", 1000)]


def test_invalid_word_sequence_is_split() -> None:
    assert _spans("cinq six") == [("cinq", 5), ("six", 6)]


def test_measures_and_percentages_are_returned() -> None:
    assert _spans("320 km2 et 70 % du territoire, deux villages, quatre kilomètres") == [
        ("320", 320),
        ("70", 70),
        ("deux", 2),
        ("quatre", 4),
    ]


def test_decimal_without_million_is_not_a_count() -> None:
    assert _spans("à 12,5 km") == []


def test_words_inside_other_words_are_ignored() -> None:
    assert _spans("en septembre, les centaines et la sixième dizaine") == []
    assert _spans("aucun deuxième") == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("le 8 août 2019, huit civils", [("huit", 8)]),
        ("Le 1er mars, 12 morts", [("12", 12)]),
        ("en 2019, plus de 2019 civils", [("plus de 2019", 2019)]),
        ("depuis 2012 et en 2011 par la répression", []),
        ("le 21/11/2019 à 10h30, 3 blessés", [("3", 3)]),
        ("2000 personnes ont fui", [("2000", 2000)]),
        ("les 3 et 4 mars, 7 morts", [("7", 7)]),
    ],
)
def test_skip_dates(text: str, kept: list[tuple[str, int]]) -> None:
    assert _spans(text, skip_dates=True) == kept


def test_dates_kept_without_skip() -> None:
    assert _spans("le 8 août 2019") == [("8", 8), ("2019", 2019)]


_UNITS = ["un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"]
_TEENS = ["dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"]
_TENS = ["", "", "vingt", "trente", "quarante", "cinquante", "soixante", "soixante", "quatre-vingt", "quatre-vingt"]


def _french(n: int) -> str:
    """Reference spelling of 1..999 (1990 hyphenation aside), written independently of the parser."""
    words: list[str] = []
    h, r = divmod(n, 100)
    if h:
        words.append("cent" if h == 1 else f"{_UNITS[h - 1]} cent{'s' if r == 0 else ''}")
    if r:
        t, u = divmod(r, 10)
        if r < 10:
            words.append(_UNITS[r - 1])
        elif r < 20:
            words.append(_TEENS[r - 10])
        elif t in (7, 9):
            teen = _TEENS[r - t * 10 + 10 - 10]
            words.append(f"{_TENS[t]}{' et ' if r == 71 else '-'}{teen}")
        else:
            base = _TENS[t] + ("s" if t == 8 and u == 0 else "")
            words.append(base if u == 0 else f"{base}{' et ' if u == 1 and t != 8 else '-'}{_UNITS[u - 1]}")
    return " ".join(words)


@settings(deadline=None)  # a busy shared machine must not fail a property test
@given(st.integers(min_value=1, max_value=999))
def test_round_trip_spelled_numbers(n: int) -> None:
    assert parse_count(_french(n)) == Count(n)


@settings(deadline=None)  # a busy shared machine must not fail a property test
@given(st.integers(min_value=2, max_value=999), st.integers(min_value=1, max_value=999))
def test_round_trip_thousands(k: int, n: int) -> None:
    assert parse_count(f"{_french(k)} mille {_french(n)}") == Count(k * 1000 + n)
