"""A re-run splices the cached results of unchanged chunks and writes what a first run writes."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")

from geo.pipeline import job as pipeline  # noqa: E402
from geo.pipeline import pieces  # noqa: E402

# Our own dispatch (not from any shared material): one strike in a resolvable town.
NEW_DISPATCH = """ date 2020-03-04
Des frappes aériennes ont visé mercredi la ville de Saraqeb, dans la province d'Idleb, tuant au moins
quatre civils, selon l'Observatoire syrien des droits de l'homme (OSDH). Les raids ont touché un marché
en fin de matinée.
"""
_NEW_NAME = "008a_nouvelle_depeche.txt"  # between the sample's 8th and 9th dispatches
_FILES = ("events.csv", "events_acled.csv", "events.geojson", "rejects.csv")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    src, _ = pipeline.sample_inputs()
    dst = tmp_path / "corpus"
    shutil.copytree(src, dst)
    return dst


@pytest.fixture()
def made(monkeypatch: pytest.MonkeyPatch) -> list[pieces.Piece]:
    """Every piece made (not read from the cache) from now on."""
    out: list[pieces.Piece] = []
    real = pieces.make_piece

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        out.append(real(*args, **kwargs))
        return out[-1]

    monkeypatch.setattr(pieces, "make_piece", spy)
    return out


def _run(corpus: Path, out: Path, **options: object) -> pipeline.RunSummary:
    return pipeline.run([corpus], out, offline=True, geojson=True, chunk_size=4, **options)  # type: ignore[arg-type]


def _counts(summary: pipeline.RunSummary) -> tuple[object, ...]:
    return (summary.documents, dict(summary.events_by_kind), summary.mentions, summary.mentions_resolved,
            summary.mentions_foreign, list(summary.unresolved.items()), summary.date_min, summary.date_max)


def _gpkg_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(path)
    try:
        names = [n for (n,) in con.execute("SELECT table_name FROM gpkg_contents WHERE table_name != 'layer_styles'")]
        rows = {n: con.execute(f'SELECT * FROM "{n}" ORDER BY fid').fetchall() for n in names}
        rows["schema"] = con.execute("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'rtree%' "
                                     "ORDER BY name").fetchall()  # fmt: skip
        return rows
    finally:
        con.close()


def _same_outputs(a: Path, b: Path) -> None:
    for name in _FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    page = [re.sub(r"_[0-9a-f]{32}", "_ID", (d / "map.html").read_text(encoding="utf-8")) for d in (a, b)]
    assert page[0] == page[1]  # folium's element ids aside
    assert _gpkg_rows(a / "events.gpkg") == _gpkg_rows(b / "events.gpkg")


def test_rerun_with_a_new_dispatch_writes_what_a_first_run_writes(corpus: Path, tmp_path: Path,
                                                                   made: list[pieces.Piece]) -> None:
    _run(corpus, tmp_path / "again")
    first = len(made)
    assert first >= 4
    (corpus / _NEW_NAME).write_text(NEW_DISPATCH, encoding="utf-8")
    made.clear()
    _run(corpus, tmp_path / "again")
    # The chunk of the new dispatch and maybe the next ones (how many depends on the documents' keys, which
    # hold the files' paths under tmp_path); the two chunks before it (at most 4 documents each, the new
    # dispatch comes 9th) are always taken from the cache.
    assert 1 <= len(made) < first
    made.clear()
    fresh = _run(corpus, tmp_path / "fresh", cache=False)
    _same_outputs(tmp_path / "fresh", tmp_path / "again")
    made.clear()
    again = _run(corpus, tmp_path / "again")
    assert not made  # nothing new: every chunk from the cache
    _same_outputs(tmp_path / "fresh", tmp_path / "again")
    assert again.cached == fresh.extracted and _counts(again) == _counts(fresh)


def test_pieces_are_not_reused_when_code_or_outputs_change(corpus: Path, tmp_path: Path,
                                                           made: list[pieces.Piece],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "o"
    _run(corpus, out)
    n = len(made)
    made.clear()
    pipeline.run([corpus], out, offline=True, geojson=False, chunk_size=4)
    assert len(made) == n  # without the GeoJSON: other pieces
    made.clear()
    monkeypatch.setattr(pieces, "_code", lambda: "other code")
    _run(corpus, out)
    assert len(made) == n
    made.clear()
    _run(corpus, out)
    assert not made
    con = sqlite3.connect(out / ".conflictmap-cache.sqlite")
    assert con.execute("SELECT count(*) FROM pieces").fetchone()[0] == n  # the latest run's pieces only
    con.close()


def test_a_piece_reads_back_as_it_was_made(corpus: Path, tmp_path: Path, made: list[pieces.Piece]) -> None:
    _run(corpus, tmp_path / "o")
    for piece in made:
        blob = pieces.dumps(piece)
        assert blob is not None
        back = pieces.loads(blob)
        for name in ("docs", "csv", "csv_head", "acled", "acled_head", "geojson", "map", "changes", "states",
                     "observations", "places", "n_events", "n_mentions"):
            assert getattr(back, name) == getattr(piece, name), name
        for level, frame in piece.stats.items():
            pd.testing.assert_frame_equal(back.stats[level], frame)
        assert [name for name, _ in back.layers] == [name for name, _ in piece.layers]
        for (_, tables), (_, kept) in zip(piece.layers, back.layers, strict=True):
            for table, again in zip(tables, kept, strict=True):
                assert (again.name, again.spatial, again.geom_type, again.rows, list(again.arrays)) == (
                    table.name, table.spatial, table.geom_type, table.rows, list(table.arrays))
                assert again.wkb is None if table.wkb is None else again.wkb.tolist() == table.wkb.tolist()
                for col, (values, mask) in table.arrays.items():
                    got, got_mask = again.arrays[col]
                    assert got.dtype == values.dtype and np.array_equal(got, values, equal_nan=values.dtype.kind == "f")
                    assert (got_mask is None) == (mask is None) and (mask is None or np.array_equal(got_mask, mask))
