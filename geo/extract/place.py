"""Placing an event at the most specific Syrian place of its clause (else its sentence)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.extract.actors import find_actors
from geo.extract.control_pass import ANAPHOR, ControlHit, control_place, tied_after
from geo.extract.segment import Clause
from geo.lang.fr.control import WHERE_CLAUSE
from geo.lang.fr.cues import DESTINATION_CUE, FOREIGN_TARGET_BEFORE, ORIGIN_BEFORE
from geo.model import Event, Mention
from geo.vocab import EventKind

_I = re.IGNORECASE


SPECIFICITY = {
    "neighbourhood": 6,
    "camp": 6,
    "military site": 6,
    "village": 5,
    "town": 5,
    "city": 4,
    "road": 4,
    "other": 4,
    "subdistrict": 3,
    "district": 2,
    "region": 2,
    "governorate": 1,
    "country": 0,
}


def best_place(mentions: list[Mention], text: str) -> tuple[Mention | None, bool]:
    """Most specific place among mentions; prefer places not introduced by "près de"/"au nord de"."""
    from geo.extract.mentions import mention_hint

    usable = [m for m in mentions if not m.foreign and not m.metonymic and m.name and not _is_dateline(text, m)]
    if not usable:
        return None, False
    scored = []
    for i, m in enumerate(usable):
        _hint, near = mention_hint(text, m)
        scored.append((m.kind == "country", near, -SPECIFICITY.get(m.kind or "other", 4), i, m))
    scored.sort(key=lambda t: (t[0], t[1], t[2] if not t[1] else 0, t[3]))
    _country, near, _spec, _i, m = scored[0]
    if not near and m.kind in _BROAD_KINDS:
        # "près de Jisr al-Choughour, dans la province d'Idleb": near the town beats the whole governorate
        finer = [
            t
            for t in scored
            if t[1] and t[4].kind not in _BROAD_KINDS and t[4].start < m.start and m.start - t[4].end < 60
        ]
        if finer:
            return finer[0][4], True
    return m, near


_BROAD_KINDS = {"governorate", "region", "district", "country"}


def _is_dateline(text: str, m: Mention) -> bool:
    """ "(Maaret al-Noomane) Au moins huit civils ...": where the dispatch was filed, not the event."""
    return (
        text[max(0, m.start - 1) : m.start] == "("
        and text[m.end : m.end + 1] == ")"
        and not text[: max(0, m.start - 1)].strip(" \n")[-1:].isalnum()
    )


#: How a window ends (lower-cased, trailing spaces stripped) when the two patterns below match there.
_DE_TAILS = ("de", "du", "d'", "d’")
_SMALL_BEFORE = re.compile(r"(?:villages?|localit[ée]s?|quartiers?|secteurs?)\s+(?:\w+\s+)?(?:de|d['’])\s*$", _I)
_AROUND_BEFORE = re.compile(
    r"\b(?:r[ée]gion|environs|alentours|p[ée]riph[ée]rie|campagne|banlieue)\s+(?:de\s+|d['’]|du\s+)\s*$", _I
)


def _precision(m: Mention | None, near: bool, text: str) -> int | None:
    if m is None:
        return None
    if m.kind in {"governorate", "country", "region", "district"}:
        before = text[max(0, m.start - 50) : m.start]
        if m.kind == "governorate" and before.rstrip().lower().endswith(_DE_TAILS) and _SMALL_BEFORE.search(before):
            return 2
        return 3
    around = text[max(0, m.start - 30) : m.start]
    if near or (around.rstrip().lower().endswith(_DE_TAILS) and _AROUND_BEFORE.search(around)):
        return 2  # "la région d'Afrine", "les environs de Qamichli": around the town
    return 1


#: The fields of an event that say where it is (what :func:`fill_place` sets).
PLACE_FIELDS = ("place", "place_id", "lat", "lon", "adm1", "adm1_pcode", "geo_precision")


def fill_place(ev: Event, m: Mention | None, near: bool, text: str) -> None:
    """Place an event at a Syrian mention (its name, gazetteer id, point and governorate).

    An event placed only at the country ("en Syrie") keeps ``place="Syria"`` and
    ``geo_precision=3`` but no point and no governorate: a country centroid would be drawn as a
    precise point and counted in whichever governorate it falls in.
    """
    if m is None:
        return
    ev.place, ev.place_id = m.name, m.place_id
    ev.geo_precision = _precision(m, near, text)
    if m.kind == "country":
        ev.lat = ev.lon = None
        ev.adm1 = ev.adm1_pcode = None
        return
    ev.lat, ev.lon = m.lat, m.lon
    ev.adm1, ev.adm1_pcode = m.adm1, m.adm1_pcode


def fill_unknown(ev: Event, m: Mention, sent_mentions: list[Mention], text: str) -> None:
    """Place an event tied to a name the gazetteer lacks: the name, at the point of the most specific
    place its sentence names (precision 2, as ACLED codes a village it cannot find), else without a point."""
    anchor, _near = best_place([x for x in sent_mentions if x.kind != "country"], text)
    fill_place(ev, anchor, True, text)
    ev.place, ev.place_id = m.surface, None
    ev.geo_precision = max(2, ev.geo_precision or 2)


def fill_foreign(ev: Event, m: Mention) -> None:
    """Strike on a place outside Syria (shells fired from Syria onto a Turkish town).

    The event is kept (it is part of the war) with ``place`` the foreign name, no coordinates, no
    governorate and ``geo_precision=3``: it is never mapped nor counted inside Syria.
    """
    ev.place, ev.place_id = m.name or m.surface, m.place_id
    ev.lat = ev.lon = None
    ev.adm1 = ev.adm1_pcode = None
    ev.geo_precision = 3


def displacement_place(
    clause_mentions: list[Mention], sent_mentions: list[Mention], text: str
) -> tuple[Mention | None, bool, str]:
    """Place of a displacement: where people flee from; destinations only when nothing else is named.

    A place is a destination when a cue ("vers", "en direction de", "jusqu'à") stands between it and
    the start of its sentence part (up to 120 characters back, not across ``.`` or ``;``):
    "ont fui la région d'Afrine, la plupart vers Tal Rifaat et les localités de Nubl et Zahraa".
    """
    for scope, mentions in (("clause", clause_mentions), ("sentence", sent_mentions)):
        origin = [
            x
            for x in mentions
            if not DESTINATION_CUE.search(re.split(r"[.;]", text[max(0, x.start - 120) : x.start])[-1])
        ]
        m, near = best_place(origin, text)
        if m is None:
            m, near = best_place(mentions, text)
        if m is not None:
            return m, near, scope
    return None, False, "sentence"


def strike_place(
    clause_mentions: list[Mention], sent_mentions: list[Mention], text: str
) -> tuple[Mention | None, bool, str, Mention | None]:
    """Place of a strike: (mention, near, from, foreign target).

    Places the fire comes from ("depuis la Syrie") are skipped while another place is named; a
    foreign place named as the target wins over the country or nothing (see :func:`fill_foreign`).
    """
    for scope, mentions in (("clause", clause_mentions), ("sentence", sent_mentions)):
        landing = [m for m in mentions if not ORIGIN_BEFORE.search(text[max(0, m.start - 45) : m.start])]
        m, near = best_place(landing, text)
        if m is not None and m.kind != "country":
            return m, near, scope, None
        foreign = next(
            (
                f
                for f in mentions
                if f.foreign
                and not f.metonymic
                and not _is_dateline(text, f)
                and FOREIGN_TARGET_BEFORE.search(text[max(0, f.start - 40) : f.start])
                and not find_actors(text[f.start : f.end])
            ),
            None,
        )  # "Moscou", "Ankara": an actor, not a target
        if foreign is not None:
            return None, False, scope, foreign
        if m is not None:
            return m, near, scope, None
        m, near = best_place(mentions, text)
        if m is not None:
            return m, near, scope, None
    return None, False, "sentence", None


def find_main_place(syrian: list[Mention]) -> Mention | None:
    """The place a document speaks of most (military sites, camps, roads and the country aside), else
    the first one named."""
    from collections import Counter

    if not syrian:
        return None
    counts = Counter(m.name for m in syrian if m.kind not in NOT_A_FOCUS)
    if not counts:
        return syrian[0]
    name = counts.most_common(1)[0][0]
    return next(m for m in syrian if m.name == name)


#: Places never chosen only because they were the last one named before a sentence without place.
NOT_A_FOCUS = {"military site", "camp", "road", "country"}


@dataclass(frozen=True, slots=True)
class Placing:
    """Where a clause puts its event: the mention (None: no place), whether it is only near it, which
    scope named it ("clause", "sentence" or "none"), and a foreign place hit (see :func:`fill_foreign`)."""

    mention: Mention | None
    near: bool
    scope: str
    foreign: Mention | None = None


def place_event(
    kind: EventKind, match: re.Match[str] | ControlHit | None, clause: Clause, sent_mentions: list[Mention], text: str
) -> Placing:
    """The most specific place of an event's clause, else of its sentence.

    Strikes land where fire falls (:func:`strike_place`), displacements are placed where people flee
    from (:func:`displacement_place`), a control change at the place its verb is tied to ("ont repris
    X", "X est tombée"); an anaphoric change ("y sont entrés") waits for the context.
    """
    if kind == EventKind.STRIKE:
        m, near, scope, foreign = strike_place(clause.mentions, sent_mentions, text)
        return Placing(m, near, scope, foreign)
    if kind == EventKind.DISPLACEMENT:
        return Placing(*displacement_place(clause.mentions, sent_mentions, text))
    if isinstance(match, ControlHit) and match.place == ANAPHOR:
        if re.match(WHERE_CLAUSE, clause.text, _I):  # "à Alep, où l'armée contrôle ...": the place before "où"
            before = [x for x in sent_mentions if x.end <= clause.start and control_place(x)]
            if before:
                return Placing(before[-1], False, "clause")
        return Placing(None, False, "none")
    if isinstance(match, ControlHit) and isinstance(match.place, Mention):
        return Placing(match.place, False, "clause")
    if isinstance(match, re.Match):
        usable = [x for x in clause.mentions if control_place(x)]
        tied = tied_after(clause.text, match.end(), usable, clause.start)
        if tied:
            return Placing(tied, False, "clause")
    m, near = best_place(clause.mentions, text)
    if m is not None:
        return Placing(m, near, "clause")
    m, near = best_place(sent_mentions, text)
    return Placing(m, near, "sentence")
