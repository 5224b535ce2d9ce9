"""Turn a rendered folium page into a self-contained HTML file (no request to any remote host).

folium links its JavaScript and CSS from CDNs. :func:`make_self_contained` replaces every
``<script src=...>`` / ``<link rel="stylesheet" href=...>`` that points to a remote host with:

* the same library, inlined from an installed package: Leaflet from PyPI ``xstatic-leaflet``,
  Leaflet.markercluster from ``xstatic-leaflet-markercluster``, Leaflet.heat from ``geo/render/static``
  (vendored from the npm package ``leaflet.heat``, see ``geo/render/static/README.md``);
* nothing, for folium's defaults that conflictmap's maps do not use (jQuery, Bootstrap, Font
  Awesome, Leaflet.awesome-markers, glyphicons): conflictmap's layers bind popups and tooltips
  with plain Leaflet calls, never through folium's jQuery-based ``Popup``.

Any other remote asset is an error, unless registered with :func:`register_asset` (a module that
adds its own folium plugin registers a local copy of the plugin's files). :func:`check_offline`
then verifies that nothing that a browser would fetch (``src=``, stylesheet ``href=``, CSS
``url(``, ``@import``, tile URL templates, icon URLs) still points to ``http://`` or ``https://``.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from gazetteer.errors import ConflictmapError, MissingDependencyError
from geo.render.html import inline_script

__all__ = [
    "Asset",
    "check_offline",
    "find_remote_urls",
    "known_assets",
    "make_self_contained",
    "register_asset",
]


@dataclass(frozen=True, slots=True)
class Asset:
    """How to make one remote JS/CSS link local.

    Attributes
    ----------
    pattern : str
        Regular expression searched in the remote URL.
    kind : str
        ``"js"`` or ``"css"``.
    path : pathlib.Path or None
        Local file to inline; None drops the link (the page does not need it).
    """

    pattern: str
    kind: str
    path: Path | None


_STATIC = Path(__file__).resolve().parent / "static"

#: Folium defaults that conflictmap's pages do not need offline (dropped, not inlined).
_DROPPED: tuple[tuple[str, str], ...] = (
    (r"jquery[-.\d]*(\.min)?\.js$", "js"),
    (r"bootstrap[^/]*\.bundle(\.min)?\.js$", "js"),
    (r"bootstrap(\.min)?\.css$", "css"),
    (r"bootstrap-glyphicons\.css$", "css"),
    (r"fontawesome-free@[^/]+/css/all(\.min)?\.css$", "css"),
    (r"leaflet\.awesome-markers(\.min)?\.js$", "js"),
    (r"leaflet\.awesome-markers(\.min)?\.css$", "css"),
    (r"leaflet\.awesome\.rotate(\.min)?\.css$", "css"),
)

_EXTRA: list[Asset] = []


def register_asset(pattern: str, path: str | Path | None, *, kind: str | None = None) -> None:
    """Register a local copy (or a drop) for remote assets whose URL matches ``pattern``.

    Parameters
    ----------
    pattern : str
        Regular expression searched in the remote URL (e.g. ``r"leaflet\\.timeline(\\.min)?\\.js$"``).
    path : str or pathlib.Path or None
        The local file to inline, or None to drop the link.
    kind : str, optional
        ``"js"`` or ``"css"``; by default taken from the file (or pattern) suffix.

    Raises
    ------
    InputError
        If ``path`` does not exist or the kind cannot be told.
    """
    from gazetteer.errors import InputError

    local = Path(path) if path is not None else None
    if local is not None and not local.is_file():
        raise InputError(f"register_asset: local file {local} does not exist")
    if kind is None:
        probe = str(local) if local is not None else pattern.replace("\\", "").rstrip("$")
        kind = "css" if probe.endswith(".css") else "js" if probe.endswith(".js") else ""
    if kind not in ("js", "css"):
        raise InputError(f"register_asset: kind must be 'js' or 'css', got {kind!r} for {pattern!r}")
    re.compile(pattern)
    asset = Asset(pattern, kind, local)
    if asset not in _EXTRA:
        _EXTRA.append(asset)


def _xstatic_dir(module: str, package: str) -> Path:
    try:
        mod = __import__(module, fromlist=["BASE_DIR"])
    except ImportError as exc:
        raise MissingDependencyError(
            f"offline maps need the PyPI package {package!r} (pip install {package})"
        ) from exc
    return Path(mod.BASE_DIR)


def known_assets() -> list[Asset]:
    """Every remote asset the offline page knows: registered ones, Leaflet and plugins, dropped defaults.

    Returns
    -------
    list of Asset
        In matching order (registered assets first).

    Raises
    ------
    MissingDependencyError
        If ``xstatic-leaflet`` or ``xstatic-leaflet-markercluster`` is not installed.
    """
    leaflet = _xstatic_dir("xstatic.pkg.leaflet", "xstatic-leaflet")
    cluster = _xstatic_dir("xstatic.pkg.leaflet_markercluster", "xstatic-leaflet-markercluster")
    known = [
        Asset(r"/leaflet(\.min)?\.js$", "js", leaflet / "leaflet.js"),
        Asset(r"/leaflet(\.min)?\.css$", "css", leaflet / "leaflet.css"),
        Asset(r"leaflet\.markercluster(-src)?(\.min)?\.js$", "js", cluster / "leaflet.markercluster.js"),
        Asset(r"/MarkerCluster\.css$", "css", cluster / "MarkerCluster.css"),
        Asset(r"/MarkerCluster\.Default\.css$", "css", cluster / "MarkerCluster.Default.css"),
        Asset(r"leaflet[-_.]heat(\.min)?\.js$", "js", _STATIC / "leaflet-heat.js"),
    ]
    dropped = [Asset(p, k, None) for p, k in _DROPPED]
    return [*_EXTRA, *known, *dropped]


@functools.lru_cache(maxsize=32)
def _read_inline(path: str, kind: str, mtime_ns: int) -> str:  # noqa: ARG001 - mtime_ns: the cache key
    file = Path(path)
    text = file.read_text(encoding="utf-8")
    # Source maps are fetched by developer tools: drop the reference.
    text = re.sub(r"^[ \t]*//# sourceMappingURL=.*$", "", text, flags=re.M)
    text = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", text)
    if kind == "css":
        text = _inline_css_urls(text, file.parent)
        return f"<style>\n{text}\n</style>"
    return f"<script>\n{inline_script(text)}\n</script>"


_MIME = {".png": "image/png", ".svg": "image/svg+xml", ".gif": "image/gif", ".jpg": "image/jpeg"}


def _inline_css_urls(css: str, base: Path) -> str:
    """Replace relative ``url(images/x.png)`` references by data URIs."""

    def repl(match: re.Match[str]) -> str:
        ref = match.group(2)
        if ref.startswith(("data:", "#")):
            return match.group(0)
        if re.match(r"[a-z]+:", ref, flags=re.I):
            raise ConflictmapError(f"stylesheet in {base} refers to the remote URL {ref}")
        file = (base / ref).resolve()
        if not file.is_file():
            raise ConflictmapError(f"stylesheet in {base} refers to {ref}, which is not installed ({file})")
        mime = _MIME.get(file.suffix.lower(), "application/octet-stream")
        data = base64.b64encode(file.read_bytes()).decode("ascii")
        return f"url(data:{mime};base64,{data})"

    return re.sub(r"""url\((['"]?)([^'")]+)\1\)""", repl, css)


_SCRIPT_TAG = re.compile(r"""<script\b[^>]*?\bsrc\s*=\s*["']([^"']+)["'][^>]*>\s*</script>""", re.I)
_LINK_TAG = re.compile(r"""<link\b[^>]*?\bhref\s*=\s*["']([^"']+)["'][^>]*>""", re.I)
_REMOTE = re.compile(r"^(https?:)?//", re.I)


def make_self_contained(html: str, *, allowed: Sequence[str] = ()) -> str:
    """Inline or drop every remote script and stylesheet of a folium page, then check it.

    Parameters
    ----------
    html : str
        The page as rendered by folium (``m.get_root().render()``).
    allowed : sequence of str
        Remote URLs the page may still fetch (an opt-in online tile layer's URL template).

    Returns
    -------
    str
        The self-contained page.

    Raises
    ------
    ConflictmapError
        If a remote asset has no local copy, or if a remote URL that a browser would fetch
        remains (see :func:`check_offline`).
    MissingDependencyError
        If ``xstatic-leaflet`` or ``xstatic-leaflet-markercluster`` is not installed.
    """
    assets = known_assets()
    seen: set[str] = set()

    def replace(match: re.Match[str], kind: str) -> str:
        url = match.group(1)
        if not _REMOTE.match(url):
            return match.group(0)
        if kind == "css" and not re.search(r"""rel\s*=\s*["']?stylesheet""", match.group(0), re.I):
            return match.group(0)  # not a stylesheet link; check_offline judges it
        for asset in assets:
            if asset.kind == kind and re.search(asset.pattern, url):
                if asset.path is None:
                    return ""
                key = str(asset.path)
                if key in seen:  # same library linked twice (e.g. two versions)
                    return ""
                seen.add(key)
                return _read_inline(key, kind, asset.path.stat().st_mtime_ns)
        raise ConflictmapError(
            f"cannot make the map self-contained: no local copy of {url} "
            "(register one with geo.render.offline.register_asset)"
        )

    out = _SCRIPT_TAG.sub(lambda m: replace(m, "js"), html)
    out = _LINK_TAG.sub(lambda m: replace(m, "css"), out)
    check_offline(out, allowed=allowed)
    return out


#: What a browser fetches, as (pattern, case-insensitive). Every pattern opens with a literal, which
#: Python's ``re`` finds with a fast scan instead of trying the pattern at every position of a page of
#: tens of MB: the case-insensitive ones are searched in the lower-cased page (hence written in lower
#: case), and a name that must start a word (``iconUrl``, ``fetch``) is checked after the match
#: (:func:`_starts_word`) rather than with a leading ``\\b``.
_FETCHED: tuple[tuple[re.Pattern[str], bool], ...] = tuple(
    (re.compile(pattern), folded)
    for pattern, folded in (
        # src / srcset of elements that load something
        ((r"""<(?:script|img|iframe|frame|source|video|audio|embed|input|track)\b"""
         r"""[^>]*?\b(?:src|srcset|poster)\s*=\s*["']?\s*((?:https?:)?//[^\s"'>]+)"""), True),
        # <link href=...> (stylesheet, icon, preload, ...)
        (r"""<link\b[^>]*?\bhref\s*=\s*["']?\s*((?:https?:)?//[^\s"'>]+)""", True),
        # <object data=...>
        (r"""<object\b[^>]*?\bdata\s*=\s*["']?\s*((?:https?:)?//[^\s"'>]+)""", True),
        # CSS url(...) and @import
        (r"""url\(\s*["']?\s*((?:https?:)?//[^\s"')]+)""", True),
        (r"""@import\s+["']\s*((?:https?:)?//[^\s"']+)""", True),
        # Leaflet tile layers and icons
        (r"""l\.tilelayer(?:\.wms)?\(\s*["'`]\s*((?:https?:)?//[^\s"'`]+)""", True),
        *((name + r"""["']?\s*:\s*["'`]\s*((?:https?:)?//[^\s"'`]+)""", False)
          for name in ("iconUrl", "iconRetinaUrl", "shadowUrl", "shadowRetinaUrl")),
        # fetch / XHR / importScripts in page scripts
        *((name + r"""\(\s*["'`]\s*((?:https?:)?//[^\s"'`]+)""", False) for name in ("fetch", "importScripts")),
        (r"""\.open\(\s*["'](?:get|post)["']\s*,\s*["'`]\s*((?:https?:)?//[^\s"'`]+)""", True),
    )
)
_WORD = re.compile(r"\w")


def _starts_word(text: str, at: int) -> bool:
    """Whether ``text[at]`` starts a word (what a leading ``\\b`` before a name asks)."""
    return at == 0 or _WORD.match(text, at - 1) is None


def find_remote_urls(html: str) -> list[str]:
    """Return the remote URLs that a browser would fetch when loading ``html``.

    Plain links (``<a href>``) and URLs inside text are not counted: they are not fetched.

    Parameters
    ----------
    html : str
        A complete HTML page.

    Returns
    -------
    list of str
        The URLs, in order of appearance, without duplicates.
    """
    lowered = html.lower()
    if len(lowered) != len(html):  # a character whose lower case is longer: positions would not line up
        return _find_remote_urls_slow(html)
    found: dict[str, None] = {}
    for pattern, folded in _FETCHED:
        for match in pattern.finditer(lowered if folded else html):
            if folded or _starts_word(html, match.start()):
                found.setdefault(html[match.start(1) : match.end(1)], None)
    return list(found)


def _find_remote_urls_slow(html: str) -> list[str]:
    """:func:`find_remote_urls` for a page whose lower case does not keep its positions."""
    found: dict[str, None] = {}
    for pattern, folded in _FETCHED:
        slow = re.compile(pattern.pattern, re.IGNORECASE) if folded else pattern
        for match in slow.finditer(html):
            if folded or _starts_word(html, match.start()):
                found.setdefault(match.group(1), None)
    return list(found)


def check_offline(html: str, *, allowed: Sequence[str] = ()) -> None:
    """Raise if ``html`` would fetch anything from a remote host (but the ``allowed`` URLs).

    Parameters
    ----------
    html : str
        A complete HTML page.
    allowed : sequence of str
        URLs that may stay (an opt-in online tile layer).

    Raises
    ------
    ConflictmapError
        Naming the first remote URLs found.
    """
    urls = [u for u in find_remote_urls(html) if u not in set(allowed)]
    if urls:
        shown = ", ".join(urls[:5]) + (f" and {len(urls) - 5} more" if len(urls) > 5 else "")
        raise ConflictmapError(f"offline map would still fetch {len(urls)} remote URL(s): {shown}")
