"""Strike rules of wave 3, second pass (issue 11), each checked on sentences written for this test."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from rule_events import events_of

_strikes = functools.partial(events_of, kind="strike", date="2019-06-04")


def test_coordinated_province_is_a_target(gaz: Any) -> None:
    evs = _strikes("Mardi, des avions ont bombardé des positions à Saraqeb ainsi que dans la province de Hama.", gaz)
    assert len(evs) == 2
    assert any(e.adm1 and "Hama" in e.adm1 for e in evs)


def test_province_locator_is_no_target(gaz: Any) -> None:
    evs = _strikes("Mardi, des avions ont bombardé des positions à Saraqeb, dans la province d'Idleb.", gaz)
    assert [e.place for e in evs] == ["Saraqib"]


def test_province_total_before_its_detail(gaz: Any) -> None:
    evs = _strikes(
        "Mercredi, des roquettes ont fait au moins neuf morts dans la province d'Idleb: cinq à Binnich et quatre à "
        "Taftanaz.",
        gaz,
    )
    by_toll = sorted((e.killed, e.is_total) for e in evs)
    assert by_toll == [(4, False), (5, False), (9, True)]


def test_toll_day_by_day(gaz: Any) -> None:
    evs = _strikes("Des obus tirés sur Saraqeb ont fait deux morts lundi et quatre mardi, selon une ONG.", gaz)
    assert {(e.killed, e.when) for e in evs} >= {(2, "lundi"), (4, "mardi")}


def test_counted_targets_are_a_strike(gaz: Any) -> None:
    evs = _strikes("L'armée turque dit avoir « détruit » 40 cibles à Tal Abyad et à Ain Issa.", gaz)
    assert len(evs) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Le village de Kansafra a été repris après trois jours de combats violents et de frappes aériennes.",
        "Les rebelles ont avancé vers Kansafra avec le soutien des frappes turques, selon l'OSDH.",
    ],
)
def test_strike_named_with_fighting_or_as_support(gaz: Any, text: str) -> None:
    assert len(_strikes(text, gaz)) == 1


def test_dropped_devices_and_launched_drones(gaz: Any) -> None:
    assert _strikes("Des hélicoptères ont lâché des engins remplis de chlore sur Kafr Zita lundi.", gaz)
    assert _strikes("Samedi, des groupes armés lançaient des drones contre la base de Hmeimim.", gaz)


def test_purpose_of_a_sortie(gaz: Any) -> None:
    assert _strikes("L'aviation syrienne, absente depuis des années, a décollé pour bombarder Saraqeb.", gaz)
    assert not _strikes("Israël bombarde la Syrie depuis des années, rappelle l'ONG.", gaz)


def test_second_target_with_its_own_verb(gaz: Any) -> None:
    evs = _strikes("Lundi, les forces turques ont pilonné Ain Issa, et ont visé le village voisin de Tal Abyad.", gaz)
    assert len(evs) == 2


def test_passive_touched_is_a_strike(gaz: Any) -> None:
    assert _strikes("Trois écoles ont été touchées lundi à Saraqeb, selon les secouristes.", gaz)


def test_injured_only_sentence(gaz: Any) -> None:
    text = ("Des frappes aériennes ont tué six civils lundi à Saraqeb, selon l'OSDH. "
            "Plus de 30 personnes ont été blessées mardi à Binnich.")
    assert len(_strikes(text, gaz)) == 2
    same = ("Des frappes aériennes ont tué six civils lundi à Saraqeb, selon l'OSDH. "
            "Plus de 30 personnes ont été blessées dans ce raid.")
    assert len(_strikes(same, gaz)) == 1
