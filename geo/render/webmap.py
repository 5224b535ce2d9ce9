"""The interactive map: events on a canvas with in-page filters, offline basemap, choropleth, front layers.

:func:`make_map` builds a :class:`folium.Map` from the events GeoDataFrame (flat columns of
:class:`geo.model.Event`); :func:`save_map` writes it as ONE self-contained HTML file (Leaflet, its
plugins and the page script inlined: nothing is fetched from any host unless online tiles were
asked for with ``tiles="osm"``, and those fall back silently to the offline basemap).

Events are compact columnar data (:mod:`geo.render.eventdata`) drawn by a canvas layer
(``geo/render/static/cm-map.js``), filtered in the page by a date range (which also drives the control
areas and front lines of :mod:`geo.render.frontmap`), by actor and by kind, with a place search box.
Popups are built on click from the data with DOM text nodes.

All dispatch text is untrusted. Every string reaches the page through :func:`geo.render.html.script_json`
(JSON data, shown with ``textContent``) or :func:`geo.render.html.html_text` (HTML text); the page's own
elements never re-compile their output as a template (:mod:`geo.render.html` says why).
"""

from __future__ import annotations

import functools
import html
import json
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer.atomic import atomic_write_text
from gazetteer.errors import InputError
from geo.render.html import html_text, raw_element, safe_layer_class, safe_macro, script_json
from geo.spatial.controllers import ACTOR_PALETTE, UNKNOWN_COLOUR
from geo.values import as_int as _int
from geo.values import flag as _flag
from geo.values import text as _text

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas as gpd

__all__ = [
    "ACTOR_COLORS",
    "TILES",
    "UNKNOWN_COLOR",
    "actor_color",
    "make_map",
    "save_map",
]

#: Colour per normalised actor (controllers of control changes too): :data:`geo.spatial.controllers.ACTOR_PALETTE`,
#: the one palette shared with the front-line layers and the QGIS styles (colour-blind safe:
#: Okabe-Ito for the controllers, Paul Tol's for the other actors).
ACTOR_COLORS: dict[str, str] = dict(ACTOR_PALETTE)
UNKNOWN_COLOR = UNKNOWN_COLOUR

#: Online tile layers that ``tiles=`` accepts (opt-in; the offline basemap stays underneath).
TILES: dict[str, dict[str, Any]] = {
    "osm": {
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "attribution": "&copy; OpenStreetMap contributors",
        "maxZoom": 19,
        "name": "OpenStreetMap tiles (online)",
    },
}
_TILE_ALIASES = {"osm": "osm", "openstreetmap": "osm"}

#: Syria's extent, (south, west), (north, east): the view when nothing else gives bounds.
_SYRIA_BOUNDS = ((32.31, 35.61), (37.32, 42.39))
_CHORO_BINS = (1, 10, 50, 100, 500, 1000)
#: Killed per governorate: ColorBrewer "Purples" (one hue, colour-blind safe), a hue no controller
#: or actor fill uses, so the shading never blends with control areas into another control colour.
_CHORO_COLORS = ("#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486")
_ACTOR_KEYS = {k.casefold(): k for k in ACTOR_COLORS}
_STATIC = Path(__file__).resolve().parent / "static"
#: Town labels: a town of rank r (0 biggest) is labelled from zoom _TOWN_ZOOMS[r].
_TOWN_RANKS = (1_000_000, 200_000, 50_000, 10_000, 0)
_TOWN_ZOOMS = (5, 7, 8, 9, 11)


def actor_color(actor: Any) -> str:
    """Return the palette colour of a normalised actor label (case-insensitive), grey if unknown.

    Parameters
    ----------
    actor : Any
        An actor or controller label such as ``"regime"``; None/NaN give the unknown colour.

    Returns
    -------
    str
        A ``#rrggbb`` colour.
    """
    return ACTOR_COLORS[_actor_key(actor)]


def _actor_key(actor: Any) -> str:
    label = _text(actor)
    if label is None:
        return "unknown"
    return _ACTOR_KEYS.get(label.casefold(), "unknown")


def make_map(
    events: gpd.GeoDataFrame,
    *,
    mentions: gpd.GeoDataFrame | None = None,
    governorates: gpd.GeoDataFrame | None = None,
    front: Mapping[str, gpd.GeoDataFrame] | None = None,
    title: str | None = None,
    offline: bool = True,
    tiles: str | None = None,
    towns: bool = True,
) -> folium.Map:
    """Build the interactive map of events.

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        Flat :class:`geo.model.Event` columns and point geometries (EPSG:4326; other CRSs are
        reprojected). Rows without geometry are counted in the panel, not drawn.
    mentions : geopandas.GeoDataFrame, optional
        Place mentions (:class:`geo.model.Mention` columns): small grey points, off by default.
    governorates : geopandas.GeoDataFrame, optional
        Governorate polygons, ideally with aggregates (``killed``, ``strikes``...); missing
        aggregates are computed from ``events`` by ``adm1_pcode``. Drawn as a choropleth of killed
        (off by default when control areas are drawn) and as the basemap's boundaries.
    front : Mapping of str to geopandas.GeoDataFrame, optional
        Front-line layers (``control_areas``, ``front_lines``, ``control``, ``control_changes``,
        ``front_observations``), drawn by :func:`geo.render.frontmap.add_front_layers`.
    title : str, optional
        Title shown in the panel; the date range of the events is appended.
    offline : bool
        True (the default): nothing is fetched from any host, ``tiles`` is ignored. Kept for the
        ``--offline`` option, which is now the default behaviour.
    tiles : str, optional
        ``"osm"``: an OpenStreetMap tile layer over the offline basemap (needs ``offline=False``);
        when tiles fail to load the layer removes itself and the offline basemap shows.
    towns : bool
        Label the main towns (GeoNames, through the gazetteer's embedded data) by importance.

    Returns
    -------
    folium.Map

    Raises
    ------
    InputError
        If ``events`` is not a GeoDataFrame or has no ``kind`` column, or ``tiles`` is unknown.
    """
    import folium

    from geo.render.eventdata import KIND_LABELS, event_columns, mention_columns

    events = _in_wgs84(events, "events")
    if "kind" not in events.columns:
        raise InputError(f"events has no 'kind' column (columns: {', '.join(map(str, events.columns))})")
    tile_spec = _tile_spec(tiles) if not offline else None
    located = events[_has_point(events)]
    boundaries = _boundaries(governorates)

    fmap = folium.Map(
        location=[35.0, 38.5],
        zoom_start=7,
        tiles=None,
        min_zoom=4,
        max_zoom=18,
        control_scale=True,
        minZoom=4,
        maxZoom=18,
        prefer_canvas=False,
    )
    root = fmap.get_root()
    root.header.add_child(raw_element(_CSS), name="conflictmap_css")
    # no favicon request (the page must not fetch anything that is not inline)
    root.header.add_child(raw_element('<link rel="icon" href="data:,">'), name="conflictmap_icon")
    fmap.add_child(_library(), name="conflictmap_library")

    data = event_columns(located, actor_colour=actor_color, actor_key=_actor_key)
    located_mentions = None
    if mentions is not None:
        mentions = _in_wgs84(mentions, "mentions")
        located_mentions = mentions[_has_point(mentions)]
    fmap.add_child(_data_element(fmap, data, None if located_mentions is None else mention_columns(located_mentions),
                                 _town_data() if towns else None), name="conflictmap_data")
    if boundaries is not None:
        fmap.add_child(_basemap(boundaries), name="conflictmap_basemap")
    if towns:
        fmap.add_child(_js_layer("Town labels", "new cm.TownLabels(cm.towns, cm.townZooms)", show=True),
                       name="conflictmap_towns")
    if tile_spec is not None:
        fmap.add_child(_tile_layer(tile_spec), name="conflictmap_tiles")

    front_drawn = _add_front(fmap, front, offline=offline)
    if governorates is not None and len(governorates):
        _add_choropleth(fmap, _with_aggregates(governorates, events), show=not front_drawn)

    kinds = located["kind"].astype("string")
    present = set(kinds.dropna())
    from geo.kinds import kinds_on_layer  # the one kind registry: a new kind is never left off the map

    groups = (("Strikes", "cm-strike", kinds_on_layer("strikes")), ("Clashes, displacement, violence against civilians",
                                                                      "cm-other", kinds_on_layer("others")))
    for name, cls, group in groups:
        if name == "Strikes" or present & set(group):
            fmap.add_child(_canvas_layer(name, cls, group), name=cls)
    if "strike" in present:
        fmap.add_child(_js_layer("Heat map (strikes)", "new cm.HeatLayer({kinds: [\"strike\"]})", show=False),
                       name="conflictmap_heat")
    changes = kinds_on_layer("changes")
    if present & set(changes) and not (front_drawn and _nonempty(front, "control_changes")):
        fmap.add_child(_canvas_layer("Control changes", "cm-change", changes), name="cm-change")
    if located_mentions is not None and len(located_mentions):
        fmap.add_child(_js_layer("Place mentions", "new cm.CanvasLayer({mode: \"mention\", cls: \"cm-mention\"})",
                                 show=False), name="cm-mention")

    _add_panel(fmap, title, events, located, data, kinds=[k for k in KIND_LABELS if k in present] or ["strike"],
               choropleth=governorates is not None and len(governorates) > 0, front=front_drawn)
    from geo.render.attribution import add_map_attribution

    add_map_attribution(fmap)  # the installed data's licences (conflictmap data)
    folium.LayerControl(collapsed=True, position="topright").add_to(fmap)
    fmap.fit_bounds(_view_bounds(boundaries, located), padding_top_left=(250, 0))
    fmap.add_child(_ready(), name="conflictmap_ready")
    fmap._conflictmap_tiles = tile_spec  # type: ignore[attr-defined]
    # Jupyter shows a map through _repr_html_; folium's own loads Leaflet and jQuery from CDNs.
    fmap._repr_html_ = functools.partial(_notebook_html, fmap)  # type: ignore[method-assign]
    return fmap


def _tile_spec(tiles: str | None) -> dict[str, Any] | None:
    if tiles is None:
        return None
    key = _TILE_ALIASES.get(str(tiles).strip().casefold())
    if key is None:
        raise InputError(f"unknown tile layer {tiles!r} (expected one of: {', '.join(TILES)})")
    return TILES[key]


def _notebook_html(fmap: folium.Map, **kwargs: Any) -> str:
    """Notebook display: the self-contained page in an ``iframe srcdoc``."""
    page = _self_contained(fmap)
    return (
        '<div style="width:100%"><iframe srcdoc="' + html.escape(page, quote=True) + '" '
        'style="width:100%; height:560px; border:0" sandbox="allow-scripts"></iframe></div>'
    )


def _self_contained(fmap: folium.Map) -> str:
    from geo.render.offline import make_self_contained

    spec = getattr(fmap, "_conflictmap_tiles", None)
    return make_self_contained(fmap.get_root().render(), allowed=[spec["url"]] if spec else ())


def save_map(m: folium.Map, path: str | os.PathLike[str], *, offline: bool = True) -> Path:
    """Write the map as one self-contained HTML file, atomically (temporary file, then :func:`os.replace`).

    Parameters
    ----------
    m : folium.Map
        A map from :func:`make_map`.
    path : str or os.PathLike
        Output file; its folder is created if needed.
    offline : bool
        Also refuse any remote URL a browser would fetch (the online tile layer of
        ``make_map(..., tiles="osm")`` included). Leaflet and plugins are inlined either way.

    Returns
    -------
    pathlib.Path
        The written file.

    Raises
    ------
    ConflictmapError
        If the page would fetch a remote URL that is not an opt-in tile layer (or any, when
        ``offline``).
    """
    from geo.render.offline import make_self_contained

    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    spec = getattr(m, "_conflictmap_tiles", None)
    allowed = [spec["url"]] if spec and not offline else []
    page = make_self_contained(m.get_root().render(), allowed=allowed)
    atomic_write_text(out, page)
    return out


# --------------------------------------------------------------------------- text helpers


_DATE_FORMATS = {"year": "%Y", "month": "%Y-%m"}


def _date_text(value: Any, precision: Any = None) -> str | None:
    """A date as text at its precision: ``2019-05-14``, ``2019-05`` (month) or ``2019`` (year).

    Strings are kept as they are; datetime-like values (``geo.spatial.frames`` stores period starts as
    ``datetime64``) are formatted with the precision.
    """
    if _text(value) is None:
        return None
    if hasattr(value, "strftime"):
        return value.strftime(_DATE_FORMATS.get(_text(precision) or "day", "%Y-%m-%d"))
    return _text(value)


def _day(value: Any) -> Any:
    """A date-like value as ``YYYY-MM-DD`` (strings are kept as they are)."""
    if _text(value) is None:
        return None
    return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else value


def _esc(value: Any) -> str:
    """HTML-escape any value (quotes and braces included); None/NaN/empty give an empty string."""
    return html_text(_text(value))


# --------------------------------------------------------------------------- geometry helpers


def _in_wgs84(frame: Any, what: str) -> gpd.GeoDataFrame:
    import geopandas as gpd

    if not isinstance(frame, gpd.GeoDataFrame):
        raise InputError(f"{what} must be a geopandas.GeoDataFrame, got {type(frame).__name__}")
    if frame.crs is not None and frame.crs.to_epsg() != 4326 and len(frame):
        frame = frame.to_crs(4326)
    return frame


def _has_point(frame: gpd.GeoDataFrame) -> Any:
    geom = frame.geometry
    return geom.notna() & ~geom.is_empty


def _radius(killed: Any) -> float:
    """Circle radius in pixels (the page's ``cm.radius``): 3 + 3 sqrt(killed), 3.5 when unknown or zero, at most 32.

    1, 10 and 100 killed give 6, 12.5 and 32 px: three clearly different sizes.
    """
    n = _int(killed)
    if not n or n < 0:
        return 3.5
    return round(min(32.0, 3.0 + 3.0 * math.sqrt(n)), 1)


def _boundaries(governorates: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame | None:
    """The polygons of the basemap and the view: the given governorates, else the embedded ones."""
    if governorates is not None and len(governorates):
        return _in_wgs84(governorates, "governorates")
    try:
        from geo.spatial.admin import load_boundaries
    except ModuleNotFoundError as exc:
        if exc.name != "geo.spatial.admin":
            raise
        return None
    return load_boundaries(1)


def _view_bounds(boundaries: gpd.GeoDataFrame | None, located: gpd.GeoDataFrame) -> list[list[float]]:
    if boundaries is not None and len(boundaries):
        w, s, e, n = boundaries.total_bounds
    elif len(located):
        w, s, e, n = located.total_bounds
        pad = 0.2
        w, s, e, n = w - pad, s - pad, e + pad, n + pad
    else:
        (s, w), (n, e) = _SYRIA_BOUNDS
    return [[float(s), float(w)], [float(n), float(e)]]


def _nonempty(front: Mapping[str, Any] | None, key: str) -> bool:
    return bool(front) and front.get(key) is not None and len(front[key]) > 0  # type: ignore[union-attr]


def _with_aggregates(governorates: gpd.GeoDataFrame, events: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return the governorates with aggregates, computed by :func:`geo.spatial.aggregate.aggregate_by_admin`
    from ``events`` when the frame has no ``killed`` column (and both frames have ``adm1_pcode``)."""
    gov = _in_wgs84(governorates, "governorates")
    if "killed" in gov.columns or "adm1_pcode" not in gov.columns or "adm1_pcode" not in events.columns:
        return gov
    try:
        from geo.spatial.aggregate import aggregate_by_admin
    except ModuleNotFoundError as exc:
        if exc.name != "geo.spatial.aggregate":
            raise
        return gov
    return aggregate_by_admin(events, gov, level=1)


def _choro_color(killed: Any) -> str:
    n = _int(killed)
    if n is None:
        return "#ffffff"
    for colour, upper in zip(_CHORO_COLORS, _CHORO_BINS):
        if n < upper:
            return colour
    return _CHORO_COLORS[-1]


def _gov_name(row: Mapping[str, Any]) -> str:
    for col in ("adm1_name_fr", "adm1_name", "adm1", "ADM1_EN", "name", "NAME_EN"):
        if _text(row.get(col)):
            return _esc(row.get(col))
    return _esc(row.get("adm1_pcode")) or "governorate"


def _gov_tooltip(row: Mapping[str, Any]) -> str:
    lines = [f"<b>{_gov_name(row)}</b>" + (f" <small>{_esc(row.get('adm1_pcode'))}</small>" if _text(row.get("adm1_pcode")) else "")]
    killed = _int(row.get("killed"))
    at_least = _flag(row.get("killed_min_flag")) or _flag(row.get("killed_min"))
    lines.append("Killed: " + ("no report" if killed is None else ("≥ " if at_least else "") + str(killed)))
    for col, label in (("strikes", "Strikes"), ("control_changes", "Control changes")):
        if _int(row.get(col)) is not None:
            lines.append(f"{label}: {_int(row.get(col))}")
    first, last = _esc(_day(row.get("first_date"))), _esc(_day(row.get("last_date")))
    if first or last:
        lines.append(f"Dates: {first or '?'} – {last or '?'}")
    return "<br>".join(lines)


# --------------------------------------------------------------------------- page elements


@functools.lru_cache(maxsize=4)
def _library_source(mtime: float) -> str:
    """Leaflet.heat and the page script (``geo/render/static``), as one script body."""
    parts = [(_STATIC / name).read_text(encoding="utf-8") for name in ("leaflet-heat.js", "cm-map.js")]
    return "\n".join(parts).replace("</script", "<\\/script")


def _library() -> Any:
    """The page script: runs after Leaflet and the map, before every layer."""
    from jinja2 import Template

    mtime = max((_STATIC / n).stat().st_mtime for n in ("leaflet-heat.js", "cm-map.js"))
    return safe_macro("CmLibrary", Template("{% macro script(this, kwargs) %}{{ this.source }}{% endmacro %}"),
                      source=_library_source(mtime))


def _data_element(fmap: folium.Map, events: dict[str, Any], mentions: dict[str, Any] | None,
                  towns: dict[str, Any] | None) -> Any:
    """The page's data as ``<script type="application/json">`` blocks (``JSON.parse`` is much faster
    than a script literal of the same size) and the script that hands them to the page script."""
    from jinja2 import Template

    blocks = {"cm-data-events": events, "cm-data-mentions": mentions, "cm-data-towns": towns}
    for key, value in blocks.items():
        if value is not None:
            fmap.get_root().html.add_child(
                raw_element(f'<script type="application/json" id="{key}">{script_json(value)}</script>'), name=key
            )
    return safe_macro(
        "CmData",
        Template(
            "{% macro script(this, kwargs) %}"
            "(function () { var read = function (id) { var el = document.getElementById(id);"
            " return el ? JSON.parse(el.textContent) : null; };"
            " cm.towns = read('cm-data-towns'); cm.townZooms = {{ this.zooms }};"
            " var m = read('cm-data-mentions'); if (m) { cm.setMentions(m); }"
            " cm.setEvents(read('cm-data-events')); })();"
            "{% endmacro %}"
        ),
        zooms=script_json(list(_TOWN_ZOOMS)),
    )


@functools.lru_cache(maxsize=1)
def _town_data() -> dict[str, Any] | None:
    """The Syrian towns of GeoNames cities500 (through the gazetteer's embedded data), biggest first."""
    try:
        from gazetteer.sources.embedded import geonames_syria
    except ImportError:  # pragma: no cover - gazetteer is part of the package
        return None
    rows = sorted(geonames_syria(), key=lambda r: -int(r.get("population") or 0))
    names, lat, lon, rank = [], [], [], []
    for r in rows:
        pop = int(r.get("population") or 0)
        names.append(str(r.get("name") or ""))
        lat.append(round(float(r["latitude"]), 4))
        lon.append(round(float(r["longitude"]), 4))
        rank.append(next(i for i, floor in enumerate(_TOWN_RANKS) if pop >= floor))
    return {"names": names, "lat": lat, "lon": lon, "rank": rank}


def _basemap(boundaries: gpd.GeoDataFrame) -> Any:
    """Offline basemap below everything (tiles included): governorates, the country outline, water."""
    from jinja2 import Template

    gov = boundaries[["geometry"]].copy()
    gov["geometry"] = gov.geometry.simplify(0.002, preserve_topology=True)
    outline = gov.geometry.union_all() if hasattr(gov.geometry, "union_all") else gov.geometry.unary_union
    shapes = json.loads(gov.to_json(drop_id=True))
    extra = _natural_earth_layers()
    return safe_macro(
        "CmBasemap",
        Template(
            """{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var pane = map.createPane("cmBase");
  pane.style.zIndex = 150;
  pane.style.pointerEvents = "none";
  var extra = {{ this.extra }};
  if (extra.countries) {
    L.geoJSON(extra.countries, {pane: "cmBase", interactive: false,
      style: {color: "#b0b0b0", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1}}).addTo(map);
  }
  L.geoJSON({{ this.shapes }}, {pane: "cmBase", interactive: false,
    style: {color: "#a8a8a8", weight: 0.8, dashArray: "4 3", fillColor: "#fbfaf5", fillOpacity: 1}}).addTo(map);
  L.geoJSON({{ this.outline }}, {pane: "cmBase", interactive: false,
    style: {color: "#6e6e6e", weight: 2, fill: false}}).addTo(map);
  if (extra.lakes) {
    L.geoJSON(extra.lakes, {pane: "cmBase", interactive: false,
      style: {color: "#7fa7c9", weight: 0.6, fillColor: "#b9d3e6", fillOpacity: 1}}).addTo(map);
  }
  if (extra.rivers) {
    L.geoJSON(extra.rivers, {pane: "cmBase", interactive: false, style: {color: "#6f9fcc", weight: 1.6}}).addTo(map);
  }
  if (extra.roads) {
    L.geoJSON(extra.roads, {pane: "cmBase", interactive: false, style: {color: "#c9a36b", weight: 1.1}}).addTo(map);
  }
})();
{% endmacro %}"""
        ),
        shapes=script_json(shapes),
        outline=script_json(outline.__geo_interface__),
        extra=script_json(extra),
    )


def _natural_earth_layers() -> dict[str, Any]:
    """Rivers, lakes, roads and neighbouring countries from ``geo/data/basemap.geojson`` when shipped."""
    try:
        from geo.render.basemap import basemap_layers
    except ModuleNotFoundError as exc:
        if exc.name != "geo.render.basemap":
            raise
        return {}
    return basemap_layers()


def _js_layer(name: str, constructor: str, *, show: bool) -> Any:
    """A folium Layer (listed in the layer control) whose JavaScript object is ``constructor``."""
    from folium.map import Layer
    from jinja2 import Template

    layer = safe_layer_class(Layer)(name=name, overlay=True, control=True, show=show)
    layer._name = "CmLayer"
    layer._template = Template(
        "{% macro script(this, kwargs) %}var {{ this.get_name() }} = " + constructor + ";{% endmacro %}"
    )
    return layer


def _canvas_layer(name: str, cls: str, kinds: list[str]) -> Any:
    options = script_json({"kinds": kinds, "cls": cls, "mode": "event"})
    return _js_layer(name, f"new cm.CanvasLayer({options})", show=True)


def _tile_layer(spec: Mapping[str, Any]) -> Any:
    from folium.map import Layer
    from jinja2 import Template

    layer = safe_layer_class(Layer)(name=spec["name"], overlay=True, control=True, show=True)
    layer._name = "CmTiles"
    layer.url = script_json(spec["url"])
    layer.options = script_json({"attribution": spec["attribution"], "maxZoom": spec["maxZoom"]})
    layer._template = Template(
        "{% macro script(this, kwargs) %}var {{ this.get_name() }} = cm.fallbackTiles("
        "L.tileLayer({{ this.url }}, {{ this.options }}), {{ this._parent.get_name() }});{% endmacro %}"
    )
    return layer


def _add_choropleth(fmap: folium.Map, gov: gpd.GeoDataFrame, *, show: bool = True) -> None:
    import folium
    from folium.utilities import JsCode

    records = gov.drop(columns="geometry").to_dict("records")
    features = [
        {
            "type": "Feature",
            "geometry": geom.__geo_interface__,
            "properties": {"fill": _choro_color(rec.get("killed")), "tip": _gov_tooltip(rec)},
        }
        for rec, geom in zip(records, gov.geometry)
        if geom is not None and not geom.is_empty
    ]
    safe_layer_class(folium.GeoJson)(
        {"type": "FeatureCollection", "features": features},
        name="Governorates: killed",
        show=show,
        style_function=lambda f: {
            "fillColor": f["properties"]["fill"],
            "color": "#7a6a9a",
            "weight": 1,
            "fillOpacity": 0.6,
        },
        highlight_function=lambda _f: {"weight": 3, "color": "#333333"},
        on_each_feature=JsCode(
            "function(feature, layer) {"
            " layer.bindTooltip(feature.properties.tip, {sticky: true, className: 'cm-tooltip'}); }"
        ),
        embed=True,
    ).add_to(fmap)


def _add_front(fmap: folium.Map, front: Mapping[str, Any] | None, *, offline: bool) -> bool:
    """Call ``geo.render.frontmap.add_front_layers`` when front layers are given and the module exists."""
    if not front:
        return False
    try:
        from geo.render.frontmap import add_front_layers
    except ModuleNotFoundError as exc:
        if exc.name != "geo.render.frontmap":
            raise
        return False
    except ImportError:  # the module exists but has no add_front_layers yet
        return False
    add_front_layers(fmap, front, offline=offline)
    return True


def _date_span(events: gpd.GeoDataFrame) -> str:
    dates: list[str] = []
    if "date" in events.columns:
        precision = events["date_precision"] if "date_precision" in events.columns else [None] * len(events)
        dates = sorted({d for d in map(_date_text, events["date"], precision) if d})
    return (dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}") if dates else "undated"


def _add_panel(
    fmap: folium.Map,
    title: str | None,
    events: gpd.GeoDataFrame,
    located: gpd.GeoDataFrame,
    data: Mapping[str, Any],
    *,
    kinds: list[str],
    choropleth: bool,
    front: bool,
) -> None:
    """Title, filters and legend in one collapsible panel (HTML text built with :func:`html_text`)."""
    from geo.render.eventdata import KIND_LABELS

    heading = _esc(title) or "Syria: events reported in dispatches"
    n_missing = len(events) - len(located)
    actors = data["tables"]["actor"]
    order = [a for a in ACTOR_COLORS if a in actors]
    actor_rows = "".join(
        f'<label class="cm-row"><input type="checkbox" checked data-cm-actor="{actors.index(a)}">'
        f'<span class="cm-dot" style="background:{ACTOR_COLORS[a]}"></span>{html_text(a)}</label>'
        for a in order
    )
    kind_rows = "".join(
        f'<label class="cm-row"><input type="checkbox" checked data-cm-kind="{html_text(k)}">{html_text(KIND_LABELS[k])}</label>'
        for k in kinds
    )
    sizes = "".join(
        f'<span class="cm-size" style="width:{2 * _radius(k)}px;height:{2 * _radius(k)}px"></span>{k}&nbsp;'
        for k in (1, 10, 100)
    )
    parts = [
        '<div id="cm-panel" class="cm-box cm-panel">',
        '<div class="cm-head"><button id="cm-toggle" type="button" aria-expanded="true" '
        'aria-controls="cm-body" title="Show or hide filters and legend">×</button>',
        f'<div id="cm-title" class="cm-title"><b>{heading}</b><br><span class="cm-dates">{html_text(_date_span(events))}</span>'
        f" · {len(located)} of {len(events)} events mapped</div></div>",
        '<div id="cm-body" class="cm-body">',
        '<div class="cm-sec"><b>Dates</b> <span id="cm-date-label"></span>'
        '<input id="cm-date-from" type="range" step="1" aria-label="from date">'
        '<input id="cm-date-to" type="range" step="1" aria-label="to date">'
        + ('<div class="cm-note">the end date also sets the control areas and front lines</div>' if front else "")
        + "</div>",
        '<div class="cm-sec"><input id="cm-search" type="search" list="cm-places" placeholder="Find a place…" '
        'aria-label="find a place"><datalist id="cm-places"></datalist></div>',
        '<div id="cm-legend" class="cm-legend">',
        f'<div class="cm-sec"><b>Actor / new controller</b><div class="cm-grid">{actor_rows}</div></div>',
        f'<div class="cm-sec"><b>Kind</b><div class="cm-grid">{kind_rows}</div></div>',
        f"<div class='cm-sec cm-sizes'><b>Killed</b> {sizes}</div>",
        '<div class="cm-sec"><span class="cm-dot cm-hollow"></span>hollow, dashed: approximate place '
        "(precision 2 near a town, 3 a region)<br><span class='cm-dot cm-ring'></span>black ring: control change"
        "<br><span class='cm-dot'></span>small: toll unknown or a running total</div>",
    ]
    if choropleth:
        bins = ["no report", "0", *[f"{lo}–{hi - 1}" for lo, hi in zip(_CHORO_BINS, _CHORO_BINS[1:])], f"≥ {_CHORO_BINS[-1]}"]
        swatches = ["#ffffff", *_CHORO_COLORS]
        cells = "".join(
            f'<span class="cm-swatch" style="background:{c}" title="{html_text(b)}"></span>' for c, b in zip(swatches, bins)
        )
        parts.append('<div class="cm-sec"><b>Killed per governorate</b> <small>(layers, top right)</small>'
                     f'<div class="cm-ramp">{cells}</div><div class="cm-ramp-labels"><span>none</span><span>1</span>'
                     f"<span>≥ {_CHORO_BINS[-1]}</span></div></div>")
    if n_missing:
        parts.append(f"<div class='cm-note'>{n_missing} event(s) without coordinates not drawn</div>")
    parts.append('<div id="cm-count" class="cm-note"></div></div></div></div>')
    fmap.get_root().html.add_child(raw_element("".join(parts)), name="conflictmap_panel")


def _ready() -> Any:
    """Last script of the map: binds the panel and tells tests that every layer script has run."""
    from jinja2 import Template

    return safe_macro(
        "Ready",
        Template(
            "{% macro script(this, kwargs) %}cm.bindPanel({{ this._parent.get_name() }});"
            "window.__cmScriptsDone = true;{% endmacro %}"
        ),
    )


_CSS = """
<style>
.cm-box { position: absolute; z-index: 1000; background: rgba(255,255,255,0.94); padding: 6px 9px;
  border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.35); font: 12px/1.35 sans-serif; }
.cm-panel { top: 10px; left: 52px; width: 236px; font-size: 11.5px; max-height: calc(100% - 40px); overflow-y: auto; }
.cm-panel.cm-collapsed { width: auto; max-width: 236px; }
.cm-panel.cm-collapsed .cm-body { display: none; }
.cm-head { display: flex; gap: 6px; align-items: flex-start; }
#cm-toggle { border: 1px solid #999; background: #fff; border-radius: 3px; cursor: pointer; font-size: 14px;
  line-height: 18px; width: 24px; padding: 0; flex: none; }
.cm-title { font-size: 13px; }
.cm-title .cm-dates { font-size: 11px; color: #444; }
.cm-sec { margin-top: 6px; }
.cm-sec input[type=range] { width: 100%; margin: 2px 0; }
#cm-search { width: 100%; box-sizing: border-box; }
#cm-search.cm-notfound { outline: 2px solid #d55e00; }
.cm-row { display: block; cursor: pointer; }
.cm-grid { display: grid; grid-template-columns: 1fr 1fr; column-gap: 4px; }
.cm-ramp { display: flex; margin-top: 2px; }
.cm-ramp .cm-swatch { flex: 1; margin: 0; height: 9px; }
.cm-ramp-labels { display: flex; justify-content: space-between; font-size: 10px; color: #555; }
.cm-row input { margin: 0 4px 0 0; vertical-align: middle; }
.cm-dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 5px;
  vertical-align: middle; border: 1px solid #555; background: #bbb; }
.cm-ring { border: 2px solid #000; background: #fff; }
.cm-hollow { border: 2px dashed #555; background: transparent; }
.cm-swatch { display: inline-block; width: 14px; height: 10px; margin-right: 5px; border: 1px solid #999; }
.cm-size { display: inline-block; border-radius: 50%; border: 1px solid #555; background: #ccc;
  vertical-align: middle; margin: 2px 2px 2px 4px; }
.cm-note { margin-top: 4px; color: #555; font-style: italic; }
.cm-popup .cm-k { font-weight: bold; }
.cm-evidence { display: block; margin: 4px 0; font-style: italic; }
.cm-source { color: #555; }
.cm-town { white-space: nowrap; }
.cm-town-dot { display: inline-block; width: 5px; height: 5px; border-radius: 50%; background: #333;
  margin-right: 3px; vertical-align: middle; }
.cm-town-label { font: 11px/1 sans-serif; color: #222; text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; }
.cm-rank0 .cm-town-label { font-size: 13px; font-weight: bold; }
.cm-rank1 .cm-town-label { font-size: 12px; font-weight: bold; }
.leaflet-container { background: #dfe9f2; }
</style>
"""
