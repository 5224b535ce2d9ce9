"""Name keys that survive the many ways French, English and Arabic write a Syrian place.

Three functions, from the most literal to the most forgiving:

- :func:`fold` maps each character to one character (lowercase, no diacritics, punctuation
  to spaces). It keeps the length, so offsets found in folded text are offsets in the original.
- :func:`normalize` is the exact matching key: folded, spaces collapsed, the Arabic article
  (``al-``, ``el-``, ``an-``, ``ach-`` ...) dropped when it stands as its own word.
- :func:`skeleton` is the transliteration-independent key: a consonant skeleton in which
  ``ou/u/o``, ``ch/sh``, ``dj/j``, ``q/k``, ``é/è/e/i`` and doubled letters agree, and into which
  Arabic-script names are mapped too (``معرة النعمان`` and ``Maaret al-Noomane`` both give
  ``mrtnmn``).

Examples
--------
>>> fold("Lattaquié")
'lattaquie'
>>> normalize("Maaret al-Noomane")
'maaret noomane'
>>> skeleton("Maaret al-Noomane") == skeleton("Ma'arrat an Nu'man") == skeleton("معرة النعمان")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["ARTICLES", "fold", "normalize", "skeleton"]

#: Forms of the Arabic article (``al``) and its assimilated variants, as separate words.
ARTICLES: frozenset[str] = frozenset(
    {
        "al", "el", "il", "ul",
        "ad", "ed", "adh", "edh",
        "an", "en",
        "ar", "er",
        "as", "es", "ash", "esh", "ach", "ech",
        "at", "et", "ath", "eth",
        "az", "ez",
    }
)  # fmt: skip

# Letters that Unicode decomposition does not reduce to ASCII.
_SPECIAL: dict[str, str] = {
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "t", "æ": "a", "œ": "o",
    "ß": "s", "ħ": "h", "ŧ": "t", "ŀ": "l", "ĸ": "k", "ɨ": "i", "ə": "e", "ʃ": "s",
}  # fmt: skip


def _fold_char(char: str) -> str:
    """Fold one character to exactly one character (one step, see :func:`_fold_fixed`)."""
    if char in _SPECIAL:
        return _SPECIAL[char]
    category = unicodedata.category(char)
    if category == "Nd":  # digits are kept, as ASCII ("128e Brigade", "T4", "٤" -> "4")
        return str(unicodedata.decimal(char, 0))
    if category[0] != "L" or category == "Lm":
        # Marks, punctuation (hyphens, ’ ' ‘), symbols, other numerals, separators, controls,
        # and modifier letters (ʿ ʾ ʻ, Arabic tatweel) all become a space.
        return " "
    base = [c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)]
    if base and unicodedata.category(base[0])[0] == "L":
        low = base[0].lower()
        if len(low) == 1:
            return _SPECIAL.get(low, low)
    low = char.lower()
    return low if len(low) == 1 else char


def _fold_fixed(char: str) -> str:
    """Apply :func:`_fold_char` until it stops changing, so that ``fold`` is idempotent."""
    out = _fold_char(char)
    for _ in range(4):
        again = _fold_char(out)
        if again == out:
            return out
        out = again
    return " "  # pathological cycle: give up on this character


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that computes and memoises each code point on first use."""

    def __missing__(self, key: int) -> str:
        value = _fold_fixed(chr(key))
        self[key] = value
        return value


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Fold ``text`` character by character, keeping its length.

    Each character becomes exactly one character: letters are lowercased and lose their
    diacritics (``é`` -> ``e``, ``ı`` -> ``i``, ``ḩ`` -> ``h``); non-Latin letters (Arabic ...)
    are kept, lowercased and without marks; decimal digits of any script become ASCII digits;
    everything else (hyphens, apostrophes ``'`` ``’`` ``‘``, the ain/hamza signs ``ʿ`` ``ʾ``,
    punctuation, controls, combining marks) becomes a space. So ``len(fold(t)) == len(t)`` and a
    match at ``fold(t)[i:j]`` is the text ``t[i:j]``.

    Parameters
    ----------
    text
        Any string.

    Returns
    -------
    str
        The folded string, same length as ``text``.

    Examples
    --------
    >>> fold("Khan Cheikhoun, l’Euphrate")
    'khan cheikhoun  l euphrate'
    """
    table, special = _latin1_table()
    fast = text.encode("latin-1", "replace").translate(table).decode("latin-1")
    marks = [m.start() for m in special.finditer(text)]
    if not marks:
        return fast
    parts: list[str] = []  # the few characters the byte table cannot fold (’, «, Arabic ...), one by one
    prev = 0
    for i in marks:
        parts += (fast[prev:i], _TABLE[ord(text[i])])
        prev = i + 1
    parts.append(fast[prev:])
    return "".join(parts)


@lru_cache(maxsize=1)
def _latin1_table() -> tuple[bytes, re.Pattern[str]]:
    """``fold`` as a byte table over Latin-1 (``bytes.translate`` runs in C, ``str.translate`` with a
    dict looks every character up), and the characters it cannot fold: those past Latin-1 and the
    few Latin-1 ones whose fold is not Latin-1 ("µ" folds to Greek "μ")."""
    table = bytearray(256)
    odd = []
    for code in range(256):
        folded = _TABLE[code]
        if ord(folded) < 256:
            table[code] = ord(folded)
        else:
            odd.append(re.escape(chr(code)))
    return bytes(table), re.compile("[" + "".join(odd) + "\u0100-\U0010ffff]")


def normalize(name: str) -> str:
    """Return the exact matching key of a place name.

    The name is folded (:func:`fold`), split on spaces, and the Arabic article in every form
    (``al``, ``el``, ``an``, ``ach``, ``ez`` ..., see :data:`ARTICLES`) is dropped where it stands
    as a separate word (a name made only of articles is kept as it is). The function is
    idempotent and ``normalize(fold(x)) == normalize(x)``.

    Parameters
    ----------
    name
        A place name in any script.

    Returns
    -------
    str
        Lowercase words separated by single spaces (``""`` for a name with no letters or digits).

    Examples
    --------
    >>> normalize("Deir ez-Zor")
    'deir zor'
    >>> normalize("Al-Hasakah")
    'hasakah'
    """
    tokens = fold(name).split()
    kept = [t for t in tokens if t not in ARTICLES]
    return " ".join(kept or tokens)


_LATIN_RULES = {
    "dsch": "j", "tsch": "j", "sch": "s", "dzh": "j", "dj": "j", "zh": "j",
    "ch": "s", "sh": "s", "kh": "k", "gh": "g", "th": "t", "dh": "d", "ph": "f", "ck": "k",
    "q": "k", "c": "k", "g": "j", "p": "b", "v": "f", "x": "ks",
    "a": "", "e": "", "i": "", "o": "", "u": "", "w": "", "y": "",
}  # fmt: skip
_LATIN_RE = re.compile("|".join(sorted(_LATIN_RULES, key=len, reverse=True)))
_FINAL_H = re.compile(r"(?<=[aeiou])h$")

_ARABIC_MAP = {
    "ب": "b", "پ": "b", "ت": "t", "ث": "t", "ط": "t", "ج": "j", "چ": "j", "ح": "h", "ه": "h",
    "خ": "k", "ك": "k", "ک": "k", "ق": "k", "د": "d", "ذ": "d", "ض": "d", "ر": "r", "ز": "z",
    "ظ": "z", "س": "s", "ش": "s", "ص": "s", "غ": "g", "گ": "g", "ف": "f", "ڤ": "f", "ل": "l",
    "م": "m", "ن": "n",
}  # fmt: skip
_DOUBLE = re.compile(r"(.)\1+")


def _is_arabic(token: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" for c in token)


def _latin_skeleton(token: str) -> str:
    token = _FINAL_H.sub("", token)
    out = _LATIN_RE.sub(lambda m: _LATIN_RULES[m.group(0)], token)
    return "".join(c for c in out if "a" <= c <= "z")


def _arabic_skeleton(token: str, *, last: bool) -> str:
    if token.startswith("ال") and len(token) > 3:
        token = token[2:]
    out = []
    for i, char in enumerate(token):
        if char == "ة":  # ta marbuta: "t" in a construct (Ma'arrat an-...), silent at the end
            out.append("" if last else "t")
        elif char == "ه" and i == len(token) - 1:
            out.append("")
        else:
            out.append(_ARABIC_MAP.get(char, ""))
    return "".join(out)


def skeleton(name: str) -> str:
    """Return the transliteration-independent consonant skeleton of a name.

    Built on :func:`normalize` (so articles standing alone are gone), then per word:
    a final ``h`` after a vowel is dropped (``Hasakah`` ~ ``Hassaké``); digraphs are merged
    (``ch``/``sh``/``sch`` -> ``s``, ``dj``/``zh`` -> ``j``, ``kh`` -> ``k``, ``gh`` -> ``g``,
    ``th`` -> ``t``, ``dh`` -> ``d``, ``ph`` -> ``f``); ``q``/``c`` -> ``k``, ``g`` -> ``j``,
    ``p`` -> ``b``, ``v`` -> ``f``; vowels and the semivowels ``w``/``y`` are dropped. Arabic-script
    words go through a letter map into the same space (``ال`` dropped, long vowels, ain and
    hamza silent, ta marbuta ``t`` only inside a construct). Words are then joined and doubled
    letters collapsed, so ``Kafr Nabl`` ~ ``Kafranbel`` and ``Tell Mannas`` ~ ``Talamanas``.

    Parameters
    ----------
    name
        A place name in any script.

    Returns
    -------
    str
        A string of ASCII consonants, possibly empty (names with only vowels or other scripts).

    Examples
    --------
    >>> skeleton("Khan Cheikhoun"), skeleton("Khan Shaykhun"), skeleton("خان شيخون")
    ('knskn', 'knskn', 'knskn')
    """
    tokens = normalize(name).split()
    parts = []
    for i, token in enumerate(tokens):
        if _is_arabic(token):
            parts.append(_arabic_skeleton(token, last=i == len(tokens) - 1))
        else:
            parts.append(_latin_skeleton(token))
    return _DOUBLE.sub(r"\1", "".join(parts))
