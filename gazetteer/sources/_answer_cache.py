"""A persistent SQLite cache of an online service's answers, keyed by the request's parameters.

A cache that cannot be opened, read or written is skipped silently: it is never worth failing a
lookup for.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Any

__all__ = ["AnswerCache"]

_CREATE = "CREATE TABLE IF NOT EXISTS geocode (key TEXT PRIMARY KEY, response TEXT NOT NULL, created REAL NOT NULL)"


class AnswerCache:
    """Raw answers (lists of JSON records) stored under string keys in one SQLite file.

    Parameters
    ----------
    path
        The SQLite file (created with its folder on first use); None disables the cache.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def get(self, key: str) -> list[dict[str, Any]] | None:
        """Return the answer stored under ``key``, or None (not stored, or unreadable)."""
        con = self._connect()
        if con is None:
            return None
        try:
            row = con.execute("SELECT response FROM geocode WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            row = None
        finally:
            con.close()
        if row is None:
            return None
        try:
            data = json.loads(row[0])
        except ValueError:
            return None
        return data if isinstance(data, list) else None

    def put(self, key: str, raws: list[dict[str, Any]]) -> None:
        """Store ``raws`` under ``key`` (replacing any older answer)."""
        con = self._connect()
        if con is None:
            return
        try:
            with con:
                con.execute(
                    "INSERT OR REPLACE INTO geocode (key, response, created) VALUES (?, ?, ?)",
                    (key, json.dumps(raws, ensure_ascii=False), time.time()),
                )
        except sqlite3.Error:
            pass  # a cache that cannot store is not worth failing the lookup
        finally:
            con.close()

    def _connect(self) -> sqlite3.Connection | None:
        if self.path is None:
            return None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(self.path)
            con.execute(_CREATE)
        except (OSError, sqlite3.Error):
            return None
        return con
