"""The shipped rivers (``geo/data/rivers.geojson``): valid lon/lat LineStrings in the frame, credited."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from gazetteer import profile
from geo.spatial import derive_rivers


@pytest.fixture(scope="module")
def rivers() -> dict[str, Any]:
    res = resources.files("geo") / "data" / profile.active().rivers
    assert res.is_file()
    data: dict[str, Any] = json.loads(res.read_text(encoding="utf-8"))
    return data


def test_valid_linestrings_in_lon_lat_within_the_bounds(rivers: dict[str, Any]) -> None:
    from shapely.geometry import shape

    s, w, n, e = profile.active().bounds
    m = derive_rivers.MARGIN
    assert rivers["type"] == "FeatureCollection" and "crs" not in rivers  # RFC 7946: EPSG:4326 lon/lat
    assert len(rivers["features"]) > 20
    for feature in rivers["features"]:
        geom = shape(feature["geometry"])
        assert geom.geom_type == "LineString" and geom.is_valid and not geom.is_empty and geom.length > 0
        x0, y0, x1, y1 = geom.bounds
        assert w - m - 1e-3 <= x0 <= x1 <= e + m + 1e-3 and s - m - 1e-3 <= y0 <= y1 <= n + m + 1e-3
        assert isinstance(feature["properties"]["name"], str)


def test_attribution_licence_and_names(rivers: dict[str, Any]) -> None:
    assert rivers["attribution"] == derive_rivers.ATTRIBUTION and "GSHHG" in rivers["attribution"]
    assert rivers["license"] == "LGPL-3.0-or-later"
    licences = resources.files("geo") / "data" / "licences"
    assert "LESSER GENERAL PUBLIC LICENSE" in (licences / "LGPL-3.0.txt").read_text(encoding="utf-8")
    assert (licences / "GPL-3.0.txt").is_file()
    names = {f["properties"]["name"] for f in rivers["features"]}
    assert {"Euphrates", "Tigris", "Orontes", "Khabur", "Yarmouk", "Barada"} <= names
    assert {label["name"] for label in rivers["labels"]} == names - {""}


def test_small_enough_to_embed_in_every_page() -> None:
    res = resources.files("geo") / "data" / profile.active().rivers
    assert len(res.read_bytes()) < 150_000


def test_basemap_layers_carry_rivers_and_labels() -> None:
    from geo.render.basemap import basemap_layers

    layers = basemap_layers()
    assert layers["rivers"]["features"] and layers["river_labels"] and "GSHHG" in layers["river_attribution"]
    assert set(layers["rivers"]["features"][0]["properties"]) == {"name"}


def test_naming_by_anchor_points() -> None:
    from shapely.geometry import LineString

    assert derive_rivers._name_of(LineString([(40.10, 35.30), (40.20, 35.38)])) == "Euphrates"
    assert derive_rivers._name_of(LineString([(38.0, 33.0), (38.1, 33.1)])) == ""
