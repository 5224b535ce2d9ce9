"""The front-line map layers: one snapshot per date, no remote asset, escaped dispatch text, a slider that works."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from geo.model import Event
from geo.render.frontmap import add_front_layers, build_snapshots, script_json
from geo.render.packjson import unpack
from geo.spatial.control import ControlTable

folium = pytest.importorskip("folium")
geopandas = pytest.importorskip("geopandas")

EVIL = "</script><script>window.__pwned = 1</script><img src=x onerror=alert(1)>"
URL_RE = re.compile(r"""(?:https?:)?//[A-Za-z0-9.-]+\.[a-z]{2,}[^\s"'<>)]*""")


@pytest.fixture(scope="module")
def front():
    from geo.spatial.admin import country_outline

    table = ControlTable(outline=country_outline())
    table.add_baseline("Kafr Nabl", 35.614, 36.561, "HTS", "2019-08-01")
    table.add_baseline("Khan Shaykhun", 35.442, 36.651, "rebels", "2019-08-01")
    table.add_baseline("Morek", 35.381, 36.667, "regime", "2019-08-01")
    table.add_baseline("Al-Habit", 35.49, 36.56, "HTS", "2019-08-01")
    table.add_events([
        Event(kind="control_change", place="Khan Shaykhun", lat=35.442, lon=36.651, date="2019-08-21",
              date_precision="day", geo_precision=1, new_controller="regime", status="complete",
              evidence=EVIL, source="dispatch <1>.txt"),
        Event(kind="control_change", place="Al-Habit", lat=35.49, lon=36.56, date="2019-08-25",
              date_precision="day", geo_precision=1, new_controller="regime", status="claimed",
              evidence="claimed & denied", source="d2.txt"),
    ])  # fmt: skip
    layers = table.snapshots()
    observations = geopandas.GeoDataFrame(
        {"actor": ["regime"], "place": ["Maarat al-Numan"], "distance_km": [4.0], "date": ["2019-12-24"],
         "evidence": [EVIL], "source": ["d3.txt"]},
        geometry=geopandas.points_from_xy([36.677], [35.648]), crs="EPSG:4326",
    )  # fmt: skip
    return {**layers, "front_observations": observations}


def _render(front, *, with_front=True):
    m = folium.Map(location=(35.5, 36.6), zoom_start=9, tiles=None)
    if with_front:
        add_front_layers(m, front, offline=True)
    folium.LayerControl().add_to(m)
    return m.get_root().render()


def _data_block(page: str, name: str) -> dict:
    """The packed JSON data block of the front layer ``name`` (a ``<script type="application/json">``)."""
    match = re.search(r'<script type="application/json" id="' + name + r'-data">(.*?)</script>', page, flags=re.S)
    assert match, f"data of {name} not found in the page"
    return unpack(json.loads(match.group(1)))


def _embedded_snapshots(page: str) -> list[dict]:
    match = re.search(r'cmFrontSlider\(\w+, \w+, cmFrontData\("(\w+)-data"\)\);\n', page)
    assert match, "snapshot data not found in the page"
    return _data_block(page, match.group(1))["snapshots"]


def test_one_snapshot_per_date(front):
    page = _render(front)
    snaps = _embedded_snapshots(page)
    assert [s["date"] for s in snaps] == ["2019-08-01", "2019-08-21", "2019-08-25"]
    assert [s["date"] for s in build_snapshots(front)] == [s["date"] for s in snaps]
    # Khan Shaykhun flips to the regime on 21 August: the rebels' area is gone from that snapshot on.
    controllers = [sorted(f["properties"]["controller"] for f in s["areas"]["features"]) for s in snaps]
    assert controllers[0] == ["regime", "rebels", "HTS/jihadists"] or "rebels" in controllers[0]
    assert "rebels" not in controllers[1]
    assert all(s["lines"]["features"] for s in snaps)
    assert page.count('input.type = "range"') == 1


def test_no_remote_url_added(front):
    bare = set(URL_RE.findall(_render(front, with_front=False)))
    full = set(URL_RE.findall(_render(front)))
    assert full == bare, full - bare


def test_dispatch_text_is_escaped(front):
    page = _render(front)
    assert "window.__pwned = 1</script>" not in page
    assert "<img src=x" not in page
    assert "\\u003c/script\\u003e\\u003cscript\\u003ewindow.__pwned" in page  # JSON, '<' escaped
    assert "dispatch \\u003c1\\u003e.txt" in page
    assert "innerHTML" not in page.split("function cmFrontSlider")[1]  # popups are text nodes
    assert script_json({"a": "</script>&"}) == '{"a":"\\u003c/script\\u003e\\u0026"}'


def test_change_markers_coloured_by_new_controller(front):
    page = _render(front)
    changes = re.search(r'cmFrontPoints\((\w+), function \(\) \{[^}]*\},\s*"change"\);\n', page)
    assert changes, "control-change layer not found"
    feats = _data_block(page, changes.group(1))["features"]
    assert [(f["properties"]["place"], f["properties"]["colour"], f["properties"]["status"]) for f in feats] == [
        ("Khan Shaykhun", "#d55e00", "complete"), ("Al-Habit", "#d55e00", "claimed")]


def test_empty_front_adds_nothing():
    m = folium.Map(tiles=None)
    before = len(m._children)
    add_front_layers(m, {})
    assert len(m._children) == before


@pytest.mark.browser
def test_slider_in_headless_chromium(front, tmp_path, chromium):
    xleaflet = pytest.importorskip("xstatic.pkg.leaflet")
    leaflet_dir = Path(xleaflet.BASE_DIR)
    page_path = tmp_path / "front.html"
    page_path.write_text(_render(front), encoding="utf-8")
    errors: list[str] = []
    remote: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith("file://"):
            return r.continue_()
        remote.append(url)
        if url.endswith("leaflet.js"):
            return r.fulfill(body=(leaflet_dir / "leaflet.js").read_text(), content_type="application/javascript")
        if url.endswith("leaflet.css"):
            return r.fulfill(body=(leaflet_dir / "leaflet.css").read_text(), content_type="text/css")
        return r.fulfill(body="", content_type="text/plain")  # folium's other CDN defaults: not ours

    page = chromium.new_page(viewport={"width": 1000, "height": 800})  # shared browser (tests/conftest.py)
    try:
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.route("**/*", route)
        page.goto(page_path.as_uri())
        page.wait_for_selector(".cm-front-slider input[type=range]")
        assert errors == []
        label = page.locator(".cm-front-slider .cm-date")
        assert label.text_content() == "2019-08-25"
        n_last = page.locator("path.leaflet-interactive").count()
        page.locator(".cm-front-slider input[type=range]").fill("0")
        assert label.text_content() == "2019-08-01"
        n_first = page.locator("path.leaflet-interactive").count()
        assert n_first > 0 and n_last > 0
        assert page.evaluate("window.__pwned === undefined")
        page.locator(".leaflet-control-layers").hover()  # front observations are off by default
        page.locator(".leaflet-control-layers label", has_text="Front observations").locator("input").check()
        page.locator(".cm-front-obs").first.click()
        popup = page.locator(".leaflet-popup-content").first
        assert "window.__pwned = 1" in popup.inner_text()
        assert page.locator(".leaflet-popup-content img").count() == 0
        page.screenshot(path=str(tmp_path / "front.png"))
    finally:
        page.close()
    assert errors == []
    assert all("cdn" in u or "code.jquery.com" in u or "bootstrapcdn" in u for u in remote)


_QGIS_SCRIPT = r"""
import json, os, sys
from qgis.core import (QgsApplication, QgsVectorLayer, QgsDateTimeRange, QgsVectorLayerTemporalContext,
                       QgsMapSettings, QgsMapRendererParallelJob, QgsFeatureRequest)
from qgis.PyQt.QtCore import QDateTime, QDate, QTime, QSize
from qgis.PyQt.QtGui import QColor
app = QgsApplication([], False)
app.initQgis()
gpkg, styles, png, days = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
out, layers = {}, []
for name in ["front_lines", "control_changes", "control", "control_areas"]:
    lyr = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
    msg, ok = lyr.loadNamedStyle(os.path.join(styles, name + ".qml"))
    tp, r = lyr.temporalProperties(), lyr.renderer()
    info = {"valid": lyr.isValid(), "style_ok": ok, "renderer": r.type(), "count": lyr.featureCount(),
            "temporal": tp.isActive(), "mode": int(tp.mode()), "start": tp.startField(), "end": tp.endField(),
            "crs": lyr.crs().authid(), "per_day": {}}
    if r.type() == "categorizedSymbol":
        info["categories"] = {c.value(): c.symbol().color().name() for c in r.categories()}
    ctx = QgsVectorLayerTemporalContext()
    ctx.setLayer(lyr)
    for day in days:
        y, m, d = map(int, day.split("-"))
        t0 = QDateTime(QDate(y, m, d), QTime(12, 0))
        flt = tp.createFilterString(ctx, QgsDateTimeRange(t0, t0.addSecs(3600)))
        info["per_day"][day] = sum(1 for _ in lyr.getFeatures(QgsFeatureRequest().setFilterExpression(flt)))
    out[name] = info
    layers.append(lyr)
ms = QgsMapSettings()
ms.setLayers(layers)
ms.setOutputSize(QSize(900, 700))
ms.setBackgroundColor(QColor("white"))
ext = layers[-1].extent()
ext.scale(1.2)
ms.setExtent(ext)
ms.setDestinationCrs(layers[-1].crs())
y, m, d = map(int, days[-1].split("-"))
t0 = QDateTime(QDate(y, m, d), QTime(12, 0))
ms.setIsTemporal(True)
ms.setTemporalRange(QgsDateTimeRange(t0, t0.addSecs(3600)))
job = QgsMapRendererParallelJob(ms)
job.start()
job.waitForFinished()
job.renderedImage().save(png)
print("RESULT" + json.dumps(out))
app.exitQgis()
"""


@pytest.mark.qgis
def test_styles_and_temporal_fields_in_real_qgis(front, tmp_path):
    """QGIS 3.22 applies the QML (categorized palette, temporal start/end) and filters one snapshot per day."""
    import os
    import subprocess

    probe = subprocess.run(["/usr/bin/python3", "-c", "import qgis.core"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("Debian python3-qgis not installed")
    gpkg = tmp_path / "front.gpkg"
    for name in ("control_areas", "front_lines", "control", "control_changes"):
        front[name].to_file(gpkg, layer=name)
    styles = Path(__file__).resolve().parents[2] / "geo" / "write" / "styles"
    script = tmp_path / "qgis_check.py"
    script.write_text(_QGIS_SCRIPT)
    png = tmp_path / "front_qgis.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(tmp_path)}
    days = ["2019-08-10", "2019-08-21", "2019-08-22", "2019-08-25", "2019-08-30"]
    proc = subprocess.run(["/usr/bin/python3", str(script), str(gpkg), str(styles), str(png), *days],
                          capture_output=True, text=True, env=env, timeout=180)  # fmt: skip
    line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT")), None)
    assert line, proc.stderr[-2000:]
    out = json.loads(line[len("RESULT"):])
    for name, info in out.items():
        assert info["valid"] and info["style_ok"] and info["temporal"], (name, info)
        assert info["crs"] == "EPSG:4326"
        assert info["count"] == len(front[name])
    for name in ("control_areas", "control"):
        assert out[name]["renderer"] == "categorizedSymbol"
        assert out[name]["categories"]["regime"] == "#d55e00"
        assert out[name]["categories"]["contested"] == "#7f7f7f"
    assert (out["control_areas"]["mode"], out["control_areas"]["start"], out["control_areas"]["end"]) == (
        2, "date_from", "date_to")
    # the control layer holds intervals: QGIS shows, on each day, every locality once with its state that day
    assert (out["control"]["mode"], out["control"]["start"], out["control"]["end"]) == (2, "valid_from", "valid_to")
    for day in days:
        assert out["control"]["per_day"][day] == 4
    assert out["control_changes"]["categories"]["rebels"] == "#009e73"
    # One snapshot per day: areas/lines/points of the snapshot in force, none of the others.
    areas = front["control_areas"]
    for day in days:
        in_force = areas[(areas.date_from <= day) & (areas.date_to.isna() | (areas.date_to > day))]
        assert out["control_areas"]["per_day"][day] == len(in_force) > 0
    # a change shows on its own day only (the changes are dated 21 and 25 August): no pile-up over later days
    assert out["control_changes"]["per_day"] == {"2019-08-10": 0, "2019-08-21": 1, "2019-08-22": 0,
                                                 "2019-08-25": 1, "2019-08-30": 0}
    assert png.stat().st_size > 5000
