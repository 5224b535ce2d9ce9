"""Controller labels of the front-line model: normalisation and map palette.

The labels are :class:`geo.vocab.Controller`, the control subset of the actors. Russia and Iran/Hezbollah fight on
the regime's side, so for *control* they count as ``"regime"``; Turkey's allied Syrian factions
count as ``"Turkey"``. ``"contested"`` is a state, not an actor.
"""

from __future__ import annotations

import re

from gazetteer.normalize import fold
from geo.vocab import Actor, Controller

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
    Controller.REGIME: "#d55e00",  # vermillion
    Controller.REBELS: "#009e73",  # bluish green
    Controller.HTS: "#56b4e9",  # sky blue
    Controller.IS: "#000000",  # black
    Controller.SDF: "#f0e442",  # yellow
    Controller.TURKEY: "#0072b2",  # blue
    Controller.CONTESTED: "#7f7f7f",  # grey, hatched / dashed
}

#: Colour of actors that never control ground (strikes by Russia, the coalition...): Okabe-Ito's
#: orange and three of Paul Tol's colour-blind-safe "muted" colours, none close to a controller's.
_OTHER_ACTORS: dict[str, str] = {
    Actor.RUSSIA: "#882255",  # wine
    Actor.COALITION: "#e69f00",  # orange
    Actor.IRAN: "#999933",  # olive
    Actor.ISRAEL: "#332288",  # indigo
}

#: Events whose actor is not known.
UNKNOWN_COLOUR = "#bbbbbb"

#: Every actor and controller label -> colour, in legend order (the web map's and QGIS's events).
ACTOR_PALETTE: dict[str, str] = {
    Controller.REGIME: PALETTE[Controller.REGIME],
    Actor.RUSSIA: _OTHER_ACTORS[Actor.RUSSIA],
    Controller.REBELS: PALETTE[Controller.REBELS],
    Controller.HTS: PALETTE[Controller.HTS],
    Controller.IS: PALETTE[Controller.IS],
    Controller.SDF: PALETTE[Controller.SDF],
    Controller.TURKEY: PALETTE[Controller.TURKEY],
    Actor.COALITION: _OTHER_ACTORS[Actor.COALITION],
    Actor.IRAN: _OTHER_ACTORS[Actor.IRAN],
    Actor.ISRAEL: _OTHER_ACTORS[Actor.ISRAEL],
    Controller.CONTESTED: PALETTE[Controller.CONTESTED],
    Actor.UNKNOWN: UNKNOWN_COLOUR,
}

#: How "contested" areas are drawn: outline dash pattern (web map) and hatch angle (QGIS).
CONTESTED_HATCH = {"dash": "6 4", "angle": 45}

# Keys are accent-free, lower-case, single-spaced. Multi-word keys are matched as phrases.
_ALIASES: dict[str, str] = {
    # regime side (Russia and Iran count as regime for control)
    "regime": Controller.REGIME,
    "pro regime": Controller.REGIME,
    "proregime": Controller.REGIME,
    "regime forces": Controller.REGIME,
    "government": Controller.REGIME,
    "gouvernement": Controller.REGIME,
    "pro government": Controller.REGIME,
    "progouvernementales": Controller.REGIME,
    "progouvernementale": Controller.REGIME,
    "progouvernementaux": Controller.REGIME,
    "gouvernementales": Controller.REGIME,
    "loyalist": Controller.REGIME,
    "loyalists": Controller.REGIME,
    "loyalistes": Controller.REGIME,
    "syrian army": Controller.REGIME,
    "armee syrienne": Controller.REGIME,
    "saa": Controller.REGIME,
    "assad": Controller.REGIME,
    "damas": Controller.REGIME,
    "damascus": Controller.REGIME,
    "russia": Controller.REGIME,
    "russie": Controller.REGIME,
    "russian": Controller.REGIME,
    "russe": Controller.REGIME,
    "russes": Controller.REGIME,
    "iran": Controller.REGIME,
    "iran/hezbollah": Controller.REGIME,
    "hezbollah": Controller.REGIME,
    # rebels
    "rebels": Controller.REBELS,
    "rebel": Controller.REBELS,
    "rebelles": Controller.REBELS,
    "rebelle": Controller.REBELS,
    "opposition": Controller.REBELS,
    "insurgents": Controller.REBELS,
    "insurges": Controller.REBELS,
    "fsa": Controller.REBELS,
    "asl": Controller.REBELS,
    "free syrian army": Controller.REBELS,
    "armee syrienne libre": Controller.REBELS,
    # HTS / jihadists
    "hts": Controller.HTS,
    "hts/jihadists": Controller.HTS,
    "jihadists": Controller.HTS,
    "jihadist": Controller.HTS,
    "jihadistes": Controller.HTS,
    "djihadistes": Controller.HTS,
    "hayat tahrir al cham": Controller.HTS,
    "hayat tahrir al sham": Controller.HTS,
    "tahrir al cham": Controller.HTS,
    "al nosra": Controller.HTS,
    "al nusra": Controller.HTS,
    "fateh al cham": Controller.HTS,
    "fateh al sham": Controller.HTS,
    "al qaida": Controller.HTS,
    "al qaeda": Controller.HTS,
    # Islamic State
    "is": Controller.IS,
    "isis": Controller.IS,
    "isil": Controller.IS,
    "ei": Controller.IS,
    "daech": Controller.IS,
    "daesh": Controller.IS,
    "islamic state": Controller.IS,
    "etat islamique": Controller.IS,
    # SDF / Kurdish forces
    "sdf": Controller.SDF,
    "fds": Controller.SDF,
    "ypg": Controller.SDF,
    "sdf/kurdish forces": Controller.SDF,
    "kurdish forces": Controller.SDF,
    "forces kurdes": Controller.SDF,
    "kurdes": Controller.SDF,
    "kurds": Controller.SDF,
    "kurdish": Controller.SDF,
    "syrian democratic forces": Controller.SDF,
    "forces democratiques syriennes": Controller.SDF,
    # Turkey and allied factions
    "turkey": Controller.TURKEY,
    "turquie": Controller.TURKEY,
    "turkish": Controller.TURKEY,
    "turque": Controller.TURKEY,
    "turques": Controller.TURKEY,
    "armee turque": Controller.TURKEY,
    "tsk": Controller.TURKEY,
    "sna": Controller.TURKEY,
    "syrian national army": Controller.TURKEY,
    "armee nationale syrienne": Controller.TURKEY,
    # state
    "contested": Controller.CONTESTED,
    "conteste": Controller.CONTESTED,
    "contestee": Controller.CONTESTED,
    "disputed": Controller.CONTESTED,
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
