"""Sentences and clauses of a dispatch, and the draft records that the event passes fill."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import TypeVar

from geo.extract.prefilter import lowered
from geo.model import Event, Mention

T = TypeVar("T")

_I = re.IGNORECASE


_ABBREV = {
    "m",
    "mm",
    "mme",
    "mmes",
    "mlle",
    "dr",
    "pr",
    "st",
    "ste",
    "etc",
    "av",
    "cf",
    "ex",
    "env",
    "no",
    "n°",
    "gén",
    "gen",
    "col",
    "lt",
}


_END = re.compile(r"[.!?…]+[\"»”)]*(?=[\s\u00a0]+[\"«“(\-–]?[\s\u00a0]*[A-ZÀ-ÖØ-Þ0-9])")


DATE_PREFIX = re.compile(r"\A\s*date\s+\d{4}-\d{2}(?:-\d{2})?\s*")
_LINE = re.compile(r"[^\n]+")
_ANY_WORD = re.compile(r"\w")
_HEADING = re.compile(r"^[-–—•*]\s.*\s[-–—]$")
_CLOSED = re.compile(r"[.!?»\"]$")


@dataclass(slots=True)
class Sentence:
    """A sentence of a document: offsets into ``doc.text`` and its paragraph number."""

    start: int
    end: int
    text: str
    para: int
    index: int = 0


def split_sentences(text: str, lo: int = 0) -> list[Sentence]:
    """Split French text into sentences with offsets.

    Parameters
    ----------
    text : str
        The document text.
    lo : int
        Where to start (after a `` date YYYY-MM`` prefix).

    Returns
    -------
    list of Sentence
        Paragraph breaks (newlines) always end a sentence; ``.``, ``!``, ``?`` end one before a
        capital unless the word before is an abbreviation ("M.") or a single initial. The
        :class:`Sentence` objects are shared by the calls on the same text (read them, never change them).
    """
    return list(_sentences(text, lo))  # the events and the control states read the same document: split once


@lru_cache(maxsize=4)
def _sentences(text: str, lo: int) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    para = 0
    for line in _LINE.finditer(text[lo:]):
        ls, le = line.start() + lo, line.end() + lo
        if not text[ls:le].strip():
            continue
        cut = ls
        for m in _END.finditer(text, ls, le):
            word = last_word(text, cut, m.start())
            w = word.lower()
            if w in _ABBREV or (len(word) == 1 and word.isupper()):
                continue
            _push(out, text, cut, m.end(), para)
            cut = m.end()
        _push(out, text, cut, le, para)
        para += 1
    for i, s in enumerate(out):
        s.index = i
    return tuple(out)


_WORD_CHAR = re.compile(r"[\w°]")


def last_word(text: str, lo: int, hi: int) -> str:
    """The word just before ``hi`` (as ``re.search(r"([\\w°]+)$", text[lo:hi])`` captures; "" when none).

    The regex backtracks over every start position of a long word: quadratic on a hostile line.
    """
    i = hi
    while i > lo and _WORD_CHAR.match(text, i - 1):
        i -= 1
    return text[i:hi]


def _push(out: list[Sentence], text: str, a: int, b: int, para: int) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a and _ANY_WORD.search(text, a, b):
        out.append(Sentence(a, b, text[a:b], para))


_CLAUSE_BOUNDARY = re.compile(
    # every boundary begins with a comma or a space: one character class first lets `re` skip to them
    r"[,\s](?:"
    r"(?<=,)(?:\s+(?:tandis\s+qu|alors\s+qu)(?=e\b|['’])"
    r"|\s+et\s+(?=(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|la\s+veille|le\s+lendemain)\b)"
    # a second toll of other victims: ", et deux autres civils ont été tués dans ..."
    r"|\s+et\s+(?=(?:\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|plusieurs)\s+autres\b))"
    r"|(?<=\s)(?:\s*(?:tandis\s+qu|alors\s+qu)(?=e\b|['’])|\s*o[ùu]\s+(?=[^,.]*\d))"
    r")",
    _I,
)


@dataclass(slots=True)
class Clause:
    """A clause of a sentence: offsets into ``doc.text``, its text, sentence and place mentions."""

    start: int  # offsets into doc.text
    end: int
    text: str
    sent: Sentence
    mentions: list[Mention] = field(default_factory=list)


def mentions_in(mentions: list[Mention], a: int, b: int) -> list[Mention]:
    """Mentions that start in ``[a, b)`` (the one sentence/clause lookup of this module; ``mentions`` sorted
    by start): two bisections, never a scan, so extraction stays linear in document size."""
    lo = bisect_left(mentions, a, key=_start_of)
    return mentions[lo : bisect_left(mentions, b, lo=lo, key=_start_of)]


def _start_of(m: Mention) -> int:
    return m.start


def within(items: list[tuple[int, int, T]], a: int, b: int) -> list[tuple[int, int, T]]:
    """Items of a sentence that fall in the clause ``[a, b)``, with clause offsets."""
    return [(s - a, e - a, x) for s, e, x in items if a <= s and e <= b]


#: A clause boundary closer than this to either end of the sentence is no boundary.
_MIN_CLAUSE = 10


def clause_spans(sent: Sentence) -> list[tuple[int, int]]:
    """(start, end) of the clauses of a sentence, in sentence offsets: cut at "tandis que", "alors
    que", ", et <jour>" and " où <...nombre>", never within 10 characters of either end."""
    n = len(sent.text)
    cuts = [
        0,
        *(m.start() for m in _CLAUSE_BOUNDARY.finditer(sent.text) if _MIN_CLAUSE < m.start() < n - _MIN_CLAUSE),
        n,
    ]
    return [(a, b) for a, b in pairwise(cuts) if b > a]


def is_heading(sent: str) -> bool:
    """Section headings ("- Raqa 'dans les prochaines semaines' -") and page furniture."""
    t = sent.strip()
    if t[:1] not in "-–—•*":
        return False  # both tests below need a dash or a bullet first (or nothing at all)
    return bool(_HEADING.match(t)) or (len(t) < 60 and not _CLOSED.search(t) and t[:1] in "-–—")


def may_hold(text: str, stems: tuple[str, ...]) -> bool:
    """False only when no match of a regex whose matches all hold one of ``stems`` can be in ``text``."""
    low, odd = lowered(text)  # odd: a character IGNORECASE matches that str.lower does not show
    return odd or any(map(low.__contains__, stems))


@dataclass(slots=True)
class Draft:
    """An event being coded, with how it was placed ("clause", "sentence", "context" or "none") and what
    the merges need (a date of its own, no trigger, a bare toll)."""

    event: Event
    clause: Clause
    place_from: str  # "clause" | "sentence" | "context" | "none" | "unknown" (a name the gazetteer lacks)
    has_when: bool
    trigger_less: bool = False
    mention: Mention | None = None
    toll_only: bool = False  # a bare toll sentence: kept only when it joins the event before
