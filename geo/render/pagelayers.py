"""The page elements of the map: styles, the page script, the data blocks, the basemap and the layers.

Every script is a file of ``geo/render/static`` (read by :mod:`geo.render.assets`) called with JSON
arguments (:func:`geo.render.html.script_json`): the Jinja2 templates here are glue written in this
module, never dispatch text, and the elements never re-compile their output (:mod:`geo.render.html`).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from geo.render.assets import asset_text, script_asset
from geo.render.html import page_of, raw_element, safe_layer_class, safe_macro, script_json
from geo.vocab import EventKind

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas as gpd

__all__ = [
    "TOWN_RANKS",
    "TOWN_ZOOMS",
    "add_event_layers",
    "add_page_head",
    "basemap",
    "canvas_layer",
    "data_element",
    "js_layer",
    "library",
    "nonempty",
    "ready",
    "tile_layer",
    "town_data",
]

#: Town labels: a town of rank r (0 biggest) is labelled from zoom TOWN_ZOOMS[r].
TOWN_RANKS = (1_000_000, 200_000, 50_000, 10_000, 0)
TOWN_ZOOMS = (5, 7, 8, 9, 11)



def _template(text: str) -> Any:
    from jinja2 import Template

    return Template(text)


def _call(code: str) -> Any:
    """Glue: run ``code`` (a call of the function that ``this.source`` declares) in its own scope."""
    return _template("{% macro script(this, kwargs) %}(function () {\n{{ this.source }}\n" + code
                     + "\n})();{% endmacro %}")


def add_page_head(fmap: folium.Map) -> None:
    """Add the page's styles (``static/map.css``) and an inline favicon (the page fetches nothing)."""
    header = page_of(fmap).header
    header.add_child(raw_element(f"\n<style>\n{asset_text('map.css')}</style>\n"), name="conflictmap_css")
    header.add_child(raw_element('<link rel="icon" href="data:,">'), name="conflictmap_icon")


def library() -> Any:
    """The page script (Leaflet.heat and ``static/cm-map.js``): runs after Leaflet and the map, before every layer."""
    return safe_macro("CmLibrary", _template("{% macro script(this, kwargs) %}{{ this.source }}{% endmacro %}"),
                      source=script_asset("leaflet-heat.js", "unpack.js", "cm-map.js"))


def data_element(fmap: folium.Map, events: str, mentions: dict[str, Any] | None,
                 towns: dict[str, Any] | None) -> Any:
    """The page's data as ``<script type="application/json">`` blocks (``JSON.parse`` is much faster
    than a script literal of the same size) and the script that hands them to the page script.

    ``events`` is JSON text already safe in a ``<script>`` (:func:`geo.render.html.script_json`), or
    the placeholder that :func:`geo.render.webmap.save_map` replaces with the spooled data.
    """
    blocks = {"cm-data-events": events, "cm-data-mentions": mentions, "cm-data-towns": towns}
    for key, value in blocks.items():
        if value is not None:
            body = value if isinstance(value, str) else script_json(value)
            page_of(fmap).html.add_child(
                raw_element(f'<script type="application/json" id="{key}">{body}</script>'), name=key
            )
    return safe_macro("CmData", _call("cmReadData({{ this.zooms }});"),
                      source=script_asset("page-data.js"), zooms=script_json(list(TOWN_ZOOMS)))


@functools.lru_cache(maxsize=1)
def town_data() -> dict[str, Any] | None:
    """The country's towns of GeoNames cities500 (through the gazetteer's embedded data), biggest first."""
    from gazetteer.sources.embedded import geonames_syria

    rows = sorted(geonames_syria(), key=lambda r: -int(r.get("population") or 0))
    names, lat, lon, rank = [], [], [], []
    for r in rows:
        pop = int(r.get("population") or 0)
        names.append(str(r.get("name") or ""))
        lat.append(round(float(r["latitude"]), 4))
        lon.append(round(float(r["longitude"]), 4))
        rank.append(next(i for i, floor in enumerate(TOWN_RANKS) if pop >= floor))
    return {"names": names, "lat": lat, "lon": lon, "rank": rank}


def basemap(boundaries: gpd.GeoDataFrame) -> Any:
    """Offline basemap below everything (tiles included): governorates, the country outline, neighbours."""
    from geo.render.basemap import basemap_layers

    gov = boundaries[["geometry"]].copy()
    gov["geometry"] = gov.geometry.simplify(0.002, preserve_topology=True)
    outline = gov.geometry.union_all() if hasattr(gov.geometry, "union_all") else gov.geometry.unary_union
    call = "cmBasemap({{ this._parent.get_name() }}, {{ this.shapes }}, {{ this.outline }}, {{ this.extra }});"
    return safe_macro(
        "CmBasemap",
        _call(call),
        source=script_asset("basemap.js"),
        shapes=script_json(json.loads(gov.to_json(drop_id=True))),
        outline=script_json(outline.__geo_interface__),
        extra=script_json(basemap_layers()),
    )


def js_layer(name: str, constructor: str, *, show: bool) -> Any:
    """A folium Layer (listed in the layer control) whose JavaScript object is ``constructor``.

    ``constructor`` is trusted code written by this package; its data arguments come from
    :func:`geo.render.html.script_json`.
    """
    from folium.map import Layer

    layer = safe_layer_class(Layer)(name=name, overlay=True, control=True, show=show)
    layer._name = "CmLayer"
    layer._template = _template(
        "{% macro script(this, kwargs) %}var {{ this.get_name() }} = " + constructor + ";{% endmacro %}"
    )
    return layer


def canvas_layer(name: str, cls: str, kinds: list[str]) -> Any:
    """A canvas layer of the page script drawing the events of ``kinds`` (CSS class ``cls``)."""
    options = script_json({"kinds": kinds, "cls": cls, "mode": "event"})
    return js_layer(name, f"new cm.CanvasLayer({options})", show=True)


def tile_layer(spec: Mapping[str, Any]) -> Any:
    """An opt-in online tile layer that removes itself when its tiles fail (the offline basemap shows)."""
    from folium.map import Layer

    layer = safe_layer_class(Layer)(name=spec["name"], overlay=True, control=True, show=True)
    layer._name = "CmTiles"
    layer.url = script_json(spec["url"])
    layer.options = script_json({"attribution": spec["attribution"], "maxZoom": spec["maxZoom"]})
    layer._template = _template(
        "{% macro script(this, kwargs) %}var {{ this.get_name() }} = cm.fallbackTiles("
        "L.tileLayer({{ this.url }}, {{ this.options }}), {{ this._parent.get_name() }});{% endmacro %}"
    )
    return layer


def ready() -> Any:
    """Last script of the map: binds the panel and tells tests that every layer script has run."""
    return safe_macro(
        "Ready",
        _template(
            "{% macro script(this, kwargs) %}cm.bindPanel({{ this._parent.get_name() }});"
            "window.__cmScriptsDone = true;{% endmacro %}"
        ),
    )


def add_event_layers(fmap: folium.Map, present: set[str], mentions: gpd.GeoDataFrame | None, *,
                     changes_drawn: bool) -> None:
    """The canvas layers of the events by kind group, the heat map of strikes and the place mentions.

    Control changes get their own layer unless the front layers already draw them.
    """
    from geo.kinds import kinds_on_layer  # the one kind registry: a new kind is never left off the map

    groups = (("Strikes", "cm-strike", kinds_on_layer("strikes")),
              ("Clashes, displacement, violence against civilians", "cm-other", kinds_on_layer("others")))
    for name, cls, group in groups:
        if name == "Strikes" or present & set(group):
            fmap.add_child(canvas_layer(name, cls, group), name=cls)
    if EventKind.STRIKE in present:
        strikes = script_json([EventKind.STRIKE])
        heat = js_layer("Heat map (strikes)", f"new cm.HeatLayer({{kinds: {strikes}}})", show=False)
        fmap.add_child(heat, name="conflictmap_heat")
    changes = kinds_on_layer("changes")
    if present & set(changes) and not changes_drawn:
        fmap.add_child(canvas_layer("Control changes", "cm-change", changes), name="cm-change")
    if mentions is not None and len(mentions):
        layer = js_layer("Place mentions", "new cm.CanvasLayer({mode: \"mention\", cls: \"cm-mention\"})",
                     show=False)
        fmap.add_child(layer, name="cm-mention")


def nonempty(front: Mapping[str, Any] | None, key: str) -> bool:
    """Whether ``front`` has a non-empty layer ``key``."""
    layer = None if not front else front.get(key)
    return layer is not None and len(layer) > 0
