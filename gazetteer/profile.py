"""The country a run is about, as data: ISO code, metric CRS, bounds, country point, ADM1 table.

Country specifics live in ``gazetteer/data/profiles/<CODE>.json`` (Syria, ``SY.json``, is the
default); code reads them through :func:`active`, never as literals. Another country is one more
profile file (plus its gazetteer data and boundaries), not a code change: set
:data:`gazetteer.settings.country` to its code or to the path of a profile file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from gazetteer import settings
from gazetteer.errors import InputError

__all__ = ["CountryProfile", "active", "load_profile"]


@dataclass(frozen=True, slots=True)
class CountryProfile:
    """What the code needs to know about the country of the dispatches."""

    #: ISO 3166-1 alpha-2 code (GeoNames ``country code``, OCHA ``ADM0_PCODE``).
    code: str
    iso3: str
    name: str
    name_fr: str
    #: A projected CRS in metres over the country (areas, distances, Voronoi cells).
    metric_crs: str
    #: (south, west, north, east) in degrees: the map view when nothing else gives bounds.
    bounds: tuple[float, float, float, float]
    #: (lat, lon) of the country as a whole, the point of a mention of the country itself.
    point: tuple[float, float]
    #: (lat, lon) the map opens on.
    map_centre: tuple[float, float]
    #: ADM1 table (P-codes, English and French names) under ``gazetteer/data``.
    adm1_table: str
    #: ADM1 polygons shipped under ``geo/data`` (the join's fallback when OCHA is not installed).
    adm1_boundaries: str
    #: Neighbouring countries' outlines under ``geo/data`` (the offline basemap).
    neighbours: str
    #: Every name of the country a text may use (optional in the file; default ``name``, ``name_fr``).
    names: tuple[str, ...] = ()
    #: Main rivers under ``geo/data`` for the offline basemap (optional in the file; ``""``: none).
    rivers: str = ""

    @property
    def lat_lon_box(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """((south, west), (north, east)), as Leaflet's ``fitBounds`` takes it."""
        s, w, n, e = self.bounds
        return (s, w), (n, e)


def load_profile(code_or_path: str | Path) -> CountryProfile:
    """Read a profile: a code of ``gazetteer/data/profiles`` (``"SY"``) or a JSON file's path.

    Raises
    ------
    InputError
        No such profile, or the file lacks a field (the message names the file and field).
    """
    text, where = _profile_text(code_or_path)
    try:
        raw = json.loads(text)
        return CountryProfile(
            code=str(raw["code"]), iso3=str(raw["iso3"]), name=str(raw["name"]), name_fr=str(raw["name_fr"]),
            metric_crs=str(raw["metric_crs"]),
            bounds=_box(raw["bounds"]), point=_pair(raw["point"]), map_centre=_pair(raw["map_centre"]),
            adm1_table=str(raw["adm1_table"]), adm1_boundaries=str(raw["adm1_boundaries"]),
            neighbours=str(raw["neighbours"]),
            names=tuple(str(n) for n in raw.get("names") or (raw["name"], raw["name_fr"])),
            rivers=str(raw.get("rivers") or ""),
        )  # fmt: skip
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not JSON ({exc})") from None
    except KeyError as exc:
        raise InputError(f"{where}: the profile has no field {exc}") from None
    except (TypeError, ValueError) as exc:
        raise InputError(f"{where}: {exc}") from None


def active() -> CountryProfile:
    """The profile named by :data:`gazetteer.settings.country` (read once per value)."""
    return _cached(str(settings.country))


@lru_cache(maxsize=4)
def _cached(code_or_path: str) -> CountryProfile:
    return load_profile(code_or_path)


def _profile_text(code_or_path: str | Path) -> tuple[str, str]:
    path = Path(code_or_path)
    if path.suffix == ".json":
        try:
            return path.read_text(encoding="utf-8"), str(path)
        except OSError as exc:
            raise InputError(f"{path}: cannot read the country profile ({exc.strerror})") from None
    res = resources.files("gazetteer") / "data" / "profiles" / f"{str(code_or_path).upper()}.json"
    if not res.is_file():
        raise InputError(f"no country profile {code_or_path!r} (gazetteer/data/profiles/<CODE>.json or a .json path)")
    return res.read_text(encoding="utf-8"), f"gazetteer/data/profiles/{res.name}"


def _floats(value: object, n: int) -> list[float]:
    if not isinstance(value, list) or len(value) != n:
        raise ValueError(f"expected a list of {n} numbers, got {value!r}")
    return [float(v) for v in value]


def _pair(value: object) -> tuple[float, float]:
    a, b = _floats(value, 2)
    return a, b


def _box(value: object) -> tuple[float, float, float, float]:
    s, w, n, e = _floats(value, 4)
    return s, w, n, e
