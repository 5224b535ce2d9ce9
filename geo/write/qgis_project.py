"""A QGIS project file (``events.qgz``) next to a conflictmap GeoPackage, written without QGIS.

QGIS 3.22 drops the temporal settings of a layer's default style (the GeoPackage's ``layer_styles``)
when it opens the layer, so a GeoPackage alone does not follow the temporal controller. A project
keeps them: each ``<maplayer>`` holds the layer's style (the QML stored in ``layer_styles``, else the
packaged ``geo/write/styles/<layer>.qml``) including its ``<temporal>`` element, and the project holds
the layer tree (groups, order, visibility) and its temporal range (the span of the dated layers).

Layers reference the GeoPackage by relative path (``./events.gpkg|layername=events``), so the two
files can be moved together. A ``.qgz`` is a zip archive holding one ``.qgs`` XML document.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["GROUPS", "LayerInfo", "project_xml", "read_layers", "write_qgis_project"]

#: Layer tree: group name -> layers in drawing order (top first), with whether each is shown.
GROUPS: tuple[tuple[str, tuple[tuple[str, bool], ...]], ...] = (
    ("Events", (("events", True), ("control_changes", True), ("mentions", False))),
    ("Front", (("front_observations", False), ("control", True), ("front_lines", True), ("control_areas", True))),
    ("Boundaries", (("rivers", True), ("governorates", True), ("districts", False), ("subdistricts", False))),
)

#: Columns whose values span the project's time range, per layer (start column, end column or "").
DATED: dict[str, tuple[str, str]] = {
    "events": ("date", "date_end"),
    "control": ("valid_from", "valid_to"),
    "control_changes": ("date", ""),
    "front_observations": ("date", ""),
    "control_areas": ("date_from", "date_to"),
    "front_lines": ("date_from", "date_to"),
}

_WKB = {"POINT": "Point", "MULTIPOINT": "MultiPoint", "LINESTRING": "LineString",
        "MULTILINESTRING": "MultiLineString", "POLYGON": "Polygon", "MULTIPOLYGON": "MultiPolygon"}
_GEOMETRY = {"Point": "Point", "LineString": "Line", "Polygon": "Polygon"}
_QGIS_VERSION = "3.22.16-Białowieża"
_WGS84 = {
    "proj4": "+proj=longlat +datum=WGS84 +no_defs", "srsid": "3452", "srid": "4326", "authid": "EPSG:4326",
    "description": "WGS 84", "projectionacronym": "longlat", "ellipsoidacronym": "EPSG:7030",
    "geographicflag": "true",
}


@dataclass(frozen=True, slots=True)
class LayerInfo:
    """A spatial layer of the GeoPackage: name, WKB type (``"Point"``, ``"MultiPolygon"``...) and style."""

    name: str
    wkb_type: str
    qml: str | None
    shown: bool = True


def read_layers(gpkg: Path) -> tuple[list[LayerInfo], tuple[dt.date, dt.date] | None]:
    """The spatial layers of ``gpkg`` in layer-tree order and the span of its dated layers.

    Parameters
    ----------
    gpkg : Path
        A GeoPackage written by :mod:`geo.write.gpkg` (read with ``sqlite3`` only).

    Returns
    -------
    tuple
        ``(layers, span)``: layers ordered as :data:`GROUPS` (others last), ``span`` the first and
        last date found in :data:`DATED` columns, or None when no layer has a date.
    """
    from geo.write.gpkg import default_style

    with sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True) as con:
        types = dict(con.execute("SELECT table_name, geometry_type_name FROM gpkg_geometry_columns").fetchall())
        styles = _stored_styles(con)
        days = [d for name in types for d in _dates(con, name)]
    shown = {name: on for _, members in GROUPS for name, on in members}
    order = [name for _, members in GROUPS for name, _ in members if name in types]
    order += sorted(set(types) - set(order))
    layers = [
        LayerInfo(name, _WKB.get(str(types[name]).upper(), "Unknown"), styles.get(name) or default_style(name),
                  shown.get(name, True))
        for name in order
    ]
    return layers, ((min(days), max(days)) if days else None)


def _stored_styles(con: sqlite3.Connection) -> dict[str, str]:
    if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'layer_styles'").fetchone():
        return {}
    rows = con.execute("SELECT f_table_name, styleQML FROM layer_styles ORDER BY useAsDefault").fetchall()
    return {str(name): str(qml) for name, qml in rows if qml}  # the default style (useAsDefault = 1) wins


def _dates(con: sqlite3.Connection, table: str) -> list[dt.date]:
    """First and last dates of ``table``'s dated columns (ISO text, first 10 characters)."""
    columns = {row[1] for row in con.execute(f'PRAGMA table_info("{_quoted(table)}")')}
    out: list[dt.date] = []
    for column in DATED.get(table, ("", "")):
        if not column or column not in columns:
            continue
        sql = f'SELECT min("{column}"), max("{column}") FROM "{_quoted(table)}" WHERE "{column}" <> \'\''
        for value in con.execute(sql).fetchone():
            try:
                out.append(dt.date.fromisoformat(str(value)[:10]))
            except ValueError:
                continue
    return out


def _quoted(name: str) -> str:
    return name.replace('"', '""')


def _srs(parent: ET.Element, tag: str) -> None:
    srs = ET.SubElement(ET.SubElement(parent, tag), "spatialrefsys")
    for key, value in _WGS84.items():
        ET.SubElement(srs, key).text = value


def _layer_id(name: str) -> str:
    return f"{name}_conflictmap"


def _map_layer(parent: ET.Element, layer: LayerInfo, source: str) -> None:
    """One ``<maplayer>``: data source, CRS and the style's elements (renderer, labels, temporal...)."""
    base = layer.wkb_type.removeprefix("Multi")
    element = ET.SubElement(parent, "maplayer", type="vector", wkbType=layer.wkb_type,
                            geometry=_GEOMETRY.get(base, "Unknown"))
    ET.SubElement(element, "id").text = _layer_id(layer.name)
    ET.SubElement(element, "datasource").text = f"{source}|layername={layer.name}"
    ET.SubElement(element, "layername").text = layer.name
    _srs(element, "srs")
    ET.SubElement(element, "provider", encoding="UTF-8").text = "ogr"
    if layer.qml:
        style = ET.fromstring(layer.qml)  # our own QML (packaged or written by geo.write.gpkg)
        for key, value in style.attrib.items():
            if key != "version":
                element.set(key, value)
        element.extend(list(style))


def _layer_tree(root: ET.Element, layers: list[LayerInfo], source: str) -> None:
    tree = ET.SubElement(root, "layer-tree-group")
    ET.SubElement(tree, "customproperties")
    by_name = {layer.name: layer for layer in layers}
    groups = [(group, [n for n, _ in members if n in by_name]) for group, members in GROUPS]
    grouped = {n for _, names in groups for n in names}
    groups.append(("Other", [layer.name for layer in layers if layer.name not in grouped]))
    for group, names in groups:
        if not names:
            continue
        node = ET.SubElement(tree, "layer-tree-group", name=group, checked="Qt::Checked", expanded="1")
        ET.SubElement(node, "customproperties")
        for name in names:
            leaf = ET.SubElement(node, "layer-tree-layer", id=_layer_id(name), name=name, providerKey="ogr",
                                 source=f"{source}|layername={name}", expanded="1",
                                 checked="Qt::Checked" if by_name[name].shown else "Qt::Unchecked")
            ET.SubElement(leaf, "customproperties")


def _time_settings(root: ET.Element, span: tuple[dt.date, dt.date]) -> None:
    """The project's temporal range (first day to the day after the last), stepped by month."""
    settings = ET.SubElement(root, "ProjectTimeSettings", timeStepUnit="mon", timeStep="1", frameRate="1",
                             cumulativeTemporalRange="0")
    temporal = ET.SubElement(settings, "TemporalRange")
    ET.SubElement(temporal, "start").text = f"{span[0].isoformat()}T00:00:00Z"
    ET.SubElement(temporal, "end").text = f"{(span[1] + dt.timedelta(days=1)).isoformat()}T00:00:00Z"


def _properties(root: ET.Element) -> None:
    properties = ET.SubElement(root, "properties")
    paths = ET.SubElement(properties, "Paths")
    ET.SubElement(paths, "Absolute", type="bool").text = "false"
    srs = ET.SubElement(properties, "SpatialRefSys")
    ET.SubElement(srs, "ProjectionsEnabled", type="int").text = "1"  # else QGIS ignores <projectCrs>


def project_xml(layers: list[LayerInfo], span: tuple[dt.date, dt.date] | None, *, gpkg_name: str,
                title: str = "conflictmap") -> str:
    """The ``.qgs`` document for ``layers`` of ``./gpkg_name`` (see :func:`read_layers`).

    Parameters
    ----------
    layers : list of LayerInfo
        Spatial layers in layer-tree order.
    span : tuple of date, optional
        First and last date of the dated layers: the project's temporal range (none when None).
    gpkg_name : str
        File name of the GeoPackage, in the same folder as the project.
    title : str
        Project title.

    Returns
    -------
    str
        The XML text, with QGIS's doctype.
    """
    source = f"./{gpkg_name}"
    root = ET.Element("qgis", projectname=title, version=_QGIS_VERSION)
    ET.SubElement(root, "homePath", path="")
    ET.SubElement(root, "title").text = title
    _srs(root, "projectCrs")
    _layer_tree(root, layers, source)
    project_layers = ET.SubElement(root, "projectlayers")
    for layer in layers:
        _map_layer(project_layers, layer, source)
    order = ET.SubElement(root, "layerorder")
    for layer in layers:
        ET.SubElement(order, "layer", id=_layer_id(layer.name))
    _properties(root)
    if span is not None:
        _time_settings(root, span)
    ET.indent(root, space=" ")
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + ET.tostring(root, encoding="unicode")


def write_qgis_project(gpkg: str | Path, path: str | Path | None = None, *, title: str = "conflictmap") -> Path:
    """Write a QGIS project (``.qgz``, or ``.qgs`` by suffix) for ``gpkg``; return its path.

    Parameters
    ----------
    gpkg : str or Path
        The GeoPackage (layers referenced by relative path: keep both files in one folder).
    path : str or Path, optional
        Target; default ``gpkg`` with suffix ``.qgz``.
    title : str
        Project title.

    Returns
    -------
    Path
        The project file written (replaced when it exists).
    """
    gpkg = Path(gpkg)
    target = Path(path) if path is not None else gpkg.with_suffix(".qgz")
    layers, span = read_layers(gpkg)
    text = project_xml(layers, span, gpkg_name=gpkg.name, title=title)
    tmp = target.with_name(f".{target.name}.tmp")
    if target.suffix.lower() == ".qgs":
        tmp.write_text(text, encoding="utf-8")
    else:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            info = zipfile.ZipInfo(f"{target.stem}.qgs", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    tmp.replace(target)
    return target
