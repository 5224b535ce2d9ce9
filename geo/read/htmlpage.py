"""HTML pages: the article text (paragraphs of ``<article>``, else of the page), title, url and date."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from geo.model import Document
from geo.read.decode import decode_file
from geo.read.files import read_bytes
from geo.read.metadata import document_date
from geo.read.records import SkipError

__all__ = ["read_html"]

_DROP = {"script", "style", "nav", "noscript", "footer", "aside", "form", "template", "svg"}
_BLOCKS = {"p", "h2", "h3", "h4", "li", "blockquote", "figcaption", "div", "br", "section", "article"}
_VOID = {"br", "img", "meta", "link", "hr", "input", "source", "wbr", "area", "base", "col"}
_WS = re.compile(r"[ \t\n\r\f]+")  # HTML whitespace; U+00A0 is kept


class _ArticleParser(HTMLParser):
    """Collect <title>, <h1>, paragraph texts (inside <article> and everywhere) and date metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.h1: list[str] = []
        self.date: str | None = None
        self.url: str | None = None
        self.article_paras: list[str] = []
        self.article_text: list[str] = []
        self.paras: list[str] = []
        self.body_text: list[str] = []
        self._drop = 0
        self._in_title = False
        self._in_h1 = False
        self._article = 0
        self._para: list[str] | None = None
        self._para_in_article = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag in _DROP:
            if tag not in _VOID:
                self._drop += 1
            return
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in ("article:published_time", "datepublished", "date", "pubdate", "dc.date",
                       "og:published_time", "publication_date") and self.date is None:
                self.date = a.get("content") or None
            elif key in ("og:url",) and self.url is None:
                self.url = a.get("content") or None
        elif tag == "link" and a.get("rel", "").lower() == "canonical" and a.get("href"):
            self.url = a["href"]
        elif tag == "time" and a.get("datetime") and self.date is None:
            self.date = a["datetime"]
        elif tag == "title":
            self._in_title = True
        elif tag == "h1":
            self._in_h1 = True
        elif tag == "article":
            self._article += 1
        if tag in ("p", "h2", "h3", "li", "blockquote") and self._drop == 0:
            self._close_para()
            self._para = []
            self._para_in_article = self._article > 0
        elif tag in _BLOCKS:
            self._add_break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP:
            if tag not in _VOID and self._drop:
                self._drop -= 1
            return
        if tag == "title":
            self._in_title = False
        elif tag == "h1":
            self._in_h1 = False
        elif tag in ("p", "h2", "h3", "li", "blockquote"):
            self._close_para()
        elif tag == "article":
            self._close_para()
            self._article = max(0, self._article - 1)
        if tag in _BLOCKS:
            self._add_break()

    def handle_data(self, data: str) -> None:
        if self._drop:
            return
        if self._in_title:
            self.title.append(data)
            return
        if self._in_h1:
            self.h1.append(data)
        if self._para is not None:
            self._para.append(data)
        if self._article:
            self.article_text.append(data)
        self.body_text.append(data)

    def _add_break(self) -> None:
        if self._article:
            self.article_text.append("\n")
        self.body_text.append("\n")

    def _close_para(self) -> None:
        if self._para is None:
            return
        text = _WS.sub(" ", "".join(self._para)).strip()
        if text:
            (self.article_paras if self._para_in_article else self.paras).append(text)
        self._para = None

    def close(self) -> None:
        super().close()
        self._close_para()


def _paragraphs(chunks: list[str]) -> str:
    parts = [_WS.sub(" ", p).strip() for p in "".join(chunks).split("\n")]
    return "\n\n".join(p for p in parts if p)


def _charset(data: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", data[:4096], re.IGNORECASE)
    return m.group(1).decode("ascii").lower() if m else None


def _decode_html(data: bytes, path: Path) -> str:
    """The page's text: in its declared charset when that is not UTF-8 and works, else decoded as a file."""
    charset = _charset(data)
    if charset and charset not in ("utf-8", "utf8"):
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_file(data, path)


def _article_text(parser: _ArticleParser) -> str:
    """The article's paragraphs, else its text, else the page's paragraphs, else the page's text."""
    if parser.article_paras:
        return "\n\n".join(parser.article_paras)
    if parser.article_text and _paragraphs(parser.article_text):
        return _paragraphs(parser.article_text)
    if parser.paras:
        return "\n\n".join(parser.paras)
    return _paragraphs(parser.body_text)


def read_html(path: Path, max_bytes: int) -> Document:
    """Read one HTML page as a document (SkipError when it holds no article text)."""
    parser = _ArticleParser()
    parser.feed(_decode_html(read_bytes(path, max_bytes), path))
    parser.close()
    text = _article_text(parser)
    if not text.strip():
        raise SkipError("no article text found in the HTML page")
    title = _WS.sub(" ", "".join(parser.title)).strip() or _WS.sub(" ", "".join(parser.h1)).strip()
    date, precision = document_date(parser.date)
    return Document(
        id=path.stem,
        source=str(path),
        text=text,
        date=date,
        date_precision=precision,
        title=title or None,
        url=parser.url,
    )
