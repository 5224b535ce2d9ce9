"""All place candidates of a text: gazetteer spellings, rivers, then names after place cues."""

from __future__ import annotations

import re

from gazetteer.normalize import fold
from geo.extract.mentions.candidate import _Cand, _Scan, _text_start
from geo.extract.mentions.cue_names import cue_candidates
from geo.extract.mentions.filters import org_spans, person_spans
from geo.extract.mentions.matcher import index_candidates
from geo.extract.mentions.starts import Starts
from geo.extract.protocols import ExtractionGazetteer
from geo.lang.fr.places import RIVER_NAMES

#: Rivers ("l'Euphrate", "le fleuve Barada"): recognised with ``kind="river"`` and no point.
_RIVER = re.compile(rf"(?:\b(?:l['’]|le\s+|du\s+|au\s+|fleuve\s+|rivi[èe]re\s+)\s*)({'|'.join(RIVER_NAMES)})\b")


def _candidates(text: str, gazetteer: ExtractionGazetteer, folded: str | None = None) -> list[_Cand]:
    """Every candidate of ``text`` in text order (see :mod:`geo.extract.mentions`); ``folded`` is ``fold(text)``
    when known."""
    starts = Starts(text)
    scan = _Scan(
        text, fold(text) if folded is None else folded, _text_start(text),
        orgs=org_spans(text, starts), persons=person_spans(text, starts), starts=starts,
    )
    cands = index_candidates(scan, gazetteer)
    _add_rivers(text, scan.lo, cands)
    cue_candidates(scan, cands)
    return sorted(cands.values(), key=lambda c: c.start)


def _add_rivers(text: str, lo: int, cands: dict[tuple[int, int], _Cand]) -> None:
    """Add the rivers; a dictionary match on a river's name becomes the river."""
    for m in _RIVER.finditer(text, lo):
        start, end = m.span(1)
        if re.search(r"[A-ZÉ][\w’']+\s+(?:de|du)\s*(?:l['’])?\s*$", text[max(0, start - 25) : start]):
            continue  # "Bouclier de l'Euphrate", "Colère de l'Euphrate": an operation or a force
        if not any(s_ < end and start < e_ for s_, e_ in cands):
            cands[(start, end)] = _Cand(start, end, m.group(1), "feature")
        elif (start, end) in cands:
            cands[(start, end)].via = "feature"  # "Barada" after "le fleuve": the river, not Wadi Barada
