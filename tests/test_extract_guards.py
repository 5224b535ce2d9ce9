"""Speed guards of the extraction path give the same answers as the plain regular expressions."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo import mentions as M

_SAMPLE = Path(__file__).resolve().parents[1] / "geo" / "data" / "sample"

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
    if M._GOV_CUE.search(before) or M._LIST_GOV_CUE.search(before):
        return "governorate", False
    if M._CITY_CUE.search(before):
        return "city", False
    if M._SMALL_CUE.search(before):
        return "small", False
    if M._NEAR_CUE.search(before):
        return None, True
    return None, False


def _sample_windows() -> list[str]:
    out = []
    for path in sorted(_SAMPLE.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for i in range(0, len(text), 7):
            out.append(text[max(0, i - 60) : i])
    return out


def test_guarded_lowers_or_stands_aside() -> None:
    assert M._guarded("Province DE ") == "province de "
    assert M._guarded("provınce") is None
    assert M._guarded("\u0130dlib") is None  # "İ".lower() has a combining dot
    assert M._guarded("deſ") is None


@pytest.mark.parametrize("before", _WINDOWS)
def test_hint_before_matches_reference(before: str) -> None:
    M._hint_before.cache_clear()
    assert M._hint_before(before) == _reference_hint(before)


def test_hint_before_matches_reference_on_sample() -> None:
    windows = _sample_windows()
    assert len(windows) > 1000
    M._hint_before.cache_clear()
    assert [M._hint_before(w) for w in windows] == [_reference_hint(w) for w in windows]


def test_metonymic_guard_is_necessary() -> None:
    # every window the full regex accepts passes the cheap guard
    windows = _WINDOWS + _sample_windows()
    for w in windows:
        if M._METONYMIC_BEFORE.search(w[-50:]):
            low = M._guarded(w[-50:])
            assert low is None or (low.rstrip().endswith(M._METONYMIC_ENDS) and M._has(low, M._METONYMIC_STEMS)), w
