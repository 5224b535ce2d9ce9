"""The one small base class every gazetteer source derives from (geopy's ``Geocoder`` is the model).

A *local* source lists its places once (:meth:`Source.places`) and the resolver indexes them.
An *online* source (:class:`OnlineSource`) is asked per query (:meth:`OnlineSource.geocode`)
and only as a last resort.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from gazetteer.types import Place

__all__ = ["OnlineSource", "Source"]


class Source:
    """A local gazetteer source: a finite list of places.

    Subclasses set :attr:`name` (their registry name) and implement :meth:`places`.
    """

    #: Registry name, also stored in every :attr:`Place.source` the source produces.
    name: ClassVar[str] = ""
    #: True for sources that answer one query at a time over the network.
    online: ClassVar[bool] = False
    #: Score bonus of this source's places when spellings tie (a user's own table wins, 0.3).
    prior: ClassVar[float] = 0.0

    def places(self) -> Iterable[Place]:
        """Yield every place of the source.

        Returns
        -------
        Iterable[Place]
            The places, in the source's own order.
        """
        raise NotImplementedError(f"{type(self).__name__} must implement places()")

    def fingerprint(self) -> tuple[object, ...] | None:
        """A value that changes when the places would change (files, options), or None.

        Sources that return one have their places and name keys cached between runs
        (:mod:`gazetteer._source_cache`); None (the default) reads them every time.
        """
        return None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


class OnlineSource(Source):
    """A source asked one query at a time (a web geocoder). It has no list of places."""

    online: ClassVar[bool] = True

    def places(self) -> Iterable[Place]:
        """Return nothing: an online source is queried with :meth:`geocode`."""
        return ()

    def geocode(self, query: str, *, governorate: str | None = None) -> list[Place]:
        """Return the places the service finds for ``query``, best first.

        Parameters
        ----------
        query
            A place name.
        governorate
            OCHA P-code of the governorate the text names, if any (a hint, not a filter).

        Returns
        -------
        list[Place]
            Possibly empty.
        """
        raise NotImplementedError(f"{type(self).__name__} must implement geocode()")
