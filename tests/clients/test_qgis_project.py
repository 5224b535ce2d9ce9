"""The QGIS project written next to ``events.gpkg`` (``events.qgz``), opened in real QGIS.

QGIS 3.22 forgets the temporal settings of a GeoPackage's default styles; the project keeps them.
A small generated corpus goes through ``conflictmap run``; ``tests/tools/qgis_project_check.py`` opens the
project under Debian's ``/usr/bin/python3`` (PyQGIS) and reports each layer. The XML itself is also
checked without QGIS.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from geo.write.qgis_project import read_layers, write_qgis_project
from test_qgis import SYSTEM_PYTHON, _env, _has_qgis

REPO = Path(__file__).resolve().parents[2]
CHECK = Path(__file__).parents[1] / "tools" / "qgis_project_check.py"
DATED = {"events", "control", "control_changes", "front_observations", "control_areas", "front_lines"}


def _generate(n: int, folder: Path) -> None:
    spec = importlib.util.spec_from_file_location("generate_dispatches", REPO / "benchmarks" / "generate_dispatches.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    assert module.main([str(n), str(folder)]) == 0


@pytest.fixture(scope="module")
def run_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from geo.pipeline.job import run

    tmp = tmp_path_factory.mktemp("qgz")
    _generate(5, tmp / "in")
    run(tmp / "in", tmp / "out", offline=True, cache=False)
    return tmp / "out"


def test_run_writes_a_project_next_to_the_geopackage(run_out: Path) -> None:
    project = run_out / "events.qgz"
    assert project.exists()
    with zipfile.ZipFile(project) as archive:
        assert archive.namelist() == ["events.qgs"]
        text = archive.read("events.qgs").decode("utf-8")
    assert "./events.gpkg|layername=events" in text and str(run_out) not in text  # relative paths only
    assert text.count("<temporal ") >= len(DATED)
    layers, span = read_layers(run_out / "events.gpkg")
    assert [layer.name for layer in layers][:2] == ["events", "control_changes"]
    assert all(layer.qml for layer in layers)
    assert span is not None and span[0] < span[1]


def test_project_as_qgs_and_replaced(tmp_path: Path, run_out: Path) -> None:
    gpkg = tmp_path / "events.gpkg"
    gpkg.write_bytes((run_out / "events.gpkg").read_bytes())
    target = write_qgis_project(gpkg, tmp_path / "events.qgs")
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE qgis")
    write_qgis_project(gpkg, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.gpkg", "events.qgs"]  # no temp file left


@pytest.mark.qgis
def test_project_opens_in_qgis_time_aware(tmp_path: Path, run_out: Path) -> None:
    if not _has_qgis():
        pytest.skip("/usr/bin/python3 cannot import qgis.core (install Debian python3-qgis)")
    import sqlite3

    moved = tmp_path / "moved"  # both files moved together: relative paths still resolve
    moved.mkdir()
    for name in ("events.gpkg", "events.qgz"):
        (moved / name).write_bytes((run_out / name).read_bytes())
    with sqlite3.connect(moved / "events.gpkg") as con:
        first, last = con.execute("SELECT min(date), max(date) FROM events").fetchone()
        total = con.execute("SELECT count(*) FROM events").fetchone()[0]
        on_first = con.execute("SELECT count(*) FROM events WHERE date <= ? AND coalesce(date_end, date) >= ?",
                               (first, first)).fetchone()[0]
    day_after = (dt.date.fromisoformat(first[:10]) + dt.timedelta(days=1)).isoformat()
    png = tmp_path / "project.png"
    proc = subprocess.run([str(SYSTEM_PYTHON), str(CHECK), str(moved / "events.qgz"), first[:10], day_after, str(png)],
                          check=False, capture_output=True, text=True, timeout=300, env=_env(), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["read"] and report["crs"] == "EPSG:4326"
    layers = report["layers"]
    for name, info in layers.items():
        assert info["valid"], name
        assert info["source"].startswith(str(moved)), info["source"]
        assert info["crs"] == "EPSG:4326", name
        assert info["wkb"] in {"Point", "MultiPolygon", "MultiLineString"}, name
        assert info["renderer"] in {"categorizedSymbol", "graduatedSymbol", "singleSymbol", "RuleRenderer"}, name
        assert info["temporal"] == (name in DATED), name
    assert DATED - {"front_lines"} <= set(layers)
    # the first day keeps the events of that day only; the whole span keeps them all
    assert 0 < layers["events"]["in_range"] == on_first < total
    assert report["time_range"][0].startswith(first[:10]) and report["time_range"][1] > last[:10]
    assert report["order"][0] == "events" and report["order"][-1] == "governorates"
    # the shipped rivers: a plain line layer above the governorates, labelled, not temporal
    rivers = layers["rivers"]
    assert rivers["wkb"] == "MultiLineString" and rivers["features"] > 20 and rivers["labels"]
    assert not rivers["temporal"] and "rivers" in report["visible"]
    assert report["order"].index("rivers") < report["order"].index("governorates")
    assert "front_observations" not in report["visible"] and "events" in report["visible"]
    assert report["render"]["errors"] == [] and png.stat().st_size > 0
    whole = subprocess.run([str(SYSTEM_PYTHON), str(CHECK), str(moved / "events.qgz"), "1900-01-01", "2100-01-01"],
                           check=False, capture_output=True, text=True, timeout=300, env=_env(), cwd=tmp_path)
    assert json.loads(whole.stdout.strip().splitlines()[-1])["layers"]["events"]["in_range"] == total


def _in_range(project: Path, start: str, end: str, cwd: Path) -> dict[str, Any]:
    proc = subprocess.run([str(SYSTEM_PYTHON), str(CHECK), str(project), start, end], check=False,
                          capture_output=True, text=True, timeout=300, env=_env(), cwd=cwd)
    assert proc.returncode == 0, proc.stderr[-2000:]
    layers: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])["layers"]
    return layers


@pytest.mark.qgis
def test_control_changes_show_only_the_current_window(tmp_path: Path, run_out: Path) -> None:
    """A change marker is shown in the window that holds its date, not in every later one (no pile-up)."""
    if not _has_qgis():
        pytest.skip("/usr/bin/python3 cannot import qgis.core (install Debian python3-qgis)")
    import sqlite3

    with sqlite3.connect(run_out / "events.gpkg") as con:
        dates = [d[:10] for (d,) in con.execute("SELECT date FROM control_changes WHERE date IS NOT NULL")]
    assert dates, "the generated corpus has control changes"
    first, last = min(dates), max(dates)
    day = dt.timedelta(days=1)
    after = (dt.date.fromisoformat(last) + day).isoformat()
    month_after = (dt.date.fromisoformat(last) + 31 * day).isoformat()
    on_first = _in_range(run_out / "events.qgz", first, (dt.date.fromisoformat(first) + day).isoformat(), tmp_path)
    assert on_first["control_changes"]["temporal_mode"] == 4  # the day of the change, by expression
    assert on_first["control_changes"]["in_range"] == dates.count(first)
    # the month after the last change: nothing left on the map (accumulating showed them all)
    later = _in_range(run_out / "events.qgz", after, month_after, tmp_path)
    assert later["control_changes"]["in_range"] == 0
    whole = _in_range(run_out / "events.qgz", first, after, tmp_path)
    assert whole["control_changes"]["in_range"] == len(dates)
