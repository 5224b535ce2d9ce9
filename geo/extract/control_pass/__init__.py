"""Control changes and control states from the French tables of :mod:`geo.lang.fr.control`.

A *hit* is a trigger with its role (who gains, see the tables' docstring) and the place it is tied
to (:mod:`.triggers`). :func:`control_sides` reads the gaining and losing sides from the role and
the actors around the trigger (:mod:`.sides`); :func:`control_status` says how far it holds and
:func:`find_states` reads control *states* ("X, contrôlé par Y", "les quartiers rebelles de X") as
observations, never as changes (:mod:`.states`).
"""

from __future__ import annotations

from geo.extract.control_pass.sides import _CO_SUBJECT, _subject_head, control_sides, opponent
from geo.extract.control_pass.states import control_status, find_states
from geo.extract.control_pass.ties import control_place
from geo.extract.control_pass.triggers import ANAPHOR, ControlHit, find_control, find_controls, tied_after

__all__ = [
    "ANAPHOR",
    "_CO_SUBJECT",
    "ControlHit",
    "_subject_head",
    "control_place",
    "control_sides",
    "control_status",
    "find_control",
    "find_controls",
    "find_states",
    "opponent",
    "tied_after",
]
