"""CSV files: the delimiter sniffed from the header, one document per row, bad rows reported."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from geo.model import Document
from geo.read.decode import decode_line, warn_damaged
from geo.read.files import bounded_lines, open_regular
from geo.read.records import ReadError, SkipError
from geo.read.rows import row_document

__all__ = ["read_csv"]


class _LineCounter:
    """Iterate decoded lines of a binary file, remembering the physical line number."""

    def __init__(self, fh: BinaryIO, max_bytes: int) -> None:
        self._it = bounded_lines(fh, max_bytes)
        self._max = max_bytes
        self.lineno = 0
        self.damaged: list[int] = []

    def __iter__(self) -> Iterator[str]:
        for lineno, raw, size in self._it:
            self.lineno = lineno
            if raw is None:
                raise SkipError(
                    f"line too large ({size} bytes > {self._max}, the limit): rest of the file skipped", lineno
                )
            if b"\x00" in raw:
                raise SkipError("binary content (NUL bytes)", self.lineno)
            yield decode_line(raw, self.lineno == 1, self.damaged)


def _sniff_delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def read_csv(path: Path, text_column: str, max_bytes: int) -> Iterator[Document | ReadError]:
    """Each row of a CSV file as a document, or a ReadError naming its line."""
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes))
    with open_regular(path) as fh:
        first = fh.readline(max_bytes + 1)
        if not first.strip():
            yield ReadError(str(path), None, "empty file")
            return
        delimiter = _sniff_delimiter(decode_line(first[:65536], True))
        fh.seek(0)
        lines = _LineCounter(fh, max_bytes)
        try:
            yield from _csv_rows(path, lines, delimiter, text_column, max_bytes)
        finally:
            warn_damaged(path, lines.damaged)


def _row_problem(values: list[str], header: list[str], max_bytes: int) -> str | None:
    """Why a row of ``values`` is refused (too large, too many fields), or None."""
    if sum(map(len, values)) > max_bytes:
        return f"row too large (more than {max_bytes} characters, the limit): skipped"
    if len(values) > len(header):
        return f"{len(values)} fields, header has {len(header)}"
    return None


def _csv_rows(path: Path, lines: _LineCounter, delimiter: str, text_column: str,
              max_bytes: int) -> Iterator[Document | ReadError]:
    reader = csv.reader(iter(lines), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, SkipError, csv.Error) as exc:
        yield ReadError(str(path), 1, f"unreadable CSV header: {exc}")
        return
    header = [h.strip() for h in header]
    if text_column not in header:
        yield ReadError(str(path), 1, f"no {text_column!r} column (columns: {', '.join(header)})")
        return
    while True:
        start = lines.lineno + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except SkipError as exc:
            yield ReadError(str(path), exc.line, exc.reason)
            return
        except csv.Error as exc:
            yield ReadError(str(path), start, f"malformed CSV row: {exc}")
            continue
        if not values or not any(v.strip() for v in values):
            continue
        problem = _row_problem(values, header, max_bytes)
        if problem:
            yield ReadError(str(path), start, problem)
            continue
        try:
            yield row_document(dict(zip(header, values, strict=False)), path, start, text_column)
        except SkipError as exc:
            yield ReadError(str(path), exc.line, exc.reason)
