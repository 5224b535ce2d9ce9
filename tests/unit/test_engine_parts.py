"""Speed parts of the run: the snapshot geometry memo, the Dask engine's partitions and partial-file merge."""

from __future__ import annotations

import sqlite3

from geo.pipeline.spool import Spool
from geo.spatial.voronoi import Memo, dissolve, influence_cells, shared_boundaries

# Sites in metres (a metric CRS), three sides; the second date adds one site far from the others.
SITES = [(0.0, 0.0), (9000.0, 1000.0), (4000.0, 8000.0), (12000.0, 9000.0), (20000.0, 2000.0)]
LABELS = ["a", "b", "a", "c", "b"]
LATER = [*SITES, (40000.0, 40000.0)]
LATER_LABELS = [*LABELS, "c"]


def _snapshot(xy, labels, memo):
    cells = influence_cells(xy, reach=15000.0, memo=memo)
    areas = dissolve(cells, labels, memo)
    return cells, areas, shared_boundaries(areas, memo=memo)


def test_memo_gives_the_same_geometry_as_computing_again():
    memo = Memo()
    first = _snapshot(SITES, LABELS, memo)
    memo.next_date()
    second = _snapshot(LATER, LATER_LABELS, memo)
    assert second[2] and len(second[1]) == 3  # lines between the three sides
    for got, want in ((first, _snapshot(SITES, LABELS, None)), (second, _snapshot(LATER, LATER_LABELS, None))):
        assert [c.wkb for c in got[0]] == [c.wkb for c in want[0]]
        assert {k: v.wkb for k, v in got[1].items()} == {k: v.wkb for k, v in want[1].items()}
        assert [(a, b, line.wkb) for a, b, line in got[2]] == [(a, b, line.wkb) for a, b, line in want[2]]


def test_memo_keeps_only_two_dates():
    memo = Memo()
    calls: list[str] = []
    memo.get("x", lambda: calls.append("x") or 1)
    memo.next_date()
    memo.get("x", lambda: calls.append("x") or 1)  # from the previous date: not computed
    memo.next_date()
    memo.next_date()  # a date that did not use "x"
    memo.get("x", lambda: calls.append("x") or 1)
    assert calls == ["x", "x"]


def _partial(path, rows):
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE docs (seq INTEGER PRIMARY KEY, key TEXT NOT NULL, payload TEXT)")
    con.executemany("INSERT INTO docs (key, payload) VALUES (?, ?)", rows)
    con.commit()
    con.close()
    return path


def test_partial_files_are_added_in_their_order(tmp_path):
    with Spool(tmp_path / "spool.sqlite", "f1") as spool:
        spool.add("k0", '{"cached": 1}')
        spool.flush()
        assert spool.add_partial(_partial(tmp_path / "p1.sqlite", [("k2", '{"b": 2}'), ("k0", None)])) == 2
        spool.add("k1", '{"a": 1}')  # the spool goes on as before
        assert spool.add_partial(_partial(tmp_path / "p2.sqlite", [("k3", '{"c": 3}')])) == 1
        assert spool.count == 5
        order = [r[0] for r in spool._con.execute("SELECT key FROM run ORDER BY seq")]
        assert order == ["k0", "k2", "k0", "k1", "k3"]
        assert spool.get("k0") == '{"cached": 1}' and spool.get("k3") == '{"c": 3}'


def test_partitions_are_contiguous_and_bounded(tmp_path):
    from geo.pipeline.dask_engine import partition_files  # no Dask import at this level

    for i in range(23):
        (tmp_path / f"d{i:02d}.txt").write_text("x", encoding="utf-8")
    groups = partition_files(tmp_path, 2, per_partition=5)
    assert [len(g) for g in groups] == [5, 5, 5, 4, 4]
    assert [i for g in groups for i, _ in g] == list(range(23))
    assert len(partition_files(tmp_path, 8)) == 8


def test_chunks_ask_for_more_until_there_is_none(tmp_path):
    """An engine still extracting (the Dask one) feeds the spool while the joins read it: full chunks, all documents."""
    parts = [[("k1", '{"n": 1}'), ("k2", '{"n": 2}')], [], [("k3", '{"n": 3}')]]
    with Spool(tmp_path / "spool.sqlite", "f1") as spool:
        spool.add("k0", '{"n": 0}')

        def more():
            if not parts:
                return False
            for key, payload in parts.pop(0):
                spool.add(key, payload)
            return True

        spool.more = more
        chunks = list(spool.key_chunks(2))  # chunks of at most 2, their ends set by the keys
        assert all(1 <= len(chunk) <= 2 for chunk in chunks)
        payloads = [p for chunk in chunks for p in spool.payloads(chunk[0][0], chunk[-1][0])]
        assert payloads == [{"n": 0}, {"n": 1}, {"n": 2}, {"n": 3}]  # every document, parsed, in run order
        assert spool.more is None and not parts


def test_snapshot_layers_same_as_one_date_after_the_other():
    """The front lines drawn on a second thread, the next date's areas meanwhile: the same rows, dates in order."""
    import datetime as dt

    from geo.spatial.control.areas import Areas, line_rows
    from geo.spatial.control.snapshots import snapshot_layers

    dates = [(SITES, LABELS), (LATER, LATER_LABELS), (SITES[:3], LABELS[:3]), (LATER, LATER_LABELS)]
    days = [dt.date(2019, 8, 1) + dt.timedelta(days=7 * i) for i in range(len(dates))]

    def areas_at(memo):
        def at(day):
            xy, labels = dates[days.index(day)]
            cells = influence_cells(xy, reach=15000.0, memo=memo)
            geoms = dissolve(cells, labels, memo)
            return Areas(day, geoms, dict.fromkeys(geoms, 1))
        return at

    memo, seen = Memo(), []
    got = snapshot_layers(days, areas_at(memo), simplify_m=0, memo=memo, on_date=lambda d, n: seen.append((d, n)))
    assert seen == [(d, len(days)) for d in days]
    want = [(d, r["side_a"], r["side_b"], r["length_km"]) for d in days for r in line_rows(areas_at(None)(d).geoms, d)]
    lines = got["front_lines"]
    assert len(lines) == len(want) > 0
    alone = snapshot_layers(days, areas_at(None), simplify_m=0)  # no memo, no previous date: computed again
    for name in ("control_areas", "front_lines"):
        a, b = got[name], alone[name]
        assert a.drop(columns="geometry").equals(b.drop(columns="geometry"))
        assert list(a.geometry.to_wkb()) == list(b.geometry.to_wkb())
    assert list(lines["date_from"].dt.date) == [w[0] for w in want]
    assert list(zip(lines["side_a"], lines["side_b"], lines["length_km"], strict=True)) == [w[1:] for w in want]


def test_cells_cut_at_once_as_one_by_one():
    """The new cells of a date cut by their discs and the outline in one GEOS call each: the same cells."""
    import shapely
    from shapely.geometry import MultiPoint, Point, Polygon, box

    from geo.spatial.voronoi import QUAD_SEGS, _polygonal

    clip = Polygon([(-5000.0, -5000.0), (30000.0, -3000.0), (26000.0, 16000.0), (-2000.0, 12000.0)])
    xy, reach = LATER, 15000.0
    xs, ys = [x for x, _ in xy], [y for _, y in xy]
    frame = box(min(xs) - 2 * reach, min(ys) - 2 * reach, max(xs) + 2 * reach, max(ys) + 2 * reach)
    voronoi = shapely.voronoi_polygons(MultiPoint([Point(p) for p in xy]), extend_to=frame, ordered=True)
    want = [_polygonal(cell.intersection(Point(x, y).buffer(reach, quad_segs=QUAD_SEGS)).intersection(clip))
            for cell, (x, y) in zip(voronoi.geoms, xy, strict=True)]  # fmt: skip
    memo = Memo()
    first = influence_cells(SITES, reach=reach, clip=clip, memo=memo)  # some cells and discs kept for the next date
    memo.next_date()
    got = influence_cells(xy, reach=reach, clip=clip, memo=memo)
    assert [c.wkb for c in got] == [c.wkb for c in want]
    assert got[-1].is_empty and not first[0].is_empty  # the far site lies outside the outline
