"""A run's outputs are replaced as one set: staged, committed through a journal, under a lock."""

from __future__ import annotations

import csv
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from geo.pipeline.spool import CACHE_NAME
from geo.write.outputs import JOURNAL_NAME, MANIFEST_NAME, STAGING_PREFIX, OutputSet, OutputSetError, recover

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "geo" / "data" / "sample"


def _write(outputs: OutputSet, files: dict[str, str]) -> None:
    for name, text in files.items():
        outputs.path(name).write_text(text, encoding="utf-8")


def _visible(out: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in out.iterdir() if not p.name.startswith(".")}


def test_commit_replaces_the_whole_set_and_drops_files_the_new_set_lacks(tmp_path: Path) -> None:
    with OutputSet(tmp_path) as outputs:
        _write(outputs, {"map.html": "old", "events.csv": "old", "events.geojson": "old"})
        outputs.commit()
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")  # a user's file is never touched
    with OutputSet(tmp_path) as outputs:
        _write(outputs, {"map.html": "new", "events.csv": "new"})
        outputs.commit()
    assert _visible(tmp_path) == {"map.html": "new", "events.csv": "new", "notes.txt": "mine"}
    assert not list(tmp_path.glob(STAGING_PREFIX + "*"))


def test_a_failure_before_commit_leaves_the_previous_set(tmp_path: Path) -> None:
    with OutputSet(tmp_path) as outputs:
        _write(outputs, {"map.html": "old", "events.csv": "old"})
        outputs.commit()
    with pytest.raises(RuntimeError), OutputSet(tmp_path) as outputs:
        _write(outputs, {"events.csv": "new"})
        raise RuntimeError("the map could not be built")
    assert _visible(tmp_path) == {"map.html": "old", "events.csv": "old"}
    assert not list(tmp_path.glob(STAGING_PREFIX + "*"))


def test_an_interrupted_commit_is_finished_from_the_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with OutputSet(tmp_path) as outputs:
        _write(outputs, {"map.html": "old", "events.csv": "old", "events.geojson": "old"})
        outputs.commit()
    real_replace = os.replace
    calls = {"n": 0}

    def dying_replace(src: object, dst: object) -> None:
        calls["n"] += 1
        if str(dst).endswith("map.html"):  # events.csv has moved, map.html not: the set is mixed
            raise KeyboardInterrupt
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", dying_replace)
    outputs = OutputSet(tmp_path)
    outputs.open()
    _write(outputs, {"map.html": "new", "events.csv": "new"})
    with pytest.raises(KeyboardInterrupt):
        outputs.commit()
    outputs._unlock()  # the process "died": its lock goes with it, the staging folder stays
    monkeypatch.setattr(os, "replace", real_replace)
    assert (tmp_path / JOURNAL_NAME).exists()
    recover(tmp_path)
    assert _visible(tmp_path) == {"map.html": "new", "events.csv": "new"}
    assert not (tmp_path / JOURNAL_NAME).exists() and not list(tmp_path.glob(STAGING_PREFIX + "*"))


def test_two_runs_on_one_folder_are_serialised(tmp_path: Path) -> None:
    first = OutputSet(tmp_path)
    first.open()
    with pytest.raises(OutputSetError, match="another conflictmap run"):
        OutputSet(tmp_path, wait=False).open()
    order: list[str] = []

    def second() -> None:
        with OutputSet(tmp_path) as outputs:  # waits for the first
            order.append("second writes")
            _write(outputs, {"map.html": "second"})
            outputs.commit()

    thread = threading.Thread(target=second)
    thread.start()
    time.sleep(0.5)
    order.append("first writes")
    _write(first, {"map.html": "first"})
    first.commit()
    first.close()
    thread.join(timeout=30)
    assert order == ["first writes", "second writes"]
    assert _visible(tmp_path) == {"map.html": "second"}


@pytest.mark.parametrize("bad", ["file", "proc"])
def test_unusable_output_folder_is_reported_before_any_work(bad: str, tmp_path: Path) -> None:
    target = tmp_path / "taken" if bad == "file" else Path("/proc/conflictmap-test")
    if bad == "file":
        target.write_text("x", encoding="utf-8")
    with pytest.raises(OutputSetError, match="--out"):
        OutputSet(target).open()


def test_bad_journal_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / JOURNAL_NAME).write_text('{"staging": "../../etc", "files": ["x"]}', encoding="utf-8")
    with pytest.raises(OutputSetError, match="bad staging folder"):
        recover(tmp_path)


# ---------------------------------------------------------------------------- the kill test


def _set_identity(out: Path) -> str | None:
    """Which run's set is in ``out``: 'A' or 'B' when complete and consistent, None when empty."""
    names = {p.name for p in out.iterdir() if not p.name.startswith(".")}
    if not names:
        return None
    assert names == {"map.html", "events.csv", "events_acled.csv", "events.gpkg", "events.qgz", "rejects.csv"}, names
    page = (out / "map.html").read_text(encoding="utf-8")
    title = "A" if "kill-test-run-A" in page else "B" if "kill-test-run-B" in page else "?"
    with open(out / "events.csv", encoding="utf-8-sig", newline="") as fh:
        sources = {Path(r["source"]).name for r in csv.DictReader(fh)}
    import pyogrio

    gpkg_sources = {Path(s).name for s in pyogrio.read_dataframe(out / "events.gpkg", layer="events")["source"]}
    csv_set = "A" if sources <= _FILES["A"] else "B"
    gpkg_set = "A" if gpkg_sources <= _FILES["A"] else "B"
    assert title == csv_set == gpkg_set, (title, csv_set, gpkg_set)
    return title


_FILES = {"A": {p.name for p in sorted(SAMPLE.glob("*.txt"))[:6]}, "B": {p.name for p in SAMPLE.glob("*.txt")}}


def _args(which: str, out: Path, inputs: dict[str, Path]) -> list[str]:
    return [sys.executable, "-m", "geo", "-q", "run", str(inputs[which]), "--out", str(out), "--offline",
            "--title", f"kill-test-run-{which}"]


@pytest.mark.slow
def test_killed_runs_leave_a_complete_old_or_new_set(tmp_path: Path) -> None:
    """SIGKILL and SIGINT at random moments of ``conflictmap run``: the folder always holds one whole set."""
    inputs = {}
    for which, names in _FILES.items():
        folder = tmp_path / f"in-{which}"
        folder.mkdir()
        for name in names:
            (folder / name).write_bytes((SAMPLE / name).read_bytes())
        inputs[which] = folder
    out = tmp_path / "out"
    t0 = time.perf_counter()
    subprocess.run(_args("A", out, inputs), check=True, capture_output=True, timeout=600)
    full = time.perf_counter() - t0
    assert _set_identity(out) == "A"
    rng = random.Random(20261201)
    seen = {"A": 0, "B": 0}
    for attempt in range(14):
        which = "B" if attempt % 2 == 0 else "A"
        proc = subprocess.Popen(_args(which, out, inputs), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, full * 1.1))
        proc.send_signal(signal.SIGKILL if attempt % 3 else signal.SIGINT)
        proc.wait(timeout=120)
        if (out / JOURNAL_NAME).exists():  # killed inside the commit: the journal's set is the output
            recover(out)
        got = _set_identity(out)
        assert got in ("A", "B")
        seen[got] += 1
    # the next complete run leaves no temporary file of the killed ones
    subprocess.run(_args("B", out, inputs), check=True, capture_output=True, timeout=600)
    assert _set_identity(out) == "B"
    hidden = {p.name for p in out.iterdir() if p.name.startswith(".")}
    assert hidden <= {".conflictmap.lock", MANIFEST_NAME, CACHE_NAME}, hidden  # the extraction cache stays
