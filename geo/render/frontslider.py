"""The front layers' folium elements: the time slider of control areas and front lines, and the point layers.

:class:`FrontSlider` embeds every snapshot's GeoJSON in the page and switches them with a plain
``<input type="range">``; :class:`FrontPoints` draws control changes or front observations. Their
code is ``geo/render/static/front-slider.js``, ``front-points.js`` and ``front-popup.js`` (styles in
``front-slider.css``), inlined in the page; the Python side only hands them one JSON data block each
(``<script type="application/json">``, packed by :func:`geo.render.packjson.pack`, escaped by
:func:`geo.render.html.script_json`; ``JSON.parse`` reads it much faster than a script literal, and
the observations, off by default, are read only when shown), so no dispatch text is ever part of a
template. Both classes subclass folium's ``Layer``: they are built on first use (module
``__getattr__``) so that importing this module stays light.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from geo.render.assets import asset_text, script_asset
from geo.render.html import safe_layer_class, script_json
from geo.render.packjson import Packed, pack
from geo.spatial.controllers import CONTESTED_HATCH, CONTROLLERS, PALETTE, UNKNOWN_COLOUR

#: Front lines: thick dark red (the QGIS style uses the same colour).
FRONT_LINE_COLOUR = "#8b0000"

#: The elements' Jinja2 templates: glue that calls the inlined static code with JSON data.
_SLIDER_TEMPLATE = """
{% macro header(this, kwargs) %}<style>
{{ this.css }}</style>{% endmacro %}
{% macro html(this, kwargs) %}<script type="application/json" id="{{ this.get_name() }}-data">
{{- this.config_json }}</script>{% endmacro %}
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.layerGroup();
(function () {
{{ this.source }}
cmFrontSlider({{ this.get_name() }}, {{ this._parent.get_name() }}, cmFrontData("{{ this.get_name() }}-data"));
})();
{% endmacro %}
"""
_POINTS_TEMPLATE = """
{% macro html(this, kwargs) %}<script type="application/json" id="{{ this.get_name() }}-data">
{{- this.features_json }}</script>{% endmacro %}
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.featureGroup();
(function () {
{{ this.source }}
cmFrontPoints({{ this.get_name() }}, function () { return cmFrontData("{{ this.get_name() }}-data"); },
              {{ this.kind_json }});
})();
{% endmacro %}
"""

__all__ = ["FRONT_LINE_COLOUR", "FrontPoints", "FrontSlider", "slider_config"]  # noqa: F822 - built on first use


def slider_config(snapshots: Sequence[Mapping[str, Any]], intervals: Mapping[str, Any] | None, *,
                  show: bool) -> dict[str, Any]:
    """The configuration the slider's page code (``cmFrontSlider``) reads.

    Parameters
    ----------
    snapshots : sequence of mapping
        As from :func:`geo.render.frontmap.build_snapshots`.
    intervals : mapping, optional
        As from :func:`geo.render.frontmap.build_intervals`.
    show : bool
        Whether the slider's box is shown on opening.

    Returns
    -------
    dict
        JSON-ready: the snapshots, the intervals, the palette and the legend (the controllers used).
    """
    used = {f["properties"].get("controller") for s in snapshots for k in ("areas", "points") for f in s[k]["features"]}
    used |= _controllers((intervals or {}).get("features", []))
    return {
        "snapshots": list(snapshots),
        "intervals": intervals,
        "colours": PALETTE,
        "legend": [c for c in CONTROLLERS if c in used] or list(CONTROLLERS),
        "title": "Control on",
        "noData": "uncoloured: no data (no known locality within reach)",
        "lineColour": FRONT_LINE_COLOUR,
        "unknownColour": UNKNOWN_COLOUR,
        "position": "bottomright",
        "contestedDash": CONTESTED_HATCH["dash"],
        "show": show,
    }


def _controllers(features: Any) -> set[Any]:
    """The controllers of features: GeoJSON features, or their columns (:class:`~geo.render.packjson.Packed`)."""
    if isinstance(features, Packed):
        properties = features.columns["properties"]
        values = properties.columns.get("controller") if isinstance(properties, Packed) else None
        if isinstance(values, list):
            return set(values)
        features = features.rows()
    return {f["properties"].get("controller") for f in features}


@functools.cache
def _make_slider_class() -> type:
    import folium
    from jinja2 import Template

    class FrontSlider(safe_layer_class(folium.map.Layer)):  # type: ignore[misc]
        """A Leaflet layer group showing one snapshot of control areas, front lines and localities.

        Parameters
        ----------
        snapshots
            As from :func:`geo.render.frontmap.build_snapshots` (at least one).
        name
            Name in the layer control.
        show
            Visible on opening.
        intervals
            As from :func:`geo.render.frontmap.build_intervals`: the localities of any day.
        config_json
            Instead of ``snapshots`` and ``intervals``: the page data already made
            (:func:`geo.render.frontmap.slider_json`, shown on opening).
        """

        _template = Template(_SLIDER_TEMPLATE)

        def __init__(self, snapshots: Sequence[Mapping[str, Any]] = (), *, name: str = "Control areas and front lines",
                     show: bool = True, intervals: Mapping[str, Any] | None = None,
                     config_json: str | None = None) -> None:
            super().__init__(name=name, overlay=True, control=True, show=show)
            self._name = "FrontSlider"
            if not snapshots and config_json is None:
                raise ValueError("FrontSlider needs at least one snapshot")
            self.snapshots = list(snapshots)
            self.dates = [s["date"] for s in self.snapshots]
            self.config_json = config_json if config_json is not None else script_json(
                pack(slider_config(self.snapshots, intervals, show=show)))
            self.css = asset_text("front-slider.css")
            self.source = script_asset("unpack.js", "front-popup.js", "front-slider.js")

    return FrontSlider


@functools.cache
def _make_points_class() -> type:
    import folium
    from jinja2 import Template

    class FrontPoints(safe_layer_class(folium.map.Layer)):  # type: ignore[misc]
        """Control-change circle markers (``kind="change"``) or front-observation crosses (``"observation"``).

        ``features_json``: instead of ``features``, their page data already made (packed, escaped).
        """

        _template = Template(_POINTS_TEMPLATE)

        def __init__(self, features: Mapping[str, Any] | None, *, kind: str, name: str, show: bool = True,
                     features_json: str | None = None) -> None:
            super().__init__(name=name, overlay=True, control=True, show=show)
            self._name = "FrontPoints"
            self.features = features
            self.features_json = features_json if features_json is not None else script_json(pack(features))
            self.kind_json = script_json(kind)
            self.source = script_asset("unpack.js", "front-popup.js", "front-points.js")

    return FrontPoints


def __getattr__(name: str) -> Any:
    makers = {"FrontSlider": _make_slider_class, "FrontPoints": _make_points_class}
    if name in makers:
        return makers[name]()
    raise AttributeError(f"module 'geo.render.frontslider' has no attribute {name!r}")
