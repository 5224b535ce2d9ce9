"""The country's first-level units (Syria: 14 governorates, OCHA COD-AB P-codes, English and French names).

Read lazily from the active profile's ADM1 table (:attr:`gazetteer.profile.CountryProfile.adm1_table`
under ``gazetteer/data``; ``governorates.csv`` for Syria); one small helper turns any way of naming
a governorate ("SY07", "Idleb", "Idlib", "province d'Idleb" is *not* accepted) into its P-code.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources

from gazetteer import profile
from gazetteer.errors import DataError
from gazetteer.normalize import normalize, skeleton

__all__ = ["GEONAMES_ADM1", "Governorate", "governorates", "pcode_for"]

#: GeoNames admin1 code -> (OCHA P-code, GeoNames English name).
GEONAMES_ADM1: dict[str, tuple[str, str]] = {
    "01": ("SY08", "Al-Hasakah"),
    "02": ("SY06", "Latakia"),
    "03": ("SY14", "Quneitra"),
    "04": ("SY11", "Ar-Raqqah"),
    "05": ("SY13", "As-Suwayda"),
    "06": ("SY12", "Daraa"),
    "07": ("SY09", "Deir ez-Zor"),
    "08": ("SY03", "Rif-dimashq"),
    "09": ("SY02", "Aleppo"),
    "10": ("SY05", "Hama"),
    "11": ("SY04", "Homs"),
    "12": ("SY07", "Idlib"),
    "13": ("SY01", "Dimashq"),
    "14": ("SY10", "Tartus"),
}


@dataclass(frozen=True, slots=True)
class Governorate:
    """One governorate row: P-code, OCHA English name, French names, a point, its source."""

    pcode: str
    name_en: str
    names_fr: tuple[str, ...]
    lat: float
    lon: float
    source: str

    @property
    def aliases(self) -> tuple[str, ...]:
        """Every name: English (OCHA), GeoNames English, French, English + ``Governorate``."""
        geonames = [n for p, n in GEONAMES_ADM1.values() if p == self.pcode]
        names = [self.name_en, *geonames, *self.names_fr, f"{self.name_en} Governorate"]
        names += [f"{n} Governorate" for n in geonames]
        return tuple(dict.fromkeys(names))


def governorates() -> tuple[Governorate, ...]:
    """Return the governorates of the active profile's ADM1 table, read once per table.

    Raises
    ------
    DataError
        When the table (``governorates.csv``) is malformed (the message names the line).
    """
    return _read_table(profile.active().adm1_table)


@functools.cache
def _read_table(table: str) -> tuple[Governorate, ...]:
    ref = resources.files("gazetteer") / "data" / table
    text = ref.read_text(encoding="utf-8")
    rows = []
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        try:
            rows.append(
                Governorate(
                    pcode=row["pcode"].strip(),
                    name_en=row["name_en"].strip(),
                    names_fr=tuple(n.strip() for n in row["names_fr"].split("|") if n.strip()),
                    lat=float(row["lat"]),
                    lon=float(row["lon"]),
                    source=row["source"],
                )
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            msg = f"{ref}: line {line}: bad governorate row {row!r} ({exc})"
            raise DataError(msg) from exc
    return tuple(rows)


def _lookup() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """(normalized name -> P-code, skeleton -> P-code, P-codes) of the active profile's table."""
    return _lookup_table(profile.active().adm1_table)


@functools.cache
def _lookup_table(table: str) -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    by_norm: dict[str, str] = {}
    by_skel: dict[str, str] = {}
    for gov in _read_table(table):
        by_norm[gov.pcode.lower()] = gov.pcode
        for alias in gov.aliases:
            by_norm.setdefault(normalize(alias), gov.pcode)
            skel = skeleton(alias)
            if len(skel) >= 3:
                by_skel.setdefault(skel, gov.pcode)
    return by_norm, by_skel, frozenset(g.pcode for g in _read_table(table))


def pcode_for(name: str) -> str | None:
    """Return the P-code of a governorate named by P-code, English or French name.

    Parameters
    ----------
    name
        ``"SY07"``, ``"Idleb"``, ``"Idlib"``, ``"Idlib Governorate"``, ``"Lattaquié"`` ...

    Returns
    -------
    str or None
        The OCHA P-code, or ``None`` when no governorate has that name.
    """
    by_norm, by_skel, pcodes = _lookup()
    stripped = name.strip()
    if stripped.upper() in pcodes:
        return stripped.upper()
    key = normalize(stripped)
    if key in by_norm:
        return by_norm[key]
    skel = skeleton(stripped)
    return by_skel.get(skel) if len(skel) >= 3 else None
