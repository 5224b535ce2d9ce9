"""The map's panel: title, date range, filters by actor and kind, place search and legend.

One collapsible box of HTML built from escaped text (:func:`geo.render.html.html_text`), added as a
:class:`geo.render.html.RawElement` (never compiled as a template); the page script
(``geo/render/static/cm-map.js``) binds its controls.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from gazetteer import profile
from geo.render.choropleth import choro_legend
from geo.render.html import html_text, page_of, raw_element
from geo.values import as_int, text

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas as gpd

__all__ = ["add_panel", "date_span", "date_text", "radius"]

_DATE_FORMATS = {"year": "%Y", "month": "%Y-%m"}
_LEGEND_NOTES = (
    '<div class="cm-sec"><span class="cm-dot cm-hollow"></span>hollow, dashed: approximate place '
    "(precision 2 near a town, 3 a region)<br><span class='cm-dot cm-ring'></span>black ring: control change"
    "<br><span class='cm-dot'></span>small: toll unknown or a running total</div>"
)


def radius(killed: Any) -> float:
    """Circle radius in pixels (the page's ``cm.radius``): 3 + 3 sqrt(killed), 3.5 when unknown or zero, at most 32.

    1, 10 and 100 killed give 6, 12.5 and 32 px: three clearly different sizes.
    """
    n = as_int(killed)
    if not n or n < 0:
        return 3.5
    return round(min(32.0, 3.0 + 3.0 * math.sqrt(n)), 1)


def date_text(value: Any, precision: Any = None) -> str | None:
    """A date as text at its precision: ``2019-05-14``, ``2019-05`` (month) or ``2019`` (year).

    Strings are kept as they are; datetime-like values (``geo.spatial.frames`` stores period starts as
    ``datetime64``) are formatted with the precision.
    """
    if text(value) is None:
        return None
    if hasattr(value, "strftime"):
        formatted: str = value.strftime(_DATE_FORMATS.get(text(precision) or "day", "%Y-%m-%d"))
        return formatted
    return text(value)


def date_span(events: gpd.GeoDataFrame) -> str:
    """The events' date range as text (``first – last``, one date, or ``undated``)."""
    dates: list[str] = []
    if "date" in events.columns:
        precision = events["date_precision"] if "date_precision" in events.columns else [None] * len(events)
        dates = sorted({d for d in map(date_text, events["date"], precision) if d})
    return (dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}") if dates else "undated"


def _filter_rows(actors: Sequence[str], colours: Mapping[str, str], kinds: Sequence[str]) -> tuple[str, str]:
    """The actor and kind check boxes (actors in palette order, those present only)."""
    from geo.render.eventdata import KIND_LABELS

    actor_rows = "".join(
        f'<label class="cm-row"><input type="checkbox" checked data-cm-actor="{actors.index(a)}">'
        f'<span class="cm-dot" style="background:{colours[a]}"></span>{html_text(a)}</label>'
        for a in colours
        if a in actors
    )
    kind_rows = "".join(
        f'<label class="cm-row"><input type="checkbox" checked data-cm-kind="{html_text(k)}">'
        f"{html_text(KIND_LABELS[k])}</label>"
        for k in kinds
    )
    return actor_rows, kind_rows


def _head(title: str | None, events: gpd.GeoDataFrame, n_located: int, *, front: bool) -> list[str]:
    """The panel's opening: title and counts, date range, place search."""
    heading = html_text(text(title)) or f"{html_text(profile.active().name)}: events reported in dispatches"
    return [
        '<div id="cm-panel" class="cm-box cm-panel">',
        ('<div class="cm-head"><button id="cm-toggle" type="button" aria-expanded="true" '
        'aria-controls="cm-body" title="Show or hide filters and legend">×</button>'),
        (f'<div id="cm-title" class="cm-title"><b>{heading}</b><br>'
        f'<span class="cm-dates">{html_text(date_span(events))}</span>'
        f" · {n_located} of {len(events)} events mapped</div></div>"),
        '<div id="cm-body" class="cm-body">',
        '<div class="cm-sec"><b>Dates</b> <span id="cm-date-label"></span>'
        '<input id="cm-date-from" type="range" step="1" aria-label="from date">'
        '<input id="cm-date-to" type="range" step="1" aria-label="to date">'
        + ('<div class="cm-note">the end date also sets the control areas and front lines</div>' if front else "")
        + "</div>",
        ('<div class="cm-sec"><input id="cm-search" type="search" list="cm-places" placeholder="Find a place…" '
        'aria-label="find a place"><datalist id="cm-places"></datalist></div>'),
    ]


def add_panel(
    fmap: folium.Map,
    title: str | None,
    events: gpd.GeoDataFrame,
    located: gpd.GeoDataFrame,
    data: Mapping[str, Any],
    *,
    colours: Mapping[str, str],
    kinds: list[str],
    choropleth: bool,
    front: bool,
) -> None:
    """Add the title, filters and legend in one collapsible panel.

    Parameters
    ----------
    fmap : folium.Map
        The map.
    title : str, optional
        The title (untrusted text); by default "<country>: events reported in dispatches".
    events, located : geopandas.GeoDataFrame
        Every event and those drawn (the counts and the date range).
    data : Mapping
        The events' columnar data (:func:`geo.render.eventdata.event_columns`): its actor table.
    colours : Mapping of str to str
        The actor palette, in legend order.
    kinds : list of str
        The kinds present, in legend order.
    choropleth, front : bool
        Whether the killed-per-governorate legend and the front-line note are shown.
    """
    actor_rows, kind_rows = _filter_rows(data["tables"]["actor"], colours, kinds)
    sizes = "".join(
        f'<span class="cm-size" style="width:{2 * radius(k)}px;height:{2 * radius(k)}px"></span>{k}&nbsp;'
        for k in (1, 10, 100)
    )
    parts = [
        *_head(title, events, len(located), front=front),
        '<div id="cm-legend" class="cm-legend">',
        f'<div class="cm-sec"><b>Actor / new controller</b><div class="cm-grid">{actor_rows}</div></div>',
        f'<div class="cm-sec"><b>Kind</b><div class="cm-grid">{kind_rows}</div></div>',
        f"<div class='cm-sec cm-sizes'><b>Killed</b> {sizes}</div>",
        _LEGEND_NOTES,
    ]
    if choropleth:
        parts.append(choro_legend())
    n_missing = len(events) - len(located)
    if n_missing:
        parts.append(f"<div class='cm-note'>{n_missing} event(s) without coordinates not drawn</div>")
    parts.append('<div id="cm-count" class="cm-note"></div></div></div></div>')
    page_of(fmap).html.add_child(raw_element("".join(parts)), name="conflictmap_panel")
