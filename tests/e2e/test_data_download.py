"""`conflictmap data download` against a local mirror on 127.0.0.1 serving the real files.

The mirror lays ../shared/data out under the upstream paths (GeoNames export/dump/SY.zip built
from the real cities500 rows plus hand-made village rows, the OCHA files under HDX's path, UCDP
GED zipped as upstream publishes it). The server speaks HTTP Range, and can cut a response short
or serve a damaged archive, to check resuming and atomic installs. No other network.
"""

from __future__ import annotations

import gzip
import http.server
import json
import os
import re
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from gazetteer import Gazetteer
from gazetteer.datasets import installed
from gazetteer.datasets._manifest import sha256_of
from gazetteer.datasets.catalogue import remotes
from geo.cli import main

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DATA = SHARED / "data"
VILLAGES = Path(__file__).parents[1] / "data" / "geonames" / "SY_villages_handmade.txt"
pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is absent")


class _MirrorHandler(http.server.BaseHTTPRequestHandler):
    """Static files with Range support; ``cut`` maps a path to the bytes to send before hanging up once."""

    protocol_version = "HTTP/1.1"
    root: Path
    log: list[tuple[str, str | None]]
    cut: dict[str, int]

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        self.log.append((path, self.headers.get("Range")))
        file = self.root / path.lstrip("/")
        if not file.is_file():
            self.send_error(404)
            return
        data = file.read_bytes()
        start = 0
        rng = self.headers.get("Range")
        if rng and rng.startswith("bytes=") and rng.endswith("-"):
            start = int(rng[6:-1])
            if start >= len(data):
                self.send_response(416)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        body = data[start:]
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", "Mon, 01 Dec 2025 10:00:00 GMT")
        self.end_headers()
        if path in self.cut:
            self.wfile.write(body[: self.cut.pop(path)])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


def _layout(root: Path, tmp: Path) -> dict[str, Path]:
    """Real files under the upstream paths of :func:`remotes`."""
    sources: dict[str, Path] = {}
    sy_txt = tmp / "SY.txt"
    sy_txt.write_text((DATA / "geonames" / "SY_cities500.txt").read_text(encoding="utf-8")
                      + VILLAGES.read_text(encoding="utf-8"), encoding="utf-8")  # fmt: skip
    sy_zip = tmp / "SY.zip"
    with zipfile.ZipFile(sy_zip, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(sy_txt, "SY.txt")
        zf.writestr("readme.txt", "test mirror\n")
    ged = tmp / "ged191-csv.zip"
    with zipfile.ZipFile(ged, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("ged191.csv", gzip.decompress((DATA / "ucdp" / "ged_syria.csv.gz").read_bytes()))
    by_name = {
        "SY.zip": sy_zip,
        "syr_admbnda_adm1_uncs_unocha.json": DATA / "ocha_cod_ab_2020" / "syr_admbnda_adm1_uncs_unocha.json",
        "syr_admbnda_adm2_uncs_unocha.json": DATA / "ocha_cod_ab_2020" / "syr_admbnda_adm2_uncs_unocha.json",
        "syr_admin_json_190321.json": DATA / "ocha_cod_ab_2016_topojson" / "syr_admin_json_190321.json",
        "ged191-csv.zip": ged,
    }
    for remote in remotes("SY"):
        path = urlsplit(remote.url).path
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(by_name[remote.filename], target)
        sources[path] = target
    return sources


@pytest.fixture()
def mirror(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, type[_MirrorHandler], dict[str, Path]]]:
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CONFLICTMAP_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "mirror"
    files = _layout(root, tmp_path)
    handler = type("Handler", (_MirrorHandler,), {"root": root, "log": [], "cut": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler, files
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_download_everything_from_a_mirror(mirror: Any, capsys: pytest.CaptureFixture[str]) -> None:
    url, handler, files = mirror
    assert main(["-q", "data", "download", "--mirror", url]) == 0
    assert {path for path, _ in handler.log} == set(files)  # upstream paths, nothing else asked
    entries = installed()
    assert sorted(entries) == ["boundaries/adm1", "boundaries/adm2", "boundaries/adm3", "geonames", "places/ucdp-ged"]
    assert entries["geonames"].count == 294 and entries["boundaries/adm3"].count == 272
    by_url = {i.source: i for e in entries.values() for i in e.inputs}
    for path, served in files.items():
        record = by_url[url + path]
        assert record.sha256 == sha256_of(served) and record.size == served.stat().st_size
        assert record.last_modified == "Mon, 01 Dec 2025 10:00:00 GMT"
    gaz = Gazetteer.default()
    assert gaz.resolve("Abou Makki").source == "geonames"
    assert gaz.resolve("Jebel Saman").source == "ocha"
    assert main(["data", "info", "--format", "json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["sources"] == ["embedded", "geonames", "ocha", "places"]
    assert "GeoNames" in info["attribution"] and "OCHA" in info["attribution"] and "UCDP" in info["attribution"]


def test_only_one_group_and_a_bad_mirror(mirror: Any, capsys: pytest.CaptureFixture[str]) -> None:
    url, handler, _files = mirror
    assert main(["-q", "data", "download", "--only", "geonames", "--mirror", url]) == 0
    assert [p for p, _ in handler.log] == ["/export/dump/SY.zip"] and list(installed()) == ["geonames"]
    assert main(["data", "download", "--only", "geonames", "--mirror", url + "/nowhere"]) == 1
    assert "HTTP 404" in capsys.readouterr().err
    assert list(installed()) == ["geonames"]
    assert main(["data", "download", "--mirror", "ftp://example"]) == 1


def test_interrupted_download_resumes_and_keeps_installed_data(mirror: Any, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    url, handler, files = mirror
    assert main(["-q", "data", "download", "--only", "boundaries", "--mirror", url]) == 0
    before = installed()
    adm3 = Path(os.environ["CONFLICTMAP_DATA_DIR"]) / before["boundaries/adm3"].file
    adm3_bytes = adm3.read_bytes()
    # the GeoNames dump stops after 20,000 bytes: clear error, nothing installed, boundaries untouched
    handler.log.clear()
    handler.cut["/export/dump/SY.zip"] = 20_000
    assert main(["data", "download", "--only", "geonames", "--mirror", url]) == 1
    err = capsys.readouterr().err
    kept = int(re.search(r"interrupted after ([\d,]+) bytes", err).group(1).replace(",", ""))  # type: ignore[union-attr]
    assert 0 < kept <= 20_000 and "run the command again to resume" in err
    assert installed() == before and adm3.read_bytes() == adm3_bytes
    # run again: the server is asked for the rest only, and the dump installs
    handler.log.clear()
    assert main(["-q", "data", "download", "--only", "geonames", "--mirror", url]) == 0
    assert handler.log == [("/export/dump/SY.zip", f"bytes={kept}-")]
    entry = installed()["geonames"]
    assert entry.inputs[0].sha256 == sha256_of(files["/export/dump/SY.zip"]) and entry.count == 294
    assert Gazetteer.default().resolve("Abou Habba").source == "geonames"


def test_corrupt_archive_leaves_previous_data_in_use(mirror: Any, capsys: pytest.CaptureFixture[str]) -> None:
    url, _handler, files = mirror
    assert main(["-q", "data", "download", "--only", "geonames", "--mirror", url]) == 0
    before = installed()
    served = files["/export/dump/SY.zip"]
    served.write_bytes(served.read_bytes()[: served.stat().st_size // 2])  # upstream serves a damaged archive, whole
    assert main(["data", "download", "--only", "geonames", "--mirror", url]) == 1
    assert "not a readable zip archive" in capsys.readouterr().err
    assert installed() == before
    assert Gazetteer.default().resolve("Abou Makki").source == "geonames"
