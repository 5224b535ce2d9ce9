"""Chunk ends that depend on the documents' keys, and the plain-bytes form of a chunk's results."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")

from geo.pipeline.piececodec import Parts, Reader  # noqa: E402
from geo.pipeline.spool import Spool  # noqa: E402


def _key(i: int) -> str:
    return hashlib.sha256(f"doc {i}".encode()).hexdigest()


def _chunks(path: Path, keys: list[str], size: int) -> list[tuple[str, ...]]:
    with Spool(path, "f") as spool:
        for key in keys:
            spool.add(key, "{}")
        return [tuple(k for _, k in chunk) for chunk in spool.key_chunks(size)]


@pytest.mark.parametrize("at", [0, 137, 250, 399])
def test_a_new_document_changes_one_or_two_chunks(tmp_path: Path, at: int) -> None:
    keys = [_key(i) for i in range(400)]
    before = _chunks(tmp_path / "a.sqlite", keys, 40)
    after = _chunks(tmp_path / "b.sqlite", [*keys[:at], _key(-1), *keys[at:]], 40)
    assert [k for chunk in after for k in chunk] == [*keys[:at], _key(-1), *keys[at:]]
    assert all(len(chunk) <= 40 for chunk in after) and all(len(chunk) >= 20 for chunk in after[:-1])
    assert len(set(after) - set(before)) <= 3  # fixed runs of 40 would change every chunk after ``at``


def test_chunks_of_one_document(tmp_path: Path) -> None:
    keys = [_key(i) for i in range(5)]
    assert _chunks(tmp_path / "a.sqlite", keys, 1) == [(k,) for k in keys]
    assert _chunks(tmp_path / "b.sqlite", [], 10) == []


def _round_trip(write, read, value):  # type: ignore[no-untyped-def]
    parts = Parts()
    spec = write(parts, value)
    parts.add(b"{}")  # the header part a piece ends with
    return read(Reader(parts.blobs), spec)


@pytest.mark.parametrize("values", [
    np.array([1, -2, 2**40], dtype=np.int64), np.array([1, 2], dtype=np.int32), np.array([0.5, np.nan]),
    np.array([True, False]), np.array(["2020-01-02", "NaT"], dtype="datetime64[D]"),
    np.array(["2020-01-02T10:30", "NaT"], dtype="datetime64[ms]"), np.array(["a", None, "é\U0001f600"], dtype=object),
    np.array([b"\x01\x02", b""], dtype=object), np.array([], dtype=object),
])  # fmt: skip
def test_arrays_come_back_equal(values) -> None:  # type: ignore[no-untyped-def]
    back = _round_trip(Parts.array, Reader.array, values)
    assert back.dtype == values.dtype and back.tolist() == values.tolist() or (
        values.dtype.kind == "f" and np.array_equal(back, values, equal_nan=True))


def test_objects_that_are_not_strings_are_refused() -> None:
    with pytest.raises(TypeError):
        Parts().array(np.array([1, "a"], dtype=object))


def test_unit_statistics_come_back_equal() -> None:
    frame = pd.DataFrame({"events": np.array([3, 1], dtype="int64"), "killed": [2.0, np.nan],
                          "toll": pd.array([4, None], dtype="Int64"), "seen": pd.array([None, True], dtype="boolean"),
                          "killed_min_flag": [True, False],
                          "first_date": pd.to_datetime(["2020-01-02", None]).astype("datetime64[ns]")},
                         index=pd.Index(["SY01", "SY02"], dtype=object, name="code"))  # fmt: skip
    pd.testing.assert_frame_equal(_round_trip(Parts.frame, Reader.frame, frame), frame)
    empty = frame.iloc[:0]
    pd.testing.assert_frame_equal(_round_trip(Parts.frame, Reader.frame, empty), empty)


def test_kept_counts_count_as_the_rows() -> None:
    import json

    from geo.pipeline.report import RunSummary

    mentions = [(False, "Aleppo", "city", "Alep"), (False, None, None, "Xyz"), (True, None, None, "Moscou"),
                (False, None, "river", "Oronte"), (False, None, None, "Xyz"), (False, None, None, "Abc")]
    docs = [(mentions, [("strike", "2019-05-14"), ("clash", None), ("strike", "2018-01-02")]),
            ([], [("clash", "2020-02-01")]), (mentions[:2], [])]
    rows, kept = RunSummary(), RunSummary()
    for doc in docs:
        rows.add_counts(*doc)
        kept.add_doc_counts(json.loads(json.dumps(RunSummary.doc_counts(*doc))))
    for name in ("documents", "events_by_kind", "mentions", "mentions_resolved", "mentions_foreign", "unresolved",
                 "date_min", "date_max"):
        assert getattr(kept, name) == getattr(rows, name), name
    assert list(kept.unresolved) == list(rows.unresolved)
