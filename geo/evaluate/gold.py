"""Gold annotations: loading a gold file, the actor labels and the status a gold control change states."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from gazetteer.errors import InputError

__all__ = ["gold_labels", "gold_status", "load_gold"]


_LABEL_SPLIT = re.compile(r"\s+(?:\+|and|vs\.?|/(?!\w))\s+")


#: Free-text labels of the older gold sets (seeds, dev2, held-out) -> the actor labels.
_GOLD_ALIASES = (
    (re.compile(r"pro-?government|government\s+forces", re.IGNORECASE), "regime"),
    (re.compile(r"^(?:islamists?|jihadists?)$", re.IGNORECASE), "HTS/jihadists"),
    (re.compile(r"^turk(?:ish|ey)\b(?!-backed)", re.IGNORECASE), "Turkey"),
    (re.compile(r"^(?:SDF|YPG|Kurdish\s+forces)$", re.IGNORECASE), "SDF/Kurdish forces"),
    (re.compile(r"\brebels?$|\bproxies$|\bfactions$", re.IGNORECASE), "rebels"),
)
_LABELS = {"regime", "Russia", "coalition", "Turkey", "Turkey-backed factions", "rebels", "HTS/jihadists", "IS",
           "SDF/Kurdish forces", "Iran/Hezbollah", "Israel", "government", "other"}
#: The project's label set has one Turkish side: Turkey-backed Syrian factions are coded ``Turkey``.
_EQUIVALENT = {"Turkey-backed factions": {"Turkey"}}


def gold_labels(value: str | None) -> set[str]:
    """Actor labels a prediction may give for a gold label.

    ``"HTS/jihadists + rebels (allied)"`` -> {HTS/jihadists, rebels}; the free labels of the older
    sets ("pro-government forces", "Turkish forces and Syrian proxies") map to the actor labels;
    "Turkey-backed factions" also accepts ``Turkey`` (one Turkish side in the label set).
    """
    if not value:
        return set()
    out: set[str] = set()
    for raw in _LABEL_SPLIT.split(re.sub(r"\([^)]*\)", " ", value)):
        part = raw.strip()
        if not part:
            continue
        if part not in _LABELS:
            part = next((label for pattern, label in _GOLD_ALIASES if pattern.search(part)), part)
        out.add(part)
        out |= _EQUIVALENT.get(part, set())
    return out


_CLAIM_NOTE = re.compile(r"\bclaim", re.IGNORECASE)
_REVERSED_NOTE = re.compile(r"\btemporar|\brevers|\bbrief|\bpushed\s+(?:out|back)|\bdriven\s+(?:out|back)",
                            re.IGNORECASE)


def gold_status(gold_ev: dict[str, Any]) -> tuple[bool, bool]:
    """(claimed, reversed) of a gold control change, from ``disputed`` and its notes."""
    notes = gold_ev.get("notes") or ""
    return bool(gold_ev.get("disputed")) or bool(_CLAIM_NOTE.search(notes)), bool(_REVERSED_NOTE.search(notes))


def load_gold(gold_path: str | Path) -> list[dict[str, Any]]:
    """The articles of a gold file (a JSON list of objects with an ``id``); InputError otherwise."""
    path = Path(gold_path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        msg = f"cannot read gold annotations {str(path)!r}: {exc}"
        raise InputError(msg) from exc
    if not isinstance(gold, list) or not all(isinstance(g, dict) and "id" in g for g in gold):
        msg = (f"gold annotations {str(path)!r}: expected a JSON list of articles with an 'id', "
               f"got {type(gold).__name__}")
        raise InputError(msg)
    return gold
