"""Identify the locality of an observation through the run's gazetteer (canonical name and place id)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, Protocol, TypeAlias

from gazetteer.distance import haversine_km

if TYPE_CHECKING:  # pragma: no cover
    from gazetteer.types import Resolution

__all__ = ["ADOPT_KM", "GazetteerLike", "GazetteerOption", "NameResolver"]

#: A name resolving to a gazetteer place farther than this (km) from the row's coordinates is not
#: taken as that place: the row keeps its own name and has no place id.
ADOPT_KM = 3.0

#: Gazetteer kinds that are not localities (a row is never identified with one of them).
NOT_LOCALITY = frozenset({"country", "governorate", "district", "subdistrict", "region", "foreign"})

_NUMERIC = re.compile(r"[\d.,\s-]+")


class GazetteerLike(Protocol):
    """What the control table needs of a gazetteer: :meth:`gazetteer.Gazetteer.resolve`."""

    def resolve(
        self, name: str, *, near: tuple[float, float] | Sequence[tuple[float, float]] | None = None
    ) -> Resolution:
        """Resolve one place name, optionally near a point."""
        ...


#: A gazetteer, ``None`` for the process-wide default, or ``False`` for no resolution at all.
GazetteerOption: TypeAlias = "GazetteerLike | Literal[False] | None"


class NameResolver:
    """Resolve place names through a gazetteer.

    ``gazetteer`` is the run's gazetteer (an object with ``resolve(name, near=None)``), ``None``
    for the process-wide :meth:`gazetteer.Gazetteer.default` (taken on first use, for direct
    library users), or ``False`` (no gazetteer: names are never resolved).
    """

    def __init__(self, gazetteer: GazetteerOption) -> None:
        self._gaz = gazetteer

    def _gazetteer(self) -> GazetteerLike | Literal[False]:
        if self._gaz is None:
            from gazetteer.resolver import Gazetteer

            self._gaz = Gazetteer.default()
        return self._gaz

    def _resolve(self, name: str, near: tuple[float, float] | None) -> Resolution | None:
        gaz = self._gazetteer()
        if gaz is False:
            return None
        res = gaz.resolve(name) if near is None else gaz.resolve(name, near=near)
        if res is None or res.name is None or res.lat is None or res.lon is None:
            return None
        if res.foreign or (near is not None and res.kind in NOT_LOCALITY):
            return None
        return res

    def locate(self, name: str) -> tuple[float, float, str, str | None] | None:
        """``(lat, lon, canonical name, place id)`` of a name without coordinates, or None."""
        res = self._resolve(name, None)
        if res is None or res.lat is None or res.lon is None:
            return None
        return float(res.lat), float(res.lon), str(res.name), res.place_id

    def identify(self, name: str, lat: float, lon: float) -> tuple[str, str | None] | None:
        """``(canonical name, place id)`` when ``name`` resolves to a locality within :data:`ADOPT_KM`."""
        if _NUMERIC.fullmatch(name):
            return None
        res = self._resolve(name, (lat, lon))
        if res is None or res.lat is None or res.lon is None:
            return None
        if haversine_km(lat, lon, float(res.lat), float(res.lon)) > ADOPT_KM:
            return None
        return str(res.name), res.place_id
