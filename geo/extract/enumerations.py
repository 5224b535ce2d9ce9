"""One event per listed place ("ont repris A, B et C"), with tolls given place by place."""

from __future__ import annotations

import re

from geo.extract.place import SPECIFICITY, fill_place
from geo.extract.segment import Draft
from geo.lang.fr.cues import LIST_GAP
from geo.model import Mention
from geo.vocab import EventKind

_I = re.IGNORECASE


_ENUM_KINDS = (EventKind.STRIKE, EventKind.CONTROL_CHANGE)


def _siblings(m: Mention, mentions: list[Mention], text: str) -> list[Mention]:
    """The places listed with ``m`` in its clause ("sur A, B et C"), ``m`` included, in text order."""
    usable = [x for x in mentions if x.name and not x.foreign and not x.metonymic and x.kind != "country"]
    if m not in usable:
        return [m]
    i = usable.index(m)
    spec = SPECIFICITY.get(m.kind or "other", 4)

    def same_level(x: Mention) -> bool:
        sx = SPECIFICITY.get(x.kind or "other", 4)
        return (sx == 1) == (spec == 1) and x.name != m.name

    lo = i
    while lo > 0 and LIST_GAP.match(text[usable[lo - 1].end : usable[lo].start]) and same_level(usable[lo - 1]):
        lo -= 1
    hi = i
    while (
        hi + 1 < len(usable)
        and LIST_GAP.match(text[usable[hi].end : usable[hi + 1].start])
        and same_level(usable[hi + 1])
    ):
        hi += 1
    out = usable[lo : hi + 1]
    names = [x.name for x in out]
    return out if len(set(names)) == len(names) else [m]


def _per_place_toll(places: list[Mention], text: str) -> list[int | None] | None:
    """Counts given place by place ("sept à A et trois à B"), or None when the toll is shared."""
    from geo.extract.numbers import find_counts

    out: list[int | None] = []
    for x in places:
        window = text[max(0, x.start - 40) : x.start]
        found = [
            c
            for s, e, c in find_counts(window)
            if re.fullmatch(
                r"\s*(?:[\w’'\-]+\s+)?(?:à|a|dans"
                r"|sur)\s+(?:la\s+localit[ée]\s+d[e’']\s*)?",
                window[e:],
                _I,
            )
        ]
        if not found:
            return None
        out.append(found[-1].value)
    return out


def expand_enumerations(drafts: list[Draft], text: str) -> list[Draft]:
    """One event per listed place for strikes and control changes ("ont repris A, B et C").

    A toll shared by the list stays on none of the places (the lead total carries it), unless the
    text gives it place by place ("sept à A et trois à B").
    """
    from dataclasses import replace

    out: list[Draft] = []
    for d in drafts:
        out.append(d)
        if d.event.kind not in _ENUM_KINDS or d.mention is None or d.place_from != "clause":
            continue
        places = _siblings(d.mention, d.clause.mentions, text)
        if len(places) < 2:
            continue
        tolls = _per_place_toll(places, text) if d.event.killed is not None else None
        first = True
        for i, x in enumerate(places):
            ev = d.event if x is d.mention else replace(d.event)
            fill_place(ev, x, False, text)
            if d.event.killed is not None or ev.killed is not None:
                ev.killed = tolls[i] if tolls else None
                if tolls is None:
                    ev.killed_min = ev.killed_approx = False
                    ev.children_killed = None
            if x is not d.mention:
                out.append(replace(d, event=ev, mention=x))
            first = False
        del first
    return out
