"""Read dispatches from text, JSON Lines, CSV and HTML files, one :class:`Document` at a time.

:func:`read_dispatches` walks the inputs and hands each file to the reader of its format
(:mod:`geo.read.text`, :mod:`geo.read.jsonl`, :mod:`geo.read.csvfile`, :mod:`geo.read.htmlpage`).
Bad documents do not stop a run: each becomes a :class:`ReadError` appended to the caller's
``errors`` list (and logged on the ``"conflictmap"`` logger) and is skipped. A path that does not
exist raises :class:`~gazetteer.errors.InputError` at once. How hostile inputs are handled (FIFOs,
devices, one size limit, folders that cannot be listed, damaged encodings) is told in
:mod:`geo.read.files` and :mod:`geo.read.decode`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from gazetteer.errors import InputError
from geo.model import Document
from geo.read.csvfile import read_csv
from geo.read.decode import decode_bytes, decode_report
from geo.read.files import SUFFIXES, max_bytes_or_default, walk
from geo.read.htmlpage import read_html
from geo.read.jsonl import read_jsonl
from geo.read.metadata import DATE_PREFIX_RE, body_start
from geo.read.records import LOG, ReadError, SkipError
from geo.read.text import read_stdin, read_text_file, read_txt

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

#: The default of the one size limit (bytes) of a document. The limit in force is
#: ``gazetteer.settings.max_file_bytes``, read at each call; this is its shipped value.
MAX_FILE_BYTES = 20 * 1024 * 1024


def _read_path(path: Path, text_column: str, max_bytes: int) -> Iterator[Document | ReadError]:
    suffix = path.suffix.lower()
    try:
        if suffix in (".jsonl", ".ndjson"):
            yield from read_jsonl(path, text_column, max_bytes)
        elif suffix == ".csv":
            yield from read_csv(path, text_column, max_bytes)
        elif suffix in (".html", ".htm"):
            yield read_html(path, max_bytes)
        else:
            yield read_txt(path, max_bytes)
    except SkipError as exc:
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
    max_bytes: int | None = None,
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
    max_bytes : int, optional
        The one size limit: text and HTML files, standard input, JSON Lines rows and CSV lines
        larger than this are skipped (each with a ReadError). Default:
        ``gazetteer.settings.max_file_bytes``, read at call time.

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
    return _generate(paths, errors, text_column, max_bytes_or_default(max_bytes))


def _results(item: str | Path, text_column: str, max_bytes: int) -> Iterator[Iterable[Document | ReadError]]:
    """The results of each file of one input: standard input, a file, or the files of a folder."""
    if str(item) == "-":
        try:
            yield [read_stdin(max_bytes)]
        except SkipError as exc:
            yield [ReadError("-", exc.line, exc.reason)]
        return
    p = Path(item)
    targets: Iterable[Path | ReadError] = walk(p) if p.is_dir() else [p]
    for f in targets:
        yield [f] if isinstance(f, ReadError) else _read_path(f, text_column, max_bytes)


def _generate(
    paths: list[str | Path],
    errors: list[ReadError] | None,
    text_column: str,
    max_bytes: int,
) -> Iterator[Document]:
    for item in paths:
        for results in _results(item, text_column, max_bytes):
            for res in results:
                if isinstance(res, ReadError):
                    LOG.warning("skipped %s", res)
                    if errors is not None:
                        errors.append(res)
                else:
                    yield res
