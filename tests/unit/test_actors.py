"""geo.extract.actors: the combined actor regex keeps the semantics of the ordered pattern list."""

from __future__ import annotations

import re
import re._constants as re_constants
import re._parser as re_parser

import pytest

from geo.extract.actors import ACTOR_PATTERNS, combined_pattern, find_actors, has_stem
from geo.lang.fr.actors import STEM_WORDS, STEMS

_STEMS_RX = re.compile(STEMS, re.IGNORECASE)


def _first_is_word(seq: re_parser.SubPattern) -> tuple[bool, bool]:
    """(every first consumed character is a word character, sequence can match empty)."""
    ok = True
    for op, av in seq:
        if op is re_constants.AT:
            continue
        if op is re_constants.LITERAL:
            return ok and chr(av).isalnum(), False
        if op is re_constants.IN:
            good = all(
                (o is re_constants.LITERAL and chr(a).isalnum())
                or (o is re_constants.RANGE and all(chr(x).isalnum() for x in range(a[0], a[1] + 1)))
                for o, a in av
            )
            return ok and good, False
        if op is re_constants.SUBPATTERN:
            good, nullable = _first_is_word(av[3])
            ok = ok and good
            if not nullable:
                return ok, False
            continue
        if op is re_constants.BRANCH:
            res = [_first_is_word(alt) for alt in av[1]]
            ok = ok and all(r[0] for r in res)
            if not any(r[1] for r in res):
                return ok, False
            continue
        if op in (re_constants.MAX_REPEAT, re_constants.MIN_REPEAT):
            good, nullable = _first_is_word(av[2])
            ok = ok and good
            if av[0] > 0 and not nullable:
                return ok, False
            continue
        return False, False
    return ok, True


@pytest.mark.parametrize(("label", "rx"), ACTOR_PATTERNS)
def test_every_pattern_starts_a_word(label: str, rx: str) -> None:
    # combined_pattern() puts the alternation behind one shared r"\b(?=\w)": valid only if every pattern
    # starts at a word boundary with a word character.
    starts_with_word, nullable = _first_is_word(re_parser.parse(rx))
    assert starts_with_word and not nullable, label


def _reference(sentence: str) -> list[tuple[int, int, str]]:
    """The plain ordered alternation, without the shared prefix."""
    parts = [f"(?P<p{i}>{rx if label != 'IS' else f'(?-i:{rx})'})" for i, (label, rx) in enumerate(ACTOR_PATTERNS)]
    rx_all = re.compile("|".join(parts), re.IGNORECASE)
    labels = {f"p{i}": label for i, (label, _rx) in enumerate(ACTOR_PATTERNS)}
    return [(m.start(), m.end(), labels[m.lastgroup]) for m in rx_all.finditer(sentence) if m.end() > m.start()]


@pytest.mark.parametrize(
    "sentence",
    [
        "Les forces du régime, appuyées par l'aviation russe, ont repris Khan Cheikhoun aux jihadistes et rebelles.",
        "L'EI a revendiqué l'attaque; les FDS et la coalition internationale ont riposté (ei, Daech).",
        "Des factions proturques et l'armée turque ont avancé; l'opposition armée et le Hezbollah aussi.",
        "Israël a frappé; Moscou et Ankara, Téhéran: l'armée syrienne libre, l'armée, des loyalistes.",
    ],
)
def test_combined_matches_reference(sentence: str) -> None:
    assert combined_pattern()[0].pattern.startswith(r"\b(?=\w)")
    assert find_actors(sentence) == _reference(sentence)


def _expansions(alt: str) -> list[str]:
    """Spellings of one ``STEMS`` alternative: ``[xy]`` classes and ``-?`` expanded."""
    out = [""]
    i = 0
    while i < len(alt):
        if alt[i] == "[":
            j = alt.index("]", i)
            choices = list(alt[i + 1 : j])
            i = j + 1
        else:
            choices = [alt[i]]
            i += 1
        if alt[i : i + 1] == "?":
            choices = [*choices, ""]
            i += 1
        out = [o + c for o in out for c in choices]
    return out


def test_stem_words_follow_the_stems_regex() -> None:

    alts = STEMS.split("|")
    assert "(" not in STEMS  # a flat alternation, as _expansions assumes
    for alt in alts:
        if alt == r"\bei\b":
            continue
        for spelling in _expansions(alt):
            assert any(word in spelling for word in STEM_WORDS), spelling
    for word in STEM_WORDS:  # no extra word: each one alone passes the regex
        assert _STEMS_RX.search(word), word


@pytest.mark.parametrize(
    "sentence",
    [
        "L'EI a frappé.",
        "Les FORCES syriennes",
        "Le Qaïda",
        "rien à signaler",
        "seize blessés",
        "le reportage de Téhéran",
        "provınce",
        "deſ forceſ",
        "\u0130dlib",
        "the ei-word",
        "eine Ei",
        "reine et peinture",
    ],
)
def test_has_stem_equals_the_regex(sentence: str) -> None:

    assert has_stem(sentence) == (_STEMS_RX.search(sentence) is not None)


def test_has_stem_equals_the_regex_on_sample() -> None:
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "geo" / "data" / "sample"
    texts = [p.read_text(encoding="utf-8") for p in sorted(sample.glob("*.txt"))]
    pieces = [t[i : i + 80] for t in texts for i in range(0, len(t), 40)]
    assert len(pieces) > 300
    assert [has_stem(p) for p in pieces] == [_STEMS_RX.search(p) is not None for p in pieces]
