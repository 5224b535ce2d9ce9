"""OCHA COD-AB boundaries (GeoJSON, TopoJSON, shapefile zip, GeoPackage) -> ``adm{n}.gpkg``.

Every polygon layer with a P-code field is one level, found from its P-codes' length
(``SY07`` ADM1, ``SY0700`` ADM2, ``SY070003`` ADM3; ADM0 layers are skipped). Columns become
``adm{k}_pcode``/``adm{k}_name`` for each level up to ``n``, plus the unit's Arabic, alternate and
reference names (``adm{n}_ar``, ``adm{n}alt1en`` ...), which the ``ocha`` gazetteer source reads.
Quirks of the real files are repaired and noted: an English/Arabic pair whose values are in the
other script is swapped (the 2016 TopoJSON's ADM0 fields), invalid polygons (quantised TopoJSON)
go through ``make_valid`` keeping their polygonal part, a file without CRS is WGS84.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gazetteer.errors import DataError

__all__ = ["BoundaryLayer", "read_boundary_layers", "write_level"]

_PCODE = re.compile(r"^[A-Z]{2}(\d\d)*$")
_ARABIC = re.compile(r"[\u0600-\u06ff]")


@dataclass
class BoundaryLayer:
    """One level read from one input, normalised."""

    level: int
    frame: Any  #: GeoDataFrame, EPSG:4326
    source: str  #: "file" or "file!layer"
    version: str
    notes: list[str] = field(default_factory=list)


def _cols(frame: Any) -> dict[str, str]:
    return {c.lower(): c for c in frame.columns if c != frame.geometry.name}


def _pick(cols: dict[str, str], *names: str) -> str | None:
    return next((cols[n] for n in names if n in cols), None)


def _level_of(frame: Any, cols: dict[str, str], label: str) -> tuple[int, str] | None:
    """Return (level, P-code column) of a layer, or None when it has no P-codes."""
    best: tuple[int, str] | None = None
    for name in [*(f"adm{k}_pcode" for k in range(4, -1, -1)), "pcode"]:
        col = cols.get(name)
        if col is None:
            continue
        values = [str(v).strip() for v in frame[col].dropna().tolist() if str(v).strip()]
        if not values:
            continue
        lengths = {len(v) for v in values if _PCODE.match(v)}
        if len(lengths) != 1:
            bad = next((v for v in values if not _PCODE.match(v)), values[0])
            raise DataError(f"{label}: column {col} does not hold OCHA P-codes (e.g. {bad!r})")
        level = (lengths.pop() - 2) // 2
        if best is None or level > best[0]:
            best = (level, col)
    return best


def _script_swap(frame: Any, en: str | None, ar: str | None) -> bool:
    """True when the English column holds Arabic script and the Arabic one does not."""
    if en is None or ar is None:
        return False
    en_vals = [str(v) for v in frame[en].dropna()]
    ar_vals = [str(v) for v in frame[ar].dropna()]
    if not en_vals or not ar_vals:
        return False
    en_ar = sum(bool(_ARABIC.search(v)) for v in en_vals) / len(en_vals)
    ar_ar = sum(bool(_ARABIC.search(v)) for v in ar_vals) / len(ar_vals)
    return en_ar > 0.5 and ar_ar < 0.5


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    s = str(value).strip()
    return s or None


def normalise(frame: Any, label: str, version_hint: str = "") -> BoundaryLayer | None:
    """Normalise one layer; None when it is not a boundary layer of level 1-3."""
    cols = _cols(frame)
    found = _level_of(frame, cols, label)
    if found is None:
        return None
    level, pcode_col = found
    if level == 0 or level > 3:
        return BoundaryLayer(level, None, label, "", [f"{label}: ADM{level} layer skipped (levels 1-3 are used)"])
    notes: list[str] = []
    out: dict[str, Any] = {}
    for k in range(level + 1):
        out.update(_level_columns(frame, cols, k, level=level, pcode_col=pcode_col, label=label, notes=notes))
    _complete_pcodes(out, level, pcode_col, label)
    gdf = _polygons(frame, out, level, label, notes)
    version = version_hint or _version(frame, cols)
    return BoundaryLayer(level, gdf, label, version, notes)


def _level_columns(
    frame: Any, cols: dict[str, str], k: int, *, level: int, pcode_col: str, label: str, notes: list[str]
) -> dict[str, list[str | None]]:
    """The output columns of level ``k`` of a level-``level`` layer (a swap of scripts noted)."""
    own = k == level
    pc = pcode_col if own else _pick(cols, f"adm{k}_pcode")
    en = _pick(cols, f"adm{k}_en", f"adm{k}_name", *(("name_en", "name") if own else ()))
    ar = _pick(cols, f"adm{k}_ar", *(("name_ar",) if own else ()))
    if _script_swap(frame, en, ar):
        notes.append(f"{label}: {en} held Arabic and {ar} English: swapped")
        en, ar = ar, en
    if k == 0:
        return {} if en is None else {"adm0_name": [_text(v) for v in frame[en]]}
    wanted: dict[str, str | None] = {f"adm{k}_pcode": pc, f"adm{k}_name": en}
    if own:
        wanted |= {
            f"adm{k}_ar": ar,
            f"adm{k}alt1en": _pick(cols, f"adm{k}alt1en"),
            f"adm{k}alt2en": _pick(cols, f"adm{k}alt2en"),
            f"adm{k}alt1ar": _pick(cols, f"adm{k}alt1ar"),
            f"adm{k}alt2ar": _pick(cols, f"adm{k}alt2ar"),
            f"adm{k}_ref": _pick(cols, f"adm{k}_ref", "nam_en_ref"),
            f"adm{k}_ref_ar": _pick(cols, "nam_ar_ref"),
        }
    return {name: [_text(v) for v in frame[col]] for name, col in wanted.items() if col is not None}


def _complete_pcodes(out: dict[str, Any], level: int, pcode_col: str, label: str) -> None:
    """Check the layer's own P-codes (present, unique); derive missing parent P-codes from them."""
    pcodes = out[f"adm{level}_pcode"]
    if any(p is None for p in pcodes):
        raise DataError(f"{label}: {sum(p is None for p in pcodes)} feature(s) without a P-code in {pcode_col}")
    dupes = sorted({p for p in pcodes if pcodes.count(p) > 1})
    if dupes:
        raise DataError(f"{label}: duplicate ADM{level} P-codes {', '.join(dupes[:5])}")
    for k in range(1, level):
        if f"adm{k}_pcode" not in out:
            out[f"adm{k}_pcode"] = [p[: 2 + 2 * k] for p in pcodes]


def _polygons(frame: Any, out: dict[str, Any], level: int, label: str, notes: list[str]) -> Any:
    """The output GeoDataFrame: WGS84, valid multipolygons, P-code and name columns first."""
    import geopandas as gpd
    import shapely

    crs = frame.crs
    gdf = gpd.GeoDataFrame(out, geometry=frame.geometry.values, crs=crs or "EPSG:4326")
    if crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs(4326)
    if gdf.geometry.isna().any() or gdf.geometry.is_empty.any():
        raise DataError(f"{label}: {int((gdf.geometry.isna() | gdf.geometry.is_empty).sum())} unit(s) without geometry")
    invalid = ~gdf.geometry.is_valid
    if invalid.any():
        fixed = [_polygonal(g) for g in shapely.make_valid(gdf.geometry[invalid].values)]
        gdf.loc[invalid, "geometry"] = fixed
        notes.append(f"{label}: {int(invalid.sum())} invalid polygon(s) repaired with make_valid")
    kinds = set(gdf.geometry.geom_type)
    if not kinds <= {"Polygon", "MultiPolygon"}:
        raise DataError(f"{label}: expected polygons for ADM{level}, found {sorted(kinds)}")
    gdf["geometry"] = [g if g.geom_type == "MultiPolygon" else shapely.MultiPolygon([g]) for g in gdf.geometry]
    order = [c for k in range(1, level + 1) for c in (f"adm{k}_pcode", f"adm{k}_name")]
    rest = [c for c in gdf.columns if c not in order and c != "geometry"]
    return gdf[[c for c in order if c in gdf.columns] + rest + ["geometry"]]


def _polygonal(geom: Any) -> Any:
    import shapely

    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = []
    for g in getattr(geom, "geoms", []):
        if g.geom_type == "Polygon":
            parts.append(g)
        elif g.geom_type == "MultiPolygon":
            parts.extend(g.geoms)
    return shapely.MultiPolygon(parts) if parts else geom


def _version(frame: Any, cols: dict[str, str]) -> str:
    """The edition date the file states (``validOn``, ``date``, ``UPDATE_DAT``), else ''."""
    for name in ("validon", "date", "update_dat"):
        col = cols.get(name)
        if col is not None:
            values = sorted({str(v)[:10] for v in frame[col].dropna()})
            if values:
                return values[-1]
    return ""


def read_boundary_layers(path: Path, kind: str) -> list[BoundaryLayer]:
    """Read every boundary layer of one file (``kind``: geojson, topojson, shapezip, gpkg).

    Layers of other levels than 1-3 (ADM0) come back with ``frame=None`` and a note.
    """
    import geopandas as gpd
    import pyogrio

    if kind == "shapezip":
        import zipfile

        with zipfile.ZipFile(path) as zf:
            members = sorted(n for n in zf.namelist() if n.lower().endswith(".shp"))
        targets: list[tuple[str, str | None, str]] = [(f"/vsizip/{path}/{m}", None, f"{path}!{m}") for m in members]
    else:
        try:
            names = [str(name) for name, _g in pyogrio.list_layers(path)]
        except Exception as exc:  # pyogrio's DataSourceError and friends
            raise DataError(f"cannot read boundaries {path}: {exc}") from exc
        targets = [(str(path), n, f"{path}!{n}" if len(names) > 1 else str(path)) for n in names]
    out = []
    for target, layer, label in targets:
        try:
            frame = gpd.read_file(target, layer=layer)
        except Exception as exc:
            raise DataError(f"cannot read {label}: {exc}") from exc
        if frame.geometry.name not in frame.columns or frame.empty:
            continue
        layer_out = normalise(frame, label)
        if layer_out is not None:
            out.append(layer_out)
    return out


def write_level(layer: BoundaryLayer, target: Path) -> None:
    """Write one level as a GeoPackage (layer ``adm{n}``) at ``target`` (a staging path)."""
    try:
        layer.frame.to_file(target, driver="GPKG", layer=f"adm{layer.level}")
    except Exception as exc:
        raise DataError(f"cannot write {target}: {exc}") from exc
