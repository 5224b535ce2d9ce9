"""Armed actors named in French dispatches, normalised to :class:`geo.vocab.Actor`.

"les forces du régime", "l'armée syrienne", "les troupes de Damas", "prorégime" -> ``"regime"``;
"l'aviation russe", "Moscou" (as an actor) -> ``"Russia"``; "les jihadistes", "HTS" ->
``"HTS/jihadists"``; "l'EI", "Daech" -> ``"IS"``; "FDS", "YPG", "forces kurdes" ->
``"SDF/Kurdish forces"`` ... The labels are also the controllers of the front-line model.

"jihadistes et rebelles" (one coalition in Idleb) is labelled ``"HTS/jihadists"``: the dominant
controller of such areas. "factions proturques" / "rebelles proturcs" are ``"Turkey"``. The French
patterns are data (:data:`geo.lang.fr.actors.ACTOR_PATTERNS`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from geo.lang.fr.actors import ACTOR_PATTERNS, STEM_WORDS, STEMS
from geo.vocab import Actor

__all__ = ["ACTOR_PATTERNS", "find_actors", "normalise_actor"]

_STEMS = re.compile(STEMS, re.IGNORECASE)
_EI = re.compile(r"\bei\b", re.IGNORECASE)


def has_stem(sentence: str) -> bool:
    """True when ``sentence`` holds a stem of some actor name (else :func:`find_actors` finds none).

    The same answer as ``re.search(STEMS, sentence, re.IGNORECASE)``, by substring tests on the
    lower-cased sentence.
    """
    low = sentence.lower()
    if "\u0131" in low or "\u017f" in low or "\u0307" in low:  # ı, ſ, İ: case-insensitive regex semantics
        return _STEMS.search(sentence) is not None
    return any(map(low.__contains__, STEM_WORDS)) or ("ei" in low and _EI.search(sentence) is not None)


def find_actors(sentence: str) -> list[tuple[int, int, Actor]]:
    """Find actor expressions in a sentence.

    Parameters
    ----------
    sentence : str
        Any French text.

    Returns
    -------
    list of (start, end, label)
        Non-overlapping spans, in text order; at a given position the longest/earliest-listed
        pattern wins.
    """
    return list(_find_actors(sentence))


@lru_cache(maxsize=4096)
def _find_actors(sentence: str) -> tuple[tuple[int, int, Actor], ...]:
    if not has_stem(sentence):
        return ()
    rx, labels = combined_pattern()
    return tuple(
        (m.start(), m.end(), labels[m.lastgroup])
        for m in rx.finditer(sentence)
        if m.end() > m.start() and m.lastgroup is not None
    )


@lru_cache(maxsize=1)
def combined_pattern() -> tuple[re.Pattern[str], dict[str, Actor]]:
    """One alternation of every pattern, longest patterns first at a position (one regex pass).

    Every pattern starts with ``\\b`` and a word character, so the alternation is put behind one
    shared ``\\b(?=\\w)``: positions that are not the start of a word fail once instead of once
    per pattern (tests/unit/test_actors.py checks the invariant). Returns the pattern and the actor of
    each named group.
    """
    parts = []
    labels = {}
    for i, (label, rx) in enumerate(ACTOR_PATTERNS):
        name = f"p{i}"
        labels[name] = label
        body = rx if label != Actor.IS else f"(?-i:{rx})"
        parts.append(f"(?P<{name}>{body})")
    return re.compile(r"\b(?=\w)(?:" + "|".join(parts) + ")", re.IGNORECASE), labels


def normalise_actor(text: str) -> Actor | None:
    """Return the normalised actor label of an expression, or ``None``.

    Parameters
    ----------
    text : str
        An expression such as ``"les forces du régime"`` or ``"l'aviation russe"``.

    Returns
    -------
    Actor or None
        The actor of the first (leftmost) actor expression in ``text``.
    """
    actors = find_actors(text)
    return actors[0][2] if actors else None
