"""Small typed records shared by every gazetteer source and the resolver."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["KINDS", "Place", "PlaceKind", "Resolution"]


class PlaceKind(StrEnum):
    """What a place is, from the largest to the smallest unit (members are their file strings)."""

    COUNTRY = "country"
    GOVERNORATE = "governorate"
    DISTRICT = "district"
    SUBDISTRICT = "subdistrict"
    REGION = "region"
    CITY = "city"
    TOWN = "town"
    VILLAGE = "village"
    NEIGHBOURHOOD = "neighbourhood"
    CAMP = "camp"
    MILITARY_SITE = "military site"
    ROAD = "road"
    OTHER = "other"
    FOREIGN = "foreign"


#: Every place kind, as strings, from the largest to the smallest unit (the order of :class:`PlaceKind`).
KINDS: tuple[str, ...] = tuple(k.value for k in PlaceKind)


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer record: a place with every name it is known by.

    Parameters
    ----------
    id
        Identifier unique within its source (e.g. ``"geonames:170063"``, ``"curated:12"``).
    name
        Canonical name (English/ASCII transliteration, e.g. ``"Maarat al-Numan"``).
    lat, lon
        WGS84 coordinates of the place's point (``None`` for foreign places).
    kind
        A :class:`PlaceKind` value (one of :data:`KINDS`).
    adm1_pcode
        OCHA P-code of the governorate (``"SY07"``), or ``None``.
    names
        Every spelling: canonical, ASCII, alternates (Arabic script included), French forms.
    source
        Registry name of the source that produced it (``"embedded"``, ``"csv"`` ...).
    population
        Population when known (0 otherwise); a weak prior between homonyms.
    raw
        The source's own record, untouched, so a user can see why a match was made.
    """

    id: str
    name: str
    lat: float | None
    lon: float | None
    kind: str
    adm1_pcode: str | None
    names: tuple[str, ...]
    source: str
    population: int = 0
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(slots=True)
class Resolution:
    """The answer to one query: a place, or an honest "unresolved".

    ``name`` is ``None`` when nothing scored above the confidence threshold.
    ``candidates`` holds the other scored places (best first) so ambiguity stays visible.
    """

    query: str
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    kind: str | None = None
    adm1: str | None = None
    adm1_pcode: str | None = None
    score: float = 0.0
    source: str | None = None
    place_id: str | None = None
    foreign: bool = False
    raw: Mapping[str, Any] = field(default_factory=dict)
    candidates: list[Resolution] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        """True when a place was chosen."""
        return self.name is not None

    def to_dict(self, *, with_raw: bool = False, with_candidates: bool = False) -> dict[str, Any]:
        """Return a JSON-ready dict with the documented keys.

        Parameters
        ----------
        with_raw
            Include the source's raw record under ``"raw"``.
        with_candidates
            Include the alternative candidates under ``"candidates"``.
        """
        d = asdict(self)
        d.pop("candidates")
        d.pop("raw")
        d["score"] = round(float(self.score), 4)
        if with_raw:
            d["raw"] = dict(self.raw)
        if with_candidates:
            d["candidates"] = [c.to_dict() for c in self.candidates]
        return d
