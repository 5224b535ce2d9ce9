"""Reading French counts in words and digits: "huit", "vingt-deux", "une dizaine", "plus de 950", "400.000".

:func:`parse_count` reads one expression; :func:`find_counts` finds every count in a sentence with
its character span, longest match first, so "au moins huit civils, dont cinq enfants" gives two
spans.

Conventions
-----------
- ``minimum`` is True after "plus de", "au moins", "pas moins de" and for plural approximations.
- ``approx`` is True after "près de", "environ", "quelque", "autour de", "presque", "moins de",
  "jusqu'à" and for the approximating nouns ("une dizaine" = 10, "une quinzaine" = 15,
  "un millier" = 1000) and decimal millions ("1,5 million").
- Plural approximations follow ACLED's convention for vague figures: the unit as a floor,
  "des dizaines" = 10+, "des centaines" = 100+, "des milliers" = 1000+, "des dizaines de milliers"
  = 10000+, with ``minimum=True`` and ``approx=True``. "plusieurs" and "quelques" read the same.
- People counted by noun phrases (:func:`find_people`): "une femme et ses deux filles" = 3,
  "un père et ses trois enfants" = 4, "un couple et ses trois enfants" = 5 (words in
  :mod:`geo.lang.fr.numbers`).
- A bare article "un"/"une" is not reported by :func:`find_counts` (it is nearly always an
  article); it is a count when a modifier precedes it ("au moins un") or when
  :func:`parse_count` is given it alone.
- Digits grouped by ".", a space, U+00A0, U+202F or U+2009 in threes are one number
  ("370 000", "400.000"); a decimal comma is read only before "million(s)"/"milliard(s)".
- A run of more than ``MAX_DIGITS`` (15) digits is not a count (no casualty or displacement figure
  is that long): :func:`parse_count` returns None and :func:`find_counts` leaves it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.lang.fr import numbers as fr

__all__ = ["MAX_DIGITS", "WORD_NUMBER_PATTERN", "Count"]


@dataclass(frozen=True, slots=True)
class Count:
    """A count read from text.

    Parameters
    ----------
    value : int
        The number (the lower bound for a minimum, the round value for an approximation).
    minimum : bool
        True when the text gives a floor ("plus de 950", "au moins 12", "des dizaines").
    approx : bool
        True when the text gives a round or approximate figure ("environ 80", "une dizaine").
    """

    value: int
    minimum: bool = False
    approx: bool = False


_NUMBER_WORDS = sorted(
    [*fr.UNITS, *fr.TENS, *fr.HUNDREDS, *fr.THOUSANDS, *fr.EIGHTY],
    key=len,
    reverse=True,
)
_WORD = "(?:" + "|".join(re.escape(w) for w in _NUMBER_WORDS) + ")"
_SEP = r"(?:-et-|\s+et\s+|[-\s\u00a0\u202f]+)"
#: Regular expression source matching a run of French number words ("quatre-vingt-dix").
WORD_NUMBER_PATTERN = rf"{_WORD}(?:{_SEP}{_WORD})*(?![\w])"

_SPACES = "\u00a0\u202f\u2009 "
_DIGITS = (
    rf"\d{{1,3}}(?:\.\d{{3}})+(?![\d])"
    rf"|\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?![\d,.]\d)"
    r"|\d+(?:,\d+)?"
)
_APPROX_SING = "|".join(fr.APPROX_NOUNS)
_APPROX_PLUR = "|".join(n + "s" for n in fr.APPROX_NOUNS)
_BIG_RE = r"milliards?|millions?"
_LB = r"(?<![\w\-])"

_PREFIX_RE = (
    r"(?:bien\s+plus|un\s+peu\s+plus|plus|pas\s+moins|moins)\s+d(?:e\s+|['’]\s*)"
    r"|au\s+moins\s+|pr[èe]s\s+d(?:e\s+|['’]\s*)|environ\s+|quelque\s+|autour\s+d(?:e\s+|['’]\s*)"
    r"|presque\s+|approximativement\s+|jusqu['’]\s*[àa]\s+"
)

_TOKEN = re.compile(r"-et-|\bet\b|[^\s\u00a0\u202f\-]+", re.IGNORECASE)


def _norm_prefix(prefix: str) -> tuple[bool, bool]:
    """(minimum, approx) of a count modifier ("plus de" -> floor, "près de" -> round figure)."""
    p = re.sub(r"[\s\u00a0\u202f]+", " ", prefix.lower().replace("’", "'")).strip()
    p = p.replace("' ", "'")
    if p in fr.PREFIXES:
        return fr.PREFIXES[p]
    if p.startswith(fr.MINIMUM_STARTS):
        return True, False
    return False, True


def _words_value(tokens: list[str]) -> tuple[int, int] | None:
    """Value of the longest valid prefix of number-word ``tokens`` and how many tokens it used.

    Returns None when not even the first token is a number.
    """
    reader = _WordsReader(tokens)
    valid: tuple[int, int] | None = None
    while reader.i < reader.n:
        t = tokens[reader.i].lower()
        if t in ("et", "-et-"):
            if not reader.joins():  # "et" only joins "vingt et un", "soixante et onze"
                break
            reader.take()
            continue
        if not reader.read(t):
            break
        valid = (reader.total + reader.current, reader.used)
    return valid


class _WordsReader:
    """The state of :func:`_words_value`: the thousands read, the current group, its last additive value."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.n = len(tokens)
        self.i = 0
        self.used = 0
        self.total = 0
        self.current = 0
        self.last_add: int | None = None  # last additive value (unit or ten) inside the current group

    def take(self, k: int = 1) -> None:
        """Consume ``k`` tokens."""
        self.i += k
        self.used += k

    def next_in(self, words: tuple[str, ...]) -> bool:
        """True when the next token is one of ``words``."""
        return self.i + 1 < self.n and self.tokens[self.i + 1].lower() in words

    def joins(self) -> bool:
        """True when an "et" here joins a ten and "un"/"onze"."""
        return self.last_add in (20, 30, 40, 50, 60) and self.next_in(("un", "une", "onze"))

    def read(self, t: str) -> bool:
        """Read the number word ``t`` at the current token; False when it does not continue the number."""
        if t in fr.EIGHTY or (t == "quatre" and self.next_in(("vingt", "vingts"))):
            return self._add_ten(80, 2 if t == "quatre" else 1)
        if t in fr.UNITS:
            return self._unit(t)
        if t in fr.TENS:
            return self._add_ten(fr.TENS[t], 1)
        if t in fr.HUNDREDS:
            if self.current % 100 != self.current or self.current >= 100:
                return False
            self.current = (self.current or 1) * 100
            self.last_add = 100
        elif t in fr.THOUSANDS:
            if self.total % 1_000_000 >= 1000 and self.total != 0 and self.total < 1_000_000:
                return False
            self.total += (self.current or 1) * 1000
            self.current = 0
            self.last_add = 1000
        else:
            return False
        self.take()
        return True

    def _add_ten(self, value: int, step: int) -> bool:
        """Add a ten (or 80 over ``step`` tokens) unless a unit or ten came just before."""
        if self.last_add is not None and self.last_add < 100:
            return False
        self.current += value
        self.last_add = value
        self.take(step)
        return True

    def _unit(self, t: str) -> bool:
        """Add a unit ("deux", or "dix-sept" over two tokens) where it may follow."""
        v = fr.UNITS[t]
        last = self.last_add
        # after a ten: units 1-9 ("vingt-deux"), 10-19 after soixante/quatre-vingt
        if last is not None and (
            (last in (20, 30, 40, 50) and not 1 <= v <= 9) or (last in (60, 80) and not 1 <= v <= 16) or last < 20
        ):
            return False
        if t == "dix" and self.next_in(("sept", "huit", "neuf")):
            v = 10 + fr.UNITS[self.tokens[self.i + 1].lower()]
            if last in (20, 30, 40, 50):
                return False
            self.take()
        self.current += v
        self.last_add = v
        self.take()
        return True

#: Digits beyond which a number is not a count (a phone number, an ID, noise): read as no count.
MAX_DIGITS = 15


def _digits_value(raw: str) -> float | None:
    """The value of digits ("400.000", "370 000", "1,5"), or None for an overlong or malformed run."""
    s = raw
    for ch in _SPACES:
        s = s.replace(ch, "")
    if sum(ch.isdigit() for ch in s) > MAX_DIGITS:
        return None  # float('1' * 400) is inf: int(round(inf)) raised OverflowError
    if "," in s:
        try:
            return float(s.replace(".", "").replace(",", "."))
        except ValueError:
            return None
    s = s.replace(".", "")
    return float(s) if s.isdigit() else None


def _big(word: str | None) -> int:
    """The multiplier of "million(s)", "milliard(s)"; 1 for none."""
    if not word:
        return 1
    return fr.BIG.get(word.lower(), 1)


def _scale(word: str | None) -> int:
    """The multiplier of "de milliers", "de millions", "de milliards"; 1 for none."""
    if not word:
        return 1
    return fr.BIG_PLURALS[word.lower()]


