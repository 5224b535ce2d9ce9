"""Large data blocks kept out of a rendered map page and streamed into the saved file.

folium renders a page as one string, and :func:`geo.render.offline.make_self_contained` copies it
again: with tens of megabytes of data in the page that is several copies at once. A page element
holds instead a placeholder (:func:`defer_block` writes the data to a temporary file), and
:func:`geo.render.webmap.save_map` writes the page around it, each placeholder replaced by its data
read back a piece at a time (:func:`page_pieces`), as it does for the spooled events.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import folium

__all__ = ["EVENTS_PLACEHOLDER", "SpooledText", "defer_block", "json_pieces", "list_pieces", "page_pieces",
           "page_streams"]

#: Stands for the events' data in a page built from chunks until :func:`geo.render.webmap.save_map` streams it in.
EVENTS_PLACEHOLDER = "/*cm-events-spooled*/"


class SpooledText:
    """A text in a temporary file, removed by :meth:`close` (or when the object is collected): written from
    its pieces (and :meth:`append`), read back a piece at a time (:meth:`pieces`) or a line at a time
    (:meth:`text_lines`), so that a large block made early in a run (page data, the joins' spooled records)
    is not held in memory until it is read."""

    def __init__(self, pieces: Iterable[str] = ()) -> None:
        import tempfile
        import weakref

        self._file = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - closed by close()
        self._file.writelines(pieces)
        self._close = weakref.finalize(self, self._file.close)

    def append(self, text: str) -> None:
        """Add ``text`` at the end (wherever a reading stopped)."""
        self._file.seek(0, 2)
        self._file.write(text)

    def pieces(self) -> Iterator[str]:
        """The text, a piece at a time."""
        self._file.flush()
        self._file.seek(0)
        while piece := self._file.read(1 << 20):
            yield piece

    def text_lines(self) -> Iterator[str]:
        """The text, a line at a time, from the first."""
        self._file.flush()
        self._file.seek(0)
        yield from self._file

    def close(self) -> None:
        """Remove the temporary file."""
        self._close()


def list_pieces(values: Iterable[object]) -> Iterator[str]:
    """:func:`geo.render.html.script_json` of the list of ``values`` (read once, :data:`_BATCH` at a time)."""
    from geo.render.html import script_json

    yield "["
    batch: list[object] = []
    first = True
    for value in values:
        batch.append(value)
        if len(batch) == _BATCH:
            yield ("" if first else ",") + script_json(batch)[1:-1]
            batch, first = [], False
    if batch:
        yield ("" if first else ",") + script_json(batch)[1:-1]
    yield "]"


#: Items of a long list serialised together by :func:`json_pieces`.
_BATCH = 2048


def json_pieces(value: object) -> Iterator[str]:
    """:func:`geo.render.html.script_json` of ``value`` in small pieces, whatever its depth: objects item by
    item, lists :data:`_BATCH` items at a time, so that no piece holds a whole column of a large layer
    (:func:`geo.render.html.script_json_pieces` writes whole what lies below its depth: the packed properties).
    A :class:`SpooledText` within ``value`` stands for a value already serialised: its text is taken as it is.

    The concatenation equals ``script_json(value)``: every escape is of one character, and a template
    delimiter never spans two items (between them is a comma).
    """
    from geo.render.html import script_json

    if isinstance(value, SpooledText):  # a value serialised already (a column too large to hold)
        yield from value.pieces()
    elif isinstance(value, dict) and all(isinstance(k, str) for k in value):
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield ("," if i else "") + script_json(key) + ":"
            yield from json_pieces(item)
        yield "}"
    elif isinstance(value, list | tuple) and any(isinstance(v, dict | list | tuple) for v in value[:1]):
        yield "["
        for i, item in enumerate(value):
            if i:
                yield ","
            yield from json_pieces(item)
        yield "]"
    elif isinstance(value, list | tuple) and len(value) > _BATCH:
        yield "["
        for i in range(0, len(value), _BATCH):
            yield ("," if i else "") + script_json(list(value[i : i + _BATCH]))[1:-1]
        yield "]"
    else:
        yield script_json(value)


def defer_block(fmap: folium.Map, text: Iterable[str]) -> str:
    """Keep a large data block out of the rendered page: ``text`` (a string, or its pieces: each written as
    it comes, never joined) goes to a temporary file now, and the
    placeholder returned (what the page element holds) is replaced by it, streamed, in :func:`save_map`.

    The rendered page then holds no large string, and the strings are not copied by folium's
    rendering and :func:`geo.render.offline.make_self_contained`.
    """
    import tempfile
    import uuid
    import weakref

    blocks: _Blocks | None = getattr(fmap, "_conflictmap_blocks", None)
    if blocks is None:
        blocks = fmap._conflictmap_blocks = _Blocks(Path(tempfile.mkdtemp(prefix="cm-blocks-")))  # type: ignore[attr-defined]
        weakref.finalize(fmap, blocks.close)
    placeholder = f"/*cm-block-{uuid.uuid4().hex}*/"
    path = blocks.folder / f"{len(blocks.files)}.json"
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines([text] if isinstance(text, str) else text)
    blocks.files[placeholder] = path
    return placeholder


class _Blocks:
    """The deferred data blocks of a page: placeholder -> temporary file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[str, Path] = {}

    def pieces(self, placeholder: str) -> Iterable[str]:
        with open(self.files[placeholder], encoding="utf-8") as fh:
            while piece := fh.read(1 << 20):
                yield piece

    def close(self) -> None:
        import shutil

        shutil.rmtree(self.folder, ignore_errors=True)


def page_streams(m: folium.Map) -> dict[str, Callable[[], Iterable[str]]]:
    """Placeholder -> the pieces that replace it: the spooled events and the deferred blocks."""
    streams: dict[str, Callable[[], Iterable[str]]] = {}
    spool = getattr(m, "_conflictmap_events", None)
    if spool is not None:
        streams[EVENTS_PLACEHOLDER] = spool.pieces
    blocks: _Blocks | None = getattr(m, "_conflictmap_blocks", None)
    for placeholder in blocks.files if blocks is not None else ():
        streams[placeholder] = functools.partial(blocks.pieces, placeholder)  # type: ignore[union-attr]
    return streams


def page_pieces(page: str, streams: Mapping[str, Callable[[], Iterable[str]]]) -> Iterator[tuple[str, bool]]:
    """``page`` with each placeholder (first occurrence) replaced by its stream's pieces, in page order;
    each piece with whether it was streamed in."""
    found = {}
    for placeholder in streams:
        at = page.find(placeholder)
        if at < 0:
            raise ValueError(f"placeholder {placeholder} is not in the page")
        found[at] = placeholder
    pos = 0
    for at in sorted(found):
        yield page[pos:at], False
        for piece in streams[found[at]]():
            yield piece, True
        pos = at + len(found[at])
    yield page[pos:], False
