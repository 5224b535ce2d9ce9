"""The speed paths of the mentions pass give the answers of the plain expressions they stand for."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from gazetteer.normalize import fold
from geo.extract.mentions import cue_names, filters, metonymy
from geo.extract.mentions.matcher import _tokens
from geo.extract.mentions.starts import Starts, match_at

_SAMPLE = Path(__file__).resolve().parents[2] / "geo" / "data" / "sample"

_TEXTS = [
    "Des combattants d'al-Nosra et de l'EI sont entrés à Al-Bab, selon l'agence Sana et la télévision d'Etat.",
    "xal-Nosra tagence Sana, Abou Mohammed al-Joulani, M. Bachar al-Assad; la route M4 et la Division 17 à Kafr Nabl.",
    "La Brigade 93 (B12), el-Hol, Ras al-Aïn et ech-Cheikh Maqsoud: le Croissant-Rouge arabe syrien.",
    "Hama Media Center et Al-Qaïda; Forces démocratiques syriennes; radio Rozana; site Enab; chaîne Orient.",
    "la telévision Orient, la television Halab, le quotidien Tichrine, le journal Baladi, la chaine Sama, ach-Chaab",
    "-al- a- -el-Bab --Ach-Chaab ad-Dana as-Sfira ar-Raqqa at-Tall",
    "",
]


def _texts() -> list[str]:
    texts = _TEXTS + [p.read_text(encoding="utf-8") for p in sorted(_SAMPLE.glob("*.txt"))]
    rng = random.Random(11)
    pieces = [w for t in _TEXTS for w in re.split(r"(\W)", t) if w]
    texts += ["".join(rng.choice(pieces) for _ in range(60)) for _ in range(120)]
    return texts + [t[i:] for t in _TEXTS for i in range(0, len(t), 5)]


@pytest.mark.parametrize(
    ("rx", "positions"),
    [
        (filters._ORGS, lambda s: s.with_words(filters.ORG_WORDS)),
        (filters._FIRST_NAMES, lambda s: s.capitals),
        (cue_names._NAME_RX, lambda s: s.with_glued()),
        (cue_names._CODE, lambda s: s.capitals),
    ],
)
def test_match_at_the_starts_finds_what_finditer_finds(rx: re.Pattern[str], positions: object) -> None:
    for text in _texts():
        starts = Starts(text)
        for pos in (0, 5):
            got = [m.span() for m in match_at(rx, positions(starts), text, pos)]  # type: ignore[operator]
            assert got == [m.span() for m in rx.finditer(text, pos)], text


def test_fold_tokens_are_the_word_runs() -> None:
    for text in _texts():
        folded = fold(text)
        for lo in (0, 3):
            words, offs = _tokens(folded, lo)
            found = list(re.finditer(r"\w+", folded[lo:]))
            assert words == [m.group() for m in found]
            assert offs == [m.start() + lo for m in found]


def test_metonymic_halves_answer_as_the_whole_pattern() -> None:
    windows = [t[max(0, i - 50) : i] for t in _texts()[:40] for i in range(0, len(t), 3)]
    windows += ["les forces de ", "soutenu par la ", "selon ", "d'après ", "à l'appel de ", "les raids aériens de ",
                "le régime d’", "lendemain de la ", "forceſ de ", "İdlib par "]  # fmt: skip
    for w in windows:
        whole = metonymy._METONYMIC_BEFORE.search(w) is not None
        assert whole == any(h.search(w) is not None for h in metonymy._METONYMIC_HALVES), w
        assert whole == metonymy._actor_before(w), w
