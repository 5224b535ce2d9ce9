"""geo.evaluate on a small gold set of our own (seeds schema + dev3 extras)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.evaluate import evaluate, gold_labels, gold_status, main

TEXT = (
    " date 2020-03-05\n"
    "Les forces du régime ont repris mardi la localité de Kafr Nabl aux rebelles. "
    "Des raids aériens ont tué quatre civils à Saraqeb, au bord du fleuve Kouweiq.\n"
)


def _gold() -> list[dict]:
    def top(surface: str, **kw: object) -> dict:
        s = TEXT.index(surface)
        return {"surface": surface, "start": s, "end": s + len(surface), "metonymic": False, **kw}

    def ev(kind: str, evidence: str, **kw: object) -> dict:
        s = TEXT.index(evidence)
        base = {"kind": kind, "when": None, "killed": None, "target_or_new_controller": None, "previous_controller": None,
                "disputed": False, "notes": "", "evidence": evidence, "evidence_start": s, "evidence_end": s + len(evidence)}
        return {**base, **kw}

    return [{
        "id": "doc1",
        "toponyms": [
            top("Kafr Nabl", type="town", name="Kafr Nabl", lat=35.6138, lon=36.5645, adm1="Idlib", source="test"),
            top("Saraqeb", type="city", name="Saraqib", lat=35.8623, lon=36.8006, adm1="Idlib", source="test"),
            top("Kouweiq", type="other", name="Queiq", lat=None, lon=None, adm1=None, source="n/a (river)"),
        ],
        "events": [
            ev("control_change", "Les forces du régime ont repris mardi la localité de Kafr Nabl aux rebelles",
               place="Kafr Nabl", target_or_new_controller="regime (Tiger Forces)", previous_controller="rebels"),
            ev("strike", "Des raids aériens ont tué quatre civils à Saraqeb", place="Saraqib", killed=4),
            ev("violence_against_civilians", "au bord du fleuve", place="Saraqib"),
        ],
    }]


def test_gold_labels() -> None:
    assert gold_labels("HTS/jihadists + rebels (HTS-led)") == {"HTS/jihadists", "rebels"}
    assert gold_labels("regime and Iran/Hezbollah") == {"regime", "Iran/Hezbollah"}
    assert gold_labels("pro-government forces") == {"regime"}
    assert "Turkey" in gold_labels("Turkey-backed factions")
    assert gold_labels(None) == set()
    assert gold_status({"disputed": True, "notes": ""}) == (True, False)
    assert gold_status({"disputed": False, "notes": "temporary counter-offensive"}) == (False, True)


@pytest.fixture()
def gold_dir(tmp_path: Path) -> Path:
    (tmp_path / "doc1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "gold.json").write_text(json.dumps(_gold()), encoding="utf-8")
    return tmp_path


def test_cli_json_scores_every_kind(gold_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--gold", str(gold_dir / "gold.json"), "--texts", str(gold_dir), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["documents"] == 1
    assert set(result["events"]) >= {"strike", "control_change", "clash", "displacement", "violence_against_civilians"}
    assert result["events"]["violence_against_civilians"]["gold"] == 1
    s = result["events"]["strike"]
    assert (s["gold"], s["matched"]) == (1, 1)
    assert result["casualties"]["accuracy"] == 1.0
    c = result["control"]
    assert c["matched"] == 1 and c["new_controller_right"] == 1.0 and c["previous_controller_right"] == 1.0
    m = result["mentions"]
    # the river has no point: detected is enough, it is no resolution error
    assert m["gold"] == 3 and m["resolved_right"] == 1.0 and m["detection_f1"] is not None


def test_table_output_and_bad_gold(gold_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--gold", str(gold_dir / "gold.json"), "--texts", str(gold_dir)])
    out = capsys.readouterr().out
    assert "violence_against_civilians" in out and "gaining side right" in out
    (gold_dir / "bad.json").write_text("{", encoding="utf-8")
    from gazetteer.errors import ConflictmapError

    with pytest.raises(ConflictmapError, match="bad.json"):
        evaluate([], gold_dir / "bad.json")
