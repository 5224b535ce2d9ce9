"""Control-change forms of issue 11 (wave 2), each on sentences written for this test (never from a gold set)."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from rule_events import events_of

_changes = functools.partial(events_of, kind="control_change", date="2019-08-05")


@pytest.mark.parametrize(
    ("text", "place", "new", "previous"),
    [
        # "venaient aussi de perdre X": the subject loses, the other side gains
        ("Les rebelles venaient aussi de perdre Kafr Nabl face à l'armée syrienne.", "Kafr Nabl", "regime", "rebels"),
        # "Y chassé de X par Z": the place follows "de"
        ("Syrie: l'EI chassé de Palmyre par l'armée syrienne", "Palmyra", "regime", "IS"),
        # an apposition between the place and "tombée aux mains de"
        ("Morek, petite ville du nord de Hama et dernier verrou rebelle, est tombée mardi aux mains de l'armée.",
         "Morek", "regime", None),
        # "dont celui de X" after a counted plural object
        ("Les jihadistes ont abandonné plusieurs villages mardi devant l'avancée de l'armée, dont celui de Morek.",
         "Morek", "regime", "HTS/jihadists"),
        # the holder with an adverb between verb and place
        ("Dans le nord, les forces kurdes tiennent depuis mercredi la localité de Tal Abyad.", "Tall Abyad",
         "SDF/Kurdish forces", None),
    ],
)
def test_control_change_forms(gaz: Any, text: str, place: str, new: str, previous: str | None) -> None:
    evs = [e for e in _changes(text, gaz) if e.place == place]
    assert evs, _changes(text, gaz)
    assert evs[0].new_controller == new
    if previous is not None:
        assert evs[0].previous_controller == previous


def test_apposition_head_is_the_place_not_the_landmark(gaz: Any) -> None:
    evs = _changes("Kafr Nabl, bourgade à l'ouest de Maaret al-Noomane, s'est rendue mardi sans combattre.", gaz)
    assert [e.place for e in evs] == ["Kafr Nabl"]


def test_anaphor_with_du_and_percent(gaz: Any) -> None:
    text = ("De violents combats ont opposé l'armée aux rebelles à Morek. "
            "Samedi, l'armée syrienne contrôlait 80% du bourg, selon l'OSDH.")
    (ev,) = _changes(text, gaz)
    assert (ev.place, ev.new_controller, ev.status) == ("Morek", "regime", "partial")


def test_pushed_out_of_the_anaphoric_place(gaz: Any) -> None:
    text = ("L'EI a attaqué mardi la ville de Morek tenue par les rebelles. "
            "Jeudi, les rebelles sont parvenus à repousser les jihadistes hors du bourg.")
    evs = [e for e in _changes(text, gaz) if e.new_controller == "rebels"]
    assert evs and evs[0].place == "Morek"


def test_fall_after_a_delay_phrase(gaz: Any) -> None:
    text = "Les rebelles se sont emparés de Saraqeb, après la chute quelques jours plus tôt de Morek."
    assert {e.place for e in _changes(text, gaz)} == {"Saraqib", "Morek"}


def test_nominal_after_dont_takes_the_place_before(gaz: Any) -> None:
    text = "Les habitants sont rentrés à Morek, dont la reconquête la veille par l'armée syrienne a surpris."
    (ev,) = _changes(text, gaz)
    assert (ev.place, ev.new_controller) == ("Morek", "regime")


def test_fallen_place_takes_the_offensive_of_the_sentence_before(gaz: Any) -> None:
    text = "Les rebelles ont pris Saraqeb mardi. Mercredi, Morek est à son tour tombée."
    evs = {e.place: e.new_controller for e in _changes(text, gaz)}
    assert evs.get("Morek") == "rebels"


def test_an_ally_is_not_the_loser(gaz: Any) -> None:
    text = ("Appuyés par des jihadistes, les rebelles ont pris Morek mardi. "
            "L'armée syrienne n'a pas commenté cette perte.")
    evs = [e for e in _changes(text, gaz) if e.place == "Morek"]
    assert evs and evs[0].previous_controller == "regime"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # official media relaying a capture: a report, not a contested claim
        ("L'armée syrienne a repris Morek aux rebelles, selon la télévision d'Etat.", None),
        ("L'armée a pris le contrôle de Morek, a annoncé l'agence officielle.", None),
        # one side says it took the place
        ("Les rebelles disent avoir pris Morek mardi.", "claimed"),
        ("Morek a été prise par les rebelles, selon l'agence Amaq.", "claimed"),
    ],
)
def test_report_versus_claim(text: str, status: str | None) -> None:
    from geo.extract.control_pass import control_status

    assert control_status(text, text, "") == status


def test_possessive_nominal_with_its_agent_takes_the_place_in_focus(gaz: Any) -> None:
    text = "Les rebelles ont tenu Morek pendant deux ans. Sa reconquête en mars par l'armée syrienne a surpris."
    evs = [e for e in _changes(text, gaz) if e.new_controller == "regime"]
    assert evs and evs[0].place == "Morek"
    assert _changes("Les rebelles ont tenu Morek pendant deux ans. Sa chute reste un symbole.", gaz) == []


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # the older (regex) path agrees with the tables: official media relaying a capture is a report
        ("Le quartier de Bab Amr, à Homs, a été repris jeudi par l'armée, a annoncé la télévision d'Etat.", "complete"),
        ("Les soldats ont repris Morek mardi, selon l'agence officielle Sana.", "complete"),
        ("L'armée a repris Morek mardi, selon la télévision syrienne.", "complete"),
        # one side's word stays a claim
        ("Les rebelles affirment avoir repris Morek mardi.", "claimed"),
        ("L'armée a repris Morek, selon le régime, ce que les rebelles n'ont pas reconnu.", "claimed"),
    ],
)
def test_official_media_report_is_not_a_claim_on_either_path(gaz: Any, text: str, status: str) -> None:
    evs = _changes(text, gaz)
    assert evs and evs[0].status == status, [(e.place, e.status) for e in evs]


def test_a_place_taken_back_after_its_fall_is_two_changes(gaz: Any) -> None:
    # "ont repris X, tombée <date> aux mains de Y": two changes of one place, each with its winner
    text = "Les rebelles ont repris jeudi la ville de Kafr Nabl, tombée le 3 janvier aux mains de l'armée, selon l'OSDH."
    evs = sorted((e.new_controller, e.when) for e in _changes(text, gaz) if e.place == "Kafr Nabl")
    assert evs == [("rebels", "jeudi"), ("regime", "le 3 janvier")]


def test_one_side_told_twice_in_a_sentence_stays_one_change(gaz: Any) -> None:
    text = "L'armée a repris Morek mardi, et les soldats ont pris le contrôle de la ville, selon l'OSDH."
    assert len([e for e in _changes(text, gaz) if e.place == "Morek"]) == 1


def test_elliptic_list_of_falls_each_with_its_date(gaz: Any) -> None:
    # the verb said once, each place with its own date: one change per place
    text = ("Dans la province d'Idleb, Maaret al-Noomane est tombée début mars, Kafr Nabl le 12 avril, "
            "puis Saraqeb le 20 mai, après une offensive rapide.")
    got = [(e.place, e.when) for e in _changes(text, gaz)]
    assert got == [("Maarat al-Numan", "début mars"), ("Kafr Nabl", "le 12 avril"), ("Saraqib", "le 20 mai")]


def test_listed_places_keep_their_own_dates(gaz: Any) -> None:
    text = "Depuis début mai, les soldats ont repris Kafr Nabl, le 3 mai, puis Morek, mi-mai."
    assert [(e.place, e.when) for e in _changes(text, gaz)] == [("Kafr Nabl", "le 3 mai"), ("Morek", "mi-mai")]
    # one date for the whole list: every place keeps it
    text = "L'armée a repris Kafr Nabl et Morek le 3 mai."
    assert [e.when for e in _changes(text, gaz)] == ["le 3 mai", "le 3 mai"]


def test_a_strike_then_a_date_is_no_elliptic_list(gaz: Any) -> None:
    text = "Kafr Nabl a été bombardée le 3 mai, Morek le 4 mai."
    assert _changes(text, gaz) == []


def test_a_place_after_a_dated_list_item_is_still_a_place(gaz: Any) -> None:
    # "X, le 19 novembre, puis Y": the date between the items does not break the list
    text = "Les troupes ont reconquis Qara, le 19 novembre, puis Deir Attiya, fin novembre."
    assert [(e.place, e.when) for e in _changes(text, gaz)] == [("Qara", "le 19 novembre"), ("Deir Atiyah", "fin novembre")]
