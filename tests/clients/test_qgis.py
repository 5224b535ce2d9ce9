"""Open our GeoPackage in real QGIS (Debian python3-qgis) and render it.

PyQGIS runs under Debian's ``/usr/bin/python3`` only, so ``tests/tools/qgis_check.py`` runs as a
subprocess and prints a JSON report. The PNG is also copied to ``output/qgis_render.png``.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

pyogrio = pytest.importorskip("pyogrio")

from geo.write.gpkg import write_geopackage  # noqa: E402
from test_gpkg import sample_layers  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = Path("/usr/bin/python3")
CHECK = Path(__file__).parents[1] / "tools" / "qgis_check.py"

pytestmark = pytest.mark.qgis


@functools.cache
def _has_qgis() -> bool:
    if not SYSTEM_PYTHON.exists():
        return False
    proc = subprocess.run([str(SYSTEM_PYTHON), "-c", "import qgis.core"], capture_output=True,
                          timeout=60, env=_env())
    return proc.returncode == 0


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _empty_front_layers() -> dict:
    """A run whose dispatches give no front: the control layers exist but have no row."""
    import geopandas as gpd

    empty = {"control_areas": ["controller", "date_from", "date_to"], "front_lines": ["side_a", "side_b", "date_from", "date_to"]}
    return {name: gpd.GeoDataFrame({c: [] for c in cols}, geometry=[], crs=4326) for name, cols in empty.items()}


_DATED = {"date", "date_from", "valid_from", "first_date"}


@pytest.fixture(scope="module")
def qgis_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict[str, int], Path]:
    if not _has_qgis():
        pytest.skip("/usr/bin/python3 cannot import qgis.core (install Debian python3-qgis)")
    tmp = tmp_path_factory.mktemp("qgis")
    old = os.environ.get("CONFLICTMAP_DATA_DIR")
    os.environ["CONFLICTMAP_DATA_DIR"] = str(tmp / "nodata")  # embedded boundaries
    try:
        gpkg = write_geopackage(tmp / "events.gpkg", {**sample_layers(), **_empty_front_layers()})
    finally:
        if old is None:
            os.environ.pop("CONFLICTMAP_DATA_DIR", None)
        else:
            os.environ["CONFLICTMAP_DATA_DIR"] = old
    written = {
        name: len(pyogrio.read_dataframe(gpkg, layer=name, read_geometry=False))
        for name, _ in pyogrio.list_layers(gpkg).tolist()
        if name != "layer_styles"
    }
    png = tmp / "qgis_render.png"
    proc = subprocess.run([str(SYSTEM_PYTHON), str(CHECK), str(gpkg), str(png)], capture_output=True,
                          text=True, timeout=300, env=_env(), cwd=tmp)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    if png.exists():
        out = REPO / "output"
        out.mkdir(exist_ok=True)
        shutil.copyfile(png, out / "qgis_render.png")
    return report, written, png


def test_every_layer_valid_with_counts(qgis_report: tuple[dict, dict[str, int], Path]) -> None:
    report, written, _ = qgis_report
    layers = report["layers"]
    assert set(layers) == set(written)
    for name, count in written.items():
        assert layers[name]["valid"], name
        assert layers[name]["features"] == count, name
    for name in ("events", "mentions", "governorates"):
        assert layers[name]["spatial"] and layers[name]["crs"] == "EPSG:4326"
    assert layers["events"]["geometry"] == "Point"
    assert layers["governorates"]["geometry"] == "MultiPolygon"
    assert layers["events_unlocated"]["spatial"] is False
    assert layers["events"]["field_types"]["date"] == "Date"


def test_default_styles_applied(qgis_report: tuple[dict, dict[str, int], Path]) -> None:
    layers = qgis_report[0]["layers"]
    assert layers["events"]["renderer"] == "categorizedSymbol"  # not QGIS's default singleSymbol
    assert "regime" in layers["events"]["categories"]
    assert layers["events"]["labels"] is True
    assert layers["governorates"]["renderer"] == "graduatedSymbol"
    assert layers["governorates"]["class_attribute"] == "killed"
    assert len(layers["governorates"]["ranges"]) == 5
    assert layers["governorates"]["labels"] is True
    assert layers["mentions"]["labels"] is False
    for name in ("events", "mentions", "governorates"):
        assert layers[name]["db_styles"] == [name]


def test_render_png(qgis_report: tuple[dict, dict[str, int], Path]) -> None:
    report, _, png = qgis_report
    info = report["png"]
    assert info["saved"] and png.stat().st_size > 10_000
    assert (info["width"], info["height"]) == (800, 600)
    assert info["colours"] >= 10  # choropleth classes, actor colours, labels: not blank
    assert info["errors"] == []


def test_every_layer_valid_typed_wgs84_styled_and_time_aware(qgis_report: tuple[dict, dict[str, int], Path]) -> None:
    """The issue's QGIS check: every layer valid, typed, EPSG:4326, styled; time-aware where dated."""
    layers = qgis_report[0]["layers"]
    spatial = {n: i for n, i in layers.items() if i.get("spatial")}
    assert {"events", "mentions", "governorates", "control_areas", "front_lines"} <= set(spatial)
    for name, info in spatial.items():
        assert info["valid"], name
        assert info["crs"] == "EPSG:4326", name
        assert info["geometry"] not in ("Unknown", "NoGeometry", ""), (name, info["geometry"])
        assert info["db_styles"] == [name], name
        assert info["renderer"] != "singleSymbol" or name in ("front_lines", "front_observations", "mentions"), name
        dated = {"date", "date_from", "valid_from"} & set(info["fields"])
        if dated and name != "mentions":
            assert info["temporal"], name
    # the empty control layers are typed and styled, not "broken" layers without geometry type
    assert layers["control_areas"]["features"] == 0 and layers["control_areas"]["geometry"] == "MultiPolygon"
    assert layers["front_lines"]["features"] == 0 and layers["front_lines"]["geometry"] == "MultiLineString"
    # events follow the temporal controller: from their date to their end date (or the same day)
    assert layers["events"]["temporal_mode"] == 4 and '"date"' in layers["events"]["temporal_fields"][2]
    # approximate events (geo_precision 2/3): hollow, dashed outline, as on the web map
    assert layers["events"]["data_defined"] == ["fillColor", "strokeStyle"]


def test_event_labels_once_per_place_from_a_sensible_zoom(qgis_report: tuple[dict, dict[str, int], Path]) -> None:
    info = qgis_report[0]["layers"]["events"]
    visible, most_zoomed_out, _ = info["label_scale"]
    assert visible and most_zoomed_out == 1_500_000
    assert "group_by" in info["label_expression"] and '"place"' in info["label_expression"]
