"""Extraction, streaming: every document read, extracted (or taken from the cache) and spooled."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer.errors import InputError
from geo.model import Document
from geo.pipeline.progress import progress_bar
from geo.pipeline.report import RunSummary

if TYPE_CHECKING:  # pragma: no cover
    from gazetteer.resolver import Gazetteer
    from geo.pipeline.spool import Spool

__all__ = ["extract_all", "extract_to_spool", "fail_on_reject"]


def fail_on_reject(errors: Sequence[object]) -> None:
    """``--strict``: raise an InputError naming the first rejected input, if there is one."""
    if errors:
        raise InputError(f"--strict: input rejected: {errors[0]}; nothing written")


def extract_all(
    inputs: str | Path | Iterable[str | Path],
    *,
    gazetteer: Gazetteer | None = None,
    use_spacy: bool = False,
    progress: bool = False,
    summary: RunSummary | None = None,
    strict: bool = False,
) -> tuple[list[Document], RunSummary]:
    """Extract every document, streaming, and keep only the extracted records (not the text).

    Parameters
    ----------
    inputs
        Files, folders, JSONL/CSV/HTML, as :func:`geo.read.read_dispatches` accepts.
    gazetteer
        A :class:`gazetteer.Gazetteer` (default: the shared default instance).
    use_spacy
        Add spaCy candidates (needs the ``nlp`` extra).
    progress
        Show a progress bar on stderr when it is a terminal.
    summary
        A summary to add to (a new one by default).
    strict
        Stop at the first rejected input with an :class:`~gazetteer.errors.InputError` naming it.

    Returns
    -------
    (documents, summary)
        Documents with ``text`` emptied (the events keep their evidence sentences).
    """
    from geo.extract.document import extract

    summary = summary or RunSummary()
    stream: Iterable[Document] = extract(inputs, gazetteer=gazetteer, errors=summary.errors, use_spacy=use_spacy)
    if progress and sys.stderr.isatty():
        from tqdm import tqdm

        stream = tqdm(stream, unit="doc", desc="extract", file=sys.stderr, leave=False)
    docs: list[Document] = []
    for doc in stream:
        if strict:
            fail_on_reject(summary.errors)
        summary.add(doc)
        doc.text = ""
        docs.append(doc)
    if strict:
        fail_on_reject(summary.errors)
    return docs, summary


def extract_to_spool(
    inputs: str | Path | Iterable[str | Path],
    spool: Spool,
    summary: RunSummary,
    *,
    gazetteer: Gazetteer,
    use_spacy: bool,
    progress: bool,
    strict: bool = False,
) -> None:
    """Read every document; extract those the spool's cache does not hold; spool the records."""
    from geo.extract.document import extract_or_report
    from geo.pipeline.spool import doc_key, to_payload
    from geo.read.reader import read_dispatches

    if use_spacy:
        from geo.extract.mentions import spacy_nlp

        spacy_nlp()  # fail early with the install hint
    with progress_bar(progress, desc="extract", unit="doc") as bar:
        for read in read_dispatches(inputs, errors=summary.errors):
            if strict:
                fail_on_reject(summary.errors)
            key = doc_key(read)
            if _count_cached(spool, key, summary):  # counted from the cache: no records rebuilt
                spool.add(key, None)
            elif extract_or_report(read, gazetteer, errors=summary.errors, use_spacy=use_spacy):
                read.text = ""
                spool.add(key, to_payload(read))
                counts = RunSummary.record_counts(read)
                _keep_counts(spool, key, counts)
                summary.extracted += 1
                summary.add_doc_counts(counts)
            else:
                continue
            bar.update()


def _count_cached(spool: Spool, key: str, summary: RunSummary) -> bool:
    """Count a document the cache holds (from its kept counts, else from its rows); False when it holds none."""
    from geo.pipeline.rows import counts_of

    counted = spool.counts(key)
    if counted is not None:
        summary.add_doc_counts(json.loads(counted))
    else:
        payload = spool.get(key)
        if payload is None:
            return False
        counts = RunSummary.doc_counts(*counts_of(payload))
        summary.add_doc_counts(counts)
        _keep_counts(spool, key, counts)
    summary.cached += 1
    return True


def _keep_counts(spool: Spool, key: str, counts: dict[str, Any]) -> None:
    """Keep a document's :meth:`~geo.pipeline.report.RunSummary.doc_counts` in the cache (JSON: text keys only)."""
    if all(isinstance(k, str) for k in (*counts["u"], *counts["e"])):
        spool.put_counts(key, json.dumps(counts))
