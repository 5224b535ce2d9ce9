"""`conflictmap data import / info / clear` on the real reference files of ../shared/data.

Every test installs into a temporary CONFLICTMAP_DATA_DIR (never the user's data folder). Checks:
format detection for each input type, the real files' quirks (swapped ADM0 fields, invalid
polygons) repaired, the manifest (checksums, versions, licences), atomic installs (a bad input
leaves the installed data intact and in use), installed data used by the gazetteer and the join,
and issue 13's two must-shows: the seeds' events carry ADM1-ADM3 P-codes (Joubass in SY070003) and
a GeoNames dump makes villages absent from the embedded data resolve.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from gazetteer import Gazetteer
from gazetteer.datasets import import_paths, installed, installed_attribution, installed_sources
from gazetteer.datasets._manifest import sha256_of
from gazetteer.errors import DataError
from geo.cli import main

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DATA = SHARED / "data"
OCHA20 = DATA / "ocha_cod_ab_2020"
TOPO = DATA / "ocha_cod_ab_2016_topojson" / "syr_admin_json_190321.json"
CITIES = DATA / "geonames" / "SY_cities500.txt"
VILLAGES = Path(__file__).parents[1] / "data" / "geonames" / "SY_villages_handmade.txt"
needs_shared = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is absent")


@pytest.fixture()
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "data"
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(d))
    monkeypatch.setenv("CONFLICTMAP_CACHE_DIR", str(tmp_path / "cache"))
    return d


@pytest.fixture(scope="module")
def ocha_installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the real OCHA files imported once for the module (copied per test)."""
    if not DATA.is_dir():
        pytest.skip("../shared/data is absent")
    d = tmp_path_factory.mktemp("ocha") / "data"
    import_paths([OCHA20 / "syr_admbnda_adm1_uncs_unocha.json", OCHA20 / "syr_admbnda_adm2_uncs_unocha.json", TOPO],
                 directory=d)  # fmt: skip
    return d


def _use(src: Path, data_dir: Path) -> Path:
    shutil.copytree(src, data_dir)
    return data_dir


def _sy_zip(folder: Path, *parts: Path) -> Path:
    """A SY.zip as GeoNames publishes it (SY.txt + readme.txt), from real and hand-made rows."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "SY.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("SY.txt", "".join(p.read_text(encoding="utf-8") for p in parts))
        zf.writestr("readme.txt", "test archive built from SY_cities500 rows and hand-made village rows\n")
    return target


# -- must-show 1: every seed event carries ADM1-ADM3 P-codes -------------------------------------
@needs_shared
def test_seed_events_carry_adm1_to_adm3_pcodes_and_joubass_is_in_saraqab(ocha_installed: Path, data_dir: Path) -> None:
    from geo.extract.document import extract
    from geo.spatial.admin import join_admin
    from geo.spatial.frames import to_geodataframe

    _use(ocha_installed, data_dir)
    docs = list(extract(sorted((SHARED / "seeds").glob("*.txt"))))
    events = join_admin(to_geodataframe(docs, layer="events"))
    located = events[~(events.geometry.isna() | events.geometry.is_empty)]
    assert len(located) >= 40
    for level in (1, 2, 3):
        codes = located[f"adm{level}_pcode"]
        assert codes.notna().all() and (codes != "None").all() and (codes.str.len() == 2 + 2 * level).all()
    # the only events without a point are placed at the country as a whole (no unit can hold them)
    assert set(events.loc[~events.index.isin(located.index), "place"]) <= {"Syria", "Syrie"}
    jubas = located[located["place"] == "Jubas"]
    assert len(jubas) and set(jubas["adm3_pcode"]) == {"SY070003"}
    assert set(jubas["adm3_name"]) == {"Saraqab"}
    # every gold event placed in Syria below country level is matched by an extracted one with codes
    gold = json.loads((SHARED / "eval" / "seeds_gold.json").read_text(encoding="utf-8"))
    for g_doc in gold:
        mine = located[located["doc_id"] == g_doc["id"]]
        for g in (e for e in g_doc["events"] if e["place"] != "Syria"):
            span = (g["evidence_start"], g["evidence_end"])
            hit = mine[[s < span[1] and span[0] < e for s, e in zip(mine["char_start"], mine["char_end"])]]
            assert len(hit), f"{g_doc['id']}: gold event at {g['place']!r} has no located extracted event"
            assert hit["adm3_pcode"].str.match(r"^SY\d{6}$").all()


@needs_shared
def test_real_quirks_repaired_and_recorded(ocha_installed: Path, data_dir: Path) -> None:
    import geopandas as gpd

    _use(ocha_installed, data_dir)
    entries = installed()
    assert {k: e.count for k, e in entries.items()} == {"boundaries/adm1": 14, "boundaries/adm2": 62, "boundaries/adm3": 272}
    # for ADM1/ADM2 the 2020 edition wins over the 2016 TopoJSON's layers; ADM3 comes from the TopoJSON
    assert entries["boundaries/adm2"].version == "2020-12-17" and entries["boundaries/adm2"].format == "geojson"
    adm3 = entries["boundaries/adm3"]
    assert adm3.format == "topojson" and adm3.version == "2016-09-05"
    assert any("ADM0_EN held Arabic" in n for n in adm3.notes)
    assert any("invalid polygon(s) repaired" in n for n in adm3.notes)
    frame = gpd.read_file(data_dir / "boundaries" / "adm3.gpkg")
    assert frame.is_valid.all()
    assert set(frame["adm0_name"]) == {"Syrian Arab Republic"}  # the swap undone
    assert frame["adm3_ar"].str.contains("[\u0600-\u06ff]").all()
    for e in entries.values():
        assert e.sha256 == sha256_of(data_dir / e.file) and e.size == (data_dir / e.file).stat().st_size
        assert e.licence == "CC BY-IGO" and "OCHA" in e.attribution
        assert e.inputs and all(len(i.sha256) == 64 for i in e.inputs)
    assert installed_sources() == ("embedded", "ocha")


@needs_shared
def test_districts_and_subdistricts_become_gazetteer_entries(ocha_installed: Path, data_dir: Path) -> None:
    _use(ocha_installed, data_dir)
    gaz = Gazetteer()  # default sources: embedded + installed
    res = gaz.resolve("Jebel Saman")
    assert (res.name, res.kind, res.source, res.adm1_pcode) == ("Jebel Saman", "district", "ocha", "SY02")
    res = gaz.resolve("جبل سمعان")
    assert res.resolved and res.kind == "district"
    # a subdistrict named after its seat does not steal the town: the bare name is the town
    assert gaz.resolve("Saraqeb").kind == "city"
    assert gaz.resolve("Saraqab").kind == "city"
    assert gaz.resolve("Saraqab", kind="subdistrict").kind == "subdistrict"
    assert Gazetteer(["embedded"]).resolve("Jebel Saman").name is None


# -- must-show 2: a GeoNames dump makes unknown villages resolve --------------------------------
@needs_shared
def test_geonames_dump_makes_villages_resolve(tmp_path: Path, data_dir: Path) -> None:
    queries = ["Abdita", "Abou Habba", "Abou Makki", "Ar-Rouffah", "أبو حبة"]
    before = Gazetteer()
    assert not any(before.resolve(q).resolved for q in queries)
    archive = _sy_zip(tmp_path / "dl", CITIES, VILLAGES)
    assert main(["-q", "data", "import", str(archive)]) == 0
    entry = installed()["geonames"]
    assert entry.count == 294 and entry.format == "geonames" and entry.licence == "CC BY 4.0"
    assert entry.inputs[0].sha256 == sha256_of(archive)
    gaz = Gazetteer.default()  # rebuilt: the installed data changed
    for q in queries:
        res = gaz.resolve(q)
        assert res.resolved and res.source == "geonames" and res.adm1_pcode == "SY07", (q, res)
    assert gaz.resolve("Abou Makki").lat == pytest.approx(35.61175)
    assert gaz.resolve("Saraqeb").name in ("Saraqib", "Sarāqib")  # the known towns still resolve


# -- formats --------------------------------------------------------------------------------------
@needs_shared
def test_shapefile_zip_and_geopackage_boundaries(tmp_path: Path, data_dir: Path) -> None:
    import geopandas as gpd

    adm2 = gpd.read_file(OCHA20 / "syr_admbnda_adm2_uncs_unocha.json")
    shp = tmp_path / "shp"
    shp.mkdir()
    adm2[["ADM2_EN", "ADM2_AR", "ADM2_PCODE", "ADM1_EN", "ADM1_PCODE", "geometry"]].to_file(shp / "syr_adm2.shp")
    archive = tmp_path / "syr_adm2_shp.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in shp.iterdir():
            zf.write(f, f"syr_adm2/{f.name}")
    gpkg = tmp_path / "syr_adm1.gpkg"
    gpd.read_file(OCHA20 / "syr_admbnda_adm1_uncs_unocha.json").to_file(gpkg, layer="syr_admbnda_adm1")
    entries = {e.key: e for e in import_paths([archive, gpkg])}
    assert entries["boundaries/adm2"].format == "shapezip" and entries["boundaries/adm2"].count == 62
    assert entries["boundaries/adm1"].format == "gpkg" and entries["boundaries/adm1"].count == 14
    got = gpd.read_file(data_dir / "boundaries" / "adm2.gpkg")
    assert "Jebel Saman" in set(got["adm2_name"]) and set(got["adm1_pcode"]) >= {"SY02", "SY07"}


@needs_shared
def test_place_lists_user_csv_gpkg_and_ucdp(tmp_path: Path, data_dir: Path) -> None:
    import geopandas as gpd
    from shapely.geometry import Point

    mine = tmp_path / "mes lieux.csv"
    mine.write_text("name,latitude,longitude,alternate_names,kind\nTell Zaytoun Nord,35.91,36.71,Tal Zeitoun Nord,village\n",
                    encoding="utf-8")  # fmt: skip
    points = tmp_path / "checkpoints.gpkg"
    gpd.GeoDataFrame({"name": ["Barrage de Qarqour Ouest"], "kind": ["other"]}, geometry=[Point(36.41, 35.79)],
                     crs=4326).to_file(points, layer="points")  # fmt: skip
    entries = {e.key: e for e in import_paths([mine, points, DATA / "ucdp" / "ged_syria.csv.gz"])}
    assert entries["places/mes-lieux"].count == 1 and entries["places/checkpoints"].count == 1
    ucdp = entries["places/ucdp-ged"]
    assert ucdp.format == "ucdp" and ucdp.count == 1342 and ucdp.licence == "CC BY 4.0"  # the README's 1,342 localities
    gaz = Gazetteer()
    assert gaz.resolve("Tal Zeitoun Nord").source == "places"
    assert gaz.resolve("Barrage de Qarqour Ouest").lat == pytest.approx(35.79)
    talmenes = gaz.candidates("Talmenes", limit=10)
    assert any(c.source == "places" and c.kind == "village" for c in talmenes)  # UCDP's "Talmenes village"
    assert "UCDP" in installed_attribution()


def test_bad_inputs_name_the_file_and_line(tmp_path: Path, data_dir: Path) -> None:
    bad_csv = tmp_path / "lieux.csv"
    bad_csv.write_text("name,lat,lon\nKafr Test,35.1,36.2\nTell Faux,quatre,36.3\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"lieux\.csv: line 3: bad latitude 'quatre'"):
        import_paths([bad_csv])
    bad_dump = tmp_path / "SY.txt"
    bad_dump.write_text(VILLAGES.read_text(encoding="utf-8") + "123\tonly three\tfields\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"SY\.txt: line 5: expected 19 tab-separated fields, found 3"):
        import_paths([bad_dump])
    unknown = tmp_path / "notes.txt"
    unknown.write_text("ceci n'est pas une liste de lieux\n", encoding="utf-8")
    with pytest.raises(DataError, match="cannot tell the format of .*notes.txt"):
        import_paths([unknown])
    assert not data_dir.exists() or not installed()
    assert main(["data", "import", str(unknown)]) == 1


@needs_shared
def test_atomic_install_corrupt_zip_leaves_installed_data_in_use(tmp_path: Path, data_dir: Path) -> None:
    good = _sy_zip(tmp_path / "good", CITIES, VILLAGES)
    import_paths([good])
    before = installed()["geonames"]
    installed_bytes = (data_dir / before.file).read_bytes()
    # a download cut in the middle: the first 60 % of a real archive
    broken = tmp_path / "broken" / "SY.zip"
    broken.parent.mkdir()
    broken.write_bytes(good.read_bytes()[: int(good.stat().st_size * 0.6)])
    with pytest.raises(DataError, match=r"SY\.zip: not a readable zip archive"):
        import_paths([broken])
    # a zip whose member is damaged (CRC error)
    damaged = tmp_path / "damaged" / "SY.zip"
    damaged.parent.mkdir()
    raw = bytearray(zipfile.ZipFile(good).read("SY.txt"))
    with zipfile.ZipFile(damaged, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("SY.txt", bytes(raw))
    blob = bytearray(damaged.read_bytes())
    blob[200] ^= 0xFF
    damaged.write_bytes(bytes(blob))
    with pytest.raises(DataError, match=r"SY\.zip"):
        import_paths([damaged])
    # a good archive next to a bad one: nothing of the batch is installed
    with pytest.raises(DataError):
        import_paths([OCHA20 / "syr_admbnda_adm2_uncs_unocha.json", broken])
    assert installed() == {"geonames": before}
    assert (data_dir / before.file).read_bytes() == installed_bytes
    assert not list(data_dir.glob(".staging-*")) and not (data_dir / "boundaries").exists()
    assert Gazetteer.default().resolve("Abou Makki").source == "geonames"  # still in use


def test_info_and_clear(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", "info"]) == 0
    assert "nothing installed" in capsys.readouterr().out
    assert main(["-q", "data", "import", str(VILLAGES)]) == 0
    assert main(["data", "info", "--format", "json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["data_dir"] == str(data_dir) and info["sources"] == ["embedded", "geonames"]
    (entry,) = info["entries"]
    assert entry["count"] == 4 and entry["licence"] == "CC BY 4.0" and entry["version"].endswith("2024-01-01")
    assert info["attribution"] == "GeoNames (geonames.org), CC BY 4.0"
    assert main(["data", "info"]) == 0
    out = capsys.readouterr().out
    assert "geonames" in out and "CC BY 4.0" in out and entry["sha256"][:12] in out
    assert main(["data", "clear", "--yes"]) == 0
    assert not (data_dir / "geonames").exists() and installed() == {}
    assert Gazetteer.default().resolve("Abou Makki").name is None


@needs_shared
def test_installed_data_named_in_map_and_geopackage(ocha_installed: Path, data_dir: Path, tmp_path: Path) -> None:
    import os

    import pyogrio

    from geo.render.attribution import gpkg_data_sources

    _use(ocha_installed, data_dir)
    import_paths([VILLAGES])
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "d.txt").write_text(" date 2019-06-04\nDes frappes aériennes ont visé mardi le village d'Abdita, dans la "
                                  "province d'Idleb, tuant deux civils, selon une ONG.\n", encoding="utf-8")  # fmt: skip
    out = tmp_path / "out"
    assert main(["-q", "run", str(inputs), "--out", str(out), "--offline"]) == 0
    sources = gpkg_data_sources(out / "events.gpkg")
    assert sources is not None and "UNCS / UN OCHA, via HDX, CC BY-IGO" in sources and "GeoNames (geonames.org)" in sources
    meta = pyogrio.read_info(out / "events.gpkg", layer="events")["dataset_metadata"]
    assert sources in meta.values()
    assert not [p for p in os.listdir(out) if p.endswith(".aux.xml")]
    page = (out / "map.html").read_text(encoding="utf-8")
    assert "attributionControl.addAttribution(" in page and "UNCS / UN OCHA, via HDX, CC BY-IGO" in page
    import geopandas as gpd

    events = gpd.read_file(out / "events.gpkg", layer="events")
    strike = events[events["place"] == "Abdītā"]  # the village only the installed dump knows
    assert len(strike) == 1 and strike.iloc[0]["kind"] == "strike" and strike.iloc[0]["killed"] == 2
    assert strike.iloc[0]["adm3_pcode"].startswith("SY07") and strike.iloc[0]["lat"] == pytest.approx(35.70833)
