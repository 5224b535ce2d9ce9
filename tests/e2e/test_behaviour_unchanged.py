"""The committed behaviour check: ``conflictmap run`` still writes the recorded rows.

``tests/tools/behaviour_snapshot.py`` reduces the events, mentions, front observations, control and
control-change layers written for the seeds, dev2, the bundled sample and 600 generated dispatches
to row digests; ``tests/data/behaviour_snapshot.json`` holds them as recorded. A deliberate change of
behaviour re-records the file (``python tests/tools/behaviour_snapshot.py --write``) in the commit that
names the change.
"""

from __future__ import annotations

import json

import pytest

import behaviour_snapshot as bs

pytestmark = pytest.mark.slow


def test_outputs_match_the_recorded_snapshot() -> None:
    recorded = json.loads(bs.SNAPSHOT.read_text(encoding="utf-8"))
    now = bs.snapshot()
    assert set(now) <= set(recorded)
    assert bs.differences(recorded, now) == []


def test_the_check_sees_a_changed_row() -> None:
    recorded = json.loads(bs.SNAPSHOT.read_text(encoding="utf-8"))
    altered = json.loads(json.dumps(recorded))
    altered["sample"]["events"][0] = "0" * 16
    n = len(recorded["sample"]["events"])
    assert bs.differences(recorded, altered) == [f"sample/events: {n} -> {n} rows, 1 gone, 1 new"]
