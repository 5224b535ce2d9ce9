"""How far a change holds (:func:`control_status`) and control *states* ("X, contrôlé par Y", "les
quartiers rebelles de X") read as observations, never as changes (:func:`find_states`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from geo.extract.control_pass.triggers import _I, _word_res
from geo.lang.fr import control as fr
from geo.model import Mention
from geo.vocab import ControlStatus


def control_status(clause: str, sentence: str, after_trigger: str, next_sentence: str = "") -> ControlStatus | None:
    """reversed / claimed / denied / partial for a hit, None when nothing qualifies it."""
    w = _word_res()
    if w["reversed"].search(after_trigger) or re.search(
        r"\b(?:bri[èe]vement|temporairement|momentan[ée]ment)\b", clause, _I
    ):
        return ControlStatus.REVERSED
    if w["denied"].search(sentence) or (
        next_sentence and re.match(r"^\W*(?:\w+\s+){0,6}?(?:a\s+)?d[ée]menti?", next_sentence, _I)
    ):
        return ControlStatus.DENIED
    if w["claim"].search(sentence):
        return ControlStatus.CLAIMED
    if w["partial"].search(clause):
        return ControlStatus.PARTIAL
    return None


def find_states(
    sentence: str, mentions: Sequence[Mention], sent_start: int, actors: Sequence[tuple[int, int, str]]
) -> list[tuple[Mention, str, int, int]]:
    """Control states of a sentence: (mention, holder, start, end) in sentence offsets.

    ``holder`` ends with ``"|partial"`` when only part of the place is held ("les quartiers rebelles d'Alep").

    "X, contrôlé par Y", "X, tenu par Y", "X, aux mains de Y", "sous le contrôle de Y" (the place
    just before), and "les quartiers rebelles de X" (the adjective names the holder).
    """
    w = _word_res()
    out: list[tuple[Mention, str, int, int]] = []
    for m in mentions:
        s, e = m.start - sent_start, m.end - sent_start
        before = sentence[max(0, s - 60) : s]
        adj = w["state_adj"].search(before)
        if adj:
            key = next(k for k in fr.STATE_ADJECTIVE if re.fullmatch(k, adj.group("adj"), _I))
            part = bool(re.match(r"(?:quartiers|secteurs|partie|poches?|zones|enclaves?)\b", adj.group(), _I))
            out.append((m, fr.STATE_ADJECTIVE[key] + ("|partial" if part else ""), s, e))
            continue
        for x in actors if not m.metonymic else ():
            if x[0] <= e or x[0] - e > 70:
                continue
            gap = sentence[e : x[0]]
            if re.search(r"[.;]", gap):
                break
            if w["state_agent"].search(gap) and not re.search(r"tomb|pass[ée]", gap, _I):
                out.append((m, x[2], s, x[1]))
            break
    return out

