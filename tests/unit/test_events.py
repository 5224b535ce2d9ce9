"""Events on dispatches written for these tests (not the seeds)."""

from __future__ import annotations

import pytest

from gazetteer import Gazetteer
from geo.extract.actors import find_actors, normalise_actor
from geo.extract.document import extract, extract_document
from geo.extract.events import find_events, split_sentences
from geo.model import Document


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def _doc(text: str, gaz: Gazetteer, date: str | None = "2019-12-20", precision: str | None = "day") -> Document:
    return extract_document(Document(id="t", source="t.txt", text=text, date=date, date_precision=precision), gaz)


def _kinds(doc: Document) -> list[str]:
    return [e.kind for e in doc.events]


def test_sentences_keep_abbreviations_and_offsets() -> None:
    text = "M. Abdel Rahmane a parlé. « Les raids continuent », dit-il. Nouvelle phrase ici."
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["M. Abdel Rahmane a parlé.", "« Les raids continuent », dit-il.", "Nouvelle phrase ici."]
    assert all(text[s.start : s.end] == s.text for s in sents)


@pytest.mark.parametrize(
    ("expr", "label"),
    [
        ("les forces du régime", "regime"), ("l'armée syrienne", "regime"), ("les troupes de Damas", "regime"),
        ("des combattants prorégime", "regime"), ("l'aviation russe", "Russia"), ("l'armée turque", "Turkey"),
        ("la coalition internationale", "coalition"), ("le groupe Etat islamique", "IS"), ("Daech", "IS"),
        ("les FDS", "SDF/Kurdish forces"), ("les milices kurdes", "SDF/Kurdish forces"), ("les jihadistes", "HTS/jihadists"),
        ("jihadistes et rebelles", "HTS/jihadists"), ("les insurgés", "rebels"), ("le Hezbollah", "Iran/Hezbollah"),
        ("des factions proturques", "Turkey"), ("l'armée israélienne", "Israel"), ("un voisin", None),
    ],
)
def test_normalise_actor(expr: str, label: str | None) -> None:
    assert normalise_actor(expr) == label


def test_find_actors_offsets() -> None:
    s = "Les raids aériens russes ont visé des positions de l'EI."
    assert [(s[a:b], lab) for a, b, lab in find_actors(s)] == [("raids aériens russes", "Russia"), ("EI", "IS")]


def test_strike_with_casualties_and_town(gaz: Gazetteer) -> None:
    doc = _doc("Au moins quinze civils, dont quatre enfants, ont été tués vendredi dans des frappes aériennes russes "
               "sur la ville de Saraqeb, selon une ONG. Une vingtaine de personnes ont été blessées.", gaz)
    ev = doc.events[0]
    assert ev.kind == "strike" and ev.subtype == "air" and ev.actor == "Russia"
    assert (ev.place, ev.geo_precision) == ("Saraqib", 1)
    assert (ev.killed, ev.killed_min, ev.children_killed) == (15, True, 4)
    assert (ev.when, ev.date, ev.date_precision) == ("vendredi", "2019-12-20", "day")
    assert doc.text[ev.start : ev.end] == ev.evidence


def test_subtypes(gaz: Gazetteer) -> None:
    text = ("Des hélicoptères du régime ont largué des barils d'explosifs sur Saraqeb lundi. "
            "Des tirs de roquettes ont touché Alep mardi. Un drone turc a frappé un véhicule près de Hassaké mercredi.")
    assert [e.subtype for e in _doc(text, gaz).events] == ["barrel_bomb", "rocket", "drone"]


def test_near_precision_and_rural_damascus(gaz: Gazetteer) -> None:
    doc = _doc("Jeudi, l'armée a bombardé des secteurs aux abords de Douma. Vendredi, des obus sont tombés sur la province de Damas.", gaz)
    a, b = doc.events
    assert a.geo_precision == 2
    assert b.adm1_pcode == "SY03" and b.geo_precision == 3


def test_two_events_in_one_sentence(gaz: Gazetteer) -> None:
    doc = _doc("Cinq civils ont été tués mardi dans des raids sur Saraqeb, tandis que la veille, des frappes du régime "
               "ont tué neuf civils dans la ville de Maaret al-Noomane.", gaz)
    assert [(e.place, e.killed, e.when) for e in doc.events] == [
        ("Saraqib", 5, "mardi"), ("Maarat al-Numan", 9, "la veille")
    ]


def test_event_spanning_two_sentences(gaz: Gazetteer) -> None:
    doc = _doc("Six civils ont été tués lundi dans des raids aériens sur une localité du nord de la Syrie. "
               "Les frappes ont visé le village de Joubass, tuant des civils.", gaz)
    assert len(doc.events) == 1
    ev = doc.events[0]
    assert ev.place == "Jubas" and ev.killed == 6 and "Joubass" in ev.evidence


def test_bare_toll_joins_previous_strike(gaz: Gazetteer) -> None:
    doc = _doc("Depuis début décembre, l'aviation russe a intensifié ses frappes dans la province d'Idleb. "
               "Une trentaine de civils ont été tués dans le cadre de cette campagne.", gaz)
    assert _kinds(doc) == ["strike"]
    ev = doc.events[0]
    assert ev.killed == 30 and ev.killed_approx and ev.cumulative


def test_control_change_status_and_controllers(gaz: Gazetteer) -> None:
    text = ("Les forces gouvernementales se sont emparées mardi de Saraqeb aux rebelles. "
            "Les rebelles et jihadistes ont réussi à reprendre Kafranbel mercredi. "
            "Un site prorégime annonçait jeudi que l'armée avait capturé Atareb, mais les rebelles ont dit les avoir repoussés. "
            "L'armée syrienne a affirmé vendredi avoir repris Khan Cheikhoun. "
            "Les troupes du régime ont encerclé samedi un poste turc près de Morek.")
    evs = [e for e in _doc(text, gaz).events if e.kind == "control_change"]
    assert [e.status for e in evs] == ["complete", "complete", "reversed", "claimed", "partial"]
    assert (evs[0].new_controller, evs[0].previous_controller) == ("regime", "rebels")
    assert evs[1].new_controller == "HTS/jihadists"


def test_not_events(gaz: Gazetteer) -> None:
    text = ("Paris a appelé à cesser les bombardements sur Idleb. "
            "Le régime est déterminé à reprendre Saraqeb. "
            "L'offensive pour reprendre Raqa commencerait dans les prochaines semaines. "
            "Déclenchée en 2011, la guerre en Syrie a fait plus de 380.000 morts. "
            "- Raids et diplomatie -")
    assert _doc(text, gaz).events == []


def test_clash_displacement_and_front(gaz: Gazetteer) -> None:
    text = ("De violents combats opposent depuis lundi les FDS au groupe Etat islamique à Raqa. "
            "Plus de 20.000 personnes ont fui la ville en trois jours. "
            "Les forces kurdes sont désormais à deux kilomètres de Tabqa.")
    doc = _doc(text, gaz)
    clash, disp = doc.events
    assert clash.kind == "clash" and clash.actor == "SDF/Kurdish forces" and clash.target == "IS"
    assert disp.kind == "displacement" and disp.displaced == 20000 and disp.cumulative
    (fo,) = doc.front_observations
    assert fo.distance_km == 2.0 and fo.actor == "SDF/Kurdish forces" and fo.place is not None


def test_context_place_and_when_from_lead(gaz: Gazetteer) -> None:
    text = ("Les forces du régime ont conquis jeudi de nouveaux secteurs dans la province de Hama. "
            "Elles ont capturé la localité de Morek, a précisé l'ONG.")
    doc = _doc(text, gaz)
    second = doc.events[-1]
    assert second.when == "jeudi" and second.actor == "regime"


def test_month_precision_keeps_month(gaz: Gazetteer) -> None:
    doc = _doc("Mardi, des raids du régime ont tué trois civils à Saraqeb.", gaz, date="2019-12", precision="month")
    ev = doc.events[0]
    assert (ev.when, ev.date, ev.date_precision) == ("Mardi", "2019-12", "month")


def test_lead_total_is_marked(gaz: Gazetteer) -> None:
    text = ("Des raids du régime ont tué onze civils jeudi dans la province d'Idleb, selon une ONG.\n\n"
            "A Saraqeb, quatre civils ont été tués dans des frappes du régime.")
    doc = _doc(text, gaz)
    assert [e.is_total for e in doc.events] == [True, False]


def test_stream_reports_failures_and_continues(tmp_path, gaz: Gazetteer, monkeypatch) -> None:
    (tmp_path / "a.txt").write_text("Des raids ont tué deux civils à Saraqeb mardi.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Des raids ont tué trois civils à Alep mardi.", encoding="utf-8")
    from geo.extract import events

    real = events.find_events

    def flaky(doc, mentions):
        if "Alep" in doc.text:
            raise RuntimeError("boom")
        return real(doc, mentions)

    monkeypatch.setattr(events, "find_events", flaky)
    errors: list = []
    docs = list(extract(tmp_path, gazetteer=gaz, errors=errors))
    assert [d.id for d in docs] == ["a"]
    assert len(errors) == 1 and "boom" in errors[0].reason and errors[0].source.endswith("b.txt")


def test_find_events_signature(gaz: Gazetteer) -> None:
    doc = Document(id="t", source="t", text="Rien ne s'est passé.")
    assert find_events(doc, []) == ([], [])


# ----------------------------------------------------------------------------- generalisation fixes


@pytest.mark.parametrize(
    ("clause", "actor"),
    [
        # the source of a claim is not the perpetrator
        ("Des tirs de roquettes attribués aux rebelles ont visé un quartier de Hama, sans faire de victimes selon Damas.", "rebels"),
        ("Selon la Turquie, des raids ont frappé une localité au sud de Saraqeb.", None),
        ("Des raids ont frappé Ariha mardi, a affirmé l'armée russe.", None),
        ("D'après les forces kurdes, un drone a frappé un marché de Qamichli.", None),
        # passive agent
        ("Le bourg a été bombardé par les forces du régime, a indiqué l'armée turque.", "regime"),
        ("Des raids menés par l'aviation russe ont visé Binnich, d'après les FDS.", "Russia"),
        # "tenu par", "contrôlé par", "dominé par": who holds the place, not who acts
        ("Les loyalistes ont encerclé une base tenue par les forces turques au sud d'Ariha.", "regime"),
        ("Des roquettes ont touché un marché de la partie ouest de Deraa, contrôlée par le régime.", None),
        # a backer is not the agent, unless it is the strike itself
        ("Soutenus par l'aviation russe, les loyalistes ont repris le village de Hass.", "regime"),
        ("Appuyés par les frappes de la coalition, les combattants ont bombardé le village.", "coalition"),
    ],
)
def test_actor_not_taken_from_sources_or_backers(clause: str, actor: str | None) -> None:
    from geo.extract.sides import event_actor
    from geo.lang.fr.triggers import CONTROL, STRIKE

    kind = "control_change" if CONTROL.search(clause) else "strike"
    rx = CONTROL if kind == "control_change" else STRIKE
    anchor = rx.search(clause).start()
    assert event_actor(clause, anchor, kind)[0] == actor


@pytest.mark.parametrize(
    ("expr", "label"),
    [
        ("des tirs d'artillerie turcs", "Turkey"), ("l'artillerie turque", "Turkey"), ("des obus de mortier turcs", "Turkey"),
        ("des frappes aériennes syriennes", "regime"), ("des hélicoptères syriens", "regime"),
        ("des bombardements russes", "Russia"), ("des drones israéliens", "Israel"), ("des missiles israéliens", "Israel"),
        ("des raids américains", "coalition"), ("les drones de la coalition", "coalition"), ("la coalition a riposté", "coalition"),
        ("une coalition rebelle", "rebels"), ("une coalition de groupes jihadistes", "HTS/jihadists"),
        ("les Forces démocratiques syriennes", "SDF/Kurdish forces"), ("des rebelles syriens", "rebels"),
    ],
)
def test_adjectival_actors(expr: str, label: str | None) -> None:
    assert normalise_actor(expr) == label


def test_adjectival_actor_on_coordinated_strikes(gaz: Gazetteer) -> None:
    doc = _doc("Des raids aériens et des tirs d'artillerie turcs ont frappé jeudi la ville de Qamichli, tuant quatre civils.", gaz)
    (ev,) = [e for e in doc.events if e.kind == "strike"]
    assert (ev.actor, ev.place, ev.killed) == ("Turkey", "Qamishli", 4)


def test_shells_fired_from_syria_onto_a_foreign_town_are_not_mapped_in_syria(gaz: Gazetteer) -> None:
    doc = _doc("Des roquettes tirées depuis la Syrie se sont abattues mardi sur la ville turque de Kilis, blessant deux personnes.", gaz)
    (ev,) = [e for e in doc.events if e.kind == "strike"]
    assert ev.place == "Kilis"
    assert (ev.lat, ev.lon, ev.adm1, ev.adm1_pcode, ev.geo_precision) == (None, None, None, None, 3)


def test_fire_origin_is_not_the_strike_place(gaz: Gazetteer) -> None:
    # the origin (a village) is more specific than the target (a city): the target still wins
    doc = _doc("Des obus tirés depuis le village de Hass ont frappé jeudi la ville d'Ariha, tuant deux civils.", gaz)
    (ev,) = [e for e in doc.events if e.kind == "strike"]
    assert (ev.place, ev.geo_precision) == ("Ariha", 1)


def test_country_level_event_has_no_point(gaz: Gazetteer) -> None:
    doc = _doc("L'aviation russe a mené mardi des dizaines de raids en Syrie, tuant au moins douze civils.", gaz)
    (ev,) = [e for e in doc.events if e.kind == "strike"]
    assert (ev.place, ev.geo_precision) == ("Syria", 3)
    assert (ev.lat, ev.lon, ev.adm1_pcode) == (None, None, None)


def test_region_wide_total_is_not_placed_at_the_last_military_site(gaz: Gazetteer) -> None:
    text = ("Des raids russes ont tué mardi cinq civils à Ariha, dans la province d'Idleb. "
            "Des roquettes ont par ailleurs visé la base russe de Hmeimim sans faire de victimes.\n\n"
            "Plus de 200.000 personnes ont été déplacées depuis décembre dans le nord-ouest du pays, selon l'ONU.")
    doc = _doc(text, gaz)
    (disp,) = [e for e in doc.events if e.kind == "displacement"]
    assert disp.place == "Idleb" and disp.geo_precision == 3


def test_sentence_without_place_takes_the_paragraph_province_not_the_last_place(gaz: Gazetteer) -> None:
    text = ("Dans la province de Hama, les loyalistes ont repris mardi le village de Lahaya. "
            "Des tirs d'artillerie ont visé une route près de la base aérienne russe de Hmeimim.\n\n"
            "Une frappe aérienne a tué trois civils dans un marché, selon l'OSDH.")
    doc = _doc(text, gaz)
    last = [e for e in doc.events if e.kind == "strike"][-1]
    assert last.killed == 3
    assert any(m.name == "Hmeimim airbase" for m in doc.mentions)
    assert (last.place, last.geo_precision) == ("Hama", 3)


def test_la_province_is_the_governorate_in_focus(gaz: Gazetteer) -> None:
    text = ("Les forces du régime se sont emparées jeudi de Kafrouma, dans la province d'Idleb, puis de Kansafra. "
            "Dans la soirée, des frappes aériennes ont tué au moins douze soldats dans la province.")
    doc = _doc(text, gaz)
    (ev,) = [e for e in doc.events if e.kind == "strike"]
    assert (ev.place, ev.geo_precision, ev.killed) == ("Idleb", 3, 12)


def test_continuation_keeps_the_place_in_focus(gaz: Gazetteer) -> None:
    text = "Des raids russes ont visé jeudi la ville de Saraqeb. Ils ont tué quatre civils, selon une ONG."
    doc = _doc(text, gaz)
    assert {e.place for e in doc.events if e.kind == "strike"} == {"Saraqib"}


@pytest.mark.parametrize(
    ("text", "place", "new", "previous", "status"),
    [
        ("Le bourg de Hass est tombé mardi aux mains des forces du régime, selon une ONG.", "Hass", "regime", None, "complete"),
        ("Les jihadistes ont été chassés jeudi de la localité de Kafr Nabuda par les troupes gouvernementales.",
         "Kafr Nabuda", "regime", "HTS/jihadists", "complete"),
        ("La ville de Morek a été reprise lundi par l'armée syrienne.", "Morek", "regime", None, "complete"),
        ("Les forces prorégime ont délogé les insurgés du village de Kabani.", "Kabani", "regime", "rebels", "complete"),
        ("Les rebelles sont entrés mercredi dans la ville de Saraqeb.", "Saraqib", "rebels", None, "partial"),
    ],
)
def test_passive_and_fell_to_control_changes(gaz: Gazetteer, text: str, place: str, new: str, previous: str | None, status: str) -> None:
    (ev,) = [e for e in _doc(text, gaz).events if e.kind == "control_change"]
    assert (ev.place, ev.new_controller, ev.previous_controller, ev.status) == (place, new, previous, status)


def test_toll_with_a_day_between_verb_and_count_and_update_not_duplicated(gaz: Gazetteer) -> None:
    doc = _doc("Des raids russes ont tué jeudi 28 civils à Ariha. Un précédent bilan faisait état de 26 morts.", gaz)
    strikes = [e for e in doc.events if e.kind == "strike"]
    assert [(e.place, e.killed) for e in strikes] == [("Ariha", 28)]


def test_displacement_is_placed_where_people_flee_from(gaz: Gazetteer) -> None:
    doc = _doc("Plus de 30.000 personnes ont fui mardi la région de Maaret al-Noomane, la plupart vers Sarmada et "
               "les camps de la frontière turque, selon l'ONU.", gaz)
    (ev,) = [e for e in doc.events if e.kind == "displacement"]
    assert (ev.place, ev.geo_precision) == ("Maarat al-Numan", 2)


def test_displacement_to_a_named_place_only_keeps_the_destination(gaz: Gazetteer) -> None:
    doc = _doc("Des milliers de familles ont été déplacées en direction de Sarmada, selon l'ONU.", gaz)
    (ev,) = [e for e in doc.events if e.kind == "displacement"]
    assert ev.place == "Sarmada"


def test_fire_origin_after_a_generic_place_word(gaz: Gazetteer) -> None:
    # "depuis la localité de X": X is where the fire comes from, even with the generic word between
    doc = _doc("Des roquettes lancées depuis la localité de Hass ont touché lundi la ville d'Ariha, blessant trois civils.", gaz)
    (ev,) = [e for e in doc.events if e.kind == "strike"]
    assert ev.place == "Ariha"
