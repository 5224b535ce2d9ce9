"""Shipped basemap layers beyond the governorates: the neighbouring countries (``geo/data/<neighbours>``).

The file is the active country profile's ``neighbours`` (:func:`gazetteer.profile.active`;
``neighbours.geojson`` for Syria).

Natural Earth (public domain) through Debian's ``qgis-common`` ``world_map.gpkg``, clipped to the
map's frame by :func:`geo.spatial.derive.write_neighbours` (see ``geo/data/README.md``). That file has no
rivers, lakes or roads, and no licence-clean source of them is installed here, so the basemap has
none (the page script draws them when a future data file provides ``rivers``/``lakes``/``roads``).
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from gazetteer import profile

__all__ = ["basemap_layers"]


def basemap_layers() -> dict[str, Any]:
    """Return ``{"countries": FeatureCollection}`` (empty dict when the data file is missing)."""
    return _layers(profile.active().neighbours)


@functools.lru_cache(maxsize=4)
def _layers(neighbours: str) -> dict[str, Any]:
    res = resources.files("geo") / "data" / neighbours
    if not res.is_file():
        return {}
    data = json.loads(res.read_text(encoding="utf-8"))
    for feature in data.get("features", []):
        feature["properties"] = {"name": feature.get("properties", {}).get("name") or ""}
    return {"countries": data}
