"""Finding French date expressions in a sentence, and telling the running totals."""

from __future__ import annotations

from geo.extract.dates.patterns import _CUMULATIVE_RE, _START_WORDS, _WHEN_RE, _WORD_RE, _clean

__all__ = ["find_when", "is_cumulative_phrase"]


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
    # Only try the (costly) full expression where a word that can begin a date stands.
    for tok in _WORD_RE.finditer(sentence):
        start = tok.start()
        if start < pos:
            continue
        w = tok.group()
        if not (w[0].isdigit() or w.lower() in _START_WORDS):
            continue
        m = _WHEN_RE.match(sentence, start)
        if m is not None:
            out.append((m.start(), m.end(), m.group()))
            pos = m.end()
    return out


def is_cumulative_phrase(phrase: str) -> bool:
    """Whether a date phrase announces a running total or an aggregate over several days.

    True for "depuis ..." (incl. "depuis le début"), "en N jours", "en près de quatre mois",
    "ces derniers jours", "chaque jour", "entre avril et août"; False for a single day or month.
    """
    return bool(_CUMULATIVE_RE.search(_clean(phrase)))
