"""``conflictmap data download``: fetch upstream files with pooch, resumably, then import them.

Files go to ``<cache dir>/downloads/<host>/<path>`` through :func:`pooch.retrieve` with a
downloader of our own (:class:`ResumableDownloader`): the bytes land in a ``.part`` file that a
later run continues with an HTTP ``Range`` request, so an interrupted download is resumed, not
restarted; a progress bar (tqdm) shows on a terminal unless ``progress=False``. Each file's
sha256, size and ``Last-Modified`` go to the manifest through :func:`~gazetteer.datasets.importer.import_paths`,
which installs atomically: a failed or corrupt download leaves the installed data in use.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gazetteer import __version__, settings
from gazetteer.datasets import _manifest
from gazetteer.datasets._manifest import Entry, InputRecord
from gazetteer.datasets.catalogue import Remote, remotes, with_mirror
from gazetteer.errors import DataError, MissingDependencyError

__all__ = ["DownloadReport", "ResumableDownloader", "download", "fetch"]

_log = logging.getLogger("conflictmap")
_USER_AGENT = f"conflictmap/{__version__} (data download)"
_CHUNK = 1 << 13  # small blocks: an interrupted transfer loses at most 8 KiB of what arrived


class ResumableDownloader:
    """A pooch downloader that resumes ``.part`` files with HTTP ``Range`` requests.

    Parameters
    ----------
    part_dir
        Folder of the ``.part`` files (kept between runs).
    progress
        Show a tqdm progress bar.
    timeout
        Seconds to wait for the server to connect or send the next block.
    """

    def __init__(self, part_dir: Path, *, progress: bool = True, timeout: float = 60.0) -> None:
        self.part_dir = part_dir
        self.progress = progress
        self.timeout = timeout
        #: ``Last-Modified`` of the last download, for the manifest.
        self.last_modified: str | None = None
        #: Byte offset the last download resumed from (0: from the start).
        self.resumed_from = 0

    def part_path(self, url: str) -> Path:
        name = url.rsplit("/", 1)[-1] or "download"
        return self.part_dir / f"{hashlib.sha256(url.encode()).hexdigest()[:12]}-{name}.part"

    def __call__(self, url: str, output_file: Any, pooch: Any = None, check_only: bool = False) -> Any:
        """Download ``url`` into ``output_file`` (pooch's downloader protocol)."""
        import requests
        from tqdm.auto import tqdm

        if check_only:
            try:
                r = requests.head(url, timeout=self.timeout, allow_redirects=True, headers={"User-Agent": _USER_AGENT})
            except requests.RequestException:
                return False
            return r.ok
        self.part_dir.mkdir(parents=True, exist_ok=True)
        part = self.part_path(url)
        offset = part.stat().st_size if part.exists() else 0
        headers = {"User-Agent": _USER_AGENT}
        if offset:
            headers["Range"] = f"bytes={offset}-"
        try:
            with requests.get(url, headers=headers, stream=True, timeout=self.timeout) as resp:
                if resp.status_code == 416 and offset:  # the part is already whole (or stale): start over
                    part.unlink()
                    return self(url, output_file, pooch)
                if resp.status_code >= 400:
                    raise DataError(f"download of {url} failed: HTTP {resp.status_code} {resp.reason}")
                if offset and resp.status_code != 206:
                    offset = 0  # the server ignored Range: restart
                self.resumed_from = offset
                self.last_modified = resp.headers.get("Last-Modified")
                length = resp.headers.get("Content-Length")
                total = offset + int(length) if length and length.isdigit() else None
                with open(part, "ab" if offset else "wb") as fh, tqdm(
                    total=total, initial=offset, unit="B", unit_scale=True, desc=url.rsplit("/", 1)[-1],
                    disable=None if self.progress else True, leave=False,  # None: off when not a terminal
                ) as bar:  # fmt: skip
                    for block in resp.iter_content(_CHUNK):
                        fh.write(block)
                        bar.update(len(block))
        except requests.RequestException as exc:
            have = part.stat().st_size if part.exists() else 0
            reason = str(exc.args[0] if exc.args else exc)[:200]
            msg = f"download of {url} interrupted after {have:,} bytes ({reason}); run the command again to resume"
            raise DataError(msg) from exc
        have = part.stat().st_size
        if total is not None and have != total:
            msg = f"download of {url} incomplete: {have:,} of {total:,} bytes; run the command again to resume"
            raise DataError(msg)
        if hasattr(output_file, "write"):
            with open(part, "rb") as src:
                shutil.copyfileobj(src, output_file)
            part.unlink()
        else:
            shutil.move(str(part), str(output_file))
        return None


def fetch(
    remote: Remote, *, mirror: str | None = None, progress: bool = True, timeout: float = 60.0
) -> tuple[Path, InputRecord]:
    """Download one file (resuming a ``.part``) and return its path and manifest record.

    Raises
    ------
    DataError
        HTTP error, connection failure, interruption, or a checksum that does not match.
    """
    try:
        import pooch
    except ImportError as exc:  # pragma: no cover - a dependency
        raise MissingDependencyError("`data download` needs pooch: pip install pooch") from exc
    from urllib.parse import urlsplit

    pooch.get_logger().setLevel(logging.WARNING)
    url = with_mirror(remote.url, mirror)
    upstream = urlsplit(remote.url)
    folder = settings.cache_dir() / "downloads" / upstream.netloc / Path(upstream.path).parent.relative_to("/")
    target = folder / remote.filename
    if target.exists():
        target.unlink()  # always fetch the current upstream file; only .part files are reused
    downloader = ResumableDownloader(settings.cache_dir() / "downloads" / ".parts", progress=progress, timeout=timeout)
    try:
        path = pooch.retrieve(
            url, known_hash=remote.sha256 and f"sha256:{remote.sha256}", fname=remote.filename,
            path=folder, downloader=downloader, progressbar=False,
        )  # fmt: skip
    except DataError:
        raise
    except ValueError as exc:  # pooch: hash mismatch
        raise DataError(f"download of {url}: {exc}") from exc
    path = Path(path)
    record = InputRecord(url, _manifest.sha256_of(path), path.stat().st_size, downloader.last_modified)
    if downloader.resumed_from:
        _log.info("resumed %s from byte %d", url, downloader.resumed_from)
    return path, record


@dataclass
class DownloadReport:
    """What one ``data download`` did."""

    installed: list[Entry] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  #: group -> error message


def download(
    country: str = "SY",
    *,
    only: str | None = None,
    mirror: str | None = None,
    progress: bool = True,
    timeout: float = 60.0,
) -> DownloadReport:
    """Download and install each data group; a group that fails leaves its installed data as it was.

    Parameters
    ----------
    country
        GeoNames country dump to fetch (boundaries and places exist for ``SY`` only).
    only
        ``"geonames"``, ``"boundaries"`` or ``"places"`` (default: all).
    mirror
        ``http(s)://host[:port][/prefix]`` serving the upstream paths.
    progress
        Show progress bars.
    timeout
        Seconds to wait for a server (connection or next block).

    Returns
    -------
    DownloadReport
        The manifest entries installed and, per group, the error that stopped it.
    """
    from gazetteer.datasets.importer import import_paths

    report = DownloadReport()
    groups: dict[str, list[Remote]] = {}
    for r in remotes(country, only):
        groups.setdefault(r.group, []).append(r)
    for group, files in groups.items():
        try:
            fetched = [fetch(r, mirror=mirror, progress=progress, timeout=timeout) for r in files]
            origins = dict(fetched)
            report.installed += import_paths([p for p, _ in fetched], country=country, origins=origins)
        except DataError as exc:
            report.failed[group] = str(exc)
            _log.info("%s: %s", group, exc)
    return report
