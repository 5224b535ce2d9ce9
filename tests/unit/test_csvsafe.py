"""The CSV-cell neutraliser (OWASP formula injection) and the linear-time helpers of extraction."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.write.csvsafe import FORMULA_STARTS, safe_cell, safe_frame


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_formula_starts_get_an_apostrophe(start: str) -> None:
    cell = start + "HYPERLINK(\"http://example.invalid\";\"clic\")"
    assert safe_cell(cell) == "'" + cell  # readable: the value follows the apostrophe unchanged


@pytest.mark.parametrize("value", ["-12", "+3.5", "-0,5", "12", "Alep", "", " =1+1", "a=b", None, 3, -4.5, True])
def test_numbers_and_plain_text_unchanged(value: object) -> None:
    assert safe_cell(value) == value


def test_negative_number_inside_formula_is_still_neutralised() -> None:
    assert safe_cell("-1+1") == "'-1+1" and safe_cell("-2e3") == "-2e3" and safe_cell("@a") == "'@a"


def test_safe_frame_touches_text_columns_only() -> None:
    frame = pd.DataFrame({"evidence": ["=cmd|' /C calc'!A0", "ok", None], "killed": [-3, 2, 1],
                          "doc_id": pd.array(["@x", "+y", "z"], dtype="string")})
    out = safe_frame(frame)
    assert list(out["evidence"][:2]) == ["'=cmd|' /C calc'!A0", "ok"] and pd.isna(out["evidence"][2])
    assert list(out["killed"]) == [-3, 2, 1] and out["killed"].dtype == frame["killed"].dtype
    assert list(out["doc_id"]) == ["'@x", "'+y", "z"]
    assert frame["evidence"][0] == "=cmd|' /C calc'!A0"  # the input frame is not modified


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 300), st.integers(0, 40)), max_size=40), st.integers(0, 300), st.integers(0, 60))
def test_span_index_answers_like_the_scan(raw: list[tuple[int, int]], a: int, width: int) -> None:
    from geo.extract.mentions.filters import _overlaps, _Spans

    spans = [(s, s + w) for s, w in raw]
    b = a + width
    assert _Spans(spans).overlaps(a, b) == _overlaps(a, b, spans)  # a plain list takes the old scan


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("ab°1 .,é_\u0660-"), max_size=40), st.data())
def test_last_word_matches_the_old_regex(text: str, data: st.DataObject) -> None:
    from geo.extract.segment import last_word

    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    m = re.search(r"([\w°]+)$", text[lo:hi])
    assert last_word(text, lo, hi) == (m.group(1) if m else "")
