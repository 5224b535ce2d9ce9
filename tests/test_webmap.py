"""Structure of the folium map (geo.webmap) and of the self-contained offline page (geo._offline)."""

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

from geo import _offline, webmap  # noqa: E402
from geo.errors import ConflictmapError, InputError  # noqa: E402
from geo.model import Event  # noqa: E402

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
            dict(place="Saraqeb", lat=35.864, lon=36.806, adm1="Idleb", adm1_pcode="SY07", date="2019-05-02",
                 actor="regime", killed=12, killed_min=True, children_killed=3, injured=20,
                 evidence=XSS_EVIDENCE, source="AFP <script>"),
            dict(place=XSS_PLACE, lat=35.56, lon=36.64, adm1="Idleb", adm1_pcode="SY07", date="2019-05-20",
                 actor="Russia", killed=None, evidence="Raid sur le village.", source="OSDH"),
            dict(place="Raqqa", lat=35.95, lon=39.01, adm1="Ar-Raqqa", adm1_pcode="SY11", date="2019-06-01",
                 actor="coalition", killed=4, evidence="Bombardement.", source="SANA"),
            dict(kind="clash", place="Hama", lat=35.13, lon=36.75, adm1="Hama", adm1_pcode="SY05",
                 date="2019-05-10", actor="rebels", killed=2, evidence="Combats.", source="AFP"),
            dict(kind="control_change", place="Khan Cheikhoun", lat=35.44, lon=36.65, adm1="Idleb",
                 adm1_pcode="SY07", date="2019-05-25", new_controller="regime",
                 previous_controller="HTS/jihadists", evidence="Reprise de la ville.", source="AFP"),
            dict(place="Nowhere", lat=None, lon=None, date="2019-04-30", actor="IS", killed=1,
                 evidence="Lieu inconnu.", source="AFP"),
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
        dict(place=f"Village {i}", lat=float(lat[i]), lon=float(lon[i]), date=f"2018-{1 + i % 12:02d}-{1 + i % 28:02d}",
             actor=actors[i % len(actors)], killed=None if i % 7 == 0 else int(i % 60), killed_min=bool(i % 3 == 0),
             evidence=f"Frappe numéro {i} sur Village {i}." if i != 5 else XSS_EVIDENCE, source="AFP")
        for i in range(n)
    ]
    return make_events(rows)


# ----------------------------------------------------------------- palette and sizes


def test_actor_colours_follow_the_palette() -> None:
    assert webmap.actor_color("regime") == "#d62728"
    assert webmap.actor_color("Russia") == "#8c1515"
    assert webmap.actor_color("hts/JIHADISTS") == "#555555"
    assert webmap.actor_color("SDF/Kurdish forces") == "#e6c200"
    assert webmap.actor_color("Martians") == "#999999"
    assert webmap.actor_color(None) == "#999999"
    assert webmap.actor_color(float("nan")) == "#999999"


def test_controller_colours_are_the_front_map_palette() -> None:
    from geo import frontmap
    from geo._controllers import CONTROLLERS, PALETTE

    for label in CONTROLLERS:  # one source of truth: the strike map, the front map and QGIS agree
        assert webmap.actor_color(label) == PALETTE[label] == frontmap.PALETTE[label], label
    assert webmap.actor_color("contested") == "#ff7f0e"
    # every legend entry is told apart from the others
    colours = [c for a, c in webmap.ACTOR_COLORS.items() if a != "unknown"]
    assert len(set(colours)) == len(colours)
    assert webmap.UNKNOWN_COLOR not in colours


def test_radius_is_a_sqrt_scale_with_a_minimum() -> None:
    unknown, zero, one, hundred = (webmap._radius(k) for k in (None, 0, 1, 100))
    assert unknown == zero == 4.0
    assert one > zero
    assert hundred - 4.0 == pytest.approx(10 * (one - 4.0), rel=0.01)
    assert webmap._radius(10**7) == 30.0


# ----------------------------------------------------------------- structure of a small map


def test_small_map_has_every_layer_legend_and_title() -> None:
    page = render(
        webmap.make_map(
            sample_events(), mentions=sample_mentions(), governorates=sample_governorates(), title="Idleb, mai"
        )
    )
    for layer in ("Strikes", "Clashes and displacement", "Heat map (strikes)", "Governorates: killed",
                  "Place mentions", "Control changes"):
        assert f'"{layer}"' in page, layer
    assert "L.control.layers(" in page
    assert "L.heatLayer(" in page
    assert 'id="cm-legend"' in page and 'id="cm-title"' in page
    # date range: min..max over every event, located or not
    assert "2019-04-30 – 2019-06-01" in page
    assert "5 of 6 events mapped" in page
    assert "1 event(s) without coordinates not drawn" in page
    # one circle marker per located event (3 strikes, 1 clash, 1 change) + 1 for the mentions array
    assert page.count("L.circleMarker(") == 5 + 1
    assert "L.markerClusterGroup(" not in page
    # actor colours and sqrt sizes reach the page
    assert '"fillColor": "#d62728"' in page and '"fillColor": "#8c1515"' in page
    assert f'"radius": {webmap._radius(12)}' in page
    # the legend lists only the actors present
    legend = page[page.index('id="cm-legend"'):]
    legend = legend[: legend.index("</div></div>") if "</div></div>" in legend else 3000]
    assert "regime" in legend and "coalition" in legend and "Turkey" not in legend


def test_cumulative_tolls_are_not_sized_as_one_strike() -> None:
    events = make_events([dict(place="Nord-ouest", lat=35.9, lon=36.6, killed=890, killed_min=True, cumulative=True)])
    page = render(webmap.make_map(events))
    assert '"radius": 4.0' in page and f'"radius": {webmap._radius(890)}' not in page
    assert "≥ 890 killed, cumulative toll" in webmap._event_popup(events.iloc[0].to_dict())


def test_popup_shows_casualties_with_minimum_marker() -> None:
    row = sample_events().iloc[0].to_dict()
    popup = webmap._event_popup(row)
    assert "≥ 12 killed (incl. 3 children)" in popup
    assert "20 injured" in popup
    assert "2019-05-02" in popup and "Actor: regime" in popup
    assert "Source: AFP &lt;script&gt;" in popup


def test_governorate_aggregates_are_computed_when_missing() -> None:
    pytest.importorskip("geo.aggregate")
    events = sample_events()
    gov = webmap._with_aggregates(sample_governorates(), events)
    idleb = gov.set_index("adm1_pcode").loc["SY07"]
    assert idleb["strikes"] == 2  # the clash (Hama) and the control change are not strikes
    assert idleb["killed"] == 12
    raqqa = gov.set_index("adm1_pcode").loc["SY11"]
    assert raqqa["killed"] == 4
    tip = webmap._gov_tooltip(idleb.to_dict() | {"adm1_pcode": "SY07"})
    assert "Killed: ≥ 12" in tip and "Strikes: 2" in tip
    assert "Dates: 2019-05-02 – 2019-05-25" in tip
    assert "Killed: 4<" in webmap._gov_tooltip(raqqa.to_dict()) + "<"
    # given aggregates are kept as they are
    given = sample_governorates().assign(killed=[7, 0])
    assert webmap._with_aggregates(given, events)["killed"].tolist() == [7, 0]


def test_choropleth_colours_killed_classes() -> None:
    assert webmap._choro_color(None) == "#ffffff"
    assert webmap._choro_color(0) == webmap._CHORO_COLORS[0]
    assert webmap._choro_color(12) == webmap._CHORO_COLORS[2]
    assert webmap._choro_color(5000) == webmap._CHORO_COLORS[-1]
    page = render(webmap.make_map(sample_events(), governorates=sample_governorates()))
    assert "Killed: \u003e" not in page  # tooltips are JSON-encoded HTML
    assert webmap._CHORO_COLORS[2] in page and "bindTooltip(feature.properties.tip" in page


@pytest.mark.parametrize("bulk", [False, True], ids=["folium-markers", "bulk-array"])
def test_dispatch_text_is_escaped_everywhere(bulk: bool) -> None:
    events = sample_events()
    kwargs = {"bulk_threshold": 0, "cluster_threshold": 0} if bulk else {}
    page = render(webmap.make_map(events, mentions=sample_mentions(), title="<svg onload=alert(5)>", **kwargs))
    assert ("L.circleMarker(" in page) and (page.count("L.circleMarker(") <= 5 if bulk else True)
    for raw in ("<img src=x onerror", "</script><script>alert(2)", "<b onmouseover", "<svg onload",
                "<script>\"", "Aleppo <i>", "AFP <script>"):
        assert raw not in page, raw
    # HTML-escaped text, itself inside JSON data (where & is written \u0026) or in the page's HTML
    unjson = page.replace("\\u0026", "&")
    assert "&lt;img src=x onerror=alert(1)&gt;" in unjson
    assert "&lt;svg onload=alert(5)&gt;" in page
    assert "Kafr &lt;b onmouseover=alert(4)&gt;Nabl&lt;/b&gt;" in unjson
    # no extra script element was opened by the text: same count as a page with harmless text
    benign = events.assign(evidence="x", place="p", source="s")
    plain = render(webmap.make_map(benign, mentions=sample_mentions(), title="t", **kwargs))
    assert len(re.findall(r"<script\b", page)) == len(re.findall(r"<script\b", plain))


def test_medium_map_is_clustered_with_folium_markers() -> None:
    page = render(webmap.make_map(random_events(300), cluster_threshold=200, bulk_threshold=2000))
    assert "L.markerClusterGroup(" in page
    assert page.count("L.circleMarker(") == 300


def test_events_in_another_crs_are_reprojected() -> None:
    events = make_events([dict(place="Saraqeb", lat=35.864, lon=36.806, killed=1)], crs="EPSG:3857")
    page = render(webmap.make_map(events))
    assert "[35.864, 36.806]" in page


def test_empty_or_unlocated_events_still_make_a_map() -> None:
    page = render(webmap.make_map(make_events([dict(place="x", lat=None, lon=None, date="2020-01-01")])))
    assert "0 of 1 events mapped" in page and "2020-01-01" in page
    assert "L.circleMarker(" not in page
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
    fake = types.ModuleType("geo.frontmap")

    def add_front_layers(m: Any, front: Any, *, offline: bool = False) -> None:
        calls.append((m, front, offline))

    fake.add_front_layers = add_front_layers  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "geo.frontmap", fake)
    front = {"control_changes": sample_events().iloc[4:5]}
    m = webmap.make_map(sample_events(), front=front, offline=True)
    assert len(calls) == 1 and calls[0][0] is m and calls[0][1] is front and calls[0][2] is True
    # the front module draws the control changes: not drawn twice
    assert '"Control changes"' not in render(m)


def test_missing_front_module_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "geo.frontmap", None)  # import raises ModuleNotFoundError
    page = render(webmap.make_map(sample_events(), front={"control_changes": sample_events().iloc[4:5]}))
    assert '"Control changes"' in page


# ----------------------------------------------------------------- offline page


def test_offline_page_fetches_nothing_remote(tmp_path: Path) -> None:
    m = webmap.make_map(sample_events(), mentions=sample_mentions(), offline=True)
    path = webmap.save_map(m, tmp_path / "map.html", offline=True)
    page = path.read_text(encoding="utf-8")
    assert _offline.find_remote_urls(page) == []
    assert not re.search(r"<script[^>]*\bsrc=", page)
    assert re.findall(r"<link[^>]*>", page) == ['<link rel="icon" href="data:,">']
    assert "L.tileLayer(" not in page
    assert "Leaflet 1.9.3" in page  # inlined from xstatic-leaflet
    assert "simpleheat" in page and "L.heatLayer(" in page  # Leaflet.heat inlined from geo/static
    assert "L.MarkerClusterGroup=" not in page  # no clustering here: markercluster not linked at all
    assert "sourceMappingURL" not in page
    assert "url(images/" not in page  # Leaflet CSS images became data URIs
    assert '"maxZoom": 18' in page
    # offline basemap: the embedded boundaries, drawn although no governorates were given
    assert '"Basemap (boundaries)"' not in page  # control=False: not in the layer control
    assert page.count('"type": "MultiPolygon"') + page.count('"type": "Polygon"') >= 14


def test_online_page_uses_tiles_and_cdn(tmp_path: Path) -> None:
    m = webmap.make_map(sample_events())
    page = webmap.save_map(m, tmp_path / "map.html").read_text(encoding="utf-8")
    assert "tile.openstreetmap.org" in page
    with pytest.raises(ConflictmapError, match="remote URL"):
        _offline.check_offline(page)
    # an online map cannot be saved offline: its tile layer is remote
    with pytest.raises(ConflictmapError, match="openstreetmap"):
        webmap.save_map(m, tmp_path / "other.html", offline=True)
    assert not (tmp_path / "other.html").exists()


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

    def boom(html: str) -> str:
        raise ConflictmapError("simulated failure")

    monkeypatch.setattr(_offline, "make_self_contained", boom)
    with pytest.raises(ConflictmapError, match="simulated"):
        webmap.save_map(m, out, offline=True)
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["map.html"]


# ----------------------------------------------------------------- large maps


def test_50000_events_use_one_data_layer(tmp_path: Path) -> None:
    events = random_events(50_000)
    m = webmap.make_map(events, offline=True)
    path = webmap.save_map(m, tmp_path / "big.html", offline=True)
    page = path.read_text(encoding="utf-8")
    assert page.count("L.circleMarker(") == 1  # one call site in the loop over the data array
    assert page.count("L.markerClusterGroup(") == 1
    assert "L.MarkerClusterGroup=L.FeatureGroup.extend" in page  # inlined from xstatic
    assert ".leaflet-cluster-anim" in page
    assert "new L.CircleMarker" not in page and page.count("bindPopup(") <= 2
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in page and "<img src=x onerror" not in page
    size = path.stat().st_size
    assert size < 20_000_000, f"{size:,} bytes"
    assert _offline.find_remote_urls(page) == []


def test_datetime_dates_from_geo_frames_are_shown_at_their_precision() -> None:
    """geo.frames stores period starts as datetime64 with a precision column."""
    events = make_events(
        [
            dict(place="A", lat=35.0, lon=37.0, date="2016-11", date_precision="month", killed=1),
            dict(place="B", lat=35.1, lon=37.1, date="2020-02-27", date_precision="day", killed=2),
        ]
    ).rename(columns={"adm1": "adm1_gaz"})
    events["date"] = pandas.to_datetime(["2016-11-01", "2020-02-27"])
    events["adm1_name"] = ["Hama", "Homs"]
    page = render(webmap.make_map(events))
    assert "2016-11 – 2020-02-27" in page and "00:00:00" not in page
    popup = webmap._event_popup(events.iloc[0].to_dict())
    assert "Date: 2016-11 <small>(month)</small>" in popup and "<b>A</b>, Hama" in popup


def test_offline_map_displays_self_contained_in_notebooks() -> None:
    import html as _html
    import re

    import geopandas as gpd
    from shapely.geometry import Point

    from geo.webmap import make_map

    events = gpd.GeoDataFrame(
        {"kind": ["strike"], "place": ["Saraqib"], "actor": ["Russia"], "killed": [3], "evidence": ["<b>x</b>"]},
        geometry=[Point(36.806, 35.864)],
        crs="EPSG:4326",
    )
    shown = _html.unescape(make_map(events, offline=True)._repr_html_())
    assert "leaflet" in shown.lower()
    remote = re.findall(r"""<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", shown)
    assert remote == []
