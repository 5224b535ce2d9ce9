"""Casualties of a clause: killed, children killed, injured, displaced, read from the counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.extract.folded import Folded
from geo.extract.numbers import Count, find_counts, find_people
from geo.extract.segment import may_hold
from geo.lang.fr.cues import (
    CHILD,
    CIVIL,
    EARLIER_TOLL,
    INJURED_AFTER,
    KILL_VERB,
    ONE,
    PART_GAP,
    TOLD_BEFORE,
    VICTIM,
    WAR_TOLL,
)
from geo.model import Event

__all__ = [
    "Casualties",
    "PeopleCount",
    "Tally",
    "apply_casualties",
    "is_war_toll",
    "read_casualties",
    "sentence_counts",
]

#: The table patterns this pass searches most, searched by their lower-cased twins.
_KILL_VERB = Folded(KILL_VERB)

_I = re.IGNORECASE

#: A count found in a text: (start, end, count), offsets into that text.
Tally = tuple[int, int, Count]


@dataclass(frozen=True, slots=True)
class PeopleCount(Count):
    """A count of people read from noun phrases ("un père et ses trois enfants"): they are the victims."""


@dataclass(slots=True)
class Casualties:
    """What a clause says of its victims; ``None`` where it says nothing."""

    killed: int | None = None
    killed_min: bool = False
    killed_approx: bool = False
    #: The toll summed over the parts of "dix combattants de l'EI et six civils" (16).
    killed_sides: int | None = None
    children_killed: int | None = None
    civilian: bool = False
    injured: int | None = None
    displaced: int | None = None
    displaced_min: bool = False


def sentence_counts(text: str) -> list[Tally]:
    """Counts of a sentence, plus "un civil" / "une autre femme" read as one.

    Parameters
    ----------
    text : str
        A sentence.

    Returns
    -------
    list of (start, end, Count)
        In text order; a list of people ("une femme et ses deux filles") is one :class:`PeopleCount`.
    """
    found = find_counts(text, skip_dates=True)
    people: list[Tally] = (
        [(s, e, PeopleCount(c.value)) for s, e, c in find_people(text)] if may_hold(text, (" et ",)) else []
    )
    if people:  # "une femme et ses deux filles": one count of 3 replaces the counts inside
        found = [t for t in found if not any(ps <= t[0] < pe for ps, pe, _p in people)] + people
    ones = [
        (m.start(), m.end() - 1, Count(1, False, False))
        for m in ONE.finditer(text)
        if not any(s <= m.start() < e for s, e, _c in found)
    ]
    return sorted(found + ones, key=lambda t: t[0]) if ones or people else found


_INJURED_BEFORE = re.compile(r"\b(?:bless[ée]|blessant)\s+(?:au\s+moins\s+|plus\s+de\s+)?$", _I)
_DISPLACED_AFTER = re.compile(
    r"^\s*d[ée]plac[ée]|^\s*(?:personnes|habitants|civils)\s+(?:ont\s+(?:\w+\s+)?(?:fui|[ée]t[ée]\s+d[ée]plac|quitt)"
    r"|(?:\w+\s+){0,3}d[ée]plac[ée]es?)",
    _I,
)
_DISPLACED_BEFORE = re.compile(r"(?:fuite|exode|d[ée]placement)\s+(?:de\s+|d['’])\s*$", _I)
_DEAD_AFTER = re.compile(r"^\s*morts?\b", _I)
_KILLED_BEFORE = re.compile(
    r"(?:tu[ée]|tuant|ex[ée]cut[ée]|co[ûu]t[ée]\s+la\s+vie\s+[àa]|mort\s+de|fait)(?:\s+(?:lundi|mardi|mercredi|jeudi"
    r"|vendredi|"
    r"samedi|dimanche|hier|aujourd['’]hui|ce\s+\w+|cette\s+\w+|dans\s+la\s+\w+|au\s+moins|encore)"
    r"(?:\s+(?:matin|soir|après-midi|apr[èe]s-midi))?)?\s+$",
    _I,
)
_SUBSET = re.compile(r"\bdont\s*$", _I)


_OTHERS = re.compile(r"^\s*autres?\b", _I)


def _told_before(before: str, after: str) -> bool:
    """The count names people already counted ("l'un des sept morts"), not others ("les quatre autres victimes")."""
    return bool(TOLD_BEFORE.search(before)) and not _OTHERS.match(after)


def _is_killed(text: str, before: str, after: str, e: int, has_kill_verb: bool) -> bool:
    """The count just read is of people killed: "12 morts", "ont tué 12", "12 civils ont été tués"."""
    return bool(_DEAD_AFTER.match(after)) or (
        has_kill_verb and bool(_KILLED_BEFORE.search(before) or _KILL_VERB.search(text[e : e + 80]))
    )


def read_casualties(text: str, counts: list[Tally] | None = None) -> Casualties:
    """Read killed / children / injured / displaced counts of a clause.

    Parameters
    ----------
    text : str
        The clause.
    counts : list of (start, end, Count), optional
        Its counts (clause offsets), when the sentence's are already read.

    Returns
    -------
    Casualties
        The first killed count (and the sides summed after it), the children among the killed
        ("dont trois enfants"), the injured and the displaced.
    """
    out = Casualties()
    has_kill_verb = bool(_KILL_VERB.search(text))
    subset = False
    last_end: int | None = None  # end of the killed count, while "X soldats et Y jihadistes" goes on
    for s, e, c in sentence_counts(text) if counts is None else counts:
        before = text[max(0, s - 40) : s]
        after = text[e : e + 40]
        if isinstance(c, PeopleCount):
            after = " personnes" + after  # the phrase names the victims itself
        if _SUBSET.search(before):
            subset = True
        if EARLIER_TOLL.search(before) or _told_before(before, after) or not VICTIM.match(after):
            continue
        if INJURED_AFTER.match(after) or _INJURED_BEFORE.search(before):
            if out.injured is None:
                out.injured = c.value
        elif _DISPLACED_AFTER.search(after) or _DISPLACED_BEFORE.search(before):
            if out.displaced is None:
                out.displaced, out.displaced_min = c.value, c.minimum
        elif subset:
            if out.killed is not None and CHILD.match(after) and out.children_killed is None:
                out.children_killed = c.value
                out.civilian = True
        elif out.killed is not None:
            if last_end is not None and PART_GAP.fullmatch(text[last_end:s]) and not c.approx:
                out.killed_sides = (out.killed if out.killed_sides is None else out.killed_sides) + c.value
                last_end = e
            else:
                last_end = None
        elif _is_killed(text, before, after, e, has_kill_verb):
            out.killed, out.killed_min, out.killed_approx = c.value, c.minimum, c.approx
            last_end = e
            out.civilian = bool(CIVIL.match(after)) or bool(_DEAD_AFTER.match(after))
            if CHILD.match(after):
                out.children_killed = c.value
    return out


def apply_casualties(ev: Event, cas: Casualties) -> None:
    """Copy the killed, children killed and injured of a clause to its event."""
    ev.killed = cas.killed
    ev.killed_min = cas.killed_min
    ev.killed_approx = cas.killed_approx
    ev.children_killed = cas.children_killed
    ev.injured = cas.injured


def is_war_toll(sent: str) -> bool:
    """A toll of the whole war ("la guerre a fait plus de 380.000 morts"): no event."""
    if not WAR_TOLL.search(sent):
        return False
    return any(c.value >= 50_000 for _s, _e, c in sentence_counts(sent)) and bool(
        re.search(
            r"morts|mort\s+de|tu[ée]"
            r"|d[ée]plac",
            sent,
            _I,
        )
    )
