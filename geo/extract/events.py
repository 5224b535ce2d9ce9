"""Code events (strikes, clashes, control changes, displacement) from a French dispatch.

The text is cut into sentences (French abbreviations such as "M." do not end one), each sentence
into clauses at "tandis que", "alors que", ", et <jour>" and " où ". A clause qualifies as an
event of a kind when it holds a trigger of that kind *and* an action (a finite verb, a victim
count, a target "sur ..."); negated, planned, diplomatic ("appelant à cesser les bombardements")
and war-wide toll sentences do not. Clauses of one sentence that code the same event are merged;
an event whose place is only given in the next sentence ("... sur un village du nord-ouest de la
Syrie. ... les frappes ont visé le village de Joubass") spans both sentences, and a bare toll
("Environ 80 civils ont été tués dans le cadre de cette escalade") joins the strike before it.

Places come from the mentions (:func:`geo.extract.mentions.find_mentions`): the most specific
non-metonymic Syrian place of the clause, else of the sentence, else of the context ("cette
région" is the governorate of the place in focus, "ce secteur", "y" the place in focus; a sentence
with neither anaphor nor place takes its paragraph's governorate, else the document's main place,
never a military site only because it was named last). Country-level events ("en Syrie") keep
``place="Syria"``, ``geo_precision=3`` and no coordinates; a strike on a foreign place ("obus tirés
depuis la Syrie sur la ville turque de X") keeps ``place=X`` with no coordinates nor governorate,
so it is never drawn nor counted inside Syria. Who reports ("selon Moscou") is not the actor.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from geo.extract.actors import find_actors
from geo.extract.casualties import Tally, is_war_toll, read_casualties, sentence_counts
from geo.extract.classify import clause_kinds
from geo.extract.coding import ClauseScope, code_event
from geo.extract.context import place_from_context
from geo.extract.enumerations import expand_enumerations
from geo.extract.fronts import front_observation
from geo.extract.merge import fold_headline, link_reports, mark_totals, merge_across_sentences, merge_same_sentence
from geo.extract.place import find_main_place
from geo.extract.prefilter import Guarded
from geo.extract.segment import (
    DATE_PREFIX,
    Clause,
    Draft,
    Sentence,
    clause_spans,
    is_heading,
    mentions_in,
    split_sentences,
    within,
)
from geo.extract.sides import ActorSpan, co_actors, generic_jihadists
from geo.extract.states import find_control_states
from geo.extract.timing import date_events, when_from_context
from geo.kinds import acled_types
from geo.lang.fr.cues import FRONT
from geo.model import Document, Event, FrontObservation, Mention
from geo.vocab import Actor, EventKind

__all__ = ["Sentence", "find_control_states", "find_events", "split_sentences"]

#: Front positions ("à quatre kilomètres de X"), searched only in sentences that hold the words they need.
_FRONT = Guarded(FRONT)

#: Actors that strike from the air or from afar: "ils" of the next sentence are the ground forces.
_NOT_GROUND = (Actor.RUSSIA, Actor.COALITION, Actor.ISRAEL)


@dataclass(slots=True)
class _Reading:
    """A document being coded, sentence by sentence: what the passes carry from one sentence to the next."""

    doc: Document
    mentions: list[Mention]
    m_starts: list[int]
    actors: list[list[ActorSpan]]
    doc_actors: list[str]
    drafts: list[Draft] = field(default_factory=list)
    fronts: list[FrontObservation] = field(default_factory=list)
    strike_before: bool = False
    last_kind: EventKind | None = None
    lead_when: str | None = None
    prev_when: str | None = None
    prev_actor: tuple[str | None, str | None] = (None, None)


def _when(text: str) -> list[tuple[int, int, str]]:
    from geo.extract.dates import find_when

    return find_when(text)


def _code_clause(
    rd: _Reading,
    sent: Sentence,
    span: tuple[int, int],
    *,
    sent_mentions: list[Mention],
    counts: list[Tally],
    whens: list[tuple[int, int, str]],
) -> list[Draft]:
    """The events of one clause: detection of their kinds, then the coding of each."""
    a, b = span
    ctext = sent.text[a:b]
    clause = Clause(
        sent.start + a, sent.start + b, ctext, sent, mentions_in(sent_mentions, sent.start + a, sent.start + b)
    )
    cas = read_casualties(ctext, within(counts, a, b))
    hits = clause_kinds(ctext, clause, cas, rd.strike_before, rd.last_kind)
    sc = ClauseScope(
        rd.doc,
        sent,
        clause,
        sent_mentions,
        rd.actors[sent.index],
        within(rd.actors[sent.index], a, b),
        rd.doc_actors,
        rd.prev_actor,
        cas,
        within(whens, a, b),
    )
    with_strike = any(h.kind == EventKind.STRIKE for h in hits)
    return [code_event(sc, h, with_strike) for h in hits]


def _code_sentence(rd: _Reading, sent: Sentence) -> None:
    """Code the events and front observations of one sentence; carry its date and actor to the next."""
    stext, text = sent.text, rd.doc.text
    whens = _when(stext)
    if sent.index == 0 and whens:
        rd.lead_when = whens[0][2]
    sent_mentions = rd.mentions[bisect_left(rd.m_starts, sent.start) : bisect_left(rd.m_starts, sent.end)]
    rd.fronts.extend(front_observation(rd.doc, sent, fo, sent_mentions) for fo in _FRONT.finditer(stext))
    if is_heading(stext) or is_war_toll(stext):
        rd.prev_when = whens[0][2] if whens else rd.prev_when
        return
    counts = sentence_counts(stext)
    found = [
        d
        for span in clause_spans(sent)
        for d in _code_clause(rd, sent, span, sent_mentions=sent_mentions, counts=counts, whens=whens)
    ]
    found = expand_enumerations(merge_same_sentence(found, text), text)
    rd.drafts.extend(found)
    rd.strike_before = rd.strike_before or any(d.event.kind == EventKind.STRIKE for d in found)
    told = [d for d in found if not d.trigger_less]
    if told:
        rd.last_kind = EventKind(max(told, key=lambda d: d.clause.start).event.kind)
    sent_actors = rd.actors[sent.index]
    ground = [x for x in sent_actors if x[2] not in _NOT_GROUND]
    if ground or sent_actors:
        x = (ground or sent_actors)[0]
        rd.prev_actor = (x[2], stext[x[0] : x[1]])
    when_from_context(found, sent, rd.lead_when, rd.prev_when)
    if whens:
        rd.prev_when = whens[0][2]


def find_events(doc: Document, mentions: list[Mention]) -> tuple[list[Event], list[FrontObservation]]:
    """Code the events and front observations of a document.

    The passes: sentences (:mod:`geo.extract.segment`), per clause the kinds it codes
    (:mod:`geo.extract.detect`), its casualties (:mod:`geo.extract.casualties`), actors and sides
    (:mod:`geo.extract.sides`) and place (:mod:`geo.extract.place`); then the merge of reports of
    one event (:mod:`geo.extract.merge`), places from context (:mod:`geo.extract.context`), dates
    (:mod:`geo.extract.timing`), event ids and the headline fold.

    Parameters
    ----------
    doc : Document
        The dispatch (``doc.text``, ``doc.date``, ``doc.date_precision``, ``doc.source``, ``doc.id``).
    mentions : list of Mention
        The document's place mentions, from :func:`geo.extract.mentions.find_mentions`.

    Returns
    -------
    (events, front_observations)
        Events in text order with flat ACLED-like fields; front observations ("à quatre
        kilomètres de X") with their distance in km.
    """
    text = doc.text
    m0 = DATE_PREFIX.match(text)
    sentences = split_sentences(text, m0.end() if m0 else 0)
    mentions = sorted(mentions, key=lambda m: m.start)
    actors = generic_jihadists([find_actors(sent.text) for sent in sentences], sentences)
    rd = _Reading(doc, mentions, [m.start for m in mentions], actors, [x[2] for acts in actors for x in acts])
    for sent in sentences:
        _code_sentence(rd, sent)
    events = merge_across_sentences(rd.drafts, text)
    syrian = [m for m in mentions if not m.foreign and not m.metonymic and m.name]
    place_from_context(events, rd.drafts, syrian=syrian, main=find_main_place(syrian), text=text, sentences=sentences)
    date_events(events, rd.fronts, doc, rd.lead_when)
    mark_totals(events, sentences)
    link_reports(events)
    events = fold_headline(events, text, sentences)
    for ev in events:
        ev.acled_event_type, ev.acled_sub_event_type = acled_types(ev.kind, ev.subtype, ev.new_controller)
        ev.actors = co_actors(ev)
    return events, rd.fronts
