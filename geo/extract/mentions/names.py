"""A place name as a whole: the glued article before it, a name prefix, the capitalised words after.

A dictionary match inside a longer capitalised name is replaced by the whole name ("Tal Malah",
not "Malah"; "Kafr Halab", not "Halab").
"""

from __future__ import annotations

import re
from collections.abc import Container

from gazetteer.normalize import fold, normalize
from geo.lang.fr.places import ARTICLES, DEMONYMS, GLUED_HEADS, NAME_PREFIXES, STOP_WORDS

_TOKEN = re.compile(r"\w+")
_GLUED_BEFORE = re.compile(r"(?:^|(?<=[\s(«\"'’]))(?:[Aa]l|[Ee]l|[Aa]d|[Aa]s|[Aa]r|[Aa]t|[Aa]ch|[Aa]n|[Ee]z|[Ee]s)-$")


def _extend_article(text: str, start: int, end: int) -> tuple[int, int]:
    """Include an Arabic article glued by a hyphen before the match ("Al-" + "Tamaanah")."""
    window = text[max(0, start - 5) : start]
    if not window.endswith(("-", "-\n")):
        return start, end  # the article's hyphen ends the window ("$" also stands before a final newline)
    m = _GLUED_BEFORE.search(window)
    if m:
        start -= len(window) - m.start()
    return start, end


def _capitalised_tail(text: str, folded: str, start: int, end: int, index: Container[str]) -> tuple[int, int] | None:
    """The capitalised name inside a match that opens with common words, if it is a key itself.

    The longest key can begin with French words ("camp d'Al-Hol", "la Ghouta", "aéroport militaire
    de Tabqa"); the name a coder marks is the capitalised part ("Al-Hol", "Ghouta", "Tabqa").
    """
    for m in _TOKEN.finditer(folded, start, end):
        p = m.start()
        if p > start and text[p].isupper() and normalize(text[p:end]) in index:
            return p, end
    return None


_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s(«\"'’]))([A-ZÀ-ÖØ-Þ][\w’']*)[ \u00a0]$")
_WORD_AFTER = re.compile(
    r"[ \u00a0](?:(?:al|el|ad|as|ar|at|ach|ech|ez|es|ash|an|ed|en)-[\w’'\-]+|[A-ZÀ-ÖØ-Þ][\w\-]*)"
)


def _name_word(word: str) -> bool:
    """True when a capitalised word can continue a place name (not a function word, month, demonym ...)."""
    toks = _TOKEN.findall(fold(word))
    return bool(toks) and not any(t in STOP_WORDS or t in DEMONYMS for t in toks if t not in ARTICLES)


def _whole_name(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole capitalised name around a dictionary match: "Tal Malah" around "Malah", "Kafr Halab"
    around "Halab", "Qalaat Salah ed-Din" around "Salah ed-Din". A name prefix ("Tal", "Kafr", "Abou",
    "Deir" ...) on the left and capitalised words or glued-article words ("al-Chakouhi") on the right
    are taken in; a part of a name never stands for the whole."""
    for _ in range(3):
        if start < 3 or text[start - 1] not in " \u00a0" or not text[start - 2].isalpha():
            break  # cheap test first: a word must stand just before
        m = _WORD_BEFORE.search(text, max(0, start - 14), start)
        if not m or fold(m.group(1)).strip("'") not in NAME_PREFIXES:
            break
        start = m.start(1)
        art = re.search(r"(?:^|(?<=[\s(«\"'’]))(?:[Aa]l|[Ee]l)-$", text[max(0, start - 4) : start])
        if art:
            start -= 4 - art.start()
    prefixed: bool | None = None
    for _ in range(3):
        glued_next = text[end + 3 : end + 4] == "-" or text[end + 4 : end + 5] == "-"
        if end + 1 >= len(text) or text[end] not in " \u00a0" or not (text[end + 1].isupper() or glued_next):
            break  # cheap test first: a capitalised word or a glued article must follow
        if prefixed is None:
            prefixed = fold(text[start:end]).split(" ")[0] in NAME_PREFIXES
        m = _WORD_AFTER.match(text, end)
        if not m or not _name_word(m.group()):
            break
        if not (prefixed or m.group()[1:3].lower() in GLUED_HEADS):
            break  # "Israël Katz", "Washington Ned Price": a name after a place is not part of it
        end = m.end()
    return start, end
