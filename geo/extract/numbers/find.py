"""Finding French counts in a sentence: every count with its span, longest first, dates left out on request."""

from __future__ import annotations

import re

from geo.extract.folded import Folded, at_start_word
from geo.extract.numbers.parse import (
    _APPROX_PLUR,
    _APPROX_SING,
    _BIG_RE,
    _DIGITS,
    _LB,
    _PREFIX_RE,
    _SPACES,
    _TOKEN,
    WORD_NUMBER_PATTERN,
    Count,
    _big,
    _digits_value,
    _norm_prefix,
    _scale,
    _words_value,
)
from geo.lang.fr import numbers as fr
from geo.lang.fr.dates import MONTHS

__all__ = ["find_counts", "parse_count"]

_CORE = (
    # plural approximations: "des dizaines (de milliers)", "plusieurs centaines"
    rf"(?P<plur>(?:des|plusieurs|quelques)\s+(?P<pnoun>{_APPROX_PLUR}))"
    rf"(?:\s+(?:de\s+|d['’]\s*)(?P<pscale>milliers|millions|milliards))?"
    # singular approximations: "une dizaine", "un millier (de ...)"
    rf"|(?P<sing>(?:une?|(?P<sq>{WORD_NUMBER_PATTERN}|\d+))\s+(?P<snoun>{_APPROX_SING}|{_APPROX_PLUR}))"
    rf"(?:\s+(?:de\s+|d['’]\s*)(?P<sscale>milliers|millions|milliards))?"
    # plural of big nouns alone: "des milliers", "des millions"
    rf"|(?P<bigplur>(?:des|plusieurs|quelques)\s+(?P<bnoun>milliers|millions|milliards))"
    # digits, with an optional big multiplier: "400 000", "1,5 million", "3 millions"
    rf"|(?P<digits>{_DIGITS})(?:[{_SPACES}](?P<dmult>{_BIG_RE}))?(?![\w])"
    # words, with an optional big multiplier: "deux millions", "quatre-vingt-dix"
    rf"|(?P<words>{WORD_NUMBER_PATTERN})(?:[{_SPACES}](?P<wmult>{_BIG_RE})(?![\w]))?"
    # "un million", "un milliard" handled by words ("un") + wmult
)
_MASTER = re.compile(rf"{_LB}(?P<pre>{_PREFIX_RE})?(?:{_CORE})", re.IGNORECASE)

_WORD_RE = re.compile(r"[^\W_]+")
#: Lower-case words that can begin a count expression (digits aside).
_START_WORDS = frozenset(
    [*fr.UNITS, *fr.TENS, *fr.HUNDREDS, *fr.THOUSANDS, "des", "plusieurs", "quelques", "plus", "bien", "au",
     "pas", "près", "pres", "environ", "quelque", "autour", "presque", "approximativement", "jusqu",
     "moins"]
)

#: The frequent words that begin a count only as a prefix or an approximation ("des dizaines", "moins de"),
#: with what must follow them for one to begin there (read off ``_MASTER``).
_NARROW_STARTS = {
    "des": rf"des\s+(?:{_APPROX_PLUR}|milliers|millions|milliards)",
    "moins": r"moins\s+d",
    "autour": r"autour\s+d",
    "pas": r"pas\s+moins",
    "bien": r"bien\s+plus",
}
#: A count that begins a word that can begin one: one search finds the next, the words before it are not
#: visited one by one in Python.
_AT_WORD = Folded(re.compile(rf"{at_start_word(_START_WORDS, _NARROW_STARTS)}(?:{_MASTER.pattern})", _MASTER.flags))

_MONTHS = "|".join(MONTHS)
_DATE_SPANS = Folded(re.compile(
    rf"{_LB}(?:\d{{1,2}}|1er)(?:[{_SPACES}]+(?:et|au|ou)[{_SPACES}]+\d{{1,2}})?"
    rf"[{_SPACES}]+(?:{_MONTHS})(?:[{_SPACES}]+\d{{4}})?(?!\w)"
    rf"|{_LB}(?:{_MONTHS})[{_SPACES}]+\d{{4}}(?!\d)"
    r"|(?<!\d)\d{1,2}/\d{1,2}/\d{2,4}(?!\d)"
    r"|(?<!\d)\d{4}-\d{2}(?:-\d{2})?(?!\d)"
    rf"|(?<!\d)\d{{1,2}}[{_SPACES}]?h(?:[{_SPACES}]?\d{{2}})?(?!\w)",
    re.IGNORECASE,
))
_YEAR_CUE_BEFORE = re.compile(
    r"(?:\ben|\bdepuis|\bdès|\bde|\bd['’]|\bann[ée]e|\bfin|\bdébut|\bavant|\baprès|\bjusqu['’]en"
    r"|\bmi-|\bl['’]an|\bété|\bhiver|\bprintemps|\bautomne|\bet|\bà|\bau)\s*$",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
_NEXT_WORD = re.compile(r"[\s\u00a0\u202f]*([^\W\d_]+)")


def _interpret(m: re.Match[str]) -> tuple[int, Count] | None:
    """Return (end offset, Count) for a master-regex match, or None if it is not a count."""
    minimum, approx = _norm_prefix(m.group("pre")) if m.group("pre") else (False, False)
    end = m.end()
    if m.group("plur"):
        unit = fr.APPROX_NOUNS[m.group("pnoun").lower()[:-1]]
        return end, Count(unit * _scale(m.group("pscale")), True, True)
    if m.group("sing"):
        mult = _quantity(m.group("sq"))
        if mult is None:
            return None
        unit = fr.APPROX_NOUNS[m.group("snoun").lower().rstrip("s")]
        return end, Count(mult * unit * _scale(m.group("sscale")), minimum, True)
    if m.group("bigplur"):
        return end, Count(_scale(m.group("bnoun")), True, True)
    if m.group("digits"):
        count = _digits_count(m.group("digits"), m.group("dmult"), minimum, approx)
        return None if count is None else (end, count)
    return _words_count(m, minimum, approx)


def _quantity(q: str | None) -> int | None:
    """How many of an approximating noun ("deux centaines"): 1 without a number, None when unreadable."""
    if not q:
        return 1
    if q.isdigit():
        return int(q)
    toks = _TOKEN.findall(q)
    wv = _words_value(toks)
    if wv is None or wv[1] != len(toks):
        return None
    return wv[0]


def _digits_count(raw: str, big: str | None, minimum: bool, approx: bool) -> Count | None:
    """The count of digits with an optional "million(s)"; None for a decimal without one (a measure)."""
    v = _digits_value(raw)
    if v is None:
        return None
    mult = _big(big)
    if "," in raw and mult == 1:
        return None  # a decimal without "million": a measure, not a count
    if "," in raw:
        approx = True
    return Count(round(v * mult), minimum, approx)


def _words_count(m: re.Match[str], minimum: bool, approx: bool) -> tuple[int, Count] | None:
    """(end offset, Count) of number words, with an optional "million(s)"; None for a bare article."""
    end = m.end()
    start = m.start("words")
    toks = [(t.group(), t.start(), t.end()) for t in _TOKEN.finditer(m.group("words"))]
    wv = _words_value([t[0] for t in toks])
    if wv is None:
        return None
    value, used = wv
    if used < len(toks):
        end = start + toks[used - 1][2]
        mult = 1
    else:
        mult = _big(m.group("wmult"))
        if mult == 1:
            end = start + toks[-1][2]
    if mult > 1:
        value *= mult
    elif not m.group("pre") and used == 1 and toks[0][0].lower() in ("un", "une"):
        return None  # bare article
    return end, Count(value, minimum, approx)


def _is_date_like(text: str, start: int, end: int) -> bool:
    """Whether the number at ``text[start:end]`` is part of a date, a time or a year."""
    lo, hi = max(0, start - 30), min(len(text), end + 30)
    if _DIGIT.search(text, lo, hi) is None:
        return False  # every date, time and year holds a digit
    for d in _DATE_SPANS.finditer(text, lo, hi):
        a, b = d.span()
        if a <= start < b or a < end <= b:
            return True
    raw = text[start:end]
    if _YEAR_LIKE.fullmatch(raw):
        if _YEAR_CUE_BEFORE.search(text[max(0, start - 20):start]):
            return True
        nxt = _NEXT_WORD.match(text, end)
        if nxt is None or nxt.group(1).lower() in fr.NOT_A_NOUN:
            return True
    return False


def find_counts(text: str, *, skip_dates: bool = False) -> list[tuple[int, int, Count]]:
    """Find every number expression in ``text``.

    Parameters
    ----------
    text : str
        A sentence or a paragraph.
    skip_dates : bool
        When True, leave out years ("en 2019", "depuis 2012"), days of month ("le 8 août",
        "1er mars"), numeric dates ("21/11/2019") and clock times ("10h30").

    Returns
    -------
    list of tuple[int, int, Count]
        ``(start, end, count)`` in text order, non-overlapping, the longest expression at each
        position (``text[start:end]`` includes a modifier such as "au moins").
    """
    out: list[tuple[int, int, Count]] = []
    pos = 0
    # An expression counts where the word it begins with can begin a count (a digit, a word of _START_WORDS).
    # (the match's groups may be lower-cased: _interpret reads them case-blind)
    while (m := _AT_WORD.search_folded(text, pos)) is not None:
        start = m.start()
        tok = _WORD_RE.match(text, start)
        w = tok.group() if tok is not None else ""
        if not (w and (w[0].isdigit() or w.lower() in _START_WORDS)):
            pos = start + 1
            continue
        got = _interpret(m)
        if got is None:
            pos = m.end()
            continue
        end, count = got
        if skip_dates and not m.group("pre") and _is_date_like(text, start, end):
            pos = end
            continue
        out.append((start, end, count))
        pos = end
    return out


def parse_count(text: str) -> Count | None:
    """Read one French count.

    Parameters
    ----------
    text : str
        For example "vingt-deux", "une quinzaine", "plus de 950", "370 000", "1,5 million".

    Returns
    -------
    Count or None
        None when ``text`` holds no number. When it holds several, the first one.

    Examples
    --------
    >>> parse_count("au moins huit")
    Count(value=8, minimum=True, approx=False)
    >>> parse_count("une dizaine")
    Count(value=10, minimum=False, approx=True)
    """
    s = text.strip()
    low = s.lower()
    if low in ("un", "une"):
        return Count(1)
    found = find_counts(s)
    if found:
        return found[0][2]
    m = re.fullmatch(r"(?:(?P<pre>" + _PREFIX_RE + r"))?(?:un|une)", s, re.IGNORECASE)
    if m:
        minimum, approx = _norm_prefix(m.group("pre")) if m.group("pre") else (False, False)
        return Count(1, minimum, approx)
    return None


