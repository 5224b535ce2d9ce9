"""Front layers as JSON-ready GeoJSON: control changes, front observations, and the value helpers.

The front layers of the map (:mod:`geo.render.frontmap`) embed their features as JSON; this module
turns the rows of the ``geo.spatial.control`` frames into plain GeoJSON features (WGS 84, rounded
coordinates, scalars that JSON takes: ISO days for timestamps, null for NaN).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from geo.render.pagestream import SpooledText
from geo.spatial.controllers import PALETTE, UNKNOWN_COLOUR

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

__all__ = [
    "GEOMETRY_CHUNK",
    "OBSERVATION_KEYS",
    "SpooledPoints",
    "change_features",
    "change_features_packed",
    "collection_objects",
    "geojson_geometries",
    "geojson_geometry",
    "located_points",
    "observation_collection",
    "observation_features",
    "observation_features_packed",
    "plain",
    "plain_column",
    "point_feature",
    "points_collection",
    "points_json",
    "snapshot_day",
    "spooled_changes",
    "spooled_points",
    "xy_collection",
]

#: Simplification tolerance of the embedded polygons and lines, degrees (~50 m).
_SIMPLIFY_DEG = 0.0005
#: The grid the embedded geometries are snapped to, degrees (~1 m).
_GRID_DEG = 1e-5
#: An area snapped to the grid without ``make_valid`` is kept when its area moved by less than this fraction.
_AREA_TOLERANCE = 1e-3
#: Geometries simplified and snapped together by :func:`geojson_geometries` (a layer's are taken in chunks of
#: this size: the same chunks give the same geometries).
GEOMETRY_CHUNK = _CHUNK = 128
#: The geometry types :func:`_mapping` reads itself.
_NESTING = frozenset({"LineString", "MultiLineString", "Polygon", "MultiPolygon"})
#: Colour of a front observation whose forces have no palette colour.
_OBSERVATION_COLOUR = "#333333"


def change_features(gdf: gpd.GeoDataFrame | None) -> dict[str, Any]:
    """The ``control_changes`` rows as a FeatureCollection of points coloured by their new controller."""
    return collection_objects(_change_collection(gdf))


def observation_features(gdf: gpd.GeoDataFrame | None) -> dict[str, Any]:
    """The ``front_observations`` rows as a FeatureCollection (forces' colour, reach in km or null)."""
    return collection_objects(_observation_collection(gdf))


def change_features_packed(gdf: gpd.GeoDataFrame | None) -> tuple[int, Any]:
    """The number of features and :func:`geo.render.packjson.pack` of :func:`change_features`, made column by
    column (no object per row: what keeps a large run's memory flat)."""
    return _packed(_change_collection(gdf))


def observation_features_packed(gdf: gpd.GeoDataFrame | None) -> tuple[int, Any]:
    """The number of features and :func:`geo.render.packjson.pack` of :func:`observation_features`, column by column."""
    return _packed(_observation_collection(gdf))


def _change_collection(gdf: gpd.GeoDataFrame | None) -> dict[str, Any]:
    """The control changes' FeatureCollection, its features as columns (:func:`points_collection`)."""
    if gdf is None or not len(gdf):
        return points_collection(None, {})
    located = located_points(gdf)
    keys = ("place", "from_controller", "to_controller", "date", "status", "evidence", "source")
    props = {k: plain_column(located, k) for k in keys}
    props["colour"] = [PALETTE.get(str(to or ""), UNKNOWN_COLOUR) for to in _raw_column(located, "to_controller")]
    return points_collection(located, props)


def _observation_collection(gdf: gpd.GeoDataFrame | None) -> dict[str, Any]:
    """The front observations' FeatureCollection, its features as columns (:func:`points_collection`)."""
    if gdf is None or not len(gdf):
        return points_collection(None, {})
    located = located_points(gdf)
    xs, ys = _xy(located)
    return observation_collection(xs, ys, {k: _raw_column(located, k) for k in OBSERVATION_KEYS})


#: The columns of the front observations that the map draws (:func:`observation_collection`).
OBSERVATION_KEYS = ("actor", "place", "date", "evidence", "source", "distance_km")


def observation_collection(xs: list[float], ys: list[float], raw: dict[str, Any]) -> dict[str, Any]:
    """The front observations' FeatureCollection from columns: the points' coordinates (WGS 84) and the values of
    :data:`OBSERVATION_KEYS` (None or NaN for a missing one), with no frame and no object per row. A text column
    may be given serialised already (a :class:`~geo.render.pagestream.SpooledText`, for the packed form only)."""
    from geo.spatial.controllers import normalise_controller

    props = {k: _plain_values(raw[k]) for k in ("actor", "place", "date", "evidence", "source")}
    props["distance_km"] = [float(d) if d is not None and _finite(d) and float(d) > 0 else None
                            for d in raw["distance_km"]]  # fmt: skip
    colours = []
    for value in raw["actor"]:
        actor = str(value or "")
        colours.append(PALETTE.get(actor, PALETTE.get(normalise_controller(actor) or "", _OBSERVATION_COLOUR)))
    props["colour"] = colours
    return xy_collection(xs, ys, props)


def _plain_values(values: list[Any] | SpooledText) -> list[Any] | SpooledText:
    """:func:`plain` of each value; a column serialised already (a :class:`~geo.render.pagestream.SpooledText`)
    as it is."""
    return values if isinstance(values, SpooledText) else [plain(v) for v in values]


def collection_objects(collection: dict[str, Any]) -> dict[str, Any]:
    """A :func:`points_collection` with its features made objects (plain GeoJSON)."""
    features = collection["features"]
    return {**collection, "features": features if isinstance(features, list) else features.rows()}


class SpooledPoints(SpooledText):
    """A point layer's page data (the :func:`geo.render.html.script_json` text of its packed FeatureCollection) in a
    temporary file: what the map draws of a large layer, made once, without its frame held until the page is written.

    ``len()`` is the layer's number of rows (as the frame's); :attr:`n` its number of features (located rows).
    """

    def __init__(self, n: int, pieces: Iterable[str], rows: int | None = None) -> None:
        super().__init__(pieces)
        self.n = n
        self.rows = n if rows is None else rows

    def __len__(self) -> int:
        return self.rows


def spooled_points(collection: dict[str, Any], rows: int | None = None) -> SpooledPoints:
    """A :func:`points_collection` packed (:func:`geo.render.packjson.pack`) into a :class:`SpooledPoints`."""
    from geo.render.pagestream import json_pieces

    n, packed = _packed(collection)
    return SpooledPoints(n, json_pieces(packed), rows)


def spooled_changes(gdf: gpd.GeoDataFrame | None) -> SpooledPoints:
    """The ``control_changes`` layer's page data (:func:`change_features_packed`) in a :class:`SpooledPoints`."""
    return spooled_points(_change_collection(gdf), 0 if gdf is None else len(gdf))


def points_json(layer: Any, packer: Callable[[Any], tuple[int, Any]]) -> tuple[int, Iterable[str]]:
    """A point layer's number of features and page data pieces: a :class:`SpooledPoints`' own, or those of
    ``packer`` (:func:`change_features_packed`, :func:`observation_features_packed`) for a frame."""
    from geo.render.html import script_json_pieces

    if isinstance(layer, SpooledPoints):
        return layer.n, layer.pieces()
    n, packed = packer(layer)
    return n, script_json_pieces(packed)


def _packed(collection: dict[str, Any]) -> tuple[int, Any]:
    """The number of features of a :func:`points_collection` and its :func:`geo.render.packjson.pack`."""
    from geo.render.packjson import pack

    return len(collection["features"]), pack(collection)


def _raw_column(gdf: gpd.GeoDataFrame, key: str) -> list[Any]:
    """A column's values as ``itertuples`` gives them (None for a missing column)."""
    return list(gdf[key]) if key in gdf.columns else [None] * len(gdf)


def points_collection(located: gpd.GeoDataFrame | None, props: dict[str, list[Any]]) -> dict[str, Any]:
    """The FeatureCollection of the points of ``located`` with the property columns ``props``, its features
    given as columns (:func:`xy_collection`)."""
    if located is None or not len(located):
        return xy_collection([], [], props)
    return xy_collection(*_xy(located), props)


def _xy(located: gpd.GeoDataFrame) -> tuple[list[float], list[float]]:
    """The coordinates of the points of ``located``."""
    import shapely

    geoms = located.geometry.to_numpy()
    return shapely.get_x(geoms).tolist(), shapely.get_y(geoms).tolist()


def xy_collection(xs: list[float], ys: list[float], props: dict[str, Any]) -> dict[str, Any]:
    """The FeatureCollection of the points ``xs``, ``ys`` with the property columns ``props``, its features
    given as columns (:class:`geo.render.packjson.Packed`: :func:`~geo.render.packjson.pack` reads them
    as the features :func:`point_feature` makes, with no object per row)."""
    from geo.render.packjson import Packed, Pairs

    if not xs:
        return {"type": "FeatureCollection", "features": []}
    n = len(xs)
    geometry = Packed({"type": ["Point"] * n, "coordinates": Pairs(xs, ys)})
    features = Packed({"type": ["Feature"] * n, "geometry": geometry, "properties": Packed(props)})
    return {"type": "FeatureCollection", "features": features}


def plain_column(gdf: gpd.GeoDataFrame, key: str) -> list[Any]:
    """A column's values made JSON-ready by :func:`plain` (None for a missing column)."""
    return [plain(v) for v in _raw_column(gdf, key)]


def point_feature(geom: Any, props: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON point feature (coordinates rounded to 6 decimals) with ``props``."""
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(geom.x, 6), round(geom.y, 6)]},
            "properties": props}  # fmt: skip


def located_points(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The rows of ``gdf`` with a point geometry, in WGS 84."""
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs("EPSG:4326")
    ok = gdf.geometry.notna() & ~gdf.geometry.is_empty
    ok &= gdf.geometry.geom_type == "Point"
    return gdf if ok.all() else gdf[ok]  # no copy of a layer whose rows are all points (the usual case)


def geojson_geometry(geom: Any, *, simplify: bool) -> dict[str, Any]:
    """A shapely geometry as a GeoJSON mapping: simplified (areas, lines), valid, on a 1e-5 degree grid."""
    return geojson_geometries([geom], simplify=simplify)[0]


def geojson_geometries(geoms: Sequence[Any], *, simplify: bool) -> list[dict[str, Any]]:
    """:func:`geojson_geometry` of each geometry, the GEOS steps run on the whole array at once.

    The grid snap (``set_precision``, valid output) also repairs the slight overlaps that reprojection and
    simplification leave between the parts of an area, so ``make_valid`` runs only where the snap alone does
    not give a valid geometry of the same area (:func:`_on_grid`).
    """
    import numpy as np
    import shapely

    out: list[dict[str, Any]] = []
    for start in range(0, len(geoms), _CHUNK):  # a chunk at a time: the GEOS copies of a whole layer never coexist
        arr = np.empty(len(geoms[start : start + _CHUNK]), dtype=object)
        arr[:] = list(geoms[start : start + _CHUNK])
        if simplify:
            arr = shapely.simplify(arr, _SIMPLIFY_DEG, preserve_topology=True)
        out.extend(_mapping(g) for g in _on_grid(arr))
    return out


def _on_grid(arr: Any) -> list[Any]:
    """Each geometry valid on the 1e-5 degree grid: snapped at once, repaired one by one where that fails.

    An invalid geometry keeps the snap's result only when it is an area and the snap made it valid with the
    same area (within :data:`_AREA_TOLERANCE`): the slight overlaps reprojection leaves between the parts of
    an area. Any other goes through ``make_valid`` first (:func:`_on_grid_one`), as one at a time.
    """
    import shapely

    try:
        snapped = list(shapely.set_precision(arr, _GRID_DEG))
    except shapely.errors.GEOSException:
        return [_on_grid_one(g) for g in arr]
    invalid = ~shapely.is_valid(arr)
    for i in invalid.nonzero()[0].tolist():
        before, after = arr[i], snapped[i]
        if not before.area or not after.is_valid or abs(after.area - before.area) > _AREA_TOLERANCE * before.area:
            snapped[i] = _on_grid_one(before)
    return snapped


def _on_grid_one(geom: Any) -> Any:
    """One geometry made valid, then snapped to the grid (each vertex rounded if the snap meets a conflict)."""
    import shapely

    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    try:
        return shapely.set_precision(geom, _GRID_DEG)
    except shapely.errors.GEOSException:
        # Snapping to the grid can still meet a topology conflict on slivers between areas:
        # round each vertex instead (the map only draws it).
        return shapely.set_precision(geom, _GRID_DEG, mode="pointwise")


def _mapping(geom: Any) -> dict[str, Any]:
    """``shapely.geometry.mapping`` of a geometry (the same types: tuples of coordinate tuples), its
    coordinates read in one call for the polygons and lines of the map; other types through ``mapping``."""
    import shapely
    from shapely.geometry import mapping

    kind = geom.geom_type
    if kind not in _NESTING or geom.is_empty or geom.has_z:
        result: dict[str, Any] = mapping(geom)
        return result
    xy = list(map(tuple, shapely.get_coordinates(geom).tolist()))
    if kind == "LineString":
        return {"type": kind, "coordinates": tuple(xy)}
    parts = shapely.get_parts(geom)
    if kind.endswith("Polygon"):  # the rings of every part, and the number of rings per part
        per_part = (shapely.get_num_interior_rings(parts) + 1).tolist()
        seqs = shapely.get_rings(parts)
    else:
        per_part, seqs = [1] * len(parts), parts
    nested: list[tuple[Any, ...]] = []
    start = ring = 0
    counts = shapely.get_num_coordinates(seqs).tolist()
    for n_rings in per_part:
        rings = []
        for n in counts[ring : ring + n_rings]:
            rings.append(tuple(xy[start : start + n]))
            start += n
        ring += n_rings
        nested.append(tuple(rings))
    if kind == "Polygon":
        return {"type": kind, "coordinates": nested[0]}
    if kind == "MultiPolygon":
        return {"type": kind, "coordinates": nested}
    return {"type": kind, "coordinates": tuple(seq for (seq,) in nested)}


def snapshot_day(value: Any) -> str | None:
    """A date-like value as ``YYYY-MM-DD`` (None/NaT give None; other values their text)."""
    if value is None:
        return None
    try:
        import pandas as pd

        if pd.isna(value):
            return None
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    except (TypeError, ValueError):
        return str(value)


def plain(value: Any) -> Any:
    """JSON-ready scalar (timestamps to ISO dates, NaN to null, numpy to Python)."""
    if value is None:
        return None
    if hasattr(value, "strftime") or type(value).__name__ in {"Timestamp", "NaTType", "datetime64"}:
        return snapshot_day(value)
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
