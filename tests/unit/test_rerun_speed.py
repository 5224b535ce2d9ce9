"""The re-run's faster paths give what the slower ones gave: counts from spooled rows, the Arrow
GeoPackage columns, the formula pre-check of CSV cells, integer columns made at once."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

gpd = pytest.importorskip("geopandas")
pd = pytest.importorskip("pandas")
shapely = pytest.importorskip("shapely")

from geo.model import Document, Event, Mention  # noqa: E402
from geo.pipeline.report import RunSummary  # noqa: E402
from geo.pipeline.rows import counts_of, payload_of  # noqa: E402
from geo.spatial.frames import _int_column  # noqa: E402
from geo.write.csvsafe import safe_cell, safe_frame  # noqa: E402
from geo.write.gpkg import GeoPackageAppender  # noqa: E402


def _doc() -> Document:
    mentions = [
        Mention(surface="Alep", start=0, end=4, name="Aleppo", lat=36.2, lon=37.16, kind="city"),
        Mention(surface="Xyz", start=10, end=13),
        Mention(surface="Xyz", start=20, end=23),
        Mention(surface="Moscou", start=30, end=36, foreign=True),
    ]
    events = [Event(kind="strike", date="2019-05-14", place="Aleppo", lat=36.2, lon=37.16),
              Event(kind="clash", date=None), Event(kind="strike", date="2018-01-02")]
    return Document(id="d1", source="d1.txt", text="", date="2019-05-15", mentions=mentions, events=events)


def test_cached_document_counts_as_extracted() -> None:
    extracted, cached = RunSummary(), RunSummary()
    doc = _doc()
    extracted.add(doc)
    cached.add_counts(*counts_of(payload_of(doc)))
    for name in ("documents", "events_by_kind", "mentions", "mentions_resolved", "mentions_foreign", "unresolved",
                 "date_min", "date_max"):
        assert getattr(cached, name) == getattr(extracted, name), name
    assert cached.unresolved == {"Xyz": 2} and cached.date_min == "2018-01-02"


def test_arrow_columns_round_trip(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame({
        "text": pd.Series(["a", None, "=b"], dtype="str"),
        "count": pd.array([1, None, 3], dtype="Int64"),
        "big": pd.array([2**40, 1, None], dtype="Int64"),
        "share": [0.5, float("nan"), 2.0],
        "flag": [True, False, True],
        "day": pd.to_datetime(["2020-01-02", None, "2021-12-31"]),
        "when": pd.to_datetime(["2020-01-02 10:30", None, "2021-12-31 00:00"]),
        "obj": [dt.date(2020, 1, 2), None, dt.date(2020, 1, 3)],
    }, geometry=[shapely.Point(36.2, 37.1), shapely.Point(36.5, 35.0), None], crs=4326)  # fmt: skip
    out = GeoPackageAppender(tmp_path / "x.gpkg")
    out.append("events", frame.iloc[:1])
    out.append("events", frame.iloc[1:])
    out.close()
    con = sqlite3.connect(tmp_path / "x.gpkg")
    rows = con.execute('SELECT fid, "text", "count", big, share, flag, "day", "when", obj FROM events ORDER BY fid').fetchall()
    assert rows == [(1, "a", 1, 2**40, 0.5, 1, "2020-01-02", "2020-01-02T10:30:00.000", "2020-01-02"),
                    (2, None, None, 1, None, 0, None, None, None)]  # fmt: skip
    assert con.execute("SELECT \"text\", \"count\" FROM events_unlocated").fetchall() == [("=b", 3)]
    types = {r[1]: r[2] for r in con.execute("PRAGMA table_info(events)")}
    assert types["count"] == "MEDIUMINT" and types["big"] == "INTEGER" and types["flag"] == "BOOLEAN"
    assert types["day"] == "DATE" and types["when"] == "DATETIME" and types["share"] == "REAL"
    assert con.execute("SELECT count(*) FROM rtree_events_geom").fetchone() == (2,)


def test_formula_check_unchanged_by_the_precheck() -> None:
    frame = pd.DataFrame({
        "plain": pd.Series(["Alep", None, "x=1", "a-b"], dtype="str"),
        "formula": pd.Series(["ok", "=HYPERLINK(1)", None, "-12"], dtype="str"),
        "tab": pd.Series(["\tcmd", "ok", "ok", None], dtype="str"),
    })  # fmt: skip
    out = safe_frame(frame)
    for col in frame.columns:
        expected = [None if v is None or v != v else safe_cell(v) for v in frame[col].tolist()]
        got = [None if v is None or v != v else v for v in out[col].tolist()]
        assert got == expected, col


def test_int_column_at_once_as_cell_by_cell() -> None:
    floats = pd.Series([1.0, float("nan"), -2.7, 3.2])
    assert _int_column(floats, "killed").tolist() == [1, pd.NA, -2, 3]  # int() truncates toward zero
    assert _int_column(pd.Series([4, 5]), "killed").tolist() == [4, 5]
    assert _int_column(pd.Series(["6", None], dtype=object), "killed").tolist() == [6, pd.NA]
    with pytest.raises(Exception, match="expected an integer"):
        _int_column(pd.Series(["x"], dtype=object), "killed")
