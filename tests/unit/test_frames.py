"""Documents to GeoDataFrames (geo.spatial.frames) and aggregates per governorate (geo.spatial.aggregate)."""

from __future__ import annotations

from pathlib import Path

import pytest

gpd = pytest.importorskip("geopandas")
pd = pytest.importorskip("pandas")

from gazetteer.errors import InputError  # noqa: E402
from geo.model import Document, Event, FrontObservation, Mention  # noqa: E402
from geo.spatial.admin import join_admin, load_boundaries  # noqa: E402
from geo.spatial.aggregate import aggregate_by_admin  # noqa: E402
from geo.spatial.frames import parse_period, to_geodataframe  # noqa: E402


@pytest.fixture(autouse=True)
def _embedded_boundaries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(tmp_path))


def _docs() -> list[Document]:
    d1 = Document(
        id="a1", source="test", text="", date="2019-05-14", date_precision="day",
        events=[
            Event(kind="strike", place="Saraqib", lat=35.864, lon=36.806, actor="Russia", killed=12,
                  date="2019-05-13", date_precision="day", start=3, end=10),
            Event(kind="strike", place="Kafranbel", lat=35.61, lon=36.56, actor="regime", killed=5,
                  killed_min=True, date="2019-05", date_precision="month"),
            Event(kind="clash", place="Khan Shaykhun", lat=35.44, lon=36.65, actor="rebels", killed=20,
                  date="2019-05-20"),
            Event(kind="strike", place="Idleb", lat=35.93, lon=36.63, actor="regime", killed=500,
                  cumulative=True, date="2019-05-01"),
            Event(kind="strike", place="Idleb", lat=35.93, lon=36.63, actor="regime", killed=900,
                  is_total=True),
            Event(kind="control_change", place="Khan Shaykhun", lat=35.44, lon=36.65,
                  new_controller="regime", date="2019-08-21", killed=3),
            Event(kind="strike", place=None, actor="unknown"),
        ],
        mentions=[Mention(surface="Saraqeb", start=0, end=7, name="Saraqib", lat=35.864, lon=36.806),
                  Mention(surface="Nowhere", start=9, end=16)],
        front_observations=[FrontObservation(actor="regime", place="Maarat al-Numan", lat=35.64,
                                             lon=36.67, distance_km=4.0, date="2019-05-14",
                                             date_precision="day", evidence="", source="test")],
    )
    d2 = Document(id="a2", source="test", text="", date="2019-06", date_precision="month",
                  events=[Event(kind="strike", place="Aleppo", lat=36.2, lon=37.16, actor="regime",
                                killed=2, date="2019-06-02", doc_id="a2")])
    return [d1, d2]


def test_events_frame_types() -> None:
    gdf = to_geodataframe(_docs())
    assert len(gdf) == 8
    assert gdf.crs.to_epsg() == 4326
    assert gdf.geometry.isna().sum() == 1  # the unlocated event is kept
    assert gdf.geometry.iloc[0].x == pytest.approx(36.806)
    assert str(gdf["killed"].dtype) == "Int64"
    assert gdf["killed"].isna().sum() == 1
    assert gdf["killed_min"].dtype == bool and gdf["cumulative"].dtype == bool
    assert pd.api.types.is_datetime64_any_dtype(gdf["date"])
    assert pd.api.types.is_datetime64_any_dtype(gdf["doc_date"])
    assert gdf["doc_id"].tolist() == ["a1"] * 7 + ["a2"]
    # SQL-keyword fields are renamed
    assert {"char_start", "char_end", "when_text"} <= set(gdf.columns)
    assert not {"start", "end", "when"} & set(gdf.columns)
    assert gdf["char_start"].iloc[0] == 3
    # month precision spans the month
    row = gdf.iloc[1]
    assert row["date"] == pd.Timestamp("2019-05-01") and row["date_end"] == pd.Timestamp("2019-05-31")
    assert gdf["doc_date"].iloc[-1] == pd.Timestamp("2019-06-01")


def test_mentions_and_observations() -> None:
    m = to_geodataframe(_docs(), layer="mentions")
    assert len(m) == 2 and m.geometry.isna().tolist() == [False, True]
    assert m["foreign"].dtype == bool and m["score"].dtype == "float64"
    fo = to_geodataframe(_docs(), layer="front_observations")
    assert len(fo) == 1 and fo["distance_km"].iloc[0] == 4.0
    assert fo["doc_id"].iloc[0] == "a1"


def test_empty_and_unknown_layer() -> None:
    empty = to_geodataframe([], layer="events")
    assert len(empty) == 0 and {"kind", "killed", "date", "doc_id"} <= set(empty.columns)
    with pytest.raises(InputError, match="places"):
        to_geodataframe([], layer="places")


@pytest.mark.parametrize(
    ("value", "precision", "start", "end"),
    [
        ("2019-05-14", "day", "2019-05-14", "2019-05-14"),
        ("2019-05", "month", "2019-05-01", "2019-05-31"),
        ("2019-05-14", "month", "2019-05-01", "2019-05-31"),
        ("2020-02", None, "2020-02-01", "2020-02-29"),
        ("2019", None, "2019-01-01", "2019-12-31"),
    ],
)
def test_parse_period(value: str, precision: str | None, start: str, end: str) -> None:
    assert parse_period(value, precision) == (pd.Timestamp(start), pd.Timestamp(end))


@pytest.mark.parametrize("value", [None, "", "hier", "2019-13-01"])
def test_parse_period_bad(value: str | None) -> None:
    a, b = parse_period(value)
    assert a is pd.NaT and b is pd.NaT


def test_aggregate_by_governorate() -> None:
    events = join_admin(to_geodataframe(_docs()))
    gov = aggregate_by_admin(events, load_boundaries(1))
    assert len(gov) == 14 and gov.geometry.notna().all()
    idleb = gov.set_index("adm1_pcode").loc["SY07"]
    # 12 + 5 + 20: cumulative (500), total (900) and the control change's 3 are not added
    assert idleb["killed"] == 37
    assert bool(idleb["killed_min_flag"]) is True
    assert idleb["strikes"] == 4  # Saraqib, Kafranbel, and the two Idleb strikes (counted)
    assert idleb["control_changes"] == 1
    assert idleb["first_date"] == pd.Timestamp("2019-05-01")
    assert idleb["last_date"] == pd.Timestamp("2019-08-21")
    aleppo = gov.set_index("adm1_pcode").loc["SY02"]
    assert aleppo["killed"] == 2 and not aleppo["killed_min_flag"]
    quiet = gov.set_index("adm1_pcode").loc["SY13"]
    assert quiet["killed"] == 0 and quiet["strikes"] == 0 and pd.isna(quiet["first_date"])
    assert gov["killed"].dtype == "int64" and gov["killed_min_flag"].dtype == bool


def test_aggregate_needs_join() -> None:
    with pytest.raises(InputError, match="adm1_pcode"):
        aggregate_by_admin(to_geodataframe(_docs()).drop(columns=["adm1_pcode"]), load_boundaries(1))
