"""What keeps a large run's memory flat: spooled control records, column-packed map data, streamed page blocks."""

from __future__ import annotations

import pytest

from geo.model import ControlState, Event
from geo.pipeline.joins import SpooledRecords
from geo.pipeline.report import RunSummary
from geo.render.packjson import Packed, pack, pack_columns

geopandas = pytest.importorskip("geopandas")
pandas = pytest.importorskip("pandas")


def test_spooled_records_read_back_equal_in_order() -> None:
    records = SpooledRecords(Event)
    first = [Event(kind="control_change", place="Saraqib", lat=35.86, lon=36.8, date="2020-02-03",
                   evidence="L'armée a repris « Saraqib » — \ud800", new_controller="regime")]  # fmt: skip
    second = [Event(kind="strike", place=None, lat=None, lon=None, date=None), first[0]]
    records.extend(first)
    digest_one = records.digest
    records.extend(second)
    assert len(records) == 3 and list(records) == [*first, *second]
    assert list(records) == [*first, *second]  # read again
    assert first[0] in records and records.digest != digest_one
    states = SpooledRecords(ControlState)
    assert not states and list(states) == []
    states.extend([ControlState("Douma", 33.57, 36.4, None, "rebels", "2016-01-02", "day", "e", "s")])
    assert [s.controller for s in states] == ["rebels"]
    records.close()
    states.close()


def test_same_records_same_digest() -> None:
    a, b = SpooledRecords(Event), SpooledRecords(Event)
    for records in (a, b):
        records.extend([Event(kind="control_change", place="Kobani", lat=36.89, lon=38.35, date="2015-01-26")])
    assert a.digest == b.digest


@pytest.mark.parametrize("n", [0, 1, 2, 3, 4, 9])
def test_pack_columns_is_pack_of_the_rows(n: int) -> None:
    columns = {"place": [f"p{i % 2}" for i in range(n)], "killed": [i if i % 3 else None for i in range(n)],
               "where": Packed({"type": ["Point"] * n, "coordinates": [[36.1 + i, 35.2] for i in range(n)]})}
    rows = [{"place": f"p{i % 2}", "killed": i if i % 3 else None,
             "where": {"type": "Point", "coordinates": [36.1 + i, 35.2]}} for i in range(n)]  # fmt: skip
    assert pack_columns(columns) == pack(rows)
    assert pack({"features": Packed(columns)}) == pack({"features": rows})


def test_control_points_packed_by_columns_as_by_features() -> None:
    from geo.render.frontdata import (
        change_features,
        change_features_packed,
        observation_features,
        observation_features_packed,
    )

    changes = geopandas.GeoDataFrame(
        {"place": ["A", "B", "A", "C", "D"], "to_controller": ["regime", None, "SDF", "rebels", "x"],
         "from_controller": [None] * 5, "date": pandas.to_datetime(["2020-01-01"] * 4 + [None]),
         "status": ["complete"] * 5, "evidence": ["<b>&</b>", "b", "c", "d", "e"], "source": ["s"] * 5},
        geometry=[*geopandas.points_from_xy([36.1234567, 36.2, 36.3], [35.1] * 3), None,
                  *geopandas.points_from_xy([36.5], [35.1])], crs="EPSG:4326",
    )  # fmt: skip
    n, packed = change_features_packed(changes)
    assert n == 4 and packed == pack(change_features(changes))
    observations = geopandas.GeoDataFrame(
        {"actor": ["regime", "Turkish army", None], "place": ["a", "b", "c"], "date": ["2020-01-01"] * 3,
         "evidence": ["e"] * 3, "source": ["s"] * 3, "distance_km": [4.0, None, 0.0]},
        geometry=geopandas.points_from_xy([36.0, 36.1, 36.2], [35.0] * 3), crs="EPSG:4326",
    )  # fmt: skip
    n, packed = observation_features_packed(observations)
    assert n == 3 and packed == pack(observation_features(observations))
    assert change_features_packed(None)[0] == 0


def test_deferred_blocks_are_streamed_into_the_saved_page(tmp_path) -> None:
    import folium

    from geo.render.html import raw_element
    from geo.render.webmap import defer_block, save_map

    m = folium.Map(location=(35.5, 36.6), zoom_start=9, tiles=None)
    big = '{"evidence":"' + "x" * 3_000_000 + '"}'
    for text in (big, '{"b":2}'):
        m.get_root().html.add_child(raw_element(f'<script type="application/json">{defer_block(m, text)}</script>'))
    page = save_map(m, tmp_path / "map.html").read_text("utf-8")
    assert big in page and '{"b":2}' in page and "cm-block" not in page
    assert page.index(big) < page.index('{"b":2}')


def test_run_summary_notes_memory_per_stage() -> None:
    summary = RunSummary()
    with summary.stage("joins"):
        kept = bytearray(1 << 20)
    peak, resident = summary.stage_memory["joins"]
    assert peak >= resident > 0 and kept
    assert "memory: peak" in summary.summary_text()


def test_observation_rows_spooled_as_their_frame_packed() -> None:
    for evidence in ("e", "{{ x }} <b>", None):  # repeated (packed as distinct values) or not (as a list)
        _spooled_as_packed(evidence)


def _spooled_as_packed(text: str | None) -> None:
    from geo.pipeline.joins import ObservationRows
    from geo.render.frontdata import observation_features_packed, spooled_changes
    from geo.render.html import script_json_pieces

    rows = ObservationRows()
    for offset in (0.0, 1.0):
        evidence = f"{text} {offset}" if text and "{" in text else text
        rows.add(geopandas.GeoDataFrame(
            {"actor": ["regime", None, "Turkish army"], "place": ["a", "b", None],
             "date": pandas.to_datetime(["2020-01-01", None, "2020-01-03"]), "evidence": [evidence, None, "« é »"],
             "source": ["s", "s", "t"], "distance_km": [4.0, None, 0.0]},
            geometry=[*geopandas.points_from_xy([36.0 + offset, 36.1], [35.0, 35.123456789]), None],
            crs="EPSG:4326",
        ))  # fmt: skip
    spooled = rows.spooled()
    n, packed = observation_features_packed(rows.frame())
    assert spooled.n == n == len(rows) == 4
    assert "".join(spooled.pieces()) == "".join(script_json_pieces(packed))
    assert "".join(spooled.pieces()) == "".join(script_json_pieces(packed))  # read again
    spooled.close()
    rows.close()
    empty = spooled_changes(None)
    assert len(empty) == empty.n == 0


def test_json_pieces_are_script_json() -> None:
    from geo.render.html import script_json
    from geo.render.pagestream import json_pieces

    value = {"a": [f"{{{{ x{i} }}}} <b>&\u2028 é" if i % 3 else None for i in range(5000)],
             "b": {"$c": [[1.5, 2], {"k": list(range(3000))}, []], "t": ("x", 1)}, "c": [[0, 1]] * 70}  # fmt: skip
    pieces = list(json_pieces(value))
    assert "".join(pieces) == script_json(value) and max(map(len, pieces)) < len(script_json(value["a"])) / 2


@pytest.mark.parametrize("xs", [[], [36.1234567], [36.1, 36.2000004, 35.99999951], [36.1, float("nan"), 36.3]])
def test_pairs_pack_as_the_pairs(xs: list[float]) -> None:
    from geo.render.packjson import Pairs

    ys = [35.0 + i / 3 for i in range(len(xs))]
    pairs = [[round(x, 6), round(y, 6)] for x, y in zip(xs, ys, strict=True)]
    columns = {"type": ["Point"] * len(xs), "coordinates": Pairs(xs, ys)}
    expected = pack_columns({"type": ["Point"] * len(xs), "coordinates": pairs})
    assert repr(pack_columns(columns)) == repr(expected)  # repr: a NaN is not equal to itself
    assert repr(Packed(columns).rows()) == repr([{"type": "Point", "coordinates": p} for p in pairs])


def test_prepacked_snapshots_pack_as_the_features() -> None:
    from shapely.geometry import LineString, Point, Polygon

    from geo.render.frontmap import build_snapshots

    days = pandas.to_datetime(["2020-01-01", "2020-01-01", "2020-02-01"])
    front = {
        "control_areas": geopandas.GeoDataFrame(
            {"date_from": days, "controller": ["regime", "rebels", "regime"], "area_km2": [1.0, 2.0, 3.0],
             "n_localities": [1, 2, 3]},
            geometry=[Polygon([(36, 35), (36.1, 35), (36.1, 35.1)]), Polygon([(37, 35), (37.2, 35), (37, 35.3)]),
                      Polygon([(36, 35), (36.3, 35), (36.3, 35.1), (36, 35.1)])], crs="EPSG:4326"),
        "front_lines": geopandas.GeoDataFrame(
            {"date_from": days[:2], "side_a": ["regime"] * 2, "side_b": ["rebels"] * 2, "length_km": [1.0, 2.0]},
            geometry=[LineString([(36, 35), (36.1, 35.1)]), LineString([(36, 35), (36.2, 35), (36.2, 35.2)])],
            crs="EPSG:4326"),
        "control": geopandas.GeoDataFrame(
            {"date_from": days, "place": ["a", "b", "c"], "controller": ["regime"] * 3, "observed": days,
             "status": ["complete"] * 3, "confidence": ["high"] * 3, "source": ["s"] * 3},
            geometry=[Point(36, 35), Point(36.5, 35.5), Point(37, 36)], crs="EPSG:4326"),
    }  # fmt: skip
    assert pack(build_snapshots(front, prepacked=True)) == pack(build_snapshots(front))
