"""Hostile strings through every input path into every output: they come out literally.

A dispatch, a file name, a baseline row, a user's place table or ``--title`` may hold template
syntax (``{{ 7*7 }}``, ``{% for %}``, ``{#``), a Jinja2 sandbox escape that would create a folder,
``</script>`` with an ``onerror`` image, JavaScript template syntax (backticks, ``${}``) and the
line separators U+2028/U+2029. ``conflictmap run`` on such inputs must evaluate nothing (no ``49``,
no ``PWNED`` folder, no dialog), crash nowhere, and show every string as text: in the map (with and
without ``--offline``, opened in real headless Chromium with dialog, page-error and console
listeners), the GeoPackage, the CSV, and a notebook's inline map.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from geo.cli import main

REPO = Path(__file__).resolve().parents[2]

EVAL = "{{ 7*7 }}"
LOOP = "{% for x in range(3) %}boucle{% endfor %}"
COMMENT = "{# commentaire"
OPEN = "{{ ouvert"
PWN = "{{ cycler.__init__.__globals__.os.mkdir(dict(PWNED=1)|first) }}"
SCRIPT = "</script><img src=x onerror=alert(1)>"
JS = "`gabarit ${alert(2)}`"
SEPARATORS = "ligne\u2028séparée\u2029ici"
#: Every hostile string, in one line (the separators apart: they are line breaks in some readers).
PAYLOAD = f"{EVAL} {LOOP} {COMMENT} {OPEN} {PWN} {SCRIPT} {JS}"
LITERALS = [EVAL, LOOP, COMMENT, OPEN, PWN, SCRIPT, JS]

#: Our own sentence: a strike on a known town with a toll, the payload inside the sentence.
STRIKE = "Des raids aériens ont tué cinq civils jeudi à Saraqeb ({payload}), selon une ONG."
#: A sentence about a place only the user's table knows (its name there is hostile).
USER_PLACE = "Des tirs d'artillerie ont tué deux civils à Qarfoutlaz vendredi."


def _dispatch(payload: str = PAYLOAD) -> str:
    return " date 2019-05-14\n" + STRIKE.format(payload=payload) + "\n\n" + USER_PLACE + "\n"


@pytest.fixture
def hostile_inputs(tmp_path: Path) -> dict[str, Path]:
    """One file per input route, each carrying the payload."""
    folder = tmp_path / "in"
    folder.mkdir()
    paths: dict[str, Path] = {}
    # .txt, with a hostile file name too
    paths["txt"] = folder / "{{ 7*7 }} dépêche.txt"
    paths["txt"].write_text(_dispatch(), encoding="utf-8")
    # JSON Lines with hostile metadata
    paths["jsonl"] = folder / "dispatches.jsonl"
    row = {"text": STRIKE.format(payload=PAYLOAD), "date": "2019-05-15", "id": EVAL, "title": LOOP, "url": "https://example.org/" + EVAL}
    paths["jsonl"].write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    # CSV with a text column
    paths["csv"] = folder / "dispatches.csv"
    with open(paths["csv"], "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "date", "title", "text"])
        writer.writerow([PWN, "2019-05-16", SCRIPT, STRIKE.format(payload=PAYLOAD)])
    # an HTML page: the payload as escaped text of a paragraph
    import html

    paths["html"] = folder / "page.html"
    paths["html"].write_text(
        "<html><head><title>" + html.escape(EVAL) + "</title></head><body><article><p>"
        + html.escape(STRIKE.format(payload=PAYLOAD)) + "</p></article></body></html>",
        encoding="utf-8",
    )
    # a control baseline whose place and source fields are hostile
    paths["baseline"] = tmp_path / "baseline.csv"
    with open(paths["baseline"], "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["place", "lat", "lon", "controller", "date", "source"])
        writer.writerow(["Saraqeb " + EVAL, "35.86447", "36.80591", "rebels", "2019-04-01", PAYLOAD + " " + SEPARATORS])
        writer.writerow(["Idleb " + LOOP, "35.93062", "36.63393", "HTS/jihadists", "2019-04-01", SCRIPT])
        writer.writerow(["Maaret " + JS, "35.64830", "36.67693", "regime", "2019-04-01", PWN])
    # a user's place table: a village the gazetteer does not know, named with the payload
    paths["places"] = tmp_path / "places.csv"
    with open(paths["places"], "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "lat", "lon", "alternate_names"])
        writer.writerow(["Qarfoutlaz " + EVAL + " " + SCRIPT, "35.7", "36.7", "Qarfoutlaz"])
    paths["folder"] = folder
    return paths


def _run(args: list[str], cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real command line in a fresh process, in ``cwd`` (where a PWNED folder would appear)."""
    return subprocess.run(
        [sys.executable, "-m", "geo", "-q", *args], cwd=cwd, input=stdin, text=True, capture_output=True, timeout=600,
    )


def _assert_nothing_evaluated(cwd: Path, text: str) -> None:
    assert not (cwd / "PWNED").exists() and not (REPO / "PWNED").exists()
    assert "boucleboucleboucle" not in text


@pytest.fixture
def hostile_run(hostile_inputs: dict[str, Path], tmp_path: Path) -> dict[str, Path]:
    """``conflictmap run`` on every input route, online and offline maps (two runs)."""
    common = [str(hostile_inputs["folder"]), "--baseline", str(hostile_inputs["baseline"]),
              "--csv", str(hostile_inputs["places"]), "--title", PAYLOAD + " " + SEPARATORS, "--geojson"]
    outs = {"offline": tmp_path / "out-offline", "online": tmp_path / "out-online"}
    for mode, out in outs.items():
        res = _run(["run", *common, "--out", str(out), *(["--offline"] if mode == "offline" else ["--tiles", "osm"])], cwd=tmp_path)
        assert res.returncode == 0, res.stderr
        assert "Traceback" not in res.stderr
        _assert_nothing_evaluated(tmp_path, (out / "map.html").read_text(encoding="utf-8"))
    return outs


def test_cli_run_writes_hostile_text_literally_to_tables(hostile_run: dict[str, Path]) -> None:
    import pyogrio

    out = hostile_run["offline"]
    with open(out / "events.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    evidence = " ".join(r.get("evidence") or "" for r in rows)
    for literal in LITERALS:
        assert literal in evidence, literal
    assert any(EVAL in (r.get("source") or "") for r in rows)  # the hostile file name, kept as written
    events = pyogrio.read_dataframe(out / "events.gpkg", layer="events")
    assert all(lit in " ".join(events["evidence"].dropna()) for lit in LITERALS)
    control = pyogrio.read_dataframe(out / "events.gpkg", layer="control")
    assert PAYLOAD + " " + SEPARATORS in set(control["source"].dropna())
    geo = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    assert any(PWN in (f["properties"].get("evidence") or "") for f in geo["features"])
    mentions = pyogrio.read_dataframe(out / "events.gpkg", layer="mentions")
    assert any(EVAL in str(n) and SCRIPT in str(n) for n in mentions["name"].dropna())


def test_stdin_route_keeps_hostile_text(tmp_path: Path) -> None:
    res = _run(["extract", "-", "--format", "json"], cwd=tmp_path, stdin=_dispatch())
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout.splitlines()[0])
    evidence = " ".join(e.get("evidence") or "" for e in doc["events"])
    for literal in LITERALS:
        assert literal in evidence
    out = tmp_path / "out"
    res = _run(["run", "-", "--out", str(out), "--offline"], cwd=tmp_path, stdin=_dispatch())
    assert res.returncode == 0, res.stderr
    _assert_nothing_evaluated(tmp_path, (out / "map.html").read_text(encoding="utf-8"))


_COLLECT_POPUPS = """(name) => {
  const map = window[name];
  const texts = [];
  const leaves = [];
  const visit = (layer) => {
    if (layer.getLayers) { layer.getLayers().forEach(visit); return; }
    leaves.push(layer);
  };
  map.eachLayer(visit);
  for (const layer of leaves) {
    if (!layer._map) continue;
    const latlng = layer.getLatLng ? layer.getLatLng() : (layer.getBounds ? layer.getBounds().getCenter() : null);
    if (!latlng) continue;
    layer.fire('click', {latlng: latlng, originalEvent: {}}, true);
    const c = document.querySelector('.leaflet-popup-content');
    if (c) { texts.push(c.innerText); }
    map.closePopup();
    layer.fire('mouseover', {latlng: latlng, originalEvent: {}}, true);
    document.querySelectorAll('.leaflet-tooltip').forEach((t) => texts.push(t.innerText));
    layer.fire('mouseout', {latlng: latlng, originalEvent: {}}, true);
  }
  // the canvas layers (events, mentions): every point's popup, built on click from the data, and tooltip
  for (const layer of (window.cm ? window.cm.layers : [])) {
    for (const i of layer.indices()) {
      layer.openPopupFor(i);
      const c = document.querySelector('.leaflet-popup-content');
      if (c) { texts.push(c.innerText); }
      map.closePopup();
      texts.push(layer.tooltipFor(i));
    }
  }
  return texts;
}"""


def _open_and_collect(chromium: Any, url: str, *, route_cdn: bool) -> tuple[list[str], str, Any]:
    from test_browser import READY, PageLog, _map_name

    page = chromium.new_page(viewport={"width": 1280, "height": 860})
    log = PageLog(page)
    if route_cdn:
        from geo.render import offline as _offline

        assets = [a for a in _offline.known_assets() if a.path is not None]

        def route(r: Any) -> None:
            target = r.request.url
            if urlsplit(target).hostname == "127.0.0.1":
                r.continue_()
                return
            for asset in assets:
                if re.search(asset.pattern, target):
                    ctype = "text/css" if asset.kind == "css" else "application/javascript"
                    r.fulfill(status=200, content_type=ctype, body=asset.path.read_text(encoding="utf-8"))
                    return
            r.abort()

        page.route("**/*", route)
    page.goto(url)
    page.wait_for_function(READY, timeout=60_000)
    page.wait_for_timeout(300)
    page.locator(".leaflet-control-layers").hover()  # the layer list opens on hover
    for box in page.locator(".leaflet-control-layers-overlays input[type=checkbox]").all():
        if not box.is_checked():  # every overlay on (place mentions are off by default)
            box.check()
    page.wait_for_function(READY, timeout=60_000)
    page.wait_for_timeout(300)
    texts = page.evaluate(_COLLECT_POPUPS, _map_name(page))
    page.wait_for_timeout(300)
    title = page.locator("#cm-title").inner_text()
    page.close()
    return texts, title, log


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["offline", "online"])
def test_hostile_text_is_shown_literally_in_chromium(
    mode: str, hostile_run: dict[str, Path], chromium: Any, serve_dir: Callable[[Path], str]
) -> None:
    out = hostile_run[mode]
    texts, title, log = _open_and_collect(chromium, serve_dir(out) + "map.html", route_cdn=mode == "online")
    shown = "\n".join(texts)
    for literal in LITERALS:
        assert literal in shown, literal  # in a popup or a tooltip, as text
    assert "Qarfoutlaz " + EVAL in shown  # the user's hostile place name
    assert "Saraqeb " + EVAL in shown or PAYLOAD in shown  # the baseline's fields reach the slider
    assert EVAL in title and LOOP in title and SCRIPT in title
    assert log.dialogs == []
    assert log.page_errors == []
    if mode == "offline":
        assert log.console_errors == []
        assert log.remote_requests() == []
    else:  # the tiles are aborted: only resource errors
        assert all("Failed to load resource" in e for e in log.console_errors), log.console_errors


@pytest.mark.browser
def test_bulk_layer_keeps_hostile_text_literally(chromium: Any, serve_dir: Callable[[Path], str], tmp_path: Path) -> None:
    """The events are one columnar data block: popups built from it keep the text too."""
    from geo.render.webmap import make_map, save_map
    from test_webmap import make_events

    events = make_events([
        {"place": "Saraqeb " + EVAL, "lat": 35.864, "lon": 36.806, "date": "2019-05-14", "actor": "regime", "killed": 5,
             "evidence": PAYLOAD, "source": PWN, "actor_text": JS},
        {"place": "Deir ez-Zor " + LOOP, "lat": 35.33, "lon": 40.14, "date": "2019-05-15", "actor": "Russia", "killed": 2,
             "evidence": SCRIPT + SEPARATORS, "source": COMMENT},
    ])
    m = make_map(events, title=OPEN, offline=True)
    page = save_map(m, tmp_path / "bulk.html", offline=True).read_text(encoding="utf-8")
    _assert_nothing_evaluated(tmp_path, page)
    texts, title, log = _open_and_collect(chromium, serve_dir(tmp_path) + "bulk.html", route_cdn=False)
    shown = "\n".join(texts)
    for literal in LITERALS:
        assert literal in shown, literal
    assert OPEN in title
    assert log.dialogs == [] and log.page_errors == [] and log.console_errors == []


@pytest.mark.parametrize("offline", [True, False])
def test_notebook_inline_map_keeps_hostile_text(offline: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What Jupyter shows (``_repr_html_``) is built without evaluating anything."""
    import html

    from geo.render.webmap import make_map
    from test_webmap import make_events

    monkeypatch.chdir(tmp_path)
    events = make_events([{"place": "Saraqeb", "lat": 35.864, "lon": 36.806, "date": "2019-05-14", "actor": "regime",
                               "killed": 5, "evidence": PAYLOAD, "source": PWN}])
    shown = make_map(events, title=EVAL, offline=offline)._repr_html_()
    _assert_nothing_evaluated(tmp_path, shown)
    page = html.unescape(shown)  # the page sits in an iframe srcdoc attribute (ours offline, folium's online)
    # the evidence, as JSON data in a script: its braces are JSON or HTML escapes, never delimiters
    assert re.search(r"(\\u007b\{|\\u0026#123;\\u0026#123;) 7\*7", page)
    assert re.search(r"(\\u007b\{|\\u0026#123;\\u0026#123;) cycler.__init__", page)
    assert "&#123;&#123; 7*7 &#125;&#125;" in page  # the title, as HTML text


def test_template_syntax_never_crashes_the_map_step(hostile_inputs: dict[str, Path], tmp_path: Path) -> None:
    """A lone ``{{`` or ``{#`` (unbalanced template syntax) once crashed the map after the tables were written."""
    out = tmp_path / "out"
    assert main(["-q", "run", str(hostile_inputs["txt"]), "--out", str(out), "--offline", "--title", "{{ {# {%"]) == 0
    assert (out / "map.html").is_file() and (out / "events.gpkg").is_file()


def test_installed_data_attribution_is_data_not_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The attribution line names installed data (file names, versions): never template source."""
    import gazetteer.datasets
    from geo.render.webmap import make_map, save_map
    from test_webmap import make_events

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(gazetteer.datasets, "installed_attribution", lambda: PAYLOAD)
    events = make_events([{"place": "Saraqeb", "lat": 35.864, "lon": 36.806, "date": "2019-05-14", "actor": "regime", "killed": 1}])
    page = save_map(make_map(events, offline=True), tmp_path / "map.html", offline=True).read_text(encoding="utf-8")
    _assert_nothing_evaluated(tmp_path, page)
    assert "addAttribution(" in page and "\\u0026#123;\\u0026#123; 7*7" in page
