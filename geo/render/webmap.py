"""The interactive map: events on a canvas with in-page filters, offline basemap, choropleth, front layers.

:func:`make_map` builds a :class:`folium.Map` from the events GeoDataFrame (flat columns of
:class:`geo.model.Event`); :func:`save_map` writes it as ONE self-contained HTML file (Leaflet, its
plugins and the page script inlined: nothing is fetched from any host unless online tiles were
asked for with ``tiles="osm"``, and those fall back silently to the offline basemap).

Events are compact columnar data (:mod:`geo.render.eventdata`) drawn by a canvas layer
(``geo/render/static/cm-map.js``), filtered in the page by a date range (which also drives the control
areas and front lines of :mod:`geo.render.frontmap`), by actor and by kind, with a place search box.
Popups are built on click from the data with DOM text nodes.

The page is put together from :mod:`geo.render.pagelayers` (styles, page script, data blocks,
basemap, layers), :mod:`geo.render.choropleth`, :mod:`geo.render.panel` and
:mod:`geo.render.frontmap`; every script and style is a file of ``geo/render/static``.

All dispatch text is untrusted. Every string reaches the page through :func:`geo.render.html.script_json`
(JSON data, shown with ``textContent``) or :func:`geo.render.html.html_text` (HTML text); the page's own
elements never re-compile their output as a template (:mod:`geo.render.html` says why).
"""

from __future__ import annotations

import functools
import html
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer import profile
from gazetteer.atomic import atomic_path, atomic_write_text
from gazetteer.errors import InputError
from geo.render import pagelayers
from geo.render.choropleth import add_choropleth, with_aggregates
from geo.render.frames import boundaries, has_point, in_wgs84, view_bounds
from geo.render.html import script_json
from geo.render.pagestream import EVENTS_PLACEHOLDER, defer_block, page_pieces, page_streams
from geo.render.panel import add_panel
from geo.spatial.controllers import ACTOR_PALETTE, UNKNOWN_COLOUR
from geo.values import text
from geo.vocab import Actor, EventKind

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas as gpd

    from geo.render.eventstream import EventSummary

__all__ = [
    "ACTOR_COLORS",
    "EVENTS_PLACEHOLDER",
    "TILES",
    "UNKNOWN_COLOR",
    "actor_color",
    "defer_block",
    "make_map",
    "make_map_from_chunks",
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
    return ACTOR_COLORS[_actor_key(actor)]


def _actor_key(actor: Any) -> str:
    label = text(actor)
    if label is None:
        return Actor.UNKNOWN
    return _ACTOR_KEYS.get(label.casefold(), Actor.UNKNOWN)


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
    from geo.render.eventdata import event_columns
    from geo.render.eventstream import EventSummary

    events = _checked(events)
    located = events[has_point(events)]
    summary = EventSummary()
    summary.add(events, located)
    data = event_columns(located, actor_colour=actor_color, actor_key=_actor_key)
    gov = None if governorates is None or not len(governorates) else with_aggregates(governorates, events)
    fmap = _assemble(summary, script_json(data), data["tables"]["actor"], mentions=mentions, governorates=gov,
                     front=front, title=title, tiles=None if offline else tiles, towns=towns)
    fmap._repr_html_ = functools.partial(_notebook_html, fmap)  # type: ignore[method-assign]
    return fmap


def _checked(events: Any) -> gpd.GeoDataFrame:
    events = in_wgs84(events, "events")
    if "kind" not in events.columns:
        raise InputError(f"events has no 'kind' column (columns: {', '.join(map(str, events.columns))})")
    return events


def _assemble(summary: EventSummary, events_json: str, actors: list[str], *,
              mentions: gpd.GeoDataFrame | None, governorates: gpd.GeoDataFrame | None,
              front: Mapping[str, gpd.GeoDataFrame] | None, title: str | None, tiles: str | None,
              towns: bool, defer: bool = False) -> folium.Map:
    """The page around the events' data (``events_json``): layers, panel, attribution, view.

    ``defer``: the front layers' data blocks are kept out of the rendered page (:func:`defer_block`).
    """
    import folium

    from geo.render.attribution import add_map_attribution
    from geo.render.eventdata import KIND_LABELS

    tile_spec = _tile_spec(tiles)
    polygons = boundaries(governorates)
    located_mentions = None if mentions is None else _located(in_wgs84(mentions, "mentions"))
    fmap = _new_map()
    _add_base(fmap, events_json, located_mentions, polygons, towns=towns, tile_spec=tile_spec)
    front_drawn = bool(front)
    if front:
        from geo.render.frontmap import add_front_layers

        deferring = {"defer": functools.partial(defer_block, fmap)} if defer else {}
        add_front_layers(fmap, front, offline=tile_spec is None, **deferring)
    has_choropleth = governorates is not None and len(governorates) > 0
    if governorates is not None and has_choropleth:
        add_choropleth(fmap, governorates, show=not front_drawn)
    present = summary.kinds
    pagelayers.add_event_layers(fmap, present, located_mentions,
                      changes_drawn=front_drawn and pagelayers.nonempty(front, "control_changes"))
    add_panel(fmap, title, summary, actors, colours=ACTOR_COLORS,
              kinds=[k for k in KIND_LABELS if k in present] or [EventKind.STRIKE],
              choropleth=has_choropleth, front=front_drawn)
    add_map_attribution(fmap)  # the installed data's licences (conflictmap data)
    folium.LayerControl(collapsed=True, position="topright").add_to(fmap)
    fmap.fit_bounds(view_bounds(polygons, summary.bounds), padding_top_left=(250, 0))
    fmap.add_child(pagelayers.ready(), name="conflictmap_ready")
    fmap._conflictmap_tiles = tile_spec  # type: ignore[attr-defined]
    # Jupyter shows a map through _repr_html_; folium's own loads Leaflet and jQuery from CDNs.
    return fmap


def make_map_from_chunks(
    chunks: Callable[[], Iterable[gpd.GeoDataFrame]],
    *,
    mentions: gpd.GeoDataFrame | None = None,
    governorates: gpd.GeoDataFrame | None = None,
    front: Mapping[str, gpd.GeoDataFrame] | None = None,
    title: str | None = None,
    offline: bool = True,
    tiles: str | None = None,
    towns: bool = True,
) -> folium.Map:
    """Build the map of :func:`make_map` from chunks of events, never holding all of them.

    One pass over ``chunks()`` encodes the events into a temporary folder
    (:class:`geo.render.eventstream.EventSpool`) and counts what the panel needs; the page holds a
    placeholder that :func:`save_map` replaces with the spooled data, streamed. The page drawn is
    the one :func:`make_map` draws for the concatenated chunks.

    Parameters
    ----------
    chunks : callable
        Returns an iterable of events GeoDataFrames (the columns of :func:`make_map`'s ``events``).
    mentions, governorates, front, title, offline, tiles, towns
        As for :func:`make_map`. Governorates without aggregates get them from the events' few
        aggregate columns, kept for that (give aggregated governorates to keep memory flat).

    Returns
    -------
    folium.Map
        Save it with :func:`save_map` (the temporary folder goes when the map is garbage-collected).
    """
    from geo.render.mapevents import MapEvents, map_from_events

    need_aggregates = governorates is not None and len(governorates) > 0 and "killed" not in governorates.columns
    encoded = MapEvents(keep_aggregates=need_aggregates)
    try:
        for chunk in chunks():
            encoded.add(chunk)
    except BaseException:
        encoded.close()
        raise
    return map_from_events(encoded, mentions=mentions, governorates=governorates, front=front, title=title,
                           offline=offline, tiles=tiles, towns=towns)


def _located(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return frame[has_point(frame)]


def _new_map() -> folium.Map:
    """An empty map on the country (:func:`gazetteer.profile.active`), with the page's styles and script."""
    import folium

    fmap = folium.Map(
        location=list(profile.active().map_centre),
        zoom_start=7,
        tiles=None,
        min_zoom=4,
        max_zoom=18,
        control_scale=True,
        minZoom=4,
        maxZoom=18,
        prefer_canvas=False,
    )
    pagelayers.add_page_head(fmap)
    fmap.add_child(pagelayers.library(), name="conflictmap_library")
    return fmap


def _add_base(fmap: folium.Map, data: str, mentions: gpd.GeoDataFrame | None,
              polygons: gpd.GeoDataFrame | None, *, towns: bool, tile_spec: Mapping[str, Any] | None) -> None:
    """The data blocks, the offline basemap, the town labels and the opt-in online tiles."""
    from geo.render.eventdata import mention_columns

    mention_data = None if mentions is None else mention_columns(mentions)
    town_data = pagelayers.town_data() if towns else None
    fmap.add_child(pagelayers.data_element(fmap, data, mention_data, town_data), name="conflictmap_data")
    if polygons is not None:
        fmap.add_child(pagelayers.basemap(polygons), name="conflictmap_basemap")
    if towns:
        fmap.add_child(pagelayers.js_layer("Town labels", "new cm.TownLabels(cm.towns, cm.townZooms)", show=True),
                       name="conflictmap_towns")
    if tile_spec is not None:
        fmap.add_child(pagelayers.tile_layer(tile_spec), name="conflictmap_tiles")


def _tile_spec(tiles: str | None) -> dict[str, Any] | None:
    if tiles is None:
        return None
    key = _TILE_ALIASES.get(str(tiles).strip().casefold())
    if key is None:
        raise InputError(f"unknown tile layer {tiles!r} (expected one of: {', '.join(TILES)})")
    return TILES[key]


def _notebook_html(fmap: folium.Map, **_kwargs: Any) -> str:
    """Notebook display: the self-contained page in an ``iframe srcdoc``."""
    from geo.render.offline import make_self_contained

    spec = getattr(fmap, "_conflictmap_tiles", None)
    page = make_self_contained(fmap.get_root().render(), allowed=[spec["url"]] if spec else ())
    streams = page_streams(fmap)
    if streams:
        page = "".join(piece for piece, _ in page_pieces(page, streams))
    return (
        '<div style="width:100%"><iframe srcdoc="' + html.escape(page, quote=True) + '" '
        'style="width:100%; height:560px; border:0" sandbox="allow-scripts"></iframe></div>'
    )


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
    streams = page_streams(m)
    if not streams:
        atomic_write_text(out, page)
        return out
    from geo.render.offline import check_offline

    with atomic_path(out) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        for piece, streamed in page_pieces(page, streams):
            if streamed:
                check_offline(piece, allowed=allowed)  # data streamed in (checked piece by piece)
            fh.write(piece)
    return out
