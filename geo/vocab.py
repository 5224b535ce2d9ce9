"""The typed vocabularies of the project: event kinds, actors, controllers, statuses, precisions.

Every enum is a :class:`enum.StrEnum` (or :class:`enum.IntEnum` for ACLED's numeric codes), so a
member *is* the string (or number) written in every output file: ``EventKind.STRIKE == "strike"``,
``f"{Actor.IS}" == "IS"``. Code compares and builds members, never bare strings; files keep the
same strings as before the enums existed.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum

__all__ = ["Actor", "ControlStatus", "Controller", "DatePrecision", "EventKind", "GeoPrecision"]


class EventKind(StrEnum):
    """Event kinds (see :data:`geo.kinds.KINDS` for what the outputs know of each)."""

    STRIKE = "strike"
    CLASH = "clash"
    CONTROL_CHANGE = "control_change"
    DISPLACEMENT = "displacement"
    VIOLENCE_AGAINST_CIVILIANS = "violence_against_civilians"


class Actor(StrEnum):
    """Normalised armed actors (who acted; :class:`Controller` is who holds ground)."""

    REGIME = "regime"
    RUSSIA = "Russia"
    COALITION = "coalition"
    TURKEY = "Turkey"
    REBELS = "rebels"
    HTS = "HTS/jihadists"
    IS = "IS"
    SDF = "SDF/Kurdish forces"
    IRAN = "Iran/Hezbollah"
    ISRAEL = "Israel"
    UNKNOWN = "unknown"


class Controller(StrEnum):
    """Who holds a locality, in legend order. Russia and Iran/Hezbollah hold ground as the regime;
    ``CONTESTED`` is a state, not an actor."""

    REGIME = "regime"
    REBELS = "rebels"
    HTS = "HTS/jihadists"
    IS = "IS"
    SDF = "SDF/Kurdish forces"
    TURKEY = "Turkey"
    CONTESTED = "contested"


class ControlStatus(StrEnum):
    """How far a control change or a control state holds.

    ``COMPLETE``: the whole place changed hands (or is held); ``PARTIAL``: part of it ("sont entrés
    dans", "les quartiers est"); ``CONTESTED``: fighting inside, nobody holds it; ``CLAIMED``: one
    side's claim only; ``DENIED``: claimed and denied; ``REVERSED``: taken, then lost again.
    """

    COMPLETE = "complete"
    PARTIAL = "partial"
    CONTESTED = "contested"
    CLAIMED = "claimed"
    DENIED = "denied"
    REVERSED = "reversed"


class DatePrecision(StrEnum):
    """How precise a date is; the string is what the outputs write in ``date_precision``."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class GeoPrecision(IntEnum):
    """ACLED's ``geo_precision``: 1 the place itself, 2 a nearby or part of a region, 3 a larger region."""

    EXACT = 1
    NEAR = 2
    REGION = 3
