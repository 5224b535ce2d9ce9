"""Literal prefilters derived from compiled patterns: skip a regex search that cannot match.

Every match of ``\\b(?:frappes?|raids?)\\s+sur`` holds "frappe" or "raid", and " sur". :func:`required`
reads such facts from the pattern itself (its parse tree, as Python's ``re`` compiles it): a few sets
of lower-case literals, each of which has one member inside every match. :class:`Guarded` wraps a
pattern with them: a text whose lower-cased form lacks every member of one set cannot match, and the
(costly) search is not run. Nothing is written by hand: a pattern added to the tables of
:mod:`geo.lang.fr` is guarded by what it spells, so the matches are always the same as the pattern's.

Lower-casing is how the guard is exact for both plain and ``re.IGNORECASE`` patterns: a pattern
literal is compared lower-cased, and ``str.lower`` maps every text character one to one except for
a few characters outside French writing ("ı", "ſ", the dotted "İ" that lowers to two characters,
Greek sigma). A literal character outside Latin letters is never required, and a text that holds one
of the odd characters is always searched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _p  # type: ignore[attr-defined]
from typing import Any

from geo.extract.folded import ODD_CASE, Folded, lower_char, lowered

__all__ = ["ODD_CASE", "Guarded", "guard", "lowered", "required"]

#: Literal sets with more members than this are not multiplied further (``(a|b)(c|d)`` -> ac, ad, bc, bd).
_CAP = 48
#: Members are cut to this many characters (a text that holds "frappes" holds "frapp"): fewer, shorter tests.
_PREFIX = 5
#: Character-class ranges enumerated as literals up to this many characters.
_SMALL_CLASS = 12


@dataclass(frozen=True, slots=True)
class _Info:
    """What a piece of pattern matches: every string (``exact``, when few) and sets of which every
    match holds one member (``need``)."""

    exact: frozenset[str] | None
    need: tuple[frozenset[str], ...] = ()


_ANY = _Info(None)
_EMPTY = _Info(frozenset({""}))


def _chars(codes: list[int]) -> _Info:
    out = {lower_char(c) for c in codes}
    return _ANY if None in out else _Info(frozenset(s for s in out if s is not None))


def _class(items: list[tuple[Any, Any]]) -> _Info:
    codes: list[int] = []
    for op, av in items:
        if op is _c.LITERAL:
            codes.append(av)
        elif op is _c.RANGE and av[1] - av[0] < _SMALL_CLASS:
            codes.extend(range(av[0], av[1] + 1))
        else:
            return _ANY
    return _chars(codes)


def _best(info: _Info) -> frozenset[str] | None:
    """The one set that stands for a piece inside an alternation (its longest shortest member)."""
    sets = [*info.need, *([info.exact] if info.exact is not None else [])]
    sets = [s for s in sets if s and "" not in s]
    return max(sets, key=lambda s: min(map(len, s))) if sets else None


def _branch(alts: list[Any]) -> _Info:
    infos = [_seq(a) for a in alts]
    if all(i.exact is not None for i in infos):
        exact = frozenset().union(*(i.exact for i in infos if i.exact is not None))
        if len(exact) <= _CAP:
            return _Info(exact)
    bests = [_best(i) for i in infos]
    if any(b is None for b in bests):
        return _ANY
    return _Info(None, (frozenset().union(*(b for b in bests if b is not None)),))


def _repeat(lo: int, hi: int, body: Any) -> _Info:
    inner = _seq(body)
    if lo == 0:
        return _Info(inner.exact | {""}) if hi == 1 and inner.exact is not None else _EMPTY_OR_ANY
    if lo == hi == 1:
        return inner
    best = _best(inner)
    return _Info(None, (*inner.need, *([best] if best is not None else [])))


_EMPTY_OR_ANY = _Info(None)  # matches the empty string among others: no constraint


def _item(op: Any, av: Any) -> _Info:
    if op is _c.LITERAL:
        return _chars([av])
    if op is _c.IN:
        return _class(av)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return _EMPTY
    if op is _c.SUBPATTERN:
        return _seq(av[3])
    if op is _c.ATOMIC_GROUP:
        return _seq(av)
    if op is _c.BRANCH:
        return _branch(av[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return _repeat(av[0], av[1], av[2])
    return _ANY


def _seq(items: Any) -> _Info:
    exact: frozenset[str] | None = frozenset({""})
    need: list[frozenset[str]] = []
    cur = frozenset({""})
    for op, av in items:
        info = _item(op, av)
        if info.exact is not None and len(cur) * len(info.exact) <= _CAP:
            cur = frozenset(a + b for a in cur for b in info.exact)
            need.extend(info.need)
            continue
        exact = None
        need.append(cur)
        need.extend(info.need)
        cur = info.exact if info.exact is not None else frozenset({""})
    need.append(cur)
    useful = tuple(s for s in need if s and "" not in s)
    return _Info(cur if exact is not None else None, useful)


def required(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Sets of lower-case strings such that every match of ``pattern`` holds (lower-cased) one member
    of each set; the most telling sets only (longest shortest member first), possibly none."""
    info = _seq(_p.parse(pattern.pattern, pattern.flags))
    sets = list(info.need) + ([info.exact] if info.exact is not None else [])
    sets = [_minimal(frozenset(a[:_PREFIX] for a in s)) for s in sets if s and "" not in s and min(map(len, s)) >= 2]
    sets.sort(key=lambda s: (-min(map(len, s)), len(s)))
    return tuple(dict.fromkeys(sets))[:3]


def _minimal(alts: frozenset[str]) -> frozenset[str]:
    """The same test with fewer members: a member that holds another is found through it."""
    short = sorted(alts, key=len)
    kept: list[str] = []
    for a in short:
        if not any(k in a for k in kept):
            kept.append(a)
    return frozenset(kept)


#: A set with more members than this is tested by one search of a pattern of them, factored by first letters.
_MANY = 12


def _trie(words: list[str]) -> str:
    """An alternation of ``words`` factored by first characters ("a(?:ntip|vion)|b..."): `re` tries a few
    branches at each position instead of every word."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[:1], []).append(w[1:])
    parts = []
    for first, rests in sorted(groups.items()):
        if "" in rests:
            parts.append(re.escape(first))  # the first character alone is a member: the longer ones add nothing
        elif len(rests) == 1:
            parts.append(re.escape(first + rests[0]))
        else:
            parts.append(f"{re.escape(first)}(?:{_trie(rests)})")
    return "|".join(parts)


class _Test:
    """One required set as a test on a lower-cased text: one substring test per member, or one search of
    the members' alternation when they are many."""

    __slots__ = ("_alts", "_rx")

    def __init__(self, alts: frozenset[str]) -> None:
        self._alts = tuple(sorted(alts))
        self._rx = re.compile(_trie(sorted(alts))) if len(alts) > _MANY else None

    def __call__(self, low: str) -> bool:
        if self._rx is not None:
            return self._rx.search(low) is not None
        return any(map(low.__contains__, self._alts))


class Guarded(Folded):
    """A compiled pattern with the same methods, that skips the search when :func:`required` rules a
    match out, and searches by the lower-cased twin of :class:`geo.extract.folded.Folded` otherwise. The
    prefilter is derived on first use (imports stay cheap)."""

    __slots__ = ("_tests",)

    def __init__(self, rx: re.Pattern[str]) -> None:
        super().__init__(rx)
        self._tests: tuple[_Test, ...] | None = None

    def possible(self, text: str) -> bool:
        """False only when no match can be in ``text``."""
        tests = self._tests
        if tests is None:
            tests = self._tests = tuple(_Test(s) for s in required(self.re))
        if not tests:
            return True
        low, odd = lowered(text)
        return odd or all(t(low) for t in tests)

    def search(self, text: str, pos: int = 0, endpos: int = 2**62) -> re.Match[str] | None:
        return super().search(text, pos, endpos) if self.possible(text) else None

    def finditer(self, text: str, pos: int = 0, endpos: int = 2**62) -> Iterator[re.Match[str]]:
        return super().finditer(text, pos, endpos) if self.possible(text) else iter(())

    def findall(self, text: str, pos: int = 0, endpos: int = 2**62) -> list[Any]:
        return self.re.findall(text, pos, endpos) if self.possible(text) else []

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        return self.re.sub(repl, text, count) if self.possible(text) else text

    def subn(self, repl: Any, text: str, count: int = 0) -> tuple[str, int]:
        return self.re.subn(repl, text, count) if self.possible(text) else (text, 0)

    def split(self, text: str, maxsplit: int = 0) -> list[str | Any]:
        return self.re.split(text, maxsplit) if self.possible(text) else [text]


def guard(rx: re.Pattern[str]) -> Guarded:
    """``rx`` behind its literal prefilter."""
    return Guarded(rx)

