"""A user's own table of places (CSV), checked row by row.

Columns: ``name``, ``lat``, ``lon`` (required); ``alternate_names`` (``|``-separated), ``kind``
(one of :data:`gazetteer.types.KINDS`, default ``town``), ``adm1_pcode`` and ``id`` (optional).
Places from this source take priority over the embedded ones when the resolver scores a tie.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from gazetteer.errors import DataError
from gazetteer.sources.base import Source
from gazetteer.types import KINDS, Place, PlaceKind

__all__ = ["CsvSource"]

_REQUIRED = ("name", "lat", "lon")


class CsvSource(Source):
    """Places read from a user's CSV file.

    Parameters
    ----------
    path
        The CSV file (UTF-8, a BOM is accepted).
    default_kind
        Kind of rows whose ``kind`` cell is missing or empty.

    Raises
    ------
    DataError
        From :meth:`places`, when the file cannot be read, a required column is missing, or a
        row is bad (empty name, non-numeric or out-of-range coordinate, unknown kind); the
        message names the file and the line number.
    """

    name: ClassVar[str] = "csv"
    prior: ClassVar[float] = 0.30  # the user's own table wins ties

    def __init__(self, path: str | Path, *, default_kind: str = PlaceKind.TOWN) -> None:
        if default_kind not in KINDS:
            msg = f"unknown default kind {default_kind!r}; expected one of {', '.join(KINDS)}"
            raise DataError(msg)
        self.path = Path(path)
        self.default_kind = default_kind

    def places(self) -> Iterable[Place]:
        """Read and check every row, then return the places (all or nothing)."""
        try:
            text = self.path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            msg = f"cannot read place table {self.path}: {exc}"
            raise DataError(msg) from exc
        reader = csv.DictReader(text.splitlines())
        header = [h.strip() for h in reader.fieldnames or ()]
        reader.fieldnames = header
        missing = [c for c in _REQUIRED if c not in header]
        if missing:
            msg = f"{self.path}: line 1: missing required column(s) {', '.join(missing)}; header is {header!r}"
            raise DataError(msg)
        return [self._place(reader.line_num, row) for row in reader]

    def _place(self, line: int, row: dict[str, str | None]) -> Place:
        where = f"{self.path}: line {line}"
        if None in row:
            raise DataError(f"{where}: more cells than columns")
        name = (row.get("name") or "").strip()
        if not name:
            raise DataError(f"{where}: empty name")
        try:
            lat = float(row.get("lat") or "")
            lon = float(row.get("lon") or "")
        except ValueError as exc:
            msg = f"{where}: bad coordinates lat={row.get('lat')!r} lon={row.get('lon')!r} for {name!r}"
            raise DataError(msg) from exc
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            raise DataError(f"{where}: coordinates out of range lat={lat} lon={lon} for {name!r}")
        kind = (row.get("kind") or "").strip() or self.default_kind
        if kind not in KINDS:
            raise DataError(f"{where}: unknown kind {kind!r} for {name!r}; expected one of {', '.join(KINDS)}")
        alternates = [a.strip() for a in (row.get("alternate_names") or "").split("|") if a.strip()]
        pcode = (row.get("adm1_pcode") or "").strip().upper() or None
        ident = (row.get("id") or "").strip() or str(line)
        return Place(
            id=f"csv:{ident}",
            name=name,
            lat=lat,
            lon=lon,
            kind=kind,
            adm1_pcode=pcode,
            names=tuple(dict.fromkeys([name, *alternates])),
            source=self.name,
            raw={"file": str(self.path), "line": line, **{k: v for k, v in row.items() if k}},
        )
