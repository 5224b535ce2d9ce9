"""The ACLED-style export and the spreadsheet-safe CSV (UTF-8 with BOM, no formula cells)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

pandas = pytest.importorskip("pandas")

from geo.write.acled import ACLED_COLUMNS, csv_text, to_acled  # noqa: E402
from test_webmap import make_events  # noqa: E402


def _events():
    return make_events([
        {"place": "Maarat al-Numan", "lat": 35.6483, "lon": 36.6769, "adm1": "Idleb", "date": "2019-05-14",
             "date_precision": "day", "subtype": "barrel_bomb", "actor": "regime", "killed": 12, "killed_min": True,
             "geo_precision": 1, "evidence": "Des barils ont tué au moins douze civils à Maaret al-Noomane.", "source": "AFP"},
        {"kind": "control_change", "place": "Khan Chaykhoun", "lat": 35.44, "lon": 36.65, "date": "2019-08", "date_precision": "month",
             "new_controller": "regime", "previous_controller": "HTS/jihadists", "geo_precision": 1,
             "evidence": "=HYPERLINK(\"http://x.example\") a repris la ville", "source": "@OSDH"},
        {"kind": "clash", "place": "Afrin", "lat": 36.51, "lon": 36.87, "date": "2018-03-10", "actor": "Turkey", "killed": None,
             "geo_precision": 2, "evidence": "Combats près d'Afrine, où l'armée turque progresse.", "source": "AFP"},
        {"kind": "displacement", "place": "Nowhere", "lat": None, "lon": None, "date": None, "evidence": "Des déplacés.", "source": "x"},
    ])  # fmt: skip


def test_acled_columns_and_types() -> None:
    table = to_acled(_events().assign(adm1_name=["Idleb", "Idleb", "Aleppo", None]))
    assert tuple(table.columns) == ACLED_COLUMNS
    strike, change, clash, moved = table.to_dict("records")
    assert (strike["event_type"], strike["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert strike["actor1"] == "Military Forces of Syria" and strike["fatalities"] == 12
    assert strike["admin1"] == "Idleb" and strike["location"] == "Maarat al-Numan"
    assert (strike["latitude"], strike["longitude"], strike["geo_precision"], strike["time_precision"]) == (35.6483, 36.6769, 1, 1)
    assert "at least 12" in strike["notes"]
    assert (change["event_type"], change["sub_event_type"]) == ("Battles", "Government regains territory")
    assert change["actor2"] == "Hayat Tahrir al-Sham / jihadists" and change["time_precision"] == 3
    assert (clash["event_type"], clash["sub_event_type"], clash["fatalities"], clash["geo_precision"]) == ("Battles", "Armed clash", 0, 2)
    assert moved["event_type"] == "Strategic developments" and pandas.isna(moved["latitude"])


def test_extractor_types_win_over_the_mapping() -> None:
    events = _events()
    events["acled_event_type"] = ["Violence against civilians", None, None, None]
    events["acled_sub_event_type"] = ["Attack", None, None, None]
    first = to_acled(events).iloc[0]
    assert (first["event_type"], first["sub_event_type"]) == ("Violence against civilians", "Attack")


def test_csv_has_bom_accents_and_no_formula_cells(tmp_path: Path) -> None:
    text = csv_text(to_acled(_events()))
    assert text.startswith("\ufeffevent_date,")
    path = tmp_path / "acled.csv"
    path.write_bytes(text.encode("utf-8"))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # what Excel needs to read UTF-8
    assert b"Maaret al-Noomane" in raw and "Afrine, où l'armée".encode() in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == list(ACLED_COLUMNS)
    assert rows[1]["notes"].startswith("'=HYPERLINK(")  # shown as text, never run
    assert rows[1]["source"] == "'@OSDH"
    assert all(not v.startswith(("=", "+", "@")) for r in rows for v in r.values())
    back = pandas.read_csv(path, encoding="utf-8-sig")
    assert back["fatalities"].tolist() == [12, 0, 0, 0]


def test_run_writes_the_acled_table_beside_events_csv(tmp_path: Path) -> None:
    from geo.pipeline.job import run, sample_inputs

    inputs, baseline = sample_inputs()
    summary = run([inputs], tmp_path, baseline=baseline)
    assert summary.errors == []
    for name in ("events.csv", "events_acled.csv"):
        assert (tmp_path / name).read_bytes().startswith(b"\xef\xbb\xbf"), name
    acled = pandas.read_csv(tmp_path / "events_acled.csv", encoding="utf-8-sig")
    events = pandas.read_csv(tmp_path / "events.csv", encoding="utf-8-sig")
    assert len(acled) == len(events) > 30
    assert set(acled["event_type"]) >= {"Explosions/Remote violence", "Battles"}
