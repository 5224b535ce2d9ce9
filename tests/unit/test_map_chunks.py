"""The map built from chunks of events (geo.render.webmap.make_map_from_chunks) is the map of the whole frame."""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas
import pytest

from geo.render import webmap
from geo.render.eventdata import PACK_FROM, unpack_popups
from test_webmap import XSS_EVIDENCE, _data, random_events, sample_events, sample_governorates, sample_mentions


def _chunks(events: Any, size: int, calls: list[int] | None = None) -> Callable[[], Iterator[Any]]:
    def chunks() -> Iterator[Any]:
        if calls is not None:
            calls.append(1)
        for start in range(0, len(events), size):
            yield events.iloc[start:start + size]
    return chunks


def _events(n: int) -> Any:
    """``n`` random strikes, then the sample (every kind, hostile text, one event without a place)."""
    return pandas.concat([random_events(n), sample_events()], ignore_index=True)


def _without_ids(page: str) -> str:
    """The page with folium's random element names and the events' data block left out."""
    page = re.sub(r'(<script type="application/json" id="cm-data-events">).*?(</script>)', r"\1\2", page, flags=re.S)
    return re.sub(r"_[0-9a-f]{32}", "_ID", page)


@pytest.mark.parametrize(("n", "size"), [(20, 7), (PACK_FROM + 500, 256)])
def test_map_from_chunks_is_the_map_of_the_frame(tmp_path: Path, n: int, size: int) -> None:
    events = _events(n)
    options: dict[str, Any] = {"mentions": sample_mentions(), "governorates": sample_governorates(),
                               "title": "Chunks <b>"}
    calls: list[int] = []
    whole = webmap.save_map(webmap.make_map(events, **options), tmp_path / "whole.html").read_text(encoding="utf-8")
    chunked = webmap.make_map_from_chunks(_chunks(events, size, calls), **options)
    page = webmap.save_map(chunked, tmp_path / "chunks.html").read_text(encoding="utf-8")
    assert calls == [1]  # one pass over the chunks
    assert _without_ids(page) == _without_ids(whole)  # same panel, counts, dates, choropleth, layers
    data, expected = _data(page), _data(whole)
    assert ("z" in data) == (n >= PACK_FROM) == ("z" in expected)
    assert unpack_popups(data) == unpack_popups(expected)  # the same columns and tables
    if n < PACK_FROM:
        assert data == expected
    assert XSS_EVIDENCE in unpack_popups(data)["tables"]["evidence"] and "<img src=x onerror" not in page
    assert "1 event(s) without coordinates not drawn" in page


def test_map_from_chunks_cleans_its_spool_and_keeps_no_placeholder(tmp_path: Path) -> None:
    fmap = webmap.make_map_from_chunks(_chunks(_events(30), 10))
    spool = fmap._conflictmap_events
    assert spool.folder.is_dir()
    page = webmap.save_map(fmap, tmp_path / "map.html").read_text(encoding="utf-8")
    again = webmap.save_map(fmap, tmp_path / "again.html").read_text(encoding="utf-8")  # saved twice: same data
    assert _data(page) == _data(again) and webmap.EVENTS_PLACEHOLDER not in page
    assert webmap.EVENTS_PLACEHOLDER not in fmap._repr_html_()  # notebooks get the data too
    folder = spool.folder
    del fmap, spool
    gc.collect()
    assert not folder.exists()


def test_map_from_no_chunk_is_an_empty_map(tmp_path: Path) -> None:
    page = webmap.save_map(webmap.make_map_from_chunks(lambda: iter(())), tmp_path / "m.html").read_text(encoding="utf-8")
    assert _data(page)["lat"] == [] and "undated" in page
