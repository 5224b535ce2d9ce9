"""Speed guards of the extraction path give the same answers as the plain regular expressions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from geo.extract.mentions import cues, filters, metonymy

_SAMPLE = Path(__file__).resolve().parents[2] / "geo" / "data" / "sample"

_WINDOWS = [
    "dans la province d'",
    "dans la province de la ",
    "les provinces de Hama et d’",
    "dans la PROVINCE DE ",
    "dans la provınce de ",  # dotless i: re.IGNORECASE matches it, str.lower keeps it
    "les provinceſ d'",
    "la ville de ",
    "la capitale provinciale ",
    "le village de ",
    "le quartier rebelle de ",
    "aux abords de ",
    "au nord-ouest d’",
    "à 3 km de ",
    "les forces de ",
    "soutenu par la ",
    "selon ",
    "d'après ",
    "à l'appel de ",
    "les raids aériens de ",
    "il s'est rendu à ",
    "",
]


def _reference_hint(before: str) -> tuple[str | None, bool]:
    if cues._GOV_CUE.search(before) or cues._LIST_GOV_CUE.search(before):
        return "governorate", False
    if cues._CITY_CUE.search(before):
        return "city", False
    if cues._SMALL_CUE.search(before):
        return "small", False
    if cues._NEAR_CUE.search(before):
        return None, True
    return None, False


def _sample_windows() -> list[str]:
    out = []
    for path in sorted(_SAMPLE.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.extend(text[max(0, i - 60) : i] for i in range(0, len(text), 7))
    return out


def test_guarded_lowers_or_stands_aside() -> None:
    assert cues._guarded("Province DE ") == "province de "
    assert cues._guarded("provınce") is None
    assert cues._guarded("\u0130dlib") is None  # "İ".lower() has a combining dot
    assert cues._guarded("deſ") is None


@pytest.mark.parametrize("before", _WINDOWS)
def test_hint_before_matches_reference(before: str) -> None:
    cues._hint_before.cache_clear()
    assert cues._hint_before(before) == _reference_hint(before)


def test_hint_before_matches_reference_on_sample() -> None:
    windows = _sample_windows()
    assert len(windows) > 1000
    cues._hint_before.cache_clear()
    assert [cues._hint_before(w) for w in windows] == [_reference_hint(w) for w in windows]


def test_metonymic_guard_is_necessary() -> None:
    # every window the full regex accepts passes the cheap guard
    windows = _WINDOWS + _sample_windows()
    for w in windows:
        if metonymy._METONYMIC_BEFORE.search(w[-50:]):
            low = cues._guarded(w[-50:])
            assert low is None or (
                low.rstrip().endswith(metonymy._METONYMIC_ENDS) and cues._has(low, metonymy._METONYMIC_STEMS)
            ), w


# ----------------------------------------------------------------------------- leading lookaheads

import re  # noqa: E402
import re._constants as re_constants  # noqa: E402
import re._parser as re_parser  # noqa: E402

_REPEATS = (re_constants.MAX_REPEAT, re_constants.MIN_REPEAT)


def _class_chars(av: list[tuple[Any, Any]]) -> set[str] | None:
    """The characters of a character class, or None when it holds a category ("\\w")."""
    out: set[str] = set()
    for o, a in av:
        if o is re_constants.LITERAL:
            out.add(chr(a))
        elif o is re_constants.RANGE:
            out.update(chr(x) for x in range(a[0], a[1] + 1))
        else:
            return None
    return out


def _alternatives(op: object, av: Any) -> tuple[list[re_parser.SubPattern], int]:
    """The sub-patterns of a group, an alternation or a repeat, and how many times it must match."""
    if op is re_constants.SUBPATTERN:
        return [av[3]], 1
    if op is re_constants.BRANCH:
        return av[1], 1
    return [av[2]], av[0]


def _first_chars(seq: re_parser.SubPattern) -> tuple[set[str] | None, bool]:
    """(possible first characters, or None for "any"; can match empty) of a case-sensitive pattern."""
    out: set[str] = set()
    for op, av in seq:
        if op is re_constants.AT:
            continue
        if op is re_constants.LITERAL:
            return out | {chr(av)}, False
        if op is re_constants.IN:
            chars = _class_chars(av)
            return (None if chars is None else out | chars), False
        if op is re_constants.SUBPATTERN or op is re_constants.BRANCH or op in _REPEATS:
            alts, min_rep = _alternatives(op, av)
            nullable = False
            for alt in alts:
                chars, empty = _first_chars(alt)
                if chars is None:
                    return None, False
                out |= chars
                nullable = nullable or empty
            if min_rep > 0 and not nullable:
                return out, False
            continue
        if op is re_constants.ASSERT:  # our own leading lookahead: skip it, it consumes nothing
            continue
        return None, False
    return out, True


@pytest.mark.parametrize(
    ("rx", "lookahead"), [(filters._ORGS, "(?=[A-ZÉacjqrst])"), (filters._FIRST_NAMES, "(?=[ABDEGHIJMORSTV])")]
)
def test_leading_lookahead_covers_every_first_character(rx: re.Pattern[str], lookahead: str) -> None:
    assert not rx.flags & re.IGNORECASE
    assert lookahead in rx.pattern
    body = rx.pattern.replace(lookahead, "", 1)
    chars, nullable = _first_chars(re_parser.parse(body))
    allowed_chars = {
        m.group()
        for m in re.finditer(r"[\s\S]", "".join(chr(c) for c in range(0x250)))
        if re.fullmatch(lookahead.replace("(?=", "(?:"), m.group())
    }
    assert chars is not None and not nullable
    assert chars <= allowed_chars
    texts = [p.read_text(encoding="utf-8") for p in sorted(_SAMPLE.glob("*.txt"))]
    plain = re.compile(body)
    for text in texts:
        assert [m.span() for m in rx.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_prep_guard_is_necessary() -> None:
    windows = _WINDOWS + _sample_windows() + ["jusqu’à ", "vers\n", "À ", "depuiſ ", "a", "pour"]
    hits = 0
    for w in windows:
        if cues._PREP_CUE.search(w):
            hits += 1
            assert cues._may_be_prep(w), w
    assert hits > 20
