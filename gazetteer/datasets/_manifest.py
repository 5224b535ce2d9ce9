"""The registry of installed data: ``<data dir>/manifest.json``.

One entry per installed unit (``geonames``, ``boundaries/adm1`` ... ``boundaries/adm3``,
``places/<name>``): the installed file with its sha256 and size, the inputs it was built from
(file or URL, sha256, size, HTTP ``Last-Modified``), version, licence, attribution, counts and
notes on quirks repaired. The manifest is rewritten atomically after the files are in place.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from gazetteer import settings
from gazetteer.atomic import atomic_write_text
from gazetteer.errors import DataError

__all__ = ["Entry", "InputRecord", "load", "manifest_path", "save", "sha256_of"]

_NAME = "manifest.json"
_FORMAT = 1


@dataclass(frozen=True)
class InputRecord:
    """One input an installed file was built from."""

    source: str  #: a local path or a URL
    sha256: str
    size: int
    last_modified: str | None = None


@dataclass(frozen=True)
class Entry:
    """One installed unit of data."""

    key: str  #: ``geonames``, ``boundaries/adm2``, ``places/ucdp-ged`` ...
    title: str
    file: str  #: path relative to the data directory
    sha256: str
    size: int
    format: str  #: detected input format
    version: str  #: upstream edition/date when known, else the newest input's date
    licence: str
    attribution: str
    installed: str  #: ISO 8601 UTC
    count: int  #: features or places
    inputs: tuple[InputRecord, ...] = ()
    notes: tuple[str, ...] = ()
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["inputs"] = [asdict(i) for i in self.inputs]
        d["notes"] = list(self.notes)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entry:
        d = dict(d)
        d["inputs"] = tuple(InputRecord(**i) for i in d.get("inputs", ()))
        d["notes"] = tuple(d.get("notes", ()))
        return cls(**d)


def manifest_path(directory: Path | None = None) -> Path:
    """Return ``<data dir>/manifest.json``."""
    return (directory or settings.data_dir()) / _NAME


def load(directory: Path | None = None) -> dict[str, Entry]:
    """Read the manifest (empty when nothing is installed).

    Raises
    ------
    DataError
        When the manifest exists but is not readable JSON of the expected shape (the message
        names the file and suggests ``conflictmap data clear``).
    """
    path = manifest_path(directory)
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {k: Entry.from_dict(v) for k, v in data["entries"].items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        msg = f"installed-data manifest {path} is unreadable ({exc}); run `conflictmap data clear` and reinstall"
        raise DataError(msg) from exc


def save(entries: dict[str, Entry], directory: Path | None = None) -> Path:
    """Write the manifest atomically."""
    data = {"format": _FORMAT, "entries": {k: e.to_dict() for k, e in sorted(entries.items())}}
    return atomic_write_text(manifest_path(directory), json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


