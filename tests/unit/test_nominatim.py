"""The Nominatim source against a real local HTTP server answering in Nominatim's JSON format.

No internet: the server runs on 127.0.0.1. Checks the query sent (countrycodes=sy), parsing,
the persistent SQLite cache (a second call sends no request), the 1 request/s rate limit (with
a fake clock and sleep), the timeout error, HTTP errors, and the resolver's online fallback.
"""

from __future__ import annotations

import http.server
import json
import sqlite3
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

_RESULTS: dict[str, list[dict[str, Any]]] = {
    "tell qarqour": [
        {
            "place_id": 123456,
            "licence": "Data © OpenStreetMap contributors, ODbL 1.0.",
            "osm_type": "node",
            "osm_id": 987654,
            "lat": "35.7812",
            "lon": "36.4567",
            "category": "place",
            "type": "village",
            "place_rank": 19,
            "importance": 0.2,
            "addresstype": "village",
            "name": "Tell Qarqour",
            "display_name": "Tell Qarqour, Jisr al-Shughur District, Idlib Governorate, Syria",
            "address": {"village": "Tell Qarqour", "state": "Idlib Governorate", "country": "Syria", "country_code": "sy"},
            "boundingbox": ["35.7612", "35.8012", "36.4367", "36.4767"],
        }
    ],
}


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        params = dict(urllib.parse.parse_qsl(url.query))
        self.server.requests.append((url.path, params, time.monotonic()))
        query = params.get("q", "").lower()
        if "slow" in query:
            time.sleep(1.0)
        if "broken" in query:
            self.send_response(500)
            self.end_headers()
            return
        body = json.dumps(_RESULTS.get(query, [])).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: Any) -> None:
        return


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    requests: list[tuple[str, dict[str, str], float]]


@pytest.fixture()
def server() -> Iterator[_Server]:
    srv = _Server(("127.0.0.1", 0), _Handler)
    srv.requests = []
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(5)


class _FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def _source(server: _Server, tmp_path: Path, **options: Any) -> NominatimSource:
    host, port = server.server_address[:2]
    options.setdefault("cache_path", tmp_path / "nominatim.sqlite")
    options.setdefault("timeout", 5.0)
    return NominatimSource(domain=f"{host}:{port}", scheme="http", **options)


def test_geocode_parses_nominatim_json(server: _Server, tmp_path: Path) -> None:
    src = _source(server, tmp_path, min_delay_seconds=0.0)
    places = src.geocode("Tell Qarqour")
    assert len(places) == 1
    place = places[0]
    assert (place.name, place.lat, place.lon) == ("Tell Qarqour", 35.7812, 36.4567)
    assert (place.kind, place.adm1_pcode, place.source) == ("village", "SY07", "nominatim")
    assert place.id == "nominatim:node/987654"
    assert place.raw["place_id"] == 123456
    path, params, _ = server.requests[0]
    assert path == "/search"
    assert params["q"] == "Tell Qarqour"
    assert params["countrycodes"] == "sy"
    assert params["format"] == "json"


def test_cache_stores_and_is_reused(server: _Server, tmp_path: Path) -> None:
    src = _source(server, tmp_path, min_delay_seconds=0.0)
    first = src.geocode("Tell Qarqour")
    assert len(server.requests) == 1
    again = src.geocode("  Tell   Qarqour ")  # same sorted parameters after whitespace cleanup
    assert again == first
    assert len(server.requests) == 1
    # persistent: a new source over the same file makes no request either
    fresh = _source(server, tmp_path, min_delay_seconds=0.0)
    assert fresh.geocode("Tell Qarqour") == first
    assert len(server.requests) == 1 and fresh.requests == 0
    # empty answers are cached too
    assert src.geocode("Nowhere at all") == []
    assert src.geocode("Nowhere at all") == []
    assert len(server.requests) == 2
    with sqlite3.connect(tmp_path / "nominatim.sqlite") as con:
        keys = [row[0] for row in con.execute("SELECT key FROM geocode ORDER BY key")]
    con.close()
    assert src.cache_key("Tell Qarqour") in keys
    assert json.loads(src.cache_key("Tell Qarqour")) == dict(sorted(json.loads(src.cache_key("Tell Qarqour")).items()))


def test_cache_keys_are_deterministic(tmp_path: Path) -> None:
    a = NominatimSource(domain="x.example", cache_path=False)
    b = NominatimSource(domain="x.example", cache_path=False)
    assert a.cache_key("Alep") == b.cache_key("Alep")
    assert a.cache_key("Alep") != a.cache_key("Damas")
    assert a.cache_key("Alep") != NominatimSource(domain="y.example", cache_path=False).cache_key("Alep")


def test_rate_limit_spaces_requests(server: _Server, tmp_path: Path) -> None:
    fake = _FakeClock()
    src = _source(server, tmp_path, min_delay_seconds=1.0, clock=fake.clock, sleep=fake.sleep)
    src.geocode("one")
    src.geocode("two")
    src.geocode("three")
    assert len(server.requests) == 3
    assert fake.slept == [pytest.approx(1.0), pytest.approx(1.0)]
    src.geocode("one")  # cached: no request, no wait
    assert len(fake.slept) == 2


def test_rate_limit_real_clock(server: _Server, tmp_path: Path) -> None:
    src = _source(server, tmp_path, min_delay_seconds=0.3)
    start = time.monotonic()
    src.geocode("first")
    src.geocode("second")
    assert time.monotonic() - start >= 0.29
    assert len(server.requests) == 2


def test_timeout_is_mapped(server: _Server, tmp_path: Path) -> None:
    src = _source(server, tmp_path, min_delay_seconds=0.0, timeout=0.2)
    with pytest.raises(GeocoderTimedOut, match="slow place") as info:
        src.geocode("slow place")
    assert isinstance(info.value, TimeoutError)
    with sqlite3.connect(tmp_path / "nominatim.sqlite") as con:
        count = con.execute("SELECT count(*) FROM geocode").fetchone()[0]
    con.close()
    assert count == 0  # failures are not cached


def test_http_error_is_a_service_error(server: _Server, tmp_path: Path) -> None:
    src = _source(server, tmp_path, min_delay_seconds=0.0)
    with pytest.raises(GeocoderServiceError, match="broken"):
        src.geocode("broken")


def test_gazetteer_is_offline_by_default() -> None:
    assert all(not s.online for s in Gazetteer().sources)


def test_gazetteer_online_fallback(server: _Server, tmp_path: Path) -> None:
    online = _source(server, tmp_path, min_delay_seconds=0.0)
    gaz = Gazetteer(["embedded", online])
    res = gaz.resolve("Alep")
    assert res.source == "embedded" and not server.requests  # local answer first, no request
    res = gaz.resolve("Tell Qarqour")
    assert res.resolved
    assert (res.source, res.adm1_pcode, res.lat) == ("nominatim", "SY07", 35.7812)
    assert len(server.requests) == 1
    assert not gaz.resolve("Nowhere at all").resolved
