"""The events of one kind that extraction finds in a sentence: the helper of the rule tests (tests/unit/test_strike_rules*.py,
test_control_forms*.py, with the ``gaz`` fixture of tests/conftest.py), each of which writes its own sentences."""

from __future__ import annotations

from typing import Any

from geo.model import Document


def events_of(text: str, gaz: Any, *, kind: str, date: str) -> list[Any]:
    """The events of ``kind`` extracted from ``text``, a dispatch dated ``date`` (day precision)."""
    from geo.extract.document import extract_document

    doc = extract_document(Document(id="t", source="t.txt", text=text, date=date, date_precision="day"), gaz)
    return [e for e in doc.events if e.kind == kind]
