"""Cell values of the event tables as plain Python: the one place that says what "missing" is.

Event frames mix None, float NaN, ``pd.NA``, ``pd.NaT`` and strings; the map, its data block and the
ACLED export all read them through these three helpers.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["as_int", "flag", "text"]


def text(value: Any) -> str | None:
    """``value`` as a stripped string; None for None, NaN, NA, NaT and empty strings."""
    if value is None:
        return None
    kind = type(value)
    if kind is str:
        return value.strip() or None
    if kind is int or kind is bool:  # never missing
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return None
    elif not isinstance(value, str):
        import pandas as pd

        try:
            if pd.isna(value):  # pd.NA, pd.NaT, numpy NaT
                return None
        except (TypeError, ValueError):  # a list or an array is not "missing"
            pass
    out = str(value).strip()
    return out or None


def as_int(value: Any) -> int | None:
    """``value`` as an int (``"12"``, ``12.0``); None when missing or not a number."""
    t = text(value)
    if t is None:
        return None
    try:
        return int(float(t))
    except (ValueError, OverflowError):
        return None


def flag(value: Any) -> bool:
    """True for ``True``, ``"true"``, ``1``, ``"yes"`` (any case); False otherwise, missing included."""
    t = text(value)
    return t is not None and t.casefold() in ("true", "1", "yes")
