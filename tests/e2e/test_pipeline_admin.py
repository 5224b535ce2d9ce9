"""`run` with OCHA districts and subdistricts installed in the data directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_admin import ocha_dir  # noqa: F401 - fixture (skips when ../shared is absent)


def test_run_adds_district_and_subdistrict_layers(ocha_dir: Path, tmp_path: Path,  # noqa: F811
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    import pyogrio

    from geo.pipeline.job import run, sample_inputs

    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(ocha_dir))
    inputs, _baseline = sample_inputs()
    run([inputs], tmp_path, offline=True)
    gpkg = tmp_path / "events.gpkg"
    names = {row[0] for row in pyogrio.list_layers(gpkg)}
    assert {"districts", "subdistricts"} <= names
    districts = pyogrio.read_dataframe(gpkg, layer="districts", read_geometry=False)
    subdistricts = pyogrio.read_dataframe(gpkg, layer="subdistricts", read_geometry=False)
    assert len(districts) == 62 and len(subdistricts) == 272
    assert districts["strikes"].sum() > 0
    events = pyogrio.read_dataframe(gpkg, layer="events", read_geometry=False)
    assert events["adm2_pcode"].notna().any() and events["adm3_pcode"].notna().any()
    # a strike's district lies in its governorate
    both = events.dropna(subset=["adm1_pcode", "adm2_pcode"])
    assert (both["adm2_pcode"].str[:4] == both["adm1_pcode"]).all()
    with sqlite3.connect(gpkg) as con:
        styled = dict(con.execute("select f_table_name, styleQML from layer_styles").fetchall())
    assert "adm2_name" in styled["districts"] and "adm3_name" in styled["subdistricts"]
