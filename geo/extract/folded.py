"""Case-insensitive patterns searched without ``re.IGNORECASE``: on the lower-cased text, by a lower-cased twin.

Python's ``re`` matches an ``IGNORECASE`` pattern one character at a time through a case mapping, and
gives up its fast paths (an alternation skipping the branches whose first letter differs). The same
pattern with every letter lower-cased, run without the flag on ``text.lower()``, takes the same decisions
character for character, so it finds the same matches at the same offsets about three times faster.
:class:`Folded` wraps a compiled pattern with the same methods: it finds where a match stands with the
twin, then matches the original pattern at that offset once, so callers get the very
:class:`re.Match` they got before (groups in the original case).

The twin is derived from the pattern's parse tree (letters and character-class members lower-cased, the
flag dropped), never written by hand. It is exact when ``str.lower`` maps every text character one to one
as ``IGNORECASE`` does: true of every character but "İ" (two characters once lower-cased), "ı" and "ſ"
(:data:`ODD_CASE`); a text holding one is searched with the original pattern. A pattern spelling a
character that ``IGNORECASE`` folds otherwise ("µ", "ı", "ſ", cased letters beyond Latin), a
case-sensitive part (``(?-i:...)``) or a construct the twin does not know keeps no twin and is searched as
it is; so is a pattern without ``IGNORECASE``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from re import _compiler as _rc  # type: ignore[attr-defined]
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _p  # type: ignore[attr-defined]
from typing import Any

__all__ = ["ODD_CASE", "Folded", "at_start_word", "fold_twin", "lower_char", "lowered"]

#: Characters that IGNORECASE equates with a Latin letter although ``str.lower`` does not, or that lower
#: to two characters ("İ" -> "i" + U+0307): a text holding one is always searched as it is (by every
#: lower-cased test of the passes: this module's, the literal guards, the mention cues).
ODD_CASE = ("\u0131", "\u017f", "\u0307")
#: Pattern characters whose IGNORECASE equivalents are not what ``str.lower`` gives (µ/μ, ı/i, ſ/s).
_UNSAFE = frozenset("\u00b5\u0131\u017f")
#: A cased range longer than this is not spelt out member by member: no twin.
_MAX_RANGE = 1024
_END = 2**62


@lru_cache(maxsize=64)
def lowered(text: str) -> tuple[str, bool]:
    """``text`` lower-cased, and whether it holds an :data:`ODD_CASE` character (then guards and twins stand aside)."""
    low = text.lower()
    return low, any(ch in low for ch in ODD_CASE)


def at_start_word(words: frozenset[str], narrow: dict[str, str] | None = None) -> str:
    """A pattern prefix that holds where a word (a run of ``[^\\W_]``) begins that starts with a digit or another
    character than an ASCII letter, or is one of ``words`` (lower-case) in any case: the necessary condition
    of "``w[0].isdigit() or w.lower() in words``" on the word ``w`` there, for a pattern to try only there.

    ``narrow`` maps some of ``words`` to what must stand there for the pattern to match from that word (a
    pattern from the word on, lower-case): those words are tried only where it does.
    """
    narrow = narrow or {}
    plain = sorted((w for w in words if w not in narrow and w[:1].isascii() and w[:1].isalpha()), key=len, reverse=True)
    other = "".join(rf"(?!{re.escape(w)}(?![^\W_]))" for w in narrow if not (w[:1].isascii() and w[:1].isalpha()))
    alts = [rf"{other}[^\W_a-z]", rf"(?:{'|'.join(map(re.escape, plain))})(?![^\W_])", *narrow.values()]
    return rf"(?<![^\W_])(?={'|'.join(alts)})"


class _NoTwinError(Exception):
    """The pattern holds something the twin cannot mirror exactly."""


def lower_char(code: int) -> str | None:
    """The lower case of a pattern character, where ``str.lower`` gives what IGNORECASE equates with it
    (Latin and the first blocks after it, one character); None otherwise (:data:`_UNSAFE`, beyond U+024F)."""
    ch = chr(code)
    low = ch.lower()
    if ch in _UNSAFE or code >= 0x250 or len(low) != 1:
        return None
    return low


def _low(code: int) -> int:
    ch = chr(code)
    if ch.lower() == ch and ch.upper() == ch:
        return code  # caseless
    low = lower_char(code)
    if low is None:
        raise _NoTwinError
    return ord(low)


def _class_items(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    out: list[tuple[Any, Any]] = []
    for op, av in items:
        if op is _c.LITERAL:
            out.append((op, _low(av)))
        elif op is _c.RANGE:
            lo, hi = av
            if all(_low(c) == c for c in range(lo, min(hi, lo + _MAX_RANGE) + 1)) and hi - lo <= _MAX_RANGE:
                out.append((op, av))
            elif hi - lo <= _MAX_RANGE:
                out.extend((_c.LITERAL, _low(c)) for c in range(lo, hi + 1))
            else:
                raise _NoTwinError
        elif op in (_c.NEGATE, _c.CATEGORY):
            out.append((op, av))
        else:
            raise _NoTwinError
    return out


def _item(op: Any, av: Any) -> Any:
    if op in (_c.LITERAL, _c.NOT_LITERAL):
        return _low(av)
    if op is _c.IN:
        return _class_items(av)
    if op in (_c.AT, _c.ANY, _c.CATEGORY, _c.GROUPREF):
        return av
    if op is _c.SUBPATTERN:
        group, add, dele, sub = av
        if dele & re.IGNORECASE or add & re.LOCALE:
            raise _NoTwinError  # a case-sensitive part
        return (group, add & ~re.IGNORECASE, dele, _seq(sub))
    return _nested(op, av)


def _nested(op: Any, av: Any) -> Any:
    if op is _c.BRANCH:
        return (av[0], [_seq(a) for a in av[1]])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return (av[0], av[1], _seq(av[2]))
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return (av[0], _seq(av[1]))
    if op is _c.ATOMIC_GROUP:
        return _seq(av)
    if op is _c.GROUPREF_EXISTS:
        return (av[0], _seq(av[1]), None if av[2] is None else _seq(av[2]))
    raise _NoTwinError


def _seq(sub: Any) -> Any:
    sub.data = [(op, _item(op, av)) for op, av in sub.data]
    return sub


def fold_twin(rx: re.Pattern[str]) -> tuple[re.Pattern[str] | None, bool]:
    """The lower-cased twin of an IGNORECASE pattern (None when there is none), and whether ``rx`` can match
    the empty string."""
    tree = _p.parse(rx.pattern, rx.flags)
    nullable = tree.getwidth()[0] == 0
    if not rx.flags & re.IGNORECASE or rx.flags & re.LOCALE or not isinstance(rx.pattern, str):
        return None, nullable
    try:
        tree = _seq(tree)
    except _NoTwinError:
        return None, nullable
    tree.state.flags &= ~re.IGNORECASE
    return _rc.compile(tree, rx.flags & ~re.IGNORECASE), nullable


class Folded:
    """A compiled pattern with the same methods, searched by its lower-cased twin (derived on first use)."""

    __slots__ = ("_nullable", "_twin", "pattern", "re")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.re = rx
        self.pattern = rx.pattern
        self._twin: re.Pattern[str] | bool | None = False  # False: not derived yet
        self._nullable = True

    @property
    def flags(self) -> int:
        return self.re.flags

    def twin_for(self, text: str) -> tuple[re.Pattern[str], str] | None:
        """(twin, lower-cased text) when ``text`` can be searched by the twin, else None."""
        twin = self._twin
        if twin is False:
            twin, self._nullable = fold_twin(self.re)
            self._twin = twin
        if not isinstance(twin, re.Pattern):
            return None
        low, odd = lowered(text)
        return None if odd else (twin, low)

    def search(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        tl = self.twin_for(text)
        if tl is None:
            return self.re.search(text, pos, endpos)
        m = tl[0].search(tl[1], pos, endpos)
        return None if m is None else self.re.match(text, m.start(), endpos)

    def search_folded(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        """:meth:`search` without the second match on ``text``: the twin's match on the lower-cased text (same
        offsets and groups, the groups' text lower-cased), or the pattern's own when there is no twin."""
        tl = self.twin_for(text)
        return self.re.search(text, pos, endpos) if tl is None else tl[0].search(tl[1], pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        tl = self.twin_for(text)
        if tl is None:
            return self.re.match(text, pos, endpos)
        return None if tl[0].match(tl[1], pos, endpos) is None else self.re.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        return self.re.fullmatch(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = _END) -> Iterator[re.Match[str]]:
        tl = self.twin_for(text)
        if tl is None or self._nullable:  # after an empty match, finditer's next one is not a plain match
            return self.re.finditer(text, pos, endpos)
        return self._rematched(text, tl[0].finditer(tl[1], pos, endpos), endpos)

    def _rematched(self, text: str, found: Iterator[re.Match[str]], endpos: int) -> Iterator[re.Match[str]]:
        rx = self.re
        for m in found:
            again = rx.match(text, m.start(), endpos)
            if again is not None:
                yield again

    def findall(self, text: str, pos: int = 0, endpos: int = _END) -> list[Any]:
        return self.re.findall(text, pos, endpos)

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        return self.re.sub(repl, text, count)

    def subn(self, repl: Any, text: str, count: int = 0) -> tuple[str, int]:
        return self.re.subn(repl, text, count)

    def split(self, text: str, maxsplit: int = 0) -> list[str | Any]:
        return self.re.split(text, maxsplit)
