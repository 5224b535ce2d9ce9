"""Installed place lists (``<data dir>/places/*.csv``) as one gazetteer source.

``conflictmap data import`` writes each list there in the columns of
:class:`~gazetteer.sources.csv_source.CsvSource`: a user's own places, or UCDP GED's exact
localities. Unlike ``--csv``, an installed list gets no priority over the other sources.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from gazetteer import settings
from gazetteer.errors import SourceError
from gazetteer.sources.base import Source
from gazetteer.sources.csv_source import CsvSource
from gazetteer.types import Place

__all__ = ["PlacesSource", "installed_lists"]


def installed_lists(directory: Path | None = None) -> list[Path]:
    """Return the installed place lists, sorted by name."""
    base = directory if directory is not None else settings.data_dir() / "places"
    return sorted(p for p in base.glob("*.csv") if p.is_file()) if base.is_dir() else []


class PlacesSource(Source):
    """Places of the installed lists (or of one list file, ``path=``).

    Raises
    ------
    SourceError
        From the constructor when nothing is installed or ``path`` does not exist.
    DataError
        From :meth:`places`, on a bad row (the message names the file and line).
    """

    name: ClassVar[str] = "places"

    def __init__(self, path: str | Path | None = None) -> None:
        if path is not None:
            target = Path(path)
            if not target.exists():
                raise SourceError(f"place list {target} does not exist")
            self.files = installed_lists(target) if target.is_dir() else [target]
        else:
            self.files = installed_lists()
        if not self.files:
            where = path if path is not None else settings.data_dir() / "places"
            raise SourceError(f"no place list installed in {where}; add one with `conflictmap data import FILE`")

    def fingerprint(self) -> tuple[object, ...]:
        """The list files (path, size, mtime): places are cached under it."""
        from gazetteer._source_cache import file_fingerprint

        return tuple(file_fingerprint(f) for f in self.files)

    def places(self) -> Iterable[Place]:
        """Read every list; ids become ``places:<list>:<id>``."""
        return [
            replace(p, id=f"places:{f.stem}:{p.id.removeprefix('csv:')}", source=self.name)
            for f in self.files
            for p in CsvSource(f).places()
        ]
