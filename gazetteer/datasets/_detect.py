"""Format detection for ``conflictmap data import``: by content first, the suffix as a hint."""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

from gazetteer.errors import DataError, InputError

__all__ = ["FORMATS", "detect"]

#: Detected formats and what they install.
FORMATS: dict[str, str] = {
    "geonames": "GeoNames dump (.txt or .zip, 19 tab-separated columns) -> gazetteer",
    "geojson": "OCHA boundaries, GeoJSON -> polygon join + gazetteer",
    "topojson": "OCHA boundaries, TopoJSON -> polygon join + gazetteer",
    "shapezip": "OCHA boundaries, zipped shapefile -> polygon join + gazetteer",
    "gpkg": "OCHA boundaries or a place list, GeoPackage",
    "ucdp": "UCDP GED events CSV (exact localities) -> gazetteer",
    "csv": "your own place list, CSV (name, lat, lon ...) -> gazetteer",
}

_GEONAMES_TABS = 18


def _head_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _classify_text(head: str, path: Path) -> str:
    first = next((ln for ln in head.splitlines() if ln.strip() and not ln.startswith("#")), "")
    if first.count("\t") == _GEONAMES_TABS:
        return "geonames"
    stripped = head.lstrip("\ufeff \r\n\t")
    if stripped.startswith("{"):
        compact = "".join(stripped[:4096].split())
        if '"type":"Topology"' in compact:
            return "topojson"
        return "geojson"
    header = first.lower()
    if "," in header:
        cells = {c.strip().strip('"') for c in header.split(",")}
        ucdp_events = {"where_prec", "where_coordinates"}
        ucdp_localities = {"name", "latitude", "longitude", "adm_1", "events"}
        if ucdp_events <= cells or ucdp_localities <= cells:
            return "ucdp"
        if "name" in cells and ({"lat", "lon"} <= cells or {"latitude", "longitude"} <= cells):
            return "csv"
    raise DataError(
        f"cannot tell the format of {path}: not a GeoNames dump (19 tab-separated columns), "
        "GeoJSON/TopoJSON, UCDP GED CSV or a place list CSV with name, lat, lon"
    )


def detect(path: Path) -> str:
    """Return the format of ``path`` (a key of :data:`FORMATS`).

    Raises
    ------
    InputError
        When the path does not exist or is not a regular file.
    DataError
        When the content is none of the known formats, or a zip/gzip is corrupt (the message
        names the file).
    """
    if not path.exists():
        raise InputError(f"{path} does not exist")
    if not path.is_file():
        raise InputError(f"{path} is not a regular file")
    with open(path, "rb") as fh:
        magic = fh.read(16)
    if magic.startswith(b"SQLite format 3"):
        return "gpkg"
    if magic.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = zf.namelist()
                bad = zf.testzip()
                if bad is not None:
                    raise DataError(f"{path}: corrupt zip archive (bad CRC in member {bad!r})")
                if any(n.lower().endswith(".shp") for n in names):
                    return "shapezip"
                members = [
                    n for n in names if n.lower().endswith((".txt", ".csv")) and not n.lower().endswith("readme.txt")
                ]
                if len(members) == 1:
                    with zf.open(members[0]) as raw:
                        return _classify_text(_head_text(raw.read(65536)), path)
        except (zipfile.BadZipFile, EOFError, OSError) as exc:
            raise DataError(f"{path}: not a readable zip archive (truncated or corrupt download?): {exc}") from exc
        raise DataError(f"{path}: a zip holding neither a shapefile nor one .txt/.csv file: {names!r}")
    if magic.startswith(b"\x1f\x8b"):
        try:
            with gzip.open(path, "rb") as fh:
                return _classify_text(_head_text(fh.read(65536)), path)
        except (OSError, EOFError) as exc:
            raise DataError(f"{path}: not a readable gzip file: {exc}") from exc
    with open(path, "rb") as fh:
        return _classify_text(_head_text(fh.read(65536)), path)
