"""Place lists -> ``places/<name>.csv``: a user's CSV or GeoPackage, UCDP GED exact localities.

The installed table has the columns of :class:`~gazetteer.sources.csv_source.CsvSource`
(``name, lat, lon, alternate_names, kind, adm1_pcode, id``) and is read by the ``places`` source.

- A user's CSV: ``name`` and ``lat``/``lon`` (or ``latitude``/``longitude``), optional
  ``alternate_names`` (``|``-separated), ``kind``, ``adm1_pcode``.
- A user's GeoPackage / GeoJSON of points: a ``name`` field (or ``NAME_EN``, ``nom``), optional
  fields as above.
- UCDP GED (events, ``.csv``, ``.csv.gz`` or ``.zip``): Syrian events with ``where_prec == 1``
  (exact location), grouped by ``where_coordinates`` and point; "Saraqib town" gives the name
  Saraqib, kind town. The project's derived ``syria_localities.csv`` (one row per locality,
  ``name, latitude, longitude, adm_1, adm_2, events``) is read the same way.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gazetteer import profile
from gazetteer.errors import DataError
from gazetteer.governorates import pcode_for
from gazetteer.types import KINDS, PlaceKind

__all__ = ["COLUMNS", "open_text", "read_csv_places", "read_ucdp", "read_vector_places", "write_places"]

COLUMNS = ("name", "lat", "lon", "alternate_names", "kind", "adm1_pcode", "id")
_UCDP_KINDS: dict[str, PlaceKind] = {
    "town": PlaceKind.TOWN, "village": PlaceKind.VILLAGE, "city": PlaceKind.CITY, "camp": PlaceKind.CAMP,
    "area": PlaceKind.REGION, "airbase": PlaceKind.MILITARY_SITE, "military base": PlaceKind.MILITARY_SITE,
    "airport": PlaceKind.MILITARY_SITE,
}  # fmt: skip
_UCDP_SUFFIX = re.compile(r"\s+(" + "|".join(sorted(_UCDP_KINDS, key=len, reverse=True)) + r")$", re.IGNORECASE)
_GOV_WORDS = re.compile(r"\s+(governorate|province)$", re.IGNORECASE)


def open_text(path: Path) -> tuple[io.TextIOBase, str]:
    """Open a text file, a ``.gz`` or the single CSV member of a ``.zip``; return (stream, label)."""
    try:
        if zipfile.is_zipfile(path):
            zf = zipfile.ZipFile(path)
            members = [n for n in zf.namelist() if n.lower().endswith((".csv", ".txt"))]
            if len(members) != 1:
                raise DataError(f"{path}: expected one CSV inside the zip, found {zf.namelist()!r}")
            raw = zf.open(members[0])
            return io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""), f"{path}!{members[0]}"
        if path.suffix.lower() == ".gz":
            return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline=""), str(path)
        return open(path, encoding="utf-8-sig", newline=""), str(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc


def _coord(value: Any, what: str, where: str) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise DataError(f"{where}: bad {what} {value!r}") from None
    limit = 90.0 if what.startswith("lat") else 180.0
    if not (math.isfinite(v) and -limit <= v <= limit):
        raise DataError(f"{where}: {what} out of range: {value!r}")
    return v


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str], str]]:
    fh, label = open_text(path)
    with fh:
        reader = csv.DictReader(fh)
        try:
            for row in reader:
                yield reader.line_num, {(k or "").strip().lower(): (v or "") for k, v in row.items()}, label
        except (csv.Error, UnicodeDecodeError, OSError, EOFError) as exc:
            raise DataError(f"{label}: line {reader.line_num}: {exc}") from exc


def read_csv_places(path: Path) -> list[dict[str, str]]:
    """Read a user's place list (CSV); every row checked, errors name the line."""
    out = []
    for line, row, label in _rows(path):
        where = f"{label}: line {line}"
        name = row.get("name", "").strip()
        if not name:
            raise DataError(f"{where}: empty name")
        lat = _coord(row.get("lat") or row.get("latitude"), "latitude", where)
        lon = _coord(row.get("lon") or row.get("longitude"), "longitude", where)
        kind = row.get("kind", "").strip() or PlaceKind.TOWN
        if kind not in KINDS:
            raise DataError(f"{where}: unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
        out.append({"name": name, "lat": f"{lat:.6f}", "lon": f"{lon:.6f}",
                    "alternate_names": row.get("alternate_names", "").strip(), "kind": kind,
                    "adm1_pcode": row.get("adm1_pcode", "").strip().upper(),
                    "id": row.get("id", "").strip() or str(line)})  # fmt: skip
    return out


def _ucdp_name(raw: str) -> tuple[str, PlaceKind]:
    """``"Saraqib town"`` -> (``"Saraqib"``, ``"town"``)."""
    m = _UCDP_SUFFIX.search(raw)
    if m:
        return raw[: m.start()].strip(), _UCDP_KINDS[m.group(1).lower()]
    return raw.strip(), PlaceKind.OTHER


def _adm1(cell: str) -> str:
    name = _GOV_WORDS.sub("", cell.strip())
    return (pcode_for(name) or "") if name else ""


def read_ucdp(path: Path) -> list[dict[str, str]]:
    """UCDP GED events (or the derived localities table) -> one place per exact locality."""
    country = profile.active().name  # UCDP's English country name ("Syria")
    groups: dict[tuple[str, str, str], dict[str, Any]] = {}
    for line, row, label in _rows(path):
        where = f"{label}: line {line}"
        if "where_prec" in row:
            if row.get("country", country).strip() not in (country, ""):
                continue
            if row["where_prec"].strip() != "1":
                continue
            raw = row.get("where_coordinates", "").strip()
            count = 1
        else:
            raw = row.get("name", "").strip()
            count = int(row.get("events") or 1)
        if not raw:
            continue
        lat = _coord(row.get("latitude"), "latitude", where)
        lon = _coord(row.get("longitude"), "longitude", where)
        key = (raw, f"{lat:.6f}", f"{lon:.6f}")
        g = groups.setdefault(key, {"events": 0, "adm_1": row.get("adm_1", "")})
        g["events"] += count
    out: list[dict[str, str]] = []
    for n, ((raw, lat_text, lon_text), g) in enumerate(sorted(groups.items()), start=1):
        name, kind = _ucdp_name(raw)
        if not name:
            continue
        out.append({"name": name, "lat": lat_text, "lon": lon_text, "alternate_names": "", "kind": kind,
                    "adm1_pcode": _adm1(g["adm_1"]), "id": f"ucdp-{n}"})
    if not out:
        raise DataError(f"{path}: no UCDP event with an exact location (where_prec == 1)")
    return out


def read_vector_places(path: Path) -> list[dict[str, str]]:
    """A user's GeoPackage / GeoJSON of points with a name field."""
    import geopandas as gpd
    import pyogrio

    out: list[dict[str, str]] = []
    try:
        layers = [str(n) for n, _g in pyogrio.list_layers(path)]
    except Exception as exc:
        raise DataError(f"cannot read place list {path}: {exc}") from exc
    for layer in layers:
        try:
            gdf = gpd.read_file(path, layer=layer)
        except Exception as exc:
            raise DataError(f"cannot read layer {layer!r} of {path}: {exc}") from exc
        if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
            gdf = gdf.to_crs(4326)
        cols = {c.lower(): c for c in gdf.columns}
        name_col = next((cols[c] for c in ("name", "name_en", "nom") if c in cols), None)
        if name_col is None or not set(gdf.geometry.geom_type.dropna()) <= {"Point"}:
            continue
        for i, row in enumerate(gdf.itertuples(index=False), start=1):
            rec = row._asdict()
            geom = rec[gdf.geometry.name]
            name = str(rec[name_col] or "").strip()
            if not name or geom is None or geom.is_empty:
                raise DataError(f"{path}!{layer}: feature {i}: missing name or point")
            kind = str(rec.get(cols.get("kind", ""), "") or PlaceKind.TOWN.value).strip()
            if kind not in KINDS:
                raise DataError(f"{path}!{layer}: feature {i}: unknown kind {kind!r}")
            out.append({"name": name, "lat": f"{geom.y:.6f}", "lon": f"{geom.x:.6f}",
                        "alternate_names": str(rec.get(cols.get("alternate_names", ""), "") or ""),
                        "kind": kind, "adm1_pcode": str(rec.get(cols.get("adm1_pcode", ""), "") or "").upper(),
                        "id": f"{layer}-{i}"})
    if not out:
        raise DataError(f"{path}: no point layer with a name field (name, name_en or nom)")
    return out


def write_places(rows: list[dict[str, str]], target: Path) -> None:
    """Write the normalised table (UTF-8 CSV) at ``target`` (a staging path)."""
    with open(target, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
