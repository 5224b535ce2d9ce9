"""Records that flow through the pipeline: documents, place mentions, events, front observations.

One :class:`Document` at a time goes through reading -> extraction -> output, so the pipeline
streams (a Dask engine can later map :func:`geo.extract.document.extract` over partitions).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from geo.vocab import Actor, EventKind

__all__ = [
    "ACTORS",
    "EVENT_KINDS",
    "ControlState",
    "Document",
    "Event",
    "FrontObservation",
    "Mention",
]

#: The event kinds of :class:`geo.vocab.EventKind`, as the strings of the outputs.
EVENT_KINDS: tuple[str, ...] = tuple(EventKind)

#: Normalised actor labels (:class:`geo.vocab.Actor`; the controllers are :class:`geo.vocab.Controller`).
ACTORS: tuple[str, ...] = tuple(Actor)


@dataclass(slots=True)
class Mention:
    """A place named in a document.

    ``start``/``end`` are Python ``str`` offsets in the text as read (after decoding), so
    ``doc.text[m.start:m.end] == m.surface``. Unresolved mentions keep ``name=None``.
    """

    surface: str
    start: int
    end: int
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    kind: str | None = None
    adm1: str | None = None
    adm1_pcode: str | None = None
    score: float = 0.0
    foreign: bool = False
    metonymic: bool = False
    source: str | None = None
    #: The gazetteer's id of the resolved place (``"curated:12"``, ``"geonames:170063"``), None when unresolved.
    place_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return asdict(self)


@dataclass(slots=True)
class Event:
    """One coded event, flat keys (ACLED-like precision codes)."""

    kind: str
    subtype: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    adm1: str | None = None
    adm1_pcode: str | None = None
    geo_precision: int | None = None
    when: str | None = None
    date: str | None = None
    date_precision: str | None = None
    actor: str | None = None
    actor_text: str | None = None
    target: str | None = None
    killed: int | None = None
    killed_min: bool = False
    killed_approx: bool = False
    children_killed: int | None = None
    injured: int | None = None
    displaced: int | None = None
    cumulative: bool = False
    is_total: bool = False
    new_controller: str | None = None
    previous_controller: str | None = None
    status: str | None = None
    evidence: str = ""
    source: str = ""
    doc_id: str = ""
    start: int = 0
    end: int = 0
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    #: Reports of one event (a headline, the lead, a revised toll) share one id; see geo.extract.events.
    event_id: str | None = None
    #: Every acting side when the text names two or more together ("le régime et son allié russe"): "regime + Russia".
    actors: str | None = None
    #: Every source that reported the event, joined by "; " (``source`` is the first).
    sources: str | None = None
    #: The gazetteer's id of the place (the resolved mention's ``place_id``), None when unresolved.
    place_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return asdict(self)


@dataclass(slots=True)
class ControlState:
    """A control *state* read in a dispatch ("X, contrôlé par Y", "les quartiers rebelles de X"): not a change."""

    place: str | None
    lat: float | None
    lon: float | None
    adm1_pcode: str | None
    controller: str
    date: str | None
    date_precision: str | None
    evidence: str
    source: str
    start: int = 0
    end: int = 0
    #: "partial" when only part of the place is held ("les quartiers rebelles d'Alep").
    status: str = "complete"

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return asdict(self)


@dataclass(slots=True)
class FrontObservation:
    """A position statement ("à quatre kilomètres de Maaret al-Noomane"): not an event."""

    actor: str | None
    place: str | None
    lat: float | None
    lon: float | None
    distance_km: float | None
    date: str | None
    date_precision: str | None
    evidence: str
    source: str
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return asdict(self)


@dataclass(slots=True)
class Document:
    """One dispatch as read, then as extracted.

    ``date`` is ``"YYYY-MM-DD"`` or ``"YYYY-MM"`` with ``date_precision`` ``"day"`` or ``"month"``.
    """

    id: str
    source: str
    text: str
    date: str | None = None
    date_precision: str | None = None
    title: str | None = None
    url: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    front_observations: list[FrontObservation] = field(default_factory=list)
    control_states: list[ControlState] = field(default_factory=list)

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        """Return the JSON Lines record: source, date, date_precision, mentions, events."""
        d: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "date": self.date,
            "date_precision": self.date_precision,
            "title": self.title,
            "url": self.url,
            "mentions": [m.to_dict() for m in self.mentions],
            "events": [e.to_dict() for e in self.events],
            "front_observations": [f.to_dict() for f in self.front_observations],
            "control_states": [c.to_dict() for c in self.control_states],
        }
        if with_text:
            d["text"] = self.text
        return d
