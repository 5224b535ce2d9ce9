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

__all__ = ["ControlHit", "control_sides", "control_status", "find_control", "find_controls", "find_states", "opponent", "tied_after"]

_I = re.IGNORECASE
_AP = "['’]"
_AUX = (
    r"(?:a|ont|avoir|avait|avaient|aurait|auraient|ayant|s['’]est|se\s+sont|s['’][ée]taient|s['’][ée]tait|sont|est|[ée]taient|[ée]tait|"
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
            rf"\b(?:la|sa|leur|l{_AP}|de\s+la|apr[èe]s\s+la|depuis\s+la)\s*[\"«“]?\s*(?P<noun>{_alt(fr.NOMINAL + fr.NOMINAL_PARTIAL)})\b[\"»”]?", _I)),
        ("fromto", re.compile(rf"\b{fr.HANDS_FROM_TO.replace('{AP}', _AP)}", _I)),
        ("hold", re.compile(rf"(?<!\bqui\s)(?<!\bqu['’]ils\s)\b{_alt(fr.HOLD_FINITE)}\b(?!\s+(?:toujours|encore))", _I)),
        ("fell", re.compile(rf"\b{_alt(fr.FELL)}", _I)),
    ]


#: Characters that IGNORECASE equates with ASCII letters although str.lower does not: the guard stands aside.
_ODD_CASE = ("\u0131", "\u017f", "\u0307")
#: Lower-case substrings, one tuple per pattern of :func:`_patterns` (same order), one of which
#: every match holds; tests/test_extract_rules.py checks them against the tables' examples.
_STEMS: tuple[tuple[str, ...], ...] = (
    ("tomb", "pass"),
    ("perd", "retir", "quitt", "vacu", "abandon", "ploy"),
    ("pris", "maître", "maitre", "expuls", "arrach", "repouss", "resserr", "irruption", "hiss", "bris", "achev", "conqu", "empar", "nétr", "netr", "entr"),
    ("repren", "empar", "conqu", "encercl", "assi", "grignot", "chass", "expuls", "log", "captur", "investi", "nètr", "nétr", "netr", "entr", "resserr",
     "bris", "pren", "contr", "pu ", "ussi", "parven", "permis", "venai", "vien"),
    ("pris", "conqu", "arrach", "captur", "chass", "lib"),
    ("prise", "chute", "conqu", "capture", "lib", "perte", "entr", "encerclement", "siège", "siege"),
    ("mains",),
    ("contr", "tien", "tenai"),
    ("tomb", "rendu"),
)


@lru_cache(maxsize=1)
def _stem_re() -> re.Pattern[str]:
    stems = sorted({st for group in _STEMS for st in group}, key=len, reverse=True)
    return re.compile("|".join(re.escape(st) for st in stems))


@lru_cache(maxsize=1)
def _word_res() -> dict[str, re.Pattern[str]]:
    return {
        "partial": re.compile(_alt(fr.PARTIAL), _I),
        "reversed": re.compile(rf"\b{_alt(fr.REVERSED)}", _I),
        "claim": re.compile(rf"\b{_alt(fr.CLAIM)}", _I),
        "denied": re.compile(rf"\b{_alt(fr.DENIED)}\b", _I),
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
    rf"\d+\s*%|\d+|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre|fin|d[ée]but|mi-\w+|"
    rf"d{_AP}abord|finalement|rapidement|importante?|grande?|petite?|\w+\s+(?=d[eu']))[\s,’']*)*$",
    _I,
)


#: Stands for "the place in focus" when a trigger governs "la ville", "le camp" (placed from context).
ANAPHOR = "anaphor"


@lru_cache(maxsize=1)
def _anaphor_after() -> re.Pattern[str]:
    return re.compile(rf"^\s*(?:[\w’']+\s+){{0,2}}?(?:de\s+|d{_AP}|du\s+|dans\s+|hors\s+(?:de\s+|du\s+|d{_AP})|[àa]\s+)?{fr.ANAPHOR_NP.replace('{AP}', _AP)}", _I)


@lru_cache(maxsize=1)
def _anaphor_before() -> re.Pattern[str]:
    return re.compile(rf"{fr.ANAPHOR_NP.replace('{AP}', _AP)}(?:\s+[\w’'\-]+){{0,3}}?[\s,]*$", _I)


def find_control(clause: str, mentions: list[Any], clause_start: int) -> ControlHit | None:
    """The first control-change trigger of a clause tied to a Syrian place (see :func:`find_controls`)."""
    hits = find_controls(clause, mentions, clause_start)
    return hits[0] if hits else None


def find_controls(clause: str, mentions: list[Any], clause_start: int) -> list[ControlHit]:
    """Control-change triggers of a clause tied to a Syrian place, in text order, one per table.

    ``mentions`` are the clause's resolved, non-metonymic mentions (document offsets);
    ``clause_start`` converts them to clause offsets. A trigger that governs "la ville", "le
    camp" ... gets ``place=ANAPHOR``: the caller places it from context.
    """
    low = clause.lower()
    odd = any(ch in low for ch in _ODD_CASE)
    present = set(_stem_re().findall(low))
    if not present and not odd:
        return []  # one pass: no stem of any table, no trigger
    spans = [(m.start - clause_start, m.end - clause_start, m) for m in mentions]
    found: list[ControlHit] = []
    for (role, pattern), stems in zip(_patterns(), _STEMS):
        if not odd and present.isdisjoint(stems) and not any(st in low for st in stems):
            continue  # cheap guard: every match of the pattern holds one of its stems
        for m in pattern.finditer(clause):
            place = _tied_place(clause, role, m, spans) if spans else None
            if place is None and role not in ("participial", "hold") and (
                    _anaphor_after().match(clause[m.end() :]) if role != "fell" else _anaphor_before().search(clause, 0, m.start())):
                place = ANAPHOR
            if place is None or _not_a_verb(clause, role, m):
                continue
            if place == ANAPHOR and role == "nominal" and not re.search(r"\bpar\b", clause[m.end() : m.end() + 80], _I) and not re.search(
                    r"\b(?:revendiqu|annon[cç]|proclam|affirm|confirm)\w*\s+(?:\w+\s+){0,2}$", clause[max(0, m.start() - 40) : m.start()], _I):
                continue  # "la reconquête de la ville constitue ...": a restatement, no new fact
            if role == "nominal" and (_nominal_not_capture(clause, m) or _CONDITIONAL.search(clause, m.end())):
                continue
            found.append(ControlHit(m.start(), m.end(), role, m.group(), place))
            break
    found.sort(key=lambda h: h.start)
    out: list[ControlHit] = []
    for h in found:  # overlapping triggers ("s'est emparé" read by two tables): the first wins
        if not out or h.start >= out[-1].end:
            out.append(h)
    return out


#: A hypothetical capture: "la prise de X constituerait ...", "la chute de X signerait ...".
_CONDITIONAL = re.compile(r"\b(?!(?:aurait|auraient|serait|seraient)\b)\w{3,}(?:erait|eraient|irait|iraient)\b", _I)


_DETERMINER_BEFORE = re.compile(r"\b(?:le|du|au|son|leur|un|de|sous|en|des|les|ce|ses|leurs|points?|postes?)\s+$", _I)
_WEAPON_BEFORE = re.compile(r"\b(?:obus|roquettes?|missiles?|bombes?|barils?|projectiles?|drones?|avions?|h[ée]licopt[èe]res?|mortiers?)\b(?:\s+[\w’'\-]+){0,8}?\s*$", _I)


def _not_a_verb(clause: str, role: str, m: re.Match[str]) -> bool:
    """"le contrôle de Damas" (a noun), "tient compte", "un obus est tombé": no capture."""
    before = clause[max(0, m.start() - 60) : m.start()]
    if role == "hold":
        return bool(_DETERMINER_BEFORE.search(before) or re.match(r"\s+(?:[àa]\b|compte|lieu|t[êe]te|parole|bon)", clause[m.end() :], _I))
    if role == "fell":
        return bool(_WEAPON_BEFORE.search(before) or re.match(r"(?:\s+[\w’']+){0,2}?\s+(?:sur|dans|sous|au\s+combat|[àa]\s+(?:court|terre))\b", clause[m.end() :], _I))
    return False


def _nominal_not_capture(clause: str, m: re.Match[str]) -> bool:
    """"la reprise des combats", "la prise d'otages", "la chute de Bachar al-Assad": no place taken."""
    if re.search(r"(?:^|\s)(?:à|a|vers|devant|jusqu['’]à)\s+l['’]\s*$", clause[max(0, m.start() - 8) : m.start() + 2]) and "entr" in m.group().lower():
        return True  # "à l'entrée de Nawa": at the gate of
    after = clause[m.end() : m.end() + 25].lower()
    return bool(re.match(r"\s*(?:des\s+(?:combats|bombardements|frappes|hostilit|n[ée]gociations|pourparlers)|d['’]otages|du\s+r[ée]gime|de\s+(?:position|parole|conscience))", after))


def _tied_place(clause: str, role: str, m: re.Match[str], spans: list[tuple[int, int, Any]]) -> Any:
    after = [(s, e, x) for s, e, x in spans if s >= m.end() and s - m.end() <= 90 and _GAP_AFTER.match(_strip_agent(clause[m.end() : s]))]
    before = [(s, e, x) for s, e, x in spans if e <= m.start() and m.start() - e <= 60 and not re.search(r"[.;:]", clause[e : m.start()])]
    if role in ("hands", "participial", "fell"):
        if before and re.fullmatch(r"[\s,]*(?:(?:qui|a|est|était|avait|été|sont|ont|ainsi|aussi|déjà|\w+di|dimanche|le|la|l['’]|en|\d+|\w+)[\s,]*){0,6}", clause[before[-1][1] : m.start()], _I):
            return before[-1][2]
        return after[0][2] if after and role == "hands" and re.match(r"\s*(?:de|d['’]|du)", clause[m.end():after[0][0]]) else None
    if role == "fromto":
        return before[-1][2] if before else None
    if role == "nominal":
        return after[0][2] if after and re.search(r"(?:de|d['’]|du|des|dans)\s*$", clause[m.end() : after[0][0]], _I) else None
    if after:
        return after[0][2]
    if role == "gain" and before and re.search(r"(?:encercl|assi[èée]g|resserr|contr[ôo]l)", m.group(), _I):
        return None
    return None


def tied_after(clause: str, end: int, mentions: list[Any], clause_start: int) -> Any:
    """The first mention a trigger ending at ``end`` governs ("ont reconquis X", "s'est emparé de la ville de X")."""
    for m in mentions:
        s = m.start - clause_start
        if s >= end and s - end <= 90 and _GAP_AFTER.match(_strip_agent(clause[end:s])):
            return m
        if s >= end:
            return None
    return None


def _strip_agent(gap: str) -> str:
    """Drop "par les rebelles", "dimanche par les troupes gouvernementales" from a gap before the place."""
    return re.sub(r"\bpar\s+(?:[\w’'\-]+\s+){1,6}?(?=de\s|d['’]|du\s)", " ", gap, flags=_I)


def control_sides(clause: str, hit: ControlHit, actors: list[tuple[int, int, str]], is_agent: Any) -> tuple[str | None, str | None]:
    """(new controller, previous controller) read from the hit's role and the clause's actors.

    ``is_agent(clause, start)`` says whether an actor at ``start`` can act (not a source such as
    "selon l'armée", not a backer such as "appuyés par l'aviation russe").
    """
    a, b = hit.start, hit.end
    cands = [x for x in actors if is_agent(clause, x[0]) and x[2] not in _AIR_ONLY]
    # the subject of an active verb: not the agent of a participle in an apposition ("considérée par Ankara")
    subj = [x for x in cands if x[1] <= a and not re.search(r"\bpar\s+(?:l['’]|la\s+|les\s+|le\s+|des\s+)?$", clause[max(0, x[0] - 12) : x[0]], _I)]
    par_re = re.compile(r"\bpar\s+(?:l['’]|la\s+|les\s+|le\s+|des\s+|un\s+|une\s+|trois\s+|deux\s+|plusieurs\s+)?(?:[\w\-]+\s+){0,2}$", _I)
    loser_re = re.compile(r"(?:\b(?:aux|au|à|a)\s+(?:l['’]|la\s+|les\s+|le\s+)?|\bhors\s+|\b(?:chass|expuls|d[ée]log|repouss)\w*\s+(?:l['’]|la\s+|les\s+|le\s+|des\s+)?)(?:[\w\-]+\s+){0,2}$", _I)
    subj = _subject_head(clause, subj)
    after = [x for x in cands if x[0] >= b]
    agent = next((x for x in after if par_re.search(clause[max(b, x[0] - 40) : x[0]])), None)
    loser = next((x for x in after if loser_re.search(clause[max(b - 12, x[0] - 30) : x[0]])), None)
    if loser is None and re.search(r"chass|expuls|d[ée]log|repouss", hit.text, _I):
        loser = next((x for x in after if x[0] - b <= 25), None)
    new = prev = None
    if hit.role == "fromto":
        prev = after[0][2] if after else None
        new = after[1][2] if len(after) > 1 else None
    elif hit.role == "fell":
        last = next((x for x in after if re.search(r"mains\s+(?:de|d['’]|du|des)\s+(?:l['’]|la\s+|les\s+|le\s+)?(?:[\w\-]+\s+){0,2}$", clause[b : x[0]], _I)), None)
        new = last[2] if last else None
    elif hit.role == "hold":
        new = subj[-1][2] if subj else None
    elif hit.role == "hands":
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
        prev = subj[0][2] if subj else None
        other = next((x for x in after if x[2] != prev), None)
        new = other[2] if other and par_re.search(clause[max(b, other[0] - 40) : other[0]]) else None
    else:
        new = subj[-1][2] if subj else None
        prev = loser[2] if loser and (new is None or loser[2] != new) else None
        if prev is None:
            gone = next((x for x in after if _WITHDRAWAL_OF.search(clause[max(b, x[0] - 45) : x[0]])), None)
            prev = gone[2] if gone and gone[2] != new else None
    if new == prev:
        prev = None
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
    if w["reversed"].search(after_trigger) or re.search(r"\b(?:bri[èe]vement|temporairement|momentan[ée]ment)\b", clause, _I):
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

    ``holder`` ends with ``"|partial"`` when only part of the place is held ("les quartiers rebelles d'Alep").

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
            part = bool(re.match(r"(?:quartiers|secteurs|partie|poches?|zones|enclaves?)\b", adj.group(), _I))
            out.append((m, fr.STATE_ADJECTIVE[key] + ("|partial" if part else ""), s, e))
            continue
        for x in actors if not m.metonymic else ():
            if x[0] <= e or x[0] - e > 70:
                continue
            gap = sentence[e : x[0]]
            if re.search(r"[.;]", gap):
                break
            if w["state_agent"].search(gap) and not re.search(r"tomb|pass[ée]", gap, _I):
                out.append((m, x[2], s, x[1]))
            break
    return out
