"""Filters of place candidates: organisation names, persons, datelines, overlapping spans.

A capitalised name inside an organisation ("Observatoire syrien des droits de l'Homme", "Casques
blancs"), after a person cue ("M.", "le président"), introduced as a speaker, or a known first
name is not a place. :class:`Spans` answers "does this span overlap one of those" in O(log n).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from geo.extract.mentions.starts import Starts, match_at
from geo.extract.prefilter import guard

#: Organisation names: mentions inside these spans are dropped. (The leading lookahead holds every
#: first character of the alternatives, so most positions fail once; tests/unit/test_extract_guards.py.)
#: "X Y Media Center" takes at most six capitalised words before "Media": unbounded, a long run of
#: capitalised words made the search quadratic (found by benchmarks/fuzz_campaign.py).
_ORGS = re.compile(
    r"(?=[A-ZÉacjqrst])(?:"
    r"Observatoire\s+syrien\s+des\s+droits\s+de\s+l['’]\s*[Hh]omme|Casques\s+[Bb]lancs|"
    r"\b[A-ZÉ][\w’'\-]*(?:\s+[A-ZÉ][\w’'\-]*){0,5}\s+Media\s+Center\b|Hayat\s+Tahrir\s+al-Ch?am|"
    r"(?:Front\s+)?Fateh\s+al-Ch?am|(?:Front\s+)?[Aa]l-Nosra|Jaich\s+al-[A-Z][\w\-]*|Ahrar\s+al-Ch?am|"
    r"Al-Qa[iï]da|[EÉ]tat\s+islamique|Croissant-Rouge(?:\s+arabe\s+syrien)?|Conseil\s+de\s+s[ée]curit[ée]|"
    r"Nations\s+unies|Union\s+europ[ée]enne|Forces\s+d[ée]mocratiques\s+syriennes|Arm[ée]e\s+syrienne\s+libre|"
    r"Unit[ée]s\s+de\s+protection\s+du\s+peuple|Parti\s+de\s+l['’]union\s+d[ée]mocratique|"
    r"Syrian\s+Observatory[\w\s]*|Human\s+Rights\s+Watch|Amnesty\s+International|M[ée]decins\s+sans\s+fronti[èe]res|"
    r"\b(?:agence|t[ée]l[ée]vision|cha[iî]ne|journal|quotidien|site|radio)\s+(?:officielle\s+|d['’][EÉ]tat\s+)?(?:[Aa]l-)?[A-Z][\w\-]+|"
    r"Faylaq\s+al-[A-Z][\w\-]*|Liwa[a']?\s+al-[A-Z][\w\-]*|"
    r"(?:Organisation|Front|Mouvement)\s+(?:populaire\s+)?de\s+lib[ée]ration\s+de\s+la\s+Palestine|"
    r"Arm[ée]e\s+(?:de\s+l['’]|du\s+|des\s+|de\s+)[A-ZÉ][\w\-]+|Conseil\s+militaire\s+(?:de\s+|d['’])[A-ZÉ][\w\-]+(?:\s+[A-ZÉ][\w\-]+)?"
    r")",
)
#: The lower-case openings of ``_ORGS`` matches ("al-Nosra", "agence", "t" + "él"/"el" for "télévision"...):
#: with the capitals, every position where an organisation name can begin (:func:`org_spans`).
ORG_WORDS = ("al-Nosra", "agence", "tél", "tel", "cha", "journal", "quotidien", "site", "radio")
#: Person cues: a capitalised name right after these is a person.
_PERSON_CUE = guard(re.compile(
    r"(?:\bM\.|\bMme|\bDr|\bpr[ée]sident(?:e)?(?:\s+\w+)?|\bporte-parole(?:\s+\w+)*?|\bministre(?:\s+\w+)*?|\bchef\s+(?:de\s+\w+\s+)?|"
    r"\bdirecteur(?:\s+de\s+l['’]\w+)?|\bsecr[ée]taire(?:\s+\w+)*?|\bg[ée]n[ée]ral|\bcolonel|\bcheikh|\bimam|\bsultan|\broi|\bpetit|\bpetite|"
    r"\bjournaliste|\bmilitant|\bhabitant|\bcorrespondant|\bémissaire|\bm[ée]decin|\bresponsable|\bcommandant)"
    r"\s*,?\s*$",
    re.IGNORECASE,
))
_FIRST_NAMES = re.compile(
    r"\b(?=[ABDEGHIJMORSTV])(?:Bachar|Hafez|Rami|Abou|Abu|Abdel|Abdul|Mohammed|Mohamed|Mohammad|Ahmad|Ahmed|Hassan|Hussein|Ali|Omar|Oussama|"
    r"Vladimir|Recep|Tayyip|Donald|Barack|Emmanuel|Sergueï|Serguei|John|Ashton|Dmitri|Ibrahim|Staffan|Geir|Stephane|St[ée]phane|Antonio)"
    r"(?:\s+(?:al-|el-|ben\s+|bin\s+)?[A-Z][\w\-]+)+"
)


#: A name in a dateline: "DAMAS, 3 mars (AFP) -", "HOMS (Syrie) -".
_DATELINE_AFTER = re.compile(r"\s*(?:,|\(|[-–—])")
#: A speaker is introduced, not a place: "a affirmé Hassan", "raconte Oum Ahmad,".
_SPEAKER_BEFORE = guard(re.compile(
    r"(?:\b(?:a|ont|avait|avaient)\s+(?:affirm|d[ée]clar|dit|racont|expliqu|ajout|indiqu|pr[ée]cis|t[ée]moign|confi|soulign|"
    r"assur|d[ée]non[cç]|rapport|poursuivi|conclu)\w*|\b(?:raconte|explique|t[ée]moigne|confie|ajoute|souligne|affirme|"
    r"indique|pr[ée]cise|assure|poursuit|dit|d[ée]clare))\s*,?\s*$",
    re.IGNORECASE,
))
#: "Hassan, 35 ans": a person.
_AGE_AFTER = re.compile(r"^\s*,\s*(?:\d+|[a-z]+(?:-[a-z]+)*)\s+ans\b")


#: "le gouverneur de la province de Homs, X," / "Le chef des FDS, X,": a person in apposition to a role.
_ROLE_APPOSITION = guard(re.compile(
    r"\b(?:directeur|directrice|gouverneur|chef|ministre|porte-parole|commandant|pr[ée]sident|responsable|maire|"
    r"patron|dirigeant|fondateur|[ée]missaire|envoy[ée]|ambassadeur|secr[ée]taire|conseiller|imam|mufti)\b[^,.;:!?]{0,60},\s*$",
    re.IGNORECASE,
))

class _Spans(list[tuple[int, int]]):
    """Spans ``(start, end)`` sorted by start, with the running maximum of their ends.

    ``overlaps(a, b)`` answers in O(log n) what ``any(a < e and s < b for s, e in spans)`` does
    in O(n): of the spans starting before ``b``, does the one reaching furthest end after ``a``?
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        super().__init__(sorted(spans))
        self.starts = [s for s, _e in self]
        self.reach: list[int] = []
        top = -1
        for _s, e in self:
            top = max(top, e)
            self.reach.append(top)

    def overlaps(self, a: int, b: int) -> bool:
        """True when a span overlaps ``[a, b)``."""
        k = bisect_left(self.starts, b)
        return k > 0 and self.reach[k - 1] > a


def org_spans(text: str, starts: Starts | None = None) -> _Spans:
    """The organisation names of ``text`` (``_ORGS``), tried at its capitals and :data:`ORG_WORDS`."""
    positions = (starts or Starts(text)).with_words(ORG_WORDS)
    return _Spans(m.span() for m in match_at(_ORGS, positions, text))


def person_spans(text: str, starts: Starts | None = None) -> _Spans:
    """The persons of ``text`` named with a known first name (``_FIRST_NAMES``), tried at its capitals."""
    return _Spans(m.span() for m in match_at(_FIRST_NAMES, (starts or Starts(text)).capitals, text))


def _blocked_spans(text: str) -> _Spans:
    starts = Starts(text)
    return _Spans([*org_spans(text, starts), *person_spans(text, starts)])


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    if isinstance(spans, _Spans):
        return spans.overlaps(a, b)
    return any(a < e and s < b for s, e in spans)


_ARTICLE_HEAD = re.compile(r"^(?:al|el|ad|as|ar|at|ach)-", re.IGNORECASE)


def _is_capitalised(surface: str) -> bool:
    core = _ARTICLE_HEAD.sub("", surface) if "-" in surface else surface
    return bool(core) and core[0].isupper() and not (len(core) <= 5 and core.isupper() and core.isalpha())


def _first_name(surface: str) -> bool:
    """True for a single word that ``_FIRST_NAMES`` lists ("Hassan", "Omar")."""
    return " " not in surface and _FIRST_NAMES.fullmatch(surface + " Xx") is not None


def _dateline_caps(text: str, start: int, end: int, lo: int) -> bool:
    """An upper-case name that opens a line and is followed by "," "(" or a dash: a dateline."""
    return (start == lo or text[start - 1] == "\n") and text[start:end].isupper() and bool(
        _DATELINE_AFTER.match(text, end)
    )


def _plausible_person_free(text: str, start: int, end: int) -> bool:
    """False when a capitalised name looks like a person (a first name, a speaker, an age, a role's apposition)."""
    before = text[max(0, start - 60) : start]
    if _PERSON_CUE.search(before) or _SPEAKER_BEFORE.search(before) or _AGE_AFTER.match(text[end : end + 20]):
        return False
    if _ROLE_APPOSITION.search(text[max(0, start - 90) : start]) and re.match(r"\s*,", text[end : end + 3]):
        return False
    return not _first_name(text[start:end])


