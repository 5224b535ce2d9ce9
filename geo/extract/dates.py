"""French date expressions: find them in a sentence and resolve them against the document date.

Relative days ("jeudi", "la veille", "dans la nuit de mercredi à jeudi") become a calendar day
only when the document date has day precision; otherwise the document month is kept with
precision "month". Absolute dates ("le 8 août", "en septembre 2018", "fin avril", "en 2018")
resolve on their own, taking the year from the document when the text omits it.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

__all__ = [
    "DISPATCH_YEARS",
    "MONTHS",
    "WEEKDAYS",
    "ResolvedDate",
    "find_when",
    "is_cumulative_phrase",
    "parse_date",
    "resolve_when",
]

#: Years a metadata date may have (what ``_YEAR`` reads in text): others are not dispatch dates.
DISPATCH_YEARS = range(1800, 2100)

#: French weekday names (lower case) -> Python weekday number (Monday = 0).
WEEKDAYS: dict[str, int] = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}

#: French month names (lower case, with and without accents) -> month number.
MONTHS: dict[str, int] = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A resolved date: ``"YYYY-MM-DD"``, ``"YYYY-MM"`` or ``"YYYY"`` with its precision.

    ``precision`` is ``"day"``, ``"month"``, ``"year"`` or None (nothing known).
    """

    date: str | None
    precision: str | None


_S = r"[\s\u00a0\u202f]+"
_AP = r"['’]"
_WD = "(?:" + "|".join(WEEKDAYS) + ")"
_MO = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_YEAR = r"(?:1[89]|20)\d\d"
_NUMW = (
    r"(?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze"
    r"|quinze|seize|dix-sept|dix-huit|dix-neuf|vingt|trente|quarante|cinquante|soixante"
    r"|vingt-(?:et-un|deux|trois|quatre|cinq|six|sept|huit|neuf)|quelques|plusieurs)"
)
_UNIT = r"(?:jours|journées|semaines|mois|ans|années|heures|nuits|jour|semaine|an|année|heure)"
_DAYNUM = r"(?:1er|premier|[12]\d|3[01]|0?[1-9])"
_PRE = rf"(?:depuis|dès|jusqu{_AP}(?:au|à|a)|à{_S}partir{_S}d[eu]|avant|après|pour)"
_WDMOD = (
    rf"(?:{_S}(?:soir|matin|midi|après-midi|dernier|prochain|à{_S}l{_AP}aube"
    rf"|dans{_S}la{_S}(?:soirée|matinée|nuit|journée)"
    rf"|en{_S}(?:fin|début){_S}de{_S}(?:journée|soirée|matinée|nuit|après-midi)"
    rf"|à{_S}l{_AP}aube|au{_S}petit{_S}matin|à{_S}la{_S}mi-journée))?"
)
_DAYDATE = (
    rf"(?:l[e']{_S}?|du{_S})?(?:{_WD}{_S})?{_DAYNUM}(?:{_S}(?:et|au|ou){_S}{_DAYNUM})?"
    rf"{_S}{_MO}(?:{_S}{_YEAR})?"
)
_NIGHT = rf"(?:dans{_S})?la{_S}nuit{_S}d[eu]{_S}{_WD}(?:{_S}(?:à|au|a){_S}{_WD})?"
_MONTHP = (
    rf"(?:(?:au{_S})?(?:début|fin|mi|milieu)(?:-|{_S}d{_AP}|{_S}de{_S}|{_S})|courant{_S}|en{_S}"
    rf"|le{_S}mois{_S}d(?:{_AP}|e{_S})|jusqu{_AP}en{_S}|depuis{_S}|dès{_S}){_MO}(?:{_S}{_YEAR})?"
    rf"|{_MO}{_S}{_YEAR}"
)
_BETWEEN = (
    rf"entre{_S}(?:(?:le{_S})?{_DAYNUM}{_S})?{_MO}(?:{_S}{_YEAR})?{_S}et{_S}"
    rf"(?:(?:le{_S})?{_DAYNUM}{_S})?{_MO}(?:{_S}{_YEAR})?"
    rf"|entre{_S}{_YEAR}{_S}et{_S}{_YEAR}"
)
_YEARP = rf"(?:en|depuis|dès|jusqu{_AP}en|avant|après|fin|début|courant){_S}{_YEAR}(?!\d)"
_RELDAY = (
    rf"la{_S}veille|l{_AP}avant-veille|le{_S}lendemain|le{_S}surlendemain|avant-hier"
    rf"|hier(?:{_S}(?:soir|matin|après-midi))?|aujourd{_AP}hui|ce{_S}(?:matin|soir|week-end)"
    rf"|cet{_S}après-midi|cette{_S}(?:semaine|nuit)|la{_S}semaine{_S}(?:dernière|passée)"
    rf"|la{_S}nuit{_S}dernière|le{_S}week-end{_S}dernier"
    rf"|ces{_S}(?:derniers|dernières){_S}(?:{_NUMW}{_S})?{_UNIT}"
    rf"|(?:chaque|tous{_S}les|toutes{_S}les){_S}(?:jours?|nuits?|semaines?)|quotidiennement"
    rf"|depuis{_S}le{_S}début(?:{_S}d(?:e{_S}l{_AP}année|u{_S}mois|e{_S}la{_S}semaine"
    rf"|e{_S}l{_AP}offensive|e{_S}la{_S}guerre|u{_S}conflit))?"
    rf"|depuis{_S}(?:le{_S})?(?:lors|cette{_S}date)"
)
_SPAN = (
    rf"(?:en|depuis|durant|pendant|sur)(?:{_S}(?:près{_S}de|moins{_S}de|plus{_S}de|environ))?"
    rf"{_S}(?:les{_S})?{_NUMW}{_S}(?:derniers{_S}|dernières{_S})?{_UNIT}"
    rf"|il{_S}y{_S}a{_S}{_NUMW}{_S}{_UNIT}"
    rf"|(?:au{_S}cours|lors){_S}des{_S}(?:{_NUMW}{_S})?(?:derniers|dernières){_S}{_UNIT}"
    rf"|(?:au{_S}cours|lors){_S}des{_S}{_NUMW}{_S}{_UNIT}"
)
_WHEN_RE = re.compile(
    rf"(?<![\w\-])(?:"
    rf"{_BETWEEN}"
    rf"|(?:{_PRE}{_S})?{_NIGHT}"
    rf"|(?:{_PRE}{_S})?{_DAYDATE}"
    rf"|{_RELDAY}"
    rf"|{_SPAN}"
    rf"|{_YEARP}"
    rf"|(?:(?:depuis|dès|jusqu{_AP}à|avant|après|pour){_S})?{_MONTHP}"
    rf"|(?:{_PRE}{_S})?{_WD}{_WDMOD}"
    rf")(?![\w\-])",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[^\W_]+")
#: Lower-case words that can begin a date expression (digits aside).
_START_WORDS = frozenset(
    [*WEEKDAYS, *MONTHS, "depuis", "dès", "jusqu", "à", "avant", "après", "pour", "dans", "la", "le",
     "l", "du", "entre", "en", "début", "fin", "mi", "milieu", "au", "courant", "hier", "avant",
     "aujourd", "ce", "cet", "cette", "ces", "chaque", "tous", "toutes", "quotidiennement", "il",
     "lors", "durant", "pendant", "sur", "premier"]
)
_CUMULATIVE_RE = re.compile(
    rf"^(?:depuis|dès|à{_S}partir|jusqu{_AP})"
    rf"|^(?:en|durant|pendant|sur)(?:{_S}(?:près{_S}de|moins{_S}de|plus{_S}de|environ))?"
    rf"{_S}(?:les{_S})?{_NUMW}{_S}(?:derniers{_S}|dernières{_S})?{_UNIT}"
    rf"|^ces{_S}(?:derniers|dernières)|^(?:chaque|tous{_S}les|toutes{_S}les)|^quotidiennement"
    rf"|^entre{_S}|^(?:au{_S}cours|lors){_S}des"
    rf"|^en{_S}(?:près{_S}de|moins{_S}de|plus{_S}de)",
    re.IGNORECASE,
)


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


def _clean(phrase: str) -> str:
    s = re.sub(r"[\s\u00a0\u202f]+", " ", phrase).strip()
    return s


def _norm(phrase: str) -> str:
    return _clean(phrase).lower().replace("’", "'")


def _parse_doc(doc_date: str | None) -> tuple[_dt.date | None, int | None, int | None]:
    """Return (day date or None, year, month) from a document date string."""
    if not doc_date:
        return None, None, None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", doc_date.strip()[:10])
    if not m:
        return None, None, None
    y = int(m.group(1))
    if not _dt.MINYEAR <= y <= _dt.MAXYEAR:
        return None, None, None  # year 0: no usable date
    mo = int(m.group(2)) if m.group(2) else None
    if mo is not None and not 1 <= mo <= 12:
        return None, y, None  # month 13: the year alone
    day = None
    if m.group(3) and mo:
        try:
            day = _dt.date(y, mo, int(m.group(3)))
        except ValueError:
            day = None
    return day, y, mo


def _reference(day: _dt.date | None, year: int | None, month: int | None) -> _dt.date | None:
    """The latest day the document date allows (the day itself, or the end of its month/year)."""
    if day is not None:
        return day
    if year is None:
        return None
    if month is None:
        return _dt.date(year, 12, 31)
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_fallback(year: int | None, month: int | None) -> ResolvedDate:
    if year is None:
        return ResolvedDate(None, None)
    if month is None:
        return ResolvedDate(f"{year:04d}", "year")
    return ResolvedDate(f"{year:04d}-{month:02d}", "month")


def _pick_year(month: int, day: int, ref: _dt.date | None) -> int | None:
    """Year for a day/month given without year: the document's, or the previous one when the
    date would fall more than a month after the document date."""
    if ref is None:
        return None
    y = ref.year
    try:
        cand = _dt.date(y, month, min(day, calendar.monthrange(y, month)[1]))
    except ValueError:
        return y
    if cand > _shift(ref, 31, ref):
        return y - 1 if y > _dt.MINYEAR else y
    return y


def _shift(day: _dt.date, days: int, default: _dt.date | None = None) -> _dt.date | None:
    """``day + days``, or ``default`` when that leaves the calendar (before 0001-01-01, after 9999-12-31)."""
    try:
        return day + _dt.timedelta(days=days)
    except OverflowError:
        return default


def _day_of_month(token: str) -> int:
    t = token.lower()
    if t in ("1er", "premier"):
        return 1
    return int(t)


def _parse_anchor(anchor: str | None) -> _dt.date | None:
    if not anchor:
        return None
    day, _, _ = _parse_doc(anchor)
    return day


_ABS_DAY = re.compile(
    rf"(?:^|\s)(?P<d>{_DAYNUM})(?:\s+(?:et|au|ou)\s+{_DAYNUM})?\s+(?P<m>{_MO})(?:\s+(?P<y>{_YEAR}))?\b"
)
_ABS_MONTH = re.compile(rf"(?P<m>{_MO})(?:\s+(?P<y>{_YEAR}))?(?!\w)")
_ABS_YEAR = re.compile(rf"(?<!\d)(?P<y>{_YEAR})(?!\d)")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})(?:-(\d{2}))?(?!\d)")


def resolve_when(
    phrase: str | None,
    doc_date: str | None,
    doc_precision: str | None,
    anchor: str | None = None,
) -> ResolvedDate:
    """Resolve a French date phrase against the document date.

    Parameters
    ----------
    phrase : str or None
        The expression as written ("jeudi", "la veille", "le 8 août", "en septembre 2018").
        Empty or None gives the document date itself.
    doc_date : str or None
        ``"YYYY-MM-DD"`` or ``"YYYY-MM"`` (or ``"YYYY"``).
    doc_precision : str or None
        ``"day"``, ``"month"`` (or ``"year"``); relative days resolve to a day only for ``"day"``.
    anchor : str or None
        A previously resolved day (``"YYYY-MM-DD"``) that "la veille", "l'avant-veille" and
        "le lendemain" refer to (the event date the text is talking about). Without it they
        count from the document date.

    Returns
    -------
    ResolvedDate
        A weekday resolves to the most recent such day on or before the document date
        ("lundi prochain" to the next one); "dans la nuit de mercredi à jeudi" to the jeudi.
        Without a day-precision document date (and no anchor) relative phrases keep the document
        month with precision "month". Spans and running totals ("depuis fin avril",
        "en cinq jours") resolve to their start when stated, else to the document date.
        A document date that is not a calendar date keeps what is valid: month 13 keeps
        the year alone, year 0 (or beyond 9999) gives no date; a relative day that would leave
        the calendar (the day after 9999-12-31, a weekday before 0001-01-01) gives the document
        month. No document date, however odd, raises.
    """
    day, year, month = _parse_doc(doc_date)
    if doc_precision != "day":
        day = None
    if doc_precision == "year":
        month = None
    ref = _reference(day, year, month)
    if not phrase or not phrase.strip():
        if day is not None:
            return ResolvedDate(day.isoformat(), "day")
        return _month_fallback(year, month)
    p = _norm(phrase)

    # --- absolute dates -------------------------------------------------------------------
    m = _NUMERIC.search(p)
    if m:
        try:
            d = _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            return ResolvedDate(d.isoformat(), "day")
        except ValueError:
            pass
    m = _ISO.search(p)
    if m:  # a written ISO date that is not a calendar date ("0000-00-00") is not a date
        y, mo = int(m.group(1)), int(m.group(2))
        if m.group(3):
            checked = _checked(y, mo, int(m.group(3)))
            if checked.date is not None:
                return checked
        elif y in DISPATCH_YEARS and 1 <= mo <= 12:
            return ResolvedDate(f"{m.group(1)}-{m.group(2)}", "month")
    m = _ABS_DAY.search(p)
    if m:
        mo = MONTHS[m.group("m")]
        dd = _day_of_month(m.group("d"))
        y = int(m.group("y")) if m.group("y") else _pick_year(mo, dd, ref)
        if y is None:
            return ResolvedDate(None, None)
        try:
            return ResolvedDate(_dt.date(y, mo, dd).isoformat(), "day")
        except ValueError:
            return ResolvedDate(f"{y:04d}-{mo:02d}", "month")
    m = _ABS_MONTH.search(p)
    if m:
        mo = MONTHS[m.group("m")]
        y = int(m.group("y")) if m.group("y") else _pick_year(mo, 1, ref)
        if y is None:
            return ResolvedDate(None, None)
        return ResolvedDate(f"{y:04d}-{mo:02d}", "month")
    m = _ABS_YEAR.search(p)
    if m:
        return ResolvedDate(m.group("y"), "year")

    # --- relative days --------------------------------------------------------------------
    base = _parse_anchor(anchor)
    offset = _relative_offset(p)
    if offset is not None:
        start = base if base is not None else day
        moved = _shift(start, offset) if start is not None else None
        if moved is None:
            return _month_fallback(year, month)
        return ResolvedDate(moved.isoformat(), "day")

    weekdays = re.findall(_WD, p)
    if weekdays:
        if day is None:
            return _month_fallback(year, month)
        target = WEEKDAYS[weekdays[-1]]
        if re.search(r"\bprochain", p):
            delta = (target - day.weekday()) % 7 or 7
        else:
            delta = -((day.weekday() - target) % 7)
            if re.search(r"\bdernier", p) and delta == 0:
                delta = -7
        moved = _shift(day, delta)
        if moved is None:
            return _month_fallback(year, month)
        return ResolvedDate(moved.isoformat(), "day")

    # --- spans, vague periods, unknown phrases: the document month -------------------------
    return _month_fallback(year, month)


def _relative_offset(p: str) -> int | None:
    """Day offset of a relative-day phrase, or None."""
    if re.search(r"l'avant-veille|avant-hier", p):
        return -2
    if re.search(r"\bla veille\b|\bhier\b|la nuit derni[èe]re", p):
        return -1
    if re.search(r"surlendemain", p):
        return 2
    if re.search(r"lendemain", p):
        return 1
    if re.search(r"aujourd'hui|\bce (?:matin|soir)\b|cet après-midi|cette nuit", p):
        return 0
    return None


def parse_date(value: str | None) -> ResolvedDate:
    """Read a metadata date: ISO dates and datetimes, "21/11/2019", "12 mars 2019", "mars 2019".

    Parameters
    ----------
    value : str or None
        The raw value of a ``date`` column, a ``<meta>`` tag or a ``date`` prefix.

    Returns
    -------
    ResolvedDate
        ``("YYYY-MM-DD", "day")``, ``("YYYY-MM", "month")``, ``("YYYY", "year")`` or
        ``(None, None)`` when the value is empty or not a date. A year outside
        :data:`DISPATCH_YEARS` (1800-2099, the years the text patterns read) is not a dispatch
        date: ``" date 9999-12-31"`` or ``"0001-01-01"`` give ``(None, None)``, so no impossible
        date reaches the tables (pandas holds 1677-2262 only).
    """
    if value is None:
        return ResolvedDate(None, None)
    s = _norm(str(value))
    if not s:
        return ResolvedDate(None, None)
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[t\s].*)?$", s)
    if m:
        return _checked(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{4})-(\d{2})", s)
    if m and 1 <= int(m.group(2)) <= 12 and int(m.group(1)) in DISPATCH_YEARS:
        return ResolvedDate(s, "month")
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s)
    if m:
        return _checked(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:\s.*)?", s)
    if m:
        return _checked(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = re.fullmatch(rf"(?:{_WD}\s+)?({_DAYNUM})\s+({_MO})\s+({_YEAR})(?:\s.*)?", s)
    if m:
        return _checked(int(m.group(3)), MONTHS[m.group(2)], _day_of_month(m.group(1)))
    m = re.fullmatch(rf"({_MO})\s+({_YEAR})", s)
    if m:
        return ResolvedDate(f"{int(m.group(2)):04d}-{MONTHS[m.group(1)]:02d}", "month")
    m = re.fullmatch(_YEAR, s)
    if m:
        return ResolvedDate(s, "year")
    return ResolvedDate(None, None)


def _checked(y: int, mo: int, d: int) -> ResolvedDate:
    if y not in DISPATCH_YEARS:
        return ResolvedDate(None, None)
    try:
        return ResolvedDate(_dt.date(y, mo, d).isoformat(), "day")
    except ValueError:
        return ResolvedDate(None, None)
