"""Compact JSON for the map page: the same values in fewer bytes, unpacked by ``cm.unpack`` (cm-map.js).

GeoJSON feature collections and snapshot lists repeat every property name per feature, most
string values (controllers, statuses, places) and write coordinates as decimal text. :func:`pack`
rewrites a JSON value losslessly (coordinates to 1e-5 degree, as written today) into:

* ``{"$o": [keys], "$c": [column, ...]}``: a list of objects that all have the same keys, as columns;
* ``{"$d": [distinct values], "$i": [indexes]}``: a column of strings (or nulls) with repeats;
* ``{"$p": [x0, y0, dx1, dy1, ...]}``: a list of ``[x, y]`` pairs as integer deltas at 1e-5;
* anything else as it is, recursively (object keys never start with ``$`` in our data; checked).

:func:`packed_script` returns a JavaScript expression (``cm.unpack(...)``) for a page template, so
a template line ``var data = {{ this.data_json }};`` keeps working when its Python side swaps
:func:`geo.render.html.script_json` for :func:`packed_script`. :func:`unpack` is the Python inverse.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

__all__ = ["COORD_SCALE", "Pairs", "Prepacked", "pack", "pack_columns", "packed_script", "unpack"]

#: Coordinates in ``$p`` blocks are integers: degrees times this (1e-5 degree is about 1 m).
COORD_SCALE = 100_000


def _is_coord(c: Any) -> bool:
    return isinstance(c, int | float) and not isinstance(c, bool) and math.isfinite(c)


def _is_pairs(value: list[Any]) -> bool:
    """True for two or more ``[x, y]`` pairs of finite numbers (one loop, floats checked first: it is called a lot)."""
    if len(value) < 2:
        return False
    isfinite = math.isfinite
    for p in value:
        if not isinstance(p, list | tuple) or len(p) != 2:
            return False
        x, y = p
        if not ((type(x) is float and isfinite(x)) or _is_coord(x)) or \
                not ((type(y) is float and isfinite(y)) or _is_coord(y)):
            return False
    return True


def _pack_pairs(value: Iterable[Sequence[float]]) -> dict[str, list[int]]:
    out: list[int] = []
    px = py = 0
    for x, y in value:
        ix, iy = round(x * COORD_SCALE), round(y * COORD_SCALE)
        out += (ix - px, iy - py)
        px, py = ix, iy
    return {"$p": out}


def _pack_column(values: list[Any]) -> Any:
    from geo.render.pagestream import SpooledText

    if isinstance(values, SpooledText):  # a column serialised already, as it packs (a plain list)
        return values
    if len(values) >= 4 and all(v is None or isinstance(v, str) for v in values):
        distinct = list(dict.fromkeys(values))
        if len(distinct) * 2 <= len(values):
            where = {v: i for i, v in enumerate(distinct)}
            return {"$d": distinct, "$i": [where[v] for v in values]}
    return pack(values)


def pack(value: Any) -> Any:
    """The packed form of a JSON value (see the module docstring); :func:`unpack` restores it."""
    if isinstance(value, Packed | Prepacked):  # a list of objects given as columns, or a value, packed already
        return value.packed
    if isinstance(value, dict):
        if any(isinstance(k, str) and k.startswith("$") for k in value):
            raise ValueError("pack: object keys starting with '$' are reserved")
        return {k: pack(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        items = list(value)
        if _is_pairs(items):
            return _pack_pairs(items)
        if len(items) >= 2 and all(isinstance(v, dict) for v in items):
            keys = list(items[0])
            if all(list(v) == keys for v in items) and not any(k.startswith("$") for k in keys):
                return {"$o": keys, "$c": [_pack_column([v[k] for v in items]) for k in keys]}
        return [pack(v) for v in items]
    return value


def pack_columns(columns: Mapping[str, list[Any] | Packed | Pairs]) -> Any:
    """``pack`` of the list of objects whose columns are ``columns`` (same lengths), without making the objects.

    A column may itself be the result of :func:`pack_columns` wrapped as :class:`Packed` (nested objects,
    such as GeoJSON geometries). The result is what :func:`pack` gives for the list of objects.
    """
    keys = list(columns)
    n = len(next(iter(columns.values()))) if columns else 0
    if n < 2 or any(k.startswith("$") for k in keys):
        return pack(_rows(columns))
    packed = [c.packed if isinstance(c, Packed | Pairs) else _pack_column(c) for c in columns.values()]
    return {"$o": keys, "$c": packed}


class Prepacked:
    """A value packed already (:func:`pack` of it, made early so that the value itself need not be kept):
    :func:`pack` takes it as that value."""

    def __init__(self, value: Any) -> None:
        self.packed = pack(value)


class Pairs:
    """A column of ``[x, y]`` points (rounded to 6 decimals, as GeoJSON points are written) given as two lists:
    :attr:`packed` is what :func:`pack_columns` makes of the pairs, without making them."""

    def __init__(self, xs: list[float], ys: list[float]) -> None:
        self.xs, self.ys = xs, ys

    def __len__(self) -> int:
        return len(self.xs)

    def __iter__(self) -> Iterator[list[float]]:
        return ([round(x, 6), round(y, 6)] for x, y in zip(self.xs, self.ys, strict=True))

    @property
    def packed(self) -> Any:
        """``{"$p": deltas}`` (:func:`_pack_pairs`) when there are two points or more, all finite; else the pairs."""
        isfinite = math.isfinite
        if len(self.xs) >= 2 and all(isfinite(x) and isfinite(y) for x, y in zip(self.xs, self.ys, strict=True)):
            return _pack_pairs(self)
        return list(self)


class Packed:
    """A list of objects given as columns, packed once by :func:`pack_columns`: :func:`pack` takes it as that
    list (a value of a larger structure, or a column of nested objects)."""

    def __init__(self, columns: Mapping[str, list[Any] | Packed | Pairs]) -> None:
        self.columns = columns
        self.packed = pack_columns(columns)

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()))) if self.columns else 0

    def rows(self) -> list[dict[str, Any]]:
        """The objects themselves."""
        return _rows(self.columns)


def _rows(columns: Mapping[str, list[Any] | Packed | Pairs]) -> list[dict[str, Any]]:
    """The objects whose columns are ``columns`` (nested :class:`Packed` columns made objects too)."""
    keys = list(columns)
    plain = (c.rows() if isinstance(c, Packed) else list(c) for c in columns.values())
    return [dict(zip(keys, row, strict=True)) for row in zip(*plain, strict=True)]


def unpack(value: Any) -> Any:
    """The inverse of :func:`pack` (coordinates come back rounded to 1e-5)."""
    if isinstance(value, list):
        return [unpack(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "$p" in value:
        flat, out, x, y = value["$p"], [], 0, 0
        for i in range(0, len(flat), 2):
            x, y = x + flat[i], y + flat[i + 1]
            out.append([x / COORD_SCALE, y / COORD_SCALE])
        return out
    if "$d" in value:
        return [value["$d"][i] for i in value["$i"]]
    if "$o" in value:
        columns = [unpack(c) for c in value["$c"]]
        return [dict(zip(value["$o"], row, strict=True)) for row in zip(*columns, strict=True)]
    return {k: unpack(v) for k, v in value.items()}


def packed_script(value: Any) -> str:
    """A JavaScript expression for ``value``: ``cm.unpack(<packed JSON>)``, safe inside ``<script>``."""
    from geo.render.html import script_json

    return f"cm.unpack({script_json(pack(value))})"
