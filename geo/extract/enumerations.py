"""One event per listed place ("ont repris A, B et C"), with tolls given place by place."""

from __future__ import annotations

import re

from geo.extract.place import SPECIFICITY, fill_foreign, fill_place
from geo.extract.segment import Draft
from geo.lang.fr.cues import (
    COORDINATED_PROVINCE_BEFORE,
    EACH_PLACE,
    ELLIPSIS_FIRST,
    ELLIPSIS_NEXT,
    ITEM_DATE_AFTER,
    LIST_GAP,
    LOCATOR_BEFORE,
    PER_DAY_TOLL,
    PLURAL_PLACES_BEFORE,
    TARGET_GAP,
)
from geo.model import Event, Mention
from geo.vocab import EventKind

_I = re.IGNORECASE


_ENUM_KINDS = (EventKind.STRIKE, EventKind.CONTROL_CHANGE)


def _listable(x: Mention) -> bool:
    """A Syrian place that can stand in a list: resolved, or an unknown name the mention pass kept."""
    return not x.foreign and not x.metonymic and x.kind != "country" and (x.name is not None or x.kind is None)


def _siblings(m: Mention, mentions: list[Mention], text: str, targets: bool = False) -> list[Mention]:
    """The places listed with ``m`` in its clause ("sur A, B et C"), ``m`` included, in text order.

    Unknown names in the list ("sur A et Tell Xyz") are kept; two names resolved to the same place
    but written differently stay two places (the resolution, not the text, is in doubt). With
    ``targets`` (a strike), the places may also stand in noun phrases of their own ("l'aéroport de A,
    les hauteurs de B et des positions aux abords de C"), and a governorate that only locates them
    ("dans la campagne de Damas") is passed over.
    """
    spec = SPECIFICITY.get(m.kind or "other", 4)
    usable = [x for x in mentions if _listable(x) and not (targets and spec != 1 and _locator(x, text))]
    if m not in usable:
        return [m]
    i = usable.index(m)

    def same_level(x: Mention) -> bool:
        sx = SPECIFICITY.get(x.kind or "other", 4)
        if targets and _province_item(x, usable, text):
            return _key(x) != _key(m)
        return (sx == 1) == (spec == 1) and _key(x) != _key(m)

    def listed(a: Mention, b: Mention) -> bool:
        gap = text[a.end : b.start]
        return bool(LIST_GAP.match(gap) or (targets and TARGET_GAP.match(gap) and not _within_city(a, b)))

    lo = i
    while lo > 0 and listed(usable[lo - 1], usable[lo]) and same_level(usable[lo - 1]):
        lo -= 1
    hi = i
    while hi + 1 < len(usable) and listed(usable[hi], usable[hi + 1]) and same_level(usable[hi + 1]):
        hi += 1
    out = usable[lo : hi + 1]
    keys = [_key(x) for x in out]
    known = any(x.name for x in out) or m.name is None  # a change tied to an unknown name lists unknown names
    return out if len(set(keys)) == len(keys) and known else [m]


def _elliptic(m: Mention, mentions: list[Mention], text: str) -> list[Mention]:
    """The places of an elliptic list of changes that starts at ``m``, the verb said once and each
    place with its own date ("X est tombée fin mars, Y le 25 avril, puis Z le 28 mai"), ``m`` first."""
    usable = [x for x in mentions if _listable(x) and x.start >= m.start]
    if not usable or usable[0] is not m or len(usable) < 2 or not ELLIPSIS_FIRST.match(text[m.end : usable[1].start]):
        return [m]
    out = usable[:2]
    for x in usable[2:]:
        if not ELLIPSIS_NEXT.match(text[out[-1].end : x.start]):
            break
        out.append(x)
    keys = [_key(x) for x in out]
    return out if len(set(keys)) == len(keys) else [m]


def _item_dates(places: list[Mention], text: str, elliptic: bool) -> list[str | None]:
    """The date each listed place carries right after its name (", le 3 mai"), when every place has
    one (the first of an elliptic list has its own after the verb); else no per-place date."""
    found = [ITEM_DATE_AFTER.match(text[x.end : x.end + 40]) for x in places]
    dates = [f.group(1) if f else None for f in found]
    if elliptic:
        return [None, *dates[1:]] if all(dates[1:]) else [None] * len(places)
    return dates if all(dates) else [None] * len(places)


def _with_plural_lists(places: list[Mention], mentions: list[Mention], text: str) -> list[Mention]:
    """Add to a strike's places the other lists of its clause that a plural place noun announces
    ("... sur la province d'Idleb et sur des secteurs des provinces d'Alep, de Hama et de Lattaquié")."""
    out = list(places)
    for x in mentions:
        if x in out or not _listable(x) or x.name is None:
            continue
        if not PLURAL_PLACES_BEFORE.search(text[max(0, x.start - 50) : x.start]):
            continue
        more = _siblings(x, mentions, text)
        if len(more) >= 2:
            keys = {_key(y) for y in out}
            out += [y for y in more if _key(y) not in keys]
    return out


def _within_city(a: Mention, b: Mention) -> bool:
    """A quarter and the city around it ("le quartier de A et le centre de Damas"): one target, the quarter."""
    from gazetteer.distance import haversine_km

    kinds = {a.kind, b.kind}
    if "city" not in kinds or not kinds & {"neighbourhood", "camp", "military site"}:
        return False
    if None in (a.lat, a.lon, b.lat, b.lon):
        return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= 15.0  # type: ignore[arg-type]


def _locator(x: Mention, text: str) -> bool:
    before = text[max(0, x.start - 50) : x.start]
    return (
        x.kind == "governorate"
        and bool(LOCATOR_BEFORE.search(before))
        and not COORDINATED_PROVINCE_BEFORE.search(before)
    )


def _province_item(x: Mention, usable: list[Mention], text: str) -> bool:
    """A governorate listed after places of another governorate ("à A et dans la province de B"): a target
    of its own, not the locator of the places before it."""
    if x.kind != "governorate" or not COORDINATED_PROVINCE_BEFORE.search(text[max(0, x.start - 50) : x.start]):
        return False
    before = [y for y in usable if y.end <= x.start]
    return bool(before) and before[-1].adm1 is not None and before[-1].adm1 != x.adm1


def _key(x: Mention) -> str:
    from gazetteer.normalize import fold

    return fold(x.surface)


def _place_listed(ev: Event, x: Mention, anchor: Mention, text: str) -> None:
    """Place a listed event; an unknown name takes the point of the resolved place it is listed with,
    at precision 2 ("near"), as ACLED codes a village it cannot find."""
    if x.name is not None:
        fill_place(ev, x, False, text)
        return
    if anchor.name is not None:  # else the event keeps the point its unknown anchor was given
        fill_place(ev, anchor, True, text)
    ev.place, ev.place_id = x.surface, None
    ev.geo_precision = max(2, ev.geo_precision or 2)


def _per_place_toll(places: list[Mention], text: str, sentence: str) -> list[int | None] | None:
    """Counts given place by place ("sept à A et trois à B", "deux dans chacune"), or None when the
    toll is shared."""
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
            return _each_place(places, sentence)
        out.append(found[-1].value)
    return out


def _each_place(places: list[Mention], sentence: str) -> list[int | None] | None:
    """The same count for every listed place ("deux dans chacune de ces localités"), or None."""
    from geo.extract.numbers import find_counts

    m = EACH_PLACE.search(sentence)
    found = find_counts(m.group(1)) if m else []
    return [found[0][2].value] * len(places) if found else None


def _unknown_targets(d: Draft, text: str) -> list[Mention]:
    """The unknown names a strike clause with no known place gives as its targets ("les raids ont touché le
    site de A et deux positions dans le secteur de B", "ceux de A et de B"), listed together, in text order."""
    usable = [x for x in d.clause.mentions if _listable(x)]
    first = next((i for i, x in enumerate(usable) if x.name is None), None)
    if first is None:
        return []
    out = [usable[first]]
    for x in usable[first + 1 :]:
        gap = text[out[-1].end : x.start]
        if x.name is not None or not (LIST_GAP.match(gap) or TARGET_GAP.match(gap)):
            break
        out.append(x)
    keys = [_key(x) for x in out]
    return out if len(set(keys)) == len(keys) else out[:1]


def _name_unknown_targets(d: Draft, text: str, out: list[Draft]) -> None:
    """Name a strike that has no known place after the unknown places its clause targets, one event per name;
    :func:`geo.extract.context.place_from_context` then puts each near the place in focus (``place_from``
    "unknown"), as ACLED codes a village it cannot find."""
    from dataclasses import replace

    for i, x in enumerate(_unknown_targets(d, text)):
        ev = d.event if i == 0 else replace(d.event)
        ev.place = x.surface
        if i == 0:
            d.place_from, d.mention = "unknown", x
        else:
            out.append(replace(d, event=ev, mention=x, place_from="unknown"))


def _province_total(d: Draft, places: list[Mention], tolls: list[int | None] | None, text: str,
                    out: list[Draft]) -> None:
    """Keep a governorate's total when the clause gives it before its detail place by place ("ont fait dix
    morts dans la province de X: sept à A et trois à B"): one more event at the governorate, ``is_total``."""
    from dataclasses import replace

    if not tolls or None in tolls or d.event.killed is None or sum(t or 0 for t in tolls) != d.event.killed:
        return
    gov = [x for x in d.clause.mentions if x.kind == "governorate" and x.end <= places[0].start and _locator(x, text)]
    if not gov or not _listable(gov[-1]) or any(x.adm1 not in (None, gov[-1].adm1) for x in places):
        return
    ev = replace(d.event, is_total=True)
    fill_place(ev, gov[-1], False, text)
    out.append(replace(d, event=ev, mention=gov[-1]))


def _per_day_tolls(d: Draft, out: list[Draft]) -> None:
    """One more strike per day when the clause gives its toll day by day ("ont fait trois morts mardi et deux
    lundi"), beside the strike the clause tells (whose toll may be the sum over days or a wider total)."""
    from dataclasses import replace

    from geo.extract.numbers import find_counts

    m = PER_DAY_TOLL.search(d.clause.text)
    if m is None:
        return
    parts = [(find_counts(m.group(n)), m.group(day)) for n, day in (("a", "d1"), ("b", "d2"))]
    if any(len(c) != 1 or c[0][1] != len(m.group(n)) for (c, _), n in zip(parts, "ab", strict=True)):
        return
    for counts, day in parts:
        ev = replace(d.event, killed=counts[0][2].value, killed_min=False, killed_approx=False, children_killed=None,
                     when=day, is_total=False)
        out.append(replace(d, event=ev))


_AND = re.compile(r"\b(?:et|ainsi\s+que)\b|^\s*,\s*$", _I)


def _foreign_gap(gap: str) -> bool:
    """Two foreign places listed ("de A et de B", "A, B"), not one locating the other ("A, dans la B libanaise")."""
    return bool(LIST_GAP.match(gap) and _AND.search(gap))


def _foreign_list(d: Draft, text: str, out: list[Draft]) -> None:
    """One strike per foreign place listed with the foreign place a strike hit ("sur les provinces
    frontalières de A et de B"): each kept unmapped, as :func:`geo.extract.place.fill_foreign` keeps it."""
    from dataclasses import replace

    foreign = [x for x in d.clause.mentions if x.foreign and not x.metonymic]
    at = next((i for i, x in enumerate(foreign) if (x.name or x.surface) == d.event.place), None)
    if at is None:
        return
    lo = hi = at
    while lo > 0 and _foreign_gap(text[foreign[lo - 1].end : foreign[lo].start]):
        lo -= 1
    while hi + 1 < len(foreign) and _foreign_gap(text[foreign[hi].end : foreign[hi + 1].start]):
        hi += 1
    for x in foreign[lo : hi + 1]:
        if x is not foreign[at] and (x.name or x.surface) != d.event.place:
            ev = replace(d.event)
            fill_foreign(ev, x)
            if d.event.killed is not None:
                ev.killed, ev.killed_min, ev.killed_approx, ev.children_killed = None, False, False, None
            out.append(replace(d, event=ev))
    if hi > lo and d.event.killed is not None:  # a toll shared by the list stays on none of its places
        d.event.killed, d.event.killed_min, d.event.killed_approx, d.event.children_killed = None, False, False, None


def expand_enumerations(drafts: list[Draft], text: str) -> list[Draft]:
    """One event per listed place for strikes and control changes ("ont repris A, B et C").

    A toll shared by the list stays on none of the places (the lead total carries it), unless the
    text gives it place by place ("sept à A et trois à B").
    """
    from dataclasses import replace

    out: list[Draft] = []
    for d in drafts:
        out.append(d)
        if d.event.kind == EventKind.STRIKE and d.place_from == "none" and not d.trigger_less:
            _name_unknown_targets(d, text, out)
            continue
        if d.event.kind == EventKind.STRIKE and d.mention is None and d.event.place and d.event.lat is None:
            _foreign_list(d, text, out)
            continue
        if d.event.kind == EventKind.STRIKE:
            _per_day_tolls(d, out)
        if d.event.kind not in _ENUM_KINDS or d.mention is None or d.place_from != "clause":
            continue
        places = _siblings(d.mention, d.clause.mentions, text, d.event.kind == EventKind.STRIKE)
        elliptic = False
        if d.event.kind == EventKind.STRIKE:
            places = _with_plural_lists(places, d.clause.mentions, text)
        elif len(places) < 2:
            places = _elliptic(d.mention, d.clause.mentions, text)
            elliptic = len(places) > 1
        else:  # "le quartier de A, à Homs, a été repris": the city only locates its quarter
            places = [x for x in places if x.kind != "city" or not any(_within_city(y, x) for y in places if y != x)]
        if len(places) < 2:
            continue
        control = d.event.kind == EventKind.CONTROL_CHANGE
        dates = _item_dates(places, text, elliptic) if control else [None] * len(places)
        tolls = _per_place_toll(places, text, d.clause.sent.text) if d.event.killed is not None else None
        _province_total(d, places, tolls, text, out)
        first = True
        for i, x in enumerate(places):
            ev = d.event if x is d.mention else replace(d.event)
            _place_listed(ev, x, d.mention, text)
            ev.when = dates[i] or ev.when
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
