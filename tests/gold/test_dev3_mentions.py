"""dev3 (``../shared/eval/dev3``, 75 realistic dispatches): place-mention floors.

Scored with :func:`geo.evaluate.evaluate` (span overlap; correct when resolved within 5 km of the gold
point, or to the right governorate for a governorate; gold mentions without a point, "not found" or
"n/a", count once detected). The floors sit just below the figures measured when the mention rules of
issue 11 were written (README "Accuracy", dev3 column): precision 0.955, recall 0.946, F1 0.950,
resolved right of detected 0.956, foreign places recognised 0.988 with none mapped inside Syria
(wave 2, place-only prefixes, place appositions and locative "de": precision 0.955, recall 0.953, F1 0.954,
resolved right 0.956).
dev3 is a development set: these floors guard against regressions, they do not promise these figures
on unseen text. Skips without ``../shared``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="module")
def result(shared_dir: Path) -> dict[str, Any]:
    from geo.evaluate import evaluate
    from geo.extract.document import extract

    dev3 = shared_dir / "eval" / "dev3"
    if not (dev3 / "dev3_gold.json").is_file():
        pytest.skip(f"dev3 not found at {dev3}")
    errors: list[Any] = []
    docs = list(extract(sorted(dev3.glob("*.txt")), errors=errors))
    assert errors == []
    return evaluate(docs, dev3 / "dev3_gold.json")


def test_all_dev3_documents_scored(result: dict[str, Any]) -> None:
    assert result["documents"] == 75


def test_dev3_mention_floors(result: dict[str, Any]) -> None:
    m = result["mentions"]
    assert m["precision"] >= 0.945
    assert m["recall"] >= 0.945
    assert m["f1"] >= 0.945
    assert m["resolved_right"] >= 0.945
    assert m["span_recall"] >= 0.99


def test_dev3_foreign_places(result: dict[str, Any]) -> None:
    assert result["foreign"]["recall"] >= 0.98
    assert result["foreign"]["mapped_inside_syria"] == 0
