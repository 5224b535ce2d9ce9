"""The map in real headless Chromium (Debian ``/usr/bin/chromium`` driven by Playwright).

Checks what a person would see: the page loads with no JavaScript error, the markers are in the
DOM, a popup opens on click and shows the escaped dispatch text as text (no element, no alert),
and the offline page requests nothing outside 127.0.0.1. The screenshot is kept in
``output/map_screenshot.png``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from test_webmap import make_events, sample_events, sample_mentions

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
READY = "window.__cmScriptsDone === true && !(window.__cmPending > 0)"


class PageLog:
    """Everything a page did that a test may want to assert on."""

    def __init__(self, page: Any) -> None:
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def remote_requests(self) -> list[str]:
        return [u for u in self.requests if urlsplit(u).scheme not in ("data", "blob", "about")
                and urlsplit(u).hostname != "127.0.0.1"]


def screenshot_events() -> Any:
    """The sample events plus ~150 synthetic strikes inside Syria (for a screenshot a person can read)."""
    import numpy as np

    from geo.admin import country_outline

    outline = country_outline()
    rng = np.random.default_rng(7)
    actors = ["regime", "Russia", "regime", "rebels", "HTS/jihadists", "IS", "coalition", "Turkey",
              "SDF/Kurdish forces", "Iran/Hezbollah", None]
    rows: list[dict[str, Any]] = []
    from shapely.geometry import Point

    while len(rows) < 150:
        lon, lat = rng.uniform(35.7, 42.3), rng.uniform(32.4, 37.3)
        if not outline.contains(Point(lon, lat)):
            continue
        i = len(rows)
        rows.append(dict(place=f"Localité {i}", lat=float(lat), lon=float(lon), date=f"2019-{4 + i % 3:02d}-{1 + i % 28:02d}",
                         actor=actors[i % len(actors)], killed=None if i % 6 == 0 else int(rng.integers(0, 40)),
                         evidence=f"Synthetic test sentence {i}.", source="synthetic"))
    import geopandas as gpd
    import pandas as pd

    from geo.admin import load_boundaries

    extra = make_events(rows).drop(columns=["adm1_pcode"])
    gov = load_boundaries(1)[["adm1_pcode", "geometry"]]
    extra = gpd.sjoin(extra, gov, how="left", predicate="within").drop(columns="index_right")
    return pd.concat([sample_events(), extra], ignore_index=True)


def _open(chromium: Any, url: str) -> tuple[Any, PageLog]:
    page = chromium.new_page(viewport={"width": 1280, "height": 860})
    log = PageLog(page)
    page.goto(url)
    page.wait_for_function(READY, timeout=60_000)
    page.wait_for_timeout(300)
    return page, log


def _map_name(page: Any) -> str:
    return page.evaluate("Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k))")


def _click_latlng(page: Any, lat: float, lon: float) -> None:
    name = _map_name(page)
    x, y = page.evaluate(
        f"""() => {{ const m = window[{name!r}]; const p = m.latLngToContainerPoint([{lat}, {lon}]);
                   const r = m.getContainer().getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }}"""
    )
    page.mouse.click(x, y)


def _assert_escaped_popup(page: Any, log: PageLog) -> None:
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=5_000)
    text = popup.inner_text()
    assert "<img src=x onerror=alert(1)>" in text
    assert "</script><script>alert(2)</script>" in text
    assert "≥ 12 killed (incl. 3 children)" in text
    assert popup.locator("img, script, b[onmouseover]").count() == 0
    page.wait_for_timeout(300)
    assert log.dialogs == []


def test_offline_map_in_chromium(chromium: Any, serve_dir: Callable[[Path], str], tmp_path: Path) -> None:
    from geo.webmap import make_map, save_map

    events = screenshot_events()
    n_strikes = int(((events["kind"] == "strike") & events.geometry.notna()).sum())
    assert n_strikes < 200  # below the cluster threshold: one SVG path per strike
    from geo.admin import load_boundaries

    m = make_map(events, mentions=sample_mentions(), governorates=load_boundaries(1),
                 title="conflictmap: test map (synthetic data)", offline=True)
    save_map(m, tmp_path / "map.html", offline=True)
    page, log = _open(chromium, serve_dir(tmp_path) + "map.html")
    try:
        assert page.locator("path.cm-strike").count() == n_strikes
        assert page.locator("path.cm-other").count() == 1
        assert page.locator("path.cm-change").count() == 1
        assert page.locator("path.cm-mention").count() == 0  # mentions are off by default
        assert page.locator("#cm-legend").is_visible() and page.locator("#cm-title").is_visible()
        assert "2019-04-01 – 2019-06-" in page.locator("#cm-title").inner_text()
        # no tile layer offline; the basemap polygons are drawn
        assert page.locator(".leaflet-tile").count() == 0
        assert page.locator("path:not(.leaflet-interactive)").count() >= 14
        assert page.locator("path.leaflet-interactive").count() >= n_strikes + 2 + 14  # + choropleth

        _click_latlng(page, 35.864, 36.806)  # Saraqeb: the event with the hostile evidence
        _assert_escaped_popup(page, log)
        page.mouse.move(640, 850)  # away from the marker: its tooltip closes, the popup stays
        page.wait_for_timeout(300)
        out = REPO / "output"
        out.mkdir(exist_ok=True)
        page.screenshot(path=str(out / "map_screenshot.png"))

        # overlays switched on through the layer control work offline too
        page.locator(".leaflet-control-layers label", has_text="Place mentions").locator("input").check()
        assert page.locator("path.cm-mention").count() == 2
        page.locator(".leaflet-control-layers label", has_text="Heat map (strikes)").locator("input").check()
        page.wait_for_selector("canvas.leaflet-heatmap-layer", state="attached", timeout=5_000)
        page.wait_for_timeout(300)

        assert log.page_errors == []
        assert log.console_errors == []
        assert log.remote_requests() == []
        assert any(urlsplit(u).hostname == "127.0.0.1" for u in log.requests)
    finally:
        page.close()


def test_large_offline_map_clusters_in_chromium(chromium: Any, serve_dir: Callable[[Path], str], tmp_path: Path) -> None:
    from geo.webmap import make_map, save_map
    from test_webmap import random_events

    events = random_events(3_000)
    m = make_map(events, offline=True)  # 3,000 strikes > bulk threshold: one data array
    page_html = save_map(m, tmp_path / "big.html", offline=True).read_text(encoding="utf-8")
    assert page_html.count("L.circleMarker(") == 1
    page, log = _open(chromium, serve_dir(tmp_path) + "big.html")
    try:
        clusters = page.locator(".marker-cluster")
        assert clusters.count() > 0
        counted = sum(int(t) for t in clusters.all_inner_texts())
        assert counted + page.locator("path.cm-strike").count() == 3_000
        # zoom onto the event with the hostile evidence (index 5) and open its popup
        lat, lon = float(events.geometry.y.iloc[5]), float(events.geometry.x.iloc[5])
        name = _map_name(page)
        page.evaluate(f"window[{name!r}].setView([{lat}, {lon}], 18, {{animate: false}})")
        page.wait_for_timeout(800)
        _click_latlng(page, lat, lon)
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for(state="visible", timeout=5_000)
        assert "<img src=x onerror=alert(1)>" in popup.inner_text()
        assert popup.locator("img, script").count() == 0
        assert log.dialogs == [] and log.page_errors == [] and log.console_errors == []
        assert log.remote_requests() == []
    finally:
        page.close()


def test_online_map_in_chromium_with_cdn_served_locally(
    chromium: Any, serve_dir: Callable[[Path], str], tmp_path: Path
) -> None:
    """The online page: its CDN scripts are answered from the installed copies, tiles are aborted."""
    from geo import _offline
    from geo.webmap import make_map, save_map

    save_map(make_map(sample_events(), mentions=sample_mentions()), tmp_path / "online.html")
    assets = [a for a in _offline._assets() if a.path is not None]
    aborted: list[str] = []
    page = chromium.new_page(viewport={"width": 1280, "height": 860})
    log = PageLog(page)

    def route(r: Any) -> None:
        url = r.request.url
        if urlsplit(url).hostname == "127.0.0.1":
            r.continue_()
            return
        for asset in assets:
            if re.search(asset.pattern, url):
                ctype = "text/css" if asset.kind == "css" else "application/javascript"
                r.fulfill(status=200, content_type=ctype, body=asset.path.read_text(encoding="utf-8"))
                return
        aborted.append(url)
        r.abort()

    page.route("**/*", route)
    try:
        page.goto(serve_dir(tmp_path) + "online.html")
        page.wait_for_function(READY, timeout=60_000)
        page.wait_for_timeout(300)
        assert page.locator("path.cm-strike").count() == 3
        assert any("tile.openstreetmap.org" in u for u in aborted)  # online: tiles are requested
        _click_latlng(page, 35.864, 36.806)
        _assert_escaped_popup(page, log)
        # only resource errors from the aborted CDN/tile requests, never a script error
        assert log.page_errors == []
        assert all("Failed to load resource" in e for e in log.console_errors), log.console_errors
    finally:
        page.close()
