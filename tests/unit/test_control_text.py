"""Front lines from text: a small baseline plus French dispatches written for this test, through the
whole chain (reader -> extraction -> control table -> areas, lines, km²)."""

from __future__ import annotations

import pytest

BASELINE = """place,lat,lon,controller,date,source
Khan Cheikhoun,,,rebels,2019-06-01,test
Al-Tamanaa,,,rebels,2019-06-01,test
Al-Habit,,,rebels,2019-06-01,test
Kafr Sajna,,,rebels,2019-06-01,test
Hich,,,rebels,2019-06-01,test
Maaret al-Noomane,,,rebels,2019-06-01,test
Kafranbel,,,rebels,2019-06-01,test
Morek,,,regime,2019-06-01,test
Kafr Nabuda,,,regime,2019-06-01,test
Qalaat al-Madiq,,,regime,2019-06-01,test
Mhardeh,,,regime,2019-06-01,test
Al-Jalamah,,,regime,2019-06-01,test
Latamné,,,regime,2019-06-01,test
Kafr Zita,,,regime,2019-06-01,test
"""

# Dispatches written for this test (not taken from any agency text).
DISPATCHES = {
    "a_capture.txt": (
        " date 2019-08-22\n"
        "Les troupes gouvernementales se sont emparées mercredi de la ville de Khan Cheikhoun, dans le sud "
        "de la province d'Idleb, après des semaines de bombardements, a rapporté l'OSDH.\n\n"
        "Les insurgés se sont retirés vers le nord, selon la même source."
    ),
    "b_counter.txt": (
        " date 2019-08-23\n"
        "Les rebelles ont repris jeudi le village d'Al-Habit aux forces du régime, a indiqué l'OSDH."
    ),
    "c_claim.txt": (
        " date 2019-08-24\n"
        "L'armée syrienne a pris vendredi le contrôle d'Al-Habit, a affirmé l'agence officielle Sana."
    ),
}


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory):
    from geo.extract.document import extract
    from geo.spatial.control import ControlTable

    root = tmp_path_factory.mktemp("front")
    (root / "baseline.csv").write_text(BASELINE, encoding="utf-8")
    for name, text in DISPATCHES.items():
        (root / name).write_text(text, encoding="utf-8")
    docs = list(extract(sorted(root.glob("*.txt"))))
    table = ControlTable.from_baseline(root / "baseline.csv")
    changes = [e for d in docs for e in d.events if e.kind == "control_change"]
    assert table.add_events(changes) >= 3
    return table


def _holder(table, day: str, place: str) -> str:
    state = table.state_at(day)
    row = state[state["place"] == place]
    assert len(row) == 1, f"{place} not one locality on {day}: {len(row)}"
    return str(row["controller"].iloc[0])


def test_a_town_changing_hands_moves_the_front_line(table) -> None:
    assert _holder(table, "2019-08-01", "Khan Shaykhun") == "rebels"
    assert _holder(table, "2019-08-22", "Khan Shaykhun") == "regime"
    before = table.front_lines("2019-08-01").to_crs(32637).union_all()
    after = table.front_lines("2019-08-22").to_crs(32637).union_all()
    moved_km = before.symmetric_difference(after).length / 1000
    assert moved_km > 5  # the line around Khan Shaykhun is redrawn


def test_gained_area_is_the_town_cell(table) -> None:
    changes = table.changes_between("2019-08-01", "2019-08-22")
    gained, lost = changes.gained("regime"), changes.lost("rebels")
    areas = table.control_areas("2019-08-01")
    assert gained > 0 and lost > 0
    assert abs(gained - lost) < 1.0  # what one side gains here the other loses (same reach, same outline)
    # at most the whole rebel area of the baseline, at least a few km²
    rebel_km2 = float(areas.loc[areas["controller"] == "rebels", "area_km2"].sum())
    assert 5 < gained < rebel_km2


def test_conflicting_reports_within_days_are_contested(table) -> None:
    # rebels retook Al-Habit on the 22nd (jeudi before the 23rd); the regime claims it on the 23rd
    assert _holder(table, "2019-08-24", "Al-Habit") == "contested"
    assert _holder(table, "2019-08-01", "Al-Habit") == "rebels"


def test_no_colour_where_no_locality_is_known(table) -> None:
    from shapely.geometry import Point

    areas = table.control_areas("2019-08-22")
    assert not areas.union_all().contains(Point(40.0, 34.5))  # the eastern desert: no data, no colour
    assert float(areas["area_km2"].sum()) < 10_000
