"""Read a user's baseline of known control: CSV, GeoPackage or GeoJSON rows as observations."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gazetteer.errors import DataError, InputError
from geo.spatial.control.dates import parse_date
from geo.spatial.control.observation import ControlObservation
from geo.spatial.control.resolve import NameResolver
from geo.spatial.controllers import CONTROLLERS, normalise_controller

__all__ = ["read_baseline"]

_CSV_SUFFIXES = frozenset({".csv", ".txt"})
_VECTOR_SUFFIXES = frozenset({".gpkg", ".geojson", ".json", ".shp", ".fgb"})

#: Accepted header spellings of each CSV column.
_CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "place": ("place", "name", "locality"),
    "lat": ("lat", "latitude", "y"),
    "lon": ("lon", "lng", "long", "longitude", "x"),
    "controller": ("controller", "control"),
    "date": ("date",),
    "date_precision": ("date_precision", "precision"),
    "source": ("source",),
}


@dataclass(frozen=True, slots=True)
class _Row:
    """One baseline row as read, before it is checked (``where`` names its line or feature)."""

    where: str
    place: str
    lat: str
    lon: str
    controller: str
    date: Any
    precision: str | None
    source: str


def read_baseline(path: Path, resolver: NameResolver) -> list[ControlObservation]:
    """Read the rows of a baseline file (``path`` exists) as observations.

    Raises
    ------
    InputError
        Unknown extension.
    DataError
        A row is unusable; the message names the file and the line (CSV) or feature (vector).
    """
    suffix = path.suffix.lower()
    if suffix in _CSV_SUFFIXES:
        return [_observation(path, row, resolver) for row in _csv_rows(path)]
    if suffix in _VECTOR_SUFFIXES:
        return [_observation(path, row, None) for row in _vector_rows(path)]
    raise InputError(f"baseline {path}: unknown format {suffix!r}; expected .csv, .gpkg or .geojson")


def _csv_rows(path: Path) -> list[_Row]:
    rows: list[_Row] = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header = {(h or "").strip().lower(): h for h in reader.fieldnames or []}
        cols = {k: _pick(header, *names) for k, names in _CSV_COLUMNS.items()}
        missing = [k for k in ("controller", "date") if cols[k] is None]
        if cols["place"] is None and (cols["lat"] is None or cols["lon"] is None):
            missing.append("place (or lat and lon)")
        if missing:
            raise DataError(f"{path}: line 1: missing column(s) {', '.join(missing)}; "
                            "expected place,lat,lon,controller,date[,source]")  # fmt: skip
        for rec in reader:
            if not any((v or "").strip() for v in rec.values() if isinstance(v, str)):
                continue

            def get(k: str, rec: dict[str, Any] = rec) -> str:
                c = cols[k]
                return (rec.get(c) or "").strip() if c else ""

            source = get("source") or f"baseline:{path.name}"
            rows.append(_Row(f"line {reader.line_num}", get("place"), get("lat"), get("lon"), get("controller"),
                             get("date"), get("date_precision") or None, source))  # fmt: skip
    return rows


def _vector_rows(path: Path) -> list[_Row]:
    import geopandas as gpd

    try:
        gdf = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises its own DataSourceError
        raise DataError(f"{path}: cannot read baseline: {exc}") from exc
    lower = {c.lower(): c for c in gdf.columns}
    for need in ("controller", "date"):
        if need not in lower:
            raise DataError(f"{path}: missing field {need!r}; expected point features with controller and date")
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs("EPSG:4326")
    place_col = lower.get("place") or lower.get("name")
    rows = []
    for i, rec in enumerate(gdf.itertuples(index=False), start=1):
        where = f"feature {i}"
        geom = rec.geometry
        if geom is None or geom.is_empty or geom.geom_type != "Point":
            kind = "empty" if geom is None or geom.is_empty else geom.geom_type
            raise DataError(f"{path}: {where}: expected a point geometry, got {kind}")
        values = rec._asdict()
        place = str(values.get(place_col) or "") if place_col else ""
        prec = values.get(lower["date_precision"]) if "date_precision" in lower else None
        source = values.get(lower["source"]) if "source" in lower else None
        rows.append(_Row(where, place, str(geom.y), str(geom.x), str(values.get(lower["controller"]) or ""),
                         values.get(lower["date"]), prec or None, str(source or f"baseline:{path.name}")))  # fmt: skip
    return rows


def _observation(path: Path, row: _Row, resolver: NameResolver | None) -> ControlObservation:
    where = row.where
    label = normalise_controller(row.controller)
    if label is None:
        expected = ", ".join(CONTROLLERS)
        raise DataError(f"{path}: {where}: unknown controller {row.controller!r}; expected one of {expected}")
    try:
        day, prec = parse_date(row.date, row.precision)
    except InputError as exc:
        raise DataError(f"{path}: {where}: {exc}") from None
    if row.lat and row.lon:
        try:
            y, x = float(row.lat), float(row.lon)
        except ValueError:
            raise DataError(f"{path}: {where}: bad coordinates lat={row.lat!r} lon={row.lon!r}") from None
        if not (-90 <= y <= 90 and -180 <= x <= 180):
            raise DataError(f"{path}: {where}: coordinates out of range lat={row.lat!r} lon={row.lon!r}")
    elif row.place and resolver is not None:
        found = resolver.locate(row.place)
        if found is None:
            raise DataError(f"{path}: {where}: place {row.place!r} not found in the gazetteer and no lat/lon given")
        y, x, canonical, place_id = found
        return ControlObservation(canonical, y, x, day, prec, label, source=row.source,
                                  place_id=place_id, name_as_written=row.place)  # fmt: skip
    else:
        raise DataError(f"{path}: {where}: no place name and no coordinates")
    return ControlObservation(row.place or f"{y:.4f},{x:.4f}", y, x, day, prec, label, source=row.source,
                              name_as_written=row.place)  # fmt: skip


def _pick(header: Mapping[str, str], *names: str) -> str | None:
    for n in names:
        if n in header:
            return header[n]
    return None
