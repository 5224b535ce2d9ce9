"""Issue 11 extraction rules, each checked on sentences written for this test (never from a gold set)."""

from __future__ import annotations

from typing import Any

import pytest

from geo.model import Document


@pytest.fixture(scope="module")
def gaz() -> Any:
    from gazetteer import Gazetteer

    return Gazetteer.default()


def _doc(text: str, gaz: Any) -> Document:
    from geo.extract.document import extract_document

    return extract_document(Document(id="t", source="t.txt", text=text, date="2020-03-05", date_precision="day"), gaz)


def _events(text: str, gaz: Any, kind: str | None = None) -> list[Any]:
    return [e for e in _doc(text, gaz).events if kind is None or e.kind == kind]


# --- control changes in all their forms ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place", "new", "previous", "status"),
    [
        # active, present tense, loser after "aux"
        ("Les forces kurdes reprennent Kobané aux jihadistes de l'EI.", "Kobani", "SDF/Kurdish forces", "IS", "complete"),
        # nominal "la prise de X par Y"
        ("La prise de Saraqeb par les rebelles a eu lieu lundi, selon une ONG.", "Saraqib", "rebels", None, "complete"),
        # "Y a perdu X": the other side gains
        ("Les rebelles ont perdu Kafr Nabl mardi face à l'armée syrienne.", "Kafr Nabl", "regime", "rebels", "complete"),
        # withdrawal: the other side gains
        ("Les jihadistes se sont retirés de Morek jeudi, devant l'avancée de l'armée syrienne.", "Morek", "regime", "HTS/jihadists", "complete"),
        # entered: partial
        ("Les rebelles sont entrés vendredi dans Saraqeb, selon une ONG.", "Saraqib", "rebels", None, "partial"),
        # taken, then lost again: reversed
        ("L'EI s'est emparé de Palmyre, avant d'en être chassé par l'armée quelques heures plus tard.", "Palmyra", "IS", "regime", "reversed"),
        # a claim that the other side denies
        ("Les rebelles affirment avoir repris Morek, ce que dément Damas.", "Morek", "rebels", "regime", "denied"),
        # briefly
        ("Les jihadistes ont brièvement pris le contrôle de Khan Cheikhoun jeudi, face au régime.", "Khan Shaykhun", "HTS/jihadists", "regime", "reversed"),
    ],
)
def test_control_change_forms(gaz: Any, text: str, place: str, new: str, previous: str | None, status: str) -> None:
    (ev,) = _events(text, gaz, "control_change")
    assert (ev.place, ev.new_controller, ev.previous_controller, ev.status) == (place, new, previous, status)


@pytest.mark.parametrize(
    ("text", "new"),
    [
        ("L'armée syrienne et le Hezbollah reprennent Morek aux rebelles.", "regime"),
        ("Les troupes syriennes et leurs alliés du Hezbollah ont pris dimanche le contrôle de Morek.", "regime"),
        ("Des groupes rebelles, islamistes et laïcs, ont chassé mardi les forces gouvernementales de Morek.", "rebels"),
        ("Mardi, les factions se sont emparées de Morek, au nord de Hama.", "rebels"),
    ],
)
def test_gaining_side_is_the_head_of_the_subject(gaz: Any, text: str, new: str) -> None:
    (ev,) = _events(text, gaz, "control_change")
    assert ev.new_controller == new


def test_fell_from_hands_to_hands(gaz: Any) -> None:
    evs = _events("Manbij et Tal Rifaat sont passées des mains des FDS à celles des groupes proturcs.", gaz, "control_change")
    assert sorted(e.place for e in evs) == ["Manbij", "Tall Rifaat"]
    assert {(e.new_controller, e.previous_controller) for e in evs} == {("Turkey", "SDF/Kurdish forces")}


def test_anaphoric_place_takes_the_place_in_focus(gaz: Any) -> None:
    text = "De violents combats ont opposé mercredi l'armée aux jihadistes à Morek. Jeudi, les jihadistes ont été chassés de la ville."
    (ev,) = _events(text, gaz, "control_change")
    assert ev.place == "Morek" and ev.previous_controller == "HTS/jihadists"


def test_not_a_capture(gaz: Any) -> None:
    assert _events("Les bombardements ont repris lundi sur Saraqeb.", gaz, "control_change") == []
    assert _events("L'armée a progressé vers les quartiers voisins de Kafr Nabl.", gaz, "control_change") == []
    assert _events("La chute de Saraqeb ouvrirait la route de Maaret al-Noomane au régime.", gaz, "control_change") == []
    assert _events("Un obus est tombé mardi sur Saraqeb, blessant deux civils.", gaz, "control_change") == []
    assert _events("Le groupe HTS, qui contrôle la province d'Idleb, a démenti.", gaz, "control_change") == []


# --- one event per place ------------------------------------------------------------------


def test_one_control_change_per_listed_place(gaz: Any) -> None:
    evs = _events("Les forces du régime ont repris les localités de Kafr Nabl, Saraqeb, Morek et Khan Cheikhoun.", gaz, "control_change")
    assert [e.place for e in evs] == ["Kafr Nabl", "Saraqib", "Morek", "Khan Shaykhun"]
    assert {e.new_controller for e in evs} == {"regime"}


def test_one_strike_per_listed_place_and_shared_toll(gaz: Any) -> None:
    evs = _events("Des obus se sont abattus jeudi sur Kafr Nabl et Saraqeb, tuant huit civils.", gaz, "strike")
    assert [e.place for e in evs] == ["Kafr Nabl", "Saraqib"]
    assert [e.killed for e in evs] == [None, None]  # a shared toll is not split nor counted twice


def test_toll_given_place_by_place(gaz: Any) -> None:
    evs = _events("Des raids ont tué dix civils mardi: sept à Kafr Nabl et trois à Saraqeb.", gaz, "strike")
    assert [(e.place, e.killed) for e in evs] == [("Kafr Nabl", 7), ("Saraqib", 3)]



def test_list_keeps_an_unknown_village_near_its_neighbour(gaz: Any) -> None:
    evs = _events("Des barils d'explosifs ont frappé mardi Saraqeb et Tell Zorbabou, selon une ONG.", gaz, "strike")
    assert [e.place for e in evs] == ["Saraqib", "Tell Zorbabou"]
    assert evs[1].geo_precision == 2 and evs[1].lat == evs[0].lat  # ACLED: the nearest known place


def test_list_with_directions_between_places(gaz: Any) -> None:
    text = "Des obus se sont abattus samedi sur les localités de Kafr Nabl, au nord, et de Saraqeb, à l'est."
    assert [e.place for e in _events(text, gaz, "strike")] == ["Kafr Nabl", "Saraqib"]


def test_same_toll_in_each_listed_place(gaz: Any) -> None:
    text = "Des roquettes ont tué six civils lundi à Kafr Nabl et à Saraqeb, trois dans chacune des deux villes."
    assert [(e.place, e.killed) for e in _events(text, gaz, "strike")] == [("Kafr Nabl", 3), ("Saraqib", 3)]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # pluperfect explosion of a car bomb (background told in the past perfect is still an event)
        ("La veille, une voiture piégée avait explosé devant un hôpital de Saraqeb.", "Saraqib"),
        # an explosion heard: "a retenti"
        ("Une forte explosion a retenti jeudi soir dans le quartier de Mezzeh.", "Mezzeh"),
        # strikes that resumed
        ("Les raids de l'aviation russe ont repris mercredi sur Kafr Nabl.", "Kafr Nabl"),
    ],
)
def test_strike_verbs_of_explosions_and_resumption(gaz: Any, text: str, place: str) -> None:
    assert [e.place for e in _events(text, gaz, "strike")] == [place]


def test_a_place_taken_after_strikes_is_no_resumed_strike(gaz: Any) -> None:
    evs = _events("Après des frappes russes, les rebelles ont repris Saraqeb lundi.", gaz)
    assert [e.kind for e in evs] == ["control_change"]


def test_strike_targets_in_noun_phrases_of_their_own(gaz: Any) -> None:
    text = ("Dans la soirée, des frappes ont visé l'aéroport militaire de Mezzeh, les hauteurs de Qatana et des "
            "positions de l'armée aux abords de Kisweh, dans la campagne de Damas, ainsi que des postes de police à Soueida.")
    assert [e.place for e in _events(text, gaz, "strike")] == [
        "Mezzeh military airport", "Qaţanā", "Al-Kiswah", "As-Suwayda"]


@pytest.mark.parametrize(
    "text",
    [
        # a landmark at a distance is no target
        "Un obus est tombé jeudi sur une école de Kafr Nabl, à 10 km de Maaret al-Noomane.",
        # a quarter and the city around it: one target, the quarter
        "Un enfant a été tué mardi par des tirs d'obus sur le quartier de Bab Touma et le centre de Damas.",
    ],
)
def test_no_second_target_for_a_landmark_or_the_city_around(gaz: Any, text: str) -> None:
    assert len(_events(text, gaz, "strike")) == 1


def test_a_strike_named_again_with_a_demonstrative_is_the_same_strike(gaz: Any) -> None:
    evs = _events("Des avions russes ont frappé mardi Saraqeb. Ces bombardements ont tué douze civils, selon une ONG.", gaz)
    assert [(e.kind, e.place, e.killed) for e in evs] == [("strike", "Saraqib", 12)]
    evs = _events("Des avions russes ont frappé mardi Saraqeb. Ces raids ont aussi touché Kafr Nabl.", gaz, "strike")
    assert [e.place for e in evs] == ["Saraqib", "Kafr Nabl"]  # a place of its own: a second target


@pytest.mark.parametrize(
    ("text", "strikes"),
    [
        # a campaign's toll, civilians only a part of it: no strike
        ("Depuis le début de l'offensive le 2 mars, les combats et les bombardements ont fait au moins 500 morts, "
         "dont 80 civils, selon l'OSDH.", 0),
        # civilians counted first: the strikes' toll
        ("Les bombardements et les combats ont tué mardi plus de 30 civils et des dizaines de combattants à Saraqeb.", 1),
    ],
)
def test_campaign_toll_with_civilians_as_a_part_is_no_strike(gaz: Any, text: str, strikes: int) -> None:
    assert len(_events(text, gaz, "strike")) == strikes


def test_plural_place_noun_announces_more_targets(gaz: Any) -> None:
    text = ("Le régime a intensifié ses bombardements sur la province d'Idleb, où domine HTS, "
            "et sur des secteurs des provinces d'Alep, de Hama et de Lattaquié.")
    assert len(_events(text, gaz, "strike")) == 4


def test_strike_in_a_past_infinitive_and_feminine_participle(gaz: Any) -> None:
    evs = _events("Mardi, les rebelles sont entrés dans Saraqeb après l'avoir bombardée pendant deux jours.", gaz)
    assert sorted(e.kind for e in evs) == ["control_change", "strike"]


def test_targets_across_a_locating_governorate_with_a_direction(gaz: Any) -> None:
    text = ("Dimanche, les rebelles ont riposté en pilonnant des positions à Kafr Nabl et Hish, dans le sud de la "
            "province d'Idleb, ainsi qu'à Saraqeb et à Binnish, selon l'ONG.")
    assert [e.place for e in _events(text, gaz, "strike")] == ["Kafr Nabl", "Hish", "Saraqib", "Binnish"]


def test_two_strike_clauses_on_two_distant_places_are_two_strikes(gaz: Any) -> None:
    text = "Des raids russes ont frappé mercredi Atareb, tandis que l'artillerie pilonnait Saraqeb."
    assert [e.place for e in _events(text, gaz, "strike")] == ["Al-Atarib", "Saraqib"]
    text = "Un raid a frappé mercredi Saraqeb, tuant cinq civils, et des obus ont touché le marché de la ville."
    assert len(_events(text, gaz, "strike")) == 1


def test_strike_target_named_after_a_long_agent(gaz: Any) -> None:
    text = "Après des frappes de l'aviation du régime et de son allié russe sur la colline de Tell Kurdi, l'armée a avancé."
    assert len(_events(text, gaz, "strike")) == 1


def test_a_definite_strike_opening_its_sentence_is_the_strike_before(gaz: Any) -> None:
    text = ("Des avions russes ont bombardé lundi Kafr Nabl. Les raids, attribués par l'opposition à Moscou, "
            "ont aussi fait plusieurs blessés graves, selon des secouristes.")
    assert len(_events(text, gaz, "strike")) == 1

# --- casualties ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Un raid aérien a tué dix combattants de l'EI et six civils à Raqa.", 16),
        ("Une frappe de drone a tué une femme et ses deux filles à Saraqeb.", 3),
        ("Un obus a tué un père et ses trois enfants à Kafr Nabl.", 4),
        ("Un raid a tué 11 membres d'une même famille à Saraqeb.", 11),
        ("Les frappes ont tué trois soldats, deux civils et quatre rebelles à Saraqeb.", 9),
    ],
)
def test_casualty_sums_and_counted_people(gaz: Any, text: str, killed: int) -> None:
    (ev,) = _events(text, gaz, "strike")
    assert ev.killed == killed


def test_vague_quantities_follow_acled(gaz: Any) -> None:
    (ev,) = _events("Des raids russes ont tué des dizaines de civils à Saraqeb.", gaz, "strike")
    assert (ev.killed, ev.killed_min, ev.killed_approx) == (10, True, True)
    (ev,) = _events("Des bombardements ont tué une dizaine de civils à Saraqeb.", gaz, "strike")
    assert (ev.killed, ev.killed_approx) == (10, True)


def test_injured_are_not_killed(gaz: Any) -> None:
    (ev,) = _events("A Morek, un raid a fait sept morts et une quarantaine de blessés.", gaz, "strike")
    assert (ev.killed, ev.injured) == (7, 40)
    (ev,) = _events("Mercredi, un obus a tué un civil à Saraqeb et 18 autres ont été blessés.", gaz, "strike")
    assert ev.killed == 1


def test_toll_in_the_next_sentence(gaz: Any) -> None:
    (ev,) = _events("Des raids aériens ont frappé mardi Saraqeb. Le bilan s'élève à sept morts, dont deux enfants.", gaz, "strike")
    assert (ev.place, ev.killed) == ("Saraqib", 7)
    assert _events("Le bilan s'élève à sept morts.", gaz) == []


# --- kinds --------------------------------------------------------------------------------


def test_violence_against_civilians(gaz: Any) -> None:
    (ev,) = _events("Vendredi, 40 hommes avaient été exécutés à Kafr Nabl par des miliciens, selon une ONG.", gaz)
    assert (ev.kind, ev.killed) == ("violence_against_civilians", 40)
    assert (ev.acled_event_type, ev.acled_sub_event_type) == ("Violence against civilians", "Attack")
    (ev,) = _events("Les jihadistes ont enlevé une vingtaine de villageois à Kafr Nabl.", gaz)
    assert (ev.kind, ev.acled_sub_event_type) == ("violence_against_civilians", "Abduction/forced disappearance")


def test_hunger_is_no_strike(gaz: Any) -> None:
    assert _events("La faim frappe Madaya, assiégée depuis des mois.", gaz, "strike") == []


def test_acled_types_on_every_event(gaz: Any) -> None:
    text = ("L'armée pilonne Saraqeb depuis l'aube. Les forces du régime ont repris Kafr Nabl aux rebelles. "
            "De violents combats opposent les rebelles à l'armée à Morek.")
    evs = _events(text, gaz)
    assert {e.kind for e in evs} == {"strike", "control_change", "clash"}
    got = {e.kind: (e.acled_event_type, e.acled_sub_event_type) for e in evs}
    assert got["strike"] == ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert got["control_change"] == ("Battles", "Government regains territory")
    assert got["clash"] == ("Battles", "Armed clash")


def test_same_event_reported_twice_shares_an_event_id(gaz: Any) -> None:
    text = ("Des raids aériens ont tué mardi 31 civils à Saraqeb, selon une ONG. "
            "L'ONG a ensuite porté le bilan des raids de mardi sur Saraqeb à 39 morts.")
    evs = _events(text, gaz, "strike")
    assert len({e.event_id for e in evs}) == 1 and all(e.event_id for e in evs)


def test_headline_restating_the_lead_is_one_strike(gaz: Any) -> None:
    text = ("Syrie: dix civils tués dans des raids sur Saraqeb\n"
            "Des raids aériens ont tué mardi dix civils à Saraqeb, dans la province d'Idleb, selon une ONG.\n")
    evs = _events(text, gaz, "strike")
    assert len(evs) == 1 and evs[0].killed == 10 and "headline" in (evs[0].sources or "")


# --- actors -------------------------------------------------------------------------------


def test_actors_islamic_state_reporter_and_two_actors(gaz: Any) -> None:
    (ev,) = _events("Les jihadistes de l'Etat islamique se sont emparés de Soukhné, selon l'armée syrienne.", gaz, "control_change")
    assert ev.new_controller == "IS"
    (ev,) = _events("Selon Moscou, l'aviation syrienne a bombardé Saraqeb mardi.", gaz, "strike")
    assert ev.actor == "regime"


def test_two_actors_are_kept(gaz: Any) -> None:
    (ev,) = _events("Des raids du régime et de son allié russe ont tué mardi six civils à Saraqeb.", gaz, "strike")
    assert (ev.actor, ev.actors) == ("regime", "regime + Russia")
    (ev,) = _events("L'armée syrienne et le Hezbollah ont repris Morek aux rebelles.", gaz, "control_change")
    assert ev.actors == "regime + Iran/Hezbollah" and ev.new_controller == "regime"


# --- control states -----------------------------------------------------------------------


def test_control_states_are_observations_not_changes(gaz: Any) -> None:
    text = ("La ville de Kafr Nabl, contrôlée par les jihadistes, a été visée. Morek est tenue par les forces du régime. "
            "Un obus a touché les quartiers Est de Saraqeb sous contrôle des rebelles.")
    doc = _doc(text, gaz)
    assert [e for e in doc.events if e.kind == "control_change"] == []
    got = {(s.place, s.controller) for s in doc.control_states}
    assert {("Kafr Nabl", "HTS/jihadists"), ("Morek", "regime"), ("Saraqib (east)", "rebels")} <= got


def test_control_states_feed_the_control_table(gaz: Any) -> None:
    from geo.spatial.control import ControlTable

    text = ("Un obus est tombé sur la partie occidentale de Saraqeb, contrôlée par le régime. "
            "Des raids ont visé les quartiers Est de Saraqeb, aux mains des rebelles.")
    doc = _doc(text, gaz)
    table = ControlTable(gazetteer=False)
    assert table.add_states(doc.control_states) == 2
    lines = table.front_lines("2020-03-31")
    assert len(lines) == 1 and {lines.iloc[0]["side_a"], lines.iloc[0]["side_b"]} == {"rebels", "regime"}
