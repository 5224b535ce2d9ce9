"""A document's layer rows, made once at extraction and spooled: the payload of :mod:`geo.pipeline.spool`.

The payload (JSON, no text) holds the document's header, its control states as records, and its
events, mentions and front observations as **rows**: the record's field values in field order,
events and mentions followed by their administrative labels (:func:`geo.spatial.pointjoin.admin_values`,
what :func:`geo.spatial.admin.join_admin` gives). Later stages build frames from the rows
(:func:`frames_of`) without joining again; :func:`document_of` rebuilds the records when a stage
needs them (the run summary, the control table).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from geo.model import ControlState, Document, Event, FrontObservation, Mention

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

__all__ = ["PAYLOAD_VERSION", "ChunkFrames", "counts_of", "document_of", "frames_of", "payload_of"]

#: Bumped when the payload's layout changes (a spool of another version is emptied: see spool.RULES_VERSION).
PAYLOAD_VERSION = 2
_CLASSES: dict[str, type] = {"events": Event, "mentions": Mention, "front_observations": FrontObservation}
#: Layers whose rows carry administrative labels.
_JOINED = ("events", "mentions")


@cache
def _fields(layer: str) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(_CLASSES[layer]))


def payload_of(doc: Document) -> str:
    """The spooled JSON of an extracted document: header, control states, layer rows (labelled)."""
    from geo.spatial.pointjoin import admin_values

    out: dict[str, Any] = {
        "v": PAYLOAD_VERSION, "id": doc.id, "source": doc.source, "date": doc.date,
        "date_precision": doc.date_precision, "title": doc.title, "url": doc.url,
        "control_states": [c.to_dict() for c in doc.control_states],
    }  # fmt: skip
    labels = iter(admin_values([(rec.lon, rec.lat) for layer in _JOINED for rec in getattr(doc, layer)]))
    for layer in _CLASSES:
        fields = _fields(layer)
        rows = [[getattr(rec, name) for name in fields] for rec in getattr(doc, layer)]
        if layer in _JOINED:
            rows = [[*row, None if (lab := next(labels)) is None else list(lab)] for row in rows]
        out[layer] = rows
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def document_of(d: dict[str, Any]) -> Document:
    """The :class:`Document` (empty text) of a parsed payload."""
    n = {layer: len(_fields(layer)) for layer in _CLASSES}
    return Document(
        id=d["id"], source=d["source"], text="", date=d.get("date"), date_precision=d.get("date_precision"),
        title=d.get("title"), url=d.get("url"),
        mentions=[Mention(*row[: n["mentions"]]) for row in d["mentions"]],
        events=[Event(*row[: n["events"]]) for row in d["events"]],
        front_observations=[FrontObservation(*row[: n["front_observations"]]) for row in d["front_observations"]],
        control_states=[ControlState(**c) for c in d["control_states"]],
    )  # fmt: skip


def counts_of(payload: str) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """What the run summary counts of a spooled document (:meth:`geo.pipeline.report.RunSummary.add_counts`):
    its mentions' ``(foreign, name, kind, surface)`` and its events' ``(kind, date)``, read from the rows."""
    d = json.loads(payload)
    foreign, name, kind, surface = (_fields("mentions").index(f) for f in ("foreign", "name", "kind", "surface"))
    event_kind, date = (_fields("events").index(f) for f in ("kind", "date"))
    return ([(r[foreign], r[name], r[kind], r[surface]) for r in d["mentions"]],
            [(r[event_kind], r[date]) for r in d["events"]])  # fmt: skip


@dataclasses.dataclass
class ChunkFrames:
    """A chunk of documents as the run's tables, plus what the control table needs."""

    events: Any
    mentions: Any
    observations: Any
    changes: list[Event]
    states: list[ControlState]


def frames_of(payloads: Sequence[dict[str, Any]], layers: Sequence[str] = tuple(_CLASSES)) -> ChunkFrames:
    """The events and mentions (labelled, as ``join_admin`` gives them) and front observations of a chunk.

    ``layers`` limits the tables made (the others are None).
    """
    from geo.spatial.pointjoin import installed_levels
    from geo.vocab import EventKind

    levels = installed_levels()
    frames = {layer: _frame(payloads, layer, levels) if layer in layers else None for layer in _CLASSES}
    n_events = len(_fields("events"))
    kind = _fields("events").index("kind")
    changes = [Event(*row[:n_events]) for d in payloads for row in d["events"]
               if row[kind] == EventKind.CONTROL_CHANGE]  # fmt: skip
    states = [ControlState(**c) for d in payloads for c in d["control_states"]]
    return ChunkFrames(frames["events"], frames["mentions"], frames["front_observations"], changes, states)


def _frame(payloads: Sequence[dict[str, Any]], layer: str, levels: tuple[int, ...]) -> gpd.GeoDataFrame:
    from geo.spatial.frames import doc_rows, frame_from_rows

    fields = list(_fields(layer))
    n = len(fields)
    rows: list[list[Any]] = []
    for d in payloads:  # a row's fields, then its admin labels (kept apart below)
        rows += doc_rows([row[:n] for row in d[layer]], fields, d["id"], d.get("date"), d.get("date_precision"))
    frame = frame_from_rows(rows, layer=layer)
    labels = [row[n] for d in payloads for row in d[layer]] if layer in _JOINED else []
    return _with_labels(frame, labels, levels) if layer in _JOINED else frame


def _with_labels(frame: gpd.GeoDataFrame, labels: list[Any], levels: tuple[int, ...]) -> gpd.GeoDataFrame:
    """``frame`` with the columns :func:`geo.spatial.admin.join_admin` adds (and its renames)."""
    import pandas as pd

    from geo.spatial.pointjoin import admin_columns

    out = frame.rename(columns={"adm1": "adm1_gaz", "adm1_pcode": "adm1_pcode_gaz"})
    columns = admin_columns(levels)
    out["adm_nearest"] = pd.Series([bool(lab[0]) if lab else False for lab in labels], index=out.index, dtype=bool)
    for j, col in enumerate(columns[1:], start=1):
        values = pd.Series([lab[j] if lab else None for lab in labels], index=out.index, dtype=object)
        out[col] = values.astype("str")
    return out
