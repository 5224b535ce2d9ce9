"""The big-index machinery: the bigram pre-filter is exact, the per-source cache is invalidated by changes."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from gazetteer import Gazetteer
from gazetteer._qgram import BigramFilter
from gazetteer.sources.geonames import GeonamesSource

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate_geonames import rows

_RND = random.Random(11)
_KEYS = list(dict.fromkeys("".join(_RND.choice("bdhklmnqrstwyaiu") for _ in range(_RND.randint(2, 14)))
                           for _ in range(6000)))  # fmt: skip
_FILTER = BigramFilter(_KEYS)


@settings(max_examples=300, deadline=None)
@given(query=st.text(alphabet="bdhklmnqrstwyaiu ", min_size=4, max_size=18), cutoff=st.sampled_from([75.0, 80.0]))
def test_bigram_filter_keeps_every_key_rapidfuzz_would_return(query: str, cutoff: float) -> None:
    full = process.extract(query, _KEYS, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff, limit=None)
    kept = set(_FILTER.candidates(query, cutoff))
    assert {k for k, _s, _i in full} <= kept
    filtered = process.extract(query, _FILTER.candidates(query, cutoff), scorer=fuzz.ratio, processor=None,
                               score_cutoff=cutoff, limit=25)  # fmt: skip
    top = process.extract(query, _KEYS, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff, limit=25)
    assert [(k, s) for k, s, _ in filtered] == [(k, s) for k, s, _ in top]


def test_source_cache_reused_and_invalidated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTMAP_CACHE_DIR", str(tmp_path / "cache"))
    dump = tmp_path / "SY.txt"
    dump.write_text("".join(rows(300, seed=2)), encoding="utf-8")
    first = Gazetteer(["embedded", GeonamesSource(dump)])
    cached = list((tmp_path / "cache" / "index").glob("geonames-*.pickle"))
    assert len(cached) == 1
    again = Gazetteer(["embedded", GeonamesSource(dump)])
    name = first._index.places[-1].name
    assert again.resolve(name) == first.resolve(name) and len(again) == len(first)
    # the dump changes: the cache is rebuilt, not reused
    dump.write_text("".join(rows(300, seed=2)[:100]) + "".join(rows(5, seed=99)), encoding="utf-8")
    changed = Gazetteer(["embedded", GeonamesSource(dump)])
    assert len(changed) == len(first) - 195
    assert list((tmp_path / "cache" / "index").glob("geonames-*.pickle")) != cached
