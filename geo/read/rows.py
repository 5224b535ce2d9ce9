"""One row of a JSON Lines or CSV file as a :class:`Document`: text, id, date, title and url fields."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from geo.model import Document
from geo.read.metadata import document_date, prefix_date
from geo.read.records import LOG, SkipError

__all__ = ["row_document"]


def _optional(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def row_document(row: Mapping[str, object], path: Path, line: int, text_column: str) -> Document:
    """The document of one row; a SkipError names what is missing.

    The ``date`` field dates the document; without one, the ``" date ..."`` prefix of the text does.
    """
    if text_column not in row:
        raise SkipError(f"no {text_column!r} field", line)
    text = row[text_column]
    if not isinstance(text, str):
        raise SkipError(f"{text_column!r} is not a string ({type(text).__name__})", line)
    if not text.strip():
        raise SkipError(f"empty {text_column!r}", line)
    raw_id = row.get("id")
    doc_id = str(raw_id) if raw_id not in (None, "") else f"{path.stem}:{line}"
    raw_date = row.get("date")
    if raw_date not in (None, ""):
        date, precision = document_date(raw_date)
        if date is None:
            LOG.warning("%s:%d: date %r not understood; kept without date", path, line, raw_date)
    else:
        raw = prefix_date(text)
        date, precision = document_date(raw) if raw is not None else (None, None)
    return Document(
        id=doc_id,
        source=f"{path}#{line}",
        text=text,
        date=date,
        date_precision=precision,
        title=_optional(row.get("title")),
        url=_optional(row.get("url")),
    )
