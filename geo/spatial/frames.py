"""Documents to GeoDataFrames: one row per event, mention or front observation.

Every field of the record dataclass becomes a column, plus ``doc_id``, ``doc_date`` and
``doc_date_precision``; three fields whose names are SQL keywords are renamed (``start`` ->
``char_start``, ``end`` -> ``char_end``, ``when`` -> ``when_text``: see :data:`RENAMES`). Rows
without coordinates stay in the table with a None geometry (the GeoPackage writer moves them to
a non-spatial ``<layer>_unlocated`` table).

Dates: ``date`` and ``doc_date`` are ``datetime64`` at the *start* of their period ("2019-05"
with precision ``month`` becomes 2019-05-01); ``date_end`` is the last day of the period
(the same day for ``day`` precision), so a month-precise event spans the month. The precision
columns say how to read them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from gazetteer.errors import InputError
from geo.model import Document, Event, FrontObservation, Mention
from geo.period import Period
from geo.vocab import DatePrecision

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd
    import pandas as pd

__all__ = ["LAYERS", "RENAMES", "doc_rows", "frame_from_rows", "parse_period", "record_columns", "to_geodataframe"]

#: Layer name -> record class.
LAYERS: dict[str, type] = {
    "events": Event,
    "mentions": Mention,
    "front_observations": FrontObservation,
}

_INT_FIELDS = {"killed", "children_killed", "injured", "displaced", "geo_precision", "start", "end"}
#: Fields renamed because their names are SQL keywords (awkward in QGIS filters and ogr SQL).
RENAMES: dict[str, str] = {"start": "char_start", "end": "char_end", "when": "when_text"}
_FLOAT_FIELDS = {"lat", "lon", "score", "distance_km"}
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def to_geodataframe(docs: Iterable[Document], *, layer: str = "events") -> gpd.GeoDataFrame:
    """Flatten the records of ``docs`` into a GeoDataFrame of points (EPSG:4326).

    Parameters
    ----------
    docs : iterable of Document
        Extracted documents.
    layer : {"events", "mentions", "front_observations"}
        Which records to flatten.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per record: every dataclass field, ``doc_id``, ``doc_date`` (datetime64),
        ``date_end`` when the record has a date; counts as nullable ``Int64``, flags as ``bool``,
        ``lat``/``lon`` as float; geometry is a Point, or None without coordinates.

    Raises
    ------
    InputError
        If ``layer`` is not one of :data:`LAYERS`.
    """
    cls = _layer_class(layer)
    fields = [f.name for f in dataclasses.fields(cls)]
    rows: list[list[Any]] = []
    for doc in docs:
        records = ([getattr(rec, name) for name in fields] for rec in getattr(doc, layer))
        rows += doc_rows(records, fields, doc.id, doc.date, doc.date_precision)
    return frame_from_rows(rows, layer=layer)


def _layer_class(layer: str) -> type:
    cls = LAYERS.get(layer)
    if cls is None:
        raise InputError(f"unknown layer {layer!r}; expected one of {sorted(LAYERS)}")
    return cls


def record_columns(layer: str) -> list[str]:
    """Columns of :func:`frame_from_rows`' rows: the fields, ``doc_id``, ``doc_date``, ``doc_date_precision``."""
    fields = [f.name for f in dataclasses.fields(_layer_class(layer))]
    return list(dict.fromkeys([*fields, "doc_id", "doc_date", "doc_date_precision"]))


def doc_rows(
    rows: Iterable[list[Any]], fields: Sequence[str], doc_id: str, date: Any, precision: Any
) -> list[list[Any]]:
    """A document's records (field values in ``fields`` order) completed to :func:`record_columns`' rows:
    the document's id (where a record has none of its own), date and date precision."""
    if "doc_id" not in fields:
        tail = [doc_id, date, precision]
        return [row + tail for row in rows]
    at = fields.index("doc_id")
    out = [[*row, date, precision] for row in rows]
    for row in out:
        if not row[at]:
            row[at] = doc_id
    return out


def frame_from_rows(rows: list[list[Any]], *, layer: str) -> gpd.GeoDataFrame:
    """The GeoDataFrame of :func:`to_geodataframe` from rows of :func:`record_columns` values."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    cls = _layer_class(layer)
    df = pd.DataFrame.from_records(rows, columns=record_columns(layer))
    bools = {f.name for f in dataclasses.fields(cls) if f.type in ("bool", bool)}
    for col in df.columns:
        if col in _INT_FIELDS:
            df[col] = _int_column(df[col], col)
        elif col in _FLOAT_FIELDS:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
        elif col in bools:
            df[col] = df[col].fillna(False).astype(bool)
        elif col not in ("date", "doc_date"):
            df[col] = df[col].astype("str")
    if "date" in df.columns:
        precision = df["date_precision"] if "date_precision" in df.columns else None
        starts, ends = _periods(df["date"], precision)
        df["date"] = starts
        df.insert(list(df.columns).index("date") + 1, "date_end", ends)
    df["doc_date"] = _periods(df["doc_date"], df["doc_date_precision"])[0]

    df = df.rename(columns=RENAMES)
    has_xy = (df["lat"].notna() & df["lon"].notna()).to_numpy()
    xs = df["lon"].to_numpy(dtype="float64", na_value=float("nan"))
    ys = df["lat"].to_numpy(dtype="float64", na_value=float("nan"))
    geoms = gpd.array.from_shapely(np.full(len(df), None, dtype=object), crs="EPSG:4326")
    geoms[has_xy] = gpd.points_from_xy(xs[has_xy], ys[has_xy], crs="EPSG:4326")  # no empty point made per row
    return gpd.GeoDataFrame(df, geometry=geoms, crs="EPSG:4326")


def parse_period(value: str | float | None, precision: str | None = None) -> tuple[Any, Any]:
    """Return the (first day, last day) of a ``YYYY[-MM[-DD]]`` date as pandas Timestamps.

    Parameters
    ----------
    value : str, float or None
        ``"2019-05-14"``, ``"2019-05"`` or ``"2019"`` (anything after the date is ignored); None
        or NaN (a missing cell) gives no period.
    precision : str or None
        ``"day"``, ``"month"`` or ``"year"``; coarser than the string widens the period.
        By default the string's own precision.

    Returns
    -------
    tuple of pandas.Timestamp
        ``(NaT, NaT)`` when the value is missing or not a date.
    """
    import pandas as pd

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return pd.NaT, pd.NaT
    m = _DATE_RE.match(str(value).strip())
    if not m:
        return pd.NaT, pd.NaT
    year, month, day = m.group(1), m.group(2), m.group(3)
    prec = precision if precision in ("day", "month", "year") else None
    if prec is None:
        prec = "day" if day else "month" if month else "year"
    try:
        if prec == "day" and day and month:
            period = Period.day(dt.date(int(year), int(month), int(day)))
        elif prec in ("day", "month") and month:
            period = Period.around(dt.date(int(year), int(month), 1), DatePrecision.MONTH)
        else:
            period = Period.around(dt.date(int(year), 1, 1), DatePrecision.YEAR)
        return pd.Timestamp(period.start), pd.Timestamp(period.end)
    except ValueError:  # month 13, day 32, year 0...
        return pd.NaT, pd.NaT


def _periods(values: pd.Series, precision: pd.Series | None) -> tuple[pd.Series, pd.Series]:
    import numpy as np
    import pandas as pd

    precs = precision.tolist() if precision is not None else [None] * len(values)
    seen: dict[tuple[Any, Any], int] = {}  # dates repeat: parse each (value, precision) once
    given: list[tuple[Any, Any]] = []
    codes = np.empty(len(values), dtype=np.int64)
    for i, (v, p) in enumerate(zip(values.tolist(), precs, strict=True)):
        key = (v if isinstance(v, str) or v is None else repr(v), p if isinstance(p, str) else None)
        if key not in seen:
            seen[key] = len(given)
            given.append((v, key[1]))
        codes[i] = seen[key]
    pairs = [_cached_period(v, p) if isinstance(v, str) or v is None else parse_period(v, p) for v, p in given]
    firsts = pd.DatetimeIndex([a for a, _ in pairs], dtype="datetime64[ns]")
    lasts = pd.DatetimeIndex([b for _, b in pairs], dtype="datetime64[ns]")
    starts = pd.Series(firsts.take(codes), index=values.index, dtype="datetime64[ns]")
    ends = pd.Series(lasts.take(codes), index=values.index, dtype="datetime64[ns]")
    return starts, ends


@functools.lru_cache(maxsize=1 << 16)
def _cached_period(value: str | None, precision: str | None) -> tuple[Any, Any]:
    """:func:`parse_period` of a string, remembered: the same dates come back chunk after chunk."""
    return parse_period(value, precision)


def _int_column(values: pd.Series, column: str) -> Any:
    """A column as nullable ``Int64``: numbers at once (``int`` truncates, as :func:`_to_int`), others cell by cell."""
    import numpy as np
    import pandas as pd

    if values.dtype.kind in "iu":
        return pd.array(values.to_numpy(), dtype="Int64")
    if values.dtype.kind == "f":
        floats = values.to_numpy()
        missing = np.isnan(floats)
        if np.isfinite(floats[~missing]).all():
            ints = np.where(missing, 0, floats).astype("int64")  # toward zero, as int()
            return pd.arrays.IntegerArray(ints, missing)
    return pd.array([_to_int(v, column) for v in values], dtype="Int64")


def _to_int(value: Any, column: str) -> Any:
    import pandas as pd

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return pd.NA
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise InputError(f"column {column!r}: expected an integer, got {value!r}") from exc
