"""The one settings module and the country profile read from data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import geo
from gazetteer import profile, settings
from geo.errors import InputError


def test_geo_settings_is_the_gazetteer_settings_module() -> None:
    assert geo.settings is settings


def test_folders_follow_the_attribute_then_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(tmp_path / "env"))
    assert settings.data_dir() == tmp_path / "env"
    monkeypatch.setattr(settings, "data_folder", tmp_path / "attr")
    assert settings.data_dir() == tmp_path / "attr"


def test_the_default_profile_is_syria() -> None:
    p = profile.active()
    assert (p.code, p.iso3, p.metric_crs) == ("SY", "SYR", "EPSG:32637")
    s, w, n, e = p.bounds
    assert s < p.point[0] < n and w < p.point[1] < e


def test_another_country_is_a_data_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = json.loads((Path(profile.__file__).parent / "data" / "profiles" / "SY.json").read_text(encoding="utf-8"))
    raw.update(code="LB", iso3="LBN", name="Lebanon", name_fr="Liban", point=[33.9, 35.9])
    path = tmp_path / "LB.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    monkeypatch.setattr(settings, "country", str(path))
    assert profile.active().point == (33.9, 35.9)


def test_bad_profiles_name_the_file_and_field(tmp_path: Path) -> None:
    path = tmp_path / "XX.json"
    path.write_text('{"code": "XX"}', encoding="utf-8")
    with pytest.raises(InputError, match=r"XX\.json: the profile has no field 'iso3'"):
        profile.load_profile(path)
    with pytest.raises(InputError, match="no country profile 'ZZ'"):
        profile.load_profile("ZZ")
