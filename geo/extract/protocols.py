"""What extraction needs from a gazetteer, as a :class:`typing.Protocol`.

:class:`gazetteer.Gazetteer` satisfies :class:`ExtractionGazetteer`; so may a user's own resolver
(mention finding falls back to ``resolve(name)`` when it takes no keywords, and to no phrase index
or candidates when it has none).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from gazetteer.types import Place, Resolution

__all__ = ["ExtractionGazetteer", "Point"]

#: A ``(lat, lon)`` point.
Point = tuple[float, float]


class ExtractionGazetteer(Protocol):
    """The gazetteer methods that :func:`geo.extract.mentions.find_mentions` calls."""

    #: The score from which a place counts as resolved.
    threshold: float

    def resolve(
        self, name: str, *, governorate: str | None = ..., near: Point | None = ..., kind: str | None = ...
    ) -> Resolution:
        """Resolve one place name (see :meth:`gazetteer.Gazetteer.resolve`)."""
        ...

    def candidates(
        self, name: str, *, limit: int = ..., governorate: str | None = ..., near: Point | None = ...,
        kind: str | None = ...,
    ) -> list[Resolution]:
        """The best scored places for ``name``, without threshold."""
        ...

    def phrase_index(self) -> Mapping[str, object]:
        """Normalised spelling -> places, for the dictionary matcher."""
        ...

    def governorate(self, name: str) -> Place | None:
        """The governorate named by P-code, English or French name, or None."""
        ...
