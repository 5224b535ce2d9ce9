"""Compact page data: packed popups (geo.render.eventdata) and packed JSON (geo.render.packjson)."""

from __future__ import annotations

import json

import pytest

from geo.render import eventdata
from geo.render.packjson import pack, packed_script, unpack
from test_webmap import XSS_EVIDENCE, random_events

FEATURES = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(36.12345 + i / 1000, 5), 35.5]},
         "properties": {"place": f"P{i % 3}", "controller": "regime" if i % 2 else None, "n": i}}
        for i in range(6)
    ],
}
SNAPS = [{"date": "2019-01-01", "areas": {"type": "Polygon",
                                          "coordinates": [[[36.1, 35.2], [36.2, 35.25], [36.15, 35.3], [36.1, 35.2]]]}}]


@pytest.mark.parametrize("value", [FEATURES, SNAPS, [], {}, [1, "a", None], {"k": [[1.5, 2.5]]}, [{"a": 1}, {"b": 2}]])
def test_pack_round_trips(value: object) -> None:
    assert unpack(pack(value)) == value
    assert unpack(json.loads(json.dumps(pack(value)))) == value


def test_pack_reads_shapely_tuples() -> None:
    ring = ((36.1, 35.2), (36.2, 35.25), (36.1, 35.2))  # shapely.geometry.mapping gives tuples
    assert "$p" in pack({"coordinates": (ring,)})["coordinates"][0]
    assert unpack(pack({"coordinates": (ring,)})) == {"coordinates": [[list(p) for p in ring]]}


def test_pack_is_smaller_and_safe_in_a_script() -> None:
    assert len(json.dumps(pack(FEATURES))) < len(json.dumps(FEATURES))
    script = packed_script({"features": [{"e": XSS_EVIDENCE}, {"e": XSS_EVIDENCE}]})
    assert script.startswith("cm.unpack(") and "</script" not in script.lower() and "<img" not in script
    with pytest.raises(ValueError, match="reserved"):
        pack({"$p": 1})


def test_big_event_data_packs_popups_and_unpacks_to_the_same() -> None:
    from geo.render.webmap import _actor_key, actor_color

    events = random_events(eventdata.PACK_FROM + 10)
    data = eventdata.event_columns(events, actor_colour=actor_color, actor_key=_actor_key)
    assert set(data) >= {"z", "lat", "lon", "day", "p"} and not {"e", "s", "x"} & set(data)
    assert "evidence" not in data["tables"] and "place" in data["tables"]
    full = eventdata.unpack_popups(data)
    assert XSS_EVIDENCE in full["tables"]["evidence"] and len(full["e"]) == len(events)
    assert eventdata.pack_popups(full) == data  # deterministic (gzip mtime 0)
    small = eventdata.event_columns(events.iloc[:10], actor_colour=actor_color, actor_key=_actor_key)
    assert "z" not in small and eventdata.unpack_popups(small) is small
