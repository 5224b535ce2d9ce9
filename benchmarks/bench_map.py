"""Benchmark the interactive map: build time, HTML size and Chromium load time, offline pages.

Usage::

    python benchmarks/bench_map.py [N ...] [--seed S] [--no-browser]

For each N (default 1,000, 10,000 and 100,000) it makes N synthetic events at random points inside
Syria (rejection sampling in :func:`geo.spatial.admin.country_outline`; 80 % strikes, 10 % clashes, 5 %
control changes, 5 % displacement; one distinct synthetic evidence sentence per event) and as many
place mentions, then times:

* ``build``: :func:`geo.render.webmap.make_map` (with the governorate choropleth);
* ``save``: :func:`geo.render.webmap.save_map` with ``offline=True`` (render, inline Leaflet, check);
* ``bytes/event``: (page size - page size of the same map with no event) / N;
* ``load``: headless Chromium (``/usr/bin/chromium`` via Playwright) opening the page from a local
  ``http.server``, from navigation until every layer script has run and the event canvas is drawn
  (``window.__cmScriptsDone`` and ``canvas.cm-strike[data-drawn]``), then one animation frame;
  ``js heap`` is Chromium's used JS heap after loading; ``filter`` is the time to apply a date
  range of half the span and redraw (the panel's slider); any page error or console error is counted.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]
READY = "window.__cmScriptsDone === true && !(window.__cmPending > 0)"
_ACTORS = ["regime", "Russia", "regime", "rebels", "HTS/jihadists", "IS", "coalition", "Turkey",
           "SDF/Kurdish forces", "Iran/Hezbollah", None]
_CONTROLLERS = ["regime", "rebels", "HTS/jihadists", "IS", "SDF/Kurdish forces", "Turkey"]


def synthetic(n: int, seed: int) -> tuple[Any, Any]:
    """Return (events, mentions) GeoDataFrames with ``n`` rows each, inside Syria."""
    import dataclasses

    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely

    from geo.model import Event
    from geo.spatial.admin import country_outline, load_boundaries

    rng = np.random.default_rng(seed)
    outline = country_outline()
    w, s, e, nth = outline.bounds
    lon: list[float] = []
    lat: list[float] = []
    while len(lon) < n:
        x = rng.uniform(w, e, 2 * n)
        y = rng.uniform(s, nth, 2 * n)
        keep = shapely.contains_xy(outline, x, y)
        lon.extend(x[keep].tolist())
        lat.extend(y[keep].tolist())
    lon, lat = lon[:n], lat[:n]
    kinds = rng.choice(["strike", "clash", "control_change", "displacement"], size=n, p=[0.8, 0.1, 0.05, 0.05])
    killed = rng.geometric(0.15, size=n) - 1
    days = pd.Timestamp("2016-01-01") + pd.to_timedelta(rng.integers(0, 4 * 365, size=n), unit="D")
    records = []
    for i in range(n):
        kind = str(kinds[i])
        actor = _ACTORS[int(rng.integers(len(_ACTORS)))]
        place = f"Localité-{i % 4000}"
        date = days[i].strftime("%Y-%m-%d")
        k = None if i % 9 == 0 else int(killed[i])
        records.append(
            Event(
                kind=kind, place=place, lat=lat[i], lon=lon[i], date=date, date_precision="day",
                actor=actor, killed=k if kind in ("strike", "clash") else None, killed_min=bool(i % 4 == 0),
                injured=int(killed[i]) * 2 if i % 3 == 0 else None,
                new_controller=_CONTROLLERS[i % len(_CONTROLLERS)] if kind == "control_change" else None,
                evidence=(f"Dépêche synthétique n° {i} : {k if k is not None else 'plusieurs'} personnes tuées "
                          f"à {place} le {date}, selon une source locale citée par l'agence."),
                source=("AFP", "OSDH", "SANA", "Reuters")[i % 4], doc_id=f"bench-{i // 5}",
            ).to_dict()
        )
    columns = [f.name for f in dataclasses.fields(Event)]
    events = gpd.GeoDataFrame(pd.DataFrame(records, columns=columns), geometry=gpd.points_from_xy(lon, lat), crs=4326)
    gov = load_boundaries(1)[["adm1_pcode", "geometry"]]
    events = gpd.sjoin(events.drop(columns="adm1_pcode"), gov, how="left", predicate="within").drop(columns="index_right")
    mentions = gpd.GeoDataFrame(
        {"surface": events["place"], "name": events["place"]}, geometry=events.geometry.copy(), crs=4326
    )
    return events, mentions


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No access log."""


def _load_in_chromium(folder: Path, names: list[str]) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results: dict[str, dict[str, float]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name in names:
                page = browser.new_page(viewport={"width": 1280, "height": 860})
                errors: list[str] = []
                page.on("pageerror", lambda exc: errors.append(str(exc)))
                page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
                t0 = time.perf_counter()
                page.goto(base + name, timeout=300_000)
                page.wait_for_function(READY, timeout=300_000, polling=20)
                page.wait_for_selector("canvas.cm-strike[data-drawn]", state="attached", timeout=60_000)
                page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                elapsed = time.perf_counter() - t0
                heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0")
                dom = int(page.evaluate("document.querySelector('canvas.cm-strike').getAttribute('data-drawn')"))
                filter_s = page.evaluate(
                    """() => { const t0 = performance.now(); const d = cm.events;
                       cm.setFilter({from: d.day_min, to: Math.round((d.day_min + d.day_max) / 2)});
                       return (performance.now() - t0) / 1000; }"""
                )
                results[name] = {"load_s": elapsed, "heap_mb": heap / 2**20, "dom": dom, "errors": len(errors),
                                 "filter_s": filter_s}
                page.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return results


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1_000, 10_000, 100_000])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium load time")
    args = parser.parse_args(argv)

    from geo.render.webmap import make_map, save_map
    from geo.spatial.admin import load_boundaries

    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench_map_") as tmp:
        folder = Path(tmp)
        empty, _ = synthetic(1, args.seed)
        fixed = save_map(make_map(empty.iloc[:0], governorates=load_boundaries(1)), folder / "empty.html").stat().st_size
        for n in args.sizes:
            events, mentions = synthetic(n, args.seed)
            t0 = time.perf_counter()
            fmap = make_map(events, mentions=mentions, governorates=load_boundaries(1), offline=True)
            t1 = time.perf_counter()
            path = save_map(fmap, folder / f"map_{n}.html", offline=True)
            t2 = time.perf_counter()
            html = path.read_text(encoding="utf-8")
            rows.append({"n": n, "name": path.name, "build_s": t1 - t0, "save_s": t2 - t1,
                         "mb": path.stat().st_size / 1e6, "per_event": (len(html.encode()) - fixed) / n})
        loads = {} if args.no_browser or not Path(CHROMIUM).exists() else _load_in_chromium(folder, [r["name"] for r in rows])

    print(f"fixed part (a map with no event): {fixed / 1e6:.2f} MB")
    print(f"{'events':>8} {'build s':>8} {'save s':>7} {'HTML MB':>8} {'bytes/event':>12} "
          f"{'Chromium load s':>16} {'JS heap MB':>11} {'drawn':>8} {'filter s':>9} {'JS errors':>10}")
    for r in rows:
        ld = loads.get(r["name"])
        load = (f"{ld['load_s']:16.2f} {ld['heap_mb']:11.0f} {ld['dom']:8d} {ld['filter_s']:9.3f} {ld['errors']:10d}"
                if ld else f"{'-':>16}")
        print(f"{r['n']:>8,} {r['build_s']:8.2f} {r['save_s']:7.2f} {r['mb']:8.1f} {r['per_event']:12.0f} {load}")


if __name__ == "__main__":
    main()
