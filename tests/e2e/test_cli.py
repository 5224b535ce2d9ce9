"""The command line: help, version, exit codes, geocode/extract/run/unresolved end to end."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.cli import EXIT_ERROR, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, main

SUBCOMMANDS = ["geocode", "extract", "run", "unresolved"]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == EXIT_OK
    assert "0.1.0" in capsys.readouterr().out


@pytest.mark.parametrize("sub", [None, *SUBCOMMANDS])
def test_help_everywhere(sub: str | None, capsys: pytest.CaptureFixture[str]) -> None:
    args = ([sub] if sub else []) + ["--help"]
    assert main(args) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("Usage: conflictmap")


def test_unknown_option_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "--bogus", "Alep"]) == EXIT_USAGE


def test_bad_near_names_the_value(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "--near", "north", "Alep"]) == EXIT_USAGE
    assert "north" in capsys.readouterr().err


def test_geocode_json_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "--format", "json", "Alep", "Maaret al-Noomane", "Zzyzx Blorfquux"]) == EXIT_OK
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["query"] for r in rows] == ["Alep", "Maaret al-Noomane", "Zzyzx Blorfquux"]
    for r in rows:
        assert {"query", "name", "lat", "lon", "kind", "adm1", "adm1_pcode", "score", "source"} <= set(r)
    assert rows[0]["name"] == "Aleppo" and rows[0]["adm1_pcode"] == "SY02"
    assert rows[1]["adm1_pcode"] == "SY07"
    assert rows[2]["name"] is None


def test_geocode_stdin_and_table(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Lattaquié\n\nKhan Cheikhoun\n"))
    assert main(["geocode", "-"]) == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:2] == ["query", "name"]
    assert len(out) == 4  # header, rule, two rows
    assert "Khan" in out[3]


def test_geocode_province_changes_choice(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "--format", "json", "--province", "SY07", "Idleb"]) == EXIT_OK
    row = json.loads(capsys.readouterr().out)
    assert row["adm1_pcode"] == "SY07"


def test_missing_input_file_is_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.txt"
    assert main(["extract", str(missing)]) == EXIT_ERROR
    assert "nope.txt" in capsys.readouterr().err


def test_extract_json_and_bad_document_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "a.txt"
    good.write_text(
        " date 2019-05-14\nDes raids aériens russes ont tué mardi cinq civils à Kafranbel, dans la province d'Idleb.",
        encoding="utf-8",
    )
    bad = tmp_path / "b.jsonl"
    bad.write_text('{"text": "Des frappes ont visé Saraqeb lundi.", "date": "2019-05-13"}\n{not json\n', encoding="utf-8")
    code = main(["extract", "--format", "json", str(tmp_path)])
    captured = capsys.readouterr()
    docs = [json.loads(line) for line in captured.out.splitlines()]
    assert code == EXIT_PARTIAL
    assert len(docs) == 2
    assert "b.jsonl" in captured.err and ":2" in captured.err
    first = next(d for d in docs if d["source"].endswith("a.txt"))
    assert {"source", "date", "date_precision", "mentions", "events"} <= set(first)
    assert any(e["kind"] == "strike" for e in first["events"])


def test_run_sample_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "run", "--sample", "--offline", "--geojson", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == EXIT_OK, proc.stderr
    for name in ("events.gpkg", "map.html", "events.csv", "events.geojson"):
        assert (out / name).stat().st_size > 0, name
    assert "events.gpkg" in proc.stdout and "map.html" in proc.stdout
    assert "documents read:" in proc.stdout


def test_unresolved_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "u.txt"
    doc.write_text(
        " date 2019-05-14\nDes frappes ont touché le village de Qarfoutlaz, près de Saraqeb. "
        "Le village de Qarfoutlaz a encore été visé mardi.",
        encoding="utf-8",
    )
    assert main(["unresolved", "--format", "json", str(doc)]) == EXIT_OK
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and rows[0]["surface"] == "Qarfoutlaz" and rows[0]["count"] == 2


def test_unknown_gazetteer_source_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "--source", "embedded", "--source", "nope", "Alep"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "'nope'" in err and "embedded" in err


def test_user_csv_source_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "mine.csv"
    table.write_text("name,lat,lon,alternate_names,kind,adm1_pcode\nQarfoutlaz,35.80,36.70,Qarfutlaz,village,SY07\n",
                     encoding="utf-8")
    assert main(["geocode", "--format", "json", "--csv", str(table), "Qarfoutlaz"]) == EXIT_OK
    row = json.loads(capsys.readouterr().out)
    assert row["name"] == "Qarfoutlaz" and row["source"] == "csv" and row["adm1_pcode"] == "SY07"
