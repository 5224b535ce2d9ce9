"""The map in real headless Chromium (Debian ``/usr/bin/chromium`` driven by Playwright).

Checks what a person would see: the page loads with no JavaScript error, the markers are in the
DOM, a popup opens on click and shows the escaped dispatch text as text (no element, no alert),
and the offline page requests nothing outside 127.0.0.1. The screenshot is kept in
``output/map_screenshot.png``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from test_webmap import make_events, sample_events, sample_mentions

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
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

    from geo.spatial.admin import country_outline

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
        rows.append({"place": f"Localité {i}", "lat": float(lat), "lon": float(lon), "date": f"2019-{4 + i % 3:02d}-{1 + i % 28:02d}",
                         "actor": actors[i % len(actors)], "killed": None if i % 6 == 0 else int(rng.integers(0, 40)),
                         "evidence": f"Synthetic test sentence {i}.", "source": "synthetic"})
    import geopandas as gpd
    import pandas as pd

    from geo.spatial.admin import load_boundaries

    extra = make_events(rows).drop(columns=["adm1_pcode"])
    gov = load_boundaries(1)[["adm1_pcode", "geometry"]]
    extra = gpd.sjoin(extra, gov, how="left", predicate="within").drop(columns="index_right")
    return pd.concat([sample_events(), extra], ignore_index=True)


def _open(chromium: Any, url: str, *, viewport: tuple[int, int] = (1280, 860), block_remote: bool = True) -> tuple[Any, PageLog]:
    """Open ``url``; with ``block_remote`` every host but 127.0.0.1 is unreachable (requests aborted)."""
    page = chromium.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    log = PageLog(page)
    if block_remote:
        page.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).hostname == "127.0.0.1"
                   or urlsplit(r.request.url).scheme in ("data", "blob") else r.abort())
    page.goto(url)
    page.wait_for_function(READY, timeout=60_000)
    _wait_drawn(page)
    return page, log


def _wait_drawn(page: Any) -> None:
    """Two animation frames: the canvas layers draw at the next frame after a change."""
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50))))")


def drawn(page: Any, cls: str = "cm-strike") -> int:
    """How many points the canvas layer ``cls`` drew at the current view and filters."""
    value = page.locator(f"canvas.{cls}").get_attribute("data-drawn")
    return int(value or 0)


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
    assert "Source: AFP <script>" in text
    assert popup.locator("img, script, b[onmouseover]").count() == 0
    page.wait_for_timeout(300)
    assert log.dialogs == []


def _set_range(page: Any, selector: str, value: int) -> None:
    page.locator(selector).fill(str(value))
    page.locator(selector).dispatch_event("input")
    _wait_drawn(page)


def test_default_map_in_chromium_with_every_remote_host_unreachable(
    chromium: Any, serve_dir: Callable[[Path], str], tmp_path: Path
) -> None:
    """The issue's "must show": markers, the basemap with labels, filters that change what is drawn."""
    from geo.render.webmap import make_map, save_map
    from geo.spatial.admin import load_boundaries

    events = screenshot_events()
    strikes = events[(events["kind"] == "strike") & events.geometry.notna()]
    m = make_map(events, mentions=sample_mentions(), governorates=load_boundaries(1),
                 title="conflictmap: test map (synthetic data)")  # the defaults: no --offline needed
    save_map(m, tmp_path / "map.html")
    page, log = _open(chromium, serve_dir(tmp_path) + "map.html", viewport=(1024, 640))
    try:
        # markers: every located strike, clash and control change is drawn on the canvases
        assert drawn(page, "cm-strike") == len(strikes)
        assert drawn(page, "cm-other") == 1 and drawn(page, "cm-change") == 1
        assert page.locator("canvas.cm-mention").count() == 0  # mentions are off by default
        # the offline basemap: governorates + outline (not interactive), town labels by importance
        assert page.locator(".leaflet-cmBase-pane path").count() >= 15
        assert page.locator(".leaflet-tile").count() == 0
        labels = page.locator(".cm-town-label").all_inner_texts()
        assert {"Aleppo", "Damascus", "Homs"} <= set(labels) and len(labels) < 40  # small towns wait for zoom
        # the panel leaves most of a 1024x640 window to the map, and collapses
        box = page.locator("#cm-panel").bounding_box()
        assert box["width"] * box["height"] < 0.3 * 1024 * 640
        page.locator("#cm-toggle").click()
        small = page.locator("#cm-panel").bounding_box()
        assert small["width"] * small["height"] < 0.06 * 1024 * 640 and not page.locator("#cm-date-to").is_visible()
        page.locator("#cm-toggle").click()
        assert page.locator("#cm-date-to").is_visible()

        # filters: the date range, an actor, a kind; each changes what is drawn
        days = page.evaluate("[cm.events.day_min, cm.events.day_max]")
        _set_range(page, "#cm-date-to", days[0] + 30)
        in_april = drawn(page)
        assert 0 < in_april < len(strikes)
        assert page.locator("#cm-date-label").inner_text().startswith("2019-04-01 – 2019-05-01")
        _set_range(page, "#cm-date-to", days[1])
        assert drawn(page) == len(strikes)
        regime = int(((strikes["actor"] == "regime")).sum())
        page.locator("#cm-panel label", has_text="regime").locator("input").uncheck()
        _wait_drawn(page)
        assert drawn(page) == len(strikes) - regime
        page.locator("#cm-panel label", has_text="regime").locator("input").check()
        page.locator("#cm-panel label", has_text="strikes").locator("input").uncheck()
        _wait_drawn(page)
        assert drawn(page) == 0 and drawn(page, "cm-other") == 1
        page.locator("#cm-panel label", has_text="strikes").locator("input").check()
        _wait_drawn(page)
        assert drawn(page) == len(strikes)
        assert "of 155 mapped events shown" in page.locator("#cm-count").inner_text()

        # a popup built on click from the data: the hostile evidence shown as text
        _click_latlng(page, 35.864, 36.806)  # Saraqeb
        _assert_escaped_popup(page, log)
        page.keyboard.press("Escape")
        # the place search finds a place, zooms there and opens its popup
        page.locator("#cm-search").fill("Raqqa")
        page.locator("#cm-search").press("Enter")
        page.locator(".leaflet-popup-content", has_text="Raqqa").last.wait_for(state="visible", timeout=5_000)
        page.locator("#cm-search").fill("Saraqeb")
        page.locator("#cm-search").press("Enter")
        # .last: a popup closed a moment ago may still be fading out of the DOM
        page.locator(".leaflet-popup-content", has_text="Saraqeb").last.wait_for(state="visible", timeout=5_000)
        page.wait_for_timeout(300)
        out = REPO / "output"
        out.mkdir(exist_ok=True)
        page.screenshot(path=str(out / "map_screenshot.png"))

        # overlays switched on through the layer control work offline too
        page.locator(".leaflet-control-layers").hover()
        page.locator(".leaflet-control-layers label", has_text="Place mentions").locator("input").check()
        _wait_drawn(page)
        assert page.locator("canvas.cm-mention").count() == 1
        page.locator(".leaflet-control-layers label", has_text="Heat map (strikes)").locator("input").check()
        page.wait_for_selector("canvas.leaflet-heatmap-layer", state="attached", timeout=5_000)
        page.wait_for_timeout(300)

        assert log.page_errors == []
        assert log.console_errors == []
        assert log.remote_requests() == []
        assert any(urlsplit(u).hostname == "127.0.0.1" for u in log.requests)
    finally:
        page.close()


def test_large_map_draws_every_point_in_chromium(chromium: Any, serve_dir: Callable[[Path], str], tmp_path: Path) -> None:
    from geo.render.webmap import make_map, save_map
    from test_webmap import random_events

    events = random_events(3_000)
    save_map(make_map(events), tmp_path / "big.html")
    page, log = _open(chromium, serve_dir(tmp_path) + "big.html")
    try:
        assert drawn(page) == 3_000  # no clustering: every point drawn
        # zoom onto the event with the hostile evidence (index 5) and open its popup
        lat, lon = float(events.geometry.y.iloc[5]), float(events.geometry.x.iloc[5])
        name = _map_name(page)
        page.evaluate(f"window[{name!r}].setView([{lat}, {lon}], 18, {{animate: false}})")
        _wait_drawn(page)
        assert drawn(page) == 1
        _click_latlng(page, lat, lon)
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for(state="visible", timeout=5_000)
        assert "<img src=x onerror=alert(1)>" in popup.inner_text()
        assert popup.locator("img, script").count() == 0
        assert log.dialogs == [] and log.page_errors == [] and log.console_errors == []
        assert log.remote_requests() == []
    finally:
        page.close()


def test_online_tiles_fall_back_to_the_offline_basemap(
    chromium: Any, serve_dir: Callable[[Path], str], tmp_path: Path
) -> None:
    """``--tiles osm`` without network: the tile requests fail, the layer goes, the basemap and markers stay."""
    from geo.render.webmap import make_map, save_map

    save_map(make_map(sample_events(), mentions=sample_mentions(), offline=False, tiles="osm"), tmp_path / "online.html",
             offline=False)
    page, log = _open(chromium, serve_dir(tmp_path) + "online.html")
    try:
        page.wait_for_function("document.querySelector('.leaflet-container').getAttribute('data-tiles') === 'offline'",
                               timeout=20_000)
        assert any("tile.openstreetmap.org" in u for u in log.requests)  # the tiles were asked for
        assert page.locator(".leaflet-tile-pane img").count() == 0  # and removed when they failed
        assert drawn(page) == 3
        assert page.locator(".leaflet-cmBase-pane path").count() >= 15
        _click_latlng(page, 35.864, 36.806)
        _assert_escaped_popup(page, log)
        # only the tile requests failed (resource errors), never a script
        assert log.page_errors == []
        assert all("Failed to load resource" in e for e in log.console_errors), log.console_errors
        assert all("tile.openstreetmap.org" in u for u in log.remote_requests())
    finally:
        page.close()
