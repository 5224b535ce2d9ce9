"""JSON Lines files (``.jsonl``, ``.ndjson``): one document per JSON object, bad rows reported."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from geo.model import Document
from geo.read.decode import decode_line, warn_damaged
from geo.read.files import bounded_lines, open_regular
from geo.read.records import ReadError, SkipError
from geo.read.rows import row_document

__all__ = ["read_jsonl"]


def _parse_row(raw: bytes, lineno: int, damaged: list[int]) -> object:
    """The JSON value of one line; a SkipError says why it is not valid JSON."""
    try:
        return json.loads(decode_line(raw, lineno == 1, damaged))
    except json.JSONDecodeError as exc:
        # json's messages may end with "at" ("Invalid control character at"): no "at at column"
        msg = exc.msg.removesuffix(" at")
        raise SkipError(f"invalid JSON: {msg} at column {exc.colno}", lineno) from None
    except RecursionError:
        raise SkipError("invalid JSON: nested too deeply", lineno) from None
    except ValueError:  # an integer longer than Python converts (sys.get_int_max_str_digits())
        raise SkipError("invalid JSON: a number too long to read", lineno) from None


def _row(raw: bytes, lineno: int, path: Path, text_column: str, damaged: list[int]) -> Document:
    """The document of one non-blank line (SkipError when it is not one)."""
    if b"\x00" in raw:
        raise SkipError("binary content (NUL bytes)", lineno)
    row = _parse_row(raw, lineno, damaged)
    if not isinstance(row, dict):
        raise SkipError(f"expected a JSON object, got {type(row).__name__}", lineno)
    return row_document(row, path, lineno, text_column)


def read_jsonl(path: Path, text_column: str, max_bytes: int) -> Iterator[Document | ReadError]:
    """Each row of a JSON Lines file as a document, or a ReadError naming its line."""
    damaged: list[int] = []
    with open_regular(path) as fh:
        for lineno, raw, size in bounded_lines(fh, max_bytes):
            if raw is None:
                yield ReadError(str(path), lineno, f"row too large ({size} bytes > {max_bytes}, the limit): skipped")
                continue
            if not raw.strip():
                continue
            try:
                yield _row(raw, lineno, path, text_column, damaged)
            except SkipError as exc:
                yield ReadError(str(path), lineno, exc.reason)
    warn_damaged(path, damaged)
