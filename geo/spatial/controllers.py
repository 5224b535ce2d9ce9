"""Controller labels of the front-line model: normalisation and map palette.

The labels are :class:`geo.vocab.Controller`, the control subset of the actors. Russia and Iran/Hezbollah fight on
the regime's side, so for *control* they count as ``"regime"``; Turkey's allied Syrian factions
count as ``"Turkey"``. ``"contested"`` is a state, not an actor.
"""

from __future__ import annotations

import re

from gazetteer.normalize import fold
from geo.vocab import Controller

__all__ = [
    "ACTOR_PALETTE",
    "CONTESTED_HATCH",
    "CONTROLLERS",
    "PALETTE",
    "UNKNOWN_COLOUR",
    "normalise_controller",
]

#: Canonical controller labels, in legend order.
CONTROLLERS: tuple[Controller, ...] = tuple(Controller)

#: Fill colour per controller: the ONE palette of the web map, the front-line layers and the QGIS
#: styles (``geo/write/styles/*.qml`` are checked against it by ``tests/unit/test_styles.py``). The six
#: controllers take six of the eight Okabe-Ito colours (Okabe & Ito 2008), chosen to stay distinct
#: under protanopia, deuteranopia and tritanopia; "contested" is not an actor but a state, so it is
#: a neutral grey drawn hatched (QGIS) or dashed (web map) rather than one more hue.
PALETTE: dict[str, str] = {
    "regime": "#d55e00",  # vermillion
    "rebels": "#009e73",  # bluish green
    "HTS/jihadists": "#56b4e9",  # sky blue
    "IS": "#000000",  # black
    "SDF/Kurdish forces": "#f0e442",  # yellow
    "Turkey": "#0072b2",  # blue
    "contested": "#7f7f7f",  # grey, hatched / dashed
}

#: Colour of actors that never control ground (strikes by Russia, the coalition...): Okabe-Ito's
#: orange and three of Paul Tol's colour-blind-safe "muted" colours, none close to a controller's.
_OTHER_ACTORS: dict[str, str] = {
    "Russia": "#882255",  # wine
    "coalition": "#e69f00",  # orange
    "Iran/Hezbollah": "#999933",  # olive
    "Israel": "#332288",  # indigo
}

#: Events whose actor is not known.
UNKNOWN_COLOUR = "#bbbbbb"

#: Every actor and controller label -> colour, in legend order (the web map's and QGIS's events).
ACTOR_PALETTE: dict[str, str] = {
    "regime": PALETTE["regime"],
    "Russia": _OTHER_ACTORS["Russia"],
    "rebels": PALETTE["rebels"],
    "HTS/jihadists": PALETTE["HTS/jihadists"],
    "IS": PALETTE["IS"],
    "SDF/Kurdish forces": PALETTE["SDF/Kurdish forces"],
    "Turkey": PALETTE["Turkey"],
    "coalition": _OTHER_ACTORS["coalition"],
    "Iran/Hezbollah": _OTHER_ACTORS["Iran/Hezbollah"],
    "Israel": _OTHER_ACTORS["Israel"],
    "contested": PALETTE["contested"],
    "unknown": UNKNOWN_COLOUR,
}

#: How "contested" areas are drawn: outline dash pattern (web map) and hatch angle (QGIS).
CONTESTED_HATCH = {"dash": "6 4", "angle": 45}

# Keys are accent-free, lower-case, single-spaced. Multi-word keys are matched as phrases.
_ALIASES: dict[str, str] = {
    # regime side (Russia and Iran count as regime for control)
    "regime": "regime",
    "pro regime": "regime",
    "proregime": "regime",
    "regime forces": "regime",
    "government": "regime",
    "gouvernement": "regime",
    "pro government": "regime",
    "progouvernementales": "regime",
    "progouvernementale": "regime",
    "progouvernementaux": "regime",
    "gouvernementales": "regime",
    "loyalist": "regime",
    "loyalists": "regime",
    "loyalistes": "regime",
    "syrian army": "regime",
    "armee syrienne": "regime",
    "saa": "regime",
    "assad": "regime",
    "damas": "regime",
    "damascus": "regime",
    "russia": "regime",
    "russie": "regime",
    "russian": "regime",
    "russe": "regime",
    "russes": "regime",
    "iran": "regime",
    "iran/hezbollah": "regime",
    "hezbollah": "regime",
    # rebels
    "rebels": "rebels",
    "rebel": "rebels",
    "rebelles": "rebels",
    "rebelle": "rebels",
    "opposition": "rebels",
    "insurgents": "rebels",
    "insurges": "rebels",
    "fsa": "rebels",
    "asl": "rebels",
    "free syrian army": "rebels",
    "armee syrienne libre": "rebels",
    # HTS / jihadists
    "hts": "HTS/jihadists",
    "hts/jihadists": "HTS/jihadists",
    "jihadists": "HTS/jihadists",
    "jihadist": "HTS/jihadists",
    "jihadistes": "HTS/jihadists",
    "djihadistes": "HTS/jihadists",
    "hayat tahrir al cham": "HTS/jihadists",
    "hayat tahrir al sham": "HTS/jihadists",
    "tahrir al cham": "HTS/jihadists",
    "al nosra": "HTS/jihadists",
    "al nusra": "HTS/jihadists",
    "fateh al cham": "HTS/jihadists",
    "fateh al sham": "HTS/jihadists",
    "al qaida": "HTS/jihadists",
    "al qaeda": "HTS/jihadists",
    # Islamic State
    "is": "IS",
    "isis": "IS",
    "isil": "IS",
    "ei": "IS",
    "daech": "IS",
    "daesh": "IS",
    "islamic state": "IS",
    "etat islamique": "IS",
    # SDF / Kurdish forces
    "sdf": "SDF/Kurdish forces",
    "fds": "SDF/Kurdish forces",
    "ypg": "SDF/Kurdish forces",
    "sdf/kurdish forces": "SDF/Kurdish forces",
    "kurdish forces": "SDF/Kurdish forces",
    "forces kurdes": "SDF/Kurdish forces",
    "kurdes": "SDF/Kurdish forces",
    "kurds": "SDF/Kurdish forces",
    "kurdish": "SDF/Kurdish forces",
    "syrian democratic forces": "SDF/Kurdish forces",
    "forces democratiques syriennes": "SDF/Kurdish forces",
    # Turkey and allied factions
    "turkey": "Turkey",
    "turquie": "Turkey",
    "turkish": "Turkey",
    "turque": "Turkey",
    "turques": "Turkey",
    "armee turque": "Turkey",
    "tsk": "Turkey",
    "sna": "Turkey",
    "syrian national army": "Turkey",
    "armee nationale syrienne": "Turkey",
    # state
    "contested": "contested",
    "conteste": "contested",
    "contestee": "contested",
    "disputed": "contested",
}

# Aliases too ambiguous inside free text ("is", "anti-Assad rebels"): exact match only.
_EXACT_ONLY = frozenset({"is", "ei", "asl", "damas", "damascus", "assad"})

# Phrases, longest first, for the "first label named wins" scan of free text.
_PHRASES = sorted((a for a in _ALIASES if a not in _EXACT_ONLY), key=len, reverse=True)
_PHRASE_RE = re.compile(r"\b(" + "|".join(re.escape(p) for p in _PHRASES) + r")\b")


_NOT_ALIAS = re.compile(r"[^a-z0-9/]+")


def _fold(text: str) -> str:
    """:func:`gazetteer.normalize.fold` keeping ``/``, then anything but ``a-z0-9/`` as single spaces.

    The one fold turns ``/`` into a space; the aliases keep it ("hts/jihadists"), so it is put back.
    """
    folded = "".join("/" if c == "/" else f for c, f in zip(text, fold(text), strict=True))
    return _NOT_ALIAS.sub(" ", folded).strip()


def normalise_controller(label: str | None) -> Controller | None:
    """Return the canonical controller label for a spelling, or ``None`` when unknown.

    An exact alias wins ("régime", "FDS", "opposition"); otherwise the first known label named in
    the text wins, so "jihadists and rebels" gives ``"HTS/jihadists"`` and "Turkish army and allied
    Syrian rebels" gives ``"Turkey"``. "coalition" and "unknown" are actors, not controllers.

    Parameters
    ----------
    label
        A controller or actor label as written by a user or an extractor.

    Returns
    -------
    Controller or None
        One of :data:`CONTROLLERS`, or ``None``.
    """
    if label is None:
        return None
    folded = _fold(label)
    if not folded:
        return None
    if folded in _ALIASES:
        return Controller(_ALIASES[folded])
    if folded.replace("/", " ") in _ALIASES:
        return Controller(_ALIASES[folded.replace("/", " ")])
    match = _PHRASE_RE.search(folded.replace("/", " "))
    return Controller(_ALIASES[match.group(1)]) if match else None
