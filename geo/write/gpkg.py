"""Write a GeoPackage that QGIS opens already styled.

Layers are written with pyogrio's Arrow writer (columns handed to GDAL as Arrow arrays built with
arro3, no per-cell Python work) so every field gets a proper OGR type (GPKG
``DATE`` for day dates, integers for counts, booleans), GeoPackage version 1.2 (read by GDAL 3.6 and
QGIS 3.22 without warnings), EPSG:4326 and a spatial index. QGIS styles go into the ``layer_styles``
table (the schema QGIS itself creates), marked as default, so QGIS applies them on load. The file is
written to a temporary file next to the target and moved into place (atomic).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from gazetteer.atomic import atomic_path
from gazetteer.errors import InputError
from geo.render.attribution import write_gpkg_metadata
from geo.write.ograrrow import arrow_array, arrow_table, field_array, no_sync, sync_file, write_arrow, write_raw

__all__ = ["GEOMETRY_COLUMN", "UNLOCATED_SUFFIX", "GeoPackageAppender", "PreparedTable", "default_style",
           "prepare_layer", "write_geopackage"]

GEOMETRY_COLUMN = "geom"
UNLOCATED_SUFFIX = "_unlocated"
_MAX_FIELD = 30
_RESERVED = {"fid", GEOMETRY_COLUMN, "rowid", "oid", "_rowid_"}
_POINT_LAYERS = {"events", "mentions", "front_observations", "control", "control_changes"}
#: Geometry type of the known layers, used when a layer has no row (QGIS reports an empty layer
#: without geometry type as broken): an empty layer is still typed, EPSG:4326 and styled.
_LAYER_TYPES = {**dict.fromkeys(_POINT_LAYERS, "Point"), "control_areas": "MultiPolygon",
                "front_lines": "MultiLineString", "governorates": "MultiPolygon", "districts": "MultiPolygon",
                "subdistricts": "MultiPolygon"}

_LAYER_STYLES_DDL = (
    'CREATE TABLE IF NOT EXISTS "layer_styles" ( "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, '
    '"f_table_catalog" TEXT(256), "f_table_schema" TEXT(256), "f_table_name" TEXT(256), '
    '"f_geometry_column" TEXT(256), "styleName" TEXT(30), "styleQML" TEXT, "styleSLD" TEXT, '
    '"useAsDefault" BOOLEAN, "description" TEXT, "owner" TEXT(30), "ui" TEXT(30), '
    "\"update_time\" DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))"
)


def write_geopackage(
    path: str | Path,
    layers: Mapping[str, Any],
    *,
    styles: Mapping[str, str] | None = None,
) -> Path:
    """Write ``layers`` to a styled GeoPackage, atomically.

    Parameters
    ----------
    path : str or Path
        Target ``.gpkg``; replaced if it exists. Its folder is created if needed.
    layers : mapping of str to GeoDataFrame or DataFrame
        Layer name -> table. A GeoDataFrame becomes a spatial layer in EPSG:4326 (reprojected if
        needed); its rows without geometry go to a non-spatial ``<name>_unlocated`` table (only
        created when there are such rows). A plain DataFrame becomes an attributes table.
    styles : mapping of str to str, optional
        Layer name -> QML text (or a path to a ``.qml`` file). By default the packaged
        ``geo/write/styles/<layer>.qml`` of each layer that has one.

    Returns
    -------
    Path
        The written GeoPackage.

    Raises
    ------
    InputError
        If there is no layer, or a layer or field name is too long, reserved or duplicated, or a
        style is given for a layer that is not written.
    """
    path = Path(path)
    if not layers:
        raise InputError(f"no layer to write to {path}")
    tables = _split_tables(layers)
    if styles is None:
        qml = {name: text for name in tables if (text := default_style(name)) is not None}
    else:
        unknown = sorted(set(styles) - set(tables))
        if unknown:
            raise InputError(f"styles given for layers not written: {unknown}")
        qml = {name: _read_style(value) for name, value in styles.items()}

    with atomic_path(path, suffix=".gpkg") as tmp:  # GDAL creates the file itself
        first = True
        for name, (frame, spatial, geom_type) in tables.items():
            part = _prepare(name, frame, spatial=spatial, geom_type=geom_type)
            _write_prepared(tmp, part, geom_type=geom_type, first=first)
            first = False
        _write_styles(tmp, qml, {n: t[1] for n, t in tables.items()})
        write_gpkg_metadata(tmp)  # the gazetteer data in use and its licences
        sync_file(tmp)
    return path


class GeoPackageAppender:
    """Write a styled GeoPackage layer by layer and chunk by chunk (pyogrio append).

    The chunked twin of :func:`write_geopackage` for tables too large to hold at once: the first
    chunk of a layer creates it (its geometry type and fields), later chunks are appended; rows
    without geometry go to ``<name>_unlocated``. :meth:`close` adds the default QGIS styles. The
    file is written in place: write it into a run's staging folder (:class:`geo.write.outputs.OutputSet`).

    Parameters
    ----------
    path : str or Path
        Target ``.gpkg`` (replaced when it exists).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.unlink(missing_ok=True)
        self._types: dict[str, str | None] = {}
        self._spatial: dict[str, bool] = {}
        self._fields: dict[str, dict[str, str]] = {}  # the Arrow type of each field, as the layer was created

    def append(self, name: str, frame: Any) -> None:
        """Append ``frame`` (GeoDataFrame or DataFrame) to layer ``name``."""
        self.append_prepared(prepare_layer(name, frame))

    def append_prepared(self, parts: list[PreparedTable]) -> None:
        """Append the tables of :func:`prepare_layer` (a layer and its ``_unlocated`` rows), made now or kept."""
        for part in parts:
            geom_type = part.geom_type
            if part.name in self._types:
                if not part.rows:
                    continue
                geom_type = self._types[part.name]
            fields = _write_prepared(self.path, part, geom_type=geom_type, first=not self._types,
                                     fields=self._fields.get(part.name))  # fmt: skip
            self._fields.setdefault(part.name, fields)
            self._types.setdefault(part.name, geom_type)
            self._spatial.setdefault(part.name, part.spatial)

    def close(self) -> Path:
        """Add the packaged default styles of the layers written and the data-sources record; return the path."""
        qml = {name: text for name in self._types if (text := default_style(name)) is not None}
        _write_styles(self.path, qml, self._spatial)
        write_gpkg_metadata(self.path)  # the gazetteer data in use and its licences
        sync_file(self.path)
        return self.path


def default_style(layer: str) -> str | None:
    """Return the packaged QML for ``layer`` (``geo/write/styles/<layer>.qml``), or None.

    Parameters
    ----------
    layer : str
        Layer name.

    Returns
    -------
    str or None
        The QML text.
    """
    level = _UNIT_LAYERS.get(layer)
    if level is not None:  # districts / subdistricts: the governorate choropleth, labelled with their names
        base = default_style("governorates")
        return base.replace("adm1_name", f"adm{level}_name") if base is not None else None
    res = resources.files("geo.write") / "styles" / f"{layer}.qml"
    return res.read_text(encoding="utf-8") if res.is_file() else None


#: Aggregate layers of installed lower administrative levels, styled like ``governorates``.
_UNIT_LAYERS = {"districts": 2, "subdistricts": 3}


def _read_style(value: str) -> str:
    if value.lstrip().startswith("<"):
        return value
    p = Path(value)
    if not p.is_file():
        raise InputError(f"style is neither QML text nor an existing .qml file: {value[:80]!r}")
    return p.read_text(encoding="utf-8")


def _split_tables(layers: Mapping[str, Any]) -> dict[str, tuple[Any, bool, str | None]]:
    """Return name -> (frame, spatial, geometry type), with ``<name>_unlocated`` tables split off."""
    import geopandas as gpd

    out: dict[str, tuple[Any, bool, str | None]] = {}
    for name, given in layers.items():
        _check_name(name, "layer", limit=63)
        frame = given
        if isinstance(frame, gpd.GeoDataFrame) and frame.geometry.name in frame.columns:
            if frame.crs is None:
                frame = frame.set_crs(4326)
            elif not frame.crs.equals(4326):
                frame = frame.to_crs(4326)
            geoms = frame.geometry
            located = ~(geoms.isna() | geoms.is_empty)
            out[name] = (frame[located], True, _geometry_type(name, geoms[located]))
            if (~located).any():
                rest = frame[~located].drop(columns=frame.geometry.name)
                out[name + UNLOCATED_SUFFIX] = (rest, False, None)
        else:
            out[name] = (frame, False, None)
    names = [n.lower() for n in out]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise InputError(f"duplicate layer names (case-insensitive): {dupes}")
    return out


def _geometry_type(name: str, geoms: Any) -> str:
    kinds = set(geoms.geom_type)
    if not kinds:
        return _LAYER_TYPES.get(name, "Unknown")
    if kinds <= {"Point"}:
        return "Point"
    if kinds <= {"Point", "MultiPoint"}:
        return "MultiPoint"
    if kinds <= {"LineString", "MultiLineString"}:
        return "MultiLineString"
    if kinds <= {"Polygon", "MultiPolygon"}:
        return "MultiPolygon"
    return "Unknown"


def _check_name(name: str, what: str, *, limit: int = _MAX_FIELD) -> None:
    if not isinstance(name, str) or not name or len(name) > limit:
        raise InputError(f"{what} name {name!r} must be a non-empty string of at most {limit} characters")
    if name.lower() in _RESERVED:
        raise InputError(f"{what} name {name!r} is reserved in a GeoPackage ({sorted(_RESERVED)})")


@dataclass
class PreparedTable:
    """One table of a layer as it is handed to GDAL: numpy columns ``name -> (values, null mask or None)``
    and, for a spatial table, the WKB of each row (:func:`prepare_layer`)."""

    name: str
    spatial: bool
    geom_type: str | None
    arrays: dict[str, tuple[Any, Any]]
    wkb: Any = None  # numpy object array of bytes, or None
    rows: int = 0


def prepare_layer(name: str, frame: Any) -> list[PreparedTable]:
    """Layer ``name``'s tables (itself, and ``<name>_unlocated`` when rows have no geometry), ready to write."""
    return [_prepare(table, part, spatial=spatial, geom_type=geom_type)
            for table, (part, spatial, geom_type) in _split_tables({name: frame}).items()]  # fmt: skip


def _prepare(name: str, frame: Any, *, spatial: bool, geom_type: str | None) -> PreparedTable:
    """The checked field names, numpy columns and WKB geometries of one table."""
    import shapely

    columns = [c for c in frame.columns if not (spatial and c == frame.geometry.name)]
    lowered = [str(c).lower() for c in columns]
    for col in columns:
        _check_name(str(col), f"layer {name!r}: field")
        if lowered.count(str(col).lower()) > 1:
            raise InputError(f"layer {name!r}: duplicate field name {col!r} (case-insensitive)")
    if not columns and not spatial:
        raise InputError(f"layer {name!r}: no field to write")
    arrays = {str(col): field_array(frame[col]) for col in columns}
    geometry = None
    if spatial:
        geoms = frame.geometry.values
        if geom_type in ("MultiPolygon", "MultiLineString", "MultiPoint"):
            geoms = _promote(geoms)
        if shapely.has_z(geoms).any():  # force_2d copies every geometry: only when one has a Z
            geoms = shapely.force_2d(geoms)
        geometry = shapely.to_wkb(geoms)
    return PreparedTable(name, spatial, geom_type, arrays, geometry, len(frame))


def _write_prepared(path: Path, part: PreparedTable, *, geom_type: str | None, first: bool,
                    fields: dict[str, str] | None = None) -> dict[str, str]:
    """Write or append a prepared table; return the Arrow type of each field.

    ``fields``: the types of the layer as created, when appending. GDAL refuses an Arrow column of
    another type (a date-time column that is all dates in a later chunk, a count past 32 bits): such
    a chunk goes through pyogrio's cell-by-cell writer, which converts as GDAL does.
    """
    spatial, arrays, geometry = part.spatial, part.arrays, part.wkb
    data = {col: arrow_array(*pair) for col, pair in arrays.items()}
    types = {col: str(array.type) for col, array in data.items()}
    options: dict[str, Any] = {
        "layer": part.name, "geometry_type": geom_type if spatial else None,
        "crs": "EPSG:4326" if spatial else None,
        "append": not first, "dataset_options": {"VERSION": "1.2"} if first else None,
        "layer_options": ({"SPATIAL_INDEX": "YES", "GEOMETRY_NAME": GEOMETRY_COLUMN, "FID": "fid"} if spatial
                          else {"FID": "fid"}),
    }  # fmt: skip
    with no_sync():
        if fields is not None and any(fields.get(col, kind) != kind for col, kind in types.items()):
            write_raw(str(path), geometry, arrays, **options)
        else:
            if geometry is not None:
                data[GEOMETRY_COLUMN] = arrow_array(geometry, None, binary=True)
            # GDAL reads the columns in one go: no Python work per cell
            write_arrow(str(path), arrow_table(data), geometry_name=GEOMETRY_COLUMN if spatial else None, **options)
    return types


def _promote(geoms: Any) -> Any:
    import numpy as np
    import shapely

    multi = {"Polygon": shapely.MultiPolygon, "LineString": shapely.MultiLineString, "Point": shapely.MultiPoint}
    out = [multi[g.geom_type]([g]) if g.geom_type in multi else g for g in geoms]
    return np.array(out, dtype=object)


def _write_styles(path: Path, qml: Mapping[str, str], spatial: Mapping[str, bool]) -> None:
    """Create QGIS's ``layer_styles`` table, register it, and add one default style per layer."""
    if not qml:
        return
    con = sqlite3.connect(path)
    try:
        with con:
            con.execute(_LAYER_STYLES_DDL)
            con.execute(
                "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, "
                "last_change) VALUES ('layer_styles', 'attributes', 'layer_styles', '', "
                "strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
            )
            for name, text in qml.items():
                con.execute(
                    "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
                    "f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, "
                    "owner, ui) VALUES ('', '', ?, ?, ?, ?, '', 1, ?, '', NULL)",
                    (
                        name,
                        GEOMETRY_COLUMN if spatial.get(name) else "",
                        name,
                        text,
                        f"conflictmap default style for {name}",
                    ),
                )
    finally:
        con.close()
