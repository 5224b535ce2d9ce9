"""A bigram pre-filter for rapidfuzz ``ratio`` searches over large key lists (the 30,000-place index).

``ratio`` is the normalised Indel similarity ``2 L / (m + n)`` (``L``: longest common subsequence of
a query of length ``m`` and a key of length ``n``). In an optimal alignment, the ``L`` matched pairs
form at least ``L - 1 - (m - L) - (n - L)`` pairs adjacent in both strings, each a query bigram found
in the key; so a key can reach ``cutoff`` only if its length allows ``L >= cutoff (m + n) / 200`` and
it shares at least ``3 L - m - n - 1`` of the query's bigrams (less the query's repeated bigrams,
since keys are indexed by distinct bigrams, and less the very common bigrams, which are not counted).
The filter is exact: ``process.extract`` over the survivors, kept in their original order, returns
what it returns over every key.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["BigramFilter"]

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
        postings: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            for gram in {key[j : j + 2] for j in range(len(key) - 1)}:
                postings.setdefault(gram, []).append(position[i])
        limit = max(1, int(_COMMON * len(keys)))
        self._common = frozenset(g for g, ids in postings.items() if len(ids) > limit)
        self.postings = {g: np.asarray(ids, dtype=np.int32) for g, ids in postings.items() if g not in self._common}

    def candidates(self, query: str, cutoff: float) -> list[str]:
        """Return the keys that may reach ``fuzz.ratio(query, key) >= cutoff``, in index order."""
        import numpy as np

        m = len(query)
        grams = [query[j : j + 2] for j in range(m - 1)]
        distinct = set(grams)
        slack = (len(grams) - len(distinct)) + len(distinct & self._common)
        arrays = [self.postings[g] for g in distinct if g in self.postings]
        counts = np.bincount(np.concatenate(arrays), minlength=len(self.keys)) if arrays else None
        picked = []
        for n, (start, end) in self._spans.items():
            lcs_min = math.ceil(cutoff * (m + n) / 200.0 - 1e-9)
            if lcs_min > min(m, n):
                continue
            needed = 3 * lcs_min - m - n - 1 - slack
            if needed <= 0:
                picked.append(np.arange(start, end))
            elif counts is not None:
                picked.append(start + np.flatnonzero(counts[start:end] >= needed))
        if not picked:
            return []
        survivors = np.sort(self._order[np.concatenate(picked)])
        return self._array[survivors].tolist()
