"""Files as the readers see them: regular files only, one size limit, folders walked in order.

* only regular files are read: a FIFO, a device or a socket (in a folder or named) is skipped with
  a ReadError, never opened for reading in blocking mode (a FIFO would block the run forever);
* one size limit, ``max_bytes`` (default ``gazetteer.settings.max_file_bytes``, read at call time),
  for every reader: a text or HTML file, standard input, one JSON Lines row, one CSV line or
  field; larger ones are skipped with a ReadError naming the size;
* a folder that cannot be listed (while walking) is a ReadError, not a silent gap.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from geo.read.decode import binary_reason
from geo.read.records import ReadError, SkipError

__all__ = ["SUFFIXES", "bounded_lines", "max_bytes_or_default", "open_regular", "read_bytes", "walk"]

#: File suffixes picked up when walking a folder.
SUFFIXES: tuple[str, ...] = (".txt", ".jsonl", ".ndjson", ".csv", ".html", ".htm")

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def max_bytes_or_default(max_bytes: int | None) -> int:
    """``max_bytes``, or the user's setting ``gazetteer.settings.max_file_bytes`` (read now)."""
    if max_bytes is not None:
        return max_bytes
    from gazetteer import settings

    return settings.max_file_bytes


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"{kind}, not a regular file: not read"


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for binary reading; anything else is a :class:`SkipError`.

    The type is checked before opening (opening a socket fails, opening a FIFO blocks until a
    writer comes, opening a device may act on it) and again on the open descriptor, which is
    opened non-blocking so that a file swapped for a FIFO in between cannot block either.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise SkipError(f"broken symbolic link (to {str(path.readlink())!r})") from None
        raise
    reason = _not_regular(st.st_mode)
    if reason:
        raise SkipError(reason)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        reason = _not_regular(os.fstat(fd).st_mode)
        if reason:
            raise SkipError(reason)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a whole text file: not over ``max_bytes``, not empty, not binary (else SkipError)."""
    with open_regular(path) as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SkipError(f"file too large (more than {max_bytes} bytes, the limit): skipped")
    if not data.strip():
        raise SkipError("empty file")
    reason = binary_reason(data)
    if reason:
        raise SkipError(reason)
    return data


def bounded_lines(fh: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
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


def walk(folder: Path) -> Iterator[Path | ReadError]:
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
