"""GeoPackage writer (geo.write.gpkg): layers, types, CRS, QGIS styles, atomic write, no GDAL warnings."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

gpd = pytest.importorskip("geopandas")
pd = pytest.importorskip("pandas")
pyogrio = pytest.importorskip("pyogrio")
shapely = pytest.importorskip("shapely")

from gazetteer.errors import InputError  # noqa: E402
from geo.model import Document, Event, FrontObservation, Mention  # noqa: E402
from geo.spatial.admin import join_admin, load_boundaries  # noqa: E402
from geo.spatial.aggregate import aggregate_by_admin  # noqa: E402
from geo.spatial.frames import to_geodataframe  # noqa: E402
from geo.write.gpkg import default_style, write_geopackage  # noqa: E402

OGRINFO = shutil.which("ogrinfo")


def sample_docs() -> list[Document]:
    """Hand-built documents: strikes by several actors, a control change, an unlocated event."""
    strikes = [
        ("Saraqib", 35.864, 36.806, "Russia", 12, "2019-05-14"),
        ("Aleppo", 36.20, 37.16, "regime", 3, "2019-05-15"),
        ("Kafranbel", 35.61, 36.56, "HTS/jihadists", 40, "2019-05-16"),
        ("Raqqa", 35.95, 39.01, "coalition", 150, "2017-08-01"),
        ("Hasakah", 36.50, 40.75, "SDF/Kurdish forces", None, "2019-10-10"),
        ("Afrin", 36.51, 36.87, "Turkey", 2, "2018-02-01"),
        ("Deir ez-Zor", 35.33, 40.14, "IS", 60, "2017-09-09"),
        ("Douma", 33.57, 36.40, "regime", 70, "2018-04-07"),
        ("Jablah", 35.3615, 35.9217, None, 1, "2019-05-01"),
    ]
    events = [
        Event(kind="strike", place=p, lat=lat, lon=lon, actor=a, killed=k, date=d,
              date_precision="day", evidence=f"Frappe sur {p} <script>x</script>", source="test")
        for p, lat, lon, a, k, d in strikes
    ]
    events.append(Event(kind="control_change", place="Khan Shaykhun", lat=35.44, lon=36.65,
                        new_controller="regime", actor="regime", date="2019-08", date_precision="month"))
    events.append(Event(kind="strike", place="quelque part", actor="unknown", killed=4))
    return [
        Document(
            id="doc1", source="test", text="", date="2019-05-16", date_precision="day", events=events,
            mentions=[Mention(surface="Saraqeb", start=0, end=7, name="Saraqib", lat=35.864, lon=36.806),
                      Mention(surface="Ariha", start=10, end=15, name="Ariha", lat=35.81, lon=36.61),
                      Mention(surface="Nulle-part", start=20, end=30)],
            front_observations=[FrontObservation(actor="regime", place="Maarat al-Numan", lat=35.64,
                                                 lon=36.67, distance_km=4.0, date="2019-05-14",
                                                 date_precision="day", evidence="", source="test")],
        )
    ]


def sample_layers() -> dict[str, object]:
    docs = sample_docs()
    events = join_admin(to_geodataframe(docs, layer="events"))
    mentions = join_admin(to_geodataframe(docs, layer="mentions"))
    gov = aggregate_by_admin(events, load_boundaries(1))
    return {"events": events, "mentions": mentions, "governorates": gov}


@pytest.fixture
def gpkg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(tmp_path / "nodata"))
    return write_geopackage(tmp_path / "out" / "events.gpkg", sample_layers())


def test_layers_counts_crs(gpkg: Path) -> None:
    layers = dict(pyogrio.list_layers(gpkg).tolist())
    assert layers == {
        "events": "Point",
        "mentions": "Point",
        "governorates": "MultiPolygon",
        "events_unlocated": None,
        "mentions_unlocated": None,
        "layer_styles": None,
    }
    ev = pyogrio.read_dataframe(gpkg, layer="events")
    assert len(ev) == 10 and ev.crs.to_epsg() == 4326
    assert len(pyogrio.read_dataframe(gpkg, layer="events_unlocated")) == 1
    assert len(pyogrio.read_dataframe(gpkg, layer="mentions")) == 2
    gov = pyogrio.read_dataframe(gpkg, layer="governorates")
    assert len(gov) == 14 and gov.crs.to_epsg() == 4326
    idleb = gov.set_index("adm1_pcode").loc["SY07"]
    assert idleb["killed"] == 52 and idleb["control_changes"] == 1
    info = pyogrio.read_info(gpkg, layer="events")
    assert info["geometry_type"] == "Point"
    assert not gpkg.with_name(".events.gpkg").exists()
    assert [p.name for p in gpkg.parent.iterdir()] == ["events.gpkg"]  # no temp file left


def test_field_types(gpkg: Path) -> None:
    con = sqlite3.connect(gpkg)
    try:
        decl = {row[1]: row[2] for row in con.execute('PRAGMA table_info("events")')}
        gdecl = {row[1]: row[2] for row in con.execute('PRAGMA table_info("governorates")')}
        version = con.execute("PRAGMA user_version").fetchone()[0]
        assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'rtree_events_geom'").fetchone()[0] == 1
        assert con.execute("SELECT srs_id FROM gpkg_geometry_columns WHERE table_name='events'").fetchone()[0] == 4326
        assert con.execute("SELECT date FROM events WHERE place = 'Saraqib'").fetchone()[0] == "2019-05-14"
    finally:
        con.close()
    assert version == 10200  # GeoPackage 1.2
    assert decl["date"] == "DATE" and decl["date_end"] == "DATE" and decl["doc_date"] == "DATE"
    assert decl["killed"] in ("MEDIUMINT", "INTEGER")
    assert decl["killed_min"] == "BOOLEAN" and decl["adm_nearest"] == "BOOLEAN"
    assert decl["lat"] in ("REAL", "DOUBLE")
    assert decl["place"] == "TEXT"
    assert gdecl["first_date"] == "DATE" and gdecl["killed"] in ("MEDIUMINT", "INTEGER")
    assert gdecl["killed_min_flag"] == "BOOLEAN"
    assert all(len(name) <= 30 for name in decl)
    ev = pyogrio.read_dataframe(gpkg, layer="events")
    assert ev.loc[ev["place"] == "Hasakah", "killed"].isna().all()  # null stays null, not 0


def test_layer_styles(gpkg: Path) -> None:
    con = sqlite3.connect(gpkg)
    try:
        rows = con.execute(
            "SELECT f_table_name, f_geometry_column, styleName, useAsDefault, styleQML FROM layer_styles"
        ).fetchall()
        contents = con.execute(
            "SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'"
        ).fetchone()
        cols = [r[1] for r in con.execute('PRAGMA table_info("layer_styles")')]
    finally:
        con.close()
    assert cols == ["id", "f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column",
                    "styleName", "styleQML", "styleSLD", "useAsDefault", "description", "owner",
                    "ui", "update_time"]
    assert contents == ("attributes",)
    by_layer = {r[0]: r for r in rows}
    assert set(by_layer) == {"events", "mentions", "governorates"}
    for name, geom, _style, default, qml in rows:
        assert geom == "geom" and default == 1
        assert qml == default_style(name)
    assert 'type="categorizedSymbol" attr="actor"' in by_layer["events"][4]
    assert "sqrt(coalesce(\"killed\", 0))" in by_layer["events"][4]  # sizes: 1, 10, 100 killed clearly apart
    assert 'type="graduatedSymbol" attr="killed"' in by_layer["governorates"][4]


def test_style_fields_exist(gpkg: Path) -> None:
    """Every field a packaged style refers to is written (styles use the real field names)."""
    ev = pyogrio.read_info(gpkg, layer="events")["fields"]
    gov = pyogrio.read_info(gpkg, layer="governorates")["fields"]
    for field in ("actor", "killed", "place"):
        assert field in ev
    for field in ("killed", "adm1_name", "killed_min_flag"):
        assert field in gov


@pytest.mark.skipif(OGRINFO is None, reason="GDAL ogrinfo not installed")
def test_no_gdal_warnings(gpkg: Path) -> None:
    proc = subprocess.run([OGRINFO, "-ro", "-so", "-al", str(gpkg)], capture_output=True, text=True,
                          check=True, timeout=60)
    out = proc.stdout + proc.stderr
    assert "Warning" not in out and "ERROR" not in out
    assert "Layer name: events" in out and "date: Date" in out


def test_custom_styles_and_errors(tmp_path: Path) -> None:
    pts = gpd.GeoDataFrame({"n": [1]}, geometry=[shapely.Point(36.0, 35.0)], crs=4326)
    qml = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis></qgis>"
    out = write_geopackage(tmp_path / "a.gpkg", {"pts": pts}, styles={"pts": qml})
    con = sqlite3.connect(out)
    assert con.execute("SELECT f_table_name, styleQML FROM layer_styles").fetchall() == [("pts", qml)]
    con.close()
    # no packaged style for this layer: no layer_styles table at all
    out2 = write_geopackage(tmp_path / "b.gpkg", {"pts": pts})
    assert "layer_styles" not in dict(pyogrio.list_layers(out2).tolist())
    with pytest.raises(InputError, match="other"):
        write_geopackage(tmp_path / "c.gpkg", {"pts": pts}, styles={"other": qml})
    with pytest.raises(InputError, match="fid"):
        write_geopackage(tmp_path / "d.gpkg", {"pts": pts.assign(fid=[2])})
    with pytest.raises(InputError, match="at most 30"):
        write_geopackage(tmp_path / "e.gpkg", {"pts": pts.assign(**{"x" * 31: [1]})})
    with pytest.raises(InputError, match="no layer"):
        write_geopackage(tmp_path / "f.gpkg", {})
    assert not (tmp_path / "d.gpkg").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.gpkg", "b.gpkg"]  # temp files cleaned


def test_replaces_existing_and_reprojects(tmp_path: Path) -> None:
    target = tmp_path / "x.gpkg"
    target.write_text("old")
    pts = gpd.GeoDataFrame({"n": [1, 2]}, geometry=[shapely.Point(36.0, 35.0), shapely.Point(37, 36)],
                           crs=4326).to_crs("EPSG:32637")
    table = pd.DataFrame({"a": ["x"], "when_text": ["hier"]})
    write_geopackage(target, {"pts": pts, "table": table})
    back = pyogrio.read_dataframe(target, layer="pts")
    assert back.crs.to_epsg() == 4326
    assert back.geometry.iloc[0].x == pytest.approx(36.0)
    assert pyogrio.read_dataframe(target, layer="table")["when_text"].tolist() == ["hier"]
