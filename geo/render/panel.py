"""The map's panel: title, date range, filters by actor and kind, place search and legend.

One collapsible box: the markup is ``geo/render/static/panel.html``, whose ``${...}`` fields are filled
(:class:`string.Template`, one pass) with HTML built from escaped text (:func:`geo.render.html.html_text`);
it is added as a :class:`geo.render.html.RawElement` (never compiled as a Jinja2 template) and the page
script (``geo/render/static/cm-map.js``) binds its controls.
"""

from __future__ import annotations

import functools
import math
import re
import string
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from gazetteer import profile
from geo.render.assets import asset_text
from geo.render.choropleth import choro_legend
from geo.render.html import html_text, page_of, raw_element
from geo.values import as_int, text

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas as gpd

    from geo.render.eventstream import EventSummary

__all__ = ["add_panel", "date_span", "date_text", "radius"]

_DATE_FORMATS = {"year": "%Y", "month": "%Y-%m"}
_FRONT_NOTE = '<div class="cm-note">the end date also sets the control areas and front lines</div>'


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


#: The legend line of the basemap's rivers (when the country profile ships them).
_RIVER_NOTE = "<br><span class='cm-line cm-river-line'></span>blue line: main river (GSHHG, LGPL)"


@functools.lru_cache(maxsize=1)
def _panel_template() -> string.Template:
    """``static/panel.html`` without its comment, its lines joined without their indentation."""
    markup = re.sub(r"<!--.*?-->", "", asset_text("panel.html"), flags=re.S)
    return string.Template("".join(line.strip() for line in markup.splitlines()))


def add_panel(
    fmap: folium.Map,
    title: str | None,
    summary: EventSummary,
    actors: Sequence[str],
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
    summary : geo.render.eventstream.EventSummary
        Every event and those drawn: the counts and the date range.
    actors : sequence of str
        The actor table of the events' columnar data (:func:`geo.render.eventdata.event_columns`).
    colours : Mapping of str to str
        The actor palette, in legend order.
    kinds : list of str
        The kinds present, in legend order.
    choropleth, front : bool
        Whether the killed-per-governorate legend and the front-line note are shown.
    """
    actor_rows, kind_rows = _filter_rows(list(actors), colours, kinds)
    sizes = "".join(
        f'<span class="cm-size" style="width:{2 * radius(k)}px;height:{2 * radius(k)}px"></span>{k}&nbsp;'
        for k in (1, 10, 100)
    )
    n_missing = summary.n_events - summary.n_located
    markup = _panel_template().substitute(
        heading=html_text(text(title)) or f"{html_text(profile.active().name)}: events reported in dispatches",
        dates=html_text(summary.dates),
        n_located=summary.n_located,
        n_events=summary.n_events,
        front_note=_FRONT_NOTE if front else "",
        actor_rows=actor_rows,
        kind_rows=kind_rows,
        sizes=sizes,
        choropleth=choro_legend() if choropleth else "",
        river_note=_RIVER_NOTE if profile.active().rivers else "",
        missing=f"<div class='cm-note'>{n_missing} event(s) without coordinates not drawn</div>" if n_missing else "",
    )
    page_of(fmap).html.add_child(raw_element(markup), name="conflictmap_panel")
