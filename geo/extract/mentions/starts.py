"""Where a name can begin: the capitals of a text, found once and shared by the name patterns.

The organisation, first-name, place-name and code patterns all begin with a capital, or with one of a
few lower-case openings ("agence", "al-Nosra", a glued article "al-"). Python's ``re`` tries a pattern
that opens with ``\\b``, a lookahead or an alternation at every position of a text, and a scan for
"a capital, or an "a" before "gence"" stops at every "a". :class:`Starts` finds the capitals with one
character-class scan (which ``re`` skips through in C) and the lower-case openings with ``str.find``;
:func:`match_at` tries a pattern only there. Any superset of the positions where a match can begin
gives the matches of ``pattern.finditer`` (tests/unit/test_mention_starts.py).
"""

from __future__ import annotations

import re

__all__ = ["Starts", "match_at"]

_CAPITALS = re.compile(r"[A-ZÀ-ÖØ-Þ]")


class Starts:
    """The capitals of ``text`` (positions, in order), and the positions with given lower-case openings."""

    __slots__ = ("capitals", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.capitals = [m.start() for m in _CAPITALS.finditer(text)]

    def with_words(self, words: tuple[str, ...]) -> list[int]:
        """The capitals and every position where one of ``words`` begins."""
        text = self.text
        extra: list[int] = []
        for word in words:
            at = text.find(word)
            while at != -1:
                extra.append(at)
                at = text.find(word, at + 1)
        return sorted({*self.capitals, *extra}) if extra else self.capitals

    def with_glued(self) -> list[int]:
        """The capitals and where a glued article ("al-", "ach-") can begin: two and three characters before
        each hyphen."""
        text = self.text
        extra: list[int] = []
        at = text.find("-")
        while at != -1:
            extra += (at - 3, at - 2)
            at = text.find("-", at + 1)
        return sorted({*self.capitals, *(p for p in extra if p >= 0)}) if extra else self.capitals


def match_at(pattern: re.Pattern[str], positions: list[int], text: str, pos: int = 0) -> list[re.Match[str]]:
    """``list(pattern.finditer(text, pos))`` when ``positions`` (sorted) holds every position where a match
    can begin: the pattern is tried there only, after the end of the match before."""
    out: list[re.Match[str]] = []
    end = pos
    for p in positions:
        if p < end:
            continue
        m = pattern.match(text, p)
        if m is not None:
            out.append(m)
            end = m.end()
    return out
