"""French date expressions: find them in a sentence and resolve them against the document date.

:mod:`.find` finds them (:func:`find_when`, :func:`is_cumulative_phrase`); :mod:`.resolve`
resolves one (:func:`resolve_when`, :class:`ResolvedDate`); :mod:`.read` reads a metadata date
(:func:`read_date`). The patterns (:mod:`.patterns`) are built from the French calendar words of
:mod:`geo.lang.fr.dates`.
"""

from __future__ import annotations

from geo.extract.dates.find import find_when, is_cumulative_phrase
from geo.extract.dates.patterns import DISPATCH_YEARS
from geo.extract.dates.read import read_date
from geo.extract.dates.resolve import ResolvedDate, resolve_when
from geo.lang.fr.dates import MONTHS, WEEKDAYS

__all__ = [
    "DISPATCH_YEARS",
    "MONTHS",
    "WEEKDAYS",
    "ResolvedDate",
    "find_when",
    "is_cumulative_phrase",
    "read_date",
    "resolve_when",
]
