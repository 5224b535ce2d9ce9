"""The cue-word candidate generator: capitalised names after French place cues, and codes.

"le village de X", "la province d'X", "à X", "aux abords de X", "au nord d'X", object and site
cues ("ont touché X", "la prise de X", "le marché de X"), list cues ("plusieurs villages, dont X,
Y et Z"), names that open with a name prefix (Abou, Tal, Kafr ...) and codes ("l'autoroute M4",
"la base T4"). The gazetteer then tries to resolve them; unknown ones are kept unresolved.
"""

from __future__ import annotations

import bisect
import re

from geo.extract.mentions.candidate import _Cand, _Scan
from geo.extract.mentions.cues import (
    _CODE,
    _CODE_CUE,
    _LIST_INTRO,
    _LIST_JOIN,
    _NAME,
    _OBJECT_CUE,
    _PREP_CUE,
    _SITE_CUE,
    _apposition,
    _hint,
    _may_be_prep,
)
from geo.extract.mentions.filters import _dateline_caps, _is_capitalised, _overlaps, _plausible_person_free
from geo.extract.mentions.starts import Starts, match_at
from geo.lang.fr.places import (
    ARTICLES,
    DEMONYMS,
    FUNCTION_WORDS,
    MONTHS,
    NAME_PREFIXES,
    NOT_PLACES,
    PLACE_ONLY_PREFIXES,
    STOP_WORDS,
    WEEKDAYS,
)

_TOKEN = re.compile(r"\w+")
_NAME_RX = re.compile(_NAME)

#: A capitalised preposition or article that opens a sentence before a name ("A Jeb el-Koussa", "Dans Alep").
_LEAD_WORD = re.compile(r"(?:A|À|Au|Aux|En|Dans|Sur|Vers|Depuis|Pour|Le|La|Les|Entre)[ \u00a0]+(?=[A-ZÀ-ÖØ-Þ])")


#: Last characters after which no place cue can end (sentence ends, headings, quotes, brackets).
_NO_CUE_END = frozenset('.!?;:"»)]\n')
#: Last words (of the window before a name) with which each cue can end, for a cheap check before its regex:
#: "de"-like words end ``_OBJECT_CUE``, ``_SITE_CUE`` and ``_LIST_INTRO``; ``_LIST_JOIN`` ends with a comma,
#: a conjunction, a preposition or an article; ``_LIST_INTRO`` also with "dont", "notamment" ...
_DE_WORDS = frozenset({"de", "d'", "d\u2019", "du", "des", "la", "l'", "l\u2019"})
_JOIN_LAST_WORDS = _DE_WORDS | frozenset(
    {",", "et", "ou", "puis", "\u00e0", "a", "sur", "vers", "dans", "entre", "le", "les"}
)
_INTRO_LAST_WORDS = frozenset({"dont", "notamment", "comme", "que", "lesquels", "lesquelles", "savoir", "\u00e0", "a",
                               "ceux", "celles", "celui"})
#: Stems of the verbs of ``_OBJECT_CUE`` ("ont touché X").
_OBJECT_VERBS = (
    "touch", "vis", "frapp", "bombard", "pilonn", "assi", "encercl", "lib", "investi", "attaqu", "quitt",
    "\u00e9vacu", "evacu", "atteint", "rejoint", "travers", "gagn", "cibl", "ravag", "d\u00e9vast", "devast",
    "d\u00e9truit", "detruit", "perdu", "abandonn", "fui",
)  # fmt: skip


def _last_word(tail: str) -> str:
    """The last word of a window without trailing spaces, lower-cased ("la prise d'" -> "d'")."""
    cut = max(tail.rfind(" "), tail.rfind("\u00a0"), tail.rfind("\n"), tail.rfind("("), tail.rfind("\u00ab"))
    return tail[cut + 1 :].lower()


class _Ends:
    """Where the candidates found so far end: a set and a sorted list (lists join onto them)."""

    def __init__(self, cands: dict[tuple[int, int], _Cand]) -> None:
        self.ends: set[int] = {e for _s, e in cands}
        self.sorted = sorted(self.ends)

    def add(self, end: int) -> None:
        self.ends.add(end)
        bisect.insort(self.sorted, end)

    def listed(self, before: str, start: int) -> bool:
        """True when ``before`` joins the name at ``start`` onto a candidate ("X, Y et Z")."""
        k = bisect.bisect_right(self.sorted, start) - 1  # a candidate must end just before the joining words
        if k < 0 or start - self.sorted[k] >= 40:
            return False
        joined = _LIST_JOIN.search(before)
        return joined is not None and start - len(joined.group()) in self.ends


def cue_candidates(scan: _Scan, cands: dict[tuple[int, int], _Cand]) -> None:
    """Add to ``cands`` the capitalised names and codes after a place cue that no candidate covers."""
    text, lo = scan.text, scan.lo
    covered = bytearray(len(text) + 1)
    for s_, e_ in cands:
        covered[s_:e_] = b"\x01" * (e_ - s_)
    ends = _Ends(cands)
    starts = scan.starts or Starts(text)
    found = match_at(_NAME_RX, starts.with_glued(), text, lo) + match_at(_CODE, starts.capitals, text, lo)
    found.sort(key=lambda m: m.start())
    for m in found:
        start = m.start()
        surface = m.group().rstrip("’'-")
        end = start + len(surface)
        if not surface or covered[start] or covered[end - 1]:
            continue
        cand = _code(text, start, end, surface, ends) if m.re is _CODE else _cue_name(scan, start, end, ends)
        if cand is not None:
            cands[(cand.start, cand.end)] = cand
            ends.add(cand.end)


def _code(text: str, start: int, end: int, surface: str, ends: _Ends) -> _Cand | None:
    """A road or site code after its cue ("l'autoroute M4"), in a list, or a B/D/R code."""
    before = text[max(0, start - 60) : start]
    joined = _LIST_JOIN.search(before)
    in_list = joined is not None and start - len(joined.group()) in ends.ends
    if _CODE_CUE.search(before) or in_list or surface[0] in "BDR" \
            or (re.fullmatch(r"M\d{1,2}", surface) and re.search(r"\b(?:la|le)\s+$", before)):
        return _Cand(start, end, surface, "cue", "small", False)
    return None


def _name_tokens_ok(toks: list[str]) -> list[str] | None:
    """The name's words without inner articles, or None when they cannot be a place name."""
    core = [t for i, t in enumerate(toks) if not (t in ARTICLES and i < len(toks) - 1)]
    glued = len(core) < len(toks)
    if not core or core[0] in DEMONYMS or (len(toks) == 1 and len(toks[0]) < 3) \
            or any(t in MONTHS or t in WEEKDAYS for t in core):  # "Mi-octobre", "Lundi-matin"
        return None
    if core[0] in STOP_WORDS:
        prefixed = core[0] in NAME_PREFIXES and len(core) > 1
        article_name = glued and len(core) == 1 and len(core[0]) >= 3 and core[0] not in FUNCTION_WORDS \
            and core[0] not in WEEKDAYS and core[0] not in MONTHS
        if not (prefixed or article_name):
            return None
    if core[-1] in NOT_PLACES or core[0] in NOT_PLACES:
        return None
    return core


def _cue(before: str, word: str, kind_hint: str | None, near: bool, listed: bool) -> tuple[bool, bool]:
    """(a place cue ends ``before``, it is a site or list cue): "à X", "le marché de X", "dont X"."""
    site = word in _DE_WORDS and (_SITE_CUE.search(before) is not None or _LIST_INTRO.search(before) is not None)
    site = site or (word in _INTRO_LAST_WORDS and _LIST_INTRO.search(before) is not None)
    cue = kind_hint is not None or near or listed or site or (_may_be_prep(before) and _PREP_CUE.search(before)) \
        or ((word in _DE_WORDS or word.startswith(_OBJECT_VERBS)) and _OBJECT_CUE.search(before))
    return bool(cue), site


def _cue_name(scan: _Scan, start: int, end: int, ends: _Ends) -> _Cand | None:
    """The capitalised name ``text[start:end]`` as a candidate when a place cue comes before it."""
    text = scan.text
    surface = text[start:end]
    lead = _LEAD_WORD.match(surface)
    if lead:  # "A Jeb el-Koussa": the capitalised preposition is not part of the name
        start += lead.end()
        surface = text[start:end]
    before = text[max(0, start - 60) : start]
    core = _name_tokens_ok(scan.folded[start:end].split())  # a fold holds only word characters and spaces
    if core is None or not _is_capitalised(surface):
        return None
    if surface.isupper() and not _dateline_caps(text, start, end, scan.lo):
        return None  # "LIRE AUSSI", "VIDEO": headings and navigation, not names
    tail = before.rstrip()
    # "X, un village voisin" needs no cue (the apposition is read only where it decides)
    if (not tail or tail[-1] in _NO_CUE_END) and not _apposition(before, text[end : end + 60]):
        return None  # a sentence start, a heading, a quote: no cue ends with this
    kind_hint, near = _hint(text, start)
    word = "," if tail[-1:] == "," else _last_word(tail)
    listed = word in _JOIN_LAST_WORDS and ends.listed(before, start)
    cue, site = _cue(before, word, kind_hint, near, listed)
    place_prefix = core[0] in PLACE_ONLY_PREFIXES and len(core) > 1  # "puis Deir Attiya"
    if not cue and not place_prefix and not _apposition(before, text[end : end + 60]):
        return None
    if _overlaps(start, end, scan.orgs) or not _plausible_person_free(text, start, end):
        return None
    if _overlaps(start, end, scan.persons) and not (core[0] in NAME_PREFIXES and (kind_hint or near or listed)):
        return None
    if kind_hint is None and site:
        kind_hint = "small"
    return _Cand(start, end, surface, "cue", kind_hint, near)
