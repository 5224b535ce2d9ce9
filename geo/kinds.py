"""The one registry of event kinds: what each kind is called, where it goes on the map, its ACLED type.

The map (:mod:`geo.render.webmap`), the aggregates (:mod:`geo.spatial.aggregate`), the GeoPackage styles and the
evaluation (:mod:`geo.evaluate`) read :data:`KINDS`, so a new kind cannot be silently left off the
map: every kind names its map layer. ACLED's event and sub-event types follow the ACLED codebook
(2023): Explosions/Remote violence, Battles, Violence against civilians, Strategic developments.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.vocab import Actor, EventKind

__all__ = ["EVENT_KINDS", "KINDS", "EventKind", "KindInfo", "acled_types", "kinds_on_layer"]


@dataclass(frozen=True, slots=True)
class KindInfo:
    """What the outputs need to know about a kind."""

    label: str
    colour: str
    layer: str  # map layer: "strikes", "others" or "changes"
    acled_event_type: str
    acled_sub_event_type: str  # the default; :func:`acled_types` refines it per event
    counts_casualties: bool


KINDS: dict[EventKind, KindInfo] = {
    EventKind.STRIKE: KindInfo("Strike", "#d7301f", "strikes", "Explosions/Remote violence", "Air/drone strike", True),
    EventKind.CLASH: KindInfo("Clash", "#7a0177", "others", "Battles", "Armed clash", True),
    EventKind.CONTROL_CHANGE: KindInfo(
        "Control change", "#08519c", "changes", "Battles", "Non-state actor overtakes territory", False
    ),
    EventKind.DISPLACEMENT: KindInfo("Displacement", "#636363", "others", "Strategic developments", "Other", False),
    EventKind.VIOLENCE_AGAINST_CIVILIANS: KindInfo(
        "Violence against civilians", "#99000d", "others", "Violence against civilians", "Attack", True
    ),
}

#: Every kind, in registry order (the strings of the outputs).
EVENT_KINDS: tuple[str, ...] = tuple(k.value for k in KINDS)

_STRIKE_SUB = {
    "air": "Air/drone strike",
    "drone": "Air/drone strike",
    "barrel_bomb": "Air/drone strike",
    "shelling": "Shelling/artillery/missile attack",
    "rocket": "Shelling/artillery/missile attack",
    "missile": "Shelling/artillery/missile attack",
    "explosion": "Remote explosive/landmine/IED",
    "suicide": "Suicide bomb",
    "chemical": "Chemical weapon",
}
#: Sides whose gains ACLED codes "Government regains territory" (the regime and its allies on the ground).
_GOVERNMENTS = {Actor.REGIME, Actor.RUSSIA, Actor.IRAN, "government"}


def acled_types(
    kind: str, subtype: str | None = None, new_controller: str | None = None
) -> tuple[str | None, str | None]:
    """(ACLED event type, sub-event type) of an event; (None, None) for an unknown kind."""
    try:
        info = KINDS[EventKind(kind)]
    except ValueError:
        return None, None
    sub = info.acled_sub_event_type
    if kind == EventKind.STRIKE and subtype in _STRIKE_SUB:
        sub = _STRIKE_SUB[subtype]
    elif kind == EventKind.CONTROL_CHANGE and new_controller in _GOVERNMENTS:
        sub = "Government regains territory"
    elif kind == EventKind.VIOLENCE_AGAINST_CIVILIANS and subtype == "abduction":
        sub = "Abduction/forced disappearance"
    return info.acled_event_type, sub


def kinds_on_layer(layer: str) -> list[str]:
    """The kinds a map layer draws ("strikes", "others", "changes")."""
    return [k.value for k, info in KINDS.items() if info.layer == layer]
