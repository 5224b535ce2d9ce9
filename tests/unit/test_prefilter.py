"""The literal prefilters (geo/extract/prefilter.py): derived from a pattern, never wrong about a match."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import geo.extract
import geo.lang
from geo.extract.prefilter import Guarded, required


def _all_patterns() -> list[re.Pattern[str]]:
    """Every compiled pattern at the top of a module of geo.extract and geo.lang, and the control tables'."""
    from geo.extract.control_pass.triggers import _patterns

    found: dict[int, re.Pattern[str]] = {}
    for pkg in (geo.extract, geo.lang):
        for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            for value in vars(importlib.import_module(info.name)).values():
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    found[id(value)] = value
    for _role, rx in _patterns():
        found[id(rx)] = rx
    return list(found.values())


PATTERNS = _all_patterns()

# Our own sentences, with the words the tables read, in several cases and with odd characters.
SENTENCES = [
    "Des frappes aériennes ont tué au moins douze civils mardi à Saraqeb, selon l'OSDH.",
    "DES RAIDS AÉRIENS SUR ARIHA ONT FAIT 7 MORTS",
    "Les forces du régime ont repris le contrôle de la localité de Kafr Nabel, tombée aux mains des rebelles en 2019.",
    "La prise de Khan Cheikhoun par l'armée syrienne, le 8 août, a provoqué l'exode de milliers de déplacés.",
    "Les jihadistes se sont emparés du village après de violents combats; ils ont été repoussés dans la nuit de mercredi à jeudi.",
    "Un kamikaze s'est fait exploser à un barrage tenu par les FDS, tuant une femme et ses deux enfants.",
    "Ils sont entrés dans la ville et en ont chassé l'EI, selon l'agence Amaq, ce que dément Damas.",
    "Des dizaines de personnes ont été enlevées, d'autres exécutées, a indiqué l'ONU le 12/11/2019 à 10h30.",
    "ſyrie: İdlib, frappeſ, ıls ont tué",
    "Le bilan s'élève à 31 morts, puis 39 selon un nouveau bilan du lendemain.",
]


def test_every_sentence_match_passes_the_guard() -> None:
    for rx in PATTERNS:
        g = Guarded(rx)
        for text in SENTENCES:
            for probe in (text, text.upper(), text.lower(), text.title()):
                if rx.search(probe) is not None:
                    assert g.possible(probe), (rx.pattern[:80], probe)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([w for s in SENTENCES for w in s.split()] + ["ſ", "ı", "İ", "É", " ", "\n"]), max_size=30))
def test_mixed_words_never_hide_a_match(words: list[str]) -> None:
    text = " ".join(words)
    for rx in PATTERNS:
        if rx.search(text) is not None:
            assert Guarded(rx).possible(text), rx.pattern[:80]


@pytest.mark.parametrize(
    ("pattern", "absent", "present"),
    [
        (r"\b(?:frappes?|raids?)\s+sur\b", "des combats à Alep", "Frappe sur Alep"),
        (r"(?:re)?pris(?:es?)?\s+par", "ils avancent", "reprise par"),
        (r"tomb[ée]e?s?\s+aux\s+mains", "tombe la pluie", "TOMBÉES AUX MAINS"),
    ],
)
def test_guard_rules_out_and_keeps(pattern: str, absent: str, present: str) -> None:
    g = Guarded(re.compile(pattern, re.IGNORECASE))
    assert not g.possible(absent)
    assert g.possible(present) and g.search(present) is not None
    assert g.search(absent) is None and list(g.finditer(absent)) == [] and g.findall(absent) == []


def test_no_requirement_without_literals() -> None:
    assert required(re.compile(r"\w+\s+\d+")) == ()
    assert Guarded(re.compile(r"\w+")).possible("")


def test_odd_case_characters_are_always_searched() -> None:
    g = Guarded(re.compile(r"\bsur\b", re.IGNORECASE))
    assert g.possible("ſur") and g.search("ſur") is not None
    assert Guarded(re.compile("istanbul", re.IGNORECASE)).search("İSTANBUL") is not None
