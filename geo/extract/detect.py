"""Detection of event triggers in a clause, kind by kind (strike, clash, control change, displacement,
violence against civilians), and the kinds a clause codes (:func:`clause_kinds`).
"""

from __future__ import annotations

import re

from geo.extract.actors import find_actors
from geo.extract.casualties import Casualties
from geo.extract.control_pass import ControlHit, control_place, find_controls
from geo.extract.folded import Folded
from geo.extract.prefilter import Guarded
from geo.extract.segment import Clause
from geo.extract.sides import can_act, pronoun_subject
from geo.lang.fr.cues import BARE_TROOPS
from geo.lang.fr.triggers import (
    ABDUCTION,
    ABSENT_SINCE,
    ATTACK,
    CLASH,
    CLASH_EXTRA,
    CLASH_NEG_BEFORE,
    CLASH_PRED,
    CONTROL,
    DISP_EXTRA,
    DISP_PEOPLE,
    DISPLACEMENT,
    FIRST_PERSON,
    FUTURE,
    NEG,
    NOT_A_WEAPON,
    OFFENSIVE,
    RESUMED_SUBJECT,
    STRIKE,
    STRIKE_ACTION,
    STRIKE_AGENT_BEFORE,
    STRIKE_DATED_AFTER,
    STRIKE_NEG_AFTER,
    STRIKE_NEG_BEFORE,
    STRIKE_RESUMED,
    TARGET_AFTER,
    VAC,
    VAC_AGENT,
    VERB_TRIGGER,
    WAR_LONG,
)
from geo.model import Mention

#: The table patterns this pass searches most, searched by their lower-cased twins.
_STRIKE = Folded(STRIKE)
_DISP_PEOPLE = Folded(DISP_PEOPLE)
_DISP_EXTRA = Folded(DISP_EXTRA)
_STRIKE_ACTION = Folded(STRIKE_ACTION)
_STRIKE_NEG_BEFORE = Folded(STRIKE_NEG_BEFORE)
_FIRST_PERSON = Folded(FIRST_PERSON)
_FUTURE = Folded(FUTURE)
_CLASH_PRED = Folded(CLASH_PRED)
_CLASH_NEG_BEFORE = Folded(CLASH_NEG_BEFORE)

_I = re.IGNORECASE
PROVINCE_AFTER = re.compile(r"\s*(?:la\s+)?(?:province|gouvernorat)\s+(?:de|d['’])", _I)

#: The trigger patterns behind the literals their matches must hold (derived from the tables): a clause
#: without them is not searched.
_G_STRIKE, _G_NOT_A_WEAPON, _G_VAC, _G_ABDUCTION = map(Guarded, (STRIKE, NOT_A_WEAPON, VAC, ABDUCTION))
_G_CLASH, _G_OFFENSIVE, _G_ATTACK, _G_CLASH_EXTRA = map(Guarded, (CLASH, OFFENSIVE, ATTACK, CLASH_EXTRA))
_G_CONTROL, _G_DISPLACEMENT = Guarded(CONTROL), Guarded(DISPLACEMENT)


def strike_hit(clause: str, cas: Casualties) -> tuple[int, str] | None:
    """(offset, trigger) of the first strike of a clause that is not negated nor planned and comes with
    an action (a verb, a victim count, a target "sur ..."); None when there is none."""
    if ("«" in clause or '"' in clause or "“" in clause) and _FIRST_PERSON.search(clause):
        return None
    if not _G_STRIKE.possible(clause):
        return None
    if _G_NOT_A_WEAPON.search(clause) and not re.search(
        r"\b(?:raids?|bombardements?|obus|roquettes?|missiles?|barils?"
        r"|drones?|tirs?|explosions?)\b",
        clause,
        _I,
    ):
        return None  # "La faim frappe Madaya": no weapon, no strike
    if cas.killed is None and WAR_LONG.search(clause) and not ABSENT_SINCE.search(clause):
        return None  # "Israël a multiplié les frappes en Syrie depuis 2011": a trend of the war, not an event
    for m in _STRIKE.finditer(clause):
        before = clause[max(0, m.start() - 60) : m.start()]
        after = clause[m.end() :]
        if _STRIKE_NEG_BEFORE.search(before) or STRIKE_NEG_AFTER.match(after):
            continue
        window = clause[max(0, m.start() - 80) : m.end() + 120]
        if (
            _STRIKE_ACTION.search(window)
            or cas.killed is not None
            or TARGET_AFTER.match(after)
            or VERB_TRIGGER.search(m.group())
            or STRIKE_RESUMED.match(after)
            or STRIKE_AGENT_BEFORE.search(before)
            or STRIKE_DATED_AFTER.match(after)
        ):
            return m.start(), m.group()
    return None


def vac_hit(clause: str, cas: Casualties) -> tuple[int, str] | None:
    """Violence against civilians: executions, massacres, kidnappings, civilians killed on the ground
    by armed men ("tués par les forces de sécurité"), never a strike named in the same clause."""
    for rx, guarded in ((VAC, _G_VAC), (ABDUCTION, _G_ABDUCTION)):
        m = guarded.search(clause)
        if (
            m
            and not NEG.search(clause[max(0, m.start() - 20) : m.start()])
            and not _FUTURE.search(clause[max(0, m.start() - 40) : m.start()])
        ):
            if rx is VAC and not (
                cas.killed
                or re.search(
                    r"\b(?:ont|a|avaient|avait|[ée]t[ée]|sont)\b", clause[max(0, m.start() - 30) : m.end()], _I
                )
            ):
                continue
            return m.start(), m.group()
    m = VAC_AGENT.search(clause)
    if m and cas.killed and cas.civilian:
        return m.start(), m.group()
    return None


def clash_hit(clause: str) -> int | None:
    """Where a clash is named in a clause ("de violents combats", "ont lancé une offensive", "ont
    repoussé une attaque"), None when none is."""
    for c in _G_CLASH.finditer(clause):
        if _CLASH_NEG_BEFORE.search(clause[max(0, c.start() - 40) : c.start()]):
            continue
        if _CLASH_PRED.search(clause[max(0, c.start() - 40) : c.end() + 60]):
            return c.start()
    m = _G_OFFENSIVE.search(clause)
    if m and not NEG.search(clause[max(0, m.start() - 20) : m.start()]):
        return m.start()
    m = _G_ATTACK.search(clause)
    if (
        m
        and not NEG.search(clause[max(0, m.start() - 20) : m.start()])
        and not _FUTURE.search(clause[max(0, m.start() - 40) : m.start()])
    ):
        return m.start()
    m = _G_CLASH_EXTRA.search(clause)
    if (
        m
        and not NEG.search(clause[max(0, m.start() - 20) : m.start()])
        and not _FUTURE.search(clause[max(0, m.start() - 40) : m.start()])
        and not _CLASH_NEG_BEFORE.search(clause[max(0, m.start() - 40) : m.start()])
    ):
        return m.start()
    return None


def control_hit(clause: str) -> re.Match[str] | None:
    """The first control-change verb of a clause ("ont repris", "sont entrés dans") that is not negated,
    planned, "à plusieurs reprises", a resumption ("les frappes ont repris") or a move "vers"."""
    for m in _G_CONTROL.finditer(clause):
        before = clause[max(0, m.start() - 25) : m.start()]
        if NEG.search(before) or (
            re.match(r"\S*\s+pas\b", clause[m.start() :]) and re.search(r"\bn['’]", before + m.group())
        ):
            continue
        if re.search(r"\bn['’](?:a|ont|avait|avaient)\b", m.group()[:12]):
            continue
        if _FUTURE.search(clause[max(0, m.start() - 40) : m.start()]):
            continue
        if re.search(r"(?:plusieurs|maintes|diverses|nombreuses|deux|trois|quatre)\s+reprises$", m.group(), _I):
            continue  # "a promis à plusieurs reprises": not a recapture
        if re.search(r"repris$", m.group(), _I) and RESUMED_SUBJECT.search(clause[max(0, m.start() - 40) : m.start()]):
            continue  # "les bombardements ont repris": the strikes resumed, nobody took a place
        if re.search(r"\b(?:entr|p[ée]n[èée]tr)", m.group(), _I) and PROVINCE_AFTER.match(clause, m.end()):
            continue  # "sont entrées dans la province de X": moving into a province, no place taken
        if re.search(r"(?:avanc|progress)[ée]s?$", m.group(), _I) and re.match(
            r"\s+(?:\w+\s+){0,2}?vers\b", clause[m.end() :]
        ):
            continue  # "a progressé vers les quartiers voisins": towards, not into
        if re.search(r"avanc[ée]s?$", m.group(), _I) and re.match(
            r"\s+(?:un|une|le|la|les|des|ce|cet"
            r"|cette)\s+(?:\w+\s+)?(?:chiffres?|bilans?|nombres?"
            r"|arguments?|hypoth[èe]ses?|dates?|estimations?"
            r"|explications?)\b",
            clause[m.end() :],
            _I,
        ):
            continue  # "ont avancé un chiffre": put forward, not advanced
        return m
    return None


def displacement_hit(clause: str, cas: Casualties) -> int | None:
    """Offset of a displacement in a clause ("ont fui", "l'exode de"), None when there is none."""
    for m in _G_DISPLACEMENT.finditer(clause):
        g = m.group().lower()
        if "vacu" in g and cas.displaced is None:
            continue
        if re.search(
            r"\b(?:appel\w*|craign\w*|pour)\s+(?:\w+\s+){0,3}$", clause[max(0, m.start() - 40) : m.start()], _I
        ):
            continue
        if (
            g.startswith("d")
            and cas.displaced is None
            and not re.search(r"\b(?:ont|a|été)\b", clause[max(0, m.start() - 20) : m.start()])
        ):
            continue
        return m.start()
    if _DISP_PEOPLE.search(clause):
        for m in _DISP_EXTRA.finditer(clause):
            before = clause[max(0, m.start() - 40) : m.start()]
            if (
                NEG.search(before[-20:])
                or _FUTURE.search(before)
                or re.search(
                    r"\b(?:appel\w*|craign\w*|pour|afin\s+de"
                    r"|permettre)\s+(?:\w+\s+){0,3}$",
                    before,
                    _I,
                )
            ):
                continue
            if re.search(r"\bqui\s+(?:\w+\s+){0,2}$", before, _I):
                continue  # "des civils qui avaient trouvé refuge dans une école": who the victims were, not an event
            return m.start()
    return None


def control_hits_fr(clause: str, c: Clause) -> list[ControlHit]:
    """Every control change of a clause from the French tables, each tied to its place."""
    usable = [m for m in c.mentions if control_place(m)]
    return [h for h in find_controls(clause, usable, c.start) if _keep_control_hit(clause, h)]


def _keep_control_hit(clause: str, hit: ControlHit) -> bool:
    """A table hit stands unless holding has no armed subject, people (not a side) leave, or it is
    negated or planned."""
    return _control_hit_check(clause, hit) is not None


def _control_hit_check(clause: str, hit: ControlHit) -> ControlHit | None:
    if hit.role == "hold" and not any(
        can_act(clause, x[0]) and x[1] <= hit.start for x in find_actors(clause[: hit.start])
    ) and not pronoun_subject(clause, hit.start) and not BARE_TROOPS.search(clause[: hit.start]):
        return None  # "la ville contrôle": holding is a change only with an armed subject (or "elles", that side)
    if (
        isinstance(hit.place, Mention)
        and hit.place.kind == "governorate"
        and re.search(r"\b(?:entr|p[ée]n[èée]tr)", hit.text, _I)
    ):
        return None  # "sont entrées dans la province de X": troops moving into a province take no place
    if hit.role == "loss" and _DISP_PEOPLE.search(clause[: hit.start]) and not find_actors(clause[: hit.start]):
        return None  # "des civils avaient quitté X": people leaving (displacement), not a side losing a place
    before = clause[max(0, hit.start - 25) : hit.start]
    if NEG.search(before) or (
        re.match(r"\S*\s+pas\b", clause[hit.start :]) and re.search(r"\bn['’]", before + hit.text)
    ):
        return None
    if _FUTURE.search(clause[max(0, hit.start - 40) : hit.start]) or re.search(
        r"\b(?:pour|afin\s+de|de)\s*$", before, _I
    ):
        return None
    return hit



