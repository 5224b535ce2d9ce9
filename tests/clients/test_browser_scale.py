"""The map at scale in real headless Chromium: zoomed-out aggregation, packed popups, observations toggle.

Zoomed out (zoom <= ``cm.clusterMaxZoom``) with many points in view, each canvas layer draws one
symbol per grid cell (sized by count, labelled) instead of a carpet of points; zoomed in, every point.
Big pages carry the popup-only data gzipped (``geo.render.eventdata.pack_popups``); popups still
show the evidence. Front observations are off by default and switch on from the layer control.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from test_browser import READY, PageLog, _map_name, _open, _wait_drawn, drawn
from test_frontmap import front  # noqa: F401  (the fixture: control layers + one front observation)
from test_webmap import XSS_EVIDENCE, random_events, sample_events

pytestmark = pytest.mark.browser


def _clusters(page: Any, cls: str = "cm-strike") -> int | None:
    value = page.locator(f"canvas.{cls}").get_attribute("data-clusters")
    return None if value is None else int(value)


def _zoom(page: Any, lat: float, lon: float, zoom: int) -> None:
    page.evaluate(f"window[{_map_name(page)!r}].setView([{lat}, {lon}], {zoom}, {{animate: false}})")
    _wait_drawn(page)


def test_zoomed_out_big_map_draws_aggregates_then_points(chromium: Any, serve_dir: Callable[[Path], str],
                                                         tmp_path: Path) -> None:
    from geo.render.eventdata import PACK_FROM
    from geo.render.webmap import make_map, save_map

    events = random_events(3_000)
    assert len(events) >= PACK_FROM
    save_map(make_map(events), tmp_path / "big.html")
    page, log = _open(chromium, serve_dir(tmp_path) + "big.html", viewport=(1024, 640))
    try:
        assert page.evaluate("cm.events.z === null && cm.events.tables.evidence.length > 0")  # unpacked
        assert page.evaluate(f"window[{_map_name(page)!r}].getZoom()") <= page.evaluate("cm.clusterMaxZoom")
        clusters = _clusters(page)
        assert clusters is not None and 0 < clusters < 400, clusters  # not 3,000 symbols
        assert drawn(page) == 3_000  # every point counted in an aggregate
        # a tooltip says what an aggregate holds; a click on it zooms in
        box = page.locator("#map, .folium-map").first.bounding_box()
        # the aggregate farthest from any other, so the pointer is over it alone (symbols of neighbours can overlap)
        top = page.evaluate("""() => { const l = cm.layers.find(x => x._clusters && x._clusters.length);
                                       const cs = l._clusters; let best = cs[0], far = -1;
                                       for (const c of cs) { let near = Infinity;
                                         for (const o of cs)
                                           if (o !== c) near = Math.min(near, Math.hypot(o.x - c.x, o.y - c.y));
                                         if (near > far) { far = near; best = c; } }
                                       return [best.x, best.y, best.n]; }""")
        zoom = page.evaluate(f"window[{_map_name(page)!r}].getZoom()")
        page.mouse.move(box["x"] + top[0], box["y"] + top[1])
        page.locator(".cm-tooltip", has_text="events").wait_for(state="visible", timeout=5_000)
        # the aggregate under the pointer as the page holds it now (a redraw after the pick may regroup points)
        under = page.evaluate(f"""() => {{ const l = cm.layers.find(x => x._clusters && x._clusters.length);
                                        let best = null, d = Infinity;
                                        for (const c of l._clusters) {{
                                          const e = Math.hypot(c.x - {top[0]}, c.y - {top[1]});
                                          if (e < d) {{ d = e; best = c; }} }}
                                        return best.n; }}""")
        assert f"{under} events" in page.locator(".cm-tooltip").inner_text()
        page.mouse.click(box["x"] + top[0], box["y"] + top[1])
        _wait_drawn(page)
        assert page.evaluate(f"window[{_map_name(page)!r}].getZoom()") == zoom + 2
        # zoomed in: single points again, and the packed popup data shows the evidence as text
        lat, lon = float(events.geometry.y.iloc[5]), float(events.geometry.x.iloc[5])
        _zoom(page, lat, lon, 12)
        assert _clusters(page) is None and drawn(page) >= 1
        page.evaluate("cm.layers.find(l => l.options.cls === 'cm-strike').openPopupFor(5)")
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for(state="visible", timeout=5_000)
        assert XSS_EVIDENCE in popup.inner_text() and popup.locator("img, script").count() == 0
        assert log.page_errors == [] and log.console_errors == [] and log.remote_requests() == []
    finally:
        page.close()


def test_small_map_is_never_aggregated(chromium: Any, serve_dir: Callable[[Path], str], tmp_path: Path) -> None:
    from geo.render.webmap import make_map, save_map

    save_map(make_map(sample_events()), tmp_path / "small.html")
    page, log = _open(chromium, serve_dir(tmp_path) + "small.html")
    try:
        assert _clusters(page) is None and drawn(page) > 0
        assert page.evaluate("cm.events.z === undefined")  # small pages keep the popup data in plain JSON
        assert log.page_errors == [] and log.console_errors == []
    finally:
        page.close()


def test_front_observations_off_by_default_and_toggle(chromium: Any, serve_dir: Callable[[Path], str],
                                                      tmp_path: Path, front: dict) -> None:  # noqa: F811
    from geo.render.webmap import make_map, save_map

    save_map(make_map(sample_events(), front=front), tmp_path / "front.html")
    page = chromium.new_page(viewport={"width": 1024, "height": 640})
    log = PageLog(page)
    try:
        page.goto(serve_dir(tmp_path) + "front.html")
        page.wait_for_function(READY, timeout=60_000)
        _wait_drawn(page)
        assert page.locator(".cm-front-obs").count() == 0
        page.locator(".leaflet-control-layers").hover()
        toggle = page.locator(".leaflet-control-layers label", has_text="Front observations").locator("input")
        assert not toggle.is_checked()
        toggle.check()
        page.locator(".cm-front-obs").first.wait_for(state="attached", timeout=5_000)
        assert page.locator(".cm-front-obs").count() == 1
        toggle.uncheck()
        page.wait_for_timeout(100)
        assert page.locator(".cm-front-obs").count() == 0
        assert log.page_errors == [] and log.console_errors == []
    finally:
        page.close()
