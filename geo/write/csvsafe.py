"""Spreadsheet formula injection: neutralise CSV cells the way OWASP recommends.

A spreadsheet (Excel, LibreOffice, Google Sheets) that opens a CSV runs a cell starting with
``=``, ``+``, ``-`` or ``@`` as a formula, and tab or carriage return at the start let such a cell
through some importers. Dispatch text reaches ``events.csv`` (``evidence``, ``doc_id``,
``source``, ``actor_text`` ...), so a hostile dispatch could plant ``=HYPERLINK(...)`` or a DDE
payload there. OWASP's rule (CSV Injection cheat sheet): prefix such a cell with a single quote,
which spreadsheets show as text and never evaluate; the value stays readable. Numbers stay
numbers: non-string values are not touched, nor strings that are a plain number (``-12``,
``+3.5``), which no spreadsheet evaluates as a formula.

Every CSV writer of the project calls :func:`safe_cell` (one value) or :func:`safe_frame` (a
DataFrame's text columns): ``events.csv``, ``rejects.csv`` and the ACLED export.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["FORMULA_STARTS", "safe_cell", "safe_frame"]

#: First characters that make a spreadsheet cell a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_OPENING = re.compile("\x00[" + re.escape("".join(FORMULA_STARTS)) + "]")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def safe_cell(value: Any) -> Any:
    """Return ``value`` safe for a spreadsheet: a string opening a formula gets a leading ``'``.

    Parameters
    ----------
    value
        Any cell value. Only strings are changed.

    Returns
    -------
    Any
        ``"'" + value`` when ``value`` is a string that starts with ``=``, ``+``, ``-``, ``@``, a tab
        or a carriage return and is not a plain number; ``value`` itself otherwise.

    Examples
    --------
    >>> safe_cell("=HYPERLINK(\"http://x\")")
    '\\'=HYPERLINK("http://x")'
    >>> safe_cell("-12"), safe_cell(-12), safe_cell("Alep")
    ('-12', -12, 'Alep')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _may_open_formula(values: list[str]) -> bool:
    """Whether one of the strings ``values`` may start like a formula: one search over them joined, so a
    column without any (the usual case) is not checked cell by cell (a NUL inside a cell only gives a false alarm)."""
    return _OPENING.search("\x00" + "\x00".join(values)) is not None


def safe_frame(frame: Any) -> Any:
    """A copy of a pandas DataFrame whose text (object/string) columns went through :func:`safe_cell`."""
    import numpy as np
    from pandas.api.types import is_object_dtype, is_string_dtype

    out = frame.copy()
    for col in out.columns:
        if is_object_dtype(out[col].dtype):
            out[col] = out[col].map(safe_cell, na_action="ignore")
        elif is_string_dtype(out[col].dtype):  # "str", "string": only the cells opening like a formula change
            if not _may_open_formula(out[col].dropna().tolist()):
                continue
            starts = np.array([isinstance(v, str) and v.startswith(FORMULA_STARTS) for v in out[col].tolist()], bool)
            if starts.any():
                out[col] = out[col].mask(starts, out[col][starts].map(safe_cell))
    return out
