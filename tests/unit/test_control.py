"""Control table, control areas, front lines and changes, measured on geometry we can compute by hand."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from gazetteer import profile
from gazetteer.errors import DataError, InputError
from geo.model import Event
from geo.spatial.control import ControlTable, normalise_controller, parse_date, snapshot_dates

METRIC_CRS = profile.active().metric_crs

geopandas = pytest.importorskip("geopandas")
shapely = pytest.importorskip("shapely")

SPACING_KM = 10.0
D0, D1, D2 = "2019-08-01", "2019-08-10", "2019-08-20"


@pytest.fixture(scope="module")
def outline():
    from geo.spatial.admin import country_outline

    return country_outline()


def _grid_lonlat(origin=(35.0, 37.5), n=5, spacing_km=SPACING_KM):
    """Regular n x n grid, regular in EPSG:32637 (the CRS areas are computed in), as (row, col, lat, lon)."""
    from pyproj import Transformer

    to_utm = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)
    to_ll = Transformer.from_crs(METRIC_CRS, "EPSG:4326", always_xy=True)
    x0, y0 = to_utm.transform(origin[1], origin[0])
    out = []
    for r in range(n):
        for c in range(n):
            lon, lat = to_ll.transform(x0 + c * spacing_km * 1000, y0 + r * spacing_km * 1000)
            out.append((r, c, lat, lon))
    return out


def _event(place, lat, lon, date, new, *, status="complete", previous=None, precision="day", evidence="x"):
    return Event(
        kind="control_change", place=place, lat=lat, lon=lon, date=date, date_precision=precision,
        geo_precision=1, new_controller=new, previous_controller=previous, status=status,
        evidence=evidence, source="test.txt", doc_id="t1",
    )  # fmt: skip


@pytest.fixture()
def grid_table(outline):
    """Columns 0-2 regime, 3-4 rebels; village (2,2) goes to the rebels on D1."""
    table = ControlTable(outline=outline, max_reach_km=15.0)
    cells = _grid_lonlat()
    for r, c, lat, lon in cells:
        table.add_baseline(f"v{r}{c}", lat, lon, "regime" if c <= 2 else "rebels", D0)
    _, _, lat, lon = next(x for x in cells if x[:2] == (2, 2))
    table.add_events([_event("v22", lat, lon, D1, "rebelles", previous="régime")])
    return table


# ---------------------------------------------------------------- normalisation and dates
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("régime", "regime"), ("government", "regime"), ("Russia", "regime"), ("SDF", "SDF/Kurdish forces"),
        ("FDS", "SDF/Kurdish forces"), ("HTS", "HTS/jihadists"), ("opposition", "rebels"), ("EI", "IS"),
        ("jihadists and rebels", "HTS/jihadists"), ("Turkish army and allied Syrian rebels", "Turkey"),
        ("this is nothing", None), ("coalition", None), ("unknown", None),
    ],
)  # fmt: skip
def test_normalise_controller(raw, expected):
    assert normalise_controller(raw) == expected
    if expected is not None:
        assert normalise_controller(expected) == expected


def test_month_precision_is_last_day_of_month():
    assert parse_date("2019-02") == (dt.date(2019, 2, 28), "month")
    assert parse_date("2020-02") == (dt.date(2020, 2, 29), "month")
    assert parse_date("2019-08-29", "month") == (dt.date(2019, 8, 31), "month")
    assert parse_date("2019") == (dt.date(2019, 12, 31), "year")
    with pytest.raises(InputError, match="2019-13-01"):
        parse_date("2019-13-01")


def test_month_precision_change_counts_from_month_end(outline):
    table = ControlTable(outline=outline)
    table.add_baseline("Hama", 35.13, 36.75, "regime", "2019-01-01")
    table.add_events([_event("Hama", 35.13, 36.75, "2019-08", "rebels", precision="month")])
    assert table.state_at("2019-08-15").controller.tolist() == ["regime"]
    assert table.state_at("2019-08-31").controller.tolist() == ["rebels"]


def test_snapshot_step():
    obs = [dt.date(2019, 1, 31), dt.date(2019, 4, 2)]
    monthly = [dt.date(2019, 1, 31), dt.date(2019, 2, 28), dt.date(2019, 3, 31), dt.date(2019, 4, 2)]
    assert snapshot_dates(obs, "1M") == monthly
    assert snapshot_dates(obs, "4W")[:3] == [dt.date(2019, 1, 31), dt.date(2019, 2, 28), dt.date(2019, 3, 28)]
    with pytest.raises(InputError, match="'fortnight'"):
        snapshot_dates(obs, "fortnight")


# ---------------------------------------------------------------- areas, lines and changes (measured)
def test_grid_cells_are_squares_and_front_line_length(grid_table):
    areas = grid_table.control_areas(D0).set_index("controller")
    # 25 localities: interior cells are 10x10 km squares; border cells run out to the 15 km reach.
    assert areas.loc["regime", "n_localities"] == 15
    assert areas.loc["rebels", "n_localities"] == 10
    lines = grid_table.front_lines(D0)
    assert len(lines) == 1
    assert {lines.side_a[0], lines.side_b[0]} == {"regime", "rebels"}
    # The bisector x = 25 km runs from 40 km of rows plus sqrt(15^2 - 5^2) beyond each end row.
    expected = 4 * SPACING_KM + 2 * math.sqrt(15**2 - 5**2)
    assert lines.length_km[0] == pytest.approx(expected, rel=0.01)


def test_village_changing_hands_moves_front_line(grid_table):
    before = grid_table.front_lines(D0).to_crs(METRIC_CRS).geometry.iloc[0]
    after = grid_table.front_lines(D1).to_crs(METRIC_CRS).geometry.iloc[0]
    assert not before.buffer(50).contains(after)
    changes = grid_table.changes_between(D0, D1)
    moved = changes.lines.groupby("change").length_km.sum()
    # The x = 25 km stretch beside the village disappears; three sides of its cell appear.
    assert moved["removed"] == pytest.approx(SPACING_KM, abs=0.2)
    assert moved["added"] == pytest.approx(3 * SPACING_KM, abs=0.3)


def test_gained_area_matches_the_cell(grid_table):
    changes = grid_table.changes_between(D0, D2)
    assert changes.gained("rebels") == pytest.approx(SPACING_KM**2, rel=0.005)
    assert changes.lost("regime") == pytest.approx(SPACING_KM**2, rel=0.005)
    assert changes.gained("regime") == pytest.approx(0.0, abs=1e-6)
    row = changes.transfers.iloc[0]
    assert (row.from_controller, row.to_controller) == ("regime", "rebels")
    # Independent check: the transferred piece is the village's Voronoi square around its point.
    piece = geopandas.GeoSeries([row.geometry], crs="EPSG:4326").to_crs(METRIC_CRS).iloc[0]
    assert piece.area / 1e6 == pytest.approx(100.0, rel=0.005)
    total = grid_table.control_areas(D2).area_km2.sum()
    assert total == pytest.approx(grid_table.control_areas(D0).area_km2.sum(), rel=1e-6)


def test_isolated_locality_area_is_the_reach_disc(outline):
    table = ControlTable(outline=outline)
    table.add_baseline("Palmyra", 34.56, 38.27, "IS", "2016-01-01")
    areas = table.control_areas("2016-02-01", max_reach_km=20)
    assert areas.area_km2.iloc[0] == pytest.approx(math.pi * 20**2, rel=0.005)
    assert table.front_lines("2016-02-01").empty


def test_areas_are_clipped_to_the_country(outline):
    table = ControlTable(outline=outline)
    table.add_baseline("Tartus", 34.889, 35.887, "regime", "2019-01-01")
    area = table.control_areas("2019-01-01").area_km2.iloc[0]
    assert area < 0.7 * math.pi * 15**2


def test_nothing_is_inferred_where_no_data_exists(grid_table, outline):
    areas = grid_table.control_areas(D2)
    country_km2 = geopandas.GeoSeries([outline], crs="EPSG:4326").to_crs(METRIC_CRS).area.iloc[0] / 1e6
    assert 150_000 < country_km2 < 200_000
    # 25 localities 10 km apart with a 15 km reach cover at most a 70 x 70 km square (< 3 % of Syria).
    assert areas.area_km2.sum() < (4 * SPACING_KM + 2 * 15) ** 2 < 0.03 * country_km2
    far = geopandas.GeoSeries(geopandas.points_from_xy([40.14, 36.2, 38.5], [35.33, 37.1, 35.0]), crs="EPSG:4326")
    for point in far:
        assert not areas.geometry.intersects(point).any()


def test_empty_table_gives_empty_layers(outline):
    table = ControlTable(outline=outline)
    assert table.control_areas("2019-01-01").empty
    assert table.front_lines("2019-01-01").empty
    with pytest.raises(InputError, match="no snapshot date"):
        table.snapshots()


# ---------------------------------------------------------------- contested, claimed, reversed
def test_conflicting_reports_within_window_are_contested(outline):
    table = ControlTable(outline=outline)
    table.add_baseline("Saraqib", 35.864, 36.806, "rebels", "2020-01-01")
    table.add_baseline("Idlib", 35.93, 36.63, "HTS", "2020-01-01")
    table.add_events([
        _event("Saraqib", 35.864, 36.806, "2020-02-06", "regime"),
        _event("Saraqib", 35.864, 36.806, "2020-02-08", "rebels"),
    ])  # fmt: skip
    state = table.state_at("2020-02-08").set_index("place")
    assert state.loc["Saraqib", "controller"] == "contested"
    assert state.loc["Saraqib", "contested_by"] == "rebels;regime"
    assert table.state_at("2020-02-07").set_index("place").loc["Saraqib", "controller"] == "regime"
    # outside the window the latest report wins
    assert table.state_at("2020-02-08", window_days=1).set_index("place").loc["Saraqib", "controller"] == "rebels"
    areas = table.control_areas("2020-02-08").set_index("controller")
    assert areas.loc["contested", "n_localities"] == 1
    sides = {frozenset((r.side_a, r.side_b)) for r in table.front_lines("2020-02-08").itertuples()}
    assert frozenset(("HTS/jihadists", "contested")) in sides


def test_reversed_is_recorded_but_does_not_flip(outline):
    table = ControlTable(outline=outline)
    table.add_baseline("Qaterji", 36.201, 37.180, "rebels", "2016-08-01")
    n = table.add_events([_event("Qaterji", 36.201, 37.180, "2016-08-11", "regime", status="reversed")])
    assert n == 1
    assert table.state_at("2016-08-12").controller.tolist() == ["rebels"]
    layers = table.snapshots()
    changes = layers["control_changes"]
    assert changes.status.tolist() == ["reversed"]
    assert changes.from_controller.tolist() == ["rebels"]


def test_claimed_is_low_confidence_and_partial_is_contested(outline):
    table = ControlTable(outline=outline)
    table.add_baseline("A", 35.2, 37.0, "rebels", "2019-01-01")
    table.add_baseline("B", 35.4, 37.0, "rebels", "2019-01-01")
    table.add_events([
        _event("A", 35.2, 37.0, "2019-02-01", "regime", status="claimed"),
        _event("B", 35.4, 37.0, "2019-02-01", "regime", status="partial"),
    ])  # fmt: skip
    state = table.state_at("2019-02-01").set_index("place")
    assert state.loc["A", ["controller", "confidence"]].tolist() == ["regime", "low"]
    assert state.loc["B", "controller"] == "contested"


def test_events_that_are_not_localities_are_rejected_not_guessed(outline):
    table = ControlTable(outline=outline)
    region = _event("Idlib Governorate", 35.77, 36.67, "2019-08-29", "regime")
    region.geo_precision = 3
    undated = _event("Hass", 35.61, 36.59, None, "regime")
    nowhere = _event("Somewhere", None, None, "2019-08-29", "regime")
    nobody = _event("Hass", 35.61, 36.59, "2019-08-29", "coalition")
    strike = Event(kind="strike", place="Hass", lat=35.61, lon=36.59, date="2019-08-29")
    assert table.add_events([region, undated, nowhere, nobody, strike]) == 0
    reasons = [r for _, r in table.rejected]
    assert len(reasons) == 4
    assert any("geo_precision 3" in r for r in reasons) and any("coalition" in r for r in reasons)


# ---------------------------------------------------------------- baseline files
def test_baseline_csv_spellings_and_gazetteer(tmp_path, outline):
    class FakeGaz:
        def resolve(self, name, near=None):
            from gazetteer.types import Resolution

            known = {"Khan Cheikhoun": (35.442, 36.651)}
            if name in known:
                return Resolution(query=name, name=name, lat=known[name][0], lon=known[name][1])
            return Resolution(query=name)

    path = tmp_path / "base.csv"
    path.write_text(
        "place,lat,lon,controller,date,source\n"
        "Khan Cheikhoun,,,opposition,2019-08,map\n"
        "Hama,35.13,36.75,Government,2019-08-01,\n"
        "Qamishli,37.05,41.22,FDS,2019-07-15,\n",
        encoding="utf-8",
    )
    table = ControlTable.from_baseline(path, gazetteer=FakeGaz(), outline=outline)
    gdf = table.to_geodataframe().set_index("place")
    assert gdf.loc["Khan Cheikhoun", "controller"] == "rebels"
    assert gdf.loc["Khan Cheikhoun", "date"] == dt.datetime(2019, 8, 31)
    assert gdf.loc["Khan Cheikhoun", "lat"] == pytest.approx(35.442)
    assert gdf.loc["Qamishli", "controller"] == "SDF/Kurdish forces"
    assert gdf.loc["Hama", "source"] == "baseline:base.csv"

    bad = tmp_path / "bad.csv"
    bad.write_text("place,lat,lon,controller,date\nHama,35.1,36.7,regime,2019-01-01\nX,35,37,martians,2019-01-01\n")
    with pytest.raises(DataError, match=r"bad\.csv: line 3: unknown controller 'martians'"):
        ControlTable.from_baseline(bad, gazetteer=FakeGaz())
    bad.write_text("place,lat,lon,controller,date\nHama,35.1,36.7,regime,01-2019\n")
    with pytest.raises(DataError, match=r"line 2: bad date '01-2019'"):
        ControlTable.from_baseline(bad, gazetteer=FakeGaz())
    bad.write_text("place,controller,date\nAtlantis,regime,2019-01-01\n")
    with pytest.raises(DataError, match=r"line 2: place 'Atlantis' not found"):
        ControlTable.from_baseline(bad, gazetteer=FakeGaz())
    bad.write_text("place,lat,lon,date\nHama,35.1,36.7,2019-01-01\n")
    with pytest.raises(DataError, match=r"line 1: missing column\(s\) controller"):
        ControlTable.from_baseline(bad)
    with pytest.raises(InputError, match="not found"):
        ControlTable.from_baseline(tmp_path / "none.csv")


@pytest.mark.parametrize("suffix", [".gpkg", ".geojson"])
def test_baseline_vector_roundtrip(tmp_path, suffix, outline):
    gdf = geopandas.GeoDataFrame(
        {"name": ["Hama", "Raqqa"], "controller": ["régime", "Daech"], "date": ["2019-01-01", "2016-05"]},
        geometry=geopandas.points_from_xy([36.75, 39.01], [35.13, 35.95]), crs="EPSG:4326",
    )  # fmt: skip
    path = tmp_path / f"base{suffix}"
    gdf.to_file(path)
    table = ControlTable.from_baseline(path, outline=outline)
    state = table.state_at("2019-06-01").set_index("place")
    assert state.controller.to_dict() == {"Hama": "regime", "Raqqa": "IS"}
    gdf2 = gdf.copy()
    gdf2.loc[1, "controller"] = "aliens"
    gdf2.to_file(tmp_path / f"bad{suffix}")
    with pytest.raises(DataError, match=r"feature 2: unknown controller 'aliens'"):
        ControlTable.from_baseline(tmp_path / f"bad{suffix}")


# ---------------------------------------------------------------- snapshots (GeoPackage layers)
def test_snapshots_layers(grid_table, tmp_path):
    layers = grid_table.snapshots()
    assert set(layers) == {"control", "control_areas", "front_lines", "control_changes"}
    areas = layers["control_areas"]
    assert sorted(areas.date_from.dt.date.unique()) == [dt.date(2019, 8, 1), dt.date(2019, 8, 10)]
    first = areas[areas.date_from == "2019-08-01"]
    assert (first.date_to == "2019-08-10").all()
    assert areas[areas.date_from == "2019-08-10"].date_to.isna().all()
    # control: one row per locality per period of unchanged state (25 localities, v22 twice), not per snapshot
    control = layers["control"]
    assert len(control) == 26
    v22 = control[control.place == "v22"].sort_values("valid_from")
    assert v22.controller.tolist() == ["regime", "rebels"]
    assert [str(d.date()) for d in v22.valid_from] == ["2019-08-01", "2019-08-10"]
    assert str(v22.valid_to.iloc[0].date()) == "2019-08-10" and pd.isna(v22.valid_to.iloc[1])
    assert control[control.place != "v22"].valid_to.isna().all()
    assert len(layers["front_lines"]) == 2
    ch = layers["control_changes"]
    cols = ["place", "from_controller", "to_controller", "status"]
    assert ch[cols].values.tolist() == [["v22", "regime", "rebels", "complete"]]
    for layer in layers.values():
        assert layer.crs.to_epsg() == 4326
    three = grid_table.snapshots(["2019-08-05", D1, D2])
    assert len(three["front_lines"]) == 3
    assert three["control_areas"].date_from.dt.date.nunique() == 3
    stepped = grid_table.snapshots(step="3D")
    assert stepped["control_areas"].date_from.dt.date.nunique() == 4  # 1, 4, 7 and 10 August
    for name, layer in layers.items():
        layer.to_file(tmp_path / "front.gpkg", layer=name)
    import pyogrio

    info = pyogrio.read_info(tmp_path / "front.gpkg", layer="control_areas")
    assert dict(zip(info["fields"], info["dtypes"], strict=True))["date_from"].startswith("datetime64")


def test_spellings_of_one_locality_merge_by_proximity(outline):
    table = ControlTable(outline=outline)
    table.add_baseline("Khan Cheikhoun", 35.4427, 36.6497, "rebels", "2019-07-01")
    table.add_baseline("Al-Habit", 35.49, 36.56, "HTS", "2019-07-01")  # 9 km away: a different locality
    table.add_events([_event("Khan Shaykhun", 35.44208, 36.65095, "2019-08-21", "regime")])
    state = table.state_at("2019-08-22").set_index("place")
    assert state.controller.to_dict() == {"Khan Shaykhun": "regime", "Al-Habit": "HTS/jihadists"}
    assert state.loc["Khan Shaykhun", "name_as_written"] == "Khan Cheikhoun"


# ---------------------------------------------------------------- locality identity (gazetteer key)
# French spellings with coordinates of our own, 1.5-2.8 km off the gazetteer's points (as a baseline
# exported from another map would be), against dispatches carrying the canonical name and the
# gazetteer's coordinates. Offsets in degrees of latitude (1 degree ~ 111 km).
FRENCH_BASELINE = """place,lat,lon,controller,date,source
Khan Cheikhoun,35.4581,36.6510,HTS,2019-04-01,test: 1.8 km north of the gazetteer point
Kafrouma,35.6366,36.6490,HTS,2019-04-01,test: 1.5 km east
Latamné,35.2963,36.6229,rebels,2019-04-01,test: 2.8 km south (beyond 2.5 km: only the id joins it)
Saraqeb,35.8645,36.8059,HTS,2019-04-01,test: on the gazetteer point
Maar Chamarine,35.6161,36.7197,HTS,2019-04-01,test
Deir al-Charqi,35.6045,36.7115,HTS,2019-04-01,test: 1.5 km from Maar Chamarine
"""


@pytest.fixture()
def french_table(tmp_path, outline):
    path = tmp_path / "french.csv"
    path.write_text(FRENCH_BASELINE, encoding="utf-8")
    table = ControlTable.from_baseline(path, outline=outline)
    table.add_events([
        _event("Khan Shaykhun", 35.44208, 36.65095, "2019-08-21", "regime"),
        _event("Kafr Ruma", 35.63661, 36.63293, "2020-02-27", "regime"),
        _event("Al-Lataminah", 35.32149, 36.62292, "2019-08-23", "regime"),
        _event("Saraqib", 35.86447, 36.80591, "2020-02-27", "rebels"),
    ])  # fmt: skip
    return table


def test_french_and_canonical_spellings_are_one_locality(french_table):
    state = french_table.state_at("2020-02-29")
    assert len(state) == 6, state[["place", "name_as_written"]].values.tolist()
    assert state.place_id.str.len().gt(0).all()
    assert state.place_id.is_unique
    by_place = state.set_index("place")
    assert by_place.controller.to_dict() == {
        "Khan Shaykhun": "regime", "Kafr Ruma": "regime", "Al-Lataminah": "regime",
        "Saraqib": "rebels", "Maar Shamarin": "HTS/jihadists", "Deir al-Sharqi": "HTS/jihadists",
    }  # fmt: skip
    assert by_place.loc["Khan Shaykhun", "name_as_written"] == "Khan Cheikhoun"
    assert by_place.loc["Al-Lataminah", "name_as_written"] == "Latamné"
    # the locality keeps the baseline row's own coordinates
    assert by_place.loc["Khan Shaykhun", "lat"] == pytest.approx(35.4581)
    assert by_place.loc["Khan Shaykhun", "n_obs"] == 2
    # every dispatch observation carries the same id as its baseline row
    obs = french_table.to_geodataframe()
    for written in ("Khan Cheikhoun", "Kafrouma", "Latamné", "Saraqeb"):
        row = obs[obs.name_as_written == written].iloc[0]
        assert (obs.place_id == row.place_id).sum() == 2, written


def test_french_spellings_state_flips_and_areas(french_table):
    before = french_table.state_at("2019-08-20").set_index("place").controller
    after = french_table.state_at("2019-08-24").set_index("place").controller
    assert before["Khan Shaykhun"] == "HTS/jihadists" and after["Khan Shaykhun"] == "regime"
    assert before["Al-Lataminah"] == "rebels" and after["Al-Lataminah"] == "regime"
    assert after["Kafr Ruma"] == "HTS/jihadists"
    areas = french_table.control_areas("2020-02-29").set_index("controller")
    assert areas.n_localities.sum() == 6
    assert areas.loc["regime", "n_localities"] == 3
    changes = french_table.snapshots()["control_changes"].set_index("place")
    assert changes.loc["Khan Shaykhun", "from_controller"] == "HTS/jihadists"
    assert changes.loc["Al-Lataminah", "from_controller"] == "rebels"


def test_identity_tolerance_unresolved_and_homonyms(outline):
    table = ControlTable(outline=outline)
    assert table.same_place_km == 2.5
    # an unknown spelling 2 km from a known locality is that locality
    table.add_baseline("Khan Cheikhoun", 35.44208, 36.65095, "rebels", "2019-07-01")
    table.add_events([_event("Xhn Shqyxn", 35.4600, 36.65095, "2019-08-21", "regime")])
    # a name that resolves far from the row's coordinates keeps its own name and gets no id
    table.add_baseline("Saraqeb", 34.80, 38.90, "IS", "2019-07-01")
    # one unresolved name at two places 30 km apart: two localities (homonyms)
    table.add_baseline("Qzwrtyville", 34.50, 38.50, "IS", "2019-07-01")
    table.add_baseline("Qzwrtyville", 34.77, 38.50, "SDF", "2019-07-01")
    state = table.state_at("2019-09-01")
    assert len(state) == 4
    ks = state[state.place == "Khan Shaykhun"].iloc[0]
    assert ks.controller == "regime" and ks.n_obs == 2
    far = state[state.name_as_written == "Saraqeb"].iloc[0]
    assert far.place == "Saraqeb" and far.place_id == ""
    assert sorted(state[state.place == "Qzwrtyville"].controller) == ["IS", "SDF/Kurdish forces"]


def test_resolution_can_be_turned_off(outline):
    table = ControlTable(outline=outline, gazetteer=False)
    table.add_baseline("Khan Cheikhoun", 35.4427, 36.6497, "rebels", "2019-07-01")
    table.add_events([_event("Khan Shaykhun", 35.44208, 36.65095, "2019-08-21", "regime")])
    state = table.state_at("2019-08-22")
    assert state.place.tolist() == ["Khan Cheikhoun"] and state.place_id.tolist() == [""]
    assert state.controller.tolist() == ["regime"]


# ---------------------------------------------------------------- control intervals and bounded snapshots
def _state_from_intervals(intervals, day):
    day = pd.Timestamp(day)
    hit = intervals[(intervals.valid_from <= day) & (intervals.valid_to.isna() | (intervals.valid_to > day))]
    return hit.set_index("place")[["controller", "status", "confidence", "contested_by"]]


def test_intervals_agree_with_state_at_every_date(outline):
    """Claimed, partial, reversed, counter-claims within the window, confirmations: intervals agree with state_at."""
    table = ControlTable(outline=outline)
    table.add_baseline("A", 35.2, 37.0, "rebels", "2019-01-01")
    table.add_baseline("B", 35.4, 37.0, "rebels", "2019-01-01")
    table.add_baseline("C", 35.6, 37.0, "regime", "2019-01-01")
    table.add_events([
        _event("A", 35.2, 37.0, "2019-02-01", "regime", status="claimed"),
        _event("A", 35.2, 37.0, "2019-02-03", "rebels"),               # counter-claim within 3 days: contested
        _event("A", 35.2, 37.0, "2019-03-01", "regime"),
        _event("A", 35.2, 37.0, "2019-03-15", "regime"),               # confirmation: same period
        _event("B", 35.4, 37.0, "2019-02-10", "regime", status="partial"),
        _event("B", 35.4, 37.0, "2019-02-20", "regime", status="reversed"),  # never changes the state
        _event("C", 35.6, 37.0, "2019-04", "rebels", precision="month"),
    ])  # fmt: skip
    intervals = table.intervals()
    assert intervals.crs.to_epsg() == 4326 and (intervals.geometry.geom_type == "Point").all()
    a = intervals[intervals.place == "A"]
    assert a.controller.tolist() == ["rebels", "regime", "contested", "regime"]
    assert a.confidence.tolist() == ["high", "low", "low", "high"]
    assert int(a.n_obs.iloc[-1]) == 2  # the confirmation joined the period it confirms
    assert (a.valid_to.iloc[:-1].values == a.valid_from.iloc[1:].values).all()  # periods tile time
    assert intervals[intervals.place == "B"].controller.tolist() == ["rebels", "contested"]
    c = intervals[intervals.place == "C"]
    assert str(c.valid_from.iloc[-1].date()) == "2019-04-30"  # month precision: the month's last day
    days = pd.date_range("2018-12-30", "2019-05-10", freq="D")
    for day in days:
        expected = table.state_at(day.date()).set_index("place")[["controller", "status", "confidence", "contested_by"]]
        got = _state_from_intervals(intervals, day)
        rows = lambda f: sorted(f.reset_index().astype(object).itertuples(index=False, name=None))  # noqa: E731
        assert rows(got) == rows(expected), day


def test_default_snapshot_dates_are_bounded(outline):
    """Hundreds of change dates over years: about 60 snapshots by default; --step / --dates still give more."""
    table = ControlTable(outline=outline, gazetteer=False)
    start = dt.date(2015, 1, 1)
    for i in range(400):  # a change every 4 days for over 4 years, on 8 localities
        day = start + dt.timedelta(days=4 * i)
        table.add_events([_event(f"p{i % 8}", 35.0 + 0.1 * (i % 8), 37.0, day.isoformat(),
                                 "regime" if i % 2 else "rebels")])  # fmt: skip
    days = table.default_dates()
    assert 2 < len(days) <= 60
    assert days[0] == start and days[-1] == start + dt.timedelta(days=4 * 399)
    assert table.default_dates(max_dates=500) == sorted({o.date for o in table.observations})
    layers = table.snapshots()
    assert layers["control_areas"].date_from.nunique() == len(days)
    assert len(layers["control"]) <= 400  # intervals: at most one per observation, never localities x dates
    weekly = table.snapshots(step="1W")
    assert weekly["control_areas"].date_from.nunique() > 200


@pytest.mark.parametrize(
    ("first", "last", "step"),
    [("2019-01-01", "2019-06-30", "1W"), ("2019-01-01", "2022-06-30", "1M"),
     ("2012-01-01", "2024-12-31", "3M"), ("1990-01-01", "2024-12-31", "9M")],
)  # fmt: skip
def test_bounded_step_by_span(first, last, step):
    from geo.spatial.control import bounded_step

    d1, d2 = parse_date(first)[0], parse_date(last)[0]
    assert bounded_step(d1, d2) == step
    assert len(snapshot_dates([d1, d2], step)) <= 61


def test_areas_and_lines_simplified_for_display(grid_table):
    import shapely

    exact = grid_table.snapshots(simplify_m=0)
    shown = grid_table.snapshots()
    for name in ("control_areas", "front_lines"):
        n_exact = int(shapely.get_num_coordinates(exact[name].geometry.values).sum())
        n_shown = int(shapely.get_num_coordinates(shown[name].geometry.values).sum())
        assert n_shown < n_exact, name
    # measured before simplification; the drawn shapes stay within the tolerance
    assert shown["control_areas"].area_km2.tolist() == exact["control_areas"].area_km2.tolist()
    a = exact["control_areas"].to_crs(METRIC_CRS).geometry.values
    b = shown["control_areas"].to_crs(METRIC_CRS).geometry.values
    assert (shapely.hausdorff_distance(a, b) <= 100.0 + 1e-6).all()


# ---------------------------------------------------------------- identity from the extraction, dates
def test_an_events_place_id_is_kept_without_asking_the_gazetteer(outline):
    class NoGaz:
        def resolve(self, name, near=None):
            raise AssertionError(f"the gazetteer was asked about {name!r}")

    table = ControlTable(outline=outline, gazetteer=NoGaz())
    ev = _event("Khan Shaykhun", 35.44, 36.65, "2019-08-20", "regime")
    ev.place_id = "curated:47"
    assert table.add_events([ev]) == 1
    obs = table.observations[0]
    assert (obs.place, obs.place_id, obs.name_as_written) == ("Khan Shaykhun", "curated:47", "Khan Shaykhun")


def test_a_month_stays_a_month_whatever_the_precision_says():
    assert parse_date("2019-08", "year") == (dt.date(2019, 8, 31), "month")
    assert parse_date("2019-08-10", "year") == (dt.date(2019, 12, 31), "year")
    assert parse_date("2019", "month") == (dt.date(2019, 12, 31), "year")
    assert parse_date("2019-08", "day") == (dt.date(2019, 8, 31), "month")
