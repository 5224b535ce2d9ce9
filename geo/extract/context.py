"""Placing events whose sentence names no place: anaphors, continuations, the paragraph's region, the
document's main place.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from geo.extract.place import NOT_A_FOCUS, fill_place
from geo.extract.segment import Draft, Sentence
from geo.lang.fr.cues import AREA_ANAPHOR, CONTINUATION, MACRO_REGION, REGION_ANAPHOR
from geo.model import Event, Mention
from geo.vocab import GeoPrecision

__all__ = ["place_from_context"]

_BROAD = frozenset({"governorate", "region"})


@dataclass(slots=True)
class _Context:
    """The Syrian places of a document, indexed for the events that name none (bisect, never a scan)."""

    syrian: list[Mention]  # in text order
    main: Mention | None
    text: str
    para_of: dict[int, int] = field(default_factory=dict)  # mention start -> paragraph
    by_para: dict[int, list[Mention]] = field(default_factory=dict)
    starts: list[int] = field(default_factory=list)
    gov_by_adm1: dict[str | None, Mention] = field(default_factory=dict)
    broad_of: dict[int, tuple[list[Mention], list[int]]] = field(default_factory=dict)
    country: Mention | None = None
    first_gov: Mention | None = None

    @classmethod
    def of(cls, syrian: list[Mention], main: Mention | None, text: str, sentences: list[Sentence]) -> _Context:
        """Index ``syrian`` by paragraph and governorate."""
        ctx = cls(syrian, main, text, starts=[m.start for m in syrian])
        ctx.country = next((m for m in syrian if m.kind == "country"), None)
        ctx.first_gov = next((m for m in syrian if m.kind == "governorate"), None)
        s_starts = [st.start for st in sentences]  # sentences are sorted and disjoint: bisect
        for m in syrian:
            k = bisect_right(s_starts, m.start) - 1
            ctx.para_of[m.start] = sentences[k].para if k >= 0 and m.start < sentences[k].end else -1
            ctx.by_para.setdefault(ctx.para_of[m.start], []).append(m)
            if m.kind == "governorate":
                ctx.gov_by_adm1.setdefault(m.adm1, m)
        return ctx

    def focus(self, at: int) -> Mention | None:
        """The last place named before ``at``."""
        k = bisect_left(self.starts, at)
        return self.syrian[k - 1] if k else None

    def broad(self, para: int, at: int) -> Mention | None:
        """The governorate or region named in paragraph ``para`` last before ``at`` (else its first;
        the country when the paragraph names nothing broader)."""
        if para not in self.broad_of:
            in_para = self.by_para.get(para, [])
            broad = [m for m in in_para if m.kind in _BROAD] or [m for m in in_para if m.kind == "country"]
            self.broad_of[para] = (broad, [m.start for m in broad])
        broad, b_starts = self.broad_of[para]
        if not broad:
            return None
        k = bisect_left(b_starts, at)
        return broad[k - 1] if k else broad[0]


def _by_anaphor(ev: Event, d: Draft, ctx: _Context) -> bool:
    """Place at the place in focus an event whose clause says "cette région", "ce secteur", "y" or
    whose sentence continues the one before ("Elles ont tué ..."); False when none of these holds."""
    clause = d.clause.text
    focus = ctx.focus(d.clause.start)
    region = REGION_ANAPHOR.search(clause)
    area = AREA_ANAPHOR.search(clause)
    continued = (
        CONTINUATION.match(d.clause.sent.text)
        and focus is not None
        and ctx.para_of.get(focus.start) == d.clause.sent.para
        and focus.kind not in NOT_A_FOCUS
    )
    if not (region or area or continued):
        return False
    target = focus or ctx.main
    if (region or area) and ctx.main is not None and (focus is None or focus.kind == "country"):
        target = ctx.main
    if target is None:
        return True
    if region and target.kind not in {"governorate", "country"} and target.adm1:
        target = ctx.gov_by_adm1.get(target.adm1) or target
    fill_place(ev, target, False, ctx.text)
    if ev.geo_precision == GeoPrecision.EXACT and not area:
        ev.geo_precision = GeoPrecision.NEAR
    return True


def _broad_place(d: Draft, ctx: _Context, macro: bool) -> Mention | None:
    """The paragraph's governorate or region, else for a whole part of the country ("le nord-ouest du
    pays") the main place's governorate, the country if it was the last place named, the first
    governorate; else the document's main place."""
    broad = ctx.broad(d.clause.sent.para, d.clause.start)
    main = ctx.main
    if broad is not None:
        return broad
    if main is not None and macro and main.kind not in _BROAD:
        focus = ctx.focus(d.clause.start)
        return (
            ctx.gov_by_adm1.get(main.adm1)
            or (ctx.country if focus is not None and focus.kind == "country" else None)
            or ctx.first_gov
            or ctx.country
            or main
        )
    return main


def _near_focus(ev: Event, d: Draft, ctx: _Context) -> None:
    """An event at a place the gazetteer does not know keeps its name and takes the point of the place in
    focus (else the paragraph's region, else the main place), at precision 2 or coarser."""
    name = ev.place
    focus = ctx.focus(d.clause.start)
    target = focus if focus is not None and focus.kind not in NOT_A_FOCUS else _broad_place(d, ctx, False)
    if target is not None:
        fill_place(ev, target, True, ctx.text)
        ev.geo_precision = max(GeoPrecision.NEAR, ev.geo_precision or GeoPrecision.NEAR)
    ev.place, ev.place_id = name, None


def place_from_context(
    events: list[Event],
    drafts: list[Draft],
    *,
    syrian: list[Mention],
    main: Mention | None,
    text: str,
    sentences: list[Sentence],
) -> None:
    """Place events whose sentence names no place.

    Anaphors ("cette région", "ce secteur", "y") and continuations ("Elles ont tué ...") take the
    place in focus (the last one named). Otherwise: a governorate or region named in the same
    paragraph (precision 3; the country if that is all the paragraph names); else the document's
    main place (precision 2, or 3 for a governorate or when the sentence speaks of a whole part of
    the country). A military site, camp or road is never picked only because it was the last place
    named.
    """
    ctx = _Context.of(syrian, main, text, sentences)
    for ev, d in zip(events, drafts, strict=False):
        if d.place_from == "unknown" and ev.lat is None:
            _near_focus(ev, d, ctx)
            continue
        if ev.place is not None or _by_anaphor(ev, d, ctx):
            continue
        macro = bool(MACRO_REGION.search(d.clause.text))
        target = _broad_place(d, ctx, macro)
        if target is None:
            continue
        fill_place(ev, target, False, text)
        if ev.geo_precision is not None and ev.geo_precision < GeoPrecision.REGION:
            ev.geo_precision = GeoPrecision.REGION if macro else GeoPrecision.NEAR
