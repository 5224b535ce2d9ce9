"""Issue 4's measure: on the seeds, every gold strike lands in its gold place's governorate by the polygon join."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "seeds_gold.json").is_file(), reason="../shared is absent")


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def test_every_gold_strike_lands_in_its_gold_governorate() -> None:
    from gazetteer.governorates import pcode_for
    from geo.extract.document import extract
    from geo.spatial.admin import join_admin
    from geo.spatial.frames import to_geodataframe

    gold = json.loads((SHARED / "eval" / "seeds_gold.json").read_text(encoding="utf-8"))
    docs = list(extract(sorted((SHARED / "seeds").glob("*.txt"))))
    assert [d.id for d in docs] == [g["id"] for g in gold]
    events = join_admin(to_geodataframe(docs, layer="events"))
    strikes = events[events["kind"] == "strike"]

    checked = []
    for g_doc in gold:
        adm1_of = {t["name"]: t["adm1"] for t in g_doc["toponyms"] if t.get("adm1")}
        mine = strikes[strikes["doc_id"] == g_doc["id"]]
        for g in (e for e in g_doc["events"] if e["kind"] == "strike"):
            expected = pcode_for(adm1_of[g["place"]])
            assert expected, g["place"]
            span = (g["evidence_start"], g["evidence_end"])
            hits = mine[[_overlap(span, (s, e)) for s, e in zip(mine["char_start"], mine["char_end"], strict=True)]]
            where = f"{g_doc['id']}: no extracted strike for gold strike at {g['place']!r}"
            assert len(hits), f"{where}: {g['evidence'][:60]!r}"
            got = set(hits["adm1_pcode"].dropna())
            assert expected in got, f"{g_doc['id']} {g['place']!r}: expected {expected}, polygon join gave {got}"
            checked.append(g["place"])
    assert len(checked) >= 20  # 22 gold strikes in the five seeds
