"""Installed OCHA COD-AB boundaries (districts, subdistricts) as gazetteer places.

The files are those :func:`geo.spatial.admin.boundaries_path` finds: ``<data dir>/boundaries/adm{n}.gpkg``,
``.geojson`` or ``.json`` (:func:`gazetteer.settings.data_dir`, ``$CONFLICTMAP_DATA_DIR`` overrides it).
Each unit becomes one place at its representative point (a point guaranteed inside the polygon),
named in English and Arabic, with the alternate and reference names OCHA gives, and the P-code of
its governorate. OCHA's field names of both editions are accepted, case-insensitively:
2017/2020 (``ADM2_PCODE``, ``ADM2_EN``, ``ADM2_AR``, ``ADM2ALT1EN`` ..., ``ADM2_REF``), 2016
(``PCODE``, ``NAME_EN``, ``NAME_AR``, ``NAM_EN_REF``, ``NAM_AR_REF``) and the normalised
``adm{n}_pcode``/``adm{n}_name``. Files are read with pyogrio and shapely, imported when
:meth:`OchaSource.places` runs (``import gazetteer`` stays light).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from gazetteer import settings
from gazetteer.errors import DataError, MissingDependencyError, SourceError
from gazetteer.sources.base import Source
from gazetteer.types import Place, PlaceKind

__all__ = ["OchaSource", "boundary_file"]

_KINDS = {1: PlaceKind.GOVERNORATE, 2: PlaceKind.DISTRICT, 3: PlaceKind.SUBDISTRICT}
_SUFFIXES = (".gpkg", ".geojson", ".json")


def boundary_file(level: int, directory: Path | None = None) -> Path | None:
    """Return the installed boundary file of ``level`` (the lookup of :func:`geo.spatial.admin.boundaries_path`).

    Parameters
    ----------
    level
        1, 2 or 3.
    directory
        Folder holding ``adm{level}.gpkg|.geojson|.json``; default ``<data dir>/boundaries``.

    Returns
    -------
    Path or None
        The first existing file, or None.
    """
    base = directory if directory is not None else settings.data_dir() / "boundaries"
    for suffix in _SUFFIXES:
        path = base / f"adm{level}{suffix}"
        if path.is_file():
            return path
    return None


def _levels(level: int | Sequence[int]) -> tuple[int, ...]:
    levels = (level,) if isinstance(level, int) else tuple(level)
    if not levels or any(isinstance(v, bool) or v not in _KINDS for v in levels):
        raise SourceError(f"expected OCHA levels among 1, 2, 3, instead got: {level!r}")
    return tuple(dict.fromkeys(levels))


def _field(columns: dict[str, str], *candidates: str) -> str | None:
    """Return the file's own column name for the first candidate present (case-insensitive)."""
    return next((columns[c] for c in candidates if c in columns), None)


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


class OchaSource(Source):
    """Districts and subdistricts from installed OCHA administrative boundaries.

    Parameters
    ----------
    level
        One level or several among 1 (governorates), 2 (districts) and 3 (subdistricts).
    path
        A boundaries folder holding ``adm{n}.gpkg|.geojson|.json``, or, with a single level,
        the boundary file itself. Default: ``<data dir>/boundaries``.

    Raises
    ------
    SourceError
        From the constructor, on a bad level, or when none of the requested levels is installed
        (the message names the files it looked for).
    DataError
        From :meth:`places`, when a file cannot be read or has no P-code field (message names it).
    """

    name: ClassVar[str] = "ocha"

    def __init__(self, level: int | Sequence[int] = (2, 3), *, path: str | Path | None = None) -> None:
        self.levels = _levels(level)
        target = Path(path) if path is not None else settings.data_dir() / "boundaries"
        self.files: dict[int, Path] = {}
        if target.is_file():
            if len(self.levels) != 1:
                msg = f"a single boundary file {target} needs a single level, instead got: {level!r}"
                raise SourceError(msg)
            self.files[self.levels[0]] = target
        else:
            for lvl in self.levels:
                found = boundary_file(lvl, target)
                if found is not None:
                    self.files[lvl] = found
        if not self.files:
            looked = ", ".join(str(target / f"adm{lvl}{{{','.join(_SUFFIXES)}}}") for lvl in self.levels)
            msg = (
                f"no OCHA boundaries installed: looked for {looked}; install the COD-AB files from "
                "https://data.humdata.org/dataset/cod-ab-syr there (or set CONFLICTMAP_DATA_DIR)"
            )
            raise SourceError(msg)

    def fingerprint(self) -> tuple[object, ...]:
        """The boundary files (path, size, mtime) per level: places are cached under it."""
        from gazetteer._source_cache import file_fingerprint

        return tuple((lvl, file_fingerprint(path)) for lvl, path in sorted(self.files.items()))

    def places(self) -> Iterable[Place]:
        """Read every installed level and return one place per administrative unit."""
        out: list[Place] = []
        for lvl, path in sorted(self.files.items()):
            out.extend(self._read(lvl, path))
        return out

    def _read(self, level: int, path: Path) -> list[Place]:
        try:
            import shapely
            from pyogrio.raw import read as _ogr_read
        except ImportError as exc:  # pragma: no cover - both come with geopandas
            raise MissingDependencyError(f"the 'ocha' gazetteer source needs pyogrio and shapely: {exc}") from exc
        try:
            meta, _fids, geometry, fields = _ogr_read(path)
        except Exception as exc:  # pyogrio raises its own DataSourceError etc.
            raise DataError(f"cannot read OCHA boundaries {path}: {exc}") from exc
        names = list(meta["fields"])
        index = {n: i for i, n in enumerate(names)}
        cols = _Columns.find(names, level, path)
        geoms = self._to_wgs84(shapely.from_wkb(geometry), meta.get("crs"), path)
        places = []
        for i, geom in enumerate(geoms):
            attrs = {name: _jsonable(fields[index[name]][i]) for name in names}
            pcode = _text(attrs[cols.pcode])
            if not pcode:
                raise DataError(f"OCHA boundaries {path}: feature {i + 1} has an empty {cols.pcode}")
            english = _text(attrs[cols.english]) if cols.english else ""
            arabic = _text(attrs[cols.arabic]) if cols.arabic else ""
            alternates = [_text(attrs[c]) for c in cols.alternates]
            label = english or arabic or pcode
            adm1 = _text(attrs[cols.adm1]) if cols.adm1 else ""
            point = _point_on(geom)
            places.append(
                Place(
                    id=f"ocha-adm{level}:{pcode}",  # not "ocha:": the resolver keys its governorates on that
                    name=label,
                    lat=point[0] if point is not None else None,
                    lon=point[1] if point is not None else None,
                    kind=_KINDS[level],
                    adm1_pcode=(adm1 or pcode[:4]).upper() or None,
                    names=tuple(dict.fromkeys(s for s in (label, english, arabic, *alternates) if s)),
                    source=self.name,
                    raw={"file": str(path), **attrs},
                )
            )
        return places

    @staticmethod
    def _to_wgs84(geoms: Any, crs: str | None, path: Path) -> Any:
        """Reproject to EPSG:4326 lon/lat when the file declares another CRS."""
        if not crs or crs.upper() in ("EPSG:4326", "OGC:CRS84"):
            return geoms
        try:
            import numpy as np
            import shapely
            from pyproj import CRS, Transformer

            if CRS.from_user_input(crs).equals(CRS.from_epsg(4326)):
                return geoms
            tr = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
            return shapely.transform(geoms, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))
        except Exception as exc:  # pyproj's CRSError and friends
            raise DataError(f"cannot reproject OCHA boundaries {path} from {crs} to EPSG:4326: {exc}") from exc


@dataclass(frozen=True, slots=True)
class _Columns:
    """The fields of one level's file that the places are made of."""

    pcode: str
    english: str | None
    arabic: str | None
    alternates: tuple[str, ...]
    adm1: str | None

    @classmethod
    def find(cls, names: list[str], n: int, path: Path) -> _Columns:
        """Find the fields of a level-``n`` file among ``names`` (any case).

        Raises
        ------
        DataError
            When the file has no P-code field.
        """
        columns = {name.lower(): name for name in names}
        pcode_col = _field(columns, f"adm{n}_pcode", "pcode")
        if pcode_col is None:
            msg = (
                f"OCHA boundaries {path}: no P-code field for level {n} "
                f"(expected ADM{n}_PCODE or PCODE; found {names})"
            )
            raise DataError(msg)
        alternates = (
            _field(columns, f"adm{n}alt1en"), _field(columns, f"adm{n}alt2en"), _field(columns, f"adm{n}_ref"),
            _field(columns, "nam_en_ref"), _field(columns, f"adm{n}alt1ar"), _field(columns, f"adm{n}alt2ar"),
            _field(columns, "nam_ar_ref"), _field(columns, f"adm{n}_name_fr"),
        )  # fmt: skip
        return cls(
            pcode=pcode_col,
            english=_field(columns, f"adm{n}_en", f"adm{n}_name", "name_en", "name"),
            arabic=_field(columns, f"adm{n}_ar", "name_ar"),
            alternates=tuple(c for c in alternates if c is not None),
            adm1=_field(columns, "adm1_pcode") if n > 1 else pcode_col,
        )


def _point_on(geom: Any) -> tuple[float, float] | None:
    """(lat, lon) of a point on the surface of a unit (repaired first if invalid), or None."""
    import shapely

    if geom is None or shapely.is_empty(geom):
        return None
    if not shapely.is_valid(geom):
        geom = shapely.make_valid(geom)  # the 2016 TopoJSON decodes to a few invalid rings
    point = shapely.point_on_surface(geom)
    return float(point.y), float(point.x)


def _jsonable(value: Any) -> Any:
    """Numpy scalars and datetimes from pyogrio become plain Python values (raw stays JSON-ready)."""
    if value is None:
        return None
    item = getattr(value, "item", None)
    if callable(item):
        value = item()
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
