"""The map's area and line geometries made on whole arrays: the same as one geometry at a time."""

from __future__ import annotations

import pytest

shapely = pytest.importorskip("shapely")

from shapely.geometry import (  # noqa: E402
    GeometryCollection,
    LineString,
    MultiLineString,
    MultiPolygon,
    Point,
    Polygon,
    mapping,
)

from geo.render.frontdata import _mapping, geojson_geometries, geojson_geometry  # noqa: E402


def _one_by_one(geom, *, simplify):
    """The per-geometry way the map used: simplify, make_valid, snap (each vertex rounded on a conflict)."""
    if simplify:
        geom = geom.simplify(0.0005, preserve_topology=True)
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    try:
        geom = shapely.set_precision(geom, 1e-5)
    except shapely.errors.GEOSException:
        geom = shapely.set_precision(geom, 1e-5, mode="pointwise")
    return mapping(geom)


SQUARE = Polygon([(36.0, 35.0), (36.2, 35.0), (36.2, 35.2), (36.0, 35.2)])
HOLED = Polygon([(37.0, 35.0), (37.3, 35.0), (37.3, 35.3), (37.0, 35.3)],
                [[(37.1, 35.1), (37.2, 35.1), (37.2, 35.2), (37.1, 35.2)]])  # fmt: skip
WIGGLY = LineString([(36.0 + i / 1000, 35.0 + (i % 7) / 30000) for i in range(300)])
# Two parts overlapping by a sliver far under the grid, as reprojected areas do: invalid.
_X = 38.1 - 1e-9
SLIVER = MultiPolygon([Polygon([(38.0, 35.0), (38.1, 35.0), (38.1, 35.1), (38.0, 35.1)]),
                       Polygon([(_X, 35.02), (38.2, 35.02), (38.2, 35.08), (_X, 35.08)])])  # fmt: skip
VALID = [SQUARE, HOLED, MultiPolygon([SQUARE, HOLED]), WIGGLY, MultiLineString([WIGGLY, [(36.5, 35.5), (36.6, 35.6)]])]


@pytest.mark.parametrize("simplify", [True, False])
def test_valid_geometries_as_one_at_a_time(simplify):
    assert geojson_geometries(VALID, simplify=simplify) == [_one_by_one(g, simplify=simplify) for g in VALID]
    assert [geojson_geometry(g, simplify=simplify) for g in VALID] == geojson_geometries(VALID, simplify=simplify)


def test_sliver_overlap_repaired_by_the_snap_to_the_same_area():
    assert not SLIVER.is_valid
    (got,) = geojson_geometries([SLIVER], simplify=True)
    new, old = shapely.geometry.shape(got), shapely.geometry.shape(_one_by_one(SLIVER, simplify=True))
    assert new.is_valid
    assert new.equals(old)
    assert new.symmetric_difference(old).area < 1e-3 * old.area


def test_bow_tie_goes_through_make_valid():
    # shoelace area 0: the snap alone would not give the same area
    bow_tie = Polygon([(36.0, 35.0), (36.1, 35.1), (36.1, 35.0), (36.0, 35.1)])
    (got,) = geojson_geometries([bow_tie], simplify=False)
    assert got == _one_by_one(bow_tie, simplify=False)
    assert shapely.geometry.shape(got).area == pytest.approx(0.005)


def test_mapping_same_values_and_types_as_shapely():
    empty_parts = [Polygon(), MultiPolygon(), LineString(), Point(1, 2), GeometryCollection([SQUARE, WIGGLY])]
    for geom in [*VALID, *empty_parts, MultiPolygon([HOLED, SQUARE]), LineString([(0, 0, 1), (1, 1, 2)])]:
        assert _mapping(geom) == mapping(geom)
        assert repr(_mapping(geom)) == repr(mapping(geom))  # tuples stay tuples, lists lists


def test_empty_input():
    assert geojson_geometries([], simplify=True) == []


def test_more_geometries_than_a_chunk():
    many = [*VALID, SLIVER] * 60  # several chunks of frontdata._CHUNK
    assert geojson_geometries(many, simplify=True) == [geojson_geometry(g, simplify=True) for g in many]


def test_invalid_line_goes_through_make_valid():
    spike = LineString([(36.0, 35.0), (36.0, 35.0)])  # too few distinct points: invalid, no area
    assert not spike.is_valid
    both = [spike, WIGGLY]
    assert geojson_geometries(both, simplify=False) == [_one_by_one(g, simplify=False) for g in both]
