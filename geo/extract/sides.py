"""Who acts in an event and who is the other side: the actor of a clause, the sides and status of a
control change, co-acting sides.
"""

from __future__ import annotations

import re
from itertools import pairwise

from geo.extract.actors import find_actors
from geo.extract.control_pass import (
    _CO_SUBJECT,
    ControlHit,
    _subject_head,
    control_status,
    opponent,
)
from geo.extract.folded import Folded
from geo.extract.segment import Sentence
from geo.lang.fr.cues import (
    AGENT_CUE,
    CO_ACTOR_GAP,
    EXPELLED,
    GENERIC_JIHADISTS,
    SOURCE_CUE,
    SUPPORT_CUE,
    TARGET_CTX,
    WEAPON_ACTOR,
)
from geo.lang.fr.triggers import CLAIM, PARTIAL, REVERSED
from geo.model import Event
from geo.vocab import Actor, ControlStatus, EventKind

#: The table patterns this pass searches most, searched by their lower-cased twins.
_TARGET_CTX = Folded(TARGET_CTX)
_SOURCE_CUE = Folded(SOURCE_CUE)
_SUPPORT_CUE = Folded(SUPPORT_CUE)
_AGENT_CUE = Folded(AGENT_CUE)

_I = re.IGNORECASE

#: An actor found in a text: (start, end, label), offsets into that text.
ActorSpan = tuple[int, int, Actor]


def event_actor(
    clause: str, anchor: int | None, kind: str, actors: list[ActorSpan] | None = None
) -> tuple[str | None, str | None, str | None]:
    """Return (actor, actor_text, other side) for a clause; ``anchor`` is the trigger offset."""
    if actors is None:
        actors = find_actors(clause)
    if not actors:
        return None, None, None
    agents = []
    targets = []
    named = None  # explicitly the agent: "attribuées aux jihadistes", "menés par", "bombardé par"
    for s, e, label in actors:
        before = clause[max(0, s - 50) : s]
        if _SUPPORT_CUE.search(before) and not (kind == EventKind.STRIKE and WEAPON_ACTOR.match(clause, s)):
            continue  # "soutenus par HTS", "appuyées par l'aviation russe": a backer, not the agent
        if _AGENT_CUE.search(before):
            if named is None:
                named = (s, e, label)
            continue
        if _SOURCE_CUE.search(before):
            continue  # who reports ("selon Moscou", "a indiqué l'armée russe") is not who acts
        if _TARGET_CTX.search(before[-40:]):
            targets.append((s, e, label))
        else:
            agents.append((s, e, label))
    pick = named
    if anchor is not None and kind == EventKind.STRIKE:
        # "raids du régime", "raids aériens russes", "bombardements rebelles": the actor right after the trigger
        for s, e, label in agents:
            if anchor <= s <= anchor + 45:
                pick = (s, e, label)
                break
    if pick is None and agents:
        pick = agents[0]
    other = targets[0][2] if targets else None
    if pick is None:
        return None, None, other
    return pick[2], clause[pick[0] : pick[1]], other


def passive_control_sides(
    clause: str, match: re.Match[str] | None, actors: list[ActorSpan]
) -> tuple[str | None, str | None]:
    """(new, previous) controller of passive and "fell to" control changes, else (None, None).

    "X est tombé aux mains de Y" / "passé sous le contrôle de Y": Y takes X. "X a été repris(e) par
    Y": Y takes. "Les jihadistes ont été chassés de X par Y": Y takes, the jihadists lose. "Y ont
    délogé les insurgés de X": the insurgents lose.
    """
    if match is None or not actors:
        return None, None
    verb = match.group()
    a, b = match.start(), match.end()
    if re.search(r"(?:mains|contr[ôo]le)$", verb, _I):
        # "... aux mains des forces du régime", "... sous le contrôle de l'armée": the actor right after
        after = [x for x in actors if b <= x[0] <= b + 25]
        before = [x for x in actors if x[1] <= a]
        return (after[0][2] if after else None), (before[-1][2] if before and EXPELLED.search(verb) else None)
    passive = re.search(r"\b[ée]t[ée]\b", verb)
    if passive:
        par = re.compile(r"\bpar\s+(?:l['’]|la\s+|les\s+|le\s+|des\s+)?$", _I)
        agent = next((x for x in actors if x[0] >= b and par.search(clause[max(b, x[0] - 30) : x[0]])), None)
        before = [x for x in actors if x[1] <= a]
        prev = before[-1][2] if before and EXPELLED.search(verb) else None
        return (agent[2] if agent else None), prev
    if EXPELLED.search(verb):
        obj = next((x for x in actors if b <= x[0] <= b + 25), None)
        subj = _subject_head(clause, [x for x in actors if x[1] <= a])
        if obj is not None:
            return (subj[-1][2] if subj else None), obj[2]
    return None, None


def label_text(clause: str, actors: list[ActorSpan], label: str | None) -> str | None:
    """The text of the first actor of ``label`` in a clause."""
    x = next((x for x in actors if x[2] == label), None) if label else None
    return clause[x[0] : x[1]] if x else None


def can_act(clause: str, start: int) -> bool:
    """An actor at ``start`` can act: not who reports ("selon l'armée"), not a backer ("appuyés par")."""
    before = clause[max(0, start - 50) : start]
    return not _SOURCE_CUE.search(before) and not _SUPPORT_CUE.search(before)


def pronoun_subject(clause: str, at: int) -> bool:
    """ "Elles ont délogé ...", "ils avaient repris": the subject is the actor of the sentence before."""
    return bool(
        re.search(r"(?:^|[\s,;])(?:elles?|ils?)\s+(?:[\w’'\-]+\s+){0,3}$", clause[max(0, at - 40) : at], _I)
    ) and not find_actors(clause[:at])


def complete_sides(ev: Event, sentence_actors: list[str], doc_actors: list[str]) -> None:
    """Fill the side the text leaves implicit: the loser of a capture, the winner of a withdrawal."""
    if ev.new_controller is None and ev.previous_controller is not None:
        ev.new_controller = opponent(ev.previous_controller, sentence_actors, doc_actors)
    elif ev.previous_controller is None and ev.new_controller is not None:
        ev.previous_controller = opponent(ev.new_controller, sentence_actors, doc_actors)


def generic_jihadists(all_actors: list[list[ActorSpan]], sentences: list[Sentence]) -> list[list[ActorSpan]]:
    """In a dispatch about the Islamic State that names no HTS-type group, "les jihadistes" are IS."""
    labels = [(x[2], sent.text[x[0] : x[1]]) for acts, sent in zip(all_actors, sentences, strict=True) for x in acts]
    if not any(lab == Actor.IS for lab, _t in labels):
        return all_actors
    if any(lab == Actor.HTS and not GENERIC_JIHADISTS.fullmatch(t.strip()) for lab, t in labels):
        return all_actors
    return [
        [
            (s, e, Actor.IS if lab == Actor.HTS and GENERIC_JIHADISTS.fullmatch(sent.text[s:e].strip()) else lab)
            for s, e, lab in acts
        ]
        for acts, sent in zip(all_actors, sentences, strict=True)
    ]


def co_actors(ev: Event) -> str | None:
    """ "regime + Russia" when the evidence names the event's actor together with another one."""
    if not ev.actor or not ev.actor_text or ev.kind in (EventKind.DISPLACEMENT, EventKind.CLASH):
        return ev.actor  # in a clash, "A et B" are the two opposing sides (``actor`` and ``target``)
    found = find_actors(ev.evidence)
    i = next((k for k, x in enumerate(found) if ev.evidence[x[0] : x[1]] == ev.actor_text and x[2] == ev.actor), None)
    if i is None:
        return ev.actor
    labels = [ev.actor]
    for prev_x, x in pairwise(found[i:]):
        gap = ev.evidence[prev_x[1] : x[0]]
        if not (CO_ACTOR_GAP.match(gap) or _CO_SUBJECT.match(gap)):
            break
        if x[2] not in labels and x[2] not in (ev.previous_controller, ev.target):
            labels.append(x[2])
    return " + ".join(labels)


def change_status(clause: str, sentence: str, match: re.Match[str] | ControlHit | None) -> str:
    """How far a control change holds (:class:`geo.vocab.ControlStatus`): reversed or denied as the
    sentence goes on, claimed by one side, partial ("sont entrés dans"), else complete."""
    if isinstance(match, ControlHit):
        after = sentence[sentence.find(clause) + match.end :] if clause in sentence else sentence
        return control_status(clause, sentence, after) or ControlStatus.COMPLETE
    after = sentence[sentence.find(clause) + (match.end() if match else 0) :] if clause in sentence else sentence
    st = control_status(clause, sentence, after)
    if st in (ControlStatus.REVERSED, ControlStatus.DENIED):
        return st
    after = sentence[sentence.find(clause) + (match.end() if match else 0) :] if clause in sentence else sentence
    if REVERSED.search(after):
        return ControlStatus.REVERSED
    if CLAIM.search(sentence) or st == ControlStatus.CLAIMED:
        return ControlStatus.CLAIMED
    if (match is not None and PARTIAL.search(match.group())) or re.search(
        r"\bune\s+partie\b|partiellement|en\s+partie", clause, _I
    ):
        return ControlStatus.PARTIAL
    return ControlStatus.COMPLETE
