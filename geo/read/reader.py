"""Read dispatches from text, JSON Lines, CSV and HTML files, one :class:`Document` at a time.

The text of a plain file is kept exactly as ``open(path, encoding=enc).read()`` returns it
(universal newlines, a UTF-8 byte-order mark dropped), so character offsets computed on
``Document.text`` point into the file as read. An optional first-line prefix
``" date YYYY-MM"`` / ``" date YYYY-MM-DD"`` gives the document date; it stays in the text and
:func:`body_start` tells where the dispatch itself begins.

Bad documents do not stop a run: each becomes a :class:`ReadError` appended to the caller's
``errors`` list (and logged on the ``"conflictmap"`` logger) and is skipped. A path that does not
exist raises :class:`~gazetteer.errors.InputError` at once.

Hostile inputs, as handled here:

* only regular files are read: a FIFO, a device or a socket (in a folder or named) is skipped with
  a ReadError, never opened for reading in blocking mode (a FIFO would block the run forever);
* one size limit, ``max_bytes`` (default :data:`MAX_FILE_BYTES`), for every reader: a text or HTML
  file, standard input, one JSON Lines row, one CSV line or field; larger ones are skipped with a
  ReadError naming the size;
* a folder that cannot be listed (while walking) is a ReadError, not a silent gap;
* invalid UTF-8 in a mostly UTF-8 file is decoded with U+FFFD replacement characters and a
  warning per file naming the count; cp1252/latin-1 is used only when the bytes look single-byte
  (no more valid UTF-8 multi-byte sequences than invalid bytes).
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from gazetteer.errors import InputError
from geo.extract.dates import read_date
from geo.model import Document

__all__ = [
    "DATE_PREFIX_RE",
    "MAX_FILE_BYTES",
    "SUFFIXES",
    "ReadError",
    "body_start",
    "decode_bytes",
    "decode_report",
    "read_dispatches",
    "read_text_file",
]

_LOG = logging.getLogger("conflictmap")

#: The one size limit (bytes) of a document: a text or HTML file, standard input, a JSON Lines row, a
#: CSV line; larger ones are skipped with a ReadError.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: File suffixes picked up when walking a folder.
SUFFIXES: tuple[str, ...] = (".txt", ".jsonl", ".ndjson", ".csv", ".html", ".htm")
#: The optional first-line date prefix: ``" date 2019-09 "`` or ``" date 2019-09-05 "``.
DATE_PREFIX_RE = re.compile(r"\A[ \t]?date[ \t]+(\d{4}-\d{2}(?:-\d{2})?)(?![\d-])[ \t]*")


@dataclass(frozen=True, slots=True)
class ReadError:
    """A document that could not be read and was skipped.

    Parameters
    ----------
    source : str
        The file path (or ``"-"`` for standard input).
    line : int or None
        The 1-based line of a JSON Lines or CSV row, None for a whole file.
    reason : str
        What was wrong.
    """

    source: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.reason}"


def body_start(text: str) -> int:
    """Offset where the dispatch begins, after an optional ``" date YYYY-MM(-DD)"`` prefix (else 0)."""
    m = DATE_PREFIX_RE.match(text)
    return m.end() if m else 0


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), else cp1252 or latin-1 when single-byte.

    Returns
    -------
    tuple[str, str]
        The decoded text (BOM removed, newlines untouched) and the codec name used
        (``"utf-8-sig"``, ``"utf-8"``, ``"cp1252"``, ``"latin-1"``, or ``"utf-8-replace"`` when
        invalid UTF-8 bytes were replaced by U+FFFD: see :func:`decode_report`).
    """
    text, codec, _bad = decode_report(data)
    return text, codec


_REPLACEMENT = "\ufffd"
_REPLACEMENT_UTF8 = _REPLACEMENT.encode("utf-8")
_ASCII = bytes(range(128))


def decode_report(data: bytes) -> tuple[str, str, int]:
    """Decode bytes like :func:`decode_bytes` and count the bytes that were not valid UTF-8.

    Strict UTF-8 first (a byte-order mark dropped). When that fails, the bytes are UTF-8 with
    some damage if they hold at least as many valid multi-byte sequences (accented letters,
    Arabic) as invalid bytes: those are replaced by U+FFFD, never re-decoded as latin-1, which
    would turn every accent of the file into mojibake. Otherwise the file is single-byte: cp1252,
    else latin-1 (every byte is a latin-1 character).

    Returns
    -------
    tuple[str, str, int]
        Text, codec name and the number of replacement characters added (0 unless the codec is
        ``"utf-8-replace"``).
    """
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    try:
        return body.decode("utf-8"), ("utf-8-sig" if bom else "utf-8"), 0
    except UnicodeDecodeError:
        pass
    lenient = body.decode("utf-8", errors="replace")
    bad = lenient.count(_REPLACEMENT) - body.count(_REPLACEMENT_UTF8)
    non_ascii = len(body.translate(None, _ASCII))
    # bytes of valid multi-byte sequences: every non-ASCII byte that was not replaced
    valid_multi = non_ascii - bad
    if bom or valid_multi >= 2 * bad:  # each valid sequence has two bytes or more
        return lenient, "utf-8-replace", bad
    try:
        return data.decode("cp1252"), "cp1252", 0
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", 0


def _universal_newlines(text: str) -> str:
    """What text-mode ``open().read()`` does to line ends."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _binary_reason(data: bytes) -> str | None:
    """A reason to refuse ``data`` as text, or None."""
    if b"\x00" in data:
        return "binary content (NUL bytes), not a text file"
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if sample and controls / len(sample) > 0.05:
        return f"binary content ({controls} control bytes in the first {len(sample)}), not a text file"
    return None


class _Skip(Exception):
    """Internal: a document to skip, with its reason and line."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"{kind}, not a regular file: not read"


def _open_regular(path: Path) -> BinaryIO:
    """Open a regular file for binary reading; anything else is a :class:`_Skip`.

    The type is checked before opening (opening a socket fails, opening a FIFO blocks until a
    writer comes, opening a device may act on it) and again on the open descriptor, which is
    opened non-blocking so that a file swapped for a FIFO in between cannot block either.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise _Skip(f"broken symbolic link (to {os.readlink(path)!r})") from None
        raise
    reason = _not_regular(st.st_mode)
    if reason:
        raise _Skip(reason)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        reason = _not_regular(os.fstat(fd).st_mode)
        if reason:
            raise _Skip(reason)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    with _open_regular(path) as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _Skip(f"file too large (more than {max_bytes} bytes, the limit): skipped")
    if not data.strip():
        raise _Skip("empty file")
    reason = _binary_reason(data)
    if reason:
        raise _Skip(reason)
    return data


def _text_document(text: str, doc_id: str, source: str) -> Document:
    date = precision = None
    m = DATE_PREFIX_RE.match(text)
    if m:
        resolved = read_date(m.group(1))
        date, precision = resolved.date, resolved.precision
        if date is None:
            _LOG.warning("%s: date %r is not a calendar date between 1800 and 2099; kept without date", source, m.group(1))
    if not text[body_start(text):].strip():
        raise _Skip("no text after the date prefix")
    return Document(id=doc_id, source=source, text=text, date=date, date_precision=precision)


def read_text_file(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Read one plain-text dispatch.

    Parameters
    ----------
    path : str or Path
        A UTF-8, cp1252 or latin-1 text file.
    max_bytes : int
        Refuse larger files.

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
        return _read_txt(p, max_bytes)
    except _Skip as exc:
        raise InputError(f"Cannot read {str(p)!r}: {exc.reason}") from None
    except OSError as exc:
        raise InputError(f"Cannot read {str(p)!r}: {exc.strerror or exc}") from None


def _decode_file(data: bytes, where: object) -> str:
    """Decode a whole file's bytes, saying on the log what was not plain UTF-8."""
    text, codec, bad = decode_report(data)
    if bad:
        _LOG.warning("%s: %d invalid UTF-8 byte sequence(s) replaced by U+FFFD", where, bad)
    elif codec not in ("utf-8", "utf-8-sig"):
        _LOG.info("%s: decoded as %s (single-byte text)", where, codec)
    return text


def _read_txt(path: Path, max_bytes: int) -> Document:
    text = _decode_file(_read_bytes(path, max_bytes), path)
    return _text_document(_universal_newlines(text), path.stem, str(path))


# --- JSON Lines and CSV --------------------------------------------------------------------


def _decode_line(raw: bytes, first: bool, damaged: list[int] | None = None) -> str:
    """Decode one row; the line number goes to ``damaged`` when bytes were replaced."""
    if first and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw:
        return ""
    text, _codec, bad = decode_report(raw)
    if bad and damaged is not None:
        damaged.append(bad)
    return text


def _warn_damaged(path: Path, damaged: list[int]) -> None:
    if damaged:
        _LOG.warning("%s: %d invalid UTF-8 byte sequence(s) in %d row(s) replaced by U+FFFD",
                     path, sum(damaged), len(damaged))


def _bounded_lines(fh: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """``(line number, bytes, size)`` of each physical line; bytes is None for a line over ``max_bytes``.

    A line over the limit is never held whole: it is read in chunks and dropped.
    """
    lineno = 0
    while True:
        raw = fh.readline(max_bytes + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) <= max_bytes or (raw.endswith(b"\n") and len(raw) == max_bytes + 1):
            yield lineno, raw, len(raw)
            continue
        size = len(raw)
        while not raw.endswith(b"\n"):
            raw = fh.readline(1 << 20)
            if not raw:
                break
            size += len(raw)
        yield lineno, None, size


def _row_document(
    row: dict[str, object], path: Path, line: int, text_column: str
) -> Document:
    if text_column not in row:
        raise _Skip(f"no {text_column!r} field", line)
    text = row[text_column]
    if not isinstance(text, str):
        raise _Skip(f"{text_column!r} is not a string ({type(text).__name__})", line)
    if not text.strip():
        raise _Skip(f"empty {text_column!r}", line)
    raw_id = row.get("id")
    doc_id = str(raw_id) if raw_id not in (None, "") else f"{path.stem}:{line}"
    raw_date = row.get("date")
    date = precision = None
    if raw_date not in (None, ""):
        resolved = read_date(str(raw_date))
        date, precision = resolved.date, resolved.precision
        if date is None:
            _LOG.warning("%s:%d: date %r not understood; kept without date", path, line, raw_date)
    else:
        m = DATE_PREFIX_RE.match(text)
        if m:
            resolved = read_date(m.group(1))
            date, precision = resolved.date, resolved.precision
    title = row.get("title")
    url = row.get("url")
    return Document(
        id=doc_id,
        source=f"{path}#{line}",
        text=text,
        date=date,
        date_precision=precision,
        title=str(title) if title not in (None, "") else None,
        url=str(url) if url not in (None, "") else None,
    )


def _read_jsonl(path: Path, text_column: str, max_bytes: int = MAX_FILE_BYTES) -> Iterator[Document | ReadError]:
    damaged: list[int] = []
    with _open_regular(path) as fh:
        for lineno, raw, size in _bounded_lines(fh, max_bytes):
            if raw is None:
                yield ReadError(str(path), lineno, f"row too large ({size} bytes > {max_bytes}, the limit): skipped")
                continue
            if not raw.strip():
                continue
            if b"\x00" in raw:
                yield ReadError(str(path), lineno, "binary content (NUL bytes)")
                continue
            try:
                row = json.loads(_decode_line(raw, lineno == 1, damaged))
            except json.JSONDecodeError as exc:
                # json's messages may end with "at" ("Invalid control character at"): no "at at column"
                msg = exc.msg.removesuffix(" at")
                yield ReadError(str(path), lineno, f"invalid JSON: {msg} at column {exc.colno}")
                continue
            except RecursionError:
                yield ReadError(str(path), lineno, "invalid JSON: nested too deeply")
                continue
            if not isinstance(row, dict):
                yield ReadError(str(path), lineno, f"expected a JSON object, got {type(row).__name__}")
                continue
            try:
                yield _row_document(row, path, lineno, text_column)
            except _Skip as exc:
                yield ReadError(str(path), lineno, exc.reason)
    _warn_damaged(path, damaged)


class _LineCounter:
    """Iterate decoded lines of a binary file, remembering the physical line number."""

    def __init__(self, fh: BinaryIO, max_bytes: int = MAX_FILE_BYTES) -> None:
        self._it = _bounded_lines(fh, max_bytes)
        self._max = max_bytes
        self.lineno = 0
        self.damaged: list[int] = []

    def __iter__(self) -> Iterator[str]:
        for lineno, raw, size in self._it:
            self.lineno = lineno
            if raw is None:
                raise _Skip(f"line too large ({size} bytes > {self._max}, the limit): rest of the file skipped", lineno)
            if b"\x00" in raw:
                raise _Skip("binary content (NUL bytes)", self.lineno)
            yield _decode_line(raw, self.lineno == 1, self.damaged)


def _sniff_delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _read_csv(path: Path, text_column: str, max_bytes: int = MAX_FILE_BYTES) -> Iterator[Document | ReadError]:
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes))
    with _open_regular(path) as fh:
        first = fh.readline(max_bytes + 1)
        if not first.strip():
            yield ReadError(str(path), None, "empty file")
            return
        delimiter = _sniff_delimiter(_decode_line(first[:65536], True))
        fh.seek(0)
        lines = _LineCounter(fh, max_bytes)
        try:
            yield from _csv_rows(path, lines, delimiter, text_column, max_bytes)
        finally:
            _warn_damaged(path, lines.damaged)


def _csv_rows(path: Path, lines: _LineCounter, delimiter: str, text_column: str,
              max_bytes: int) -> Iterator[Document | ReadError]:
    reader = csv.reader(iter(lines), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, _Skip, csv.Error) as exc:
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
        except _Skip as exc:
            yield ReadError(str(path), exc.line, exc.reason)
            return
        except csv.Error as exc:
            yield ReadError(str(path), start, f"malformed CSV row: {exc}")
            continue
        if not values or not any(v.strip() for v in values):
            continue
        if sum(map(len, values)) > max_bytes:
            yield ReadError(str(path), start, f"row too large (more than {max_bytes} characters, the limit): skipped")
            continue
        if len(values) > len(header):
            yield ReadError(str(path), start, f"{len(values)} fields, header has {len(header)}")
            continue
        row = dict(zip(header, values, strict=False))
        try:
            yield _row_document(row, path, start, text_column)
        except _Skip as exc:
            yield ReadError(str(path), exc.line, exc.reason)


# --- HTML ----------------------------------------------------------------------------------

_DROP = {"script", "style", "nav", "noscript", "footer", "aside", "form", "template", "svg"}
_BLOCKS = {"p", "h2", "h3", "h4", "li", "blockquote", "figcaption", "div", "br", "section", "article"}
_VOID = {"br", "img", "meta", "link", "hr", "input", "source", "wbr", "area", "base", "col"}
_WS = re.compile(r"[ \t\n\r\f]+")  # HTML whitespace; U+00A0 is kept


class _ArticleParser(HTMLParser):
    """Collect <title>, <h1>, paragraph texts (inside <article> and everywhere) and date metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.h1: list[str] = []
        self.date: str | None = None
        self.url: str | None = None
        self.article_paras: list[str] = []
        self.article_text: list[str] = []
        self.paras: list[str] = []
        self.body_text: list[str] = []
        self._drop = 0
        self._in_title = False
        self._in_h1 = False
        self._article = 0
        self._para: list[str] | None = None
        self._para_in_article = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag in _DROP:
            if tag not in _VOID:
                self._drop += 1
            return
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in ("article:published_time", "datepublished", "date", "pubdate", "dc.date",
                       "og:published_time", "publication_date") and self.date is None:
                self.date = a.get("content") or None
            elif key in ("og:url",) and self.url is None:
                self.url = a.get("content") or None
        elif tag == "link" and a.get("rel", "").lower() == "canonical" and a.get("href"):
            self.url = a["href"]
        elif tag == "time" and a.get("datetime") and self.date is None:
            self.date = a["datetime"]
        elif tag == "title":
            self._in_title = True
        elif tag == "h1":
            self._in_h1 = True
        elif tag == "article":
            self._article += 1
        if tag in ("p", "h2", "h3", "li", "blockquote") and self._drop == 0:
            self._close_para()
            self._para = []
            self._para_in_article = self._article > 0
        elif tag in _BLOCKS:
            self._add_break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP:
            if tag not in _VOID and self._drop:
                self._drop -= 1
            return
        if tag == "title":
            self._in_title = False
        elif tag == "h1":
            self._in_h1 = False
        elif tag in ("p", "h2", "h3", "li", "blockquote"):
            self._close_para()
        elif tag == "article":
            self._close_para()
            self._article = max(0, self._article - 1)
        if tag in _BLOCKS:
            self._add_break()

    def handle_data(self, data: str) -> None:
        if self._drop:
            return
        if self._in_title:
            self.title.append(data)
            return
        if self._in_h1:
            self.h1.append(data)
        if self._para is not None:
            self._para.append(data)
        if self._article:
            self.article_text.append(data)
        self.body_text.append(data)

    def _add_break(self) -> None:
        if self._article:
            self.article_text.append("\n")
        self.body_text.append("\n")

    def _close_para(self) -> None:
        if self._para is None:
            return
        text = _WS.sub(" ", "".join(self._para)).strip()
        if text:
            (self.article_paras if self._para_in_article else self.paras).append(text)
        self._para = None

    def close(self) -> None:
        super().close()
        self._close_para()


def _paragraphs(chunks: list[str]) -> str:
    parts = [_WS.sub(" ", p).strip() for p in "".join(chunks).split("\n")]
    return "\n\n".join(p for p in parts if p)


def _charset(data: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", data[:4096], re.IGNORECASE)
    return m.group(1).decode("ascii").lower() if m else None


def _read_html(path: Path, max_bytes: int) -> Document:
    data = _read_bytes(path, max_bytes)
    charset = _charset(data)
    html: str | None = None
    if charset and charset not in ("utf-8", "utf8"):
        try:
            html = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            html = None
    if html is None:
        html = _decode_file(data, path)
    parser = _ArticleParser()
    parser.feed(html)
    parser.close()
    if parser.article_paras:
        text = "\n\n".join(parser.article_paras)
    elif parser.article_text and _paragraphs(parser.article_text):
        text = _paragraphs(parser.article_text)
    elif parser.paras:
        text = "\n\n".join(parser.paras)
    else:
        text = _paragraphs(parser.body_text)
    if not text.strip():
        raise _Skip("no article text found in the HTML page")
    title = _WS.sub(" ", "".join(parser.title)).strip() or _WS.sub(" ", "".join(parser.h1)).strip()
    resolved = read_date(parser.date)
    return Document(
        id=path.stem,
        source=str(path),
        text=text,
        date=resolved.date,
        date_precision=resolved.precision,
        title=title or None,
        url=parser.url,
    )


# --- dispatch -------------------------------------------------------------------------------


def _walk(folder: Path) -> Iterator[Path | ReadError]:
    """Files with a known suffix under ``folder``, recursively, in sorted order (hidden skipped).

    A folder that cannot be listed is yielded as a :class:`ReadError` (``os.walk`` would skip
    it silently without ``onerror``).
    """
    failed: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=failed.append):
        while failed:
            yield _walk_error(failed.pop(0), folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES:
                yield Path(root) / name
    while failed:
        yield _walk_error(failed.pop(0), folder)


def _walk_error(exc: OSError, folder: Path) -> ReadError:
    where = exc.filename if exc.filename is not None else folder
    return ReadError(str(where), None, f"cannot list folder: {exc.strerror or exc}; its files were not read")


def _read_stdin(max_bytes: int) -> Document:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise _Skip(f"standard input too large (> {max_bytes} bytes)")
        if not data.strip():
            raise _Skip("empty input")
        reason = _binary_reason(data)
        if reason:
            raise _Skip(reason)
        text = _universal_newlines(_decode_file(data, "standard input"))
    else:  # a replaced sys.stdin (tests, notebooks)
        text = sys.stdin.read()
        if not text.strip():
            raise _Skip("empty input")
    return _text_document(text, "stdin", "-")


def _read_path(path: Path, text_column: str, max_bytes: int) -> Iterator[Document | ReadError]:
    suffix = path.suffix.lower()
    try:
        if suffix in (".jsonl", ".ndjson"):
            yield from _read_jsonl(path, text_column, max_bytes)
        elif suffix == ".csv":
            yield from _read_csv(path, text_column, max_bytes)
        elif suffix in (".html", ".htm"):
            yield _read_html(path, max_bytes)
        else:
            yield _read_txt(path, max_bytes)
    except _Skip as exc:
        yield ReadError(str(path), exc.line, exc.reason)
    except OSError as exc:
        yield ReadError(str(path), None, f"cannot read: {exc.strerror or exc}")


def _as_list(inputs: str | Path | Iterable[str | Path]) -> list[str | Path]:
    if isinstance(inputs, (str, Path)):
        return [inputs]
    return list(inputs)


def read_dispatches(
    inputs: str | Path | Iterable[str | Path],
    *,
    errors: list[ReadError] | None = None,
    text_column: str = "text",
    max_bytes: int = MAX_FILE_BYTES,
) -> Iterator[Document]:
    """Stream documents from files, folders, JSON Lines, CSV, HTML or standard input.

    Parameters
    ----------
    inputs : str, Path or iterable of them
        Files, folders (walked recursively in sorted order, keeping ``.txt``, ``.jsonl``,
        ``.ndjson``, ``.csv``, ``.html``, ``.htm``) or ``"-"`` for standard input. A file with
        another suffix named explicitly is read as plain text.
    errors : list of ReadError, optional
        Receives one :class:`ReadError` per skipped document (empty, binary, too large file; bad
        JSON line; CSV row without text; a FIFO, device or socket; a folder that cannot be
        listed). Errors are also logged on ``"conflictmap"``.
    text_column : str
        The text field of JSON Lines and CSV rows; ``date``, ``url``, ``title`` and ``id``
        fields are read when present.
    max_bytes : int
        The one size limit: text and HTML files, standard input, JSON Lines rows and CSV lines
        larger than this are skipped (each with a ReadError).

    Returns
    -------
    Iterator[Document]
        One document at a time; folders and row files are never loaded whole.

    Raises
    ------
    InputError
        At call time (before anything is read) when an input path does not exist.
    """
    paths = _as_list(inputs)
    missing = [str(p) for p in paths if str(p) != "-" and not Path(p).exists()]
    if missing:
        raise InputError(f"Input not found: {', '.join(repr(m) for m in missing)}")
    return _generate(paths, errors, text_column, max_bytes)


def _generate(
    paths: list[str | Path],
    errors: list[ReadError] | None,
    text_column: str,
    max_bytes: int,
) -> Iterator[Document]:
    for item in paths:
        if str(item) == "-":
            try:
                results: Iterable[Document | ReadError] = [_read_stdin(max_bytes)]
            except _Skip as exc:
                results = [ReadError("-", exc.line, exc.reason)]
            files: Iterable[Iterable[Document | ReadError]] = [results]
        else:
            p = Path(item)
            targets: Iterable[Path | ReadError] = _walk(p) if p.is_dir() else [p]
            files = ([f] if isinstance(f, ReadError) else _read_path(f, text_column, max_bytes) for f in targets)
        for results in files:
            for res in results:
                if isinstance(res, ReadError):
                    _LOG.warning("skipped %s", res)
                    if errors is not None:
                        errors.append(res)
                else:
                    yield res
