"""French calendar words, as data: weekdays and months.

:mod:`geo.extract.dates` builds its date patterns from them; :mod:`geo.extract.numbers` uses the
months to leave dates out of counts.
"""

from __future__ import annotations

#: French weekday names (lower case) -> Python weekday number (Monday = 0).
WEEKDAYS: dict[str, int] = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}  # fmt: skip

#: French month names (lower case, with and without accents) -> month number.
MONTHS: dict[str, int] = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}  # fmt: skip
