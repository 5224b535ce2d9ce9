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


def _types(row: dict[str, Any]) -> tuple[str, str]:
    given = _text(row.get("acled_event_type"))
    if given:
        return given, _text(row.get("acled_sub_event_type")) or ""
    event_type, sub_type = acled_types(_text(row.get("kind")) or "", _text(row.get("subtype")),
                                       _text(row.get("new_controller")))
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
    rows = []
    for row in records(frame):
        event_type, sub_type = _types(row)
        kind = _text(row.get("kind"))
        change = kind == EventKind.CONTROL_CHANGE
        actor1 = _text(row.get("new_controller")) if change else _text(row.get("actor"))
        actor2 = _text(row.get("previous_controller")) if change else None
        killed = row.get("killed")
        fatalities = 0 if _text(killed) is None else int(float(killed))
        notes = _text(row.get("evidence")) or ""
        if _text(row.get("killed_min")) in ("True", "true", "1") and fatalities:
            notes += f" [fatalities: at least {fatalities}]"
        if _text(row.get("cumulative")) in ("True", "true", "1") or _text(row.get("is_total")) in ("True", "true", "1"):
            notes += " [cumulative toll]"
        lat, lon = row.get("lat"), row.get("lon")
        rows.append({
            "event_date": _date(row.get("date")),
            "event_type": event_type,
            "sub_event_type": sub_type,
            "actor1": _ACTOR_NAMES.get(actor1 or "", actor1),
            "actor2": _ACTOR_NAMES.get(actor2 or "", actor2),
            "admin1": _text(row.get("adm1_name")) or _text(row.get("adm1")),
            "admin2": _text(row.get("adm2_name")),
            "admin3": _text(row.get("adm3_name")),
            "location": _text(row.get("place")),
            "latitude": None if _text(lat) is None else round(float(lat), 4),
            "longitude": None if _text(lon) is None else round(float(lon), 4),
            "geo_precision": None if _text(row.get("geo_precision")) is None else int(float(row["geo_precision"])),
            "time_precision": _TIME_PRECISION.get(_text(row.get("date_precision")) or "",
                                                  3 if _text(row.get("date")) else None),
            "fatalities": fatalities,
            "notes": notes.strip(),
            "source": _text(row.get("source")),
        })  # fmt: skip
    out = pd.DataFrame(rows, columns=list(ACLED_COLUMNS))
    for col in ("geo_precision", "time_precision", "fatalities"):
        out[col] = out[col].astype("Int64")
    return out


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
