"""Dates and counts found by one search from the words that can begin them (geo/extract/dates/find.py,
geo/extract/numbers/find.py): the same as trying the full expression at every such word, one by one."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from geo.extract.dates.find import find_when
from geo.extract.dates.patterns import _START_WORDS as DATE_WORDS
from geo.extract.dates.patterns import _WHEN_RE, _WORD_RE
from geo.extract.numbers.find import _MASTER, _interpret, _is_date_like, find_counts
from geo.extract.numbers.find import _START_WORDS as COUNT_WORDS


def _word_by_word_when(sentence: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    pos = 0
    for tok in _WORD_RE.finditer(sentence):
        w = tok.group()
        if tok.start() < pos or not (w[0].isdigit() or w.lower() in DATE_WORDS):
            continue
        m = _WHEN_RE.match(sentence, tok.start())
        if m is not None:
            out.append((m.start(), m.end(), m.group()))
            pos = m.end()
    return out


def _word_by_word_counts(text: str, skip_dates: bool) -> list[tuple[int, int, object]]:
    out: list[tuple[int, int, object]] = []
    pos = 0
    for tok in _WORD_RE.finditer(text):
        w, start = tok.group(), tok.start()
        if start < pos or not (w[0].isdigit() or w.lower() in COUNT_WORDS):
            continue
        m = _MASTER.match(text, start)
        if m is None:
            continue
        got = _interpret(m)
        if got is None:
            pos = m.end()
            continue
        end, count = got
        if not (skip_dates and not m.group("pre") and _is_date_like(text, start, end)):
            out.append((start, end, count))
        pos = end
    return out


# Our own sentences, with the short words that begin dates and counts in and out of them.
SENTENCES = [
    "Le 3 mars, la nuit de mardi à mercredi, l'armée a frappé la ville; le lendemain, le mois d'avril commençait.",
    "L'avant-veille, à partir du 12 juin et dans la nuit de jeudi, sur les trois derniers jours, au cours des combats.",
    "Des dizaines de civils, des milliers de déplacés, moins de 20 morts, autour de 300 blessés, pas moins de 4.",
    "Bien plus de 1 200 personnes, au moins 35, près d'une centaine, des soldats, la ville, le quartier, du nord.",
    "À PARTIR DU 1ER MAI, LE 8 AOÛT 2019, LA VEILLE, DANS LA NUIT DE LUNDI, SUR PLUS DE 10 JOURS, AU DÉBUT DE JUIN.",
    "l’avant-veille, l' 4 mai, le  premier juin, du lundi 3 au mardi 4, au mi-temps, dans la ville, sur la route",
    "la_nuit de lundi, le_3 mai, des_dizaines, 2e jour, ²3 morts, ſur 3 jours, İl y a 3 jours, K 4",
]
_WORDS = st.sampled_from(
    [*sorted(DATE_WORDS), *sorted(COUNT_WORDS), "nuit", "veille", "semaine", "lendemain", "mois", "partir", "de",
     "d'", "l'", "l’", "dizaines", "milliers", "cours", "derniers", "jours", "3", "12", "1er", "2019", "août", "ville",
     "_", "-"]
)


def test_dates_found_as_word_by_word() -> None:
    for text in SENTENCES:
        assert find_when(text) == _word_by_word_when(text)


def test_counts_found_as_word_by_word() -> None:
    for text in SENTENCES:
        for skip in (False, True):
            assert find_counts(text, skip_dates=skip) == _word_by_word_counts(text, skip)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=14), st.sampled_from([" ", "  ", "\u00a0", ", "]), st.booleans())
def test_generated_phrases(words: list[str], sep: str, upper: bool) -> None:
    text = sep.join(words)
    text = text.upper() if upper else text
    text = re.sub(r"(['’]) ", r"\1", text)
    assert find_when(text) == _word_by_word_when(text)
    assert find_counts(text, skip_dates=True) == _word_by_word_counts(text, True)
