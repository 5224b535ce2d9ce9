"""Control-change forms of issue 11 (wave 3), each on sentences written for this test (never from a gold set)."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from rule_events import events_of

_changes = functools.partial(events_of, kind="control_change", date="2018-03-11")


def test_unknown_villages_taken_from_a_side(gaz: Any) -> None:
    # names the gazetteer lacks, the side they were taken from between verb and places
    evs = _changes("Mardi, les troupes du régime ont repris à l'EI les hameaux de Khirbet Zaouqal et de "
                   "Khirbet Oumm Ghazal, au sud de Raqa.", gaz)
    assert {e.place for e in evs} >= {"Khirbet Zaouqal", "Khirbet Oumm Ghazal"}, evs
    assert all(e.new_controller == "regime" and e.previous_controller == "IS" for e in evs)


def test_side_named_with_its_acronym_between_verb_and_place(gaz: Any) -> None:
    (ev,) = _changes("Les FDS ont annoncé lundi avoir pris au groupe Etat islamique (EI) Tabqa, sur l'Euphrate.", gaz)
    assert (ev.place, ev.new_controller, ev.previous_controller) == ("Tabqa", "SDF/Kurdish forces", "IS")


def test_two_places_of_one_sentence_in_two_clauses(gaz: Any) -> None:
    text = ("La ville de Morek est tombée dimanche, tandis que Kafr Zita, bourgade au nord de Hama, "
            "s'est rendue sans combat.")
    assert [e.place for e in _changes(text, gaz)] == ["Morek", "Kafr Zita"]


def test_earlier_change_of_the_same_place_by_a_nominal(gaz: Any) -> None:
    text = ("L'armée est entrée mardi dans Maaret al-Noomane, dix jours après la prise de cette ville par les "
            "rebelles, selon l'OSDH.")
    sides = sorted((e.new_controller or "") for e in _changes(text, gaz))
    assert sides == ["rebels", "regime"], _changes(text, gaz)


@pytest.mark.parametrize(
    "text",
    [
        # a part of the place told before, coordinated with another participle
        "Les jihadistes ont contre-attaqué et repris samedi plus de 30% de la localité, selon l'OSDH.",
        # "se sont rendus maîtres de la majeure partie des quartiers de cette ville"
        "Jeudi, les rebelles se sont rendus maîtres de la majeure partie des quartiers de cette ville.",
        # held, with no holder named: the side told before
        "Le ministre a assuré que la ville était « presque entièrement sous contrôle ».",
        # a quoted percentage
        "Selon des militants, l'armée contrôlait \"80%\" du secteur dimanche soir.",
    ],
)
def test_changes_of_the_place_in_focus(gaz: Any, text: str) -> None:
    lead = "Les forces gouvernementales et les rebelles se disputent Morek depuis des semaines. "
    evs = _changes(lead + text, gaz)
    assert [e.place for e in evs] == ["Morek"], evs


def test_pronoun_subject_holds(gaz: Any) -> None:
    text = "Les FDS ont pris Tabqa mardi. Elles contrôlent également le quartier de Wadi al-Qarnoun, au nord."
    evs = [e for e in _changes(text, gaz) if e.place == "Wadi al-Qarnoun"]
    assert evs and evs[0].new_controller == "SDF/Kurdish forces", _changes(text, gaz)


def test_where_clause_takes_the_place_before(gaz: Any) -> None:
    text = "Les renforts ont été envoyés à Alep, où l'armée contrôle désormais 85% des quartiers de l'est."
    evs = _changes(text, gaz)
    assert [(e.place, e.new_controller) for e in evs] == [("Aleppo", "regime")], evs


def test_siege_broken_at_a_place(gaz: Any) -> None:
    text = "Les troupes syriennes ont brisé dimanche le siège imposé depuis deux ans par les rebelles à Nubl."
    evs = _changes(text, gaz)
    assert [(e.place, e.new_controller) for e in evs] == [("Nubl", "regime")], evs


def test_advance_into_a_village(gaz: Any) -> None:
    text = "Les soldats venaient d'avancer dans le village voisin de Morek, d'après l'ONG."
    assert [e.place for e in _changes(text, gaz)] == ["Morek"]


@pytest.mark.parametrize(
    "text",
    [
        # "ouvrir la voie à": paved the way, nothing taken
        "Un attentat près de Morek avait ouvert la voie à un premier assaut des rebelles.",
        # "sous contrôle de Y" is a state, and "la situation est sous contrôle" names no place
        "Selon les autorités, la situation est sous contrôle à Morek.",
    ],
)
def test_no_change(gaz: Any, text: str) -> None:
    assert _changes(text, gaz) == []


def test_participle_qualifying_a_noun_is_no_capture(gaz: Any) -> None:
    # the auxiliary belongs to "fui"; "reconquises" qualifies "régions", and no place is named
    text = "Près de Morek, la moitié des habitants a fui d'autres régions reconquises par le régime."
    assert _changes(text, gaz) == []


def test_place_named_as_an_example_after_a_participle(gaz: Any) -> None:
    text = "Les déplacés venaient de secteurs repris par l'armée, comme Kafr Nabl, au printemps."
    evs = _changes(text, gaz)
    assert [(e.place, e.new_controller) for e in evs] == [("Kafr Nabl", "regime")], evs


def test_anaphoric_subject_not_the_place_of_its_apposition(gaz: Any) -> None:
    text = ("Les rebelles assiègent Morek depuis des mois. La localité, située entre Kafr Zita et Latamné, "
            "avait été arrachée en mars à l'armée par les rebelles.")
    evs = [e for e in _changes(text, gaz) if e.place in ("Kafr Zita", "Latamné", "Latamneh")]
    assert evs == []


def test_rebel_stronghold_retaken_with_a_date(gaz: Any) -> None:
    text = ("L'armée espère répéter son succès à Morek, autre bastion rebelle du nord de Hama repris après deux "
            "mois de siège.")
    evs = _changes(text, gaz)
    assert [(e.place, e.new_controller, e.previous_controller) for e in evs] == [("Morek", "regime", "rebels")], evs


def test_quarter_located_in_its_city_is_one_change(gaz: Any) -> None:
    text = "Le quartier de Bab Amr, à Homs, a été repris mardi par l'armée syrienne, selon la télévision d'Etat."
    assert [e.place for e in _changes(text, gaz)] == ["Baba Amr"]


def test_reported_clause_subject_acts(gaz: Any) -> None:
    # "a assuré que des groupes rebelles ...": the reporter is the OSDH, the rebels act
    text = "Samedi, l'OSDH a assuré que des groupes rebelles contrôlaient plus de 80% de la province de Deraa."
    evs = _changes(text, gaz)
    assert [e.new_controller for e in evs] == ["rebels"], evs


def test_bare_troops_hold(gaz: Any) -> None:
    text = "Selon la télévision d'Etat, les troupes contrôlent désormais toute la région de Morek."
    evs = _changes(text, gaz)
    assert [e.place for e in evs] == ["Morek"], evs


def test_counted_places_taken_by_the_side_inside_the_trigger(gaz: Any) -> None:
    text = ("L'offensive dans la province de Deraa se poursuit. Lancée il y a dix jours, elle a permis au régime "
            "de reprendre une vingtaine de localités.")
    evs = _changes(text, gaz)
    assert [(e.adm1, e.new_controller) for e in evs] == [("Dar'a", "regime")], evs


def test_driven_out_of_the_place_in_focus_then_back(gaz: Any) -> None:
    text = ("Les jihadistes sont entrés lundi dans Morek. Ils en ont ensuite été chassés dans la nuit par l'armée, "
            "avant d'y revenir mercredi.")
    evs = _changes(text, gaz)
    out = [e for e in evs if e.previous_controller == "HTS/jihadists"]
    assert out and out[0].place == "Morek" and out[0].new_controller == "regime" and out[0].status == "reversed", evs


def test_moving_into_a_province_takes_no_place(gaz: Any) -> None:
    text = "Les troupes du régime sont entrées jeudi dans la province de Raqa, venant de celle d'Alep."
    assert _changes(text, gaz) == []
