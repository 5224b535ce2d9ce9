"""The column-wise encoding of the map's event data (geo.render.eventdata.encode_rows): cell conversions."""

from __future__ import annotations

import json
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from geo.render.eventdata import event_columns
from geo.render.eventstream import EventSpool
from geo.render.html import script_json


def _key(value: Any) -> str:
    return "unknown" if value is None or value != value else str(value).strip().casefold() or "unknown"


def _frame(rows: list[dict[str, Any]], *, objects: bool) -> gpd.GeoDataFrame:
    frame = pd.DataFrame(rows)
    if objects:
        frame = frame.astype(object)
    points = [Point(36.0 + i / 100, 35.0) for i in range(len(rows))]
    return gpd.GeoDataFrame(frame, geometry=points, crs="EPSG:4326")


ROWS: list[dict[str, Any]] = [
    {"kind": "strike", "place": " Alep ", "killed": "12", "killed_min": "yes", "geo_precision": "2",
     "actor": "regime", "actor_text": "l'armée", "injured": 4.0, "evidence": "Une frappe.", "source": "AFP"},
    {"kind": "strike", "place": "Alep", "killed": 3.0, "killed_min": True, "geo_precision": 1,
     "actor": None, "actor_text": None, "injured": None, "evidence": " Une frappe. ", "source": None},
    {"kind": " ", "place": None, "killed": None, "killed_min": 1, "geo_precision": None,
     "actor": "  ", "actor_text": "", "injured": "x", "evidence": None, "source": "AFP"},
    {"kind": "control_change", "place": "", "killed": "x", "killed_min": "no", "geo_precision": 7,
     "actor": "rebels", "new_controller": "regime", "evidence": "", "source": "  "},
]


def _columns(objects: bool) -> dict[str, Any]:
    return event_columns(_frame(ROWS, objects=objects), actor_colour=lambda a: "#000000", actor_key=_key)


def test_cells_are_read_as_text_once_per_distinct_value() -> None:
    for objects in (False, True):
        data = _columns(objects)
        assert data["n_killed"] == [12, 3, None, None]
        assert data["f"] == [1, 1, 1, 8]
        assert data["g"] == [2, 1, 0, 0]
        assert data["tables"]["place"] == [["Alep", ""], ["", ""]] and data["p"] == [0, 0, 1, 1]
        assert data["tables"]["kind"] == [["strike", ""], ["event", ""], ["control_change", ""]]
        assert data["e"] == [0, 0, None, None] and data["s"] == [0, None, 0, None]
        extra = [dict(data["tables"]["extra"][x]) for x in data["x"]]
        assert extra[0] == {"Actor": "regime (l'armée)", "Casualties": "≥ 12 killed; 4 injured"}
        assert extra[1] == {"Casualties": "≥ 3 killed"} and extra[2] == {}
        assert extra[3] == {"Actor": "rebels", "Control": "? → regime"}
        assert [data["tables"]["actor"][a] for a in data["a"]] == ["regime", "unknown", "unknown", "regime"]


def test_spooled_chunks_give_the_same_data() -> None:
    frame = _frame(ROWS * 3, objects=True)
    spool = EventSpool(actor_colour=lambda a: "#000000", actor_key=_key)
    try:
        for start in range(0, len(frame), 5):
            spool.add(frame.iloc[start:start + 5])
        text = spool.text()
    finally:
        spool.close()
    whole = event_columns(frame, actor_colour=lambda a: "#000000", actor_key=_key)
    assert text == script_json(whole) and json.loads(text)["x"] == whole["x"]
