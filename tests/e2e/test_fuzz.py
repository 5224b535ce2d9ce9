"""Property tests over hostile text: readers, number and date parsers, gazetteer, whole-document extraction.

Arbitrary Unicode (Arabic, right-to-left and bidi marks, emoji, NUL, very long strings, huge numbers,
impossible dates) mixed with French dispatch words, so that the rules actually fire. The properties:
only documented exceptions, never a dropped document, offsets that point into the text. Speed is
checked by the longer campaign (``benchmarks/fuzz_campaign.py``), not here.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from fuzz_tokens import TOKENS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer.errors import ConflictmapError

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ODD_CHARS = st.characters(codec="utf-8", exclude_categories=("Cs",))
text_mix = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(ODD_CHARS, max_size=12)), max_size=60).map(" ".join)
long_text = st.builds(lambda t, n: t * n, st.sampled_from(TOKENS), st.integers(1, 3000))
any_text = st.one_of(text_mix, long_text, st.text(ODD_CHARS, max_size=300))
doc_dates = st.one_of(
    st.none(),
    st.from_regex(r"\A\d{4}(-\d{2}(-\d{2})?)?\Z"),
    st.sampled_from(["9999-12-31", "0001-01-01", "0000-00-00", "2019-13-05", "2019-02-30", "2019-09-05"]),
    st.text(ODD_CHARS, max_size=20),
)


@FUZZ
@given(any_text)
def test_numbers_never_raise(text: str) -> None:
    from geo.extract.numbers import Count, find_counts, parse_count

    c = parse_count(text)
    assert c is None or (isinstance(c, Count) and isinstance(c.value, int) and c.value >= 0)
    last = 0
    for start, end, count in find_counts(text, skip_dates=True):
        assert last <= start < end <= len(text)
        assert isinstance(count.value, int)
        last = end


@FUZZ
@given(any_text, doc_dates, st.sampled_from([None, "day", "month", "year"]), doc_dates)
def test_dates_never_raise(text: str, doc_date: str | None, precision: str | None, anchor: str | None) -> None:
    import datetime as dt

    from geo.extract.dates import find_when, read_date, resolve_when

    for value in (text, doc_date):
        r = read_date(value)
        if r.date is not None and r.precision == "day":
            assert 1800 <= dt.date.fromisoformat(r.date).year <= 2099
    phrases = [p for _s, _e, p in find_when(text)] or [text]
    for phrase in phrases:
        r = resolve_when(phrase, doc_date, precision, anchor=anchor)
        assert r.precision in (None, "day", "month", "year")
        if r.precision == "day":
            dt.date.fromisoformat(r.date)


@FUZZ
@given(st.binary(max_size=2000))
def test_decode_never_raises(data: bytes) -> None:
    from geo.read.reader import decode_report

    text, codec, bad = decode_report(data)
    assert isinstance(text, str) and bad >= 0
    if codec in ("utf-8", "utf-8-sig"):
        assert text.encode("utf-8") == data.removeprefix(b"\xef\xbb\xbf")


_FILES = tempfile.mkdtemp(prefix="conflictmap-fuzz-")


@FUZZ
@given(st.one_of(st.binary(max_size=3000), any_text.map(lambda t: t.encode("utf-8"))),
       st.sampled_from([".txt", ".html", ".jsonl", ".csv"]))
def test_readers_account_for_every_input(data: bytes, suffix: str) -> None:
    from geo.read.reader import read_dispatches

    if suffix == ".jsonl" and data and data[:1] != b"{":
        data = json.dumps({"text": data.decode("utf-8", "replace")}).encode("utf-8") + b"\n" + data
    if suffix == ".csv":
        data = b"id,text\n" + data
    path = Path(_FILES) / f"doc{suffix}"
    path.write_bytes(data)
    errors: list = []
    docs = list(read_dispatches(path, errors=errors, max_bytes=100_000))
    if suffix in (".txt", ".html"):
        assert len(docs) + len(errors) == 1  # one file, one verdict
    for d in docs:
        assert isinstance(d.text, str) and d.text.strip()
    for e in errors:
        assert e.reason and e.source == str(path)
    os.unlink(path)


@FUZZ
@given(any_text)
def test_gazetteer_never_raises(name: str) -> None:
    from gazetteer import Gazetteer

    gaz = Gazetteer.default()
    try:
        res = gaz.resolve(name)
        cands = gaz.candidates(name, limit=3)
    except ConflictmapError:
        return  # documented: InputError names the bad value
    # a foreign place is named without a point (never mapped); every Syrian answer has a valid point
    assert res.name is None or (res.foreign and res.lat is None) or (-90 <= res.lat <= 90 and -180 <= res.lon <= 180)
    assert len(cands) <= 3


@FUZZ
@given(any_text, doc_dates)
def test_extraction_never_drops_a_document(text: str, doc_date: str | None) -> None:
    from gazetteer import Gazetteer
    from geo.extract.dates import read_date
    from geo.extract.document import extract_document
    from geo.model import Document

    d = read_date(doc_date)
    doc = Document(id="f", source="fuzz", text=text, date=d.date, date_precision=d.precision)
    extract_document(doc, Gazetteer.default())  # no exception at all: a raise would drop the document
    for m in doc.mentions:
        assert text[m.start:m.end] == m.surface
    for e in doc.events:
        assert 0 <= e.start <= e.end <= len(text)
        assert e.killed is None or e.killed >= 0


@pytest.mark.parametrize("n", [1, 5])
def test_extract_stream_keeps_every_document_of_a_hostile_file(tmp_path: Path, n: int) -> None:
    """Rows of hostile text through the whole reader + extraction stream: each is accepted or reported."""
    from geo.extract.document import extract

    rows = [TOKENS[i::n] for i in range(n)]
    with (tmp_path / "h.jsonl").open("w", encoding="utf-8") as fh:
        for i, toks in enumerate(rows):
            fh.write(json.dumps({"id": f"r{i}", "date": "9999-12-31", "text": " ".join(toks)}) + "\n")
    errors: list = []
    docs = list(extract(tmp_path, errors=errors))
    assert len(docs) + len(errors) == n
    assert not [e for e in errors if "extraction failed" in e.reason]
