"""Guard the figures reached on the seed gold annotations (a development set).

Floors sit just below the measured figures (see README): a regression fails the test.
Skips cleanly when ``../shared`` is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GOLD = SHARED / "eval" / "seeds_gold.json"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="module")
def result() -> dict:
    if not GOLD.is_file() or not SEEDS.is_dir():
        pytest.skip("shared gold annotations not available")
    from geo.evaluate import evaluate
    from geo.extract.document import extract

    errors: list = []
    docs = list(extract(SEEDS, errors=errors))
    assert errors == []
    return evaluate(docs, GOLD)


def test_all_seeds_scored(result: dict) -> None:
    assert result["documents"] == 5


def test_mentions(result: dict) -> None:
    assert result["mentions"]["precision"] >= 0.95
    assert result["mentions"]["recall"] >= 0.95
    assert result["mentions"]["metonymy_agreement"] >= 0.93
    assert result["foreign"]["mapped_inside_syria"] == 0
    assert result["foreign"]["recall"] >= 0.9


def test_strikes(result: dict) -> None:
    s = result["events"]["strike"]
    assert s["recall"] >= 0.95 and s["precision"] >= 0.9
    assert s["place_accuracy"] >= 0.85


def test_control_changes(result: dict) -> None:
    c = result["events"]["control_change"]
    assert c["recall"] >= 0.85 and c["precision"] >= 0.9


def test_casualties(result: dict) -> None:
    assert result["casualties"]["accuracy"] >= 0.95
