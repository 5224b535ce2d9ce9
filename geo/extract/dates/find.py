"""Finding French date expressions in a sentence, and telling the running totals."""

from __future__ import annotations

import re

from geo.extract.dates.patterns import _CUMULATIVE_RE, _NARROW_STARTS, _START_WORDS, _WHEN_RE, _WORD_RE, _clean
from geo.extract.folded import Folded, at_start_word

__all__ = ["find_when", "is_cumulative_phrase"]

#: A date expression that begins a word (a run of ``[^\W_]``) that can begin one: one search finds the next,
#: the words before it are not visited one by one in Python.
_AT_WORD = Folded(re.compile(rf"{at_start_word(_START_WORDS, _NARROW_STARTS)}(?:{_WHEN_RE.pattern})", _WHEN_RE.flags))


def find_when(sentence: str) -> list[tuple[int, int, str]]:
    """Find date expressions in a sentence.

    Parameters
    ----------
    sentence : str
        Any text; offsets are into it.

    Returns
    -------
    list of tuple[int, int, str]
        ``(start, end, phrase)`` with ``sentence[start:end] == phrase``, in text order,
        non-overlapping, each the longest expression at its position: weekday words with their
        modifiers ("mardi soir", "jeudi à l'aube", "depuis jeudi"), night ranges ("dans la nuit
        de mercredi à jeudi"), relative days ("la veille", "hier"), absolute dates ("le 8 août",
        "depuis le 16 décembre", "en septembre 2018", "depuis fin avril", "en 2018") and spans
        ("ces derniers jours", "en cinq jours", "chaque jour", "entre avril et août").
    """
    out: list[tuple[int, int, str]] = []
    pos = 0
    # An expression counts where the word it begins with can begin a date (a digit, a word of _START_WORDS).
    while (m := _AT_WORD.search_folded(sentence, pos)) is not None:
        start, end = m.span()
        tok = _WORD_RE.match(sentence, start)
        w = tok.group() if tok is not None else ""
        if w and (w[0].isdigit() or w.lower() in _START_WORDS):
            out.append((start, end, sentence[start:end]))
            pos = end
        else:
            pos = start + 1
    return out


def is_cumulative_phrase(phrase: str) -> bool:
    """Whether a date phrase announces a running total or an aggregate over several days.

    True for "depuis ..." (incl. "depuis le début"), "en N jours", "en près de quatre mois",
    "ces derniers jours", "chaque jour", "entre avril et août"; False for a single day or month.
    """
    return bool(_CUMULATIVE_RE.search(_clean(phrase)))
