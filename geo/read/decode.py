"""Bytes to text: UTF-8 (with or without BOM), damaged UTF-8, cp1252/latin-1; binary refused.

Invalid UTF-8 in a mostly UTF-8 file is decoded with U+FFFD replacement characters and a warning
per file naming the count; cp1252/latin-1 is used only when the bytes look single-byte (no more
valid UTF-8 multi-byte sequences than invalid bytes).
"""

from __future__ import annotations

from pathlib import Path

from geo.read.records import LOG

__all__ = [
    "binary_reason",
    "decode_bytes",
    "decode_file",
    "decode_line",
    "decode_report",
    "universal_newlines",
    "warn_damaged",
]

_REPLACEMENT = "\ufffd"
_REPLACEMENT_UTF8 = _REPLACEMENT.encode("utf-8")
_ASCII = bytes(range(128))


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


def universal_newlines(text: str) -> str:
    """What text-mode ``open().read()`` does to line ends."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


#: Control bytes that count against a text file (tab, line feed, form feed and carriage return do not).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def binary_reason(data: bytes) -> str | None:
    """A reason to refuse ``data`` as text (NUL bytes, many control bytes), or None."""
    if b"\x00" in data:
        return "binary content (NUL bytes), not a text file"
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if sample and controls / len(sample) > 0.05:
        return f"binary content ({controls} control bytes in the first {len(sample)}), not a text file"
    return None


def decode_file(data: bytes, where: object) -> str:
    """Decode a whole file's bytes, saying on the log what was not plain UTF-8."""
    text, codec, bad = decode_report(data)
    if bad:
        LOG.warning("%s: %d invalid UTF-8 byte sequence(s) replaced by U+FFFD", where, bad)
    elif codec not in ("utf-8", "utf-8-sig"):
        LOG.info("%s: decoded as %s (single-byte text)", where, codec)
    return text


def decode_line(raw: bytes, first: bool, damaged: list[int] | None = None) -> str:
    """Decode one row; the count of replaced bytes goes to ``damaged`` when there are some."""
    if first and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw:
        return ""
    text, _codec, bad = decode_report(raw)
    if bad and damaged is not None:
        damaged.append(bad)
    return text


def warn_damaged(path: Path, damaged: list[int]) -> None:
    """One warning for the rows of ``path`` whose invalid UTF-8 bytes were replaced."""
    if damaged:
        LOG.warning("%s: %d invalid UTF-8 byte sequence(s) in %d row(s) replaced by U+FFFD",
                    path, sum(damaged), len(damaged))
