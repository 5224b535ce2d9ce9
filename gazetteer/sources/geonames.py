"""A GeoNames export dump (``SY.txt``, ``SY.zip``, ``cities500.txt``, ``allCountries.txt``) as a source.

The file is in GeoNames' official 19-column tab-separated format, without header::

    geonameid  name  asciiname  alternatenames  latitude  longitude  feature class  feature code
    country code  cc2  admin1 code  admin2 code  admin3 code  admin4 code  population  elevation
    dem  timezone  modification date

It is streamed line by line and filtered by country code (a world dump is never loaded whole).
The GeoNames admin1 code becomes the OCHA P-code (:data:`gazetteer.governorates.GEONAMES_ADM1`)
and the feature code a :data:`~gazetteer.types.KINDS` kind (see :func:`kind_for`).

Install the Syrian dump from https://download.geonames.org/export/dump/SY.zip (CC BY 4.0,
"GeoNames") as ``<data dir>/geonames/SY.zip`` (or unzipped as ``SY.txt``), where the data dir is
:func:`gazetteer.settings.data_dir` (``$CONFLICTMAP_DATA_DIR`` overrides it).
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar, TextIO

from gazetteer import settings
from gazetteer.errors import DataError, SourceError
from gazetteer.governorates import GEONAMES_ADM1
from gazetteer.sources.base import Source
from gazetteer.types import Place, PlaceKind

__all__ = ["COLUMNS", "GeonamesSource", "default_path", "kind_for"]

#: The 19 columns of a GeoNames ``geoname`` dump, in order.
COLUMNS: tuple[str, ...] = (
    "geonameid",
    "name",
    "asciiname",
    "alternatenames",
    "latitude",
    "longitude",
    "feature_class",
    "feature_code",
    "country_code",
    "cc2",
    "admin1_code",
    "admin2_code",
    "admin3_code",
    "admin4_code",
    "population",
    "elevation",
    "dem",
    "timezone",
    "modification_date",
)

_CITY_POPULATION = 50_000  # the thresholds of the embedded source, so both agree on a place's kind
_TOWN_POPULATION = 3_000
_TABS = len(COLUMNS) - 1
_INSTALL_URL = "https://download.geonames.org/export/dump/SY.zip"

_CITIES = frozenset({"PPLC", "PPLA", "PPLG"})
_SEATS = frozenset({"PPLA2", "PPLA3", "PPLA4", "PPLA5"})
_FIXED_KINDS: dict[str, PlaceKind] = {
    "PPLX": PlaceKind.NEIGHBOURHOOD,
    "PPLCH": PlaceKind.OTHER,
    "ADM1": PlaceKind.GOVERNORATE,
    "ADM2": PlaceKind.DISTRICT,
    "ADM3": PlaceKind.SUBDISTRICT,
    "PCLI": PlaceKind.COUNTRY,
    "AIRB": PlaceKind.MILITARY_SITE,
    "AIRF": PlaceKind.MILITARY_SITE,
    "MILB": PlaceKind.MILITARY_SITE,
    "INSM": PlaceKind.MILITARY_SITE,
    "CMP": PlaceKind.CAMP,
    "CMPQ": PlaceKind.CAMP,
    "CMPRF": PlaceKind.CAMP,
    "HLL": PlaceKind.OTHER,
    "HLLS": PlaceKind.OTHER,
    "RD": PlaceKind.ROAD,
    "ST": PlaceKind.ROAD,
}
_CLASS_KINDS: dict[str, PlaceKind] = {"T": PlaceKind.REGION, "L": PlaceKind.REGION}


def default_path() -> Path:
    """Return the installed Syrian dump: ``<data dir>/geonames/SY.txt``, else ``SY.zip``.

    Returns
    -------
    Path
        The ``.txt`` when it exists, else the ``.zip`` (which may not exist either).
    """
    base = settings.data_dir() / "geonames"
    txt = base / "SY.txt"
    return txt if txt.is_file() else base / "SY.zip"


def kind_for(feature_class: str, feature_code: str, population: int) -> PlaceKind:
    """Map a GeoNames feature class/code (and population) to a gazetteer kind.

    Parameters
    ----------
    feature_class
        One letter: ``P`` populated place, ``A`` administrative, ``S`` spot, ``L`` area, ``T`` relief ...
    feature_code
        ``PPLC``, ``PPLA2``, ``PPL``, ``PPLX``, ``ADM2``, ``AIRB``, ``CMPRF``, ``MT``, ``HLL`` ...
    population
        0 when unknown.

    Returns
    -------
    PlaceKind
        A :class:`~gazetteer.types.PlaceKind`: capitals and governorate seats are cities, other
        seats towns unless their population makes them a city, plain populated places a city,
        town or village by population; relief and areas are regions (hills ``other``).

    Examples
    --------
    >>> [str(k) for k in (kind_for("P", "PPLA2", 30_000), kind_for("P", "PPL", 0), kind_for("S", "AIRB", 0))]
    ['town', 'village', 'military site']
    """
    if feature_code in _FIXED_KINDS:
        return _FIXED_KINDS[feature_code]
    if feature_code in _CITIES:
        return PlaceKind.CITY
    if feature_code in _SEATS:
        return PlaceKind.CITY if population >= _CITY_POPULATION else PlaceKind.TOWN
    if feature_class == "P":
        if population >= _CITY_POPULATION:
            return PlaceKind.CITY
        return PlaceKind.TOWN if population >= _TOWN_POPULATION else PlaceKind.VILLAGE
    return _CLASS_KINDS.get(feature_class, PlaceKind.OTHER)


def _is_code(name: str) -> bool:
    """True for airport/IATA-like codes among GeoNames alternate names ("ALP", "LTK")."""
    return len(name) <= 4 and name.isascii() and name.isupper()


class GeonamesSource(Source):
    """Places read from a GeoNames dump, one country's rows.

    Parameters
    ----------
    path
        A ``.txt`` dump or a ``.zip`` holding one (``SY.zip`` -> ``SY.txt``). ``None`` uses
        :func:`default_path`.
    country
        ISO code of the rows to keep (``None`` keeps every row).
    feature_classes
        GeoNames feature classes to keep (default: populated places, administrative units,
        spots, areas and relief; hydrography, roads, vegetation and undersea are left out).

    Raises
    ------
    SourceError
        From the constructor, when no path is given and no dump is installed (the message
        names the expected path and where to download the file), or when ``path`` does not exist.
    DataError
        From :meth:`places`, on a line that is not a GeoNames record (wrong number of fields,
        bad id or coordinates); the message names the file and the line number.
    """

    name: ClassVar[str] = "geonames"

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        country: str | None = "SY",
        feature_classes: Iterable[str] = ("P", "A", "S", "L", "T"),
    ) -> None:
        if path is None:
            resolved = default_path()
            if not resolved.is_file():
                txt = resolved.with_suffix(".txt")
                msg = (
                    f"no GeoNames dump installed: expected {txt} or {resolved}; download {_INSTALL_URL} "
                    f"(CC BY 4.0, GeoNames) into {resolved.parent}, or pass path= / set CONFLICTMAP_DATA_DIR"
                )
                raise SourceError(msg)
        else:
            resolved = Path(path)
            if not resolved.is_file():
                raise SourceError(f"GeoNames dump {resolved} does not exist or is not a file")
        if country is not None and (not isinstance(country, str) or len(country.strip()) != 2):
            raise SourceError(f"expected a two-letter country code, instead got: {country!r}")
        self.path = resolved
        self.country = country.strip().upper() if country is not None else None
        self.feature_classes = frozenset(feature_classes)

    def fingerprint(self) -> tuple[object, ...]:
        """The dump file (path, size, mtime) and the filters: places are cached under it."""
        from gazetteer._source_cache import file_fingerprint

        return (file_fingerprint(self.path), self.country, tuple(sorted(self.feature_classes)))

    def places(self) -> Iterable[Place]:
        """Read the dump and return the kept places (all or nothing: a bad line raises)."""
        return list(self._iter_places())

    def _iter_places(self) -> Iterator[Place]:
        needle = f"\t{self.country}\t" if self.country else None
        with self._open() as (fh, label):
            for number, line in enumerate(fh, start=1):
                if line.count("\t") != _TABS:  # checked on every line: C-speed, even on a world dump
                    if not line.strip() or line.startswith("#"):
                        continue
                    found = line.count("\t") + 1
                    msg = f"{label}: line {number}: expected {len(COLUMNS)} tab-separated fields, found {found}"
                    raise DataError(msg)
                if needle is not None and needle not in line:
                    continue  # cheap pre-filter: most lines of a world dump are other countries
                row = dict(zip(COLUMNS, line.rstrip("\r\n").split("\t"), strict=True))  # tabs counted above
                if self.country is not None and row["country_code"] != self.country:
                    continue
                if row["feature_class"] not in self.feature_classes:
                    continue
                yield self._place(row, label, number)

    @contextmanager
    def _open(self) -> Iterator[tuple[TextIO, str]]:
        """Yield a text stream over the dump (the ``.txt`` member of a zip) and a label for messages."""
        path = self.path
        try:
            if zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as zf:
                    member = self._member(zf)
                    with zf.open(member) as raw, io.TextIOWrapper(raw, encoding="utf-8") as fh:
                        yield fh, f"{path}!{member}"
            else:
                with path.open(encoding="utf-8") as fh:
                    yield fh, str(path)
        except (OSError, UnicodeDecodeError, zipfile.BadZipFile) as exc:
            raise DataError(f"cannot read GeoNames dump {path}: {exc}") from exc

    def _member(self, zf: zipfile.ZipFile) -> str:
        names = [n for n in zf.namelist() if n.lower().endswith(".txt") and Path(n).name.lower() != "readme.txt"]
        wanted = f"{self.path.stem}.txt".lower()
        for n in names:
            if Path(n).name.lower() == wanted:
                return n
        if len(names) == 1:
            return names[0]
        raise DataError(f"GeoNames zip {self.path}: expected {wanted} inside, found {zf.namelist()!r}")

    def _place(self, row: dict[str, str], label: str, number: int) -> Place:
        where = f"{label}: line {number}"
        ident = row["geonameid"].strip()
        if not ident.isdigit():
            raise DataError(f"{where}: bad geonameid {ident!r}")
        name = row["name"].strip()
        if not name:
            raise DataError(f"{where}: empty name for geonameid {ident}")
        try:
            lat, lon = float(row["latitude"]), float(row["longitude"])
        except ValueError as exc:
            msg = f"{where}: bad coordinates latitude={row['latitude']!r} longitude={row['longitude']!r}"
            raise DataError(msg) from exc
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
            raise DataError(f"{where}: coordinates out of range: {lat}, {lon}")
        population = _population(row["population"])
        adm1 = GEONAMES_ADM1.get(row["admin1_code"].strip()) if row["country_code"] == "SY" else None
        alternates = [a for a in row["alternatenames"].split(",") if a.strip() and not _is_code(a.strip())]
        names = [name, row["asciiname"], *alternates]
        return Place(
            id=f"geonames:{ident}",
            name=name,
            lat=lat,
            lon=lon,
            kind=kind_for(row["feature_class"], row["feature_code"], population),
            adm1_pcode=adm1[0] if adm1 else None,
            names=tuple(dict.fromkeys(n.strip() for n in names if n and n.strip())),
            source=self.name,
            population=population,
            raw=row,
        )


def _population(cell: str) -> int:
    """GeoNames quirks: population may be empty, or (rarely) a float or negative: treat as unknown."""
    try:
        value = int(float(cell)) if cell.strip() else 0
    except ValueError:
        return 0
    return value if value > 0 else 0
