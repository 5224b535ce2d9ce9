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

from collections.abc import Mapping, Sequence
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

#: The event columns read row by row (the others are left out before rows are made).
_ROW_COLUMNS = (
    "kind", "subtype", "actor", "actor_text", "new_controller", "previous_controller", "status", "target",
    "date_precision", "killed", "killed_min", "killed_approx", "children_killed", "injured", "displaced",
    "cumulative", "is_total", "geo_precision", "place", "adm1_name", "adm1", "adm1_gaz", "evidence", "source",
)

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
        key = value if not isinstance(value, list) else tuple(tuple(v) if isinstance(v, list) else v for v in value)
        pos = self._pos.get(key)
        if pos is None:
            pos = self._pos[key] = len(self.values)
            self.values.append(value)
        return pos


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
    return [None if pd.isna(v) else int(v) for v in days]


def _killed_detail(row: Mapping[str, Any]) -> str | None:
    killed = _int(row.get("killed"))
    if killed is None:
        return None
    prefix = "≥ " if _flag(row.get("killed_min")) else "~" if _flag(row.get("killed_approx")) else ""
    text = f"{prefix}{killed} killed"
    children = _int(row.get("children_killed"))
    if children:
        text += f" (incl. {children} children)"
    if _flag(row.get("cumulative")) or _flag(row.get("is_total")):
        text += ", cumulative toll"
    return text


def _extra_rows(row: Mapping[str, Any]) -> list[list[str]]:
    """The popup rows besides title, date, location precision, evidence and source."""
    rows: list[list[str]] = []
    actor, actor_text = _text(row.get("actor")), _text(row.get("actor_text"))
    if actor or actor_text:
        rows.append(["Actor", (actor or "unknown") + (f" ({actor_text})" if actor_text else "")])
    target = _text(row.get("target"))
    if target:
        rows.append(["Target", target])
    casualties = [t for t in (_killed_detail(row),) if t]
    for col, word in (("injured", "injured"), ("displaced", "displaced")):
        value = _int(row.get(col))
        if value is not None:
            casualties.append(f"{value} {word}")
    if casualties:
        rows.append(["Casualties", "; ".join(casualties)])
    new, prev = _text(row.get("new_controller")), _text(row.get("previous_controller"))
    if new:
        status = _text(row.get("status"))
        rows.append(["Control", f"{prev or '?'} → {new}" + (f" ({status})" if status else "")])
    return rows


def encode_rows(events: gpd.GeoDataFrame, tables: Mapping[str, Any], *, actor_key: Any) -> dict[str, list[Any]]:
    """The columns of ``events`` (located, EPSG:4326), values of repeated text looked up in ``tables``.

    ``tables`` maps ``actor``, ``kind``, ``dp``, ``place``, ``evidence``, ``source`` and ``extra`` to
    objects whose ``index(value)`` gives the position of a value, adding it when new (:class:`_Table`
    or the spooled tables of :mod:`geo.render.eventstream`), so chunks encoded one after the other
    give the columns of their concatenation.
    """
    rows = events[[c for c in _ROW_COLUMNS if c in events.columns]].to_dict("records")
    geom = events.geometry
    n = len(rows)
    cols: dict[str, list[Any]] = {
        "lat": [round(float(y) * SCALE) for y in geom.y] if n else [],
        "lon": [round(float(x) * SCALE) for x in geom.x] if n else [],
        "day": _days(events["date"]) if "date" in events.columns and n else [None] * n,
    }
    cols.update({k: [] for k in ("dp", "k", "a", "n_killed", "f", "g", "p", "e", "s", "x")})
    actors, kinds, places, precisions = (tables[k] for k in ("actor", "kind", "place", "dp"))
    evidence, sources, extras = (tables[k] for k in ("evidence", "source", "extra"))
    for row in rows:
        kind = _text(row.get("kind")) or "event"
        change = kind == "control_change"
        label = actor_key(row.get("new_controller") if change else row.get("actor"))
        cols["a"].append(actors.index(label))
        cols["k"].append(kinds.index([kind, _text(row.get("subtype")) or ""]))
        cols["dp"].append(precisions.index(_text(row.get("date_precision")) or "day"))
        cols["n_killed"].append(_int(row.get("killed")))
        cols["f"].append(_flags(row, change=change))
        precision = _int(row.get("geo_precision"))
        cols["g"].append(precision if precision in (1, 2, 3) else 0)
        adm1 = _text(row.get("adm1_name")) or _text(row.get("adm1")) or _text(row.get("adm1_gaz"))
        cols["p"].append(places.index([_text(row.get("place")) or "", adm1 or ""]))
        text = _text(row.get("evidence"))
        cols["e"].append(evidence.index(text) if text else None)
        source = _text(row.get("source"))
        cols["s"].append(sources.index(source) if source else None)
        cols["x"].append(extras.index(_extra_rows(row)))
    return cols


def _flags(row: Mapping[str, Any], *, change: bool) -> int:
    flags = (1 if _flag(row.get("killed_min")) else 0) | (2 if _flag(row.get("killed_approx")) else 0)
    flags |= 4 if (_flag(row.get("cumulative")) or _flag(row.get("is_total"))) else 0
    return flags | (8 if change else 0)


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
    packed["z"] = base64.b64encode(gzip.compress(raw, compresslevel=9, mtime=0)).decode("ascii")
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
