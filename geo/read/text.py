"""Plain-text dispatches: a file or standard input, with the optional ``" date ..."`` first-line prefix.

The text of a plain file is kept exactly as ``open(path, encoding=enc).read()`` returns it
(universal newlines, a UTF-8 byte-order mark dropped), so character offsets computed on
``Document.text`` point into the file as read. The date prefix stays in the text;
:func:`geo.read.metadata.body_start` tells where the dispatch itself begins.
"""

from __future__ import annotations

import sys
from pathlib import Path

from gazetteer.errors import InputError
from geo.model import Document
from geo.read.decode import binary_reason, decode_file, universal_newlines
from geo.read.files import max_bytes_or_default, read_bytes
from geo.read.metadata import body_start, document_date, prefix_date
from geo.read.records import LOG, SkipError

__all__ = ["read_stdin", "read_text_file", "read_txt", "text_document"]


def text_document(text: str, doc_id: str, source: str) -> Document:
    """A document of plain text, dated by its prefix; SkipError when nothing follows the prefix."""
    date = precision = None
    raw = prefix_date(text)
    if raw is not None:
        date, precision = document_date(raw)
        if date is None:
            LOG.warning("%s: date %r is not a calendar date between 1800 and 2099; kept without date",
                        source, raw)
    if not text[body_start(text):].strip():
        raise SkipError("no text after the date prefix")
    return Document(id=doc_id, source=source, text=text, date=date, date_precision=precision)


def read_text_file(path: str | Path, *, max_bytes: int | None = None) -> Document:
    """Read one plain-text dispatch.

    Parameters
    ----------
    path : str or Path
        A UTF-8, cp1252 or latin-1 text file.
    max_bytes : int, optional
        Refuse larger files (default ``gazetteer.settings.max_file_bytes``).

    Returns
    -------
    Document
        ``id`` is the file stem, ``text`` the file as read (universal newlines, no BOM).

    Raises
    ------
    InputError
        When the file is missing, empty, binary, too large or not a regular file (a FIFO is
        never opened for a blocking read); the message names the file.
    """
    p = Path(path)
    if not p.exists() and not p.is_symlink():
        raise InputError(f"No such dispatch file: {str(p)!r}")
    try:
        return read_txt(p, max_bytes_or_default(max_bytes))
    except SkipError as exc:
        raise InputError(f"Cannot read {str(p)!r}: {exc.reason}") from None
    except OSError as exc:
        raise InputError(f"Cannot read {str(p)!r}: {exc.strerror or exc}") from None


def read_txt(path: Path, max_bytes: int) -> Document:
    """Read a plain-text file (SkipError or OSError when it cannot be)."""
    text = decode_file(read_bytes(path, max_bytes), path)
    return text_document(universal_newlines(text), path.stem, str(path))


def read_stdin(max_bytes: int) -> Document:
    """Read one dispatch from standard input (SkipError when empty, binary or too large)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise SkipError(f"standard input too large (> {max_bytes} bytes)")
        if not data.strip():
            raise SkipError("empty input")
        reason = binary_reason(data)
        if reason:
            raise SkipError(reason)
        text = universal_newlines(decode_file(data, "standard input"))
    else:  # a replaced sys.stdin (tests, notebooks)
        text = sys.stdin.read()
        if not text.strip():
            raise SkipError("empty input")
    return text_document(text, "stdin", "-")
