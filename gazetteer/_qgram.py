"""A bigram pre-filter for rapidfuzz ``ratio`` searches over large key lists (the 30,000-place index).

``ratio`` is the normalised Indel similarity ``2 L / (m + n)`` (``L``: longest common subsequence of
a query of length ``m`` and a key of length ``n``). In an optimal alignment, the ``L`` matched pairs
form at least ``L - 1 - (m - L) - (n - L)`` pairs adjacent in both strings, each a query bigram found
in the key; so a key can reach ``cutoff`` only if its length allows ``L >= cutoff (m + n) / 200`` and
it shares at least ``3 L - m - n - 1`` of the query's bigrams (less the query's repeated bigrams,
since keys are indexed by distinct bigrams, and less the very common bigrams, which are not counted).
Survivors then pass a second bound: ``L`` is at most the sum over characters of the smaller of the
two counts (character histograms, one row per key). The filter is exact: ``process.extract`` over
the survivors, kept in their original order, returns what it returns over every key.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["BigramFilter"]

_MAX_ALPHABET = 64
_COMMON = 0.5  # bigrams in more than this share of the keys are not counted (cheaper, still exact)


class BigramFilter:
    """Keys grouped by length and indexed by their distinct bigrams (numpy posting lists)."""

    def __init__(self, keys: list[str]) -> None:
        import numpy as np

        self.keys = keys
        self._array: Any = np.array(keys, dtype=object)
        order = sorted(range(len(keys)), key=lambda i: len(keys[i]))
        self._order: Any = np.asarray(order, dtype=np.int64)
        position = {orig: pos for pos, orig in enumerate(order)}
        self._spans: dict[int, tuple[int, int]] = {}
        for pos, orig in enumerate(order):
            n = len(keys[orig])
            start, _ = self._spans.get(n, (pos, pos))
            self._spans[n] = (start, pos + 1)
        alphabet = sorted({c for k in keys for c in k})[:_MAX_ALPHABET - 1]
        self._column = {c: i for i, c in enumerate(alphabet)}  # other characters share the last column
        self._width = len(alphabet) + 1
        self._hist: Any = np.zeros((len(keys), self._width), dtype=np.uint8)
        self._sorted_lengths: Any = np.zeros(len(keys), dtype=np.int64)
        other = self._width - 1
        for pos, orig in enumerate(order):
            row = self._hist[pos]
            for c in keys[orig]:
                col = self._column.get(c, other)
                row[col] = min(255, int(row[col]) + 1)
            self._sorted_lengths[pos] = len(keys[orig])
        postings: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            for gram in {key[j : j + 2] for j in range(len(key) - 1)}:
                postings.setdefault(gram, []).append(position[i])
        limit = max(1, int(_COMMON * len(keys)))
        self._common = frozenset(g for g, ids in postings.items() if len(ids) > limit)
        self.postings = {
            g: np.sort(np.asarray(ids, dtype=np.int64)) for g, ids in postings.items() if g not in self._common
        }
        self._plans: dict[tuple[int, float], tuple[int, int, Any, Any] | None] = {}

    def _plan(self, m: int, cutoff: float) -> tuple[int, int, Any, Any] | None:
        """Window [lo, hi) of sorted positions whose length allows the cutoff, and the bigrams each needs."""
        import numpy as np

        key = (m, cutoff)
        plan = self._plans.get(key)
        if plan is None and key not in self._plans:
            parts, mins, lo, hi = [], [], None, None
            for n, (start, end) in sorted(self._spans.items()):
                lcs_min = math.ceil(cutoff * (m + n) / 200.0 - 1e-9)
                if lcs_min > min(m, n):
                    continue
                lo = start if lo is None else lo
                hi = end
                parts.append(np.full(end - start, 3 * lcs_min - m - n - 1, dtype=np.int64))
                mins.append(np.full(end - start, lcs_min, dtype=np.int64))
            plan = (lo, hi, np.concatenate(parts), np.concatenate(mins)) if parts else None  # type: ignore[assignment]
            self._plans[key] = plan
        return plan

    def candidates(self, query: str, cutoff: float) -> list[str]:
        """Return the keys that may reach ``fuzz.ratio(query, key) >= cutoff``, in index order."""
        import numpy as np

        m = len(query)
        plan = self._plan(m, cutoff)
        if plan is None:
            return []
        lo, hi, needed, lcs_min = plan
        grams = [query[j : j + 2] for j in range(m - 1)]
        distinct = set(grams)
        slack = (len(grams) - len(distinct)) + len(distinct & self._common)
        arrays = []
        for g in distinct:
            ids = self.postings.get(g)
            if ids is not None:
                a, b = np.searchsorted(ids, (lo, hi))
                if b > a:
                    arrays.append(ids[a:b])
        if arrays:
            counts = np.bincount(np.concatenate(arrays) - lo, minlength=hi - lo)
        else:
            counts = np.zeros(hi - lo, dtype=np.int64)
        keep = np.flatnonzero(counts + slack >= needed)
        if len(keep):
            q_hist = np.zeros(self._width, dtype=np.uint8)
            other = self._width - 1
            for c in query:
                col = self._column.get(c, other)
                q_hist[col] = min(255, int(q_hist[col]) + 1)
            bound = np.minimum(self._hist[keep + lo], q_hist).sum(axis=1, dtype=np.int64)
            keep = keep[bound >= lcs_min[keep]]
        survivors = np.sort(self._order[keep + lo])
        found: list[str] = self._array[survivors].tolist()
        return found
