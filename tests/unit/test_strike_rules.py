"""Strike rules of wave 3 (issue 11), each checked on sentences written for this test (never from a gold set)."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from rule_events import events_of

_strikes = functools.partial(events_of, kind="strike", date="2019-06-04")


def test_bare_tirs_with_targets_are_strikes(gaz: Any) -> None:
    evs = _strikes("Les tirs ont repris mardi à l'aube, visant surtout les villages de Binnich et de Taftanaz.", gaz)
    assert {e.place for e in evs} >= {"Binnish", "Taftanaz"}
    assert {e.subtype for e in evs} == {"shelling"}


@pytest.mark.parametrize(
    "text",
    [
        "Des échanges de tirs ont eu lieu lundi soir à Saraqeb entre deux groupes rebelles.",
        "Un passant a été blessé par des tirs de snipers à Saraqeb, selon des témoins.",
    ],
)
def test_gunfire_is_no_strike(gaz: Any, text: str) -> None:
    assert _strikes(text, gaz) == []


def test_toll_after_fighting_is_not_a_strike(gaz: Any) -> None:
    text = (
        "De violents combats opposent depuis lundi les rebelles à l'armée autour de Saraqeb. "
        "Plus de 40 civils ont également péri, selon une ONG."
    )
    assert _strikes(text, gaz) == []


def test_toll_after_a_strike_stays_a_strike(gaz: Any) -> None:
    text = "Des raids aériens ont frappé lundi la ville de Saraqeb. Plus de 20 civils ont péri, selon une ONG."
    (ev,) = _strikes(text, gaz)
    assert ev.killed == 20


def test_first_toll_since_revised_is_no_new_toll(gaz: Any) -> None:
    text = "Des frappes ont tué 12 personnes lundi à Binnich, selon une ONG, qui avait d'abord fait état de huit morts."
    (ev,) = _strikes(text, gaz)
    assert ev.killed == 12


def test_people_already_counted_are_no_new_toll(gaz: Any) -> None:
    text = (
        "Des frappes ont tué neuf civils mardi à Taftanaz, selon une ONG. "
        "Selon son directeur, l'un des neuf morts était un secouriste."
    )
    assert [e.killed for e in _strikes(text, gaz)] == [9]


def test_other_victims_are_a_new_count(gaz: Any) -> None:
    text = (
        "Des frappes ont tué six civils mardi dans la province d'Idleb. Deux sont morts à Binnich. "
        "Les quatre autres victimes ont péri à Taftanaz, d'après l'ONG."
    )
    assert 4 in [e.killed for e in _strikes(text, gaz)]


def test_headline_under_page_furniture_is_folded(gaz: Any) -> None:
    text = (
        "Partager\n\nSyrie: 14 civils tués dans des raids sur Saraqeb\n\n"
        "Au moins 14 civils ont été tués lundi dans des raids aériens sur Saraqeb, selon une ONG."
    )
    (ev,) = _strikes(text, gaz)
    assert ev.killed == 14 and "#headline" in (ev.sources or "")


def test_one_of_the_most_violent_raids_is_no_new_strike(gaz: Any) -> None:
    text = (
        "Des frappes ont tué samedi soir onze personnes à Binnich. "
        "« C'est l'un des raids les plus meurtriers » de l'année, a dit un secouriste."
    )
    assert [e.killed for e in _strikes(text, gaz)] == [11]


def test_this_raid_since_the_war_began_is_the_raid_told_before(gaz: Any) -> None:
    text = (
        "Des avions ont bombardé lundi un marché de Saraqeb, tuant 30 personnes. Plus de 100 personnes ont été "
        "blessées dans ce raid, l'un des plus meurtriers depuis le début de la guerre, selon l'ONG."
    )
    (ev,) = _strikes(text, gaz)
    assert ev.killed == 30


def test_people_nouns_add_up(gaz: Any) -> None:
    (ev,) = _strikes("Mardi, deux enseignants et une écolière ont péri quand un obus s'est abattu sur Binnich.", gaz)
    assert ev.killed == 3


def test_fighters_killed_there_too_belong_to_the_strike(gaz: Any) -> None:
    text = (
        "A Taftanaz, douze civils ont péri dimanche dans des bombardements de l'armée, selon une ONG. "
        "Trois combattants y ont également été tués."
    )
    evs = _strikes(text, gaz)
    assert [e.killed for e in evs] == [12, 3]


def test_strikes_resumed_there_stay_in_the_place_in_focus(gaz: Any) -> None:
    text = (
        "Des raids aériens ont tué six civils lundi à Binnich, selon une ONG. Les frappes y ont repris mardi. "
        "Les rebelles tirent régulièrement des obus sur Saraqeb."
    )
    places = [e.place for e in _strikes(text, gaz)]
    assert places == ["Binnish", "Binnish", "Saraqib"]


@pytest.mark.parametrize(
    "text",
    [
        "Les jihadistes en ont été repoussés dans la nuit par des frappes de l'aviation russe à Saraqeb.",
        "L'hôpital de Saraqeb avait déjà fermé après un raid aérien le 12 mars.",
    ],
)
def test_strike_as_agent_or_dated_is_a_strike(gaz: Any, text: str) -> None:
    assert [e.place for e in _strikes(text, gaz)] == ["Saraqib"]


def test_two_weapons_in_one_sentence_are_two_strikes(gaz: Any) -> None:
    text = (
        "Jeudi, des hélicoptères ont bombardé des hommes armés à Binnich, "
        "tandis que l'artillerie pilonnait une localité voisine."
    )
    evs = _strikes(text, gaz)
    assert [e.subtype for e in evs] == ["air", "shelling"]
    assert evs[0].event_id != evs[1].event_id


def test_directional_parts_of_two_provinces_are_listed(gaz: Any) -> None:
    text = "Des bombardements aériens ont visé lundi le sud de la province d'Idleb et le nord de celle de Hama."
    assert {e.place for e in _strikes(text, gaz)} == {"Idleb", "Hama"}


def test_a_place_east_of_a_city_is_no_list(gaz: Any) -> None:
    text = "Un obus s'est abattu mardi sur le quartier de Jobar, dans l'est de Damas, tuant trois personnes."
    (ev,) = _strikes(text, gaz)
    assert ev.killed == 3


def test_unknown_targets_are_named_near_the_place_in_focus(gaz: Any) -> None:
    text = (
        "Des frappes ont tué huit personnes dimanche soir près de Saraqeb. "
        "Les raids ont aussi touché le site de Tell Zouwayqa et deux positions dans le secteur de Kherbet Mazloum."
    )
    evs = _strikes(text, gaz)
    unknown = [e for e in evs if e.place in ("Tell Zouwayqa", "Kherbet Mazloum")]
    assert [e.place for e in unknown] == ["Tell Zouwayqa", "Kherbet Mazloum"]
    assert all(e.lat is not None and e.geo_precision >= 2 and e.place_id is None for e in unknown)


def test_new_toll_compared_with_a_first_one_is_a_toll_report(gaz: Any) -> None:
    text = (
        "Des frappes aériennes ont touché lundi Saraqeb, selon une ONG. Le directeur de l'hôpital a de son côté fait "
        "état mardi matin de 14 morts et de 40 blessés, contre cinq morts dans un premier bilan."
    )
    assert 14 in [e.killed for e in _strikes(text, gaz)]


@pytest.mark.parametrize(
    "text",
    [
        "Des raids ont frappé Saraqeb lundi. L'aviation a multiplié les frappes dans le pays depuis 2015, selon l'ONG.",
        "Des raids ont frappé Saraqeb lundi. L'armée déplore par ailleurs 12 morts dans ses rangs.",
        "Des raids ont frappé Saraqeb lundi. Selon un bilan, 20 assaillants et 15 soldats ont péri depuis mardi.",
        "Des raids ont frappé Saraqeb lundi. La contre-attaque a fait cinq morts, selon un groupe rebelle.",
    ],
)
def test_trends_and_fighters_tolls_add_no_strike(gaz: Any, text: str) -> None:
    assert len(_strikes(text, gaz)) == 1


def test_civilians_killed_during_an_assault_are_a_strike(gaz: Any) -> None:
    text = "A Saraqeb, neuf civils ont péri vendredi, au deuxième jour de l'assaut lancé par l'armée, selon une ONG."
    assert [e.killed for e in _strikes(text, gaz)] == [9]


def test_other_victims_in_a_second_clause_are_a_second_toll(gaz: Any) -> None:
    text = (
        "Mardi, trois élèves ont péri quand un obus s'est abattu sur leur école à Binnich, "
        "et deux autres civils ont été tués dans des quartiers résidentiels."
    )
    assert [e.killed for e in _strikes(text, gaz)] == [3, 2]


def test_listed_foreign_places_are_one_unmapped_strike_each(gaz: Any) -> None:
    text = "Des obus tirés depuis la Syrie sont tombés mardi sur les villes turques de Kilis et de Gaziantep."
    evs = _strikes(text, gaz)
    assert sorted(e.place for e in evs) == ["Gaziantep", "Kilis"]
    assert all(e.lat is None and e.adm1_pcode is None for e in evs)


def test_a_foreign_place_located_in_its_region_is_no_list(gaz: Any) -> None:
    evs = _strikes("L'aviation syrienne pilonne Ersal, dans la Békaa libanaise, depuis lundi.", gaz)
    assert len(evs) == 1
