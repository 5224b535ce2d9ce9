"""Boundaries and the polygon join (geo.spatial.admin)."""

from __future__ import annotations

from pathlib import Path

import pytest

gpd = pytest.importorskip("geopandas")
shapely = pytest.importorskip("shapely")

from gazetteer import profile  # noqa: E402
from gazetteer.errors import DataError, InputError  # noqa: E402
from geo.spatial import admin  # noqa: E402

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
OCHA_2020 = SHARED / "data" / "ocha_cod_ab_2020"
OCHA_2016_ADM3 = SHARED / "data" / "ocha_cod_ab_2016_topojson" / "syr_admin3_subdistricts.derived.geojson"

SARAQIB = (36.806, 35.864)  # lon, lat
ALEPPO = (37.16, 36.20)
TARTUS_COAST = (35.887, 34.889)
JABLAH = (35.9217, 35.3615)  # on the coast, outside the generalised Natural Earth coastline
BEIRUT = (35.50, 33.89)  # Lebanon, > 10 km from Syria


def _points(coords: list[tuple[float, float] | None], **cols: list[object]) -> gpd.GeoDataFrame:
    geoms = [None if c is None else shapely.Point(c) for c in coords]
    return gpd.GeoDataFrame(cols, geometry=geoms, crs=4326)


@pytest.fixture
def no_installed_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture(scope="module")
def ocha_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with OCHA ADM1/ADM2 (2020) as GeoPackage and ADM3 (2016) as GeoJSON."""
    if not OCHA_2020.is_dir() or not OCHA_2016_ADM3.is_file():
        pytest.skip("../shared OCHA boundaries not available")
    root = tmp_path_factory.mktemp("data")
    bdir = root / "boundaries"
    bdir.mkdir()
    for n in (1, 2):
        src = gpd.read_file(OCHA_2020 / f"syr_admbnda_adm{n}_uncs_unocha.json")
        src.to_file(bdir / f"adm{n}.gpkg", driver="GPKG", layer=f"adm{n}")
    (bdir / "adm3.geojson").write_bytes(OCHA_2016_ADM3.read_bytes())
    return root


def test_embedded_boundaries(no_installed_data: Path) -> None:
    b = admin.load_boundaries(1)
    assert len(b) == 14
    assert sorted(b["adm1_pcode"]) == [f"SY{i:02d}" for i in range(1, 15)]
    assert b.crs.to_epsg() == 4326
    assert b.geometry.is_valid.all()
    assert dict(zip(b["adm1_pcode"], b["adm1_name"], strict=True))["SY07"] == "Idleb"
    assert admin.load_boundaries(2) is None
    assert admin.load_boundaries(3) is None
    with pytest.raises(DataError, match="adm3"):
        admin.load_boundaries(3, required=True)
    with pytest.raises(InputError, match="4"):
        admin.load_boundaries(4)


def test_country_outline_contains_cities(no_installed_data: Path) -> None:
    outline = admin.country_outline()
    assert outline.contains(shapely.Point(SARAQIB))
    assert not outline.contains(shapely.Point(BEIRUT))
    assert 17.0 < outline.area < 20.0  # square degrees; Syria is ~185,000 km2


def test_join_admin_embedded(no_installed_data: Path) -> None:
    pts = _points(
        [SARAQIB, ALEPPO, TARTUS_COAST, JABLAH, BEIRUT, None],
        adm1=["Hama", "Aleppo", None, None, None, "Idleb"],
        adm1_pcode=["SY05", "SY02", None, None, None, "SY07"],
    )
    out = admin.join_admin(pts)
    assert out["adm1_pcode"].tolist()[:4] == ["SY07", "SY02", "SY10", "SY06"]
    assert out["adm1_pcode"].isna().tolist()[4:] == [True, True]
    assert out["adm1_name"].iloc[0] == "Idleb"
    # the gazetteer's label is kept for comparison, the polygon join replaces it
    assert out["adm1_gaz"].iloc[0] == "Hama"
    assert out["adm1_pcode_gaz"].iloc[0] == "SY05"
    assert "adm1" not in out.columns
    # Tartus point: inside the polygon or taken by nearest; Jablah is outside the coastline
    assert out["adm_nearest"].dtype == bool
    assert out["adm_nearest"].tolist()[3:] == [True, False, False]
    assert not out["adm_nearest"].iloc[0]
    assert "adm2_pcode" not in out.columns  # not installed: level skipped


def test_join_admin_tolerance(no_installed_data: Path) -> None:
    pts = _points([JABLAH])
    assert admin.join_admin(pts, tolerance_km=0)["adm1_pcode"].isna().all()
    assert admin.join_admin(pts, tolerance_km=10)["adm1_pcode"].iloc[0] == "SY06"
    with pytest.raises(InputError, match="tolerance_km"):
        admin.join_admin(pts, tolerance_km=-1)


def test_join_admin_other_crs_and_empty(no_installed_data: Path) -> None:
    pts = _points([SARAQIB]).to_crs(profile.active().metric_crs)
    out = admin.join_admin(pts)
    assert out["adm1_pcode"].iloc[0] == "SY07"
    assert out.crs == pts.crs  # geometry left as given
    empty = admin.join_admin(_points([]))
    assert len(empty) == 0 and "adm1_pcode" in empty.columns


def test_ocha_levels_from_data_dir(ocha_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(ocha_dir))
    b2 = admin.load_boundaries(2)
    assert len(b2) == 62
    assert {"adm1_pcode", "adm1_name", "adm2_pcode", "adm2_name"} <= set(b2.columns)
    b3 = admin.load_boundaries(3)
    assert len(b3) == 272
    assert b3.geometry.is_valid.all()  # the 2016 quantised polygons are made valid
    assert {"adm1_pcode", "adm2_pcode", "adm3_pcode", "adm3_name"} <= set(b3.columns)

    out = admin.join_admin(_points([SARAQIB, ALEPPO]))
    assert out["adm1_pcode"].tolist() == ["SY07", "SY02"]
    assert out["adm1_name"].iloc[0] == "Idleb"
    assert out["adm2_pcode"].tolist() == ["SY0700", "SY0200"]
    assert out["adm3_pcode"].iloc[0] == "SY070003"
    assert out["adm3_name"].iloc[0] == "Saraqab"
    # the outline follows the installed ADM1
    assert admin.country_outline().area == pytest.approx(b2.union_all().area, rel=0.01)


def test_bad_installed_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bdir = tmp_path / "boundaries"
    bdir.mkdir()
    bad = gpd.GeoDataFrame({"foo": ["x"]}, geometry=[shapely.Point(36, 35).buffer(1)], crs=4326)
    bad.to_file(bdir / "adm2.gpkg", driver="GPKG")
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(tmp_path))
    with pytest.raises(DataError, match=r"adm2\.gpkg"):
        admin.load_boundaries(2)


def test_fast_within_equals_sjoin_within():
    """The grid fast path of the join gives sjoin's answer, polygon vertices and far points included."""
    import geopandas as gpd
    import numpy as np
    import shapely

    from geo.spatial.admin import _within, load_boundaries

    bnd = load_boundaries(1)
    rng = np.random.default_rng(3)
    x0, y0, x1, y1 = bnd.total_bounds
    xs = list(rng.uniform(x0 - 1, x1 + 1, 20000))
    ys = list(rng.uniform(y0 - 1, y1 + 1, 20000))
    verts = shapely.get_coordinates(bnd.geometry.values)[::7]  # on the edges shared by two governorates
    xs += list(verts[:, 0])
    ys += list(verts[:, 1])
    pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(xs, ys), crs=4326)
    hit_pt, hit_poly = _within(pts.geometry.values, bnd.geometry.values)
    ref = gpd.sjoin(pts, bnd[["geometry"]], how="inner", predicate="within")
    ref = ref[~ref.index.duplicated(keep="first")]
    assert dict(zip(hit_pt.tolist(), hit_poly.tolist(), strict=True)) == dict(
        zip(ref.index.tolist(), ref["index_right"].tolist(), strict=True)
    )
    assert len(hit_pt) > 5000
