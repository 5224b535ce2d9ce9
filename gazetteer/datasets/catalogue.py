"""What ``conflictmap data download`` fetches: upstream URLs, licences and attributions.

``--mirror URL`` keeps each URL's path and replaces its scheme and host, so a mirror (or the
tests' server on 127.0.0.1) serves the same paths. The GeoNames URL is the documented export
dump. The OCHA COD-AB files are those HDX publishes for dataset ``cod-ab-syr`` (2020 edition for
ADM0-ADM2 in GeoJSON, the 2016 TopoJSON for ADM3 subdistricts, which the 2020 edition does not
publish as GeoJSON). The places group is UCDP GED 19.1 (CSV, every country; its Syrian events
with an exact location become a list of localities). HDX resource paths change when OCHA
republishes and could not be checked offline: when a URL fails, download the files by hand and
use ``conflictmap data import``, or serve them from a ``--mirror``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from gazetteer.errors import InputError

__all__ = ["GROUPS", "LICENCES", "Remote", "remotes", "with_mirror"]

#: ``--only`` choices.
GROUPS: tuple[str, ...] = ("geonames", "boundaries", "places")

#: Licence and attribution per data family (shown by ``data info``, in map and GeoPackage metadata).
LICENCES: dict[str, tuple[str, str]] = {
    "geonames": ("CC BY 4.0", "GeoNames (geonames.org)"),
    "ocha": ("CC BY-IGO", "UNCS / UN OCHA, via HDX"),
    "ucdp": ("CC BY 4.0", "UCDP GED (Sundberg & Melander 2013; Högbladh 2019)"),
    "user": ("as given by its owner", "your own place list"),
}

#: HDX dataset page of the Syria COD-AB. The files are served below it; the exact resource paths
#: could not be checked from the offline machine this was written on (see the module docstring).
_HDX = "https://data.humdata.org/dataset/cod-ab-syr/resource_download"


@dataclass(frozen=True)
class Remote:
    """One file to download."""

    group: str  #: ``geonames``, ``boundaries`` or ``places``
    url: str
    family: str  #: key of :data:`LICENCES`
    sha256: str | None = None  #: known checksum when the upstream file is frozen

    @property
    def filename(self) -> str:
        return urlsplit(self.url).path.rsplit("/", 1)[-1]


def remotes(country: str = "SY", only: str | None = None) -> list[Remote]:
    """Return the files to download for ``country`` (``only`` limits to one group).

    Raises
    ------
    InputError
        On a bad country code or group, or boundaries/places asked for another country than SY.
    """
    code = (country or "").strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise InputError(f"expected a two-letter country code, instead got: {country!r}")
    if only is not None and only not in GROUPS:
        raise InputError(f"unknown data group {only!r}; expected one of {', '.join(GROUPS)}")
    out = [Remote("geonames", f"https://download.geonames.org/export/dump/{code}.zip", "geonames")]
    if code == "SY":
        out += [
            Remote("boundaries", f"{_HDX}/syr_admbnda_adm1_uncs_unocha.json", "ocha"),
            Remote("boundaries", f"{_HDX}/syr_admbnda_adm2_uncs_unocha.json", "ocha"),
            Remote("boundaries", f"{_HDX}/syr_admin_json_190321.json", "ocha"),
            Remote("places", "https://ucdp.uu.se/downloads/ged/ged191-csv.zip", "ucdp"),
        ]  # fmt: skip
    elif only in ("boundaries", "places"):
        raise InputError(f"--only {only} is available for SY only (OCHA COD-AB Syria, UCDP GED Syria), not {code}")
    return [r for r in out if only is None or r.group == only]


def with_mirror(url: str, mirror: str | None) -> str:
    """Replace the scheme and host of ``url`` by those of ``mirror`` (its path prefix is kept).

    >>> with_mirror("https://download.geonames.org/export/dump/SY.zip", "http://127.0.0.1:8000/m")
    'http://127.0.0.1:8000/m/export/dump/SY.zip'
    """
    if not mirror:
        return url
    m = urlsplit(mirror)
    if m.scheme not in ("http", "https") or not m.netloc:
        raise InputError(f"expected --mirror as http(s)://host[:port][/prefix], instead got: {mirror!r}")
    u = urlsplit(url)
    return urlunsplit((m.scheme, m.netloc, m.path.rstrip("/") + u.path, u.query, ""))
