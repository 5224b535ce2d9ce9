"""The events a clause codes (:func:`clause_kinds`): which kinds, from which trigger, and the weapon of
a strike (:func:`strike_subtype`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.extract.casualties import Casualties
from geo.extract.control_pass import ANAPHOR, ControlHit
from geo.extract.detect import clash_hit, control_hit, control_hits_fr, displacement_hit, strike_hit, vac_hit
from geo.extract.segment import Clause
from geo.lang.fr.triggers import (
    AGGREGATE_TOLL,
    EARLIER_TOLL_ANY,
    FIGHT_BACKGROUND,
    GROUND_ATTACK,
    IED,
    INJURED_SENTENCE,
    OWN_LOSSES,
    TOLL_REPORT,
    TOLL_SENTENCE,
    WAR_WIDE,
)
from geo.model import Mention
from geo.vocab import Actor, EventKind

__all__ = ["KindHit", "clause_kinds", "strike_subtype"]

_I = re.IGNORECASE
_BILAN = re.compile(r"\bbilan\b", _I)
_OFFENSIVE_WORD = re.compile(r"\boffensive\b", _I)
#: A toll that points back at the strike told before: "quatre combattants y ont également été tués".
_SAME_STRIKE = re.compile(r"\by\s+(?:ont|a|avaient|avait|sont|est)\b|\b(?:[ée]galement|aussi)\b", _I)
_CIVILIANS_NEXT = re.compile(r"\s*(?:de\s+|d['’])?(?:personnes\s+)?civil(?:e|s|es)?\b", _I)


_GROUND_SIDES = frozenset({Actor.REBELS, Actor.HTS, Actor.IS, Actor.SDF})
#: A weapon named in the clause (first) or the trigger: the strike's subtype.
_WEAPONS = (("baril", "barrel_bomb"), ("drone", "drone"), ("missile", "missile"), ("roquette", "rocket"))
_AIR = re.compile(r"avions?|aviation|a[ée]rien|raid|russe|h[ée]licopt", re.IGNORECASE)


def strike_subtype(trigger: str, clause: str, actor: str | None) -> str:
    """The weapon of a strike: barrel bomb, drone, missile, rocket, explosion, shelling or air."""
    low = clause.lower()
    for key, sub in _WEAPONS:
        if key in low:
            return sub
    if IED.search(trigger):
        return "explosion"
    t = trigger.lower()
    for key, sub in _WEAPONS:
        if key in t:
            return sub
    if any(key in t for key in ("obus", "artillerie", "pilonn", "mortier", "tir")):
        return "shelling"
    if "bombard" in t and (actor in _GROUND_SIDES or not _AIR.search(clause)):
        return "shelling"  # rebels have no aircraft: their "bombardements" are shelling
    return "air"


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
    more = [
        h
        for h in fr_hits
        if h.start >= first_end
        and (
            (
                isinstance(h.place, Mention)
                and (not isinstance(first_place, Mention) or h.place.name != first_place.name)
            )
            or (h.place == ANAPHOR and h.role == "nominal" and first_place != ANAPHOR)
        )
    ][:1]  # "sont entrés dans X, après la reconquête de cette ville par Y": an earlier change of the same place
    return [ctrl, *more]


#: Kinds after which a toll with no trigger of its own belongs to the fighting or the killings told
#: before ("Plus de 300 civils ont également péri" after a battle), not to a strike.
_GROUND_KINDS = frozenset({EventKind.CLASH, EventKind.VIOLENCE_AGAINST_CIVILIANS})


def _toll_kinds(
    ctext: str, cas: Casualties, clash_at: int | None, ctrl: bool, strike_before: bool, *, last: EventKind | None
) -> list[KindHit]:
    """A strike coded from a toll alone (no trigger): civilians killed, another report of the strike
    told before, a bare toll sentence, civilians killed in an offensive. ``last`` is the kind of the
    event told last before the sentence: after fighting or killings on the ground, a toll is theirs."""
    if not cas.killed:
        injured = last == EventKind.STRIKE and clash_at is None and not ctrl
        return [KindHit(EventKind.STRIKE, None)] if injured and INJURED_SENTENCE.match(ctext) else []
    bilan = _BILAN.search(ctext)
    if (
        cas.civilian
        and clash_at is None
        and not bilan
        and not WAR_WIDE.search(ctext)
        and not OWN_LOSSES.search(ctext)
        and not (GROUND_ATTACK.search(ctext) and not _civilians_first(ctext))
        and last not in _GROUND_KINDS
    ):
        return [KindHit(EventKind.STRIKE, None)]
    if (
        clash_at is None
        and not ctrl
        and TOLL_REPORT.search(ctext)
        and not WAR_WIDE.search(ctext)
        and not _earlier_toll_first(ctext)
        and not (cas.killed_sides and not cas.civilian)  # "37 assaillants et 34 loyalistes": both sides' fighters
        and not GROUND_ATTACK.search(ctext)
        and strike_before
        and last not in _GROUND_KINDS
    ):
        return [
            KindHit(EventKind.STRIKE, None)
        ]  # another toll of the strike told before ("une ONG avance un bilan de 42 morts")
    if clash_at is None and not ctrl and TOLL_SENTENCE.match(ctext):
        return [
            KindHit(EventKind.STRIKE, None, toll_only=True)
        ]  # "Le bilan s'élève à sept morts": joins the strike before
    if cas.civilian and clash_at is not None and _OFFENSIVE_WORD.search(ctext) and _civilians_first(ctext):
        return [KindHit(EventKind.STRIKE, None)]
    return []


def _earlier_toll_first(ctext: str) -> bool:
    """The clause's toll is an earlier, superseded one ("Un précédent bilan faisait état de huit morts"); a
    new toll compared with the earlier one after it ("14 morts, contre cinq dans un premier bilan") is not."""
    from geo.extract.numbers import find_counts

    m = EARLIER_TOLL_ANY.search(ctext)
    if m is None:
        return False
    counts = find_counts(ctext, skip_dates=True)
    return not counts or m.start() < counts[0][0]


def _civilians_first(ctext: str) -> bool:
    """The toll counts civilians first ("ont tué 300 civils et des dizaines de combattants"), not as a part
    of a larger total ("ont fait 704 morts, dont 110 civils"): a strike's toll, not a campaign's."""
    from geo.extract.numbers import find_counts

    counts = find_counts(ctext, skip_dates=True)
    return bool(counts) and bool(_CIVILIANS_NEXT.match(ctext[counts[0][1] :]))


def clause_kinds(
    ctext: str, clause: Clause, cas: Casualties, strike_before: bool, last: EventKind | None = None
) -> list[KindHit]:
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
    last : EventKind, optional
        The kind of the event told last in the sentences before (a toll with no trigger joins it).

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
    if hit and AGGREGATE_TOLL.search(ctext) and cas.killed and not _civilians_first(ctext):
        hit = None  # "les combats et les bombardements ont tué 311 jihadistes": a campaign's toll, not one strike
    vac = vac_hit(ctext, cas) if not hit else None
    if vac is not None:
        kinds = [KindHit(EventKind.VIOLENCE_AGAINST_CIVILIANS, vac[0], vac[1])]
    elif hit:
        kinds = [KindHit(EventKind.STRIKE, hit[0], hit[1])]
    else:
        kinds = _toll_kinds(ctext, cas, clash_at, bool(ctrls), strike_before, last=last)
    if clash_at is not None:
        kinds.append(KindHit(EventKind.CLASH, clash_at))
    elif not kinds and not ctrls and cas.killed and not cas.civilian and not _BILAN.search(ctext):
        # "120 combattants des FDS et 90 rebelles ont été tués"; right after a strike, "quatre combattants y
        # ont également été tués" are its victims
        after_strike = (
            last == EventKind.STRIKE
            and cas.killed_sides is None
            and bool(_SAME_STRIKE.search(ctext))
            and not WAR_WIDE.search(ctext)
        )
        kinds.append(KindHit(EventKind.STRIKE if after_strike else EventKind.CLASH, None))
    for c in ctrls:
        at, text = (c.start, c.text) if isinstance(c, ControlHit) else (c.start(), c.group())
        kinds.append(KindHit(EventKind.CONTROL_CHANGE, at, text, c))
    if disp_at is not None or (cas.displaced and not hit and not ctrls):
        kinds.append(KindHit(EventKind.DISPLACEMENT, disp_at))
    return kinds
