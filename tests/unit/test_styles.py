"""The QGIS styles and the web map use one palette."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from importlib import resources


def _category_colours(layer: str, attribute: str) -> dict[str, str]:
    root = ET.fromstring((resources.files("geo.write") / "styles" / f"{layer}.qml").read_text(encoding="utf-8"))
    renderer = root.find("renderer-v2")
    assert renderer is not None and renderer.get("attr") == attribute
    by_symbol = {c.get("symbol"): c.get("value") for c in renderer.iter("category")}
    colours = {}
    for sym in renderer.find("symbols") or []:
        value = by_symbol.get(sym.get("name"))
        layer_el = sym.find("layer")
        if not value or layer_el is None:  # "" is the catch-all category
            continue
        opts = {p.get("k"): p.get("v") for p in layer_el.iter("prop")}
        r, g, b = (int(x) for x in opts["color"].split(",")[:3])
        colours[value] = f"#{r:02x}{g:02x}{b:02x}"
    return colours


def test_events_style_uses_the_map_palette() -> None:
    from geo.render.webmap import ACTOR_COLORS

    colours = _category_colours("events", "actor")
    assert len(colours) >= 10
    for actor, colour in colours.items():
        assert colour == ACTOR_COLORS[actor], actor
