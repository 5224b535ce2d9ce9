"""Untrusted text into an HTML page: one escaper per context, and page elements that never re-compile.

Every string a dispatch, a baseline, a place table, a file name or a command-line option brings is
untrusted. The map is built with folium/branca, whose ``MacroElement.render`` wraps each rendered
macro in a new ``branca.element.Element``, which compiles that output **again** as a Jinja2
template: any ``{{ ... }}``, ``{% ... %}`` or ``{# ... #}`` that reached the output would be
evaluated (arbitrary Python through Jinja2's globals). Two independent defences follow:

1. **Nothing is re-compiled.** :class:`SafeMacroElement` and the :func:`safe_layer_class` mixin
   render each macro once and add the output as a :class:`RawElement`, whose text is never a
   template. Static fragments (CSS, the title box, the legend) are :class:`RawElement` s too.
2. **Data is data.** Untrusted values reach the page only through :func:`script_json` (JSON inside
   ``<script>``) or :func:`html_text` (text inside HTML), and both also neutralise template
   delimiters: a ``{`` that opens ``{{``, ``{%`` or ``{#`` is written ``\\u007b`` in JSON strings and
   every brace is a character reference (``&#123;``) in HTML text. The browser shows the original
   characters; a template engine sees no delimiter.

``script_json`` also escapes ``<``, ``>``, ``&`` (so no ``</script>`` or ``<!--`` can end or comment
out the script) and U+2028/U+2029 (line terminators in older JavaScript). Trusted code inlined in a
page (Leaflet, the page script, the layers' scripts of ``geo/render/static``) goes through
:func:`inline_script`, the one place that keeps a ``</script`` inside code from ending the element.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from branca.element import Figure

#: ``RawElement`` and ``SafeMacroElement`` are public too, built on first use (module ``__getattr__``).
__all__ = ["html_text", "inline_script", "page_of", "raw_element", "safe_layer_class", "safe_macro", "script_json",
           "script_json_pieces"]

_SCRIPT_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)
#: In compact JSON a structural ``{`` is always followed by ``"`` or ``}``, so a ``{`` followed by
#: ``{``, ``%`` or ``#`` can only stand inside a string, where ``\\u007b`` is the same character.
_TEMPLATE_OPEN = re.compile(r"\{(?=[{%#])")


def script_json(value: Any) -> str:
    """Serialise ``value`` as JSON that is safe inside an HTML ``<script>`` element and inert for Jinja2.

    Parameters
    ----------
    value : Any
        JSON-serialisable data (NaN/inf are rejected: use None).

    Returns
    -------
    str
        Compact JSON where ``<``, ``>``, ``&``, U+2028, U+2029 and the ``{`` of any template
        delimiter (``{{``, ``{%``, ``{#``) are ``\\uXXXX`` escapes.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, esc in _SCRIPT_ESCAPES:
        text = text.replace(raw, esc)
    return _TEMPLATE_OPEN.sub(r"\\u007b", text)


#: Lists up to this long are written item by item by :func:`script_json_pieces` (the longer ones whole).
_SPLIT_LIST = 64

#: How deep :func:`script_json_pieces` splits: below, a value is written whole (a geometry, a feature's
#: properties: small; splitting them into one piece per number cost more time than the memory it saved).
_SPLIT_DEPTH = 4


def script_json_pieces(value: Any, depth: int = _SPLIT_DEPTH) -> Iterator[str]:
    """:func:`script_json` of ``value`` in pieces, never the whole text: the items of its objects (string
    keys) and short lists, down to each big column, are serialised one at a time.

    The concatenation equals ``script_json(value)``: every escape is of one character, and a piece
    never ends with the ``{`` of a template delimiter (a JSON value ends with ``]``, ``}``, ``"``,
    a digit or a letter; the glue is ``[``, ``{``, ``:`` and ``,`` before a value).
    """
    if depth and isinstance(value, dict) and all(isinstance(k, str) for k in value):
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield ("," if i else "") + script_json(key) + ":"
            yield from script_json_pieces(item, depth - 1)
        yield "}"
    elif depth and isinstance(value, list | tuple) and len(value) <= _SPLIT_LIST:
        yield "["
        for i, item in enumerate(value):
            if i:
                yield ","
            yield from script_json_pieces(item, depth - 1)
        yield "]"
    else:
        yield script_json(value)


def inline_script(code: str) -> str:
    """Make trusted JavaScript safe to inline as the body of a ``<script>`` element.

    Parameters
    ----------
    code : str
        JavaScript source (a library or a script of ``geo/render/static``; never dispatch text:
        data goes through :func:`script_json`).

    Returns
    -------
    str
        ``code`` with every ``</script`` written ``<\\/script`` (the same string for JavaScript; the
        HTML parser no longer sees the end of the element).
    """
    return code.replace("</script", "<\\/script")


def html_text(value: Any) -> str:
    """Escape text for HTML element content or a quoted attribute, braces included.

    Parameters
    ----------
    value : Any
        Any value; None gives an empty string, others are converted with ``str``.

    Returns
    -------
    str
        ``&``, ``<``, ``>``, quotes escaped (:func:`html.escape`) and ``{``/``}`` as ``&#123;``/``&#125;``.
    """
    if value is None:
        return ""
    return html.escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def page_of(element: Any) -> Figure:
    """The branca ``Figure`` (the page: ``header``, ``html``, ``script``) that ``element`` belongs to.

    Raises
    ------
    TypeError
        If ``element`` is not inside a page.
    """
    from branca.element import Figure

    figure = element.get_root()
    if not isinstance(figure, Figure):
        raise TypeError(f"{type(element).__name__} is not inside a branca Figure")
    return figure


def _safe_render(self: Any, **kwargs: Any) -> None:
    """``MacroElement.render`` without the second compilation: macro outputs are added verbatim."""
    figure = page_of(self)
    macros = self._template.module.__dict__
    for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
        macro = macros.get(part)
        if macro is not None:
            target.add_child(_raw_class()(str(macro(self, kwargs))), name=self.get_name())
    for element in self._children.values():
        element.render(**kwargs)


@functools.cache
def _raw_class() -> type:
    from branca.element import Element

    class _RawElement(Element):
        """A page fragment rendered verbatim: its text is never compiled as a template."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self._name = "RawElement"
            self.text = text

        def render(self, **kwargs: Any) -> str:  # noqa: ARG002 - branca's signature
            return self.text

    return _RawElement


@functools.cache
def _safe_macro_class() -> type:
    from branca.element import MacroElement

    class _SafeMacroMixin(MacroElement):
        """Put before ``MacroElement`` in a class's bases to render its macros once, verbatim."""

        render = _safe_render

    return _SafeMacroMixin


@functools.cache
def safe_layer_class(base: type) -> type:
    """A subclass of a folium ``MacroElement`` class (e.g. ``folium.map.Layer``) that never re-compiles.

    The mixin sits just before ``MacroElement`` in the MRO, so the base's own ``render`` (a
    Layer's "add to map" child, for instance) still runs and then reaches the safe render.

    Parameters
    ----------
    base : type
        A subclass of ``branca.element.MacroElement``.

    Returns
    -------
    type
        ``class Safe<Base>(base, mixin)``.
    """
    return type(f"Safe{base.__name__}", (base, _safe_macro_class()), {})


def __getattr__(name: str) -> Any:
    # built on first use so that importing this module does not import branca
    if name == "RawElement":
        return _raw_class()
    if name == "SafeMacroElement":
        return _safe_macro_class()
    raise AttributeError(f"module 'geo.render.html' has no attribute {name!r}")


def raw_element(text: str) -> Any:
    """A :class:`RawElement` holding ``text`` (trusted markup built with :func:`html_text`)."""
    return _raw_class()(text)


def safe_macro(name: str, template: Any, **attrs: Any) -> Any:
    """A :class:`SafeMacroElement` with ``template`` (a Jinja2 template of macros) and attributes.

    Parameters
    ----------
    name : str
        Element name (the prefix of its JavaScript variable).
    template : jinja2.Template
        Defines ``header``/``html``/``script`` macros; attributes are reached as ``this.<name>``.
    **attrs
        Values for the template, already escaped for their context (:func:`script_json`).
    """
    el = _safe_macro_class()()
    el._name = name
    el._template = template
    for key, value in attrs.items():
        setattr(el, key, value)
    return el
