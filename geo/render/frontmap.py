"""Control areas, front lines and control changes on the folium map, with an offline time slider.

Folium's ``TimestampedGeoJson`` and ``Timeline`` plugins load jQuery, moment.js and
leaflet.timedimension from CDNs, which breaks an offline map. The slider instead embeds every
snapshot's GeoJSON in the page (:func:`build_snapshots`, :func:`build_intervals`) and switches them
with a plain ``<input type="range">`` and inline vanilla JavaScript using only Leaflet itself
(:class:`geo.render.frontslider.FrontSlider`): no external asset at all, so the ``offline`` flag
changes nothing here. The features come from :mod:`geo.render.frontdata`.

All dispatch text is untrusted: every popup and tooltip is built from DOM text nodes
(``textContent``), never parsed as HTML; the embedded JSON comes from :func:`geo.render.html.script_json`
and the layers never re-compile their rendered output as a template (:mod:`geo.render.html`).
(folium's own ``Popup`` is avoided on purpose: it needs jQuery.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from geo.render.frontdata import (
    GEOMETRY_CHUNK,
    change_features_packed,
    collection_objects,
    geojson_geometries,
    located_points,
    observation_features_packed,
    plain,
    plain_column,
    points_collection,
    points_json,
    snapshot_day,
)
from geo.render.frontslider import FRONT_LINE_COLOUR
from geo.render.html import script_json, script_json_pieces
from geo.render.packjson import Prepacked
from geo.render.pagestream import SpooledText, json_pieces
from geo.spatial.controllers import PALETTE

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas as gpd

#: ``FrontSlider`` and ``FrontPoints`` (:mod:`geo.render.frontslider`) are built on first use.
__all__ = [
    "FRONT_LINE_COLOUR",
    "PALETTE",
    "PreparedFront",
    "add_front_layers",
    "build_intervals",
    "build_snapshots",
    "prepare_front",
    "script_json",
    "slider_json",
]


class PreparedFront(dict[str, Any]):
    """Control layers with the time slider's page data already made (:func:`prepare_front`), in a temporary
    file (:attr:`slider`; :attr:`slider_json` is its text).

    What a run's cache keeps (:mod:`geo.pipeline.stagecache`): the slider's data is the costly part
    of drawing the control layers, and it depends on nothing else.
    """

    slider: SpooledText | None = None

    @property
    def slider_json(self) -> str | None:
        """The slider's page data (:func:`slider_json`), or None without any snapshot."""
        return None if self.slider is None else "".join(self.slider.pieces())

    @slider_json.setter
    def slider_json(self, text: str | None) -> None:
        self.slider = None if text is None else SpooledText([text])


def slider_json(front: Mapping[str, gpd.GeoDataFrame]) -> str | None:
    """The slider's page data (snapshots and intervals, packed JSON), or None without any snapshot."""
    from geo.render.frontslider import slider_config
    from geo.render.packjson import pack

    snaps = build_snapshots(front, expand_intervals=False)
    if not snaps:
        return None
    return "".join(script_json_pieces(pack(slider_config(snaps, _interval_columns(front), show=True))))


def prepare_front(front: Mapping[str, gpd.GeoDataFrame]) -> PreparedFront:
    """``front`` with its slider's page data made once (:class:`PreparedFront`), written to a temporary file
    a piece at a time (:func:`geo.render.pagestream.json_pieces`: never one string of it)."""
    from geo.render.frontslider import slider_config
    from geo.render.packjson import pack

    prepared = PreparedFront(front)
    snaps = build_snapshots(front, expand_intervals=False, prepacked=True)
    if snaps:
        prepared.slider = SpooledText(json_pieces(pack(slider_config(snaps, _interval_columns(front), show=True))))
    return prepared


def build_snapshots(front: Mapping[str, gpd.GeoDataFrame], *, expand_intervals: bool = True,
                    prepacked: bool = False) -> list[dict[str, Any]]:
    """Group the ``control_areas``, ``front_lines`` and ``control`` layers by snapshot date.

    Parameters
    ----------
    front
        Layers as returned by :meth:`geo.spatial.control.ControlTable.snapshots` (``date_from`` column).
    prepacked
        Each geometry's coordinates packed as it is made (:class:`geo.render.packjson.Prepacked`): for
        :func:`geo.render.packjson.pack` only, without the coordinates of every snapshot held at once.

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
        rows = [(day, row) for row in gdf.itertuples(index=False)
                if (day := snapshot_day(row.date_from)) is not None and row.geometry is not None
                and not row.geometry.is_empty]  # fmt: skip
        for start in range(0, len(rows), GEOMETRY_CHUNK):  # the chunks of geojson_geometries: the same geometries
            batch = rows[start : start + GEOMETRY_CHUNK]
            geometries = geojson_geometries([row.geometry for _, row in batch], simplify=key != "points")
            for (day, row), geometry in zip(batch, geometries, strict=True):
                if prepacked and key != "points" and "coordinates" in geometry:  # a column of points packs as one
                    geometry = {**geometry, "coordinates": Prepacked(geometry["coordinates"])}  # noqa: PLW2901
                feature = {"type": "Feature", "geometry": geometry,
                           "properties": {p: plain(getattr(row, p, None)) for p in props}}  # fmt: skip
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
    columns = _interval_columns(front)
    return None if columns is None else collection_objects(columns)


_INTERVAL_PROPS = ("place", "controller", "valid_from", "valid_to", "status", "confidence", "evidence", "source")


def _interval_columns(front: Mapping[str, gpd.GeoDataFrame]) -> dict[str, Any] | None:
    """:func:`build_intervals` with its features as columns (:func:`geo.render.frontdata.points_collection`)."""
    if not _has_intervals(front):
        return None
    control = located_points(front["control"])
    return points_collection(control, {p: plain_column(control, p) for p in _INTERVAL_PROPS})


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


def add_front_layers(m: folium.Map, front: Mapping[str, gpd.GeoDataFrame], *, offline: bool = False,  # noqa: ARG001 - public signature
                     defer: Callable[[Iterable[str]], str] | None = None) -> None:
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
        (``actor``, ``place``, ``distance_km``, ``date``, ``evidence``, ``source``); a
        :class:`PreparedFront` brings its slider's data already made.
    offline
        Accepted for symmetry with the other map layers: nothing added here loads a remote asset,
        online or offline.
    defer
        Takes a data block's text (or its pieces) and returns what the page holds instead (a placeholder that
        :func:`geo.render.webmap.save_map` replaces, streamed): the page is then rendered without
        its large data (:func:`geo.render.webmap.defer_block`).
    """
    from geo.render import frontslider

    keep = defer if defer is not None else "".join
    if isinstance(front, PreparedFront):
        config: Iterable[str] | None = None if front.slider is None else front.slider.pieces()
    else:
        config = slider_json(front)
    if config is not None:
        m.add_child(frontslider.FrontSlider(config_json=keep(config)))
    points = frontslider.FrontPoints
    n, changes = points_json(front.get("control_changes"), change_features_packed)
    if n:
        m.add_child(points(None, kind="change", name="Control changes", features_json=keep(changes)))
    del changes
    n, observations = points_json(front.get("front_observations"), observation_features_packed)
    if n:
        # Observations are many small crosses: off by default, one toggle away in the layer control.
        m.add_child(points(None, kind="observation", name="Front observations", show=False,
                           features_json=keep(observations)))  # fmt: skip


def __getattr__(name: str) -> Any:
    # The folium layer classes live in geo.render.frontslider, built on first use.
    if name in ("FrontSlider", "FrontPoints"):
        from geo.render import frontslider

        return getattr(frontslider, name)
    raise AttributeError(f"module 'geo.render.frontmap' has no attribute {name!r}")
