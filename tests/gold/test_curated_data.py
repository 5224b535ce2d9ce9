"""Checks of the hand-curated data: French spellings, foreign places, sample dispatches, baseline.

The schema checks run everywhere. The checks against the reference data (OCHA polygons,
GeoNames and UCDP records cited as sources, seed gold annotations, seed texts) need
``../shared`` next to the repository and are skipped when it is absent.
"""

from __future__ import annotations

import csv
import json
import math
import re
import unicodedata
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
GAZ_DATA = ROOT / "gazetteer" / "data"
SPELLINGS = GAZ_DATA / "french_spellings.csv"
FOREIGN = GAZ_DATA / "foreign_places.csv"
SAMPLE_DIR = ROOT / "geo" / "data" / "sample"
BASELINE = ROOT / "geo" / "data" / "sample_baseline.csv"

SPELLING_HEADER = ["spelling", "name", "kind", "lat", "lon", "adm1_pcode", "source"]
KINDS = {
    "country", "governorate", "district", "subdistrict", "city", "town", "village",
    "neighbourhood", "camp", "military site", "region", "road", "other",
}  # fmt: skip
PCODES = {f"SY{i:02d}" for i in range(1, 15)}
# Syria's extent (OCHA ADM0: lon 35.61-42.39, lat 32.32-37.32) with a small margin.
LAT_RANGE = (32.25, 37.40)
LON_RANGE = (35.55, 42.45)
SOURCE_PREFIXES = ("GeoNames cities500 ", "UCDP GED Syria 19.1 locality ", "OCHA COD-AB ", "approximate: ")
CONTROLLERS = {"regime", "rebels", "HTS/jihadists", "IS", "SDF/Kurdish forces", "Turkey"}


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def _needs_shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = math.sin((lat2 - lat1) * p / 2) ** 2 + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _words(text: str) -> list[str]:
    """Lower-case word tokens, accents kept, apostrophes and punctuation as separators."""
    text = unicodedata.normalize("NFC", text).casefold()
    return re.findall(r"\w+", text)


@pytest.fixture(scope="module")
def spellings() -> list[dict[str, str]]:
    header, rows = _read_csv(SPELLINGS)
    assert header == SPELLING_HEADER
    return rows


# ---------------------------------------------------------------- french_spellings.csv: schema
def test_spellings_header_is_exact() -> None:
    first = SPELLINGS.read_text(encoding="utf-8").splitlines()[0]
    assert first == ",".join(SPELLING_HEADER)


def test_spellings_size(spellings: list[dict[str, str]]) -> None:
    places = {(r["name"], r["adm1_pcode"]) for r in spellings}
    assert len(spellings) >= 300
    assert len(places) >= 250


@pytest.mark.parametrize("column", SPELLING_HEADER)
def test_spellings_no_empty_cells(spellings: list[dict[str, str]], column: str) -> None:
    allowed_empty = {"adm1_pcode"}
    if column in allowed_empty:
        return
    empty = [i for i, r in enumerate(spellings, start=2) if not (r[column] or "").strip()]
    assert empty == [], f"empty {column!r} on lines {empty[:10]}"


def test_spellings_kinds_and_pcodes(spellings: list[dict[str, str]]) -> None:
    bad_kind = [(r["spelling"], r["kind"]) for r in spellings if r["kind"] not in KINDS]
    assert bad_kind == []
    bad_pcode = [
        (r["spelling"], r["adm1_pcode"])
        for r in spellings
        if not (r["adm1_pcode"] in PCODES or (r["kind"] == "country" and r["adm1_pcode"] == ""))
    ]
    assert bad_pcode == []


def test_spellings_coordinates_inside_syria_bbox(spellings: list[dict[str, str]]) -> None:
    outside = []
    for r in spellings:
        lat, lon = float(r["lat"]), float(r["lon"])
        if not (LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]):
            outside.append((r["spelling"], lat, lon))
    assert outside == []


def test_spellings_sources_are_specific(spellings: list[dict[str, str]]) -> None:
    vague = [(r["spelling"], r["source"]) for r in spellings if not r["source"].startswith(SOURCE_PREFIXES)]
    assert vague == []
    # An approximate point must say how it was placed, not just "approximate".
    short = [r["spelling"] for r in spellings if r["source"].startswith("approximate: ") and len(r["source"]) < 40]
    assert short == []


def test_spellings_clean_text(spellings: list[dict[str, str]]) -> None:
    dirty = [
        r["spelling"]
        for r in spellings
        if r["spelling"] != r["spelling"].strip() or "  " in r["spelling"] or any(ord(c) < 32 for c in r["spelling"])
    ]
    assert dirty == []
    assert all(unicodedata.is_normalized("NFC", r["spelling"]) for r in spellings)


def test_spelling_maps_to_one_place_per_governorate(spellings: list[dict[str, str]]) -> None:
    """The same spelling may name two places only when they lie in different governorates."""
    by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in spellings:
        by_key[(r["spelling"].casefold(), r["adm1_pcode"])].add(r["name"])
    clashes = {k: v for k, v in by_key.items() if len(v) > 1}
    assert clashes == {}
    rows = [(r["spelling"], r["name"], r["adm1_pcode"]) for r in spellings]
    assert len(rows) == len(set(rows)), "duplicate rows"


def test_place_rows_are_consistent(spellings: list[dict[str, str]]) -> None:
    """All spellings of one place share its point, kind and source."""
    by_place: dict[tuple[str, str], set[tuple[str, str, str, str]]] = defaultdict(set)
    for r in spellings:
        by_place[(r["name"], r["adm1_pcode"])].add((r["lat"], r["lon"], r["kind"], r["source"]))
    inconsistent = {k: v for k, v in by_place.items() if len(v) > 1}
    assert inconsistent == {}


# ---------------------------------------------------------------- french_spellings.csv: references
def test_points_inside_their_governorate(spellings: list[dict[str, str]]) -> None:
    shared = _needs_shared()
    import geopandas as gpd

    adm1 = gpd.read_file(shared / "data" / "ocha_cod_ab_2020" / "syr_admbnda_adm1_uncs_unocha.json")
    adm1 = adm1.to_crs(32637).set_index("ADM1_PCODE")
    rows = [r for r in spellings if r["adm1_pcode"]]
    pts = gpd.GeoSeries.from_xy(
        [float(r["lon"]) for r in rows], [float(r["lat"]) for r in rows], crs=4326
    ).to_crs(32637)
    far = []
    for r, pt in zip(rows, pts):
        d = adm1.geometry.loc[r["adm1_pcode"]].distance(pt)
        if d > 2000:
            far.append((r["spelling"], r["adm1_pcode"], round(d)))
    assert far == []


def test_cited_geonames_records_match(spellings: list[dict[str, str]]) -> None:
    shared = _needs_shared()
    records = {}
    with (shared / "data" / "geonames" / "SY_cities500.txt").open(encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            records[f[0]] = (float(f[4]), float(f[5]))
    checked = 0
    for r in spellings:
        m = re.match(r"GeoNames cities500 (\d+) ", r["source"])
        if not m:
            continue
        assert m.group(1) in records, f"{r['spelling']}: GeoNames id {m.group(1)} not in cities500"
        lat, lon = records[m.group(1)]
        assert _km(lat, lon, float(r["lat"]), float(r["lon"])) < 0.05, r["spelling"]
        checked += 1
    assert checked > 100


def test_cited_ucdp_localities_match(spellings: list[dict[str, str]]) -> None:
    shared = _needs_shared()
    with (shared / "data" / "ucdp" / "syria_localities.csv").open(encoding="utf-8", newline="") as fh:
        localities = defaultdict(list)
        for rec in csv.DictReader(fh):
            localities[rec["name"]].append((float(rec["latitude"]), float(rec["longitude"])))
    checked = 0
    for r in spellings:
        m = re.match(r'UCDP GED Syria 19\.1 locality "(.+?)" \(CC BY 4\.0\)', r["source"])
        if not m:
            continue
        name = m.group(1)
        assert name in localities, f"{r['spelling']}: UCDP locality {name!r} not found"
        assert any(_km(la, lo, float(r["lat"]), float(r["lon"])) < 0.05 for la, lo in localities[name]), r["spelling"]
        checked += 1
    assert checked > 100


def test_seed_places_present_near_gold(spellings: list[dict[str, str]]) -> None:
    shared = _needs_shared()
    gold = json.loads((shared / "eval" / "seeds_gold.json").read_text(encoding="utf-8"))
    by_spelling: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in spellings:
        by_spelling[r["spelling"]].append(r)
    missing, far = set(), []
    for article in gold:
        for t in article["toponyms"]:
            if t["type"] == "foreign":
                continue
            rows = by_spelling.get(t["surface"])
            if not rows:
                missing.add(t["surface"])
                continue
            if t["type"] in {"governorate", "country"}:
                # Governorate mentions need the right P-code (the gazetteer's governorate table
                # gives the point); cities sharing the name sit in the same governorate.
                continue
            best = min(_km(t["lat"], t["lon"], float(r["lat"]), float(r["lon"])) for r in rows)
            if best > 2.0:
                far.append((t["surface"], round(best, 2)))
    assert missing == set()
    assert far == []


# ---------------------------------------------------------------- foreign_places.csv
def test_foreign_places_schema(spellings: list[dict[str, str]]) -> None:
    header, rows = _read_csv(FOREIGN)
    assert header == ["spelling", "name", "kind"]
    assert len(rows) >= 60
    assert {r["kind"] for r in rows} <= {"country", "city", "region"}
    assert all(r["spelling"].strip() and r["name"].strip() for r in rows)
    spellings_fr = [r["spelling"].casefold() for r in rows]
    assert len(spellings_fr) == len(set(spellings_fr)), "duplicate foreign spelling"
    syrian = {r["spelling"].casefold() for r in spellings}
    assert sorted(set(spellings_fr) & syrian) == []
    for needed in ("Russie", "Turquie", "Moscou", "Ankara", "Lausanne", "Washington", "Paris", "Genève", "Mossoul"):
        assert needed.casefold() in spellings_fr, needed


# ---------------------------------------------------------------- sample dispatches
_DATE_LINE = re.compile(r"^ date (\d{4}-\d{2}(?:-\d{2})?)$")


def _sample_files() -> list[Path]:
    return sorted(SAMPLE_DIR.glob("*.txt"))


def test_sample_layout() -> None:
    files = _sample_files()
    assert 12 <= len(files) <= 15
    assert (SAMPLE_DIR / "README.md").is_file()
    assert sorted(p.name for p in SAMPLE_DIR.iterdir()) == sorted([p.name for p in files] + ["README.md"])
    month_only = 0
    for p in files:
        assert re.match(r"^\d{3}_[a-z0-9_]+\.txt$", p.name), p.name
        text = p.read_text(encoding="utf-8")
        first, _, body = text.partition("\n")
        m = _DATE_LINE.match(first)
        assert m, f"{p.name}: first line {first!r}"
        parts = [int(x) for x in m.group(1).split("-")]
        if len(parts) == 2:
            month_only += 1
            date(parts[0], parts[1], 1)
        else:
            date(*parts)
        assert len(body.split()) > 120, f"{p.name}: too short"
    assert 2 <= month_only <= 3


def test_sample_names_places_from_the_table(spellings: list[dict[str, str]]) -> None:
    names = sorted({r["spelling"] for r in spellings}, key=len, reverse=True)
    pattern = re.compile("|".join(r"(?<!\w)" + re.escape(s) + r"(?!\w)" for s in names))
    for p in _sample_files():
        found = set(pattern.findall(p.read_text(encoding="utf-8")))
        assert len(found) >= 3, f"{p.name}: only {found}"


def test_sample_does_not_reuse_seed_sentences() -> None:
    shared = _needs_shared()
    seeds = sorted((shared / "seeds").glob("*.txt"))
    assert seeds
    windows = set()
    for s in seeds:
        w = _words(s.read_text(encoding="utf-8"))
        windows.update(tuple(w[i : i + 8]) for i in range(len(w) - 7))
    reused = []
    for p in _sample_files():
        w = _words(p.read_text(encoding="utf-8"))
        reused += [(p.name, " ".join(w[i : i + 8])) for i in range(len(w) - 7) if tuple(w[i : i + 8]) in windows]
    assert reused == []


def test_overlap_check_detects_a_copied_sentence() -> None:
    """The 8-word window check above must catch a sentence lifted from a seed."""
    shared = _needs_shared()
    seed_words = _words(sorted((shared / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8"))
    windows = {tuple(seed_words[i : i + 8]) for i in range(len(seed_words) - 7)}
    lifted = "Un texte inventé. " + " ".join(seed_words[10:22]) + " Fin."
    w = _words(lifted)
    assert any(tuple(w[i : i + 8]) in windows for i in range(len(w) - 7))


# ---------------------------------------------------------------- sample baseline
def test_sample_baseline(spellings: list[dict[str, str]]) -> None:
    header, rows = _read_csv(BASELINE)
    assert header == ["place", "lat", "lon", "controller", "date", "source"]
    assert 40 <= len(rows) <= 60
    known = {r["spelling"]: (float(r["lat"]), float(r["lon"])) for r in spellings}
    for r in rows:
        assert r["controller"] in CONTROLLERS, r
        date.fromisoformat(r["date"])
        assert "not authoritative" in r["source"]
        lat, lon = float(r["lat"]), float(r["lon"])
        assert LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]
        assert r["place"] in known, r["place"]
        assert _km(lat, lon, *known[r["place"]]) < 0.01, r["place"]
    assert len({r["place"] for r in rows}) == len(rows)
