"""dev3 (``../shared/eval/dev3``): 75 realistic dispatches, 2012-2025, with hand gold.

A development set (rules were tuned on it, never with its sentences): the floors sit just below
the figures measured at the end of issue 11 (README "Accuracy") so a regression fails. Skips
cleanly without ``../shared``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV3 = SHARED / "eval" / "dev3"
GOLD = DEV3 / "dev3_gold.json"

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    if not GOLD.is_file():
        pytest.skip("../shared/eval/dev3 is absent")
    from geo.evaluate import evaluate
    from geo.extract.document import extract

    errors: list[Any] = []
    docs = list(extract(sorted(DEV3.glob("*.txt")), errors=errors))
    assert errors == []
    return evaluate(docs, GOLD)


def test_all_dev3_documents_scored(result: dict[str, Any]) -> None:
    assert result["documents"] == 75


# measured (2026-12, end of issue 11): strike 0.84/0.67 (0.87/0.77 after the strikes work of wave 2, 0.94/0.82
# after w3-strikes: bare "tirs", tolls after ground fighting, restated tolls, weapon families, unknown and foreign
# targets; 0.937/0.903 after w3-strikes2: coordinated provinces, province totals, per-day tolls, targets'
# counts, strikes named with fighting, injured-only sentences), clash 0.82/0.34,
# control change 0.79/0.63 (0.82/0.73 after the control-pass work of wave 2, 0.82/0.76 with elliptic and dated
# lists and a place changing hands twice in one sentence; 0.86/0.89 after w3-control: unknown village names,
# the side taken from between verb and place, parts and counted places, "où", sieges broken), displacement 0.85/0.64,
# violence against civilians 0.50/0.40
@pytest.mark.parametrize(
    ("kind", "precision", "recall"),
    [("strike", 0.93, 0.90), ("clash", 0.78, 0.31), ("control_change", 0.84, 0.86), ("displacement", 0.81, 0.60),
     ("violence_against_civilians", 0.45, 0.35)],
)
def test_dev3_event_floors(result: dict[str, Any], kind: str, precision: float, recall: float) -> None:
    e = result["events"][kind]
    assert e["precision"] >= precision and e["recall"] >= recall, e


def test_dev3_casualties_and_control_floors(result: dict[str, Any]) -> None:
    # measured: killed exact 0.92 (wave 2); gaining side 0.87, previous controller 0.84, status 0.86 (wave 2),
    # status 0.91 once official media relaying a capture is a report, not a claim (w2-control2); w3-control:
    # gaining side 0.88, previous controller 0.84, status 0.90 on 157 matched changes (22 more); killed exact 0.93
    # (188/203) after w3-strikes, 0.937 (209/223) after w3-strikes2
    assert result["casualties"]["accuracy"] >= 0.93
    c = result["control"]
    assert c["new_controller_right"] >= 0.86 and c["previous_controller_right"] >= 0.83 and c["status_right"] >= 0.89, c


def test_dev3_mention_floors(result: dict[str, Any]) -> None:
    # measured: F1 0.84 (detection F1 0.92), resolved right 0.92 (the mentions side is issue 11's other half)
    m = result["mentions"]
    assert m["f1"] >= 0.82 and m["detection_f1"] >= 0.90 and m["resolved_right"] >= 0.90, m
