"""find_remote_urls: literal-led patterns on the lower-cased page give what the case-insensitive ones gave."""

from __future__ import annotations

import re

import pytest

from geo.render import offline

# The patterns as they were written first: case-insensitive, names behind a leading \b (the reference).
_REFERENCE = (
    re.compile(r"""<(?:script|img|iframe|frame|source|video|audio|embed|input|track)\b"""
               r"""[^>]*?\b(?:src|srcset|poster)\s*=\s*["']?\s*((?:https?:)?//[^\s"'>]+)""", re.I),
    re.compile(r"""<link\b[^>]*?\bhref\s*=\s*["']?\s*((?:https?:)?//[^\s"'>]+)""", re.I),
    re.compile(r"""<object\b[^>]*?\bdata\s*=\s*["']?\s*((?:https?:)?//[^\s"'>]+)""", re.I),
    re.compile(r"""url\(\s*["']?\s*((?:https?:)?//[^\s"')]+)""", re.I),
    re.compile(r"""@import\s+["']\s*((?:https?:)?//[^\s"']+)""", re.I),
    re.compile(r"""L\.tileLayer(?:\.wms)?\(\s*["'`]\s*((?:https?:)?//[^\s"'`]+)""", re.I),
    re.compile(r"""\b(?:iconUrl|iconRetinaUrl|shadowUrl|shadowRetinaUrl)["']?\s*:\s*["'`]\s*((?:https?:)?//[^\s"'`]+)"""),
    re.compile(r"""\b(?:fetch|importScripts)\(\s*["'`]\s*((?:https?:)?//[^\s"'`]+)"""),
    re.compile(r"""\.open\(\s*["'](?:GET|POST)["']\s*,\s*["'`]\s*((?:https?:)?//[^\s"'`]+)""", re.I),
)

_PAGES = [
    '<SCRIPT SRC="https://cdn.example.org/Lib.JS"></SCRIPT><Link rel=stylesheet HREF=//fonts.example.com/A.css>',
    "<style>.a{background:URL( 'https://img.example.net/Bg.PNG' )} @IMPORT 'http://x.example/s.css';</style>",
    ("<script>L.TileLayer('https://{s}.tiles.example/{z}/{x}/{y}.png').addTo(m);"
    " var i = {iconUrl: 'https://i.example/marker.png', shadowRetinaUrl: \"//i.example/s2.png\"};"
    " prefetch('https://not.fetched.example/'); fetch( 'https://api.example/Q?x=1');"
    " importScripts('//w.example/worker.js'); xhr.open('get', 'https://xhr.example/data');"
    " var myiconUrl = 'https://not.an.icon.example/';</script>"),
    ("<object data='https://obj.example/file.swf'></object><img srcset=\"//img.example/a.png 2x\">"
    " <a href='https://plain.link.example/'>a link is not fetched</a>"),
    "<p>Ankara İstanbul</p><img src='https://after.dotted.i.example/x.png'>",  # lower() of İ is two characters
    "<p>Deir ez-Zor, Saraqeb</p> no remote asset at all",
]


def _reference(html: str) -> list[str]:
    found: dict[str, None] = {}
    for pattern in _REFERENCE:
        for match in pattern.finditer(html):
            found.setdefault(match.group(1), None)
    return list(found)


@pytest.mark.parametrize("page", _PAGES)
def test_same_urls_as_the_case_insensitive_patterns(page: str) -> None:
    assert sorted(offline.find_remote_urls(page)) == sorted(_reference(page))


def test_names_inside_a_word_are_not_calls() -> None:
    urls = offline.find_remote_urls(_PAGES[2])
    assert "https://not.fetched.example/" not in urls
    assert "https://not.an.icon.example/" not in urls
    assert "https://api.example/Q?x=1" in urls  # the URL as written, not lower-cased


def test_a_page_with_a_longer_lower_case_is_still_checked() -> None:
    assert offline.find_remote_urls(_PAGES[4]) == ["https://after.dotted.i.example/x.png"]
