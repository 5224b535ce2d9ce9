"""The map's events encoded as they come, push-style: what :func:`geo.render.webmap.make_map_from_chunks` loops over.

A caller that already walks the events chunk by chunk (the run's joins, :mod:`geo.pipeline.joins`)
adds each chunk here (:meth:`MapEvents.add`) and builds the page later with :func:`map_from_events`,
so the events are not read a second time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas as gpd

__all__ = ["MapEvents", "map_from_events"]


class MapEvents:
    """The page's event data (:class:`~geo.render.eventstream.EventSpool`) and its panel's counts
    (:class:`~geo.render.eventstream.EventSummary`), built chunk by chunk.

    ``keep_aggregates``: keep the few columns the governorates' aggregates need (for governorates
    given without them). :meth:`close` removes the spool's temporary folder.
    """

    def __init__(self, *, keep_aggregates: bool = False) -> None:
        from geo.render.eventstream import EventSpool, EventSummary
        from geo.render.webmap import _actor_key, actor_color

        self.summary = EventSummary(keep_aggregates=keep_aggregates)
        self.spool = EventSpool(actor_colour=actor_color, actor_key=_actor_key)

    def add(self, chunk: gpd.GeoDataFrame) -> None:
        """Encode a chunk of events (the columns of :func:`geo.render.webmap.make_map`'s ``events``)."""
        from geo.render.frames import has_point
        from geo.render.webmap import _checked

        events = _checked(chunk)
        located = events[has_point(events)]
        self.summary.add(events, located)
        self.spool.add(located)

    def encode(self, chunk: gpd.GeoDataFrame) -> dict[str, Any]:
        """A chunk of events encoded on its own (JSON-ready), for :meth:`add_encoded` now or in a later run
        (the run's cache of the joins, :mod:`geo.pipeline.pieces`); the aggregate columns are not in it."""
        from geo.render.frames import has_point
        from geo.render.webmap import _checked

        events = _checked(chunk)
        located = events[has_point(events)]
        return {"summary": self.summary.part(events, located), "events": self.spool.encode(located)}

    def add_encoded(self, encoded: dict[str, Any]) -> None:
        """Add a chunk :meth:`encode` gave: the same page data as :meth:`add` of the chunk."""
        if self.summary.keeps_aggregates:
            raise ValueError("an encoded chunk has no aggregate columns: add the events themselves")
        self.summary.add_part(encoded["summary"])
        self.spool.add_encoded(encoded["events"])

    def close(self) -> None:
        """Remove the spooled data (a map built from it owns it: see :func:`map_from_events`)."""
        self.spool.close()


def map_from_events(
    encoded: MapEvents,
    *,
    mentions: gpd.GeoDataFrame | None = None,
    governorates: gpd.GeoDataFrame | None = None,
    front: Mapping[str, gpd.GeoDataFrame] | None = None,
    title: str | None = None,
    offline: bool = True,
    tiles: str | None = None,
    towns: bool = True,
) -> folium.Map:
    """The map of :func:`geo.render.webmap.make_map_from_chunks` around events already encoded.

    The map owns the encoded data from then on (removed when it is garbage-collected); on failure
    it is removed at once. Governorates without aggregates get them from the kept columns when
    ``encoded`` kept them (``keep_aggregates=True``).
    """
    import functools
    import weakref

    from geo.render import webmap
    from geo.render.choropleth import with_aggregates
    from geo.render.frames import in_wgs84

    spool = encoded.spool
    try:
        gov = None if governorates is None or not len(governorates) else in_wgs84(governorates, "governorates")
        if gov is not None and "killed" not in gov.columns:
            frame = encoded.summary.aggregate_frame()
            gov = gov if frame is None else with_aggregates(gov, frame)
        fmap = webmap._assemble(encoded.summary, webmap.EVENTS_PLACEHOLDER, spool.actors, mentions=mentions,
                                governorates=gov, front=front, title=title, tiles=None if offline else tiles,
                                towns=towns, defer=True)  # fmt: skip
    except BaseException:
        spool.close()
        raise
    fmap._conflictmap_events = spool  # type: ignore[attr-defined]
    weakref.finalize(fmap, spool.close)
    fmap._repr_html_ = functools.partial(webmap._notebook_html, fmap)  # type: ignore[method-assign]
    return fmap
