"""The browser files of the map (``geo/render/static``: JavaScript, CSS), read as package data.

The page's scripts and styles are files, not Python strings: :func:`asset_text` reads one through
:mod:`importlib.resources`, and :func:`script_asset` returns it ready to inline in a ``<script>``
element (:func:`geo.render.html.inline_script`). They are trusted code: every value they show
reaches them as JSON data (:func:`geo.render.html.script_json`), never as template text.
"""

from __future__ import annotations

import functools
from importlib import resources

from geo.render.html import inline_script

__all__ = ["asset_text", "script_asset"]


@functools.lru_cache(maxsize=32)
def asset_text(name: str) -> str:
    """Return the text of the file ``name`` of ``geo/render/static``.

    Parameters
    ----------
    name : str
        A file name such as ``"map.css"`` or ``"cm-map.js"``.

    Returns
    -------
    str
        The file's text (UTF-8).
    """
    return (resources.files("geo.render") / "static" / name).read_text(encoding="utf-8")


def script_asset(*names: str) -> str:
    """Return the JavaScript files ``names`` of ``geo/render/static``, joined, ready to inline.

    Parameters
    ----------
    *names : str
        File names, in the order the page runs them.

    Returns
    -------
    str
        The sources joined by newlines, through :func:`geo.render.html.inline_script`.
    """
    return inline_script("\n".join(asset_text(name) for name in names))
