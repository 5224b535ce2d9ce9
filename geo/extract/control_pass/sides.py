"""Who gains and who loses a place: the sides of a control change read from the trigger's role and
the clause's actors (:func:`control_sides`), and the other side when only one is named (:func:`opponent`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from geo.extract.control_pass.triggers import _I, ControlHit
from geo.vocab import Actor

#: Actors that do not hold ground: a strike force is never the side that gains or loses a place.
_AIR_ONLY = frozenset({Actor.RUSSIA, Actor.COALITION, Actor.ISRAEL})


#: "par l'armée", "par les rebelles": the agent that follows gains.
_PAR = re.compile(
    r"\bpar\s+(?:l['’]|la\s+|les\s+|le\s+|des\s+|un\s+|une\s+|trois\s+|deux\s+|plusieurs\s+)?(?:[\w\-]+\s+){0,2}$", _I
)
#: "aux rebelles", "hors de", "chassé les jihadistes": the actor that follows loses.
_LOSER = re.compile(
    r"(?:\b(?:aux|au|à|a)\s+(?:l['’]|la\s+|les\s+|le\s+)?|\bhors\s+"
    r"|\b(?:chass|expuls|d[ée]log|repouss)\w*\s+(?:l['’]|la\s+|les\s+|le\s+|des\s+)?)(?:[\w\-]+\s+){0,2}$",
    _I,
)
_PAR_BEFORE = re.compile(r"\bpar\s+(?:l['’]|la\s+|les\s+|le\s+|des\s+)?$", _I)
_HANDS_OF = re.compile(r"mains\s+(?:de|d['’]|du|des)\s+(?:l['’]|la\s+|les\s+|le\s+)?(?:[\w\-]+\s+){0,2}$", _I)

_Found = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class _Around:
    """The actors around a hit: the subject before it, those after it, the agent ("par Y") and the loser."""

    clause: str
    hit: ControlHit
    subj: list[_Found]
    after: list[_Found]
    agent: _Found | None
    loser: _Found | None
    inside: _Found | None = None


def control_sides(
    clause: str, hit: ControlHit, actors: Sequence[tuple[int, int, str]], is_agent: Callable[[str, int], bool]
) -> tuple[str | None, str | None]:
    """(new controller, previous controller) read from the hit's role and the clause's actors.

    ``is_agent(clause, start)`` says whether an actor at ``start`` can act (not a source such as
    "selon l'armée", not a backer such as "appuyés par l'aviation russe").
    """
    a, b = hit.start, hit.end
    cands = [x for x in actors if is_agent(clause, x[0]) and x[2] not in _AIR_ONLY]
    # the subject of an active verb: not the agent of a participle in an apposition ("considérée par Ankara")
    subj = [x for x in cands if x[1] <= a and not _PAR_BEFORE.search(clause[max(0, x[0] - 12) : x[0]])]
    subj = _subject_head(clause, subj)
    after = [x for x in cands if x[0] >= b]
    agent = next((x for x in after if _PAR.search(clause[max(b, x[0] - 40) : x[0]])), None)
    loser = next((x for x in after if _LOSER.search(clause[max(b - 12, x[0] - 30) : x[0]])), None)
    if loser is None and re.search(r"chass|expuls|d[ée]log|repouss", hit.text, _I):
        loser = next((x for x in after if x[0] - b <= 25), None)
    inside = next((x for x in cands if a <= x[0] and x[1] <= b), None)
    around = _Around(clause, hit, subj, after, agent, loser, inside)
    if hit.role in ("fromto", "fell", "hold", "hands", "participial"):
        new, prev = _sides_after(around)
    else:
        new, prev = _sides_of_subject(around)
    if new == prev:
        prev = None
    return new, prev


def _sides_after(w: _Around) -> tuple[str | None, str | None]:
    """Sides of "passées des mains de X à Y", "tombée aux mains de Y", "Y tient X", "repris par Y aux Z"."""
    role, b = w.hit.role, w.hit.end
    new = prev = None
    if role == "fromto":
        prev = w.after[0][2] if w.after else None
        new = w.after[1][2] if len(w.after) > 1 else None
    elif role == "fell":
        last = next((x for x in w.after if _HANDS_OF.search(w.clause[b : x[0]])), None)
        new = last[2] if last else None
    elif role == "hold":
        new = w.subj[-1][2] if w.subj else None
    elif role == "hands":
        first = next((x for x in w.after if x[0] - b <= 35), None)
        new = first[2] if first else None
    else:  # participial
        new = w.agent[2] if w.agent else None
        prev = w.loser[2] if w.loser and w.loser is not w.agent else None
        if re.search(r"chass|expuls", w.hit.text, _I) and w.subj:
            prev = w.subj[-1][2]
    return new, prev


def _sides_of_subject(w: _Around) -> tuple[str | None, str | None]:
    """Sides of "la prise de X par Y", "les rebelles ont perdu X", "Y s'empare de X"."""
    a, b, clause, subj = w.hit.start, w.hit.end, w.clause, w.subj
    new = prev = None
    if w.hit.role == "nominal":
        new = w.agent[2] if w.agent else None
        if new is None:
            par_before = next(
                (x for x in reversed(subj) if _PAR.search(clause[max(0, x[0] - 40) : x[0]]) and a - x[1] <= 80), None
            )
            new = par_before[2] if par_before else (subj[-1][2] if subj and w.hit.place is not None else None)
        if re.match(r"(?:\w+\s+)?perte", w.hit.text.split()[-1], _I):
            new, prev = None, new
    elif w.hit.role == "loss":
        prev = subj[0][2] if subj else None
        other = next((x for x in w.after if x[2] != prev), None)
        new = other[2] if other and _PAR.search(clause[max(b, other[0] - 40) : other[0]]) else None
    else:
        # "l'offensive a permis au régime de reprendre X": the side named inside the trigger gains
        new = w.inside[2] if w.inside else (subj[-1][2] if subj else None)
        prev = w.loser[2] if w.loser and (new is None or w.loser[2] != new) else None
        if prev is None:
            gone = next((x for x in w.after if _WITHDRAWAL_OF.search(clause[max(b, x[0] - 45) : x[0]])), None)
            prev = gone[2] if gone and gone[2] != new else None
    return new, prev


#: "après le retrait des rebelles", "au départ des jihadistes": the actor that follows lost the place.
_WITHDRAWAL_OF = re.compile(
    r"\b(?:retrait|d[ée]part|[ée]vacuation|fuite|repli|d[ée]faite|reddition|effondrement|d[ée]route)\s+(?:des|du|de\s+l['’]|de\s+la|de)\s*(?:[\w\-]+\s+){0,1}$",
    _I,
)


#: Between two actors of one subject: "l'armée et le Hezbollah", "l'armée, épaulée par le Hezbollah".
_CO_SUBJECT = re.compile(
    r"^\s*(?:(?!(?:ont|a|sont|est|avaient|avait|qui|que)\b)[^\W\d_]+\s*){0,2}?(?:et|ainsi\s+que|avec|,)\s*(?:,\s*)?(?:(?:[ée]paul[ée]e?s?|appuy[ée]e?s?|soutenue?s?|aid[ée]e?s?|accompagn[ée]e?s?)\s+par\s+)?"
    r"(?:l['’]|la\s+|les\s+|le\s+|leurs?\s+|ses\s+|des\s+)?(?:alli[ée]s?\s+(?:du|de\s+l['’]|de\s+la|des)\s+|combattants\s+(?:du|de\s+l['’]|des)\s+)?$",
    _I,
)


def _subject_head(clause: str, subj: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop trailing co-subjects and backers so the first actor of a coordinated subject leads:
    "L'armée syrienne et le Hezbollah reprennent X" -> the regime."""
    while len(subj) >= 2 and _CO_SUBJECT.match(clause[subj[-2][1] : subj[-1][0]]):
        subj = subj[:-1]
    return subj


def opponent(side: str | None, clause_actors: Sequence[str], doc_actors: Sequence[str]) -> str | None:
    """The other side of a change when the text names only one: the clause's other armed actor,
    else the document's most named one; None when the document names no other side."""
    if side is None:
        return None
    allies = _ALLIES.get(side, frozenset())
    for skip in (allies, frozenset()):  # an ally fighting alongside is the other side only when no enemy is named
        for pool in (clause_actors, doc_actors):
            counts = Counter(x for x in pool if x != side and x not in _AIR_ONLY and x != Actor.IRAN and x not in skip)
            if counts:
                return counts.most_common(1)[0][0]
    return None


#: Sides that usually fight together: "les rebelles et leurs alliés jihadistes", "les factions proturques".
_ALLIES: dict[str, frozenset[str]] = {
    Actor.REBELS: frozenset({Actor.HTS, Actor.TURKEY}),
    Actor.HTS: frozenset({Actor.REBELS}),
    Actor.TURKEY: frozenset({Actor.REBELS}),
    Actor.REGIME: frozenset({Actor.IRAN, Actor.RUSSIA}),
    Actor.SDF: frozenset({Actor.COALITION}),
}


