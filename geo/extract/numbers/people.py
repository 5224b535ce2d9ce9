"""People counted by a list of noun phrases: "une femme et ses deux filles" = 3."""

from __future__ import annotations

import re

from geo.extract.numbers.find import parse_count
from geo.extract.numbers.parse import WORD_NUMBER_PATTERN, Count
from geo.lang.fr import numbers as fr

__all__ = ["find_people"]


def _people_re() -> re.Pattern[str]:
    """The pattern of a list of two or more counted noun phrases."""
    one = "|".join(sorted((re.escape(w) for w in fr.ONE_PERSON), key=len, reverse=True))
    two = "|".join(re.escape(w) for w in fr.TWO_PEOPLE)
    det1 = "|".join(fr.ONE_DETERMINERS)
    detn = "|".join(fr.PLURAL_DETERMINERS)
    item = (rf"(?:(?:{det1})\s+(?:autre\s+|jeune\s+|propre\s+)?(?:{two}|{one})"
            rf"|(?:{detn})\s+(?:{WORD_NUMBER_PATTERN}|\d+)\s+(?:jeunes\s+)?(?:[\w\-]+))")
    return re.compile(rf"(?<![\w\-]){item}(?:(?:\s*,\s*|\s+et\s+){item})+(?![\w\-])", re.IGNORECASE)


_PEOPLE: list[re.Pattern[str]] = []
_ITEM_VALUE = re.compile(
    r"(?:un|une|son|sa|leur)\s+(?:autre\s+|jeune\s+|propre\s+)?(?P<two>couple)?|(?:ses|leurs)\s+(?P<n>[\w\-]+)",
    re.IGNORECASE,
)


def find_people(text: str) -> list[tuple[int, int, Count]]:
    """People counted by a list of noun phrases: [(start, end, Count)].

    "une femme et ses deux filles" -> 3, "un père et ses trois enfants" -> 4, "un couple et ses
    trois enfants" -> 5. A single phrase ("une femme") is left to the caller; only lists of two
    or more are read here.
    """
    if not _PEOPLE:
        _PEOPLE.append(_people_re())
    out: list[tuple[int, int, Count]] = []
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
