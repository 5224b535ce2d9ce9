"""The lower-cased twins (geo/extract/folded.py): the same matches as the IGNORECASE patterns, at the same offsets."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_prefilter import PATTERNS, SENTENCES

from geo.extract.dates.find import _AT_WORD as DATE_AT_WORD
from geo.extract.folded import Folded, at_start_word, fold_twin
from geo.extract.numbers.find import _AT_WORD as COUNT_AT_WORD

_FOLDED = [*(Folded(rx) for rx in PATTERNS), DATE_AT_WORD, COUNT_AT_WORD]


def _spans(found: object) -> list[tuple[int, int]]:
    return [m.span() for m in found]  # type: ignore[attr-defined]


def _same(f: Folded, text: str) -> None:
    rx = f.re
    assert _spans(f.finditer(text)) == _spans(rx.finditer(text)), rx.pattern[:80]
    for pos in range(0, len(text) + 1, 7):
        a, b = f.search(text, pos), rx.search(text, pos)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), rx.pattern[:80]
        a, b = f.match(text, pos), rx.match(text, pos)
        assert (a and a.span()) == (b and b.span()), rx.pattern[:80]


def test_most_table_patterns_have_a_twin() -> None:
    folded = [rx for rx in PATTERNS if rx.flags & re.IGNORECASE]
    with_twin = [rx for rx in folded if fold_twin(rx)[0] is not None]
    assert len(with_twin) >= 0.9 * len(folded)


@pytest.mark.parametrize("text", SENTENCES)
def test_twins_find_what_the_patterns_find(text: str) -> None:
    for f in _FOLDED:
        _same(f, text)


_ALPHABET = st.sampled_from(
    [*"aeiouyAEIOUéèÉÈàÀçÇœŒ'’- \u00a0,.;0123456789_ıſİKµ", "tué", "RAID", "Frappes", "le ", "Mardi", "8 août", "du "]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_twins_on_generated_text(text: str) -> None:
    for f in _FOLDED[::3]:
        _same(f, text)


def test_odd_characters_and_unsafe_patterns() -> None:
    assert fold_twin(re.compile("istanbul", re.IGNORECASE))[0] is not None
    assert Folded(re.compile("istanbul", re.IGNORECASE)).search("İSTANBUL") is not None  # searched as it is
    assert Folded(re.compile("frappes", re.IGNORECASE)).search("FRAPPEſ") is not None
    assert fold_twin(re.compile("µg", re.IGNORECASE))[0] is None
    assert fold_twin(re.compile("(?-i:A)b", re.IGNORECASE))[0] is None
    assert fold_twin(re.compile("ab"))[0] is None  # case-sensitive: searched as it is
    for pattern in ("[A-Z]+", "[^a-z ]+", "[À-Þ]", "[a-zà-ÿ]{2,}"):
        _same(Folded(re.compile(pattern, re.IGNORECASE)), "éTé 12 ÉTÉ × ÷ Kelvin ÿŸ")


def test_at_start_word_is_a_necessary_condition() -> None:
    rx = re.compile(at_start_word(frozenset({"la", "à"})) + r"\w+", re.IGNORECASE)
    assert [m.group() for m in rx.finditer("La ville, à 3 km; lala _la 2e ²x")] == ["La", "à", "3", "la", "2e", "²x"]
