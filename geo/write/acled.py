"""An ACLED-style table of the events, and CSV text that spreadsheets open correctly.

ACLED (Armed Conflict Location & Event Data) is the table most conflict researchers already
use; :func:`to_acled` gives our events its columns so they can be set beside ACLED data:
``event_date, event_type, sub_event_type, actor1, actor2, admin1, admin2, admin3, location,
latitude, longitude, geo_precision, time_precision, fatalities, notes, source``.

Event types come from the events' own ``acled_event_type`` / ``acled_sub_event_type`` fields when
the extractor sets them; otherwise from the kind and subtype (:func:`geo.kinds.acled_types`, the registry), following
ACLED's codebook (2023): an air or drone strike is "Explosions/Remote violence" / "Air/drone
strike", shelling and rockets "Shelling/artillery/missile attack", an explosive device "Remote
explosive/landmine/IED", a clash "Battles" / "Armed clash", a change of control "Battles" /
"Government regains territory" or "Non-state actor overtakes territory", displacement (not an ACLED
event) "Strategic developments" / "Other". ``time_precision`` is ACLED's: 1 the day, 2 the week or a
few days, 3 the month or more.

:func:`csv_text` writes UTF-8 with a byte-order mark (Excel then reads accents correctly;
LibreOffice and pandas ignore the mark) and neutralises cells that a spreadsheet would run as a
formula (:mod:`geo.write.csvsafe`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from geo.kinds import acled_types
from geo.values import text as _text
from geo.vocab import Actor, EventKind

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["ACLED_COLUMNS", "csv_text", "records", "to_acled"]

ACLED_COLUMNS: tuple[str, ...] = (
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "time_precision", "fatalities", "notes", "source",
)

_ACTOR_NAMES: dict[str, str] = {
    Actor.REGIME: "Military Forces of Syria",
    Actor.RUSSIA: "Military Forces of Russia",
    Actor.COALITION: "Coalition Forces",
    Actor.TURKEY: "Military Forces of Turkey",
    Actor.REBELS: "Opposition Rebels (Syria)",
    Actor.HTS: "Hayat Tahrir al-Sham / jihadists",
    Actor.IS: "Islamic State (Syria)",
    Actor.SDF: "SDF: Syrian Democratic Forces",
    Actor.IRAN: "Iran / Hezbollah",
    Actor.ISRAEL: "Military Forces of Israel",
}
_TIME_PRECISION = {"day": 1, "week": 2, "days": 2, "month": 3, "season": 3, "year": 3}


def _types(given: str | None, given_sub: str | None, kind: str | None, subtype: str | None,
           new_controller: str | None) -> tuple[str, str]:
    if given:
        return given, given_sub or ""
    event_type, sub_type = acled_types(kind or "", subtype, new_controller)
    return event_type or "Strategic developments", sub_type or "Other"


def _date(value: Any) -> str | None:
    if _text(value) is None:
        return None
    return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else _text(value)


def records(frame: pd.DataFrame) -> list[Any]:
    """``frame.to_dict("records")``, the same values, without pandas' per-cell boxing (the slow part)."""
    columns = [str(c) for c in frame.columns]
    values = [_column_values(frame.iloc[:, i]) for i in range(len(columns))]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def _column_values(series: pd.Series) -> list[Any]:
    """A column's cells as ``to_dict`` gives them: nullable integers and booleans with None for missing."""
    from pandas.api import types as pdt

    dtype = series.dtype
    if pdt.is_extension_array_dtype(dtype) and getattr(dtype, "kind", "") in "iub":
        return [None if missing else v for v, missing in zip(series.tolist(), series.isna().tolist(), strict=True)]
    return series.tolist()


def _texts(frame: pd.DataFrame, name: str) -> list[str | None]:
    """Column ``name`` as :func:`geo.values.text` gives each cell (all None when the column is absent)."""
    import pandas as pd

    if name not in frame.columns:
        return [None] * len(frame)
    series = frame[name]
    if isinstance(series.dtype, pd.StringDtype):  # strings or missing: what text() gives, without its checks
        return [(v.strip() or None) if v.__class__ is str else None for v in series.tolist()]
    return [_text(v) for v in _column_values(series)]


def _dates(frame: pd.DataFrame) -> list[str | None]:
    """The ``date`` column as ``YYYY-MM-DD`` (a datetime column formatted at once), None when missing."""
    from pandas.api import types as pdt

    if "date" not in frame.columns:
        return [None] * len(frame)
    series = frame["date"]
    if pdt.is_datetime64_any_dtype(series.dtype):
        return [None if missing else v for v, missing in
                zip(series.dt.strftime("%Y-%m-%d").tolist(), series.isna().tolist(), strict=True)]  # fmt: skip
    return [_date(v) for v in _column_values(series)]


def _flags(*columns: list[str | None]) -> list[bool]:
    """Per row: is any of the columns' texts a true flag."""
    return [any(v in ("True", "true", "1") for v in row) for row in zip(*columns, strict=True)]


def _notes(evidence: str | None, fatalities: int, at_least: bool, cumulative: bool) -> str:
    notes = evidence or ""
    if at_least and fatalities:
        notes += f" [fatalities: at least {fatalities}]"
    if cumulative:
        notes += " [cumulative toll]"
    return notes.strip()


def _round4(values: list[str | None]) -> list[float | None]:
    return [None if v is None else round(float(v), 4) for v in values]


def to_acled(events: Any) -> pd.DataFrame:
    """The events as an ACLED-style table, one row per event (located or not).

    Parameters
    ----------
    events : pandas.DataFrame or geopandas.GeoDataFrame
        Flat :class:`geo.model.Event` columns (``adm2_name``/``adm3_name`` when those boundaries are
        installed, else empty).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ACLED_COLUMNS`; ``fatalities`` 0 when no toll was reported (ACLED's
        convention), latitude/longitude rounded to 4 decimals.
    """
    import pandas as pd

    frame = events.drop(columns=[events.geometry.name]) if hasattr(events, "geometry") else events
    col = {name: _texts(frame, name) for name in _READ}
    dates = _dates(frame)
    types = [_types(*row) for row in zip(col["acled_event_type"], col["acled_sub_event_type"], col["kind"],
                                         col["subtype"], col["new_controller"], strict=True)]  # fmt: skip
    change = [k == EventKind.CONTROL_CHANGE for k in col["kind"]]
    actor1 = [n if c else a for c, n, a in zip(change, col["new_controller"], col["actor"], strict=True)]
    actor2 = [p if c else None for c, p in zip(change, col["previous_controller"], strict=True)]
    fatalities = [0 if k is None else int(float(k)) for k in col["killed"]]
    at_least, cumulative = _flags(col["killed_min"]), _flags(col["cumulative"], col["is_total"])
    notes = [_notes(e, f, m, c) for e, f, m, c in zip(col["evidence"], fatalities, at_least, cumulative, strict=True)]
    out = pd.DataFrame({
        "event_date": dates,
        "event_type": [t for t, _ in types],
        "sub_event_type": [s for _, s in types],
        "actor1": [_ACTOR_NAMES.get(a or "", a) for a in actor1],
        "actor2": [_ACTOR_NAMES.get(a or "", a) for a in actor2],
        "admin1": [a or b for a, b in zip(col["adm1_name"], col["adm1"], strict=True)],
        "admin2": col["adm2_name"],
        "admin3": col["adm3_name"],
        "location": col["place"],
        "latitude": _round4(col["lat"]),
        "longitude": _round4(col["lon"]),
        "geo_precision": [None if g is None else int(float(g)) for g in col["geo_precision"]],
        "time_precision": [_TIME_PRECISION.get(p or "", 3 if d else None)
                           for p, d in zip(col["date_precision"], dates, strict=True)],
        "fatalities": fatalities,
        "notes": notes,
        "source": col["source"],
    }, columns=list(ACLED_COLUMNS))  # fmt: skip
    for name in ("geo_precision", "time_precision", "fatalities"):
        out[name] = out[name].astype("Int64")
    return out


#: The event columns the ACLED table reads.
_READ = ("acled_event_type", "acled_sub_event_type", "kind", "subtype", "new_controller", "previous_controller",
         "actor", "killed", "killed_min", "cumulative", "is_total", "evidence", "adm1_name", "adm1", "adm2_name",
         "adm3_name", "place", "lat", "lon", "geo_precision", "date_precision", "source")


def csv_text(frame: pd.DataFrame, *, header: bool = True) -> str:
    """CSV text for spreadsheets: UTF-8 byte-order mark first, formula-like cells neutralised.

    Parameters
    ----------
    frame : pandas.DataFrame
        Any table (geometry columns should be dropped first).

    Returns
    -------
    str
        ``"\\ufeff"`` + the CSV (comma-separated, ``\\n`` line ends, a header row); with
        ``header=False`` the rows alone (a later chunk of the same file: no BOM, no header).
    """
    from geo.write.csvsafe import safe_frame

    body: str = safe_frame(frame).to_csv(index=False, header=header, lineterminator="\n")
    return "\ufeff" + body if header else body
