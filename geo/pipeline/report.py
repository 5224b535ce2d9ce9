"""Run summaries and the unresolved-names report."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gazetteer.normalize import normalize
from geo.extract.mentions import FEATURE_KINDS
from geo.model import Document

__all__ = ["RunSummary", "memory_mb", "printable", "unresolved_names"]

_CONTROL = {c: f"\\x{c:02x}" for c in (*range(9), *range(11, 32), 127)}
_CONTROL.update({c: f"\\u{c:04x}" for c in (*range(0x80, 0xA0), 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                              0x2066, 0x2067, 0x2068, 0x2069)})


def printable(text: object) -> str:
    """``str(text)`` safe for a terminal: control characters (ESC and the rest, C1, bidi overrides) as escapes.

    A file name or a reason can come from an input folder: an ``ESC [`` sequence in it must not
    drive the terminal, a right-to-left override must not reorder the message.
    """
    return str(text).translate(_CONTROL)


@dataclass
class RunSummary:
    """What a run did: counts, skipped documents with reasons, unresolved names and output paths."""

    documents: int = 0
    events_by_kind: Counter[str] = field(default_factory=Counter)
    mentions: int = 0
    mentions_resolved: int = 0
    mentions_foreign: int = 0
    unresolved: Counter[str] = field(default_factory=Counter)
    errors: list[Any] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    date_min: str | None = None
    date_max: str | None = None
    #: Documents extracted in this run / taken from the output folder's cache.
    extracted: int = 0
    cached: int = 0
    #: Seconds per stage (reading and extraction, joins, control snapshots, writing), in run order.
    stage_times: dict[str, float] = field(default_factory=dict)
    #: Memory at the end of each stage, MB: the process's peak so far and its resident size then.
    stage_memory: dict[str, tuple[float, float]] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time a stage of the run into :attr:`stage_times` (added to when entered twice) and note the
        memory at its end (:attr:`stage_memory`)."""
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.stage_times[name] = self.stage_times.get(name, 0.0) + time.perf_counter() - t0
            self.stage_memory[name] = memory_mb()

    @property
    def inputs(self) -> int:
        """Input units seen (files, JSON Lines/CSV rows): always ``documents + len(errors)``."""
        return self.documents + len(self.errors)

    def add(self, doc: Document) -> None:
        """Count one extracted document."""
        self.add_doc_counts(self.record_counts(doc))

    @staticmethod
    def record_counts(doc: Document) -> dict[str, Any]:
        """:meth:`doc_counts` of an extracted document's records."""
        return RunSummary.doc_counts(((m.foreign, m.name, m.kind, m.surface) for m in doc.mentions),
                                     ((e.kind, e.date) for e in doc.events))  # fmt: skip

    def add_counts(self, mentions: Iterable[tuple[Any, Any, Any, Any]], events: Iterable[tuple[Any, Any]]) -> None:
        """Count one document from its mentions' ``(foreign, name, kind, surface)`` and events' ``(kind, date)``
        (a cached document is counted from its spooled rows, without rebuilding its records)."""
        self.add_doc_counts(self.doc_counts(mentions, events))

    @staticmethod
    def doc_counts(mentions: Iterable[tuple[Any, Any, Any, Any]], events: Iterable[tuple[Any, Any]]) -> dict[str, Any]:
        """What the summary counts of one document, from its mentions' ``(foreign, name, kind, surface)`` and
        events' ``(kind, date)``, as totals (JSON-ready: kept in the run's cache)."""
        counts: dict[str, Any] = {"m": 0, "f": 0, "r": 0, "u": {}, "e": {}, "d": [None, None]}
        for foreign, name, kind, surface in mentions:
            counts["m"] += 1
            if foreign:
                counts["f"] += 1
            elif name is not None or kind in FEATURE_KINDS:  # a river: recognised, never a point
                counts["r"] += 1
            else:
                counts["u"][surface] = counts["u"].get(surface, 0) + 1
        for kind, date in events:
            counts["e"][kind] = counts["e"].get(kind, 0) + 1
            if date:
                lo, hi = counts["d"]
                counts["d"] = [min(lo or date, date), max(hi or date, date)]
        return counts

    def add_doc_counts(self, counts: dict[str, Any]) -> None:
        """Count one document from its :meth:`doc_counts`."""
        self.documents += 1
        self.mentions += counts["m"]
        self.mentions_foreign += counts["f"]
        self.mentions_resolved += counts["r"]
        for surface, n in counts["u"].items():
            self.unresolved[surface] += n
        for kind, n in counts["e"].items():
            self.events_by_kind[kind] += n
        lo, hi = counts["d"]
        if lo:
            self.date_min = min(self.date_min or lo, lo)
            self.date_max = max(self.date_max or hi, hi)

    def summary_text(self) -> str:
        """Return a short human-readable summary for the end of a run."""
        lines = [
            (f"documents read: {self.documents}, skipped: {len(self.errors)} "
             f"(inputs: {self.inputs} = {self.documents} accepted + {len(self.errors)} rejected)"),
            "events: " + (", ".join(f"{k} {v}" for k, v in sorted(self.events_by_kind.items())) or "none"),
            (f"place mentions: {self.mentions} ({self.mentions_resolved} resolved, "
             f"{self.mentions_foreign} foreign, {sum(self.unresolved.values())} unresolved)"),
        ]
        if self.cached:
            lines.append(f"extracted: {self.extracted}, from the cache: {self.cached}")
        if self.date_min:
            lines.append(f"event dates: {self.date_min} .. {self.date_max}")
        if self.unresolved:
            top = ", ".join(f"{n} ({c})" for n, c in self.unresolved.most_common(8))
            lines.append(f"unresolved names: {top}  (see `conflictmap unresolved`)")
        for err in self.errors:
            where = f"{err.source}:{err.line}" if getattr(err, "line", None) else str(getattr(err, "source", "?"))
            lines.append(printable(f"skipped {where}: {getattr(err, 'reason', err)}"))
        if self.stage_times:
            total = sum(self.stage_times.values())
            parts = ", ".join(f"{k} {v:.1f} s" for k, v in self.stage_times.items())
            lines.append(f"time: {total:.1f} s ({parts})")
        if any(peak for peak, _ in self.stage_memory.values()):
            peak = max(p for p, _ in self.stage_memory.values())
            parts = ", ".join(f"{k} {p:.0f}/{r:.0f}" for k, (p, r) in self.stage_memory.items())
            lines.append(f"memory: peak {peak:.0f} MB (after each stage, peak so far/resident: {parts})")
        for label, path in self.outputs.items():
            lines.append(f"{label}: {path}")
        return "\n".join(lines)


def memory_mb() -> tuple[float, float]:
    """The process's peak resident size so far and its resident size now, in MB (0 where not known)."""
    import sys

    if sys.platform == "win32":  # pragma: no cover (no getrusage)
        return (0.0, 0.0)
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1 << 20 if sys.platform == "darwin" else 1 << 10)
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            now = next((int(line.split()[1]) / 1024 for line in fh if line.startswith("VmRSS:")), 0.0)
    except OSError:  # no /proc (macOS)
        now = 0.0
    return (peak, now)


def unresolved_names(docs: Iterable[Document], gazetteer: Any, *, limit: int = 50) -> list[dict[str, Any]]:
    """Collect names that did not resolve, most frequent first, with their closest candidates.

    Parameters
    ----------
    docs
        Extracted documents (streamed; only unresolved mentions are kept).
    gazetteer
        The :class:`gazetteer.Gazetteer` used, asked for the closest candidates of each name.
    limit
        At most this many names.

    Returns
    -------
    list of dict
        Keys ``surface``, ``count``, ``example`` (a source where it occurs), ``candidates``
        (list of dicts with ``name``, ``score``, ``adm1``, ``adm1_pcode``, ``lat``, ``lon``).
    """
    counts: Counter[str] = Counter()
    surface_of: dict[str, str] = {}
    example: dict[str, str] = {}
    for doc in docs:
        for m in doc.mentions:
            if m.name is not None or m.foreign or m.kind in FEATURE_KINDS:
                continue
            key = normalize(m.surface)
            if not key:
                continue
            counts[key] += 1
            surface_of.setdefault(key, m.surface)
            example.setdefault(key, doc.source)
    rows = []
    for key, n in counts.most_common(limit):
        cands = gazetteer.candidates(surface_of[key], limit=3)
        rows.append(
            {
                "surface": surface_of[key],
                "count": n,
                "example": example[key],
                "candidates": [
                    {k: c.to_dict()[k] for k in ("name", "score", "adm1", "adm1_pcode", "lat", "lon")}
                    for c in cands
                    if c.name
                ],
            }
        )
    return rows
