"""Structure of the folium map (geo.render.webmap) and of the self-contained offline page (geo.render.offline)."""

from __future__ import annotations

import dataclasses
import re
import sys
import types
from pathlib import Path
from typing import Any

import pytest

geopandas = pytest.importorskip("geopandas")
pandas = pytest.importorskip("pandas")
shapely_geometry = pytest.importorskip("shapely.geometry")

from geo.errors import ConflictmapError, InputError  # noqa: E402
from geo.model import Event  # noqa: E402
from geo.render import choropleth, panel, webmap  # noqa: E402
from geo.render import offline as _offline  # noqa: E402

XSS_EVIDENCE = 'Frappe <img src=x onerror=alert(1)> puis </script><script>alert(2)</script> `${alert(3)}` "q" \'s\''
XSS_PLACE = "Kafr <b onmouseover=alert(4)>Nabl</b>"


def make_events(rows: list[dict[str, Any]], crs: str = "EPSG:4326") -> Any:
    """A GeoDataFrame with every Event column; rows give lat/lon (None = no geometry)."""
    Point = shapely_geometry.Point
    records = [Event(**{"kind": "strike", **row}).to_dict() for row in rows]
    geoms = [Point(r["lon"], r["lat"]) if r["lat"] is not None else None for r in records]
    columns = [f.name for f in dataclasses.fields(Event)]
    gdf = geopandas.GeoDataFrame(pandas.DataFrame(records, columns=columns), geometry=geoms, crs="EPSG:4326")
    return gdf.to_crs(crs) if crs != "EPSG:4326" else gdf


def sample_events() -> Any:
    return make_events(
        [
            {"place": "Saraqeb", "lat": 35.864, "lon": 36.806, "adm1": "Idleb", "adm1_pcode": "SY07", "date": "2019-05-02",
                 "actor": "regime", "killed": 12, "killed_min": True, "children_killed": 3, "injured": 20,
                 "evidence": XSS_EVIDENCE, "source": "AFP <script>"},
            {"place": XSS_PLACE, "lat": 35.56, "lon": 36.64, "adm1": "Idleb", "adm1_pcode": "SY07", "date": "2019-05-20",
                 "actor": "Russia", "killed": None, "evidence": "Raid sur le village.", "source": "OSDH"},
            {"place": "Raqqa", "lat": 35.95, "lon": 39.01, "adm1": "Ar-Raqqa", "adm1_pcode": "SY11", "date": "2019-06-01",
                 "actor": "coalition", "killed": 4, "evidence": "Bombardement.", "source": "SANA"},
            {"kind": "clash", "place": "Hama", "lat": 35.13, "lon": 36.75, "adm1": "Hama", "adm1_pcode": "SY05",
                 "date": "2019-05-10", "actor": "rebels", "killed": 2, "evidence": "Combats.", "source": "AFP"},
            {"kind": "control_change", "place": "Khan Cheikhoun", "lat": 35.44, "lon": 36.65, "adm1": "Idleb",
                 "adm1_pcode": "SY07", "date": "2019-05-25", "new_controller": "regime",
                 "previous_controller": "HTS/jihadists", "evidence": "Reprise de la ville.", "source": "AFP"},
            {"place": "Nowhere", "lat": None, "lon": None, "date": "2019-04-30", "actor": "IS", "killed": 1,
                 "evidence": "Lieu inconnu.", "source": "AFP"},
        ]
    )


def sample_mentions() -> Any:
    Point = shapely_geometry.Point
    return geopandas.GeoDataFrame(
        {"surface": ["Saraqeb", "Alep <i>"], "name": ["Saraqib", "Aleppo <i>"]},
        geometry=[Point(36.806, 35.864), Point(37.16, 36.2)],
        crs="EPSG:4326",
    )


def sample_governorates() -> Any:
    box = shapely_geometry.box
    return geopandas.GeoDataFrame(
        {"adm1_pcode": ["SY07", "SY11"], "adm1_name": ["Idleb", "Ar-Raqqa"]},
        geometry=[box(36.0, 35.3, 37.2, 36.3), box(38.0, 35.5, 40.0, 36.6)],
        crs="EPSG:4326",
    )


def render(m: Any) -> str:
    return m.get_root().render()


def random_events(n: int, seed: int = 1) -> Any:
    import numpy as np

    rng = np.random.default_rng(seed)
    actors = ["regime", "Russia", "rebels", "IS", None, "coalition", "Turkey"]
    lat = rng.uniform(32.8, 36.8, n)
    lon = rng.uniform(36.0, 41.5, n)
    rows = [
        {"place": f"Village {i}", "lat": float(lat[i]), "lon": float(lon[i]), "date": f"2018-{1 + i % 12:02d}-{1 + i % 28:02d}",
             "actor": actors[i % len(actors)], "killed": None if i % 7 == 0 else int(i % 60), "killed_min": bool(i % 3 == 0),
             "evidence": f"Frappe numéro {i} sur Village {i}." if i != 5 else XSS_EVIDENCE, "source": "AFP"}
        for i in range(n)
    ]
    return make_events(rows)


# ----------------------------------------------------------------- palette and sizes


def test_actor_colours_follow_the_palette() -> None:
    assert webmap.actor_color("regime") == "#d55e00"
    assert webmap.actor_color("Russia") == "#882255"
    assert webmap.actor_color("hts/JIHADISTS") == "#56b4e9"
    assert webmap.actor_color("SDF/Kurdish forces") == "#f0e442"
    assert webmap.actor_color("Martians") == "#bbbbbb"
    assert webmap.actor_color(None) == "#bbbbbb"
    assert webmap.actor_color(float("nan")) == "#bbbbbb"


def _luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _simulate(hex_colour: str, matrix: list[list[float]]) -> tuple[float, float, float]:
    """Colour as seen with a colour-vision deficiency (Machado et al. 2009, severity 1, linear RGB)."""
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return tuple(max(0.0, min(1.0, sum(m * c for m, c in zip(row, lin, strict=False)))) for row in matrix)  # type: ignore[return-value]


_DEFICIENCIES = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}


def test_controller_palette_stays_distinct_for_colour_blind_readers() -> None:
    """Every pair of controller colours differs under the three dichromacies (simulated), and the
    killed shading (Purples) is never confused with a controller colour at normal vision."""
    from geo.spatial.controllers import PALETTE

    colours = [c for k, c in PALETTE.items() if k != "contested"]
    for name, matrix in _DEFICIENCIES.items():
        seen = [_simulate(c, matrix) for c in colours]
        for i in range(len(seen)):
            for j in range(i + 1, len(seen)):
                dist = sum((a - b) ** 2 for a, b in zip(seen[i], seen[j], strict=False)) ** 0.5
                assert dist > 0.08, (name, colours[i], colours[j], round(dist, 3))
    for shade in choropleth.CHORO_COLORS:
        r, g, b = (int(shade[i:i + 2], 16) for i in (1, 3, 5))
        assert b >= r and b >= g, shade  # blue-purple hue: no red, green, yellow or orange shading


def test_controller_colours_are_the_front_map_palette() -> None:
    from geo.render import frontmap
    from geo.spatial.controllers import CONTROLLERS, PALETTE

    for label in CONTROLLERS:  # one source of truth: the strike map, the front map and QGIS agree
        assert webmap.actor_color(label) == PALETTE[label] == frontmap.PALETTE[label], label
    assert webmap.actor_color("contested") == "#7f7f7f"
    # every legend entry is told apart from the others
    colours = [c for a, c in webmap.ACTOR_COLORS.items() if a != "unknown"]
    assert len(set(colours)) == len(colours)
    assert webmap.UNKNOWN_COLOR not in colours


def test_radius_is_a_sqrt_scale_with_a_minimum() -> None:
    unknown, zero, one, ten, hundred = (panel.radius(k) for k in (None, 0, 1, 10, 100))
    assert unknown == zero == 3.5
    assert (one, ten, hundred) == (6.0, 12.5, 32.0)  # 1, 10, 100 killed: clearly different sizes
    assert ten >= 2 * one and hundred >= 2.5 * ten
    assert panel.radius(10**7) == 32.0
    js = (Path(webmap.__file__).parent / "static" / "cm-map.js").read_text(encoding="utf-8")
    assert "Math.min(32, 3 + 3 * Math.sqrt(killed))" in js  # the page draws with the same scale


def _data(page: str, key: str = "cm-data-events") -> dict:
    import json

    match = re.search(r'<script type="application/json" id="' + key + r'">(.*?)</script>', page, flags=re.S)
    assert match, key
    return json.loads(match.group(1))


# ----------------------------------------------------------------- structure of a small map


def test_small_map_has_every_layer_legend_and_title() -> None:
    page = render(
        webmap.make_map(
            sample_events(), mentions=sample_mentions(), governorates=sample_governorates(), title="Idleb, mai"
        )
    )
    for layer in ("Strikes", "Clashes, displacement, violence against civilians", "Heat map (strikes)", "Governorates: killed",
                  "Place mentions", "Control changes", "Town labels"):
        assert f'"{layer}"' in page, layer
    assert "L.control.layers(" in page
    assert "L.heatLayer(" in page  # Leaflet.heat is inlined in the page script
    assert 'id="cm-legend"' in page and 'id="cm-title"' in page and 'id="cm-panel"' in page
    for control in ("cm-date-from", "cm-date-to", "cm-search", "cm-toggle"):
        assert f'id="{control}"' in page, control
    # date range: min..max over every event, located or not
    assert "2019-04-30 – 2019-06-01" in page
    assert "5 of 6 events mapped" in page
    assert "1 event(s) without coordinates not drawn" in page
    # the events are ONE columnar data block, drawn by canvas layers (no marker per event)
    data = _data(page)
    assert len(data["lat"]) == len(data["day"]) == len(data["a"]) == 5
    assert "L.circleMarker(" not in page and "L.markerClusterGroup(" not in page
    assert page.count("new cm.CanvasLayer(") == 4  # strikes, clashes, changes, mentions
    # actor colours reach the page through the palette table
    assert "#d55e00" in data["tables"]["colour"] and "#882255" in data["tables"]["colour"]
    assert [k for k, _ in data["tables"]["kind"]] == ["strike", "strike", "strike", "clash", "control_change"] or \
        {k for k, _ in data["tables"]["kind"]} == {"strike", "clash", "control_change"}
    # the legend (actor toggles) lists only the actors present
    legend = page[page.index('id="cm-legend"'):]
    legend = legend[: legend.index("Kind")]
    assert "regime" in legend and "coalition" in legend and "Turkey" not in legend
    assert "approximate place" in page  # the legend explains hollow symbols


def test_cumulative_tolls_are_not_sized_as_one_strike() -> None:
    events = make_events([{"place": "Nord-ouest", "lat": 35.9, "lon": 36.6, "killed": 890, "killed_min": True, "cumulative": True}])
    data = _data(render(webmap.make_map(events)))
    assert data["n_killed"] == [890] and data["f"] == [1 | 4]  # drawn small by the page (flag 4)
    assert dict(data["tables"]["extra"][data["x"][0]])["Casualties"] == "≥ 890 killed, cumulative toll"


def test_approximate_events_carry_their_precision() -> None:
    events = make_events([{"place": "A", "lat": 35.0, "lon": 37.0, "geo_precision": 1, "killed": 1},
                          {"place": "B", "lat": 35.1, "lon": 37.1, "geo_precision": 2, "killed": 1},
                          {"place": "C", "lat": 35.2, "lon": 37.2, "geo_precision": 3, "killed": 1}])
    assert _data(render(webmap.make_map(events)))["g"] == [1, 2, 3]
    js = (Path(webmap.__file__).parent / "static" / "cm-map.js").read_text(encoding="utf-8")
    assert "hollow = (key & 2) !== 0" in js and "approximate (precision 2" in js


def test_popup_shows_casualties_with_minimum_marker() -> None:
    data = _data(render(webmap.make_map(sample_events())))
    rows = dict(data["tables"]["extra"][data["x"][0]])
    assert rows["Casualties"] == "≥ 12 killed (incl. 3 children); 20 injured"
    assert rows["Actor"] == "regime"
    assert "AFP <script>" in data["tables"]["source"]  # raw in the data, shown with textContent
    assert [panel.date_text(d) for d in ("2019-05-02",)] == ["2019-05-02"] and 18018 in data["day"]


def test_governorate_aggregates_are_computed_when_missing() -> None:
    pytest.importorskip("geo.spatial.aggregate")
    events = sample_events()
    gov = choropleth.with_aggregates(sample_governorates(), events)
    idleb = gov.set_index("adm1_pcode").loc["SY07"]
    assert idleb["strikes"] == 2  # the clash (Hama) and the control change are not strikes
    assert idleb["killed"] == 12
    raqqa = gov.set_index("adm1_pcode").loc["SY11"]
    assert raqqa["killed"] == 4
    tip = choropleth.gov_tooltip(idleb.to_dict() | {"adm1_pcode": "SY07"})
    assert "Killed: ≥ 12" in tip and "Strikes: 2" in tip
    assert "Dates: 2019-05-02 – 2019-05-25" in tip
    assert "Killed: 4<" in choropleth.gov_tooltip(raqqa.to_dict()) + "<"
    # given aggregates are kept as they are
    given = sample_governorates().assign(killed=[7, 0])
    assert choropleth.with_aggregates(given, events)["killed"].tolist() == [7, 0]


def test_choropleth_colours_killed_classes() -> None:
    assert choropleth.choro_color(None) == "#ffffff"
    assert choropleth.choro_color(0) == choropleth.CHORO_COLORS[0]
    assert choropleth.choro_color(12) == choropleth.CHORO_COLORS[2]
    assert choropleth.choro_color(5000) == choropleth.CHORO_COLORS[-1]
    page = render(webmap.make_map(sample_events(), governorates=sample_governorates()))
    assert "Killed: \u003e" not in page  # tooltips are JSON-encoded HTML
    assert choropleth.CHORO_COLORS[2] in page and "bindTooltip(feature.properties.tip" in page


def test_dispatch_text_is_escaped_everywhere() -> None:
    events = sample_events()
    page = render(webmap.make_map(events, mentions=sample_mentions(), title="<svg onload=alert(5)>"))
    for raw in ("<img src=x onerror", "</script><script>alert(2)", "<b onmouseover", "<svg onload",
                "<script>\"", "Aleppo <i>", "AFP <script>"):
        assert raw not in page, raw
    # the text is JSON data with < > & escaped (read back intact), the title is HTML text
    data = _data(page)
    assert XSS_EVIDENCE in data["tables"]["evidence"]
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page
    assert "&lt;svg onload=alert(5)&gt;" in page
    assert [XSS_PLACE, "Idleb"] in data["tables"]["place"]
    assert ["Aleppo <i>", "Alep <i>"] in _data(page, "cm-data-mentions")["names"]
    # no extra script element was opened by the text: same count as a page with harmless text
    benign = events.assign(evidence="x", place="p", source="s")
    plain = render(webmap.make_map(benign, mentions=sample_mentions(), title="t"))
    assert len(re.findall(r"<script\b", page)) == len(re.findall(r"<script\b", plain))


def test_events_in_another_crs_are_reprojected() -> None:
    events = make_events([{"place": "Saraqeb", "lat": 35.864, "lon": 36.806, "killed": 1}], crs="EPSG:3857")
    data = _data(render(webmap.make_map(events)))
    assert (data["lat"], data["lon"], data["scale"]) == ([358640], [368060], 10_000)


def test_empty_or_unlocated_events_still_make_a_map() -> None:
    page = render(webmap.make_map(make_events([{"place": "x", "lat": None, "lon": None, "date": "2020-01-01"}])))
    assert "0 of 1 events mapped" in page and "2020-01-01" in page
    assert _data(page)["lat"] == []
    page = render(webmap.make_map(make_events([])))
    assert "undated" in page


def test_bad_input_is_rejected_with_a_clear_message() -> None:
    import pandas as pd

    with pytest.raises(InputError, match="GeoDataFrame"):
        webmap.make_map(pd.DataFrame({"kind": ["strike"]}))
    with pytest.raises(InputError, match="'kind'"):
        webmap.make_map(sample_events().drop(columns="kind"))


def test_front_layers_are_delegated_to_geo_frontmap(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, Any, bool]] = []
    fake = types.ModuleType("geo.render.frontmap")

    def add_front_layers(m: Any, front: Any, *, offline: bool = False) -> None:
        calls.append((m, front, offline))

    fake.add_front_layers = add_front_layers  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "geo.render.frontmap", fake)
    front = {"control_changes": sample_events().iloc[4:5]}
    m = webmap.make_map(sample_events(), front=front, offline=True)
    assert len(calls) == 1 and calls[0][0] is m and calls[0][1] is front and calls[0][2] is True
    # the front module draws the control changes: not drawn twice
    assert '"Control changes"' not in render(m)


def test_missing_front_module_is_a_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "geo.render.frontmap", None)  # import raises ModuleNotFoundError
    with pytest.raises(ModuleNotFoundError):  # a missing module of the project is never silently skipped
        webmap.make_map(sample_events(), front={"control_changes": sample_events().iloc[4:5]})
    page = render(webmap.make_map(sample_events()))  # without front layers, control changes are events
    assert '"Control changes"' in page


# ----------------------------------------------------------------- offline page


def test_default_page_fetches_nothing_remote(tmp_path: Path) -> None:
    m = webmap.make_map(sample_events(), mentions=sample_mentions())  # the defaults: no option needed
    path = webmap.save_map(m, tmp_path / "map.html")
    page = path.read_text(encoding="utf-8")
    assert _offline.find_remote_urls(page) == []
    assert not re.search(r"<script[^>]*\bsrc=", page)
    assert re.findall(r"<link[^>]*>", page) == ['<link rel="icon" href="data:,">']
    assert "L.tileLayer(" not in page
    assert "Leaflet 1.9.3" in page  # inlined from xstatic-leaflet
    assert "simpleheat" in page and "L.heatLayer(" in page  # Leaflet.heat inlined from geo/render/static
    assert "L.MarkerClusterGroup=" not in page  # no clustering: the canvas draws every point
    assert "sourceMappingURL" not in page
    assert "url(images/" not in page  # Leaflet CSS images became data URIs
    assert '"maxZoom": 18' in page
    # offline basemap: the embedded boundaries and the country outline, drawn although no governorates were given
    assert '"Basemap (boundaries)"' not in page
    assert page.count('"type":"MultiPolygon"') + page.count('"type":"Polygon"') >= 14
    # town labels by importance, from the gazetteer's embedded GeoNames data
    towns = _data(page, "cm-data-towns")
    assert {"Aleppo", "Damascus", "Homs"} <= set(towns["names"][:6])
    assert towns["rank"][:2] == [0, 0] and max(towns["rank"]) == 4
    again = webmap.save_map(webmap.make_map(sample_events(), offline=True), tmp_path / "again.html", offline=True)
    assert _offline.find_remote_urls(again.read_text(encoding="utf-8")) == []


def test_online_tiles_are_opt_in_and_fall_back(tmp_path: Path) -> None:
    m = webmap.make_map(sample_events(), offline=False, tiles="osm")
    page = webmap.save_map(m, tmp_path / "map.html", offline=False).read_text(encoding="utf-8")
    assert "tile.openstreetmap.org" in page and "cm.fallbackTiles(" in page
    assert _offline.find_remote_urls(page) == ["https://tile.openstreetmap.org/{z}/{x}/{y}.png"]
    assert "Leaflet 1.9.3" in page  # still self-contained but for the tiles
    with pytest.raises(ConflictmapError, match="remote URL"):
        _offline.check_offline(page)
    # refused when saved offline: its tile layer is remote
    with pytest.raises(ConflictmapError, match="openstreetmap"):
        webmap.save_map(m, tmp_path / "other.html", offline=True)
    assert not (tmp_path / "other.html").exists()
    # offline=True (the default) ignores tiles; an unknown name is an error naming it
    assert "tile.openstreetmap" not in render(webmap.make_map(sample_events(), tiles="osm"))
    with pytest.raises(InputError, match="'mapbox'"):
        webmap.make_map(sample_events(), offline=False, tiles="mapbox")


def test_find_remote_urls_only_counts_fetched_urls() -> None:
    page = """<html><head><link rel="icon" href="https://a.example/fav.ico">
    <style>@import "https://b.example/x.css"; .x{background:url('//c.example/i.png')}</style></head>
    <body><a href="https://not-fetched.example/">link</a> text https://plain.example/
    <img src=https://d.example/i.png>
    <script>L.tileLayer("https://{s}.tile.example/{z}/{x}/{y}.png", {}); var o = {iconUrl: "http://e.example/i.png"};
    fetch('https://f.example/api');</script></body></html>"""
    assert _offline.find_remote_urls(page) == [
        "https://d.example/i.png",
        "https://a.example/fav.ico",
        "//c.example/i.png",
        "https://b.example/x.css",
        "https://{s}.tile.example/{z}/{x}/{y}.png",
        "http://e.example/i.png",
        "https://f.example/api",
    ]
    _offline.check_offline('<a href="https://x.example/">x</a><p>https://y.example/</p>')


def test_unknown_remote_asset_is_an_error_unless_registered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = '<html><head><script src="https://cdn.example/lib/leaflet.timeline.min.js"></script></head></html>'
    monkeypatch.setattr(_offline, "_EXTRA", [])
    with pytest.raises(ConflictmapError, match="leaflet.timeline.min.js"):
        _offline.make_self_contained(page)
    local = tmp_path / "timeline.js"
    local.write_text("window.timelineLoaded = '</script>';\n//# sourceMappingURL=timeline.js.map\n", encoding="utf-8")
    _offline.register_asset(r"leaflet\.timeline(\.min)?\.js$", local)
    out = _offline.make_self_contained(page)
    assert "window.timelineLoaded = '<\\/script>';" in out
    assert "sourceMappingURL" not in out and "cdn.example" not in out
    with pytest.raises(InputError, match="does not exist"):
        _offline.register_asset("x", tmp_path / "missing.js")


def test_dropped_cdn_defaults_are_not_needed() -> None:
    """jQuery, Bootstrap and Font Awesome are dropped offline: the page must not use them."""
    page = render(webmap.make_map(sample_events(), mentions=sample_mentions(), governorates=sample_governorates()))
    script = "".join(re.findall(r"<script>(.*?)</script>", page, flags=re.S))
    assert "$(" not in script and "jQuery" not in script
    assert "awesome" not in script.lower()  # no AwesomeMarkers icons


# ----------------------------------------------------------------- writing


def test_save_map_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "sub" / "map.html"
    m = webmap.make_map(sample_events(), offline=True)
    assert webmap.save_map(m, out, offline=True) == out
    before = out.read_bytes()

    def boom(html: str, **kwargs: Any) -> str:
        raise ConflictmapError("simulated failure")

    monkeypatch.setattr(_offline, "make_self_contained", boom)
    with pytest.raises(ConflictmapError, match="simulated"):
        webmap.save_map(m, out, offline=True)
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["map.html"]


# ----------------------------------------------------------------- large maps


def test_50000_events_are_one_compact_data_block(tmp_path: Path) -> None:
    events = random_events(50_000)
    empty = webmap.save_map(webmap.make_map(events.iloc[:0]), tmp_path / "empty.html").stat().st_size
    path = webmap.save_map(webmap.make_map(events), tmp_path / "big.html")
    page = path.read_text(encoding="utf-8")
    empty_page = (tmp_path / "empty.html").read_text(encoding="utf-8")
    for call in ("L.circleMarker(", "bindPopup("):  # only Leaflet's own source: no marker per event
        assert page.count(call) == empty_page.count(call), call
    assert "<img src=x onerror" not in page  # the evidence is packed (gzip + base64): ASCII only
    from geo.render.eventdata import unpack_popups

    assert XSS_EVIDENCE in unpack_popups(_data(page))["tables"]["evidence"]
    per_event = (path.stat().st_size - empty) / 50_000
    assert per_event < 120, f"{per_event:.0f} bytes per event"  # short synthetic evidence: ~30 chars each
    assert _offline.find_remote_urls(page) == []


def test_datetime_dates_from_geo_frames_are_shown_at_their_precision() -> None:
    """geo.spatial.frames stores period starts as datetime64 with a precision column."""
    events = make_events(
        [
            {"place": "A", "lat": 35.0, "lon": 37.0, "date": "2016-11", "date_precision": "month", "killed": 1},
            {"place": "B", "lat": 35.1, "lon": 37.1, "date": "2020-02-27", "date_precision": "day", "killed": 2},
        ]
    ).rename(columns={"adm1": "adm1_gaz"})
    events["date"] = pandas.to_datetime(["2016-11-01", "2020-02-27"])
    events["adm1_name"] = ["Hama", "Homs"]
    page = render(webmap.make_map(events))
    assert "2016-11 – 2020-02-27" in page and "00:00:00" not in page
    data = _data(page)
    assert data["day"] == [17106, 18319]
    assert [data["tables"]["dp"][i] for i in data["dp"]] == ["month", "day"]
    assert data["tables"]["place"][data["p"][0]] == ["A", "Hama"]


def test_offline_map_displays_self_contained_in_notebooks() -> None:
    import html as _html
    import re

    import geopandas as gpd
    from shapely.geometry import Point

    from geo.render.webmap import make_map

    events = gpd.GeoDataFrame(
        {"kind": ["strike"], "place": ["Saraqib"], "actor": ["Russia"], "killed": [3], "evidence": ["<b>x</b>"]},
        geometry=[Point(36.806, 35.864)],
        crs="EPSG:4326",
    )
    shown = _html.unescape(make_map(events, offline=True)._repr_html_())
    assert "leaflet" in shown.lower()
    remote = re.findall(r"""<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", shown)
    assert remote == []
