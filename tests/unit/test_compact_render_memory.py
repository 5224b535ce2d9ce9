"""The map's data built in less memory: the spool's digest index and JSON written in pieces."""

from __future__ import annotations

import json

import pytest

from geo.render import eventstream
from geo.render.html import script_json, script_json_pieces
from geo.render.packjson import pack


def test_spooled_table_positions_in_order_of_first_sight(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(eventstream, "_MERGE_EVERY", 3)  # many merges into the sorted arrays
    table = eventstream._SpooledTable(tmp_path / "t.json")
    values = [f"dépêche {i % 7} {{%" for i in range(40)] + [["a", 1], ["a", 1], "x", "dépêche 3 {%"]
    got: list[int] = []
    for start in range(0, len(values), 5):
        got += table.indexes(values[start:start + 5])
    first: dict[str, int] = {}
    want = [first.setdefault(repr(v), len(first)) for v in values]
    assert got == want
    distinct = {repr(v): v for v in values}.values()
    assert json.loads("".join(table.file.pieces())) == [json.loads(json.dumps(v)) for v in distinct]
    table.file.close()


@pytest.mark.parametrize("value", [
    {"a": [1, 2, {"b": "</script> {{ x }} {% y %} {# z #}"}], "c": list(range(100)), "d": {}, "e": []},
    pack({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"p": f"lieu {i} & <b>{{%", "n": i}} for i in range(80)]}),
    [{"{": "{"}, "{{", ["{", "%"], "\u2028"],
    {1: "non-string keys stay whole"},
    "plain",
])
def test_script_json_pieces_join_to_script_json(value) -> None:
    pieces = list(script_json_pieces(value))
    assert "".join(pieces) == script_json(value)


def test_pieces_below_the_split_depth_are_whole_and_still_join_to_script_json() -> None:
    from geo.render.html import _SPLIT_DEPTH, script_json, script_json_pieces

    deep: object = {"a": "</script><b>{{x}}</b>", "n": [1.5, None, "\u2028"]}
    for level in range(_SPLIT_DEPTH + 3):
        deep = {f"k{level}": [deep, {"{%": level}]}
    pieces = list(script_json_pieces(deep))
    assert "".join(pieces) == script_json(deep)
    assert len(pieces) < 60  # the small values under the split depth come as one piece each
