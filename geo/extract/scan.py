"""Whole-text patterns tried only where a match can begin.

Python's ``re`` scans fast (in C) for a pattern that opens with a literal or a character class, but a
pattern that opens with ``\\b``, a lookahead or an alternation of words is tried at every position of
the text. :func:`finditer` gives the same matches as ``pattern.finditer(text, pos)`` while trying the
pattern only at the positions ``starts`` finds: ``starts`` opens with a character class (fast scan)
and must match, one character long, at every position where a match of ``pattern`` can begin.
``pattern.match(text, p)`` sees the text before ``p`` (lookbehinds, ``\\b``) as a search does.
"""

from __future__ import annotations

import re

__all__ = ["finditer", "word_start"]


def word_start(chars: str) -> str:
    """A ``starts`` class for patterns whose matches begin with one of ``chars`` after ``\\b``:
    the character, then a lookbehind that no word character stands before it."""
    return rf"[{chars}](?<!\w.)"


def finditer(pattern: re.Pattern[str], starts: re.Pattern[str], text: str, pos: int = 0) -> list[re.Match[str]]:
    """``list(pattern.finditer(text, pos))`` for a pattern whose matches all begin where ``starts`` matches."""
    out: list[re.Match[str]] = []
    end = pos
    for c in starts.finditer(text, pos):
        p = c.start()
        if p < end:
            continue  # inside the match before: finditer goes on after it
        m = pattern.match(text, p)
        if m is not None:
            out.append(m)
            end = m.end()
    return out
