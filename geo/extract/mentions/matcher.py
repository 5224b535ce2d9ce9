"""The dictionary candidate generator: every gazetteer spelling, matched over the folded text.

A token n-gram dictionary built from the gazetteer's phrase index (every spelling of every place,
normalised), matched longest first on word boundaries (:class:`PhraseMatcher`), and the
candidates it yields (:func:`index_candidates`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
    token whose first word starts some key, the longest n-gram first. The cost is linear in
    the number of tokens.
    """

    def __init__(self, keys: Iterable[str]) -> None:
        self.table: dict[tuple[str, ...], str] = {}
        #: one-word keys too common alone ("bab", "tall"), matched only after a glued article ("Al-Bab")
        self.after_article: dict[str, str] = {}
        self.first: set[str] = set()
        self.max_n = 1
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

    def match(self, folded: str, lo: int = 0, text: str | None = None) -> list[tuple[int, int, str]]:
        """Return ``(start, end, key)`` for the longest non-overlapping matches in ``folded``.

        When the original ``text`` is given, an Arabic article glued by a hyphen ("al-") is
        skipped, as the gazetteer's normalised keys drop it ("Maaret al-Noomane" -> "maaret noomane").
        """
        found = list(_TOKEN.finditer(folded, lo))
        words = [m.group() for m in found]
        glued: set[int] = set()  # token numbers that follow a glued article ("Al-" + "Bab")
        if text is not None and not ARTICLES.isdisjoint(words):
            found, words, glued = _unglue(found, words, text)
        first, table, after = self.first, self.table, self.after_article
        starts = [i for i, w in enumerate(words) if w in first or (i in glued and w in after)]
        out: list[tuple[int, int, str]] = []
        n_tok, nxt = len(words), 0
        for i in starts:
            if i < nxt:
                continue
            for n in range(min(self.max_n, n_tok - i), 0, -1):
                key = table.get(tuple(words[i : i + n])) if n > 1 else table.get((words[i],))
                if key is None and n == 1 and i in glued:
                    key = after.get(words[i])
                if key is not None:
                    out.append((found[i].start(), found[i + n - 1].end(), key))
                    nxt = i + n
                    break
        return out


def _unglue(
    found: list[re.Match[str]], words: list[str], text: str
) -> tuple[list[re.Match[str]], list[str], set[int]]:
    """The tokens without the Arabic articles glued by a hyphen, and the numbers of the tokens after them."""
    kept: list[re.Match[str]] = []
    glued: set[int] = set()
    n_text = len(text)
    for m, w in zip(found, words, strict=True):
        if w in ARTICLES and m.end() < n_text and text[m.end()] in _HYPHENS:
            glued.add(len(kept))
            continue
        kept.append(m)
    return kept, [m.group() for m in kept], glued


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
        # a place key that opens with Abou/Abu ("Abou Kamal") is a place, not a person's kunya
        kunya_ok = via == "whole" or fold(surface).split(" ")[0] in NAME_PREFIXES
        if _overlaps(start, end, scan.orgs) or (_overlaps(start, end, scan.persons) and not kunya_ok):
            continue
        toks = _TOKEN.findall(folded[start:end])
        if len(toks) == 1 and (toks[0] in STOP_WORDS or toks[0] in DEMONYMS):
            continue
        kind_hint, near = _hint(text, start)
        cands[(start, end)] = _Cand(start, end, surface, via, kind_hint, near, query)
        last_end = end
    return cands
