"""Control changes and control states from the French tables of :mod:`geo.lang.fr.control`.

A *hit* is a trigger with its role (who gains, see the tables' docstring) and the place it is tied
to (the mention after "de" of a nominal form, before "tombée aux mains", after an active verb).
:func:`control_sides` reads the gaining and losing sides from the role and the actors around the
trigger; :func:`find_states` reads control *states* ("X, contrôlé par Y", "les quartiers rebelles
de X") as observations, never as changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from geo.lang.fr import control as fr

__all__ = ["ControlHit", "find_control", "control_sides", "control_status", "find_states", "opponent"]

_I = re.IGNORECASE
_AP = "['’]"
_AUX = (
    r"(?:a|ont|avait|avaient|aurait|auraient|ayant|s['’]est|se\s+sont|s['’][ée]taient|s['’][ée]tait|sont|est|[ée]taient|[ée]tait|"
    r"ont\s+[ée]t[ée]|a\s+[ée]t[ée]|avait\s+[ée]t[ée]|avaient\s+[ée]t[ée]|se\s+seraient|se\s+serait|auraient\s+[ée]t[ée])"
)
_ADV = r"(?:\s+(?!(?:et|mais|qui|que)\b)[\w’'\-]+){0,3}?"
#: Actors that do not hold ground: a strike force is never the side that gains or loses a place.
_AIR_ONLY = {"Russia", "coalition", "Israel"}


def _alt(items: tuple[str, ...]) -> str:
    return "(?:" + "|".join(i.replace("{AP}", _AP) for i in items) + ")"


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [
        ("hands", re.compile(rf"\b{_alt(fr.HANDS)}", _I)),
        ("loss", re.compile(rf"\b{_alt(fr.LOSS)}\b", _I)),
        ("gain", re.compile(rf"\b{_AUX}{_ADV}\s+{_alt(fr.GAIN_PARTICIPLE)}", _I)),
        ("gain", re.compile(rf"\b{_alt(fr.GAIN_FINITE)}\b", _I)),
        ("participial", re.compile(rf"(?<![\w’'])(?<!\bont\s)(?<!\ba\s){_alt(fr.PARTICIPIAL)}\b(?=(?:\s+[\w’'\-]+){{0,3}}?\s+(?:par|aux|au|à|a)\b)", _I)),
        ("nominal", re.compile(
            rf"\b(?:la|sa|leur|l{_AP}|de\s+la|apr[èe]s\s+la|depuis\s+la)\s*(?P<noun>{_alt(fr.NOMINAL + fr.NOMINAL_PARTIAL)})\b", _I)),
    ]


@lru_cache(maxsize=1)
def _word_res() -> dict[str, re.Pattern[str]]:
    return {
        "partial": re.compile(_alt(fr.PARTIAL), _I),
        "reversed": re.compile(_alt(fr.REVERSED), _I),
        "claim": re.compile(_alt(fr.CLAIM), _I),
        "denied": re.compile(_alt(fr.DENIED), _I),
        "state_agent": re.compile(rf"\b{_alt(fr.STATE_AGENT)}\s*(?:l{_AP}|la\s+|les\s+|le\s+)?$", _I),
        "state_adj": re.compile(rf"\b{fr.STATE_NOUNS}\s+(?P<adj>{'|'.join(fr.STATE_ADJECTIVE)})\s+(?:de\s+|d{_AP}|du\s+)?(?:(?:la\s+)?(?:ville|province)\s+(?:de\s+|d{_AP}))?$", _I),
    }


@dataclass(slots=True)
class ControlHit:
    """A control-change trigger in a clause: offsets in the clause, its role and the tied place."""

    start: int
    end: int
    role: str  # gain | loss | hands | participial | nominal
    text: str
    place: Any = None  # the Mention the trigger governs, when one is found


_GAP_AFTER = re.compile(
    rf"^[\s,]*(?:\s*(?:le|la|les|l{_AP}|de|d{_AP}|du|des|à|au|aux|dans|sur|en|vers|hors|totalement|enti[èe]rement|compl[èe]tement|"
    rf"aussi|encore|d[ée]j[àa]|notamment|ensuite|\w+di|dimanche|hier|ce|cette|matin|soir|nuit|partie|majeure|quasi-totalit[ée]|totalit[ée]|"
    rf"contr[ôo]le|centre|ville|localit[ée]|village|villages|localit[ée]s|quartier|quartiers|secteur|secteurs|cit[ée]|bourgade|route|poste(?:-fronti[èe]re)?|"
    rf"a[ée]roport|base|colline|mont|camp|champ|p[ée]trolier|militaire|strat[ée]gique|rebelle|voisin[es]*|plus|de\s+la\s+moiti[ée]|"
    rf"\d+\s*%|importante?|grande?|petite?|\w+\s+(?=d[eu']))[\s,’']*)*$",
    _I,
)


def find_control(clause: str, mentions: list[Any], clause_start: int) -> ControlHit | None:
    """The first control-change trigger of a clause tied to a Syrian place.

    ``mentions`` are the clause's resolved, non-metonymic mentions (document offsets);
    ``clause_start`` converts them to clause offsets.
    """
    spans = [(m.start - clause_start, m.end - clause_start, m) for m in mentions]
    if not spans:
        return None
    best: ControlHit | None = None
    for role, pattern in _patterns():
        for m in pattern.finditer(clause):
            place = _tied_place(clause, role, m, spans)
            if place is None:
                continue
            if role == "nominal" and (_nominal_not_capture(clause, m) or _CONDITIONAL.search(clause, m.end())):
                continue
            hit = ControlHit(m.start(), m.end(), role, m.group(), place)
            if best is None or hit.start < best.start:
                best = hit
            break
    return best


#: A hypothetical capture: "la prise de X constituerait ...", "la chute de X signerait ...".
_CONDITIONAL = re.compile(r"\b(?!(?:aurait|auraient|serait|seraient)\b)\w{3,}(?:erait|eraient|irait|iraient)\b", _I)


def _nominal_not_capture(clause: str, m: re.Match[str]) -> bool:
    """"la reprise des combats", "la prise d'otages", "la chute de Bachar al-Assad": no place taken."""
    if re.search(r"(?:^|\s)(?:à|a|vers|devant|jusqu['’]à)\s+l['’]\s*$", clause[max(0, m.start() - 8) : m.start() + 2]) and "entr" in m.group().lower():
        return True  # "à l'entrée de Nawa": at the gate of
    after = clause[m.end() : m.end() + 25].lower()
    return bool(re.match(r"\s*(?:des\s+(?:combats|bombardements|frappes|hostilit|n[ée]gociations|pourparlers)|d['’]otages|du\s+r[ée]gime|de\s+(?:position|parole|conscience))", after))


def _tied_place(clause: str, role: str, m: re.Match[str], spans: list[tuple[int, int, Any]]) -> Any:
    after = [(s, e, x) for s, e, x in spans if s >= m.end() and s - m.end() <= 90 and _GAP_AFTER.match(_strip_agent(clause[m.end() : s]))]
    before = [(s, e, x) for s, e, x in spans if e <= m.start() and m.start() - e <= 60 and not re.search(r"[.;:]", clause[e : m.start()])]
    if role in ("hands", "participial"):
        if before and re.fullmatch(r"[\s,]*(?:(?:qui|a|est|était|avait|été|sont|ont|ainsi|aussi|déjà|\w+di|dimanche|le|la|l['’]|en|\d+|\w+)[\s,]*){0,6}", clause[before[-1][1] : m.start()], _I):
            return before[-1][2]
        return after[0][2] if after and role == "hands" and re.match(r"\s*(?:de|d['’]|du)", clause[m.end():after[0][0]]) else None
    if role == "nominal":
        return after[0][2] if after and re.search(r"(?:de|d['’]|du|des|dans)\s*$", clause[m.end() : after[0][0]], _I) else None
    if after:
        return after[0][2]
    if role == "gain" and before and re.search(r"(?:encercl|assi[èée]g|resserr|contr[ôo]l)", m.group(), _I):
        return None
    return None


def _strip_agent(gap: str) -> str:
    """Drop "par les rebelles", "dimanche par les troupes gouvernementales" from a gap before the place."""
    return re.sub(r"\bpar\s+(?:[\w’'\-]+\s+){1,6}?(?=de\s|d['’]|du\s)", " ", gap, flags=_I)


def _actors_in(actors: list[tuple[int, int, str]], a: int, b: int) -> list[tuple[int, int, str]]:
    return [x for x in actors if a <= x[0] and x[1] <= b]


def control_sides(clause: str, hit: ControlHit, actors: list[tuple[int, int, str]], is_agent: Any) -> tuple[str | None, str | None]:
    """(new controller, previous controller) read from the hit's role and the clause's actors.

    ``is_agent(clause, start)`` says whether an actor at ``start`` can act (not a source such as
    "selon l'armée", not a backer such as "appuyés par l'aviation russe").
    """
    a, b = hit.start, hit.end
    cands = [x for x in actors if is_agent(clause, x[0]) and x[2] not in _AIR_ONLY]
    subj = [x for x in cands if x[1] <= a]
    par_re = re.compile(r"\bpar\s+(?:l['’]|la\s+|les\s+|le\s+|des\s+|un\s+|une\s+|trois\s+|deux\s+|plusieurs\s+)?(?:[\w\-]+\s+){0,2}$", _I)
    loser_re = re.compile(r"(?:\b(?:aux|au|à|a)\s+(?:l['’]|la\s+|les\s+|le\s+)?|\bhors\s+|\b(?:chass|expuls|d[ée]log|repouss)\w*\s+(?:l['’]|la\s+|les\s+|le\s+|des\s+)?)(?:[\w\-]+\s+){0,2}$", _I)
    after = [x for x in cands if x[0] >= b]
    agent = next((x for x in after if par_re.search(clause[max(b, x[0] - 40) : x[0]])), None)
    loser = next((x for x in after if loser_re.search(clause[max(b - 12, x[0] - 30) : x[0]])), None)
    if loser is None and re.search(r"chass|expuls|d[ée]log|repouss", hit.text, _I):
        loser = next((x for x in after if x[0] - b <= 25), None)
    new = prev = None
    if hit.role == "hands":
        first = next((x for x in after if x[0] - b <= 35), None)
        new = first[2] if first else None
    elif hit.role == "participial":
        new = agent[2] if agent else None
        prev = loser[2] if loser and loser is not agent else None
        if re.search(r"chass|expuls", hit.text, _I) and subj:
            prev = subj[-1][2]
    elif hit.role == "nominal":
        new = agent[2] if agent else None
        if new is None:
            par_before = next((x for x in reversed(subj) if par_re.search(clause[max(0, x[0] - 40) : x[0]]) and a - x[1] <= 80), None)
            new = par_before[2] if par_before else (subj[-1][2] if subj and hit.place is not None else None)
        if re.match(r"(?:\w+\s+)?perte", hit.text.split()[-1], _I):
            new, prev = None, new
    elif hit.role == "loss":
        prev = subj[-1][2] if subj else None
        other = next((x for x in after if x[2] != prev), None)
        new = other[2] if other and par_re.search(clause[max(b, other[0] - 40) : other[0]]) else None
    else:
        new = subj[-1][2] if subj else (agent[2] if agent else None)
        prev = loser[2] if loser and (new is None or loser[2] != new) else None
    if new == prev:
        prev = None
    return new, prev


def opponent(side: str | None, clause_actors: list[str], doc_actors: list[str]) -> str | None:
    """The other side of a change when the text names only one: the clause's other armed actor,
    else the document's most named one; None when the document names no other side."""
    from collections import Counter

    if side is None:
        return None
    for pool in (clause_actors, doc_actors):
        counts = Counter(x for x in pool if x != side and x not in _AIR_ONLY and x != "Iran/Hezbollah")
        if counts:
            return counts.most_common(1)[0][0]
    return None


def control_status(clause: str, sentence: str, after_trigger: str, next_sentence: str = "") -> str | None:
    """reversed / claimed / denied / partial for a hit, None when nothing qualifies it."""
    w = _word_res()
    if w["reversed"].search(after_trigger):
        return "reversed"
    if w["denied"].search(sentence) or (next_sentence and re.match(r"^\W*(?:\w+\s+){0,6}?(?:a\s+)?d[ée]menti?", next_sentence, _I)):
        return "denied"
    if w["claim"].search(sentence):
        return "claimed"
    if w["partial"].search(clause):
        return "partial"
    return None


def find_states(sentence: str, mentions: list[Any], sent_start: int, actors: list[tuple[int, int, str]]) -> list[tuple[Any, str, int, int]]:
    """Control states of a sentence: (mention, holder, start, end) in sentence offsets.

    "X, contrôlé par Y", "X, tenu par Y", "X, aux mains de Y", "sous le contrôle de Y" (the place
    just before), and "les quartiers rebelles de X" (the adjective names the holder).
    """
    w = _word_res()
    out = []
    for m in mentions:
        s, e = m.start - sent_start, m.end - sent_start
        before = sentence[max(0, s - 60) : s]
        adj = w["state_adj"].search(before)
        if adj:
            key = next(k for k in fr.STATE_ADJECTIVE if re.fullmatch(k, adj.group("adj"), _I))
            out.append((m, fr.STATE_ADJECTIVE[key], s, e))
            continue
        for x in actors:
            if x[0] <= e or x[0] - e > 70:
                continue
            gap = sentence[e : x[0]]
            if re.search(r"[.;]", gap):
                break
            if w["state_agent"].search(gap) and not re.search(r"tomb|pass[ée]", gap, _I):
                out.append((m, x[2], s, x[1]))
            break
    return out
