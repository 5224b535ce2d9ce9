"""Tables handed to GDAL as Arrow columns: what the GeoPackage writer (:mod:`geo.write.gpkg`) writes with.

pyogrio's Arrow writer (:func:`pyogrio.raw.write_arrow`) gives GDAL whole columns, so no Python
work is done per cell; the columns are built with arro3 (a small Arrow library: pyarrow is not
needed, and pandas keeps its own string storage). The OGR field types are those the numpy arrays of
:func:`field_array` says: booleans, 32- or 64-bit integers, reals, strings, days (GPKG ``DATE``) and
milliseconds (``DATETIME``); masked cells and NaT are nulls.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["arrow_array", "arrow_table", "field_array", "no_sync", "sync_file", "write_arrow", "write_raw"]


def write_arrow(path: str, table: Any, **options: Any) -> None:
    """Write (or append) an Arrow table as a GeoPackage layer (``options``: those of pyogrio's ``write_arrow``)."""
    from pyogrio.raw import write_arrow as ogr_write_arrow

    ogr_write_arrow(table, path, driver="GPKG", **options)


def write_raw(path: str, geometry: Any, arrays: dict[str, tuple[Any, Any]], **options: Any) -> None:
    """Write (or append) numpy columns (``name -> (values, null mask or None)``) with pyogrio's cell-by-cell writer."""
    from pyogrio.raw import write

    write(path, geometry, [a for a, _ in arrays.values()], list(arrays), field_mask=[m for _, m in arrays.values()],
          driver="GPKG", **options)  # fmt: skip


def arrow_table(data: dict[str, Any]) -> Any:
    """Named Arrow arrays (:func:`arrow_array`) as one table."""
    import arro3.core as arrow

    return arrow.Table.from_pydict(data)


def arrow_array(values: Any, mask: Any, *, binary: bool = False) -> Any:
    """The Arrow array of a numpy column (``mask``: its nulls, or None); ``binary``: bytes (the WKB geometry)."""
    import arro3.core as arrow
    import numpy as np

    types = arrow.DataType
    kind = values.dtype.kind
    if kind in "mM":  # days or milliseconds since 1970, NaT as null
        nat = np.isnat(values).tolist()
        ticks = [None if n else t for t, n in zip(values.view("int64").tolist(), nat, strict=True)]
        day = np.datetime_data(values.dtype)[0] == "D"
        return arrow.Array(ticks, types.int64()).cast(types.date32() if day else types.timestamp("ms"))
    items = values.tolist()
    if mask is not None:
        items = [None if m else v for v, m in zip(items, mask.tolist(), strict=True)]
    if kind == "i":
        dtype = types.int32() if values.dtype.itemsize == 4 else types.int64()
    elif binary:
        dtype = types.binary()
    else:
        dtype = {"b": types.bool(), "f": types.float64(), "O": types.string()}[kind]
    return arrow.Array(items, dtype)


@contextlib.contextmanager
def no_sync() -> Iterator[None]:
    """GDAL's SQLite without an fsync at every transaction (the finished file is synced once:
    :func:`sync_file`); the previous setting is restored after."""
    import pyogrio

    before = pyogrio.get_gdal_config_option("OGR_SQLITE_SYNCHRONOUS")
    pyogrio.set_gdal_config_options({"OGR_SQLITE_SYNCHRONOUS": "OFF"})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_SQLITE_SYNCHRONOUS": before})


def sync_file(path: str | Path) -> None:
    """Flush a finished file to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def field_array(series: pd.Series) -> tuple[Any, Any]:
    """Return (numpy array, null mask or None) with the dtype that gives the right OGR type."""
    import numpy as np
    from pandas.api import types as pdt

    isna = series.isna().to_numpy()
    mask = isna if isna.any() else None
    dtype = series.dtype
    if pdt.is_bool_dtype(dtype):
        return series.fillna(False).to_numpy(dtype=bool), mask
    if pdt.is_integer_dtype(dtype):
        vals = series.fillna(0).to_numpy(dtype="int64")
        small = vals.size == 0 or (vals.min() >= -(2**31) and vals.max() < 2**31)
        return vals.astype("int32" if small else "int64"), mask
    if pdt.is_float_dtype(dtype):
        return series.to_numpy(dtype="float64", na_value=np.nan), None
    if pdt.is_datetime64_any_dtype(dtype):
        s = series.dt.tz_convert("UTC").dt.tz_localize(None) if getattr(dtype, "tz", None) else series
        s = s.astype("datetime64[ns]")
        if (s.dropna() == s.dropna().dt.normalize()).all():
            return s.to_numpy().astype("datetime64[D]"), None  # GPKG DATE; NaT -> NULL
        return s.to_numpy().astype("datetime64[ms]"), None
    return _object_array(series, isna, mask)


def _object_array(series: pd.Series, isna: Any, mask: Any) -> tuple[Any, Any]:
    """Strings, dates, booleans or other values of an object or string column: the array for OGR."""
    import datetime as dt
    import json

    import numpy as np
    import pandas as pd

    if isinstance(series.dtype, pd.StringDtype):  # strings or missing: the loop below would give the same, slowly
        strings = series.to_numpy(dtype=object, copy=True)  # never the column's own storage
        strings[isna] = None
        return strings, None
    values = series.tolist()
    present = [v for v, missing in zip(values, isna, strict=True) if not missing]
    if present and all(isinstance(v, dt.date) and not isinstance(v, dt.datetime) for v in present):
        nat = np.datetime64("NaT", "D")
        return np.array([nat if m else np.datetime64(v, "D") for v, m in zip(values, isna, strict=True)]), None
    if present and all(isinstance(v, bool | np.bool_) for v in present):
        return np.array([False if m else bool(v) for v, m in zip(values, isna, strict=True)]), mask
    out = np.empty(len(values), dtype=object)
    for i, (v, missing) in enumerate(zip(values, isna, strict=True)):
        if missing:
            out[i] = None
        elif isinstance(v, str):
            out[i] = v
        elif isinstance(v, list | dict | tuple):
            out[i] = json.dumps(v, ensure_ascii=False, default=str)
        else:
            out[i] = str(v)
    return out, None
