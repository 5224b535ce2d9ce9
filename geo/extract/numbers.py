"""French counts in words and digits: "huit", "vingt-deux", "une dizaine", "plus de 950", "400.000".

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

__all__ = ["WORD_NUMBER_PATTERN", "Count", "find_counts", "find_people", "parse_count"]


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


_UNITS: dict[str, int] = {
    "zéro": 0, "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
    "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
}
_TENS: dict[str, int] = {
    "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "septante": 70, "huitante": 80, "octante": 80, "nonante": 90,
}
_HUNDRED = {"cent", "cents"}
_THOUSAND = {"mille", "milles"}
_BIG: dict[str, int] = {
    "million": 1_000_000, "millions": 1_000_000, "milliard": 1_000_000_000,
    "milliards": 1_000_000_000,
}
#: Approximating nouns ("une dizaine") and their value.
_APPROX_NOUNS: dict[str, int] = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000,
}

_NUMBER_WORDS = sorted(
    [*_UNITS, *_TENS, *_HUNDRED, *_THOUSAND, "quatre-vingts", "quatre-vingt"],
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
_APPROX_SING = "|".join(_APPROX_NOUNS)
_APPROX_PLUR = "|".join(n + "s" for n in _APPROX_NOUNS)
_BIG_RE = r"milliards?|millions?"
_LB = r"(?<![\w\-])"

_PREFIXES: dict[str, tuple[bool, bool]] = {
    # normalised prefix -> (minimum, approx)
    "plus de": (True, False),
    "plus d'": (True, False),
    "bien plus de": (True, False),
    "un peu plus de": (True, False),
    "au moins": (True, False),
    "pas moins de": (True, False),
    "plus d'une": (True, False),
    "près de": (False, True),
    "pres de": (False, True),
    "environ": (False, True),
    "quelque": (False, True),
    "autour de": (False, True),
    "presque": (False, True),
    "approximativement": (False, True),
    "moins de": (False, True),
    "jusqu'à": (False, True),
    "jusqu'a": (False, True),
}
_PREFIX_RE = (
    r"(?:bien\s+plus|un\s+peu\s+plus|plus|pas\s+moins|moins)\s+d(?:e\s+|['’]\s*)"
    r"|au\s+moins\s+|pr[èe]s\s+d(?:e\s+|['’]\s*)|environ\s+|quelque\s+|autour\s+d(?:e\s+|['’]\s*)"
    r"|presque\s+|approximativement\s+|jusqu['’]\s*[àa]\s+"
)

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
_TOKEN = re.compile(r"-et-|\bet\b|[^\s\u00a0\u202f\-]+", re.IGNORECASE)

_WORD_RE = re.compile(r"[^\W_]+")
#: Lower-case words that can begin a count expression (digits aside).
_START_WORDS = frozenset(
    [*_UNITS, *_TENS, *_HUNDRED, *_THOUSAND, "des", "plusieurs", "quelques", "plus", "bien", "au",
     "pas", "près", "pres", "environ", "quelque", "autour", "presque", "approximativement", "jusqu",
     "moins"]
)

_MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre"
    "|novembre|décembre|decembre"
)
_DATE_SPANS = re.compile(
    rf"{_LB}(?:\d{{1,2}}|1er)(?:[{_SPACES}]+(?:et|au|ou)[{_SPACES}]+\d{{1,2}})?"
    rf"[{_SPACES}]+(?:{_MONTHS})(?:[{_SPACES}]+\d{{4}})?(?!\w)"
    rf"|{_LB}(?:{_MONTHS})[{_SPACES}]+\d{{4}}(?!\d)"
    r"|(?<!\d)\d{1,2}/\d{1,2}/\d{2,4}(?!\d)"
    r"|(?<!\d)\d{4}-\d{2}(?:-\d{2})?(?!\d)"
    rf"|(?<!\d)\d{{1,2}}[{_SPACES}]?h(?:[{_SPACES}]?\d{{2}})?(?!\w)",
    re.IGNORECASE,
)
_YEAR_CUE_BEFORE = re.compile(
    r"(?:\ben|\bdepuis|\bdès|\bde|\bd['’]|\bann[ée]e|\bfin|\bdébut|\bavant|\baprès|\bjusqu['’]en"
    r"|\bmi-|\bl['’]an|\bété|\bhiver|\bprintemps|\bautomne|\bet|\bà|\bau)\s*$",
    re.IGNORECASE,
)
_NOT_A_NOUN = {
    "par", "et", "à", "a", "au", "aux", "en", "le", "la", "les", "des", "du", "de", "d", "pour",
    "contre", "ont", "avait", "avaient", "sur", "dans", "avec", "lorsque", "quand", "où", "qui",
    "que", "alors", "puis", "après", "avant", "ou", "mais", "selon", "depuis", "lors", "entre",
}
_NEXT_WORD = re.compile(r"[\s\u00a0\u202f]*([^\W\d_]+)")


def _norm_prefix(prefix: str) -> tuple[bool, bool]:
    p = re.sub(r"[\s\u00a0\u202f]+", " ", prefix.lower().replace("’", "'")).strip()
    p = p.replace("' ", "'")
    if p in _PREFIXES:
        return _PREFIXES[p]
    if p.startswith(("plus", "au moins", "pas moins", "bien plus", "un peu plus")):
        return True, False
    return False, True


def _words_value(tokens: list[str]) -> tuple[int, int] | None:
    """Value of the longest valid prefix of number-word ``tokens`` and how many tokens it used.

    Returns None when not even the first token is a number.
    """
    total = 0
    current = 0
    last_add: int | None = None  # last additive value (unit or ten) inside the current group
    used = 0
    valid_used = 0
    valid_value: int | None = None
    i = 0
    n = len(tokens)
    while i < n:
        t = tokens[i].lower()
        if t in ("et", "-et-"):
            # "et" only joins "vingt et un", "soixante et onze"
            if last_add in (20, 30, 40, 50, 60) and i + 1 < n and tokens[i + 1].lower() in ("un", "une", "onze"):
                i += 1
                used += 1
                continue
            break
        if t in ("quatre-vingt", "quatre-vingts") or (
            t == "quatre" and i + 1 < n and tokens[i + 1].lower() in ("vingt", "vingts")
        ):
            step = 2 if t == "quatre" else 1
            if last_add is not None and last_add < 100:
                break
            current += 80
            last_add = 80
            i += step
            used += step
        elif t in _UNITS:
            v = _UNITS[t]
            if last_add is not None:
                # after a ten: units 1-9 ("vingt-deux"), 10-19 after soixante/quatre-vingt
                if last_add in (20, 30, 40, 50) and not 1 <= v <= 9:
                    break
                if last_add in (60, 80) and not 1 <= v <= 16:
                    break
                if last_add < 20:
                    break
            if t == "dix" and i + 1 < n and tokens[i + 1].lower() in ("sept", "huit", "neuf"):
                v = 10 + _UNITS[tokens[i + 1].lower()]
                if last_add in (20, 30, 40, 50):
                    break
                i += 1
                used += 1
            current += v
            last_add = v
            i += 1
            used += 1
        elif t in _TENS:
            if last_add is not None and last_add < 100:
                break
            current += _TENS[t]
            last_add = _TENS[t]
            i += 1
            used += 1
        elif t in _HUNDRED:
            if current % 100 != current or (current >= 100):
                break
            current = (current or 1) * 100
            last_add = 100
            i += 1
            used += 1
        elif t in _THOUSAND:
            if total % 1_000_000 >= 1000 and total != 0 and total < 1_000_000:
                break
            total += (current or 1) * 1000
            current = 0
            last_add = 1000
            i += 1
            used += 1
        else:
            break
        valid_used = used
        valid_value = total + current
    if valid_value is None:
        return None
    return valid_value, valid_used


#: Digits beyond which a number is not a count (a phone number, an ID, noise): read as no count.
MAX_DIGITS = 15


def _digits_value(raw: str) -> float | None:
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
    if not word:
        return 1
    return _BIG.get(word.lower(), 1)


def _scale(word: str | None) -> int:
    if not word:
        return 1
    return {"milliers": 1000, "millions": 1_000_000, "milliards": 1_000_000_000}[word.lower()]


def _interpret(m: re.Match[str], text: str) -> tuple[int, Count] | None:
    """Return (end offset, Count) for a master-regex match, or None if it is not a count."""
    minimum, approx = _norm_prefix(m.group("pre")) if m.group("pre") else (False, False)
    end = m.end()
    if m.group("plur"):
        unit = _APPROX_NOUNS[m.group("pnoun").lower()[:-1]]
        value = unit * _scale(m.group("pscale"))
        return end, Count(value, True, True)
    if m.group("sing"):
        unit = _APPROX_NOUNS[m.group("snoun").lower().rstrip("s")]
        q = m.group("sq")
        mult = 1
        if q:
            if q.isdigit():
                mult = int(q)
            else:
                toks = _TOKEN.findall(q)
                wv = _words_value(toks)
                if wv is None or wv[1] != len(toks):
                    return None
                mult = wv[0]
        value = mult * unit * _scale(m.group("sscale"))
        return end, Count(value, minimum, True)
    if m.group("bigplur"):
        return end, Count(_scale(m.group("bnoun")), True, True)
    if m.group("digits"):
        raw = m.group("digits")
        v = _digits_value(raw)
        if v is None:
            return None
        mult = _big(m.group("dmult"))
        if "," in raw and mult == 1:
            return None  # a decimal without "million": a measure, not a count
        value = v * mult
        if "," in raw:
            approx = True
        return end, Count(int(round(value)), minimum, approx)
    words = m.group("words")
    start = m.start("words")
    toks = [(t.group(), t.start(), t.end()) for t in _TOKEN.finditer(words)]
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
    for d in _DATE_SPANS.finditer(text, max(0, start - 30), min(len(text), end + 30)):
        a, b = d.span()
        if a <= start < b or a < end <= b:
            return True
    raw = text[start:end]
    if re.fullmatch(r"(?:19|20)\d\d", raw):
        if _YEAR_CUE_BEFORE.search(text[max(0, start - 20):start]):
            return True
        nxt = _NEXT_WORD.match(text, end)
        if nxt is None or nxt.group(1).lower() in _NOT_A_NOUN:
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
    # Only try the (costly) master expression where a word that can begin a count stands.
    for tok in _WORD_RE.finditer(text):
        start = tok.start()
        if start < pos:
            continue
        w = tok.group()
        if not (w[0].isdigit() or w.lower() in _START_WORDS):
            continue
        m = _MASTER.match(text, start)
        if m is None:
            continue
        got = _interpret(m, text)
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


def _people_re() -> re.Pattern[str]:
    from geo.lang.fr import numbers as fr

    one = "|".join(sorted((re.escape(w) for w in fr.ONE_PERSON), key=len, reverse=True))
    two = "|".join(re.escape(w) for w in fr.TWO_PEOPLE)
    det1 = "|".join(fr.ONE_DETERMINERS)
    detn = "|".join(fr.PLURAL_DETERMINERS)
    item = (rf"(?:(?:{det1})\s+(?:autre\s+|jeune\s+|propre\s+)?(?:{two}|{one})"
            rf"|(?:{detn})\s+(?:{WORD_NUMBER_PATTERN}|\d+)\s+(?:jeunes\s+)?(?:[\w\-]+))")
    return re.compile(rf"(?<![\w\-]){item}(?:(?:\s*,\s*|\s+et\s+){item})+(?![\w\-])", re.IGNORECASE)


_PEOPLE: list[re.Pattern[str]] = []
_ITEM_VALUE = re.compile(r"(?:un|une|son|sa|leur)\s+(?:autre\s+|jeune\s+|propre\s+)?(?P<two>couple)?|(?:ses|leurs)\s+(?P<n>[\w\-]+)", re.IGNORECASE)


def find_people(text: str) -> list[tuple[int, int, Count]]:
    """People counted by a list of noun phrases: [(start, end, Count)].

    "une femme et ses deux filles" -> 3, "un père et ses trois enfants" -> 4, "un couple et ses
    trois enfants" -> 5. A single phrase ("une femme") is left to the caller; only lists of two
    or more are read here.
    """
    if not _PEOPLE:
        _PEOPLE.append(_people_re())
    out = []
    for m in _PEOPLE[0].finditer(text):
        total = 0
        for it in _ITEM_VALUE.finditer(m.group()):
            if it.group("n"):
                c = parse_count(it.group("n"))
                if c is None:
                    total = 0
                    break
                total += c.value
            else:
                total += 2 if it.group("two") else 1
        if total >= 2:
            out.append((m.start(), m.end(), Count(total)))
    return out
