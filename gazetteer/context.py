"""What a query knows besides the name: the governorate the text names, nearby points, a kind.

:func:`context_key` validates these and turns them into the hashable key under which a
:class:`~gazetteer.resolver.Gazetteer` caches its answers.
"""

from __future__ import annotations

import math
from typing import Any

from gazetteer.errors import InputError
from gazetteer.governorates import pcode_for
from gazetteer.types import KINDS

__all__ = ["ContextKey", "Point", "as_points", "context_key"]

#: (lat, lon) in degrees.
Point = tuple[float, float]

#: (governorate P-code, nearby points rounded to 0.01 degree and sorted, kind).
ContextKey = tuple[str | None, tuple[Point, ...], str | None]


def as_points(near: Any) -> tuple[Point, ...]:
    """Validate ``near``: None, one (lat, lon) pair or a sequence of pairs.

    ``near`` is the caller's value as given (any object: this is where it is checked).

    Raises
    ------
    InputError
        When ``near`` is not pairs of finite numbers within -90..90 and -180..180.
    """
    if near is None:
        return ()
    try:
        if len(near) == 2 and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in near):
            pairs = [near]
        else:
            pairs = list(near)
        points = tuple((float(lat), float(lon)) for lat, lon in pairs)
    except (TypeError, ValueError) as exc:
        msg = f"expected near=(lat, lon) or a sequence of (lat, lon) pairs, instead got: {near!r}"
        raise InputError(msg) from exc
    for lat, lon in points:
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
            msg = f"expected near points with -90 <= lat <= 90 and -180 <= lon <= 180, instead got: {near!r}"
            raise InputError(msg)
    return points


def context_key(governorate: str | None, near: Any, kind: str | None) -> ContextKey:
    """Validate a query's context and return it as a hashable key.

    Parameters
    ----------
    governorate
        P-code, English or French name of the governorate the text names, or None.
    near
        None, one ``(lat, lon)`` point or several.
    kind
        A :class:`~gazetteer.types.PlaceKind` value, or None.

    Raises
    ------
    InputError
        When the governorate is unknown, the kind is not a place kind or ``near`` is not points.
    """
    pcode = None
    if governorate is not None:
        pcode = pcode_for(governorate) if isinstance(governorate, str) else None
        if pcode is None:
            msg = f"unknown governorate {governorate!r}; give a P-code (SY01-SY14), English or French name"
            raise InputError(msg)
    if kind is not None and kind not in KINDS:
        raise InputError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    points = tuple(sorted({(round(a, 2), round(b, 2)) for a, b in as_points(near)}))
    return pcode, points, kind
