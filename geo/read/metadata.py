"""Document dates from metadata: the ``" date YYYY-MM(-DD)"`` prefix, a ``date`` field, a ``<meta>`` tag.

Every metadata date is read by :func:`document_date`, the one call of the extraction's date reader
(:func:`geo.extract.dates.read_date`): the reader has no date parser of its own.
"""

from __future__ import annotations

import re

from geo.extract.dates import read_date

__all__ = ["DATE_PREFIX_RE", "DocumentDate", "body_start", "document_date", "prefix_date"]

#: The optional first-line date prefix: ``" date 2019-09 "`` or ``" date 2019-09-05 "``.
DATE_PREFIX_RE = re.compile(r"\A[ \t]?date[ \t]+(\d{4}-\d{2}(?:-\d{2})?)(?![\d-])[ \t]*")

#: A document date: ISO string and precision, ``(None, None)`` when unknown.
DocumentDate = tuple[str | None, str | None]


def body_start(text: str) -> int:
    """Offset where the dispatch begins, after an optional ``" date YYYY-MM(-DD)"`` prefix (else 0)."""
    m = DATE_PREFIX_RE.match(text)
    return m.end() if m else 0


def document_date(raw: object) -> DocumentDate:
    """The date and precision of a metadata value (``(None, None)`` when empty or not a date).

    Parameters
    ----------
    raw : object
        A ``date`` field, a ``<meta>``/``<time>`` value or the date of a prefix; None when absent.
    """
    resolved = read_date(None if raw is None else str(raw))
    return resolved.date, resolved.precision


def prefix_date(text: str) -> str | None:
    """The raw date of the ``" date YYYY-MM(-DD)"`` prefix of ``text``, or None without a prefix."""
    m = DATE_PREFIX_RE.match(text)
    return m.group(1) if m else None
