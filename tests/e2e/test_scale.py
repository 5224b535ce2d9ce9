"""Scale: spooled, chunked runs equal whole runs; the incremental cache; the Dask engine (real LocalCluster)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import geo.extract.document
from geo.pipeline import job as pipeline
from geo.pipeline.spool import CACHE_NAME

# Our own dispatch (not from any shared material): one strike in a resolvable town.
NEW_DISPATCH = """ date 2020-03-04
Des frappes aériennes ont visé mercredi la ville de Saraqeb, dans la province d'Idleb, tuant au moins
quatre civils, selon l'Observatoire syrien des droits de l'homme (OSDH). Les raids ont touché un marché
en fin de matinée.
"""


@pytest.fixture()
def corpus(tmp_path):
    src, _ = pipeline.sample_inputs()
    dst = tmp_path / "corpus"
    shutil.copytree(src, dst)
    return dst


@pytest.fixture()
def count_extractions(monkeypatch):
    calls: list[str] = []
    real = geo.extract.document.extract_document

    def spy(doc, gazetteer=None, *, use_spacy=False):
        calls.append(doc.id)
        return real(doc, gazetteer, use_spacy=use_spacy)

    monkeypatch.setattr(geo.extract.document, "extract_document", spy)
    return calls


def _csv_rows(path: Path) -> list[str]:
    return sorted(path.read_text(encoding="utf-8").splitlines()[1:])


def test_rerun_with_one_new_dispatch_extracts_one(corpus, tmp_path, count_extractions):
    out = tmp_path / "out"
    first = pipeline.run([corpus], out, offline=True)
    n = first.documents
    assert n >= 10 and len(count_extractions) == n and first.extracted == n and first.cached == 0
    assert (out / CACHE_NAME).is_file()
    (corpus / "zz_new.txt").write_text(NEW_DISPATCH, encoding="utf-8")
    count_extractions.clear()
    second = pipeline.run([corpus], out, offline=True)
    assert count_extractions == ["zz_new"] or [Path(c).stem for c in count_extractions] == ["zz_new"]
    assert (second.extracted, second.cached, second.documents) == (1, n, n + 1)
    assert sum(second.events_by_kind.values()) > sum(first.events_by_kind.values())
    # the same outputs as a run without cache on the same corpus
    fresh = pipeline.run([corpus], tmp_path / "fresh", offline=True, cache=False)
    assert not (tmp_path / "fresh" / CACHE_NAME).exists()
    assert fresh.extracted == n + 1
    assert _csv_rows(out / "events.csv") == _csv_rows(tmp_path / "fresh" / "events.csv")


def test_gazetteer_or_rules_change_invalidates_the_cache(corpus, tmp_path, count_extractions, monkeypatch):
    from gazetteer import Gazetteer
    from geo.pipeline import spool

    out = tmp_path / "out"
    n = pipeline.run([corpus], out).documents
    assert pipeline.run([corpus], out).extracted == 0
    places = tmp_path / "mine.csv"
    places.write_text("name,lat,lon,kind\nQarfoutlaz,35.5,36.5,village\n", encoding="utf-8")
    other = Gazetteer(csv=places)  # other gazetteer data: another fingerprint
    assert spool.gazetteer_fingerprint(other) != spool.gazetteer_fingerprint(Gazetteer.default())
    assert pipeline.run([corpus], out, gazetteer=other).extracted == n
    assert pipeline.run([corpus], out, gazetteer=other).extracted == 0
    monkeypatch.setattr(spool, "RULES_VERSION", spool.RULES_VERSION + 1)
    spool.rules_fingerprint.cache_clear()
    try:
        assert pipeline.run([corpus], out, gazetteer=other).extracted == n
    finally:
        spool.rules_fingerprint.cache_clear()


def test_small_chunks_give_the_same_outputs(corpus, tmp_path, monkeypatch):
    import pyogrio

    from gazetteer import settings

    whole = pipeline.run([corpus], tmp_path / "whole", offline=True, cache=False)
    monkeypatch.setattr(settings, "chunk_size", 4)  # read at call time, as chunk_size=4 would give
    chunked = pipeline.run([corpus], tmp_path / "chunked", offline=True, cache=False)
    assert (tmp_path / "whole" / "events.csv").read_bytes() == (tmp_path / "chunked" / "events.csv").read_bytes()
    for layer in ("events", "mentions", "front_observations", "control", "control_areas", "governorates"):
        a = pyogrio.read_info(tmp_path / "whole" / "events.gpkg", layer=layer)
        b = pyogrio.read_info(tmp_path / "chunked" / "events.gpkg", layer=layer)
        assert (a["features"], list(a["fields"])) == (b["features"], list(b["fields"])), layer
    assert whole.stage_times.keys() == {"extraction", "joins", "aggregates", "control", "writing"}
    assert "time:" in chunked.summary_text()


def test_default_engine_never_imports_dask(corpus, tmp_path):
    code = (
        "import sys\n"
        "from geo import pipeline\n"
        f"pipeline.run([{str(corpus)!r}], {str(tmp_path / 'o')!r}, offline=True)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed'))\n"
        "print('IMPORTED', bad)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "IMPORTED []" in proc.stdout


def test_engine_options_are_checked(tmp_path, corpus):
    from gazetteer.errors import InputError

    with pytest.raises(InputError, match="unknown engine 'spark'"):
        pipeline.run([corpus], tmp_path / "o", engine="spark")
    with pytest.raises(InputError, match="need --engine dask"):
        pipeline.run([corpus], tmp_path / "o", workers=2)


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_events(corpus, tmp_path):
    """A real distributed.LocalCluster with 2 worker processes: the same events as the local engine, order aside."""
    pytest.importorskip("distributed")
    import pyogrio

    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00")  # one bad file: reported, the rest goes on
    local = pipeline.run([corpus], tmp_path / "local", offline=True, cache=False)
    dask = pipeline.run([corpus], tmp_path / "dask", offline=True, engine="dask", workers=2)
    assert dask.documents == local.documents and dask.extracted == local.documents
    assert [(e.source, e.reason) for e in dask.errors] == [(e.source, e.reason) for e in local.errors]
    assert len(local.errors) == 1
    assert _csv_rows(tmp_path / "local" / "events.csv") == _csv_rows(tmp_path / "dask" / "events.csv")
    a = pyogrio.read_dataframe(tmp_path / "local" / "events.gpkg", layer="events")
    b = pyogrio.read_dataframe(tmp_path / "dask" / "events.gpkg", layer="events")
    key = ["doc_id", "char_start", "kind"]
    assert a.sort_values(key).drop(columns="geometry").reset_index(drop=True).equals(
        b.sort_values(key).drop(columns="geometry").reset_index(drop=True))
    # the dask run filled the cache: the local engine re-uses it
    again = pipeline.run([corpus], tmp_path / "dask", offline=True)
    assert (again.extracted, again.cached) == (0, local.documents)


class _Terminal:
    """A stderr that says it is a terminal and keeps what is written."""

    def __init__(self):
        self.text = []

    def isatty(self):
        return True

    def write(self, s):
        self.text.append(s)
        return len(s)

    def flush(self):
        pass


def test_progress_bars_per_stage_on_a_terminal_only(corpus, tmp_path, monkeypatch):
    term = _Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    pipeline.run([corpus], tmp_path / "o", offline=True, progress=True, baseline=pipeline.sample_inputs()[1])
    shown = "".join(term.text)
    for stage in ("extract", "join", "control snapshots", "write"):
        assert f"{stage}:" in shown, stage
    assert "doc/s" in shown
    term.text.clear()
    pipeline.run([corpus], tmp_path / "o", offline=True, progress=False)  # -q
    assert "".join(term.text) == ""


def test_spooled_rows_are_the_joined_tables(corpus):
    """Rows made at extraction (labelled per document) give the tables a join of the whole corpus gives."""
    import json

    import pandas as pd

    from geo.extract.document import extract
    from geo.pipeline.rows import document_of, frames_of, payload_of
    from geo.spatial.admin import join_admin
    from geo.spatial.frames import to_geodataframe

    docs = list(extract([corpus], errors=[]))
    payloads = [json.loads(payload_of(d)) for d in docs]
    chunk = frames_of(payloads)
    pd.testing.assert_frame_equal(chunk.events, join_admin(to_geodataframe(docs, layer="events")))
    pd.testing.assert_frame_equal(chunk.mentions, join_admin(to_geodataframe(docs, layer="mentions")))
    pd.testing.assert_frame_equal(chunk.observations, to_geodataframe(docs, layer="front_observations"))
    again = [document_of(p) for p in payloads]
    assert [d.events for d in again] == [d.events for d in docs]
    assert [d.mentions for d in again] == [d.mentions for d in docs]
    assert [d.control_states for d in again] == [d.control_states for d in docs]


def test_no_stage_holds_all_events_but_the_map(corpus, tmp_path, monkeypatch):
    """Memory stays flat: every writer and the aggregates see one chunk of events at a time.

    Only ``writing._map_events`` (the map, until it takes chunks) may see them all.
    """
    from gazetteer import settings
    from geo.pipeline import sinks, writing
    from geo.spatial import aggregate
    from geo.write import acled

    seen: list[int] = []

    def spy(module, name):
        real = getattr(module, name)

        def wrapper(frame, *args, **kwargs):
            seen.append(len(frame))
            return real(frame, *args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    spy(acled, "to_acled")
    spy(sinks, "table_csv")
    spy(writing, "geojson_text")
    spy(aggregate, "unit_stats")
    monkeypatch.setattr(settings, "chunk_size", 3)
    summary = pipeline.run([corpus], tmp_path / "o", offline=True, geojson=True, cache=False)
    total = sum(summary.events_by_kind.values())
    assert seen and total > 3 * max(seen) / 2  # chunks of 3 documents, never the whole table
    assert len(seen) >= 4 * (summary.documents // 3)


# Our own dispatch: one control change in a resolvable town.
TAKEN_DISPATCH = """ date 2020-03-09
Les forces du régime ont repris lundi le contrôle de la ville de Saraqeb, dans la province d'Idleb, après
de violents combats contre les rebelles, selon l'Observatoire syrien des droits de l'homme (OSDH).
"""


def _control_tables(out: Path) -> dict[str, object]:
    import pyogrio

    return {layer: pyogrio.read_dataframe(out / "events.gpkg", layer=layer)
            for layer in ("control", "control_areas", "front_lines", "control_changes")}  # fmt: skip


def test_control_layers_cached_until_their_inputs_change(corpus, tmp_path, monkeypatch):
    """A re-run reuses the control layers (and the map's slider data) while changes, states, dates and step
    are the same: a new strike does not move a front line; a new control change or another step does."""
    import pandas as pd

    from geo.pipeline import writing

    built: list[int] = []
    real = writing.front_layers

    def spy(changes, *args, **kwargs):
        built.append(len(changes))
        return real(changes, *args, **kwargs)

    monkeypatch.setattr(writing, "front_layers", spy)
    out = tmp_path / "out"
    pipeline.run([corpus], out, offline=True)
    assert len(built) == 1
    (corpus / "zz_new.txt").write_text(NEW_DISPATCH, encoding="utf-8")  # a strike: control unchanged
    pipeline.run([corpus], out, offline=True)
    assert len(built) == 1
    fresh = tmp_path / "fresh"
    pipeline.run([corpus], fresh, offline=True, cache=False)
    assert len(built) == 2
    for layer, frame in _control_tables(out).items():
        pd.testing.assert_frame_equal(frame, _control_tables(fresh)[layer], obj=layer)
    slider = re.compile(r'<script type="application/json" id="front_slider_\w+-data">(.*?)</script>', re.S)
    assert slider.findall((out / "map.html").read_text("utf-8")) == slider.findall((fresh / "map.html").read_text("utf-8"))
    pipeline.run([corpus], out, offline=True, step="1M")  # another step: built again
    assert len(built) == 3
    (corpus / "zz_taken.txt").write_text(TAKEN_DISPATCH, encoding="utf-8")  # a control change: built again
    pipeline.run([corpus], out, offline=True, step="1M")
    assert len(built) == 4 and built[-1] == built[-2] + 1
    pipeline.run([corpus], out, offline=True, step="1M")
    assert len(built) == 4


def test_cached_stage_layers_read_back_as_written(corpus, tmp_path):
    """The stage cache's JSON + WKB form gives back the same frames and slider data (no pickle)."""
    import pandas as pd

    from geo.pipeline import stagecache
    from geo.render.frontmap import PreparedFront, prepare_front

    pipeline.run([corpus], tmp_path / "out", offline=True)
    layers = _control_tables(tmp_path / "out")
    back = stagecache.loads(stagecache.dumps(prepare_front(layers)) or b"")
    assert isinstance(back, PreparedFront) and back.slider_json == prepare_front(layers).slider_json
    for layer, frame in layers.items():
        pd.testing.assert_frame_equal(back[layer], frame, check_exact=True, obj=layer)
        assert back[layer].crs == frame.crs
    assert stagecache.loads(stagecache.dumps(dict(layers)) or b"").__class__ is dict
