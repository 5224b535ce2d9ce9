"""The interactive folium map: strikes, heat, governorate choropleth, mentions, control changes.

:func:`make_map` builds a :class:`folium.Map` from the events GeoDataFrame (flat columns of
:class:`geo.model.Event`); :func:`save_map` writes it atomically, self-contained when ``offline``.

All dispatch text is untrusted. Every string that reaches the page goes through
:func:`geo._html.html_text` and, inside ``<script>``, through :func:`geo._html.script_json`; the
page's own elements never re-compile their output as a template (:mod:`geo._html` says why).
Popups and tooltips are bound with plain Leaflet calls (never folium's ``Popup``, which needs
jQuery and puts text in a JS template literal).

Large maps: above ``bulk_threshold`` located points a layer is ONE JavaScript data array turned
into clustered circle markers in a loop (popups built on click from a de-duplicated table), not
thousands of folium elements.
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

from gazetteer._io import atomic_write_text
from gazetteer.errors import InputError
from geo._controllers import PALETTE
from geo._html import html_text, raw_element, safe_layer_class, safe_macro, script_json

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas as gpd

__all__ = [
    "ACTOR_COLORS",
    "UNKNOWN_COLOR",
    "CLUSTER_THRESHOLD",
    "BULK_THRESHOLD",
    "actor_color",
    "make_map",
    "save_map",
]

#: Colour per normalised actor (also used for controllers of control changes). Controller labels
#: (regime, rebels, HTS/jihadists, IS, SDF/Kurdish forces, Turkey, contested) take their colour
#: from :data:`geo._controllers.PALETTE`, the one source shared with the front-line map and the
#: QGIS styles; the other actors have their own, distinct colours.
ACTOR_COLORS: dict[str, str] = {
    "regime": PALETTE["regime"],
    "Russia": "#8c1515",
    "rebels": PALETTE["rebels"],
    "HTS/jihadists": PALETTE["HTS/jihadists"],
    "IS": PALETTE["IS"],
    "SDF/Kurdish forces": PALETTE["SDF/Kurdish forces"],
    "Turkey": PALETTE["Turkey"],
    "coalition": "#9467bd",
    "Iran/Hezbollah": "#8c564b",
    "Israel": "#17becf",
    "contested": PALETTE["contested"],
    "unknown": "#999999",
}
UNKNOWN_COLOR = "#999999"
#: Above this many located points, a marker layer is clustered.
CLUSTER_THRESHOLD = 200
#: Above this many located points, a marker layer is one JS data array, not folium elements.
BULK_THRESHOLD = 2000

#: Syria's extent, (south, west), (north, east): the view when nothing else gives bounds.
_SYRIA_BOUNDS = ((32.31, 35.61), (37.32, 42.39))
_CHORO_BINS = (1, 10, 50, 100, 500, 1000)
_CHORO_COLORS = ("#f7f7f7", "#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026")
_ACTOR_KEYS = {k.casefold(): k for k in ACTOR_COLORS}


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
    label = _text(actor)
    if label is None:
        return UNKNOWN_COLOR
    key = _ACTOR_KEYS.get(label.casefold())
    return ACTOR_COLORS[key] if key else UNKNOWN_COLOR


def make_map(
    events: gpd.GeoDataFrame,
    *,
    mentions: gpd.GeoDataFrame | None = None,
    governorates: gpd.GeoDataFrame | None = None,
    front: Mapping[str, gpd.GeoDataFrame] | None = None,
    title: str | None = None,
    offline: bool = False,
    tiles: str | None = "OpenStreetMap",
    cluster_threshold: int = CLUSTER_THRESHOLD,
    bulk_threshold: int = BULK_THRESHOLD,
) -> folium.Map:
    """Build the interactive map of events.

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        Flat :class:`geo.model.Event` columns and point geometries (EPSG:4326; other CRSs are
        reprojected). Rows without geometry are counted in the legend, not drawn.
    mentions : geopandas.GeoDataFrame, optional
        Place mentions (:class:`geo.model.Mention` columns): small grey points, off by default.
    governorates : geopandas.GeoDataFrame, optional
        Governorate polygons, ideally with aggregates (``killed``, ``strikes``...); missing
        aggregates are computed from ``events`` by ``adm1_pcode``. Drawn as a choropleth of killed
        and, offline, as the basemap.
    front : Mapping of str to geopandas.GeoDataFrame, optional
        Front-line layers (``control_areas``, ``front_lines``, ``control_changes``,
        ``front_observations``), drawn by ``geo.frontmap.add_front_layers`` when that module exists.
    title : str, optional
        Title shown above the map; the date range of the events is appended.
    offline : bool
        No tile layer (tiles are remote): the boundaries are drawn as a light-grey basemap.
        Save with ``save_map(..., offline=True)`` to inline the JavaScript and CSS.
    tiles : str or None
        folium tile name for online maps; ignored when ``offline``.
    cluster_threshold, bulk_threshold : int
        Cluster a marker layer above ``cluster_threshold`` points; above ``bulk_threshold``
        render it as one JavaScript data array.

    Returns
    -------
    folium.Map

    Raises
    ------
    InputError
        If ``events`` is not a GeoDataFrame or has no ``kind`` column.
    """
    import folium

    events = _in_wgs84(events, "events")
    if "kind" not in events.columns:
        raise InputError(f"events has no 'kind' column (columns: {', '.join(map(str, events.columns))})")
    located = events[_has_point(events)]
    boundaries = _boundaries(governorates, offline)

    fmap = folium.Map(
        location=[35.0, 38.5],
        zoom_start=7,
        tiles=None if offline else tiles,
        min_zoom=4,
        max_zoom=18,
        control_scale=True,
        # on the map itself too: markercluster needs it when there is no tile layer
        minZoom=4,
        maxZoom=18,
    )
    fmap.get_root().header.add_child(raw_element(_CSS), name="conflictmap_css")
    # no favicon request (offline pages must not fetch anything that is not inline)
    fmap.get_root().header.add_child(raw_element('<link rel="icon" href="data:,">'), name="conflictmap_icon")
    if offline and boundaries is not None:
        _add_basemap(fmap, boundaries)
    if governorates is not None and len(governorates):
        _add_choropleth(fmap, _with_aggregates(governorates, events))

    from geo.kinds import kinds_on_layer

    kinds = located["kind"].astype("string")
    strikes = located[kinds.isin(kinds_on_layer("strikes"))]
    others = located[kinds.isin(kinds_on_layer("others"))]
    changes = located[kinds.isin(kinds_on_layer("changes"))]
    opts = {"cluster_threshold": cluster_threshold, "bulk_threshold": bulk_threshold}
    _add_event_layer(fmap, strikes, "Strikes", "cm-strike", show=True, **opts)
    if len(others):
        _add_event_layer(fmap, others, "Clashes and displacement", "cm-other", show=True, **opts)
    if len(strikes):
        _add_heat(fmap, strikes)
    if mentions is not None:
        _add_mentions(fmap, _in_wgs84(mentions, "mentions"), **opts)

    front_drawn = _add_front(fmap, front, offline=offline)
    if len(changes) and not (front_drawn and _nonempty(front, "control_changes")):
        _add_event_layer(fmap, changes, "Control changes", "cm-change", show=True, **opts)

    from geo._data_attribution import add_map_attribution

    add_map_attribution(fmap)  # the installed data's licences (conflictmap data)
    _add_title(fmap, title, events, n_located=len(located))
    _add_legend(fmap, located, n_missing=len(events) - len(located), choropleth=governorates is not None)
    folium.LayerControl(collapsed=False).add_to(fmap)
    fmap.fit_bounds(_view_bounds(boundaries, located))
    fmap.add_child(_ready(), name="conflictmap_ready")
    fmap._conflictmap_offline = offline  # type: ignore[attr-defined]
    if offline:
        # Jupyter shows a map through _repr_html_; folium's own loads Leaflet and jQuery from CDNs.
        fmap._repr_html_ = functools.partial(_offline_repr_html, fmap)  # type: ignore[method-assign]
    return fmap


def _offline_repr_html(fmap: folium.Map, **kwargs: Any) -> str:
    """Notebook display of an offline map: the self-contained page in an ``iframe srcdoc``."""
    from geo._offline import make_self_contained

    page = make_self_contained(fmap.get_root().render())
    return (
        '<div style="width:100%"><iframe srcdoc="' + html.escape(page, quote=True) + '" '
        'style="width:100%; height:560px; border:0" sandbox="allow-scripts"></iframe></div>'
    )


def save_map(m: folium.Map, path: str | os.PathLike[str], *, offline: bool = False) -> Path:
    """Write the map as one HTML file, atomically (temporary file, then :func:`os.replace`).

    Parameters
    ----------
    m : folium.Map
        A map from :func:`make_map`.
    path : str or os.PathLike
        Output file; its folder is created if needed.
    offline : bool
        Inline Leaflet and plugins and drop unused CDN links, then check that the page fetches
        nothing remote (:func:`geo._offline.make_self_contained`).

    Returns
    -------
    pathlib.Path
        The written file.

    Raises
    ------
    ConflictmapError
        If ``offline`` and the page would still fetch a remote URL (for instance a map built
        with ``make_map(..., offline=False)`` has a remote tile layer).
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    page = m.get_root().render()
    if offline:
        from geo._offline import make_self_contained

        page = make_self_contained(page)
    atomic_write_text(out, page)
    return out


# --------------------------------------------------------------------------- text helpers

def _text(value: Any) -> str | None:
    """Return ``value`` as a stripped string, None for None/NaN/NA/empty."""
    if value is None:
        return None
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    text = str(value).strip()
    return text or None


def _int(value: Any) -> int | None:
    text = _text(value)
    if text is None:
        return None
    try:
        return int(float(text))
    except ValueError:
        return None


_DATE_FORMATS = {"year": "%Y", "month": "%Y-%m"}


def _date_text(value: Any, precision: Any = None) -> str | None:
    """A date as text at its precision: ``2019-05-14``, ``2019-05`` (month) or ``2019`` (year).

    Strings are kept as they are; datetime-like values (``geo.frames`` stores period starts as
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


def _flag(value: Any) -> bool:
    text = _text(value)
    return text is not None and text.casefold() in ("true", "1", "yes")


def _esc(value: Any) -> str:
    """HTML-escape any value (quotes and braces included); None/NaN/empty give an empty string."""
    return html_text(_text(value))


def _killed_text(row: Mapping[str, Any]) -> str | None:
    killed = _int(row.get("killed"))
    if killed is None:
        return None
    prefix = "≥ " if _flag(row.get("killed_min")) else "~" if _flag(row.get("killed_approx")) else ""
    text = f"{prefix}{killed} killed"
    children = _int(row.get("children_killed"))
    if children:
        text += f" (incl. {children} children)"
    if _flag(row.get("cumulative")) or _flag(row.get("is_total")):
        text += ", cumulative toll"
    return text


def _event_popup(row: Mapping[str, Any]) -> str:
    """The popup HTML of one event; every value is escaped."""
    return "<br>".join(_event_popup_parts(row))


def _event_popup_parts(row: Mapping[str, Any]) -> list[str]:
    """The popup lines of one event (escaped HTML): place, date, actor, casualties, evidence, source."""
    parts: list[str] = []
    kind = _esc(row.get("subtype")) or _esc(row.get("kind")) or "event"
    place = _esc(row.get("place")) or "unnamed place"
    adm1 = _esc(row.get("adm1_name")) or _esc(row.get("adm1")) or _esc(row.get("adm1_gaz"))
    parts.append(f"<b>{place}</b>" + (f", {adm1}" if adm1 else "") + f" <small>({kind})</small>")
    date = _esc(_date_text(row.get("date"), row.get("date_precision")))
    if date:
        prec = _esc(row.get("date_precision"))
        parts.append(f"Date: {date}" + (f" <small>({prec})</small>" if prec and prec != "day" else ""))
    actor = _esc(row.get("actor"))
    actor_text = _esc(row.get("actor_text"))
    if actor or actor_text:
        parts.append("Actor: " + (actor or "unknown") + (f" <small>({actor_text})</small>" if actor_text else ""))
    target = _esc(row.get("target"))
    if target:
        parts.append(f"Target: {target}")
    casualties = [t for t in (_killed_text(row),) if t]
    injured = _int(row.get("injured"))
    if injured is not None:
        casualties.append(f"{injured} injured")
    displaced = _int(row.get("displaced"))
    if displaced is not None:
        casualties.append(f"{displaced} displaced")
    if casualties:
        parts.append("Casualties: " + html_text("; ".join(casualties)))
    new, prev = _esc(row.get("new_controller")), _esc(row.get("previous_controller"))
    if new:
        parts.append(f"Control: {prev or '?'} &rarr; {new}" + (f" ({_esc(row.get('status'))})" if _text(row.get("status")) else ""))
    evidence = _esc(row.get("evidence"))
    if evidence:
        parts.append(f'<q class="cm-evidence">{evidence}</q>')
    source = _esc(row.get("source"))
    if source:
        parts.append(f'<small class="cm-source">Source: {source}</small>')
    return parts


def _event_tooltip(row: Mapping[str, Any]) -> str:
    place = _esc(row.get("place")) or "unnamed place"
    date = _esc(_date_text(row.get("date"), row.get("date_precision")))
    killed = _killed_text(row)
    return place + (f" · {date}" if date else "") + (f" · {html_text(killed)}" if killed else "")


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


def _lat_lon(frame: gpd.GeoDataFrame) -> tuple[list[float], list[float]]:
    geom = frame.geometry
    pts = geom.where(geom.geom_type == "Point", geom.representative_point())
    return [round(float(y), 5) for y in pts.y], [round(float(x), 5) for x in pts.x]


def _radius(killed: Any) -> float:
    """Circle radius in pixels: sqrt scale of killed, 4 px when unknown or zero, at most 30."""
    n = _int(killed)
    if not n or n < 0:
        return 4.0
    return round(min(30.0, 4.0 + 2.2 * math.sqrt(n)), 1)


def _boundaries(governorates: gpd.GeoDataFrame | None, offline: bool) -> gpd.GeoDataFrame | None:
    """The polygons that frame the map: the given governorates, else (offline) the embedded ones."""
    if governorates is not None and len(governorates):
        return _in_wgs84(governorates, "governorates")
    if not offline:
        return None
    try:
        from geo.admin import load_boundaries
    except ModuleNotFoundError as exc:
        if exc.name != "geo.admin":
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


# --------------------------------------------------------------------------- layers


def _add_basemap(fmap: folium.Map, boundaries: gpd.GeoDataFrame) -> None:
    """Offline basemap: the boundaries in light grey, not interactive, not in the layer control."""
    import folium

    shapes = json.loads(boundaries[["geometry"]].to_json(drop_id=True))
    safe_layer_class(folium.GeoJson)(
        shapes,
        name="Basemap (boundaries)",
        style_function=lambda _f: {"fillColor": "#eeeeee", "color": "#9a9a9a", "weight": 1, "fillOpacity": 1.0},
        interactive=False,
        control=False,
        smooth_factor=1.0,
    ).add_to(fmap)


def _with_aggregates(governorates: gpd.GeoDataFrame, events: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return the governorates with aggregates, computed by :func:`geo.aggregate.aggregate_by_admin`
    from ``events`` when the frame has no ``killed`` column (and both frames have ``adm1_pcode``)."""
    gov = _in_wgs84(governorates, "governorates")
    if "killed" in gov.columns or "adm1_pcode" not in gov.columns or "adm1_pcode" not in events.columns:
        return gov
    try:
        from geo.aggregate import aggregate_by_admin
    except ModuleNotFoundError as exc:
        if exc.name != "geo.aggregate":
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


def _add_choropleth(fmap: folium.Map, gov: gpd.GeoDataFrame) -> None:
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
        style_function=lambda f: {
            "fillColor": f["properties"]["fill"],
            "color": "#666666",
            "weight": 1,
            "fillOpacity": 0.55,
        },
        highlight_function=lambda _f: {"weight": 3, "color": "#333333"},
        on_each_feature=JsCode(
            "function(feature, layer) {"
            " layer.bindTooltip(feature.properties.tip, {sticky: true, className: 'cm-tooltip'}); }"
        ),
        embed=True,
    ).add_to(fmap)


def _point_rows(frame: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    return frame.drop(columns=frame.geometry.name).to_dict("records")


def _add_event_layer(
    fmap: folium.Map,
    frame: gpd.GeoDataFrame,
    name: str,
    class_name: str,
    *,
    show: bool,
    cluster_threshold: int,
    bulk_threshold: int,
) -> None:
    """Circle markers sized by killed and coloured by actor (controller for control changes)."""
    import folium
    from folium.plugins import MarkerCluster

    if "killed" in frame.columns and len(frame):  # big circles first, so small ones stay on top
        order = frame["killed"].astype("Float64").fillna(0).to_numpy().argsort(kind="stable")[::-1]
        frame = frame.iloc[order]
    rows = _point_rows(frame)
    lats, lons = _lat_lon(frame)
    is_change = class_name == "cm-change"
    colours = [actor_color(r.get("new_controller") if is_change else r.get("actor")) for r in rows]
    # a cumulative toll or a total is not one strike's toll: drawn at the minimum size
    radii = [
        9.0 if is_change else 4.0 if _flag(r.get("cumulative")) or _flag(r.get("is_total")) else _radius(r.get("killed"))
        for r in rows
    ]
    style = {"weight": 3 if is_change else 1, "stroke_color": "#000000" if is_change else None}
    if len(rows) > bulk_threshold:
        _bulk_points(
            lats, lons, radii, colours,
            popups=[_event_popup_parts(r) for r in rows],
            tooltips=None,
            name=name, class_name=class_name, cluster=True, show=show, weight=style["weight"],
        ).add_to(fmap)
        return
    group: folium.map.Layer
    if len(rows) > cluster_threshold:
        group = MarkerCluster(name=name, show=show, options={"maxClusterRadius": 40})
    else:
        group = folium.FeatureGroup(name=name, show=show)
    for lat, lon, radius, colour, row in zip(lats, lons, radii, colours, rows):
        marker = folium.CircleMarker(
            [lat, lon],
            radius=radius,
            color=style["stroke_color"] or colour,
            weight=style["weight"],
            fill=True,
            fill_color=colour,
            fill_opacity=0.7,
            class_name=class_name,
        )
        marker.add_child(_bind(popup=_event_popup(row), tooltip=_event_tooltip(row)))
        marker.add_to(group)
    group.add_to(fmap)


def _add_heat(fmap: folium.Map, strikes: gpd.GeoDataFrame) -> None:
    from folium.plugins import HeatMap

    lats, lons = _lat_lon(strikes)
    weights = [1.0 + math.sqrt(max(_int(k) or 0, 0)) for k in strikes.get("killed", [None] * len(strikes))]
    top = max(weights) if weights else 1.0
    data = [[la, lo, round(w / top, 3)] for la, lo, w in zip(lats, lons, weights)]
    HeatMap(data, name="Heat map (strikes)", show=False, radius=18, blur=15, min_opacity=0.3).add_to(fmap)


def _add_mentions(fmap: folium.Map, mentions: gpd.GeoDataFrame, *, cluster_threshold: int, bulk_threshold: int) -> None:
    located = mentions[_has_point(mentions)]
    if not len(located):
        return
    rows = _point_rows(located)
    lats, lons = _lat_lon(located)
    tips = []
    for r in rows:
        name, surface = _esc(r.get("name")), _esc(r.get("surface"))
        tips.append((name or surface) + (f" <small>(“{surface}”)</small>" if surface and surface != name else ""))
    _bulk_points(
        lats, lons, [3.0] * len(rows), ["#777777"] * len(rows),
        popups=None, tooltips=tips,
        name="Place mentions", class_name="cm-mention", cluster=len(rows) > bulk_threshold, show=False, weight=1,
    ).add_to(fmap)


def _add_front(fmap: folium.Map, front: Mapping[str, Any] | None, *, offline: bool) -> bool:
    """Call ``geo.frontmap.add_front_layers`` when front layers are given and the module exists."""
    if not front:
        return False
    try:
        from geo.frontmap import add_front_layers
    except ModuleNotFoundError as exc:
        if exc.name != "geo.frontmap":
            raise
        return False
    except ImportError:  # the module exists but has no add_front_layers yet
        return False
    add_front_layers(fmap, front, offline=offline)
    return True


def _add_title(fmap: folium.Map, title: str | None, events: gpd.GeoDataFrame, *, n_located: int) -> None:
    import folium

    dates: list[str] = []
    if "date" in events.columns:
        precision = events["date_precision"] if "date_precision" in events.columns else [None] * len(events)
        dates = sorted({d for d in map(_date_text, events["date"], precision) if d})
    span = (dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}") if dates else "undated"
    heading = _esc(title) or "Syria: events reported in dispatches"
    body = (
        f'<div id="cm-title" class="cm-box cm-title"><b>{heading}</b>'
        f'<br><span class="cm-dates">{html_text(span)}</span>'
        f" · {n_located} of {len(events)} events mapped</div>"
    )
    fmap.get_root().html.add_child(raw_element(body), name="conflictmap_title")


def _add_legend(fmap: folium.Map, located: gpd.GeoDataFrame, *, n_missing: int, choropleth: bool) -> None:
    import folium

    present: set[str] = set()
    for col in ("actor", "new_controller"):
        if col in located.columns:
            for value in map(_text, located[col]):
                key = _ACTOR_KEYS.get(value.casefold()) if value else None
                present.add(key or "unknown")
    actors = [a for a in ACTOR_COLORS if a in present] or list(ACTOR_COLORS)
    rows = [f'<div><span class="cm-dot" style="background:{ACTOR_COLORS[a]}"></span>{html_text(a)}</div>' for a in actors]
    sizes = "".join(
        f'<span class="cm-size" style="width:{2 * _radius(k)}px;height:{2 * _radius(k)}px"></span>{k}&nbsp;'
        for k in (1, 10, 100)
    )
    parts = [
        '<div id="cm-legend" class="cm-box cm-legend"><b>Actor / new controller</b>',
        *rows,
        f"<div class='cm-sizes'><b>Killed</b> {sizes}</div>",
        "<div><span class='cm-dot cm-ring'></span>control change (ringed)</div>",
    ]
    if choropleth:
        bins = ["no report", "0", *[f"{lo}–{hi - 1}" for lo, hi in zip(_CHORO_BINS, _CHORO_BINS[1:])], f"≥ {_CHORO_BINS[-1]}"]
        swatches = ["#ffffff", *_CHORO_COLORS]
        parts.append("<b>Killed per governorate</b>")
        parts += [f'<div><span class="cm-swatch" style="background:{c}"></span>{html_text(b)}</div>' for c, b in zip(swatches, bins)]
    if n_missing:
        parts.append(f"<div class='cm-note'>{n_missing} event(s) without coordinates not drawn</div>")
    parts.append("</div>")
    fmap.get_root().html.add_child(raw_element("".join(parts)), name="conflictmap_legend")


# --------------------------------------------------------------------------- custom elements


@functools.lru_cache(maxsize=None)
def _bind_template() -> Any:
    from jinja2 import Template

    return Template(
        """
        {% macro script(this, kwargs) %}
        {%- if this.popup %}
        {{ this._parent.get_name() }}.bindPopup({{ this.popup }}, {maxWidth: 320});
        {%- endif %}
        {%- if this.tooltip %}
        {{ this._parent.get_name() }}.bindTooltip({{ this.tooltip }}, {className: 'cm-tooltip'});
        {%- endif %}
        {% endmacro %}
        """
    )


@functools.lru_cache(maxsize=None)
def _bulk_template() -> Any:
    from jinja2 import Template

    return Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var d = {{ this.data }};
            var opts = {{ this.group_options }};
            {%- if this.cluster %}
            var pending = {{ 'true' if this.show else 'false' }};
            if (pending) { window.__cmPending = (window.__cmPending || 0) + 1; }
            opts.chunkProgress = function (done, total) {
                if (pending && done >= total) {
                    pending = false;
                    setTimeout(function () { window.__cmPending -= 1; }, 0);
                }
            };
            var group = L.markerClusterGroup(opts);
            {%- else %}
            var group = L.featureGroup();
            {%- endif %}
            var fill = function () {
                var markers = new Array(d.lat.length);
                for (var i = 0; i < d.lat.length; i++) {
                    var colour = d.colours[d.c[i]];
                    markers[i] = L.circleMarker([d.lat[i], d.lon[i]], {
                        radius: d.r[i], color: d.stroke || colour, weight: d.weight, fillColor: colour,
                        fillOpacity: 0.7, className: d.cls, cmIndex: i
                    });
                }
                if (group.addLayers) { group.addLayers(markers); }
                else { markers.forEach(function (m) { group.addLayer(m); }); }
            };
            if (d.popups) {
                group.bindPopup(function (layer) {
                    return d.p[layer.options.cmIndex].map(function (k) { return d.popups[k]; }).join('<br>');
                }, {maxWidth: 320});
            }
            if (d.tips) {
                group.bindTooltip(function (layer) { return d.tips[d.t[layer.options.cmIndex]]; }, {className: 'cm-tooltip'});
            }
            // markers are made when the group is on the map (at once if shown, else when switched
            // on): markercluster then clusters them in chunks, without its slow pre-map queue
            group.once('add', fill);
            return group;
        })();
        {% endmacro %}
        """
    )


def _index_table(values: list[str]) -> tuple[list[str], list[int]]:
    """De-duplicate ``values``: (table, index of each value in the table)."""
    table: dict[str, int] = {}
    idx = [table.setdefault(v, len(table)) for v in values]
    return list(table), idx


def _bind(*, popup: str | None, tooltip: str | None) -> Any:
    """A child element binding an escaped popup/tooltip to its parent with plain Leaflet calls."""
    return safe_macro(
        "Bind",
        _bind_template(),
        popup=script_json(popup) if popup else None,
        tooltip=script_json(tooltip) if tooltip else None,
    )


def _bulk_points(
    lats: list[float],
    lons: list[float],
    radii: list[float],
    colours: list[str],
    *,
    popups: list[list[str]] | None,
    tooltips: list[str] | None,
    name: str,
    class_name: str,
    cluster: bool,
    show: bool,
    weight: int,
) -> Any:
    """A folium Layer drawing many circle markers from ONE JS data array (one ``L.circleMarker`` call site)."""
    from folium.elements import JSCSSMixin
    from folium.map import Layer
    from folium.plugins import MarkerCluster
    from jinja2 import Template

    layer = safe_layer_class(Layer)(name=name, overlay=True, control=True, show=show)
    layer._name = "BulkPoints"
    layer._template = _bulk_template()
    colour_table, colour_idx = _index_table(colours)
    data: dict[str, Any] = {
        "lat": lats,
        "lon": lons,
        "r": radii,
        "c": colour_idx,
        "colours": colour_table,
        "cls": class_name,
        "weight": weight,
        "stroke": "#000000" if class_name == "cm-change" else None,
    }
    if popups is not None:
        # each popup is a list of escaped HTML lines; lines repeat (places, dates, sources), so
        # the page stores each distinct line once and every point lists its line numbers
        table: dict[str, int] = {}
        data["p"] = [[table.setdefault(line, len(table)) for line in lines] for lines in popups]
        data["popups"] = list(table)
    if tooltips is not None:
        data["tips"], data["t"] = _index_table(tooltips)
    layer.data = script_json(data)
    layer.cluster = cluster
    layer.group_options = script_json({"chunkedLoading": True, "maxClusterRadius": 50} if cluster else {})
    if cluster:  # link markercluster's JS/CSS exactly as folium's MarkerCluster does
        assets = JSCSSMixin()
        assets._template = Template("")
        assets.default_js = list(MarkerCluster.default_js)
        assets.default_css = list(MarkerCluster.default_css)
        layer.add_child(assets, name="assets")
    return layer


def _ready() -> Any:
    """Last script of the map: tells tests and benchmarks that every layer script has run."""
    from jinja2 import Template

    return safe_macro(
        "Ready",
        Template("{% macro script(this, kwargs) %}window.__cmScriptsDone = true;{% endmacro %}"),
    )


_CSS = """
<style>
.cm-box { position: absolute; z-index: 1000; background: rgba(255,255,255,0.92); padding: 6px 10px;
  border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.35); font: 12px/1.35 sans-serif; }
.cm-title { top: 10px; left: 50%; transform: translateX(-50%); text-align: center; font-size: 14px; }
.cm-title .cm-dates { font-size: 12px; color: #444; }
.cm-legend { bottom: 26px; right: 10px; max-height: 50vh; overflow-y: auto; }
.cm-dot { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 5px;
  vertical-align: middle; border: 1px solid #555; }
.cm-ring { border: 2px solid #000; background: #fff; }
.cm-swatch { display: inline-block; width: 14px; height: 10px; margin-right: 5px; border: 1px solid #999; }
.cm-size { display: inline-block; border-radius: 50%; border: 1px solid #555; background: #ccc;
  vertical-align: middle; margin: 2px 2px 2px 6px; }
.cm-note { margin-top: 4px; color: #555; font-style: italic; }
.cm-evidence { display: block; margin: 4px 0; font-style: italic; }
.cm-source { color: #555; }
.leaflet-container { background: #dde8f0; }
</style>
"""
