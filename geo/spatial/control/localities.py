"""Locality identity: which observations are one locality (place id, rounded coordinates, nearness).

Observations with the same key (:func:`geo.spatial.control.observation.locality_key`) are one
locality. An observation whose key is new joins the nearest known locality within
``same_place_km`` unless both carry *different* gazetteer ids. A locality keeps the name, id and
coordinates of its first observation (baseline rows first): its *anchor*.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from gazetteer.distance import haversine_km
from geo.spatial.control.observation import ControlObservation, locality_key

__all__ = ["Localities", "group_localities"]


@dataclass(slots=True)
class Localities:
    """Observations grouped by locality key, each group sorted by date, and each locality's anchor."""

    groups: dict[str, list[ControlObservation]] = field(default_factory=dict)
    anchors: dict[str, ControlObservation] = field(default_factory=dict)


@dataclass(slots=True)
class _Grid:
    """Anchors bucketed on a grid of about ``tol_km`` (degrees of latitude), for the nearness search."""

    tol_km: float
    cell: float
    buckets: dict[tuple[int, int], list[str]] = field(default_factory=dict)

    def at(self, lat: float, lon: float) -> tuple[int, int]:
        return int(lat // self.cell), int(lon // self.cell)

    def add(self, key: str, o: ControlObservation) -> None:
        self.buckets.setdefault(self.at(o.lat, o.lon), []).append(key)

    def nearest(self, o: ControlObservation, anchors: Mapping[str, ControlObservation]) -> str | None:
        """Key of the nearest locality within ``tol_km`` that ``o`` may be, or None.

        Two different gazetteer ids are two places, however close.
        """
        i, j = self.at(o.lat, o.lon)
        span = math.ceil(1 / max(math.cos(math.radians(min(abs(o.lat), 89.0))), 1e-3))  # lon cells are narrower
        best: tuple[float, str] | None = None
        for di in (-1, 0, 1):
            for dj in range(-span, span + 1):
                for g in self.buckets.get((i + di, j + dj), ()):
                    a = anchors[g]
                    if o.place_id and a.place_id and a.place_id != o.place_id:
                        continue
                    d = haversine_km(a.lat, a.lon, o.lat, o.lon)
                    if d <= self.tol_km and (best is None or d < best[0]):
                        best = (d, g)
        return best[1] if best else None


def group_localities(observations: Iterable[ControlObservation], same_place_km: float) -> Localities:
    """Group observations by locality (module docstring); baseline rows are placed first."""
    out = Localities()
    alias: dict[str, str] = {}  # place id -> key of the group it joined
    grid = _Grid(same_place_km, max(same_place_km / 111.0, 1e-6))
    for o in sorted(observations, key=lambda o: o.kind != "baseline"):
        k = locality_key(o)
        k = alias.get(k, k)
        if k not in out.groups:
            near = grid.nearest(o, out.anchors)
            if near is not None:
                if o.place_id:
                    alias[o.place_id] = near
                k = near
        if k not in out.groups:
            out.anchors[k] = o
            grid.add(k, o)
        out.groups.setdefault(k, []).append(o)
    for obs in out.groups.values():
        obs.sort(key=lambda o: (o.date, o.kind == "dispatch"))
    return out
