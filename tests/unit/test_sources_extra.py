"""The ``geonames`` (GeoNames dump) and ``ocha`` (installed OCHA boundaries) gazetteer sources.

Small dumps are written in ``tmp_path``; the real GeoNames cities500 extract and the OCHA files
come from ``../shared/data`` (those tests are skipped when it is absent).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gazetteer import Gazetteer
from gazetteer._index import haversine_km
from gazetteer.errors import DataError, SourceError
from gazetteer.sources import SOURCES, get_source
from gazetteer.sources.geonames import COLUMNS, GeonamesSource, kind_for
from gazetteer.sources.ocha import OchaSource

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CITIES500 = SHARED / "data" / "geonames" / "SY_cities500.txt"
OCHA_ADM2 = SHARED / "data" / "ocha_cod_ab_2020" / "syr_admbnda_adm2_uncs_unocha.json"
OCHA_ADM3 = SHARED / "data" / "ocha_cod_ab_2016_topojson" / "syr_admin3_subdistricts.derived.geojson"

needs_cities500 = pytest.mark.skipif(not CITIES500.is_file(), reason=f"{CITIES500} not found")
needs_ocha = pytest.mark.skipif(
    not (OCHA_ADM2.is_file() and OCHA_ADM3.is_file()), reason=f"OCHA boundaries not found under {SHARED}"
)


def _row(gid: int, name: str, lat: float, lon: float, fclass: str, fcode: str, *, cc: str = "SY",
         admin1: str = "12", alt: str = "", population: str = "0") -> str:  # fmt: skip
    cells = [str(gid), name, name, alt, str(lat), str(lon), fclass, fcode, cc, "", admin1, "", "", "",
             population, "", "300", "Asia/Damascus", "2020-01-01"]  # fmt: skip
    assert len(cells) == len(COLUMNS)
    return "\t".join(cells)


# Invented records (ids from 9,000,001) at plausible points; only the format is GeoNames'.
_ROWS = [
    _row(9000001, "Tall Example", 35.70, 36.60, "P", "PPL", alt="Tell Example,تل مثال,TEX"),
    _row(9000002, "Example Airbase", 35.40, 36.90, "S", "AIRB", admin1="10"),
    _row(9000003, "Example Camp", 36.20, 36.70, "S", "CMPRF", admin1="12", population=""),
    _row(9000004, "Example Quarter", 36.20, 37.15, "P", "PPLX", admin1="09"),
    _row(9000005, "Jabal Example", 35.00, 36.10, "T", "MT", admin1="10"),
    _row(9000006, "Example Hill", 35.01, 36.11, "T", "HLL", admin1="10"),
    _row(9000007, "Example River", 35.50, 38.00, "H", "STM", admin1="04"),
    _row(9000008, "Ville Libanaise", 34.40, 35.80, "P", "PPL", cc="LB", admin1="05"),
    _row(9000009, "Big Example", 34.80, 36.70, "P", "PPLA2", admin1="11", population="120000"),
]


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "SY.txt"
    path.write_text("\n".join(_ROWS) + "\n", encoding="utf-8")
    return path


# -- geonames: format, kinds, filters -------------------------------------------------------------
def test_geonames_reads_small_dump(dump: Path) -> None:
    places = {p.id: p for p in GeonamesSource(dump).places()}
    # the Lebanese row is filtered out by country, the river by feature class (H not kept by default)
    assert set(places) == {f"geonames:{i}" for i in (9000001, 9000002, 9000003, 9000004, 9000005, 9000006, 9000009)}
    tall = places["geonames:9000001"]
    got = (tall.name, tall.lat, tall.lon, tall.kind, tall.adm1_pcode)
    assert got == ("Tall Example", 35.70, 36.60, "village", "SY07")
    assert tall.source == "geonames"
    assert "تل مثال" in tall.names and "Tell Example" in tall.names
    assert "TEX" not in tall.names  # code-like alternate names are dropped
    assert tall.raw["feature_code"] == "PPL" and tall.raw["geonameid"] == "9000001"
    assert set(tall.raw) == set(COLUMNS)
    kinds = {pid: p.kind for pid, p in places.items()}
    assert kinds["geonames:9000002"] == "military site"
    assert kinds["geonames:9000003"] == "camp"
    assert kinds["geonames:9000004"] == "neighbourhood"
    assert kinds["geonames:9000005"] == "region"
    assert kinds["geonames:9000006"] == "other"
    assert kinds["geonames:9000009"] == "city"
    assert places["geonames:9000003"].population == 0  # empty population is tolerated
    assert places["geonames:9000002"].adm1_pcode == "SY05"


def test_geonames_country_and_class_options(dump: Path) -> None:
    lebanon = list(GeonamesSource(dump, country="LB").places())
    assert [p.name for p in lebanon] == ["Ville Libanaise"]
    assert lebanon[0].adm1_pcode is None  # GeoNames admin1 -> OCHA P-code is Syrian only
    everything = list(GeonamesSource(dump, country=None, feature_classes=("P", "A", "S", "L", "T", "H")).places())
    assert len(everything) == len(_ROWS)
    only_p = list(GeonamesSource(dump, feature_classes=("P",)).places())
    assert {p.raw["feature_class"] for p in only_p} == {"P"}


@pytest.mark.parametrize(
    ("fclass", "fcode", "population", "kind"),
    [
        ("P", "PPLC", 0, "city"),
        ("P", "PPLA", 0, "city"),
        ("P", "PPLA2", 30_000, "town"),
        ("P", "PPLA3", 60_000, "city"),
        ("P", "PPL", 0, "village"),
        ("P", "PPL", 5_000, "town"),
        ("P", "PPL", 80_000, "city"),
        ("P", "PPLX", 0, "neighbourhood"),
        ("A", "ADM1", 0, "governorate"),
        ("A", "ADM2", 0, "district"),
        ("A", "ADM3", 0, "subdistrict"),
        ("S", "AIRF", 0, "military site"),
        ("L", "MILB", 0, "military site"),
        ("S", "CMP", 0, "camp"),
        ("S", "CMPQ", 0, "camp"),
        ("T", "MTS", 0, "region"),
        ("L", "RGN", 0, "region"),
        ("T", "HLL", 0, "other"),
        ("S", "MSQE", 0, "other"),
    ],
)
def test_kind_for(fclass: str, fcode: str, population: int, kind: str) -> None:
    assert kind_for(fclass, fcode, population) == kind


def test_geonames_zip(dump: Path, tmp_path: Path) -> None:
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("readme.txt", "GeoNames readme")
        zf.write(dump, "SY.txt")
    from_zip = list(GeonamesSource(archive).places())
    assert from_zip == list(GeonamesSource(dump).places())


def test_geonames_bad_line_names_file_and_line(dump: Path) -> None:
    lines = dump.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "9000100\tBroken\tBroken\t\t35.0")
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"SY\.txt: line 4: expected 19 tab-separated fields, found 5"):
        list(GeonamesSource(dump).places())


def test_geonames_bad_coordinate_names_line(dump: Path) -> None:
    lines = dump.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("35.4\t36.9", "north\t36.9")
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"line 2: bad coordinates latitude='north'"):
        list(GeonamesSource(dump).places())


def test_geonames_blank_lines_and_crlf_tolerated(dump: Path) -> None:
    dump.write_bytes(("\r\n".join(_ROWS) + "\r\n\r\n").encode("utf-8"))
    places = list(GeonamesSource(dump).places())
    assert len(places) == 7
    assert all(p.raw["modification_date"] == "2020-01-01" for p in places)


def test_geonames_missing_default_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(tmp_path / "data"))
    with pytest.raises(SourceError, match=r"geonames[/\\]SY\.txt.*download\.geonames\.org/export/dump/SY\.zip"):
        GeonamesSource()
    with pytest.raises(SourceError, match="nowhere.txt"):
        GeonamesSource(tmp_path / "nowhere.txt")


def test_geonames_default_path_from_data_dir(dump: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    (data / "geonames").mkdir(parents=True)
    with zipfile.ZipFile(data / "geonames" / "SY.zip", "w") as zf:
        zf.write(dump, "SY.txt")
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(data))
    src = get_source("geonames")
    assert src.path == data / "geonames" / "SY.zip"
    assert len(list(src.places())) == 7


def test_geonames_world_dump_streamed(tmp_path: Path) -> None:
    """A world dump is read line by line: other countries' rows never become places."""
    world = tmp_path / "allCountries.txt"
    other = [_row(8000000 + i, f"Elsewhere {i}", 10.0, 10.0, "P", "PPL", cc="FR", admin1="11") for i in range(2000)]
    world.write_text("\n".join(other[:1000] + _ROWS + other[1000:]) + "\n", encoding="utf-8")
    assert len(list(GeonamesSource(world).places())) == 7


def test_import_gazetteer_stays_light() -> None:
    code = (
        "import sys, gazetteer.sources; "
        "heavy = [m for m in ('pyogrio', 'shapely', 'geopandas', 'pandas', 'geo') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# -- geonames on the real cities500 extract ------------------------------------------------------
@pytest.mark.shared
@needs_cities500
def test_geonames_cities500_extract() -> None:
    places = list(GeonamesSource(CITIES500).places())
    assert len(places) == 290
    assert all(p.adm1_pcode is not None for p in places)
    saraqib = next(p for p in places if p.id == "geonames:164816")
    assert saraqib.adm1_pcode == "SY07"
    assert "سراقب" in saraqib.names and "Saraqeb" in saraqib.names
    assert saraqib.kind == "town"
    damascus = next(p for p in places if p.raw["feature_code"] == "PPLC")
    assert damascus.kind == "city" and damascus.adm1_pcode == "SY01"


@pytest.mark.shared
@needs_cities500
def test_embedded_plus_geonames_no_false_homonym(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    (data / "geonames").mkdir(parents=True)
    shutil.copyfile(CITIES500, data / "geonames" / "SY.txt")
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(data))
    gaz = Gazetteer(sources=("embedded", "geonames"))
    assert {s.name for s in gaz.sources} == {"embedded", "geonames"}
    for query in ("Saraqeb", "Saraqib", "سراقب", "Kafranbel", "Alep", "Khan Cheikhoun"):
        res = gaz.resolve(query)
        assert res.resolved and res.score == 1.0, (query, res.score, [c.place_id for c in res.candidates])
    res = gaz.resolve("Saraqeb")
    assert res.adm1_pcode == "SY07"
    assert haversine_km(res.lat, res.lon, 35.8645, 36.8059) < 3


def test_geonames_homonym_does_not_outvote_known_place(tmp_path: Path) -> None:
    dump = tmp_path / "SY.txt"
    # an invented village called Saraqib in al-Hasakah, population unknown
    row = _row(9000050, "Sarāqib", 36.5, 40.7, "P", "PPL", admin1="01", alt="Saraqeb")
    dump.write_text(row + "\n", encoding="utf-8")
    gaz = Gazetteer(sources=("embedded", GeonamesSource(dump)))
    res = gaz.resolve("Saraqeb")
    assert not (res.resolved and res.adm1_pcode == "SY08")


# -- ocha ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ocha_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (OCHA_ADM2.is_file() and OCHA_ADM3.is_file()):
        pytest.skip(f"OCHA boundaries not found under {SHARED}")
    data = tmp_path_factory.mktemp("ocha") / "data"
    (data / "boundaries").mkdir(parents=True)
    shutil.copyfile(OCHA_ADM2, data / "boundaries" / "adm2.json")
    shutil.copyfile(OCHA_ADM3, data / "boundaries" / "adm3.geojson")
    return data


@pytest.fixture(scope="module")
def ocha_places(ocha_data: Path) -> list:
    return list(OchaSource(path=ocha_data / "boundaries").places())


@pytest.mark.shared
def test_ocha_places(ocha_places: list) -> None:
    by_kind: dict[str, list] = {}
    for p in ocha_places:
        by_kind.setdefault(p.kind, []).append(p)
    assert len(by_kind["district"]) == 62 and len(by_kind["subdistrict"]) == 272
    jisr = next(p for p in ocha_places if p.id == "ocha-adm2:SY0704")
    assert jisr.name == "Jisr-Ash-Shugur" and jisr.adm1_pcode == "SY07" and jisr.source == "ocha"
    assert "جسر الشغور" in jisr.names
    assert jisr.raw["ADM2_PCODE"] == "SY0704" and jisr.raw["ADM2_AR"] == "جسر الشغور"
    azaz = next(p for p in ocha_places if p.id == "ocha-adm2:SY0204")
    assert "Azaz" in azaz.names  # OCHA's reference name is an alternate
    saraqab = next(p for p in ocha_places if p.id == "ocha-adm3:SY070003")
    assert saraqab.adm1_pcode == "SY07" and "سراقب" in saraqab.names
    assert haversine_km(saraqab.lat, saraqab.lon, 35.864, 36.806) < 15
    assert all(32.3 <= p.lat <= 37.4 and 35.6 <= p.lon <= 42.4 for p in ocha_places)
    assert all(p.adm1_pcode and p.id.split(":")[1].startswith(p.adm1_pcode) for p in ocha_places)


@pytest.mark.shared
def test_ocha_point_inside_its_polygon(ocha_data: Path, ocha_places: list) -> None:
    import geopandas as gpd
    import shapely

    adm3 = gpd.read_file(ocha_data / "boundaries" / "adm3.geojson")
    polygons = {row.PCODE: shapely.make_valid(row.geometry) for row in adm3.itertuples()}
    for p in ocha_places:
        if p.kind == "subdistrict":
            assert polygons[p.id.split(":")[1]].covers(shapely.Point(p.lon, p.lat)), p.id


@pytest.mark.shared
def test_ocha_in_gazetteer(ocha_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(ocha_data))
    gaz = Gazetteer(sources=("embedded", "ocha"))
    res = gaz.resolve("Jisr-Ash-Shugur", kind="district")
    assert res.resolved and res.kind == "district" and res.adm1_pcode == "SY07" and res.source == "ocha"
    arabic = gaz.resolve("جسر الشغور", kind="district")
    assert arabic.place_id == "ocha-adm2:SY0704"
    sub = gaz.resolve("سراقب", kind="subdistrict")
    assert sub.place_id == "ocha-adm3:SY070003" and sub.adm1_pcode == "SY07"
    assert gaz.resolve("Harim", kind="district").place_id == "ocha-adm2:SY0703"
    # the governorates keep coming from the embedded table (ids "ocha:SYnn")
    assert gaz.governorate("Idleb").kind == "governorate"


@pytest.mark.shared
def test_ocha_levels_and_single_file(ocha_data: Path) -> None:
    districts = list(OchaSource(2, path=ocha_data / "boundaries").places())
    assert {p.kind for p in districts} == {"district"} and len(districts) == 62
    one = list(OchaSource(3, path=ocha_data / "boundaries" / "adm3.geojson").places())
    assert len(one) == 272
    with pytest.raises(SourceError, match="single level"):
        OchaSource((2, 3), path=ocha_data / "boundaries" / "adm3.geojson")


@pytest.mark.shared
def test_ocha_bare_city_name_still_the_city(ocha_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(ocha_data))
    res = Gazetteer(sources=("embedded", "ocha")).resolve("Idleb")
    assert res.resolved and res.kind == "city"


def test_ocha_nothing_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(tmp_path / "data"))
    with pytest.raises(SourceError, match=r"boundaries[/\\]adm2\{\.gpkg,\.geojson,\.json\}"):
        OchaSource()
    with pytest.raises(SourceError, match="valid|levels"):
        OchaSource(4)


def test_ocha_file_without_pcode(tmp_path: Path) -> None:
    (tmp_path / "adm2.geojson").write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"NAME":"x"},'
        '"geometry":{"type":"Point","coordinates":[36.0,35.0]}}]}',
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"adm2\.geojson: no P-code field for level 2"):
        list(OchaSource(2, path=tmp_path).places())


def test_registry() -> None:
    assert SOURCES["geonames"] is GeonamesSource and SOURCES["ocha"] is OchaSource
