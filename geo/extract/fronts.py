"""Front observations: "les forces du régime sont à quatre kilomètres de X"."""

from __future__ import annotations

import re

from geo.extract.actors import find_actors
from geo.extract.segment import Sentence
from geo.model import Document, FrontObservation, Mention

_I = re.IGNORECASE


def front_observation(doc: Document, sent: Sentence, fo: re.Match[str], mentions: list[Mention]) -> FrontObservation:
    """A front observation ("sont à quatre kilomètres de X"): the actor before, the place after, the
    distance in km."""
    from geo.extract.numbers import parse_count

    num = fo.group("num")
    cnt = (
        parse_count(re.sub(r"^(?:moins\s+de|environ|pr[èe]s\s+de|quelque)\s+", "", num, flags=_I).replace(",", "."))
        if num
        else None
    )
    dist: float | None = float(cnt.value) if cnt else None
    if dist is None:
        try:
            dist = float(num.replace(",", "."))
        except ValueError:
            dist = None
    after = sent.start + fo.end()
    place = next((m for m in mentions if m.start >= after and not m.foreign), None)
    actors = find_actors(sent.text[: fo.start()])
    return FrontObservation(
        actor=actors[-1][2] if actors else None,
        place=place.name if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        distance_km=dist,
        date=None,
        date_precision=None,
        evidence=sent.text,
        source=doc.source,
        start=sent.start,
        end=sent.end,
    )
