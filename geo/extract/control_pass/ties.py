"""Where a control-change trigger finds its place when it is not right next to it: the head of an
apposition ("X, petite ville du nord, est tombée"), a place named among those counted ("ont abandonné
six quartiers, dont celui de X"), the place after "de" of "chassé de X", the place before "dont".
"""

from __future__ import annotations

import re

from geo.lang.fr import control as fr
from geo.model import Mention

__all__ = ["DONT", "FROM_PLACE", "among_them", "apposition_head", "control_place", "strip_agent"]

_I = re.IGNORECASE


def control_place(m: Mention) -> bool:
    """A Syrian place a control change can be tied to: resolved, or an unknown name the mention pass kept
    ("ont repris le village de Khirbet Xyz": the change is told even when the gazetteer lacks the village)."""
    return not m.foreign and not m.metonymic and (m.name is not None or (m.kind is None and m.surface[:1].isupper()))

FROM_PLACE = re.compile(
    r"\s*(?:de|d['’]|du|des)\s*(?:(?:la\s+)?(?:ville|localit[ée]|village|quartier)\s+(?:de\s+|d['’]))?$", _I
)
DONT = re.compile(r"\s*,\s*dont\s*", _I)

#: An apposition between a place and its trigger: "X, ancienne place forte et première ville tombée aux mains
#: de", "X, principal point de passage vers la frontière, repris la veille", "X, ville à l'est de Y, s'est rendue".
_AP = "['’]"
_APPOSITION = re.compile(
    rf"\s*,\s*{fr.APPOSITION_START.replace('{AP}', _AP)}\b(?P<np>[^.;:()\"«»]{{0,100}}?)"
    r"(?:,\s*)?(?:qui\s+(?:a|est|avait)\s+(?:[ée]t[ée]\s+)?|a\s+[ée]t[ée]\s+|est\s+|avait\s+[ée]t[ée]\s+|[ée]tait\s+)?",
    _I,
)
_NOT_APPOSITION = re.compile(rf"(?<!['’])\b{fr.APPOSITION_BREAK.replace('{AP}', _AP)}\b", _I)


def apposition_head(clause: str, at: int, spans: list[tuple[int, int, Mention]]) -> Mention | None:
    """The place an apposition describes, the trigger following it: the earliest such mention before ``at``."""
    for _s, e, x in spans:
        if e > at or at - e > 130:
            continue
        m = _APPOSITION.fullmatch(clause, e, at)
        if m and not _NOT_APPOSITION.search(m.group("np")) and x.kind != "country":
            return x
    return None


#: "ont abandonné six quartiers, dont celui de X": the place named among those the trigger counts.
_AMONG = re.compile(rf"[^.;:]{{0,140}}?{fr.AMONG.replace('{AP}', _AP)}", _I)


def among_them(clause: str, end: int, spans: list[tuple[int, int, Mention]]) -> Mention | None:
    """The next place after a trigger ending at ``end`` when it is named "dont celui de X" (else None)."""
    nxt = next(((s, x) for s, _e, x in spans if s >= end), None)
    if nxt is not None and _AMONG.fullmatch(clause, end, nxt[0]):
        return nxt[1]
    return None


def strip_agent(gap: str) -> str:
    """Drop "par les rebelles", "dimanche par les troupes gouvernementales" from a gap before the place,
    the side that lost it ("repris à l'EI les villages de", "pris au groupe Etat islamique (EI)") and who
    laid a siege ("le siège imposé depuis trois ans par l'EI à")."""
    gap = re.sub(r"\bimpos[ée]e?s?\s+[^,.;:]{0,90}?(?=\s(?:[àa]|au|aux)\s)", " ", gap, flags=_I)
    return _strip_loser(re.sub(r"\bpar\s+(?:[\w’'\-]+\s+){1,6}?(?=de\s|d['’]|du\s)", " ", gap, flags=_I))


_TO_SIDE = re.compile(r"(?:^|\s)(?:à|au|aux)\s+(?:l['’]|la\s+|les\s+|le\s+)?$", _I)


def _strip_loser(gap: str) -> str:
    """Drop "à l'EI", "aux forces kurdes", "au groupe Etat islamique (EI)": the side a place was taken from."""
    if not re.search(r"(?:^|\s)(?:à|au|aux)\s", gap, _I):
        return gap
    from geo.extract.actors import find_actors

    acts = find_actors(gap)
    for i, (s, e, _label) in enumerate(acts):
        pre = _TO_SIDE.search(gap, 0, s)
        if pre is None:
            continue
        end = e
        for s2, e2, _l2 in acts[i + 1 :]:  # "l'Etat islamique (EI)": one side named twice
            if not re.fullmatch(r"[\s(]*", gap[end:s2]):
                break
            end = e2
        close = re.match(r"\s*\)", gap[end:])
        return gap[: pre.start()] + " " + gap[end + (close.end() if close else 0) :]
    return gap


