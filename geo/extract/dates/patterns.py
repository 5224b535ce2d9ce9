"""French date expressions as compiled patterns, built from :mod:`geo.lang.fr.dates`.

``_WHEN_RE`` finds a date expression (weekdays with modifiers, night ranges, relative days,
absolute dates, spans); ``_CUMULATIVE_RE`` tells a running total; ``_ABS_*``, ``_NUMERIC`` and
``_ISO`` read absolute dates inside a phrase.
"""

from __future__ import annotations

import re

from geo.lang.fr.dates import MONTHS, WEEKDAYS

#: Years a metadata date may have (what ``_YEAR`` reads in text): others are not dispatch dates.
DISPATCH_YEARS = range(1800, 2100)

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
#: The frequent short words that begin a date expression, with what must follow them for one to begin
#: there (read off ``_WHEN_RE``): elsewhere :func:`geo.extract.dates.find.find_when` does not try it.
_NARROW_STARTS = {
    "l": rf"l{_AP}(?:[\s\u00a0\u202f]*(?:\d|premier|{_WD})|avant-veille)",
    "la": rf"la{_S}(?:nuit|veille|semaine)",
    "le": rf"le{_S}(?:\d|premier|{_WD}|lendemain|surlendemain|week-end|mois)",
    "à": rf"à{_S}partir",
    "dans": rf"dans{_S}la{_S}nuit",
    "sur": rf"sur{_S}(?:près|moins|plus|environ|les|{_NUMW})",
    "au": rf"au{_S}(?:début|fin|mi|cours)",
    "du": rf"du{_S}(?:\d|premier|{_WD})",
}
_CUMULATIVE_RE = re.compile(
    rf"^(?:depuis|dès|à{_S}partir|jusqu{_AP})"
    rf"|^(?:en|durant|pendant|sur)(?:{_S}(?:près{_S}de|moins{_S}de|plus{_S}de|environ))?"
    rf"{_S}(?:les{_S})?{_NUMW}{_S}(?:derniers{_S}|dernières{_S})?{_UNIT}"
    rf"|^ces{_S}(?:derniers|dernières)|^(?:chaque|tous{_S}les|toutes{_S}les)|^quotidiennement"
    rf"|^entre{_S}|^(?:au{_S}cours|lors){_S}des"
    rf"|^en{_S}(?:près{_S}de|moins{_S}de|plus{_S}de)",
    re.IGNORECASE,
)

_ABS_DAY = re.compile(
    rf"(?:^|\s)(?P<d>{_DAYNUM})(?:\s+(?:et|au|ou)\s+{_DAYNUM})?\s+(?P<m>{_MO})(?:\s+(?P<y>{_YEAR}))?\b"
)
_ABS_MONTH = re.compile(rf"(?P<m>{_MO})(?:\s+(?P<y>{_YEAR}))?(?!\w)")
_ABS_YEAR = re.compile(rf"(?<!\d)(?P<y>{_YEAR})(?!\d)")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})(?:-(\d{2}))?(?!\d)")


_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def _clean(phrase: str) -> str:
    """The phrase with its runs of spaces made one space."""
    return _SPACES.sub(" ", phrase).strip()


def _norm(phrase: str) -> str:
    """The phrase cleaned, lower-cased, with straight apostrophes."""
    return _clean(phrase).lower().replace("’", "'")
