"""Detection of event triggers in a clause, kind by kind (strike, clash, control change, displacement,
violence against civilians), and the kinds a clause codes (:func:`clause_kinds`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.extract.actors import find_actors
from geo.extract.casualties import Casualties
from geo.extract.control_pass import ControlHit, find_controls
from geo.extract.segment import Clause, may_hold
from geo.extract.sides import can_act
from geo.lang.fr.triggers import (
    ABDUCTION,
    AGGREGATE_TOLL,
    ATTACK,
    CIVILIAN_TOLL,
    CLASH,
    CLASH_EXTRA,
    CLASH_NEG_BEFORE,
    CLASH_PRED,
    CONTROL,
    DISP_EXTRA,
    DISP_PEOPLE,
    DISPLACEMENT,
    EARLIER_TOLL_ANY,
    FIGHT_BACKGROUND,
    FIRST_PERSON,
    FUTURE,
    IED,
    NEG,
    NOT_A_WEAPON,
    OFFENSIVE,
    RESUMED_SUBJECT,
    STRIKE,
    STRIKE_ACTION,
    STRIKE_NEG_AFTER,
    STRIKE_NEG_BEFORE,
    TARGET_AFTER,
    TOLL_REPORT,
    TOLL_SENTENCE,
    VAC,
    VAC_AGENT,
    VERB_TRIGGER,
    WAR_WIDE,
)
from geo.model import Mention
from geo.vocab import Actor, EventKind

_I = re.IGNORECASE


#: Every match of the named regex holds one of these (lower-case) substrings: cheap pre-guards.
_STRIKE_STEMS = ("raid", "frapp", "bombard", "baril", "tir", "obus", "roquette", "missile", "drone", "pilonn", "avion", "bombe",
                 "chimique", "toxique", "salve", "projectile", "vis", "cibl",
                 "copt", "explos", "piég", "pieg", "antipersonnel", "attentat", "kamikaze")


_CLASH_STEMS = ("combats", "affrontements", "accrochages", "heurts", "violences", "bataille")


_OFFENSIVE_STEMS = ("offensive", "progression", "assaut", "attaqu", "ration")


_CONTROL_STEMS = ("conquis", "captur", "empar", "pris", "encercl", "avanc", "progress", "grignot", "chass", "log",
                  "investi", "tomb", "pass", "perc", "bris", "ouvert", "regagn", "ussi", "parvenu", "permis", "entr")


_DISPLACEMENT_STEMS = ("fui", "fuyant", "plac", "vacu", "jet", "exode", "quitt", "vid", "franchi", "route", "parti", "refug", "réfug",
                       "part", "afflu", "gagn", "accueilli")


def strike_hit(clause: str, cas: Casualties) -> tuple[int, str] | None:
    if ("«" in clause or '"' in clause or "“" in clause) and FIRST_PERSON.search(clause):
        return None
    if not may_hold(clause, _STRIKE_STEMS):
        return None
    if NOT_A_WEAPON.search(clause) and not re.search(r"\b(?:raids?|bombardements?|obus|roquettes?|missiles?|barils?|drones?|tirs?|explosions?)\b", clause, _I):
        return None  # "La faim frappe Madaya": no weapon, no strike
    for m in STRIKE.finditer(clause):
        before = clause[max(0, m.start() - 60) : m.start()]
        after = clause[m.end() :]
        if STRIKE_NEG_BEFORE.search(before) or STRIKE_NEG_AFTER.match(after):
            continue
        window = clause[max(0, m.start() - 80) : m.end() + 120]
        if STRIKE_ACTION.search(window) or cas.killed is not None or TARGET_AFTER.match(after) or VERB_TRIGGER.search(m.group()):
            return m.start(), m.group()
    return None


def vac_hit(clause: str, cas: Casualties) -> tuple[int, str] | None:
    """Violence against civilians: executions, massacres, kidnappings, civilians killed on the ground
    by armed men ("tués par les forces de sécurité"), never a strike named in the same clause."""
    for rx in (VAC, ABDUCTION):
        m = rx.search(clause)
        if m and not NEG.search(clause[max(0, m.start() - 20) : m.start()]) and not FUTURE.search(clause[max(0, m.start() - 40) : m.start()]):
            if rx is VAC and not (cas.killed or re.search(r"\b(?:ont|a|avaient|avait|[ée]t[ée]|sont)\b", clause[max(0, m.start() - 30) : m.end()], _I)):
                continue
            return m.start(), m.group()
    m = VAC_AGENT.search(clause)
    if m and cas.killed and cas.civilian:
        return m.start(), m.group()
    return None


def clash_hit(clause: str) -> int | None:
    for m in CLASH.finditer(clause) if may_hold(clause, _CLASH_STEMS) else ():
        if CLASH_NEG_BEFORE.search(clause[max(0, m.start() - 40) : m.start()]):
            continue
        if CLASH_PRED.search(clause[max(0, m.start() - 40) : m.end() + 60]):
            return m.start()
    m = OFFENSIVE.search(clause) if may_hold(clause, _OFFENSIVE_STEMS) else None
    if m and not NEG.search(clause[max(0, m.start() - 20) : m.start()]):
        return m.start()
    m = ATTACK.search(clause) if may_hold(clause, _ATTACK_STEMS) else None
    if m and not NEG.search(clause[max(0, m.start() - 20) : m.start()]) and not FUTURE.search(clause[max(0, m.start() - 40) : m.start()]):
        return m.start()
    m = CLASH_EXTRA.search(clause) if may_hold(clause, _CLASH_EXTRA_STEMS) else None
    if m and not NEG.search(clause[max(0, m.start() - 20) : m.start()]) and not FUTURE.search(clause[max(0, m.start() - 40) : m.start()]) \
            and not CLASH_NEG_BEFORE.search(clause[max(0, m.start() - 40) : m.start()]):
        return m.start()
    return None


def control_hit(clause: str) -> re.Match[str] | None:
    if not may_hold(clause, _CONTROL_STEMS):
        return None
    for m in CONTROL.finditer(clause):
        before = clause[max(0, m.start() - 25) : m.start()]
        if NEG.search(before) or (re.match(r"\S*\s+pas\b", clause[m.start() :]) and re.search(r"\bn['’]", before + m.group())):
            continue
        if re.search(r"\bn['’](?:a|ont|avait|avaient)\b", m.group()[:12]):
            continue
        if FUTURE.search(clause[max(0, m.start() - 40) : m.start()]):
            continue
        if re.search(r"(?:plusieurs|maintes|diverses|nombreuses|deux|trois|quatre)\s+reprises$", m.group(), _I):
            continue  # "a promis à plusieurs reprises": not a recapture
        if re.search(r"repris$", m.group(), _I) and RESUMED_SUBJECT.search(clause[max(0, m.start() - 40) : m.start()]):
            continue  # "les bombardements ont repris": the strikes resumed, nobody took a place
        if re.search(r"(?:avanc|progress)[ée]s?$", m.group(), _I) and re.match(r"\s+(?:\w+\s+){0,2}?vers\b", clause[m.end() :]):
            continue  # "a progressé vers les quartiers voisins": towards, not into
        if re.search(r"avanc[ée]s?$", m.group(), _I) and re.match(r"\s+(?:un|une|le|la|les|des|ce|cet|cette)\s+(?:\w+\s+)?(?:chiffres?|bilans?|nombres?|arguments?|hypoth[èe]ses?|dates?|estimations?|explications?)\b", clause[m.end() :], _I):
            continue  # "ont avancé un chiffre": put forward, not advanced
        return m
    return None


def displacement_hit(clause: str, cas: Casualties) -> int | None:
    if not may_hold(clause, _DISPLACEMENT_STEMS):
        return None
    for m in DISPLACEMENT.finditer(clause):
        g = m.group().lower()
        if "vacu" in g and cas.displaced is None:
            continue
        if re.search(r"\b(?:appel\w*|craign\w*|pour)\s+(?:\w+\s+){0,3}$", clause[max(0, m.start() - 40) : m.start()], _I):
            continue
        if g.startswith("d") and cas.displaced is None and not re.search(r"\b(?:ont|a|été)\b", clause[max(0, m.start() - 20) : m.start()]):
            continue
        return m.start()
    if DISP_PEOPLE.search(clause):
        for m in DISP_EXTRA.finditer(clause):
            before = clause[max(0, m.start() - 40) : m.start()]
            if NEG.search(before[-20:]) or FUTURE.search(before) or re.search(r"\b(?:appel\w*|craign\w*|pour|afin\s+de|permettre)\s+(?:\w+\s+){0,3}$", before, _I):
                continue
            if re.search(r"\bqui\s+(?:\w+\s+){0,2}$", before, _I):
                continue  # "des civils qui avaient trouvé refuge dans une école": who the victims were, not an event
            return m.start()
    return None


def control_hits_fr(clause: str, c: Clause) -> list[ControlHit]:
    """Every control change of a clause from the French tables, each tied to its place."""
    usable = [m for m in c.mentions if not m.foreign and not m.metonymic and m.name]
    return [h for h in find_controls(clause, usable, c.start) if _keep_control_hit(clause, h)]


def _keep_control_hit(clause: str, hit: ControlHit) -> bool:
    """A table hit stands unless holding has no armed subject, people (not a side) leave, or it is negated or planned."""
    return _control_hit_check(clause, hit) is not None


def _control_hit_check(clause: str, hit: ControlHit) -> ControlHit | None:
    if hit.role == "hold" and not any(can_act(clause, x[0]) and x[1] <= hit.start for x in find_actors(clause[: hit.start])):
        return None  # "la ville contrôle": holding is a change only with an armed subject
    if hit.role == "loss" and DISP_PEOPLE.search(clause[: hit.start]) and not find_actors(clause[: hit.start]):
        return None  # "des civils avaient quitté X": people leaving (displacement), not a side losing a place
    before = clause[max(0, hit.start - 25) : hit.start]
    if NEG.search(before) or (re.match(r"\S*\s+pas\b", clause[hit.start :]) and re.search(r"\bn['’]", before + hit.text)):
        return None
    if FUTURE.search(clause[max(0, hit.start - 40) : hit.start]) or re.search(r"\b(?:pour|afin\s+de|de)\s*$", before, _I):
        return None
    return hit


_GROUND_SIDES = frozenset({Actor.REBELS, Actor.HTS, Actor.IS, Actor.SDF})


def strike_subtype(trigger: str, clause: str, actor: str | None) -> str:
    """The weapon of a strike: barrel bomb, drone, missile, rocket, explosion, shelling or air."""
    low = clause.lower()
    for key, sub in (("baril", "barrel_bomb"), ("drone", "drone"), ("missile", "missile"), ("roquette", "rocket")):
        if key in low:
            return sub
    if IED.search(trigger):
        return "explosion"
    t = trigger.lower()
    if "baril" in t:
        return "barrel_bomb"
    if "drone" in t:
        return "drone"
    if "missile" in t:
        return "missile"
    if "roquette" in t:
        return "rocket"
    if "obus" in t or "artillerie" in t or "pilonn" in t or "mortier" in t:
        return "shelling"
    if "bombardement" in t or "bombard" in t:
        if actor in _GROUND_SIDES:
            return "shelling"
        if re.search(r"avions?|aviation|a[ée]rien|raid|russe|h[ée]licopt", clause, _I):
            return "air"
        return "shelling"
    return "air"

_ATTACK_STEMS = ("repouss", "position")

_CLASH_EXTRA_STEMS = ("affront", "battu", "batt", "sist", "front", "assaut", "combats", "offensive")


@dataclass(frozen=True, slots=True)
class KindHit:
    """One event a clause codes: its kind, where its trigger stands (None: coded from a toll), the
    trigger's text, the control-change match, and whether it is a bare toll ("Le bilan s'élève à sept
    morts") that only joins the strike before."""

    kind: EventKind
    at: int | None
    trigger: str | None = None
    match: re.Match[str] | ControlHit | None = None
    toll_only: bool = False


def _control_matches(ctext: str, clause: Clause) -> list[re.Match[str] | ControlHit]:
    """The control change of a clause (the earlier of the regex's and the tables'), then a second
    capture of another place ("après la chute de X, ils sont entrés dans Y")."""
    ctrl: re.Match[str] | ControlHit | None = control_hit(ctext)
    fr_hits = control_hits_fr(ctext, clause)
    ctrl_fr = fr_hits[0] if fr_hits else None
    if ctrl_fr is not None and (ctrl is None or (isinstance(ctrl, re.Match) and ctrl_fr.start < ctrl.start())):
        ctrl = ctrl_fr
    if ctrl is None:
        return []
    first_end = ctrl.end if isinstance(ctrl, ControlHit) else ctrl.end()
    first_place = ctrl.place if isinstance(ctrl, ControlHit) else None
    more = [h for h in fr_hits if h.start >= first_end and isinstance(h.place, Mention)
            and (not isinstance(first_place, Mention) or h.place.name != first_place.name)][:1]
    return [ctrl, *more]


def _toll_kinds(ctext: str, cas: Casualties, clash_at: int | None, ctrl: bool, strike_before: bool) -> list[KindHit]:
    """A strike coded from a toll alone (no trigger): civilians killed, another report of the strike
    told before, a bare toll sentence, civilians killed in an offensive."""
    if not cas.killed:
        return []
    bilan = re.search(r"\bbilan\b", ctext, _I)
    if cas.civilian and clash_at is None and not bilan and not WAR_WIDE.search(ctext):
        return [KindHit(EventKind.STRIKE, None)]
    if (clash_at is None and not ctrl and TOLL_REPORT.search(ctext) and not WAR_WIDE.search(ctext)
            and not EARLIER_TOLL_ANY.search(ctext) and strike_before):
        return [KindHit(EventKind.STRIKE, None)]  # another toll of the strike told before ("une ONG avance un bilan de 42 morts")
    if clash_at is None and not ctrl and TOLL_SENTENCE.match(ctext):
        return [KindHit(EventKind.STRIKE, None, toll_only=True)]  # "Le bilan s'élève à sept morts": joins the strike before
    if cas.civilian and clash_at is not None and re.search(r"\boffensive\b", ctext, _I):
        return [KindHit(EventKind.STRIKE, None)]
    return []


def clause_kinds(ctext: str, clause: Clause, cas: Casualties, strike_before: bool) -> list[KindHit]:
    """The events a clause codes, in kind order: violence against civilians or a strike, a clash,
    control changes, a displacement.

    Parameters
    ----------
    ctext : str
        The clause's text.
    clause : Clause
        The clause (its mentions tie control changes to places).
    cas : Casualties
        Its casualties (:func:`geo.extract.casualties.read_casualties`).
    strike_before : bool
        A strike was coded earlier in the document (a later toll report may restate it).

    Returns
    -------
    list of KindHit
    """
    hit = strike_hit(ctext, cas)
    clash_at = clash_hit(ctext)
    ctrls = _control_matches(ctext, clause)
    disp_at = displacement_hit(ctext, cas)
    if clash_at is not None and ctrls and FIGHT_BACKGROUND.search(ctext[max(0, clash_at - 40) : clash_at]):
        clash_at = None
    if hit and AGGREGATE_TOLL.search(ctext) and cas.killed and not CIVILIAN_TOLL.search(ctext):
        hit = None  # "les combats et les bombardements ont tué 311 jihadistes": a campaign's toll, not one strike
    vac = vac_hit(ctext, cas) if not hit else None
    if vac is not None:
        kinds = [KindHit(EventKind.VIOLENCE_AGAINST_CIVILIANS, vac[0], vac[1])]
    elif hit:
        kinds = [KindHit(EventKind.STRIKE, hit[0], hit[1])]
    else:
        kinds = _toll_kinds(ctext, cas, clash_at, bool(ctrls), strike_before)
    if clash_at is not None:
        kinds.append(KindHit(EventKind.CLASH, clash_at))
    elif not kinds and not ctrls and cas.killed and not cas.civilian and not re.search(r"\bbilan\b", ctext, _I):
        kinds.append(KindHit(EventKind.CLASH, None))  # "120 combattants des FDS et 90 rebelles ont été tués"
    for c in ctrls:
        at, text = (c.start, c.text) if isinstance(c, ControlHit) else (c.start(), c.group())
        kinds.append(KindHit(EventKind.CONTROL_CHANGE, at, text, c))
    if disp_at is not None or (cas.displaced and not hit and not ctrls):
        kinds.append(KindHit(EventKind.DISPLACEMENT, disp_at))
    return kinds
