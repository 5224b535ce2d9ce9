"""French counts in words and digits: "huit", "vingt-deux", "une dizaine", "plus de 950", "400.000".

:mod:`.parse` reads the numbers (:class:`Count`, number words, digits); :mod:`.find` finds every
count of a sentence (:func:`find_counts`) and reads one (:func:`parse_count`); :mod:`.people`
counts people named by noun phrases (:func:`find_people`). The French words are tables in
:mod:`geo.lang.fr.numbers`. The conventions are those of :mod:`geo.extract.numbers.parse`.
"""

from __future__ import annotations

from geo.extract.numbers.find import find_counts, parse_count
from geo.extract.numbers.parse import MAX_DIGITS, WORD_NUMBER_PATTERN, Count
from geo.extract.numbers.people import find_people

__all__ = ["MAX_DIGITS", "WORD_NUMBER_PATTERN", "Count", "find_counts", "find_people", "parse_count"]
