"""Tables handed to GDAL as Arrow columns: what the GeoPackage writer (:mod:`geo.write.gpkg`) writes with.

pyogrio's Arrow writer (:func:`pyogrio.raw.write_arrow`) gives GDAL whole columns, so no Python
work is done per cell; the columns are built with arro3 (a small Arrow library: pyarrow is not
needed, and pandas keeps its own string storage). The OGR field types are those the numpy arrays of
``gpkg._field_array`` say: booleans, 32- or 64-bit integers, reals, strings, days (GPKG ``DATE``) and
milliseconds (``DATETIME``); masked cells and NaT are nulls.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["arrow_array", "arrow_table", "no_sync", "sync_file", "write_arrow", "write_raw"]


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
