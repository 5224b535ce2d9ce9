"""The main job on the bundled sample, opened in the real clients: headless Chromium and QGIS.

Also leaves ``output/sample_map.png`` and ``output/sample_qgis.png``, the README's screenshots.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from test_browser import _open, _set_range, drawn
from test_qgis import CHECK, SYSTEM_PYTHON, _env, _has_qgis

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    from geo.pipeline.job import run, sample_inputs

    out = tmp_path_factory.mktemp("sample")
    inputs, baseline = sample_inputs()
    summary = run([inputs], out, baseline=baseline)
    assert summary.errors == []
    return out, summary


@pytest.mark.browser
def test_sample_map_in_chromium(sample_run: tuple[Path, Any], chromium: Any, serve_dir: Callable[[Path], str]) -> None:
    out, summary = sample_run
    page, log = _open(chromium, serve_dir(out) + "map.html", viewport=(1024, 640))  # the README figure's size
    try:
        assert drawn(page) >= 30  # located strikes of the 15 sample dispatches
        box = page.locator(".cm-front-slider")
        assert box.count() == 1
        assert not box.locator("input[type=range]").is_visible()  # the panel's date range drives it
        label = page.locator(".cm-front-slider .cm-date")
        last = label.inner_text()
        days = page.evaluate("[cm.events.day_min, cm.events.day_max]")
        _set_range(page, "#cm-date-to", days[0])
        assert label.inner_text() != last  # the panel's end date switches the control snapshot
        assert drawn(page) < 30  # and the events
        _set_range(page, "#cm-date-to", days[1])
        assert label.inner_text() == last
        (REPO / "output").mkdir(exist_ok=True)
        page.screenshot(path=str(REPO / "output" / "sample_map.png"))
        assert log.page_errors == [] and log.console_errors == []
        assert log.remote_requests() == []
    finally:
        page.close()


@pytest.mark.qgis
def test_sample_geopackage_in_qgis(sample_run: tuple[Path, Any], tmp_path: Path) -> None:
    if not _has_qgis():
        pytest.skip("/usr/bin/python3 cannot import qgis.core (install Debian python3-qgis)")
    import pyogrio

    out, _summary = sample_run
    png = tmp_path / "sample.png"
    areas = pyogrio.read_dataframe(out / "events.gpkg", layer="control_areas", read_geometry=False)
    last_day = str(max(areas["date_from"]))[:10]  # render the latest snapshot, as the temporal controller would
    proc = subprocess.run([str(SYSTEM_PYTHON), str(CHECK), str(out / "events.gpkg"), str(png), last_day],
                          capture_output=True, text=True, timeout=300, env=_env())
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    layers = report["layers"]
    for name in ("events", "mentions", "governorates", "control", "control_areas", "front_lines", "control_changes"):
        assert layers[name]["valid"], name
        assert layers[name]["crs"] == "EPSG:4326", name
        assert layers[name]["features"] > 0, name
    assert layers["events"]["renderer"] != "singleSymbol"
    assert layers["governorates"]["renderer"] == "graduatedSymbol"
    assert layers["control_areas"]["renderer"] == "categorizedSymbol"
    assert report["png"]["saved"] and report["png"]["colours"] >= 8 and report["png"]["errors"] == []
    assert report["temporal_day"] == last_day
    (REPO / "output").mkdir(exist_ok=True)
    shutil.copyfile(png, REPO / "output" / "sample_qgis.png")
    # the front in the north-west, zoomed, for a person to look at
    zoom = tmp_path / "northwest.png"
    proc = subprocess.run([str(SYSTEM_PYTHON), str(CHECK), str(out / "events.gpkg"), str(zoom), last_day,
                           "35.9,35.2,37.5,36.7"], capture_output=True, text=True, timeout=300, env=_env())
    assert json.loads(proc.stdout.strip().splitlines()[-1])["png"]["saved"]
    shutil.copyfile(zoom, REPO / "output" / "sample_qgis_northwest.png")
