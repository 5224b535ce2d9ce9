"""The governorates layer of the map: a choropleth of the killed, with a tooltip per governorate.

Tooltips are HTML built from escaped text (:func:`geo.render.html.html_text`) and reach the page as
JSON; the layer never re-compiles its output as a template (:mod:`geo.render.html`).
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from geo.render.frames import in_wgs84
from geo.render.html import html_text, safe_layer_class
from geo.values import as_int, flag, text

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas as gpd

__all__ = ["CHORO_BINS", "CHORO_COLORS", "NO_REPORT_COLOR", "add_choropleth", "choro_color", "choro_legend",
           "gov_tooltip", "with_aggregates"]

#: Lower bounds of the classes of killed (the first class is 0).
CHORO_BINS = (1, 10, 50, 100, 500, 1000)
#: Killed per governorate: ColorBrewer "Purples" (one hue, colour-blind safe), a hue no controller
#: or actor fill uses, so the shading never blends with control areas into another control colour.
CHORO_COLORS = ("#f2f0f7", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3", "#4a1486")
#: A governorate without any report.
NO_REPORT_COLOR = "#ffffff"
_NAME_COLUMNS = ("adm1_name_fr", "adm1_name", "adm1", "ADM1_EN", "name", "NAME_EN")


def choro_color(killed: Any) -> str:
    """The fill of a governorate with ``killed`` killed (white when there is no report)."""
    n = as_int(killed)
    if n is None:
        return NO_REPORT_COLOR
    for colour, upper in zip(CHORO_COLORS, CHORO_BINS, strict=False):
        if n < upper:
            return colour
    return CHORO_COLORS[-1]


def _esc(value: Any) -> str:
    return html_text(text(value))


def _gov_name(row: Mapping[str, Any]) -> str:
    for col in _NAME_COLUMNS:
        if text(row.get(col)):
            return _esc(row.get(col))
    return _esc(row.get("adm1_pcode")) or "governorate"


def _day_text(value: Any) -> str:
    if text(value) is None:
        return ""
    return _esc(value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else value)


def gov_tooltip(row: Mapping[str, Any]) -> str:
    """The tooltip of one governorate (HTML of escaped text): name, P-code, killed, strikes, dates."""
    pcode = f" <small>{_esc(row.get('adm1_pcode'))}</small>" if text(row.get("adm1_pcode")) else ""
    lines = [f"<b>{_gov_name(row)}</b>{pcode}"]
    killed = as_int(row.get("killed"))
    at_least = flag(row.get("killed_min_flag")) or flag(row.get("killed_min"))
    lines.append("Killed: " + ("no report" if killed is None else ("≥ " if at_least else "") + str(killed)))
    for col, label in (("strikes", "Strikes"), ("control_changes", "Control changes")):
        if as_int(row.get(col)) is not None:
            lines.append(f"{label}: {as_int(row.get(col))}")
    first, last = _day_text(row.get("first_date")), _day_text(row.get("last_date"))
    if first or last:
        lines.append(f"Dates: {first or '?'} – {last or '?'}")
    return "<br>".join(lines)


def with_aggregates(governorates: gpd.GeoDataFrame, events: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return the governorates with aggregates, computed by :func:`geo.spatial.aggregate.aggregate_by_admin`
    from ``events`` when the frame has no ``killed`` column (and both frames have ``adm1_pcode``)."""
    gov = in_wgs84(governorates, "governorates")
    if "killed" in gov.columns or "adm1_pcode" not in gov.columns or "adm1_pcode" not in events.columns:
        return gov
    from geo.spatial.aggregate import aggregate_by_admin

    return aggregate_by_admin(events, gov, level=1)


def add_choropleth(fmap: folium.Map, gov: gpd.GeoDataFrame, *, show: bool = True) -> None:
    """Add the "Governorates: killed" layer (fills from :func:`choro_color`, tooltips from :func:`gov_tooltip`)."""
    import folium
    from folium.utilities import JsCode

    records = gov.drop(columns="geometry").to_dict("records")
    features = [
        {
            "type": "Feature",
            "geometry": geom.__geo_interface__,
            "properties": {"fill": choro_color(rec.get("killed")), "tip": gov_tooltip(rec)},
        }
        for rec, geom in zip(records, gov.geometry, strict=True)
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


def choro_legend() -> str:
    """The panel's legend of the choropleth (HTML): one swatch per class, "no report" first."""
    labels = [f"{lo}–{hi - 1}" for lo, hi in pairwise(CHORO_BINS)]
    bins = ["no report", "0", *labels, f"≥ {CHORO_BINS[-1]}"]
    swatches = [NO_REPORT_COLOR, *CHORO_COLORS]
    cells = "".join(
        f'<span class="cm-swatch" style="background:{c}" title="{html_text(b)}"></span>'
        for c, b in zip(swatches, bins, strict=True)
    )
    return ('<div class="cm-sec"><b>Killed per governorate</b> <small>(layers, top right)</small>'
            f'<div class="cm-ramp">{cells}</div><div class="cm-ramp-labels"><span>none</span><span>1</span>'
            f"<span>≥ {CHORO_BINS[-1]}</span></div></div>")
