"""One place candidate: a span of the text that may name a place, and how it was found."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geo.extract.mentions.starts import Starts

#: Kinds of named natural features (rivers) that are recognised but have no point: their mentions keep
#: ``name=None`` (no event is ever placed on a river) and are not reported as unresolved.
FEATURE_KINDS = frozenset({"river"})

_DATE_PREFIX = re.compile(r"\A\s*date\s+\d{4}-\d{2}(?:-\d{2})?\s*")


@dataclass(slots=True)
class _Cand:
    """A candidate span ``text[start:end] == surface``.

    ``via`` says how it was found: ``"index"`` (a gazetteer spelling), ``"whole"`` (the whole
    name around one), ``"cue"`` (a capitalised name after a place cue), ``"feature"`` (a river),
    ``"spacy"``. ``kind_hint`` is the generic word before it (``"governorate"``, ``"city"``,
    ``"small"`` or None), ``near`` a "près de"-like cue, ``query`` what to resolve when it is not
    the surface ("aéroport militaire de Tabqa").
    """

    start: int
    end: int
    surface: str
    via: str
    kind_hint: str | None = None
    near: bool = False
    query: str | None = None


@dataclass(frozen=True, slots=True)
class _Scan:
    """A text being scanned: the text, its fold, where it begins, the spans no place may overlap
    (organisation names and first names, in text order), and where names can begin."""

    text: str
    folded: str
    lo: int
    orgs: list[tuple[int, int]] = field(default_factory=list)
    persons: list[tuple[int, int]] = field(default_factory=list)
    starts: Starts | None = None


def _text_start(text: str) -> int:
    """Where the text begins after a leading `` date YYYY-MM`` prefix (0 without one)."""
    m = _DATE_PREFIX.match(text)
    return m.end() if m else 0
