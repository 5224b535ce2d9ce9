"""Control areas, front lines and control changes on the folium map, with an offline time slider.

Folium's ``TimestampedGeoJson`` and ``Timeline`` plugins load jQuery, moment.js and
leaflet.timedimension from CDNs, which breaks an offline map. :class:`FrontSlider` instead embeds
every snapshot's GeoJSON in the page and switches them with a plain ``<input type="range">`` and a
few lines of inline vanilla JavaScript using only Leaflet itself: no external asset at all, so the
``offline`` flag changes nothing here.

All dispatch text is untrusted: every popup and tooltip is built from DOM text nodes
(``textContent``), never parsed as HTML; the embedded JSON comes from :func:`geo.render.html.script_json`
and the layers never re-compile their rendered output as a template (:mod:`geo.render.html`).
(folium's own ``Popup`` is avoided on purpose: it needs jQuery.)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from geo.render.html import safe_layer_class, script_json
from geo.spatial.controllers import CONTESTED_HATCH, CONTROLLERS, PALETTE

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas as gpd

__all__ = ["FRONT_LINE_COLOUR", "FrontPoints", "FrontSlider", "add_front_layers", "build_snapshots", "script_json"]

#: Front lines: thick dark red (the QGIS style uses the same colour).
FRONT_LINE_COLOUR = "#8b0000"
from geo.spatial.controllers import UNKNOWN_COLOUR as _UNKNOWN_COLOUR  # noqa: E402

#: Simplification tolerance of the embedded polygons and lines, degrees (~50 m).
_SIMPLIFY_DEG = 0.0005


def build_snapshots(front: Mapping[str, gpd.GeoDataFrame], *, expand_intervals: bool = True) -> list[dict[str, Any]]:
    """Group the ``control_areas``, ``front_lines`` and ``control`` layers by snapshot date.

    Parameters
    ----------
    front
        Layers as returned by :meth:`geo.spatial.control.ControlTable.snapshots` (``date_from`` column).

    Returns
    -------
    list of dict
        One ``{"date": "YYYY-MM-DD", "areas": FeatureCollection, "lines": ..., "points": ...}``
        per distinct ``date_from``, in date order.
    """
    spec = {
        "areas": ("control_areas", ("controller", "area_km2", "n_localities")),
        "lines": ("front_lines", ("side_a", "side_b", "length_km")),
        "points": ("control", ("place", "controller", "observed", "status", "confidence", "source")),
    }
    per_date: dict[str, dict[str, list[dict[str, Any]]]] = {}
    if expand_intervals:
        front = _control_per_snapshot(front)
    elif _has_intervals(front):  # the slider reads them once (build_intervals), not per snapshot
        front = {k: v for k, v in front.items() if k != "control"}
    for key, (layer, props) in spec.items():
        gdf = front.get(layer)
        if gdf is None or not len(gdf) or "date_from" not in gdf.columns:
            continue
        if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
            gdf = gdf.to_crs("EPSG:4326")
        for row in gdf.itertuples(index=False):
            day = _day(row.date_from)
            if day is None or row.geometry is None or row.geometry.is_empty:
                continue
            feature = {
                "type": "Feature",
                "geometry": _geojson_geometry(row.geometry, simplify=key != "points"),
                "properties": {p: _plain(getattr(row, p, None)) for p in props},
            }
            per_date.setdefault(day, {"areas": [], "lines": [], "points": []})[key].append(feature)
    return [
        {"date": day, **{k: {"type": "FeatureCollection", "features": v} for k, v in parts.items()}}
        for day, parts in sorted(per_date.items())
    ]


def _has_intervals(front: Mapping[str, Any]) -> bool:
    control = front.get("control")
    return control is not None and "valid_from" in control.columns and "date_from" not in control.columns


def build_intervals(front: Mapping[str, gpd.GeoDataFrame]) -> dict[str, Any] | None:
    """The ``control`` intervals as one FeatureCollection (``valid_from``/``valid_to`` ISO days), or None.

    The slider shows, on any day, the localities whose period covers it: one row per locality per
    period of unchanged state, whatever the number of snapshot dates.
    """
    if not _has_intervals(front):
        return None
    control = _located(front["control"])
    props = ("place", "controller", "valid_from", "valid_to", "status", "confidence", "evidence", "source")
    feats = [_point_feature(row.geometry, {p: _plain(getattr(row, p, None)) for p in props})
             for row in control.itertuples(index=False)]
    return {"type": "FeatureCollection", "features": feats}


def _control_per_snapshot(front: Mapping[str, gpd.GeoDataFrame]) -> Mapping[str, gpd.GeoDataFrame]:
    """The ``control`` intervals (``valid_from``/``valid_to``) as points per snapshot date of the areas.

    Used only with ``build_snapshots(..., expand_intervals=True)`` (points per snapshot for callers
    that want them); the slider reads the intervals once (:func:`build_intervals`). Each snapshot
    holds the localities whose period covers its date (``observed`` = start of the period).
    """
    import pandas as pd

    control = front.get("control")
    areas = front.get("control_areas")
    if control is None or "valid_from" not in control.columns or "date_from" in control.columns:
        return front
    days = sorted(set(areas["date_from"])) if areas is not None and len(areas) else []
    parts = []
    for day in days:
        valid = (control["valid_from"] <= day) & (control["valid_to"].isna() | (control["valid_to"] > day))
        part = control[valid].copy()
        part["date_from"] = day
        part["observed"] = part["valid_from"]
        parts.append(part)
    expanded = pd.concat(parts, ignore_index=True) if parts else control.iloc[:0]
    return {**front, "control": expanded}


#: Popup body built with DOM text nodes only (dispatch text never becomes HTML); shared by both layers.
#: ``title`` may be null (slider features); rows with an empty value are left out.
_POPUP_JS = """  function popup(title, pairs) {
    var div = document.createElement("div");
    if (title !== null) {
      div.className = "cm-popup";
      var h = document.createElement("b");
      h.textContent = title;
      div.appendChild(h);
    }
    pairs.forEach(function (kv) {
      if (kv[1] === null || kv[1] === undefined || kv[1] === "") { return; }
      var row = document.createElement("div");
      var b = document.createElement("b");
      b.textContent = kv[0] + ": ";
      row.appendChild(b);
      row.appendChild(document.createTextNode(String(kv[1])));
      div.appendChild(row);
    });
    return div;
  }
"""


def _slider_template() -> Any:
    from branca.element import Template

    return Template(
        """
{% macro header(this, kwargs) %}
<style>
.cm-front-slider {background: rgba(255,255,255,0.92); padding: 6px 10px; border-radius: 4px;
  font: 12px/1.4 sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,0.4); min-width: 220px;}
.cm-front-slider input[type=range] {width: 100%;}
.cm-front-slider .cm-date {font-weight: bold;}
.cm-front-slider .cm-key {display: inline-block; width: 12px; height: 12px; margin-right: 4px;
  vertical-align: middle; border: 1px solid #333;}
.cm-front-slider .cm-line {display: inline-block; width: 18px; height: 0; margin-right: 4px;
  vertical-align: middle; border-top: 4px solid {{ this.line_colour }};}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.layerGroup();
(function () {
  var snaps = {{ this.snapshots_json }};
  var colours = {{ this.palette_json }};
  var legend = {{ this.legend_json }};
  var group = {{ this.get_name() }};
  var map = {{ this._parent.get_name() }};
  var lineColour = {{ this.line_colour_json }};
""" + _POPUP_JS + """  function colour(c) { return colours[c] || "{{ this.unknown_colour }}"; }
  var box = L.DomUtil.create("div", "cm-front-slider");
  var title = document.createElement("div");
  title.textContent = {{ this.title_json }} + " ";
  var label = document.createElement("span");
  label.className = "cm-date";
  title.appendChild(label);
  box.appendChild(title);
  var input = document.createElement("input");
  input.type = "range";
  input.min = "0";
  input.max = String(snaps.length - 1);
  input.step = "1";
  input.value = String(snaps.length - 1);
  input.setAttribute("aria-label", "snapshot date");
  box.appendChild(input);
  var keys = document.createElement("div");
  legend.forEach(function (item) {
    var k = document.createElement("div");
    var sw = document.createElement("span");
    sw.className = "cm-key";
    sw.style.background = colours[item];
    if (item === "contested") { sw.style.borderStyle = "dashed"; }
    k.appendChild(sw);
    k.appendChild(document.createTextNode(item));
    keys.appendChild(k);
  });
  var fl = document.createElement("div");
  var ln = document.createElement("span");
  ln.className = "cm-line";
  fl.appendChild(ln);
  fl.appendChild(document.createTextNode("front line"));
  keys.appendChild(fl);
  var nd = document.createElement("div");
  nd.textContent = {{ this.no_data_json }};
  keys.appendChild(nd);
  box.appendChild(keys);
  L.DomEvent.disableClickPropagation(box);
  L.DomEvent.disableScrollPropagation(box);
  var control = L.control({position: {{ this.position_json }}});
  control.onAdd = function () { return box; };
  var intervals = {{ this.intervals_json }};
  function show(i, day) {
    var s = snaps[i];
    day = day || s.date;
    group.clearLayers();
    L.geoJSON(s.areas, {
      style: function (f) {
        var c = colour(f.properties.controller);
        var contested = f.properties.controller === "contested";
        return {color: contested ? "#333333" : c, weight: contested ? 1.5 : 1, fillColor: c,
                fillOpacity: contested ? 0.3 : 0.35, dashArray: contested ? {{ this.contested_dash }} : null};
      },
      onEachFeature: function (f, layer) {
        layer.bindPopup(popup(null, [["controller", f.properties.controller], ["date", s.date],
          ["area (km²)", Math.round(f.properties.area_km2)], ["localities", f.properties.n_localities]]));
      }
    }).addTo(group);
    L.geoJSON(s.lines, {
      style: function () { return {color: lineColour, weight: 4, opacity: 0.9}; },
      onEachFeature: function (f, layer) {
        layer.bindPopup(popup(null, [["front line", f.properties.side_a + " / " + f.properties.side_b],
          ["date", s.date], ["length (km)", Math.round(f.properties.length_km * 10) / 10]]));
      }
    }).addTo(group);
    var points = s.points;
    if (intervals) {  // localities whose period of unchanged state covers the day
      points = {type: "FeatureCollection", features: intervals.features.filter(function (f) {
        var p = f.properties;
        return p.valid_from <= day && (p.valid_to === null || p.valid_to > day);
      })};
    }
    L.geoJSON(points, {
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, {radius: 3, weight: 1, color: "#222",
          fillColor: colour(f.properties.controller), fillOpacity: 0.95});
      },
      onEachFeature: function (f, layer) {
        var p = f.properties;
        layer.bindPopup(popup(null, [["place", p.place], ["controller", p.controller], ["since", p.observed || p.valid_from], ["until", p.valid_to],
          ["status", p.status], ["confidence", p.confidence], ["evidence", p.evidence], ["source", p.source]]));
      }
    }).addTo(group);
    label.textContent = day;
    input.value = String(i);
    box.setAttribute("data-snapshot", String(i));
  }
  input.addEventListener("input", function () { show(parseInt(input.value, 10)); });
  // In a conflictmap page the panel's date range drives the snapshot: the latest one at or before
  // its end date (the first one before any), and this box keeps only the legend.
  var follow = window.cm && window.cm.onFilter && document.getElementById("cm-date-to");
  if (follow) {
    input.style.display = "none";
    window.cm.onFilter(function (f) {
      if (f.to === null || f.to === undefined) { return; }
      var day = window.cm.dayText(f.to), idx = 0;
      for (var k = 0; k < snaps.length; k++) { if (snaps[k].date <= day) { idx = k; } }
      show(idx, day);
    });
  }
  map.on("overlayadd", function (e) { if (e.layer === group) { control.addTo(map); } });
  map.on("overlayremove", function (e) { if (e.layer === group) { control.remove(); } });
  {% if this.show %}control.addTo(map);{% endif %}
  show(snaps.length - 1);
})();
{% endmacro %}
"""
    )


def _make_slider_class() -> type:
    import folium

    class FrontSlider(safe_layer_class(folium.map.Layer)):  # type: ignore[misc]
        """A Leaflet layer group showing one snapshot of control areas, front lines and localities.

        Parameters
        ----------
        snapshots
            As from :func:`build_snapshots` (at least one).
        name
            Name in the layer control.
        show
            Visible on opening.
        """

        _template = _slider_template()

        def __init__(self, snapshots: Sequence[Mapping[str, Any]], *, name: str = "Control areas and front lines",
                     show: bool = True, intervals: Mapping[str, Any] | None = None) -> None:
            super().__init__(name=name, overlay=True, control=True, show=show)
            self._name = "FrontSlider"
            if not snapshots:
                raise ValueError("FrontSlider needs at least one snapshot")
            self.snapshots = list(snapshots)
            self.dates = [s["date"] for s in self.snapshots]
            used = {f["properties"].get("controller") for s in self.snapshots for k in ("areas", "points") for f in s[k]["features"]}
            used |= {f["properties"].get("controller") for f in (intervals or {}).get("features", [])}
            self.snapshots_json = script_json(self.snapshots)
            self.intervals_json = script_json(intervals)
            self.palette_json = script_json(PALETTE)
            self.legend_json = script_json([c for c in CONTROLLERS if c in used] or list(CONTROLLERS))
            self.title_json = script_json("Control on")
            self.no_data_json = script_json("uncoloured: no data (no known locality within reach)")
            self.line_colour = FRONT_LINE_COLOUR
            self.line_colour_json = script_json(FRONT_LINE_COLOUR)
            self.unknown_colour = _UNKNOWN_COLOUR
            self.position_json = script_json("bottomright")
            self.contested_dash = script_json(CONTESTED_HATCH["dash"])

    return FrontSlider


def _points_template() -> Any:
    from branca.element import Template

    return Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.featureGroup();
(function () {
  var data = {{ this.features_json }};
  var group = {{ this.get_name() }};
  var kind = {{ this.kind_json }};
""" + _POPUP_JS + """  data.features.forEach(function (f) {
    var p = f.properties;
    var ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
    var marker;
    if (kind === "change") {
      var dashed = p.status === "reversed" || p.status === "claimed";
      marker = L.circleMarker(ll, {radius: 7, weight: 1.5, color: p.status === "reversed" ? p.colour : "#000000",
        dashArray: dashed ? "3 3" : null, fillColor: p.colour,
        fillOpacity: p.status === "reversed" ? 0.15 : (p.status === "claimed" ? 0.45 : 0.9)});
      marker.bindPopup(popup("Control change", [["Date", p.date], ["Place", p.place],
        ["Control", (p.from_controller || "?") + " \u2192 " + p.to_controller], ["Status", p.status],
        ["Evidence", p.evidence], ["Source", p.source]]), {maxWidth: 340});
      marker.bindTooltip(document.createTextNode(p.place + ": " + p.to_controller + " (" + p.status + ")"));
    } else {
      var icon = L.divIcon({className: "cm-front-obs", iconSize: [20, 20], iconAnchor: [10, 10],
        html: "<div style='font:bold 20px/20px sans-serif;text-shadow:0 0 2px #fff;color:" + p.colour + "'>\u2715</div>"});
      marker = L.marker(ll, {icon: icon});
      marker.bindPopup(popup("Front observation", [["Date", p.date], ["Forces", p.actor], ["Near", p.place],
        ["Distance", p.distance_km === null ? null : p.distance_km + " km"], ["Evidence", p.evidence],
        ["Source", p.source]]), {maxWidth: 340});
      marker.bindTooltip(document.createTextNode((p.actor || "forces") + " near " + (p.place || "?")));
      if (p.distance_km) {
        L.circle(ll, {radius: p.distance_km * 1000, color: p.colour, weight: 1.5, dashArray: "4 6",
          fill: false, interactive: false}).addTo(group);
      }
    }
    marker.addTo(group);
  });
})();
{% endmacro %}
"""
    )


def _make_points_class() -> type:
    import folium

    class FrontPoints(safe_layer_class(folium.map.Layer)):  # type: ignore[misc]
        """Control-change circle markers (``kind="change"``) or front-observation crosses (``"observation"``)."""

        _template = _points_template()

        def __init__(self, features: Mapping[str, Any], *, kind: str, name: str, show: bool = True) -> None:
            super().__init__(name=name, overlay=True, control=True, show=show)
            self._name = "FrontPoints"
            self.features = features
            self.features_json = script_json(features)
            self.kind_json = script_json(kind)

    return FrontPoints


def __getattr__(name: str) -> Any:
    # These subclass folium's Layer: build them on first use so importing this module stays light.
    makers = {"FrontSlider": _make_slider_class, "FrontPoints": _make_points_class}
    if name in makers:
        cls = makers[name]()
        globals()[name] = cls
        return cls
    raise AttributeError(f"module 'geo.render.frontmap' has no attribute {name!r}")


def add_front_layers(m: folium.Map, front: Mapping[str, gpd.GeoDataFrame], *, offline: bool = False) -> None:
    """Add control areas and front lines (time slider), control changes and front observations.

    Everything is drawn by inline JavaScript using Leaflet only (no jQuery, no plugin, no CDN), so
    the layers work in an offline page as long as Leaflet itself is there.

    Parameters
    ----------
    m
        The folium map.
    front
        Layers from :meth:`geo.spatial.control.ControlTable.snapshots` (``control``, ``control_areas``,
        ``front_lines``, ``control_changes``) plus, optionally, ``front_observations`` points
        (``actor``, ``place``, ``distance_km``, ``date``, ``evidence``, ``source``).
    offline
        Accepted for symmetry with the other map layers: nothing added here loads a remote asset,
        online or offline.
    """
    intervals = build_intervals(front)
    snaps = build_snapshots(front, expand_intervals=False)
    if snaps:
        m.add_child(__getattr__("FrontSlider")(snaps, intervals=intervals))
    points = __getattr__("FrontPoints")
    changes = _change_features(front.get("control_changes"))
    if changes["features"]:
        m.add_child(points(changes, kind="change", name="Control changes"))
    observations = _observation_features(front.get("front_observations"))
    if observations["features"]:
        m.add_child(points(observations, kind="observation", name="Front observations", show=False))  # hook (maps): off by default


def _change_features(gdf: gpd.GeoDataFrame | None) -> dict[str, Any]:
    feats = []
    if gdf is not None and len(gdf):
        for row in _located(gdf).itertuples(index=False):
            to = str(getattr(row, "to_controller", "") or "")
            props = {k: _plain(getattr(row, k, None)) for k in
                     ("place", "from_controller", "to_controller", "date", "status", "evidence", "source")}  # fmt: skip
            props["colour"] = PALETTE.get(to, _UNKNOWN_COLOUR)
            feats.append(_point_feature(row.geometry, props))
    return {"type": "FeatureCollection", "features": feats}


def _observation_features(gdf: gpd.GeoDataFrame | None) -> dict[str, Any]:
    feats = []
    if gdf is not None and len(gdf):
        for row in _located(gdf).itertuples(index=False):
            actor = str(getattr(row, "actor", "") or "")
            props = {k: _plain(getattr(row, k, None)) for k in ("actor", "place", "date", "evidence", "source")}
            dist = getattr(row, "distance_km", None)
            props["distance_km"] = float(dist) if dist is not None and _finite(dist) and float(dist) > 0 else None
            props["colour"] = PALETTE.get(actor, PALETTE.get(_normalise(actor) or "", "#333333"))
            feats.append(_point_feature(row.geometry, props))
    return {"type": "FeatureCollection", "features": feats}


def _point_feature(geom: Any, props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(geom.x, 6), round(geom.y, 6)]},
            "properties": props}  # fmt: skip


# ---------------------------------------------------------------------- helpers
def _located(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs("EPSG:4326")
    ok = gdf.geometry.notna() & ~gdf.geometry.is_empty
    gdf = gdf[ok]
    return gdf[gdf.geometry.geom_type == "Point"]


def _geojson_geometry(geom: Any, *, simplify: bool) -> dict[str, Any]:
    import shapely
    from shapely.geometry import mapping

    if simplify:
        geom = geom.simplify(_SIMPLIFY_DEG, preserve_topology=True)
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    try:
        geom = shapely.set_precision(geom, 1e-5)
    except shapely.errors.GEOSException:
        # Snapping to the grid can still meet a topology conflict on slivers between areas:
        # round each vertex instead (the map only draws it).
        geom = shapely.set_precision(geom, 1e-5, mode="pointwise")
    return mapping(geom)


def _day(value: Any) -> str | None:
    if value is None:
        return None
    try:
        import pandas as pd

        if pd.isna(value):
            return None
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    except (TypeError, ValueError):
        return str(value)


def _plain(value: Any) -> Any:
    """JSON-ready scalar (timestamps to ISO dates, NaN to null, numpy to Python)."""
    if value is None:
        return None
    if hasattr(value, "strftime") or type(value).__name__ in {"Timestamp", "NaTType", "datetime64"}:
        return _day(value)
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return round(value, 3) if math.isfinite(value) else None
    if isinstance(value, (int, bool, str)):
        return value
    return str(value)


def _finite(value: Any) -> bool:
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def _normalise(label: str) -> str | None:
    from geo.spatial.controllers import normalise_controller

    return normalise_controller(label)
