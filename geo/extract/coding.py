"""Coding one event of a clause: its actor and other side, its kind's own fields (weapon, casualties,
controllers and status of a control change, displaced people), its place and span."""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.extract.casualties import Casualties, apply_casualties
from geo.extract.classify import KindHit, strike_subtype
from geo.extract.control_pass import ControlHit, control_sides
from geo.extract.folded import Folded
from geo.extract.place import fill_foreign, fill_place, fill_unknown, place_event
from geo.extract.segment import Clause, Draft, Sentence
from geo.extract.sides import (
    ActorSpan,
    can_act,
    change_status,
    complete_sides,
    event_actor,
    label_text,
    passive_control_sides,
    pronoun_subject,
)
from geo.lang.fr.cues import BARE_TROOPS, PRONOUN_START
from geo.lang.fr.triggers import ABDUCTION, STRIKE_ANAPHOR
from geo.model import Document, Event, Mention
from geo.vocab import Actor, EventKind

__all__ = ["ClauseScope", "code_event"]

_I = re.IGNORECASE
_REBEL_PLACES = Folded(re.compile(
    r"\b(?:villages?|localit[ée]s?|secteurs?|quartiers?|zones?|positions?|bastions?|fiefs?|verrous?)\s+rebelles?\b", _I
))
_PASSIVE = re.compile(r"\b(?:[ée]t[ée]|[êe]tre)\b", _I)
_SINCE = re.compile(r"\s*depuis\b", _I)


@dataclass(slots=True)
class ClauseScope:
    """What coding an event of a clause reads: the clause, its sentence and document around it."""

    doc: Document
    sent: Sentence
    clause: Clause
    sent_mentions: list[Mention]
    #: Actors of the sentence (sentence offsets) and of the clause (clause offsets).
    sent_actors: list[ActorSpan]
    actors: list[ActorSpan]
    #: Every actor label of the document, in text order.
    doc_actors: list[str]
    #: (label, text) of the actor of the sentence before: who "ils" are.
    prev_actor: tuple[str | None, str | None]
    cas: Casualties
    whens: list[tuple[int, int, str]]


#: Sides that take ground (a strike force never inherits a fallen place).
_GROUND = frozenset({Actor.REGIME, Actor.REBELS, Actor.HTS, Actor.IS, Actor.SDF, Actor.TURKEY})


def _sides(
    ev: Event, sc: ClauseScope, match: re.Match[str] | ControlHit | None, other: str | None
) -> tuple[str | None, str | None]:
    """(new, previous) controller as the clause names them, with "ils" the actor of the sentence before;
    else the clause's actor and other side."""
    ctext, prev_actor = sc.clause.text, sc.prev_actor[0]
    # a place named like an actor ("le sud de Damas") is no side of the change
    actors = [
        x
        for x in sc.actors
        if not any(m.start <= sc.clause.start + x[0] < m.end and not m.metonymic and m.name for m in sc.clause.mentions)
    ]
    sc.actors = actors  # the clause's later events read the same sides
    if isinstance(match, ControlHit):
        new, prev = control_sides(ctext, match, actors, can_act)
        if new is None and match.role in ("gain", "nominal", "hold") and pronoun_subject(ctext, match.start):
            new = prev_actor if prev_actor != prev else None
        if prev is None and match.role == "loss" and pronoun_subject(ctext, match.start):
            prev = prev_actor  # "ils avaient perdu X": the actor of the sentence before
        if new is None and prev is None and match.role in ("fell", "nominal") and prev_actor in _GROUND:
            new = prev_actor  # "X est tombée", "après la chute de X": the offensive told just before
        ev.actor, ev.actor_text = new, label_text(ctext, actors, new)
        return new, prev
    new, prev = passive_control_sides(ctext, match, actors)
    if new is None and prev is None and match is not None:
        role = "participial" if _PASSIVE.search(match.group()) else "gain"
        new, prev = control_sides(ctext, ControlHit(match.start(), match.end(), role, match.group()), actors, can_act)
        if new is None and role == "gain" and pronoun_subject(ctext, match.start()):
            new = prev_actor if prev_actor != prev else None
    if new is not None or prev is not None:
        ev.actor, ev.actor_text = new, label_text(ctext, actors, new)
        return new, prev
    return ev.actor, other


def _code_control_change(
    ev: Event, sc: ClauseScope, match: re.Match[str] | ControlHit | None, other: str | None
) -> None:
    """Who takes, who loses and how far the change holds."""
    ctext = sc.clause.text
    actor, side = _sides(ev, sc, match, other)
    ev.new_controller = actor
    ev.previous_controller = side if side != actor else None
    if ev.previous_controller is None and _REBEL_PLACES.search(ctext):
        ev.previous_controller = Actor.REBELS
    at = 0 if match is None else (match.start if isinstance(match, ControlHit) else match.start())
    if (
        ev.new_controller is None
        and BARE_TROOPS.search(ctext[:at])
        and sc.doc_actors.count(Actor.REGIME) >= max(1, sc.doc_actors.count(Actor.TURKEY))
    ):
        ev.new_controller = Actor.REGIME  # "les troupes" in a dispatch about the regime's army
        if ev.previous_controller == Actor.REGIME:
            ev.previous_controller = None
    complete_sides(ev, [x[2] for x in sc.sent_actors], sc.doc_actors)
    ev.status = change_status(ctext, sc.sent.text, match)


def _code_kind(ev: Event, sc: ClauseScope, hit: KindHit, other: str | None, with_strike: bool) -> None:
    """The fields of the event's own kind."""
    cas = sc.cas
    if hit.kind == EventKind.STRIKE:
        ev.subtype = strike_subtype(hit.trigger or "", sc.clause.text, ev.actor)
        apply_casualties(ev, cas)
        if cas.killed_sides:
            ev.killed = cas.killed_sides  # "dix combattants et six civils": 16
    elif hit.kind == EventKind.VIOLENCE_AGAINST_CIVILIANS:
        ev.subtype = "abduction" if ABDUCTION.search(hit.trigger or "") else "killing"
        apply_casualties(ev, cas)
    elif hit.kind == EventKind.CLASH:
        ev.target = other
        if not with_strike:
            apply_casualties(ev, cas)
            if cas.killed_sides:
                ev.killed = cas.killed_sides  # "19 soldats et 12 jihadistes": both sides
    elif hit.kind == EventKind.CONTROL_CHANGE:
        _code_control_change(ev, sc, hit.match, other)
    else:
        ev.displaced = cas.displaced
        ev.killed = None


def _told_before(ctext: str, hit: KindHit) -> bool:
    """A strike named again with a demonstrative ("ces raids ont tué 15 civils"): it only adds to the
    strike told just before (its toll), never makes a second record."""
    return hit.kind == EventKind.STRIKE and hit.at is not None and bool(
        STRIKE_ANAPHOR.search(ctext[max(0, hit.at - 30) : hit.at])
    )


def code_event(sc: ClauseScope, hit: KindHit, with_strike: bool) -> Draft:
    """Code one event of a clause.

    Parameters
    ----------
    sc : ClauseScope
        The clause and what surrounds it.
    hit : KindHit
        The event's kind and trigger (:func:`geo.extract.detect.clause_kinds`).
    with_strike : bool
        The clause also codes a strike (a clash then leaves the toll to the strike).

    Returns
    -------
    Draft
        The event, placed at the most specific place of its clause (else sentence), with how it was placed.
    """
    ctext, clause, doc = sc.clause.text, sc.clause, sc.doc
    ev = Event(kind=hit.kind, source=doc.source, doc_id=doc.id)
    actor, actor_text, other = event_actor(ctext, hit.at, hit.kind, sc.actors)
    if actor is None and PRONOUN_START.match(ctext) and sc.prev_actor[0]:
        actor, actor_text = sc.prev_actor
    if hit.kind == EventKind.DISPLACEMENT:
        actor, actor_text = None, None
    ev.actor, ev.actor_text = actor, actor_text
    _code_kind(ev, sc, hit, other, with_strike)
    where = place_event(hit.kind, hit.match, clause, sc.sent_mentions, doc.text)
    ev.when = _own_when(sc.whens, hit)
    # "ce raid, l'un des plus meurtriers depuis le début de la guerre": a span since is not the raid's date
    again = (
        _told_before(ctext, hit)
        and where.scope != "clause"
        and all(_SINCE.match(w[2]) for w in sc.whens)
        and not any(m.name is None and not m.foreign for m in clause.mentions)  # a place the gazetteer lacks
    )
    draft = Draft(
        ev,
        clause,
        where.scope,
        bool(sc.whens),
        trigger_less=(hit.at is None and hit.kind in (EventKind.STRIKE, EventKind.CLASH)) or again,
        mention=where.mention if where.foreign is None else None,
        toll_only=hit.toll_only or again,
    )
    if where.foreign is not None:
        fill_foreign(ev, where.foreign)
    elif where.mention is not None and where.mention.name is None:
        fill_unknown(ev, where.mention, sc.sent_mentions, doc.text)
    else:
        fill_place(ev, where.mention, where.near, doc.text)
        if where.mention is None:
            draft.place_from = "none"
    ev.evidence = ctext.strip(" ,;")
    ev.start = clause.start + (len(ctext) - len(ctext.lstrip(" ,;")))
    ev.end = ev.start + len(ev.evidence)
    return draft


def _own_when(whens: list[tuple[int, int, str]], hit: KindHit) -> str | None:
    """The clause's date of the event: one inside its trigger ("tombée le 8 janvier aux mains de") is
    its own, else the clause's first."""
    if hit.at is not None and hit.trigger:
        own = [w for w in whens if hit.at <= w[0] < hit.at + len(hit.trigger)]
        if own:
            return own[0][2]
    return whens[0][2] if whens else None
