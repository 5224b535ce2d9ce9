"""The dictionary candidate generator: every gazetteer spelling, matched over the folded text.

A token n-gram dictionary built from the gazetteer's phrase index (every spelling of every place,
normalised), matched longest first on word boundaries (:class:`PhraseMatcher`), and the
candidates it yields (:func:`index_candidates`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate, compress, count
from operator import add

from gazetteer.normalize import fold
from geo.extract.mentions.candidate import _Cand, _Scan
from geo.extract.mentions.cues import _hint
from geo.extract.mentions.filters import _dateline_caps, _is_capitalised, _overlaps
from geo.extract.mentions.names import _capitalised_tail, _extend_article, _whole_name
from geo.extract.protocols import ExtractionGazetteer
from geo.lang.fr.places import ARTICLES, DEMONYMS, FUNCTION_WORDS, NAME_PREFIXES, STOP_WORDS

_TOKEN = re.compile(r"\w+")


#: Hyphen-minus and the Unicode hyphens a typesetter may put in "al-" (U+2010, U+2011 no-break).
_HYPHENS = frozenset("-\u2010\u2011")

def _generic_name(tokens: tuple[str, ...]) -> bool:
    """True for a name of two or more words that are each too common alone but together a name:
    toponym generics ("Ras al-Aïn" -> ``("ras", "ain")``) or "Etats-Unis" (``("etats", "unis")``)."""
    return len(tokens) > 1 and not any(t in FUNCTION_WORDS for t in tokens)



class PhraseMatcher:
    """Token n-gram dictionary over a gazetteer's phrase index.

    Parameters
    ----------
    keys : iterable of str
        Normalised spellings (the keys of ``Gazetteer.phrase_index()``).

    Notes
    -----
    Each key is folded and cut into word tokens; a text is matched by looking up, at every
    token that starts some key, the n-grams of the lengths its keys have, longest first. The cost
    is linear in the number of tokens.
    """

    def __init__(self, keys: Iterable[str]) -> None:
        self.table: dict[tuple[str, ...], str] = {}
        #: one-word keys too common alone ("bab", "tall"), matched only after a glued article ("Al-Bab")
        self.after_article: dict[str, str] = {}
        self.first: set[str] = set()
        self.max_n = 1
        #: first token -> the lengths (in tokens, at most 8) of the keys it starts, longest first
        self.lengths: dict[str, tuple[int, ...]] = {}
        for key in keys:
            toks = tuple(_TOKEN.findall(fold(key)))
            if len(toks) == 1 and toks[0] in STOP_WORDS and len(toks[0]) >= 3 and toks[0] not in FUNCTION_WORDS:
                self.after_article.setdefault(toks[0], key)
            if not toks or (all(t in STOP_WORDS for t in toks) and not _generic_name(toks)):
                continue
            if len(toks) == 1 and (len(toks[0]) < 3 or toks[0].isdigit()):
                continue
            self.table.setdefault(toks, key)
            self.first.add(toks[0])
            self.max_n = max(self.max_n, min(len(toks), 8))
            if len(toks) <= 8:
                self.lengths[toks[0]] = tuple(sorted({*self.lengths.get(toks[0], ()), len(toks)}, reverse=True))

    def match(self, folded: str, lo: int = 0, text: str | None = None) -> list[tuple[int, int, str]]:
        """Return ``(start, end, key)`` for the longest non-overlapping matches in ``folded``.

        ``folded`` is :func:`gazetteer.normalize.fold` output (word characters and spaces only). When the
        original ``text`` is given, an Arabic article glued by a hyphen ("al-") is skipped, as the
        gazetteer's normalised keys drop it ("Maaret al-Noomane" -> "maaret noomane").
        """
        words, offs = _tokens(folded, lo)
        glued: set[int] = set()  # token numbers that follow a glued article ("Al-" + "Bab")
        if text is not None and not ARTICLES.isdisjoint(words):
            glued = _unglue(words, offs, text)
        first, table, lengths, after = self.first, self.table, self.lengths, self.after_article
        starts = [i for i, w in enumerate(words) if w in first]
        n_tok = len(words)
        if glued:
            starts = sorted({*starts, *(i for i in glued if i < n_tok and words[i] in after)})
        out: list[tuple[int, int, str]] = []
        nxt = 0
        for i in starts:
            if i < nxt:
                continue
            w = words[i]
            key: str | None = None
            for n in lengths.get(w, ()):
                if n <= n_tok - i and (key := table.get(tuple(words[i : i + n]) if n > 1 else (w,))) is not None:
                    break
            else:
                n, key = 1, (after.get(w) if i in glued else None)
            if key is not None:
                out.append((offs[i], offs[i + n - 1] + len(words[i + n - 1]), key))
                nxt = i + n
        return out


def _tokens(folded: str, lo: int) -> tuple[list[str], list[int]]:
    """The words of ``folded[lo:]`` (runs of word characters, as ``\\w+`` finds them: a fold holds only
    word characters and spaces) and where each begins, cut by ``str.split`` and counted in C."""
    parts = folded[lo:].split(" ")
    offs = list(compress(map(add, accumulate(map(len, parts), initial=lo), count()), parts))
    return list(filter(None, parts)), offs


def _unglue(words: list[str], offs: list[int], text: str) -> set[int]:
    """Drop from ``words``/``offs`` the Arabic articles glued by a hyphen; return the numbers of the tokens
    after them."""
    drop: list[int] = []
    for hyphen in _HYPHENS:
        h = text.find(hyphen, offs[0] if offs else 0)
        while h != -1:
            k = bisect_left(offs, h) - 1  # the last token that begins before the hyphen
            if k >= 0 and offs[k] + len(words[k]) == h and words[k] in ARTICLES:
                drop.append(k)
            h = text.find(hyphen, h + 1)
    drop.sort()
    for k in reversed(drop):
        del words[k], offs[k]
    return {k - r for r, k in enumerate(drop)}


_MATCHERS: dict[int, tuple[ExtractionGazetteer, PhraseMatcher]] = {}


def _matcher(gazetteer: ExtractionGazetteer) -> PhraseMatcher:
    """The matcher of ``gazetteer``'s phrase index, built once for the last gazetteer asked."""
    cached = _MATCHERS.get(id(gazetteer))
    if cached is not None and cached[0] is gazetteer:
        return cached[1]
    index = gazetteer.phrase_index() if hasattr(gazetteer, "phrase_index") else {}
    matcher = PhraseMatcher(index.keys())
    _MATCHERS.clear()
    _MATCHERS[id(gazetteer)] = (gazetteer, matcher)
    return matcher




def _kunya_ok(folded: str, start: int, end: int, via: str) -> bool:
    """A place key that opens with Abou/Abu ("Abou Kamal") is a place, not a person's kunya."""
    return via == "whole" or folded[start:end].split(" ", 1)[0] in NAME_PREFIXES


def index_candidates(scan: _Scan, gazetteer: ExtractionGazetteer) -> dict[tuple[int, int], _Cand]:
    """Candidates from the gazetteer's spellings: every dictionary match, widened to the whole name.

    A match of lower-case words keeps only its capitalised part ("camp d'Al-Hol" -> "Al-Hol",
    resolved as the whole key); matches inside organisations, persons, or a lone stop word or
    demonym are dropped.
    """
    text, folded, lo = scan.text, scan.folded, scan.lo
    index = gazetteer.phrase_index() if hasattr(gazetteer, "phrase_index") else {}
    cands: dict[tuple[int, int], _Cand] = {}
    last_end = -1
    for m_start, m_end, _key in _matcher(gazetteer).match(folded, lo, text):
        if m_start < last_end:
            continue  # inside the whole name of the previous match ("Hawash" of "Tall Hawash")
        start, end = _extend_article(text, m_start, m_end)
        surface = text[start:end]
        query = None
        if not _is_capitalised(surface) and not _dateline_caps(text, start, end, lo):
            tail = _capitalised_tail(text, folded, start, end, index)
            if tail is None:
                continue
            query = surface  # the whole key names the place ("camp d'Al-Hol" is the camp)
            start, end = tail
            surface = text[start:end]
        via = "index"
        w_start, w_end = _whole_name(text, start, end)
        if (w_start, w_end) != (start, end):
            start, end, surface = w_start, w_end, text[w_start:w_end]
            via, query = "whole", None  # resolved as a whole; kept unresolved rather than as its part
        persons = _overlaps(start, end, scan.persons)
        if _overlaps(start, end, scan.orgs) or (persons and not _kunya_ok(folded, start, end, via)):
            continue
        toks = folded[start:end].split()  # the words of a fold (word characters and spaces only)
        if len(toks) == 1 and (toks[0] in STOP_WORDS or toks[0] in DEMONYMS):
            continue
        kind_hint, near = _hint(text, start)
        cands[(start, end)] = _Cand(start, end, surface, via, kind_hint, near, query)
        last_end = end
    return cands
