"""Every Syrian toponym of the seed gold annotations resolves, context-free, close to its gold point.

Tolerances: 5 km (10 km for ``type: city``); governorates must get the right P-code; foreign
places must resolve as foreign. Skipped when ``../shared`` is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gazetteer import Gazetteer
from gazetteer._index import haversine_km

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GOLD = SHARED / "eval" / "seeds_gold.json"

# The gold's adm1 values are GeoNames-style English names; OCHA P-codes independently typed here.
GOLD_ADM1_TO_PCODE = {
    "Damascus": "SY01",
    "Aleppo": "SY02",
    "Rif Dimashq": "SY03",
    "Homs": "SY04",
    "Hama": "SY05",
    "Latakia": "SY06",
    "Idlib": "SY07",
    "Al-Hasakah": "SY08",
    "Deir ez-Zor": "SY09",
    "Tartus": "SY10",
    "Raqqa": "SY11",
    "Daraa": "SY12",
    "As-Suwayda": "SY13",
    "Quneitra": "SY14",
}


def _gold_toponyms() -> list[dict[str, Any]]:
    if not GOLD.is_file():
        return []
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for article in json.loads(GOLD.read_text(encoding="utf-8")):
        for topo in article["toponyms"]:
            seen.setdefault((topo["surface"], topo["name"]), topo)
    return list(seen.values())


TOPONYMS = _gold_toponyms()
SYRIAN = [t for t in TOPONYMS if t["type"] != "foreign"]
FOREIGN = [t for t in TOPONYMS if t["type"] == "foreign"]

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not GOLD.is_file(), reason=f"gold annotations not found at {GOLD}"),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer()


def test_gold_has_places() -> None:
    assert len(SYRIAN) >= 20
    assert len(FOREIGN) >= 10


@pytest.mark.parametrize("topo", SYRIAN, ids=[f"{t['surface']}->{t['name']}" for t in SYRIAN])
def test_syrian_toponym_resolves_near_gold(gaz: Gazetteer, topo: dict[str, Any]) -> None:
    res = gaz.resolve(topo["surface"])
    assert res.resolved, f"{topo['surface']!r} unresolved; candidates {[c.name for c in res.candidates]}"
    assert res.score >= gaz.threshold
    if topo["type"] == "governorate":
        assert res.adm1_pcode == GOLD_ADM1_TO_PCODE[topo["adm1"]]
        # asked as a governorate ("province d'..."), it is the governorate itself
        as_gov = gaz.resolve(topo["surface"], kind="governorate")
        assert as_gov.kind == "governorate"
        assert as_gov.adm1_pcode == GOLD_ADM1_TO_PCODE[topo["adm1"]]
        return
    assert res.lat is not None and res.lon is not None
    km = haversine_km(res.lat, res.lon, topo["lat"], topo["lon"])
    limit = 10.0 if topo["type"] == "city" else 5.0
    assert km <= limit, f"{topo['surface']!r} -> {res.name} at {km:.1f} km from gold {topo['name']}"
    if topo["adm1"]:
        assert res.adm1_pcode == GOLD_ADM1_TO_PCODE[topo["adm1"]]


@pytest.mark.parametrize("topo", FOREIGN, ids=[t["surface"] for t in FOREIGN])
def test_foreign_toponym_is_foreign(gaz: Gazetteer, topo: dict[str, Any]) -> None:
    res = gaz.resolve(topo["surface"])
    assert res.resolved
    assert res.foreign is True
    assert res.kind == "foreign"
    assert (res.lat, res.lon, res.adm1_pcode) == (None, None, None)
    # the English exonym is a data choice (Grande-Bretagne: "United Kingdom" or "Great Britain")
    assert res.name
