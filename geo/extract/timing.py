"""Dates of events: the date phrase of an event's sentence from its context (the lead's, the sentence
before's), running totals (``cumulative``), and the resolved date of every event and front observation."""

from __future__ import annotations

import re

from geo.extract.folded import Folded
from geo.extract.segment import Draft, Sentence
from geo.model import Document, Event, FrontObservation
from geo.vocab import DatePrecision, EventKind

__all__ = ["date_events", "when_from_context"]

_I = re.IGNORECASE
_FOLLOW_ON = re.compile(r"^\s*(?:Et|Elles|Ils|Elle|Il)\b")
_TWO_DAYS = re.compile(
    r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+et\s+(?:lundi|mardi|mercredi|jeudi"
    r"|vendredi|samedi|dimanche)\b",
    _I,
)
_RUNNING = Folded(re.compile(
    r"\bchaque\s+jour\b|\bau\s+total\b|\bquotidien\w*|\ben\s+\S+\s+(?:jours|semaines|mois)\b"
    r"|\bces\s+derniers\s+jours\b",
    _I,
))
_RUNNING_CHANGE = re.compile(r"\bces\s+derniers\s+jours\b|\bdepuis\b", _I)
_RELATIVE_DAY = re.compile(r"veille|lendemain", _I)


def when_from_context(drafts: list[Draft], sent: Sentence, lead_when: str | None, prev_when: str | None) -> None:
    """Give the events of a sentence that names no date the lead's (second sentence) or the sentence
    before's ("Ils ont ..."), and mark running totals ("au total", "lundi et mardi") cumulative."""
    from geo.extract.dates import is_cumulative_phrase

    for d in drafts:
        ev = d.event
        if ev.when is None:
            if sent.index <= 1 and lead_when and sent.index != 0:
                ev.when = lead_when
            elif _FOLLOW_ON.match(sent.text) and prev_when:
                ev.when = prev_when
        if ev.when and (is_cumulative_phrase(ev.when) or _TWO_DAYS.search(ev.when)):
            ev.cumulative = True
        if _RUNNING.search(d.clause.text) and (
            ev.kind != EventKind.CONTROL_CHANGE or _RUNNING_CHANGE.search(d.clause.text)
        ):
            ev.cumulative = True


def date_events(events: list[Event], fronts: list[FrontObservation], doc: Document, lead_when: str | None) -> None:
    """Resolve the date phrase of every event against the dispatch's date ("la veille" against the
    lead's day), and date front observations with the dispatch."""
    from geo.extract.dates import resolve_when

    lead_date = None
    for ev in events:
        anchor = lead_date if ev.when and _RELATIVE_DAY.search(ev.when) else None
        rd = resolve_when(ev.when, doc.date, doc.date_precision, anchor=anchor)
        ev.date, ev.date_precision = rd.date, rd.precision
        if lead_date is None and ev.when == lead_when and rd.precision == DatePrecision.DAY:
            lead_date = rd.date
    for fo in fronts:
        rd = resolve_when(None, doc.date, doc.date_precision)
        fo.date, fo.date_precision = rd.date, rd.precision
