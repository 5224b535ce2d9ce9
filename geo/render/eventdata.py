"""Events and mentions as compact columnar data for the map page (``cm.setEvents`` in ``static/cm-map.js``).

One JSON object per page: every column is an array with one entry per located event, repeated text
(places, sources, kinds, evidence, popup details) is stored once in ``tables`` and referenced by
index, coordinates are integers (degrees x 10,000, about 11 m), dates are day numbers since
1970-01-01. The browser builds each popup on click from these columns with DOM text nodes, so the
page grows by a few dozen bytes per event plus its evidence sentence (when it is new).

Columns
-------
``lat``, ``lon``   integers, degrees x ``scale``
``day``            day number of the event date (null when undated); ``dp`` its precision (index in ``tables.dp``)
``k``              index in ``tables.kind`` (``[kind, subtype]``)
``a``              colour class: index in ``tables.actor`` / ``tables.colour`` (actor, or new controller of a change)
``n_killed``       killed (null when unknown)
``f``              flags: 1 "at least", 2 approximate toll, 4 cumulative toll or total, 8 control change
``g``              ``geo_precision`` (1 exact, 2 near / part of a region, 3 region; 0 unknown)
``p``              index in ``tables.place`` (``[place, governorate]``)
``e``, ``s``       indexes in ``tables.evidence`` / ``tables.source`` (null when absent)
``x``              index in ``tables.extra``: the other popup rows, ``[label, value]`` pairs

From :data:`PACK_FROM` events on, ``e``, ``s``, ``x`` and their tables travel gzipped in ``z``
(:func:`pack_popups`): the page draws and filters without them and unpacks them for popups.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from geo.values import as_int as _int
from geo.values import flag as _flag
from geo.values import text as _text

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

__all__ = [
    "COLUMN_ORDER",
    "KIND_LABELS",
    "PACK_FROM",
    "POPUP_GZIP_LEVEL",
    "SCALE",
    "TABLE_ORDER",
    "encode_rows",
    "event_columns",
    "mention_columns",
    "new_tables",
    "pack_popups",
    "unpack_popups",
]

#: Coordinates are stored as integers: degrees times this (1e-4 degree is about 11 m).
SCALE = 10_000

#: From this many events the popup-only data is packed (gzip + base64, see :func:`pack_popups`).
PACK_FROM = 1_000

#: The gzip level of the packed popup data: level 9 took twice the time of 6 for a page 3 % smaller
#: (the 20,000-dispatch page's 25 MB of popup JSON: 1.08 s vs 0.56 s, 3.50 vs 3.59 MB).
POPUP_GZIP_LEVEL = 6

#: The popup-only columns and tables: needed on click, not to draw or filter.
_POPUP_COLUMNS = ("e", "s", "x")
_POPUP_TABLES = ("evidence", "source", "extra")

def _kind_labels() -> dict[str, str]:
    from geo.kinds import KINDS  # the one kind registry: a new kind gets its filter box

    plural = {"strike": "strikes", "clash": "clashes", "control_change": "control changes"}
    return {k.value: plural.get(k.value, info.label.lower()) for k, info in KINDS.items()}


#: Kinds in the filter panel, in registry order, with their label.
KIND_LABELS: dict[str, str] = _kind_labels()


class _Table:
    """Distinct values, each stored once; ``index(value)`` gives its position."""

    def __init__(self) -> None:
        self._pos: dict[Any, int] = {}
        self.values: list[Any] = []

    def index(self, value: Any) -> int:
        if type(value) is str or not isinstance(value, list):
            key = value
        else:
            key = tuple(tuple(v) if isinstance(v, list) else v for v in value)
        pos = self._pos.get(key)
        if pos is None:
            pos = self._pos[key] = len(self.values)
            self.values.append(value)
        return pos

    def indexes(self, values: list[Any]) -> list[int]:
        """``index`` of each of ``values``."""
        return [self.index(v) for v in values]


def _days(series: Any) -> list[int | None]:
    """Day numbers since 1970-01-01 of a date column (strings ``YYYY[-MM[-DD]]`` or datetimes)."""
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(series):
        parsed = series
    else:
        parsed = pd.to_datetime(series.astype("string"), errors="coerce", format="mixed")
    if getattr(parsed.dtype, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    days = (parsed.dt.normalize() - pd.Timestamp("1970-01-01")).dt.days
    return [None if math.isnan(v) else int(v) for v in days.to_numpy(dtype=float, na_value=math.nan).tolist()]


def _objects(values: Sequence[Any]) -> Any:
    """``values`` (scalars) as a numpy object array."""
    import numpy as np

    return np.fromiter(values, dtype=object, count=len(values))


def _distinct(frame: Any, name: str, fn: Callable[[Any], Any]) -> tuple[Any, list[Any]]:
    """``(codes, values)``: ``fn`` of each distinct cell of column ``name`` and, per row, the index of its own.

    Missing cells (None, NaN, NA, NaT) all get ``fn(None)`` (code -1, the last value): every ``fn``
    here reads cells through :func:`geo.values.text`, for which they are the same. Object columns
    that hold anything but strings are read cell by cell (``1`` and ``True`` are equal as keys but
    not as text).
    """
    import numpy as np
    import pandas as pd

    if name not in frame.columns:
        return np.full(len(frame), -1), [fn(None)]
    series = frame[name]
    if series.dtype == object and pd.api.types.infer_dtype(series, skipna=True) not in ("string", "empty"):
        return np.arange(len(series)), [*map(fn, series.tolist()), fn(None)]
    codes, uniques = pd.factorize(series)
    return codes, [*map(fn, uniques.tolist()), fn(None)]


def _per_value(frame: Any, name: str, fn: Callable[[Any], Any]) -> Any:
    """``fn`` of every cell of column ``name`` (None when absent) as an object array, called once per distinct value."""
    codes, values = _distinct(frame, name, fn)
    return _objects(values)[codes]


def _positions(table: Any, codes: Any, values: list[Any]) -> list[int | None]:
    """Per row, the position in ``table`` of ``values[code]`` (None for None), one lookup per value."""
    found = iter(table.indexes([v for v in values if v is not None]))
    return _objects([None if v is None else next(found) for v in values])[codes].tolist()  # type: ignore[no-any-return]


def _lookup(table: Any, keys: Sequence[Any], value: Callable[[Any], Any] = lambda k: k) -> list[int | None]:
    """Positions in ``table`` of ``value(key)`` per row (None where the key is None), one lookup per key."""
    import pandas as pd

    codes, uniques = pd.factorize(_objects(keys))
    return _positions(table, codes, [*map(value, uniques.tolist()), None])


def _int_text(word: str) -> Callable[[Any], str | None]:
    def fn(value: Any) -> str | None:
        number = _int(value)
        return None if number is None else f"{number} {word}"
    return fn


def _casualties(events: Any, killed: list[int | None], flags: Any) -> list[str | None]:
    """The popup's casualties text per row (None when nothing is known)."""
    children = _per_value(events, "children_killed", _int).tolist()
    injured = _per_value(events, "injured", _int_text("injured")).tolist()
    displaced = _per_value(events, "displaced", _int_text("displaced")).tolist()
    out: list[str | None] = []
    for n, f, c, i, d in zip(killed, flags.tolist(), children, injured, displaced, strict=True):
        parts = [] if n is None else [
            ("≥ " if f & 1 else "~" if f & 2 else "") + f"{n} killed" + (f" (incl. {c} children)" if c else "")
            + (", cumulative toll" if f & 4 else "")]
        parts += [p for p in (i, d) if p]
        out.append("; ".join(parts) if parts else None)
    return out


#: The labels of the popup rows of ``tables.extra``, in the order they are shown.
_EXTRA_LABELS = ("Actor", "Target", "Casualties", "Control")


def _extra_keys(events: Any, killed: list[int | None], flags: Any) -> list[tuple[str | None, ...]]:
    """Per row, the values of the popup rows besides title, date, precision, evidence and source."""
    actor, actor_text = _per_value(events, "actor", _text).tolist(), _per_value(events, "actor_text", _text).tolist()
    new = _per_value(events, "new_controller", _text).tolist()
    prev = _per_value(events, "previous_controller", _text).tolist()
    status = _per_value(events, "status", _text).tolist()
    actors = [(a or "unknown") + (f" ({t})" if t else "") if a or t else None
              for a, t in zip(actor, actor_text, strict=True)]
    control = [f"{p or '?'} → {n}" + (f" ({s})" if s else "") if n else None
               for n, p, s in zip(new, prev, status, strict=True)]
    target = _per_value(events, "target", _text).tolist()
    return list(zip(actors, target, _casualties(events, killed, flags), control, strict=True))


def _extra_rows(key: tuple[str | None, ...]) -> list[list[str]]:
    return [[label, value] for label, value in zip(_EXTRA_LABELS, key, strict=True) if value]


def _flag_column(events: Any, name: str) -> Any:
    return _per_value(events, name, _flag).astype(bool)


def encode_rows(events: gpd.GeoDataFrame, tables: Mapping[str, Any], *, actor_key: Any) -> dict[str, list[Any]]:
    """The columns of ``events`` (located, EPSG:4326), values of repeated text looked up in ``tables``.

    ``tables`` maps ``actor``, ``kind``, ``dp``, ``place``, ``evidence``, ``source`` and ``extra`` to
    objects whose ``index(value)`` gives the position of a value, adding it when new (:class:`_Table`
    or the spooled tables of :mod:`geo.render.eventstream`), so chunks encoded one after the other
    give the columns of their concatenation. Column-wise: every conversion and every table lookup
    is done once per distinct value (values enter the tables in order of first appearance).
    """
    import numpy as np

    n = len(events)
    geom = events.geometry
    kind = _per_value(events, "kind", lambda v: _text(v) or "event")
    change = kind == "control_change"
    flags = (_flag_column(events, "killed_min") * 1 | _flag_column(events, "killed_approx") * 2
             | (_flag_column(events, "cumulative") | _flag_column(events, "is_total")) * 4 | change * 8)
    killed = _per_value(events, "killed", _int).tolist()
    labels = np.where(change, _per_value(events, "new_controller", actor_key), _per_value(events, "actor", actor_key))
    adm1 = [a or b or c or "" for a, b, c in zip(*(_per_value(events, k, _text).tolist()
                                                   for k in ("adm1_name", "adm1", "adm1_gaz")), strict=True)]
    place = _per_value(events, "place", lambda v: _text(v) or "").tolist()
    subtype = _per_value(events, "subtype", lambda v: _text(v) or "")
    return {
        "lat": np.round(geom.y.to_numpy(dtype=float) * SCALE).astype(np.int64).tolist() if n else [],
        "lon": np.round(geom.x.to_numpy(dtype=float) * SCALE).astype(np.int64).tolist() if n else [],
        "day": _days(events["date"]) if "date" in events.columns and n else [None] * n,
        "dp": _positions(tables["dp"], *_distinct(events, "date_precision", lambda v: _text(v) or "day")),
        "k": _lookup(tables["kind"], list(zip(kind, subtype, strict=True)), list),
        "a": _lookup(tables["actor"], labels),
        "n_killed": killed,
        "f": flags.astype(np.int64).tolist(),
        "g": _per_value(events, "geo_precision", lambda v: p if (p := _int(v)) in (1, 2, 3) else 0).tolist(),
        "p": _lookup(tables["place"], list(zip(place, adm1, strict=True)), list),
        "e": _positions(tables["evidence"], *_distinct(events, "evidence", _text)),
        "s": _positions(tables["source"], *_distinct(events, "source", _text)),
        "x": _lookup(tables["extra"], _extra_keys(events, killed, flags), _extra_rows),
    }


def new_tables() -> dict[str, _Table]:
    """Empty tables for :func:`encode_rows` (the date precisions ``day``, ``month``, ``year`` first)."""
    tables = {k: _Table() for k in TABLE_ORDER}
    for label in ("day", "month", "year"):
        tables["dp"].index(label)
    return tables


#: The tables of the page data, in the order they are written.
TABLE_ORDER = ("actor", "kind", "dp", "place", "evidence", "source", "extra")

#: The columns of the page data, in the order they are written (``day_min``/``day_max`` after them).
COLUMN_ORDER = ("lat", "lon", "day", "dp", "k", "a", "n_killed", "f", "g", "p", "e", "s", "x")


def event_columns(
    events: gpd.GeoDataFrame,
    *,
    actor_colour: Any,
    actor_key: Any,
) -> dict[str, Any]:
    """The located events of ``events`` as columns and tables (see the module docstring).

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        Located events in EPSG:4326 (flat :class:`geo.model.Event` columns; missing columns are null).
    actor_colour : callable
        Label -> ``#rrggbb`` (:func:`geo.render.webmap.actor_color`).
    actor_key : callable
        Label -> canonical legend label (``"unknown"`` when not in the palette).

    Returns
    -------
    dict
        JSON-ready data for ``cm.setEvents``.
    """
    tables = new_tables()
    cols = encode_rows(events, tables, actor_key=actor_key)
    known = [d for d in cols["day"] if d is not None]
    actors = tables["actor"].values
    data = {
        "scale": SCALE,
        **{k: cols[k] for k in COLUMN_ORDER},
        "day_min": min(known) if known else None,
        "day_max": max(known) if known else None,
        "tables": {
            "actor": actors,
            "colour": [actor_colour(a) for a in actors],
            **{k: tables[k].values for k in TABLE_ORDER if k != "actor"},
        },
    }
    return pack_popups(data) if len(events) >= PACK_FROM else data


def mention_columns(mentions: gpd.GeoDataFrame) -> dict[str, Any]:
    """Located place mentions as columns.

    ``lat``, ``lon`` (x ``scale``), ``t`` (index in ``names``: ``[name, as written]``).
    """
    names = _Table()
    t: list[int] = []
    for name, surface in zip(_col(mentions, "name"), _col(mentions, "surface"), strict=True):
        n, s = _text(name), _text(surface)
        t.append(names.index([n or s or "", s or n or ""]))
    geom = mentions.geometry
    return {
        "scale": SCALE,
        "lat": [round(float(y) * SCALE) for y in geom.y] if len(mentions) else [],
        "lon": [round(float(x) * SCALE) for x in geom.x] if len(mentions) else [],
        "t": t,
        "names": names.values,
    }


def _col(frame: Any, name: str) -> Sequence[Any]:
    return frame[name].tolist() if name in frame.columns else [None] * len(frame)


def pack_popups(data: dict[str, Any]) -> dict[str, Any]:
    """Move the popup-only columns and tables of ``data`` into one gzip + base64 string ``z``.

    Evidence sentences, sources and the other popup rows are most of a big page; they compress
    several times over and are only read when a popup opens. The page decodes ``z`` after the
    events are drawn (``DecompressionStream``, ``cm.unpackPopups`` in ``static/cm-map.js``) and
    puts the columns and tables back where :func:`event_columns` had them. The result is plain
    ASCII, so no untrusted text reaches the page source.

    Parameters
    ----------
    data : dict
        The output of :func:`event_columns` with the popup data in place (not modified).

    Returns
    -------
    dict
        A copy without ``e``, ``s``, ``x`` and ``tables.evidence/source/extra``, with ``z``.
    """
    import base64
    import gzip
    import json

    tables = dict(data["tables"])
    popups = {key: data[key] for key in _POPUP_COLUMNS}
    popups.update({key: tables.pop(key) for key in _POPUP_TABLES})
    raw = json.dumps(popups, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    packed = {key: value for key, value in data.items() if key not in _POPUP_COLUMNS}
    packed["tables"] = tables
    packed["z"] = base64.b64encode(gzip.compress(raw, compresslevel=POPUP_GZIP_LEVEL, mtime=0)).decode("ascii")
    return packed


def unpack_popups(data: dict[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`pack_popups` (returns ``data`` itself when it holds no ``z``)."""
    import base64
    import gzip
    import json

    if "z" not in data:
        return data
    popups = json.loads(gzip.decompress(base64.b64decode(data["z"])).decode("utf-8"))
    out = {key: value for key, value in data.items() if key != "z"}
    out.update({key: popups[key] for key in _POPUP_COLUMNS})
    out["tables"] = {**data["tables"], **{key: popups[key] for key in _POPUP_TABLES}}
    return out
