"""Merging reports of one event: clauses of a sentence, a place or a toll given in the next sentence,
running totals, event ids shared by the reports of one event, the headline fold.
"""

from __future__ import annotations

import re

from gazetteer import profile
from geo.extract.place import PLACE_FIELDS
from geo.extract.segment import Draft, Sentence
from geo.lang.fr.cues import AREA_ANAPHOR, REGION_ANAPHOR
from geo.model import Event
from geo.vocab import ControlStatus, EventKind, GeoPrecision

_I = re.IGNORECASE


def merge_same_sentence(drafts: list[Draft], text: str) -> list[Draft]:
    """Merge the events of one kind that clauses of one sentence code, unless their dates or tolls
    differ (or two control changes name two places in one clause)."""
    out: list[Draft] = []
    for d in drafts:
        twin = next((o for o in out if o.event.kind == d.event.kind), None)
        if twin is not None:
            a, b = twin.event, d.event
            distinct = (
                (a.when and b.when and a.when != b.when)
                or (a.killed is not None and b.killed is not None)
                or (
                    a.kind == EventKind.CONTROL_CHANGE
                    and a.place
                    and b.place
                    and a.place != b.place
                    and (d.clause is twin.clause or (d.place_from == twin.place_from == "clause"))
                )
                or _two_targets(twin, d)
                or _two_weapons(twin, d)
                or _two_changes(a, b)
            )
            if not distinct:
                # merge b into a
                a.start, a.end = min(a.start, b.start), max(a.end, b.end)
                a.evidence = text[a.start : a.end]
                for f in ("killed", "killed_min", "killed_approx", "children_killed", "injured", "displaced", "when"):
                    if getattr(a, f) in (None, False) and getattr(b, f) not in (None, False):
                        setattr(a, f, getattr(b, f))
                if twin.place_from != "clause" and d.place_from == "clause":
                    for f in PLACE_FIELDS:
                        setattr(a, f, getattr(b, f))
                    twin.place_from = "clause"
                if a.actor is None:
                    a.actor, a.actor_text = b.actor, b.actor_text
                continue
        out.append(d)
    # a clause without its own place takes the sentence's (already done), keep order
    return out


def _two_changes(a: Event, b: Event) -> bool:
    """Two control changes of one sentence won by two sides ("ont repris X, tombée en mars aux mains de
    Y"): the place changed hands twice, two events."""
    return (
        a.kind == EventKind.CONTROL_CHANGE
        and b.kind == EventKind.CONTROL_CHANGE
        and a.new_controller is not None
        and b.new_controller is not None
        and a.new_controller != b.new_controller
    )


#: Two strikes of one sentence farther apart than this (km), each with its trigger and place, are two strikes.
_APART_KM = 10.0


def _two_targets(a: Draft, b: Draft) -> bool:
    """Two clauses of one sentence, each with a strike verb and a place of its own, far apart ("des raids ont
    frappé A, tandis que l'artillerie pilonnait B"): two strikes, not one told twice."""
    from gazetteer.distance import haversine_km

    x, y = a.event, b.event
    if x.kind != EventKind.STRIKE or a.trigger_less or b.trigger_less or a.clause is b.clause:
        return False
    if a.place_from != "clause" or b.place_from != "clause" or None in (x.lat, x.lon, y.lat, y.lon):
        return False
    return haversine_km(x.lat, x.lon, y.lat, y.lon) > _APART_KM  # type: ignore[arg-type]


def _weapon(ev: Event) -> str | None:
    """The family of a strike's weapon (ACLED's sub-event type: air, shelling, explosive), None when unknown."""
    from geo.kinds import acled_types

    return acled_types(ev.kind, ev.subtype)[1] if ev.subtype else None


def _two_weapons(a: Draft, b: Draft) -> bool:
    """Two clauses of one sentence, each with its own strike trigger of another weapon family ("des
    hélicoptères ont bombardé le village, tandis que l'artillerie pilonnait une localité voisine"): two strikes."""
    x, y = a.event, b.event
    if x.kind != EventKind.STRIKE or a.trigger_less or b.trigger_less or a.clause is b.clause:
        return False
    return None not in (_weapon(x), _weapon(y)) and _weapon(x) != _weapon(y)


def merge_across_sentences(drafts: list[Draft], text: str) -> list[Event]:
    """Join an event to the next sentence's event of its kind when that one only gives its place or its
    toll; drop bare tolls that joined nothing. ``drafts`` is left aligned with the events returned."""
    out: list[Event] = []
    skip: set[int] = set()
    for i, d in enumerate(drafts):
        if i in skip:
            continue
        ev = d.event
        for j in range(i + 1, min(i + 4, len(drafts))):
            n = drafts[j]
            if n.clause.sent.index != d.clause.sent.index + 1 or j in skip:
                continue
            ne = n.event
            if ne.kind != ev.kind:
                continue
            vague = (
                ev.place is None
                or (ev.geo_precision == 3 and d.place_from != "clause")
                or (ev.place and _is_country(ev))
            )
            if (
                ev.kind == EventKind.STRIKE
                and vague
                and not _points_back(d.clause.text)
                and ne.place
                and ne.geo_precision in (1, 2)
                and ne.killed is None
                and not n.has_when
            ):
                for f in PLACE_FIELDS:
                    setattr(ev, f, getattr(ne, f))
                d.place_from = "clause"
                _extend(ev, ne, text)
                skip.add(j)
                break
            if (
                ev.kind in (EventKind.STRIKE, EventKind.CLASH)
                and n.trigger_less
                and ev.killed is None
                and n.place_from == "none"
                and (
                    not n.has_when
                    or (
                        ev.kind == EventKind.CLASH
                        and (ev.when is None or ev.cumulative == ne.cumulative)
                        and not re.search(r"\bau\s+total\b", n.clause.text, _I)
                    )
                )
            ):
                ev.killed, ev.killed_min, ev.killed_approx = ne.killed, ne.killed_min, ne.killed_approx
                ev.children_killed = ev.children_killed or ne.children_killed
                ev.when = ev.when or ne.when
                _extend(ev, ne, text)
                skip.add(j)
                break
        if d.toll_only:
            skip.add(i)  # a bare toll that joined no event
            continue
        out.append(ev)
    # keep drafts aligned with events for context placement
    drafts[:] = [d for i, d in enumerate(drafts) if i not in skip]
    return out


def _points_back(clause: str) -> bool:
    """The clause names its place by an anaphor ("les frappes y ont repris", "dans cette région"): the place
    in focus before (placed from context), not the next sentence's."""
    return bool(AREA_ANAPHOR.search(clause) or REGION_ANAPHOR.search(clause))


#: Two latitudes closer than this (degrees) are the same point.
_SAME_DEGREE = 1e-6


def _is_country(ev: Event) -> bool:
    """The event is placed at the country as a whole (its name, or its conventional point)."""
    country = profile.active()
    return ev.place == country.name or (
        ev.adm1 is None
        and ev.geo_precision == GeoPrecision.REGION
        and ev.place is not None
        and ev.lat is not None
        and abs(ev.lat - country.point[0]) < _SAME_DEGREE
    )


def _extend(ev: Event, other: Event, text: str) -> None:
    ev.start, ev.end = min(ev.start, other.start), max(ev.end, other.end)
    ev.evidence = text[ev.start : ev.end]


def mark_totals(events: list[Event], sentences: list[Sentence]) -> None:
    """Mark a lead strike whose toll covers a later strike's as a total (``is_total``)."""
    if not sentences:
        return
    lead_end = sentences[0].end
    # the smallest toll of a later strike, once (a lead event is never one of the later ones)
    later = [
        o.killed
        for o in events
        if o.kind == EventKind.STRIKE and o.start >= lead_end and not o.cumulative and o.killed is not None
    ]
    least = min(later) if later else None
    for ev in events:
        if ev.kind != EventKind.STRIKE or ev.killed is None or ev.start >= lead_end or ev.cumulative:
            continue
        if least is not None and least <= ev.killed:
            ev.is_total = True


def fold_headline(events: list[Event], text: str, sentences: list[Sentence]) -> list[Event]:
    """A headline that restates an event of the body is the same event told twice: one record.

    The headline is the first line (after page furniture) when it is short and has no final full stop. A headline strike
    joins the body's strike of the same ``event_id``, or the first body strike in the headline's
    place (or inside the headline's governorate); the body record keeps its own toll and gains the
    headline's span in ``sources``. Other kinds keep their headline record.
    """
    debris = 0
    while debris + 1 < len(sentences) and _furniture(sentences[debris]):
        debris += 1  # "Publicité", "Partager": page furniture above the headline
    if not sentences:
        return events
    first = sentences[debris]
    line_end = text.find("\n", first.start)
    if line_end == -1 or first.end < line_end or len(first.text) > 160 or first.text.rstrip().endswith("."):
        return events
    out = []
    for ev in events:
        if ev.kind == EventKind.STRIKE and ev.start < line_end:
            body = [o for o in events if o is not ev and o.kind == EventKind.STRIKE and o.start >= line_end]
            twin = next((o for o in body if o.event_id == ev.event_id), None) or next(
                (
                    o
                    for o in body
                    if ev.place
                    and (
                        o.place == ev.place
                        or (ev.geo_precision == 3 and o.adm1_pcode and o.adm1_pcode == ev.adm1_pcode)
                        or ev.place == "Syria"
                    )
                ),
                None,
            )
            if twin is not None:
                twin.sources = "; ".join(x for x in (twin.sources, f"{ev.source}#headline") if x)
                continue
        out.append(ev)
    return out


#: A line of page furniture has at most this many words ("Publicité", "Lire aussi", "Partager sur Facebook").
_FURNITURE_WORDS = 3


def _furniture(sent: Sentence) -> bool:
    """A sentence that is a short line of its own with no full stop: page furniture, not the headline."""
    t = sent.text.strip()
    return len(t.split()) <= _FURNITURE_WORDS and not t.endswith(".") and "\n" not in t


def link_reports(events: list[Event]) -> None:
    """Give the reports of one event in a document (headline, lead, restatement, revised toll) one
    ``event_id``: same kind, same place, dates that agree (or one unknown), same gaining side, the same
    weapon family for strikes (air, shelling, explosive); a running total (``cumulative``) never joins a
    single event. Every record keeps its own toll;
    :func:`geo.spatial.aggregate.aggregate_by_admin` counts each ``event_id`` once, with its latest toll.
    """
    groups: list[list[Event]] = []
    for ev in events:
        if ev.place is None:
            groups.append([ev])
            continue
        for g in groups:
            first = g[0]
            if (
                first.kind == ev.kind
                and first.place == ev.place
                and first.cumulative == ev.cumulative
                and (first.date is None or ev.date is None or first.date == ev.date)
                and first.new_controller == ev.new_controller
                and (_weapon(first) is None or _weapon(ev) is None or _weapon(first) == _weapon(ev))
                and ControlStatus.REVERSED not in (first.status, ev.status)
            ):
                g.append(ev)
                break
        else:
            groups.append([ev])
    for i, g in enumerate(groups, 1):
        for ev in g:
            ev.event_id = f"{ev.doc_id or ev.source}#{i}"
            ev.sources = ev.source or None
