"""Extraction: one document in, the same document out with mentions, events and front observations.

:func:`extract` streams over :func:`geo.read.reader.read_dispatches`; a document whose extraction
fails is logged, reported in ``errors`` as a :class:`geo.read.reader.ReadError` and skipped, and the
stream goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from geo.extract.protocols import ExtractionGazetteer
from geo.model import Document

if TYPE_CHECKING:
    from geo.read.reader import ReadError

__all__ = ["extract", "extract_document", "extract_or_report"]

_log = logging.getLogger(__name__)


def extract_document(
    doc: Document, gazetteer: ExtractionGazetteer | None = None, *, use_spacy: bool = False
) -> Document:
    """Fill ``doc.mentions``, ``doc.events``, ``doc.front_observations`` and ``doc.control_states``.

    Parameters
    ----------
    doc : Document
        A document as read (its ``text`` is not modified).
    gazetteer : ExtractionGazetteer, optional
        A :class:`gazetteer.Gazetteer` (or anything with its methods that mention finding calls,
        :class:`geo.extract.protocols.ExtractionGazetteer`); ``Gazetteer.default()`` when None.
    use_spacy : bool, default False
        Add spaCy ``fr_core_news_sm`` place candidates (raises
        :class:`gazetteer.errors.MissingDependencyError` when spaCy or the model is missing).

    Returns
    -------
    Document
        The same object, filled.
    """
    from geo.extract.events import find_control_states, find_events
    from geo.extract.mentions import find_mentions

    if gazetteer is None:
        from gazetteer.resolver import Gazetteer

        gazetteer = Gazetteer.default()
    doc.mentions = find_mentions(doc, gazetteer, use_spacy=use_spacy)
    doc.events, doc.front_observations = find_events(doc, doc.mentions)
    doc.control_states = find_control_states(doc, doc.mentions)
    return doc


def extract(
    inputs: str | Path | Iterable[str | Path],
    *,
    gazetteer: ExtractionGazetteer | None = None,
    errors: list[ReadError] | None = None,
    use_spacy: bool = False,
) -> Iterator[Document]:
    """Read and extract dispatches, one document at a time.

    Parameters
    ----------
    inputs
        Files, folders, JSON Lines, CSV, HTML or ``"-"``, as :func:`geo.read.reader.read_dispatches` accepts.
    gazetteer : ExtractionGazetteer, optional
        ``Gazetteer.default()`` when None (built once for the whole stream).
    errors : list, optional
        Receives a :class:`geo.read.reader.ReadError` (source, line, reason) for every document that
        could not be read or extracted. Without it, unreadable inputs raise.
    use_spacy : bool, default False
        Add spaCy candidates. A missing spaCy raises at once rather than once per document.

    Yields
    ------
    Document
        Extracted documents, in input order.
    """
    from geo.read.reader import read_dispatches

    if gazetteer is None:
        from gazetteer.resolver import Gazetteer

        gazetteer = Gazetteer.default()
    if use_spacy:
        from geo.extract.mentions.spacy_pass import spacy_nlp

        spacy_nlp()  # fail early with the install hint
    for doc in read_dispatches(inputs, errors=errors):
        if extract_or_report(doc, gazetteer, errors=errors, use_spacy=use_spacy):
            yield doc


def extract_or_report(
    doc: Document, gazetteer: ExtractionGazetteer, *, errors: list[ReadError] | None, use_spacy: bool = False
) -> bool:
    """Extract one document; on failure report it in ``errors`` (a :class:`geo.read.reader.ReadError`) and return False.

    A missing spaCy always raises; without ``errors`` any failure raises.
    """
    from gazetteer.errors import MissingDependencyError
    from geo.read.reader import ReadError

    try:
        extract_document(doc, gazetteer, use_spacy=use_spacy)
    except MissingDependencyError:
        raise
    except Exception as exc:  # one bad document must not stop the stream
        reason = f"extraction failed: {type(exc).__name__}: {exc}"
        _log.exception("extraction failed for %s", doc.source)
        if errors is None:
            raise
        errors.append(ReadError(source=doc.source, line=_line_of(doc), reason=reason))
        return False
    return True


def _line_of(doc: Document) -> int | None:
    """Row number of a JSON Lines/CSV document when its id carries one (``file.jsonl:12``)."""
    tail = doc.id.rsplit(":", 1)[-1] if ":" in doc.id else ""
    return int(tail) if tail.isdigit() else None
