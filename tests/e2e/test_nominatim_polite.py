"""Issue 14's polite network, for the Nominatim source, against a mock server on 127.0.0.1.

Retries happen outside the transport and keep the spacing (never two requests within
``min_delay_seconds``), a 429's Retry-After is honoured, one total timeout per name is kept and
stated truthfully, malformed answers become the project's errors, the endpoint is configurable
(``--nominatim-url``), and with ``--online`` no network failure ever fails a command.
"""

from __future__ import annotations

import http.server
import json
import logging
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gazetteer import Gazetteer
from gazetteer.errors import GeocoderServiceError, GeocoderTimedOut
from gazetteer.sources.nominatim import NominatimSource
from geo.cli import main

_VILLAGE = [{
    "place_id": 4242, "osm_type": "node", "osm_id": 77, "lat": "35.90", "lon": "36.41", "type": "village",
    "addresstype": "village", "name": "Kherbet Zeitoun", "display_name": "Kherbet Zeitoun, Idlib Governorate, Syria",
    "address": {"village": "Kherbet Zeitoun", "state": "Idlib Governorate", "country_code": "sy"},
}]  # fmt: skip


class _Handler(http.server.BaseHTTPRequestHandler):
    """Behaviour by query word: ``busy`` 429 twice then OK, ``flaky`` 503 twice then OK, ``slow``
    sleeps 3 s, ``garbage`` non-JSON, ``badlat`` a record with lat "abc", ``down`` always 500."""

    server: Any

    def do_GET(self) -> None:
        params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
        q = params.get("q", "").lower()
        with self.server.lock:
            self.server.log.append((q, time.monotonic()))
            seen = sum(1 for name, _ in self.server.log if name == q)
        if "busy" in q and seen <= 2:
            return self._send(429, b"{}", {"Retry-After": "2"})
        if "flaky" in q and seen <= 2:
            return self._send(503, b"busy")
        if "slow" in q:
            time.sleep(3.0)
        if "down" in q:
            return self._send(500, b"internal error")
        if "garbage" in q:
            return self._send(200, b"<html>maintenance</html>")
        if "badlat" in q:
            return self._send(200, json.dumps([{**_VILLAGE[0], "lat": "abc"}]).encode())
        return self._send(200, json.dumps(_VILLAGE if "zeitoun" in q or "busy" in q or "flaky" in q else []).encode())

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture()
def server() -> Iterator[Any]:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.daemon_threads = True
    srv.log = []
    srv.lock = threading.Lock()
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(5)


def _url(server: Any) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def _gaps(server: Any) -> list[float]:
    times = [t for _, t in server.log]
    return [b - a for a, b in zip(times, times[1:])]


def test_429_retry_after_is_honoured_outside_the_transport(server: Any, tmp_path: Path) -> None:
    src = NominatimSource(url=_url(server), cache_path=False, timeout=10, min_delay_seconds=1.0, backoff=0.1)
    places = src.geocode("Busy Zeitoun")
    assert [p.name for p in places] == ["Kherbet Zeitoun"]
    assert len(server.log) == 3 and src.requests == 3  # two 429s, then the answer: no hidden retries
    assert all(gap >= 1.95 for gap in _gaps(server))  # Retry-After: 2 s, honoured each time


def test_retries_never_come_within_one_second(server: Any, tmp_path: Path) -> None:
    src = NominatimSource(url=_url(server), cache_path=False, timeout=10, min_delay_seconds=1.0, backoff=0.05)
    assert src.geocode("Flaky Zeitoun")
    assert src.geocode("Kherbet Zeitoun")
    assert len(server.log) == 4
    assert min(_gaps(server)) >= 0.98  # backoff is shorter than the spacing: the spacing wins


def test_one_total_timeout_per_name_stated_truthfully(server: Any, tmp_path: Path) -> None:
    src = NominatimSource(url=_url(server), cache_path=False, timeout=1.5, min_delay_seconds=0.0, backoff=0.2)
    start = time.monotonic()
    with pytest.raises(GeocoderTimedOut) as info:
        src.geocode("Slow Zeitoun")
    elapsed = time.monotonic() - start
    assert elapsed < 2.5  # one budget of 1.5 s, not 3 tries x 3 s
    assert "within the 1.5 s allowed per name" in str(info.value) and "'Slow Zeitoun'" in str(info.value)
    assert isinstance(info.value, TimeoutError)


@pytest.mark.parametrize("query", ["Garbage", "Badlat"])
def test_malformed_answers_are_service_errors(server: Any, query: str) -> None:
    src = NominatimSource(url=_url(server), cache_path=False, timeout=5, min_delay_seconds=0.0)
    with pytest.raises(GeocoderServiceError, match=f"malformed answer for {query!r}"):
        src.geocode(query)
    assert len(server.log) == 1  # not retried


def test_a_failing_service_is_given_up_on_after_three_names(server: Any) -> None:
    src = NominatimSource(url=_url(server), cache_path=False, timeout=0.6, min_delay_seconds=0.0, backoff=0.1,
                          max_failures=3)  # fmt: skip
    for name in ("Down A", "Down B", "Down C"):
        with pytest.raises(GeocoderServiceError, match="HTTP 500"):
            src.geocode(name)
    asked = len(server.log)
    with pytest.raises(GeocoderServiceError, match="failed for 3 names in a row"):
        src.geocode("Down D")
    assert len(server.log) == asked


def test_endpoint_from_url_and_environment(server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTMAP_NOMINATIM_URL", _url(server) + "/")
    src = NominatimSource(cache_path=False, min_delay_seconds=0.0)
    assert src.url == _url(server)
    assert src.geocode("Kherbet Zeitoun")[0].adm1_pcode == "SY07"
    with pytest.raises(GeocoderServiceError, match="expected the Nominatim URL"):
        NominatimSource(url="nominatim.example")


def test_gazetteer_keeps_local_answers_and_warns_once(server: Any, caplog: pytest.LogCaptureFixture) -> None:
    down = NominatimSource(url="http://127.0.0.1:9", cache_path=False, min_delay_seconds=0.0)  # nothing listens
    gaz = Gazetteer(["embedded", down])
    with caplog.at_level(logging.INFO, logger="conflictmap"):
        results = [gaz.resolve(n) for n in ("Alep", "Qarfoutlaz", "Kherbet Inconnue", "Tell Nulle-Part")]
    assert results[0].name == "Aleppo" and not any(r.resolved for r in results[1:])
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "cannot reach Nominatim at http://127.0.0.1:9" in warnings[0].getMessage()
    assert gaz.online_failures == 3


def _write_dispatch(folder: Path) -> Path:
    folder.mkdir()
    (folder / "depeche.txt").write_text(
        " date 2019-06-04\nDes frappes aériennes ont visé mardi le village de Kherbet Inconnue, dans la province "
        "d'Idleb, tuant trois civils, selon une ONG. À Alep, des obus sont tombés sur un quartier de l'ouest.\n",
        encoding="utf-8",
    )
    return folder


def test_cli_online_never_fails_a_run(server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CONFLICTMAP_CACHE_DIR", str(tmp_path / "cache"))
    inputs = _write_dispatch(tmp_path / "in")
    # no network at all: the run completes, with one warning
    code = main(["run", str(inputs), "--out", str(tmp_path / "out"), "--offline", "--online",
                 "--nominatim-url", "http://127.0.0.1:9"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 0 and (tmp_path / "out" / "events.gpkg").is_file() and (tmp_path / "out" / "map.html").is_file()
    assert err.count("WARNING: online gazetteer") == 1
    # the endpoint is the one given; an HTTP error for a name leaves it unresolved
    assert main(["geocode", "--online", "--nominatim-url", _url(server), "Down Village", "Alep", "Kherbet Zeitoun"]) == 0
    out, err = capsys.readouterr()
    assert "Aleppo" in out and "nominatim" in out and err.count("WARNING") == 1 and "HTTP 500" in err
    assert {q for q, _ in server.log} == {"down village", "kherbet zeitoun"}


def test_url_and_spacing_come_from_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    from gazetteer import settings

    monkeypatch.delenv("CONFLICTMAP_NOMINATIM_URL", raising=False)
    monkeypatch.setattr(settings, "nominatim_url", "http://127.0.0.1:9/nominatim/")
    monkeypatch.setattr(settings, "nominatim_min_delay_seconds", 2.5)
    src = NominatimSource(cache_path=False)
    assert src.url == "http://127.0.0.1:9/nominatim"
    assert src.min_delay_seconds == 2.5
    monkeypatch.setattr(settings, "nominatim_min_delay_seconds", 0.5)
    assert src.min_delay_seconds == 0.5  # read at each request, not when the source was built
    assert NominatimSource(cache_path=False, min_delay_seconds=0.0).min_delay_seconds == 0.0
