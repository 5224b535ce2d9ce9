"""Shared fixtures: reference data location, a real headless Chromium, a local HTTP server.

``chromium`` (session) is a Playwright ``Browser`` driving Debian's ``/usr/bin/chromium``; tests
using it are skipped when Chromium or Playwright is missing. ``serve_dir`` serves a folder on
``http://127.0.0.1:<free port>/`` for the duration of a test.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="session", autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Never read or write the user's data and cache folders: installed data (``conflictmap data``)
    would change what the gazetteer answers, and tests must not leave files there."""
    import os

    saved = {k: os.environ.get(k) for k in ("CONFLICTMAP_DATA_DIR", "CONFLICTMAP_CACHE_DIR")}
    os.environ["CONFLICTMAP_DATA_DIR"] = str(tmp_path_factory.mktemp("user-data"))
    os.environ["CONFLICTMAP_CACHE_DIR"] = str(tmp_path_factory.mktemp("user-cache"))
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only reference material (``../shared``); skip when absent."""
    if not SHARED.is_dir():
        pytest.skip(f"reference data not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """A headless Chromium (Playwright ``Browser``), shared by the session."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed (Debian package chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output clean."""


@pytest.fixture
def serve_dir() -> Iterator[Callable[[Path], str]]:
    """Return ``serve(folder) -> base_url`` serving ``folder`` on 127.0.0.1 until the test ends."""
    servers: list[tuple[http.server.ThreadingHTTPServer, threading.Thread]] = []

    def serve(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, name="test-http", daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def gaz() -> Any:
    """The default gazetteer (test modules with other needs define their own ``gaz``)."""
    from gazetteer import Gazetteer

    return Gazetteer.default()
