"""Hostile inputs: special files, sizes, walking errors, encodings, honest accounting, preflight checks.

Every row of the README's "Hostile inputs" table names a test of this file (or of
``tests/e2e/test_fuzz.py``). Dispatch sentences here are our own.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from gazetteer.errors import InputError
from geo.cli import EXIT_ERROR, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, main
from geo.read.reader import MAX_FILE_BYTES, decode_report, read_dispatches

REPO = Path(__file__).resolve().parents[2]
GOOD = " date 2020-02-11\nDes frappes aériennes ont tué quatre civils à Saraqeb mardi, selon l'OSDH.\n"


def _read(inputs, **kw):
    errors: list = []
    docs = list(read_dispatches(inputs, errors=errors, **kw))
    return docs, errors


def _read_in_child(path: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Read ``path`` in a fresh interpreter: a blocking open would hit the timeout, not hang the suite."""
    code = (
        "import sys; from geo.read.reader import read_dispatches\n"
        "errs = []\n"
        "docs = list(read_dispatches(sys.argv[1], errors=errs))\n"
        "print(len(docs)); [print('ERR', e) for e in errs]\n"
    )
    return subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                          timeout=timeout, cwd=REPO)


# ----------------------------------------------------------------------------- special files


def test_fifo_in_folder_does_not_block(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")  # no writer: opening it for reading would block forever
    proc = _read_in_child(tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "1"
    assert any("b.txt" in ln and "FIFO" in ln and "not a regular file" in ln for ln in lines[1:])


def test_fifo_named_explicitly_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    proc = _read_in_child(fifo)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == "0"
    assert "FIFO" in proc.stdout


def test_socket_device_and_broken_link_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "s.txt"))
        (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
        docs, errors = _read(tmp_path)
        dev_docs, dev_errors = _read("/dev/null")
    finally:
        sock.close()
    assert [d.id for d in docs] == ["a"]
    reasons = {Path(e.source).name: e.reason for e in errors}
    assert "a socket" in reasons["s.txt"]
    assert "broken symbolic link" in reasons["gone.txt"]
    assert dev_docs == [] and "character device" in dev_errors[0].reason


# ----------------------------------------------------------------------------- one size limit


def test_jsonl_row_over_the_limit_is_skipped_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    big = "Des combats ont eu lieu près de Saraqeb. " * 2000  # ~80 KB
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": big}) + "\n")
        fh.write(json.dumps({"text": "Un raid a tué trois civils à Ariha."}) + "\n")
    docs, errors = _read(path, max_bytes=10_000)
    assert [d.text for d in docs] == ["Un raid a tué trois civils à Ariha."]
    assert errors[0].line == 1 and "row too large" in errors[0].reason and "10000" in errors[0].reason
    docs, errors = _read(path)  # the default limit (20 MB) takes both
    assert len(docs) == 2 and not errors and MAX_FILE_BYTES == 20 * 1024 * 1024


def test_csv_line_and_text_file_over_the_limit(tmp_path: Path) -> None:
    csv_path = tmp_path / "rows.csv"
    csv_path.write_text("id,text\n1,Un raid a tué trois civils à Ariha.\n2," + "x" * 5000 + "\n", encoding="utf-8")
    docs, errors = _read(csv_path, max_bytes=1000)
    assert [d.id for d in docs] == ["1"]
    assert errors[0].line == 3 and "too large" in errors[0].reason
    txt = tmp_path / "big.txt"
    txt.write_text(GOOD * 100, encoding="utf-8")
    docs, errors = _read(txt, max_bytes=1000)
    assert docs == [] and "file too large" in errors[0].reason


# ----------------------------------------------------------------------------- walking errors


def test_unlistable_subfolder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(GOOD, encoding="utf-8")
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(os.fsdecode(path)) == locked:
            raise PermissionError(13, "Permission denied", str(locked))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    docs, errors = _read(tmp_path)
    assert [d.id for d in docs] == ["a"]
    assert len(errors) == 1 and errors[0].source == str(locked)
    assert "cannot list folder" in errors[0].reason and "Permission denied" in errors[0].reason


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root and setpriv")
def test_unlistable_subfolder_as_a_real_unprivileged_user() -> None:
    """Root reads through chmod 000, so the run is made as 'nobody' (setpriv), with the system Python."""
    import tempfile

    if not Path("/usr/bin/python3").exists():
        pytest.skip("no /usr/bin/python3")
    tmp_path = Path(tempfile.mkdtemp(prefix="conflictmap-walk-"))  # pytest's tmp_path is root-only (0700)
    os.chmod(tmp_path, 0o755)
    try:
        _walk_as_nobody(tmp_path)
    finally:
        os.chmod(tmp_path / "in" / "locked", 0o755)
        shutil.rmtree(tmp_path)


def _walk_as_nobody(tmp_path: Path) -> None:
    top = tmp_path / "in"
    (top / "locked").mkdir(parents=True)
    (top / "a.txt").write_text(GOOD, encoding="utf-8")
    (top / "locked" / "b.txt").write_text(GOOD, encoding="utf-8")
    os.chmod(top / "locked", 0)
    for p in (tmp_path, *tmp_path.parents):
        if p == Path("/"):
            break
        if not os.stat(p).st_mode & 0o001:
            pytest.skip(f"{p} not traversable by nobody")
    code = ("import sys; from geo.read.reader import read_dispatches\nerrs=[]\n"
            "print(len(list(read_dispatches(sys.argv[1], errors=errs)))); [print('ERR', e) for e in errs]\n")
    proc = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c",
                           code, str(top)], capture_output=True, text=True, timeout=60,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    if proc.returncode != 0 and "ModuleNotFoundError" in proc.stderr:
        pytest.skip(f"system Python cannot import the reader: {proc.stderr[-200:]}")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.splitlines()
    assert out[0] == "1"
    assert any("locked" in ln and "cannot list folder: Permission denied" in ln for ln in out[1:])


# ----------------------------------------------------------------------------- encodings


def test_invalid_utf8_replaced_and_reported_not_latin1(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    text = " date 2020-02-11\nDes frappes aériennes ont tué neuf civils à Saraqeb, à Ariha et à Maarrat al-Nouman.\n"
    data = text.encode("utf-8")
    cut = data.index(b"Saraqeb")
    data = data[:cut] + b"\xff\xfe\xff" + data[cut:]  # three bad bytes in a UTF-8 file
    (tmp_path / "d.txt").write_bytes(data)
    with caplog.at_level(logging.WARNING, logger="conflictmap"):
        docs, errors = _read(tmp_path / "d.txt")
    assert not errors
    assert "aériennes" in docs[0].text and "tué" in docs[0].text  # no mojibake ("aÃ©riennes")
    assert docs[0].text.count("\ufffd") == 3
    assert any("d.txt" in r.getMessage() and "3 invalid UTF-8" in r.getMessage() for r in caplog.records)


def test_single_byte_file_is_cp1252(tmp_path: Path) -> None:
    (tmp_path / "w.txt").write_bytes("Des frappes aériennes ont tué trois civils à Ariha. « Œuvre » 20 €".encode("cp1252"))
    docs, _ = _read(tmp_path / "w.txt")
    assert docs[0].text == "Des frappes aériennes ont tué trois civils à Ariha. « Œuvre » 20 €"
    text, codec, bad = decode_report("é à".encode("latin-1") + b"\x81")  # 0x81 is undefined in cp1252
    assert (text, codec, bad) == ("é à\x81", "latin-1", 0)


def test_invalid_utf8_in_jsonl_rows_reported_per_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "rows.jsonl"
    row = json.dumps({"text": "Un raid a tué trois civils à Ariha."}, ensure_ascii=False).encode("utf-8")
    path.write_bytes(row[:-2] + b"\xff" + row[-2:] + b"\n" + row + b"\n")
    with caplog.at_level(logging.WARNING, logger="conflictmap"):
        docs, errors = _read(path)
    assert len(docs) == 2 and not errors
    assert any("rows.jsonl" in r.getMessage() and "1 row(s)" in r.getMessage() for r in caplog.records)


def test_json_error_message_reads_well(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_bytes(b'{"text": "a\x01b"}\n{"text": \n')
    _docs, errors = _read(path)
    assert [e.line for e in errors] == [1, 2]
    assert all("at at" not in e.reason and "at column" in e.reason for e in errors), errors


# ----------------------------------------------------------------------------- accounting (CLI)


def _outputs(out: Path) -> dict[str, bytes]:
    """Every file of the output folder but the run lock (it records the last run's pid)."""
    if not out.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.name not in _BOOKKEEPING}


#: Files of the output folder that are not outputs: the run lock (it records the last run's pid) and the
#: extraction cache (it keeps what a run extracted, even when nothing was written).
_BOOKKEEPING = {".conflictmap.lock", ".conflictmap-cache.sqlite"}


@pytest.fixture
def previous_outputs(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    for name in ("events.csv", "map.html", "events.gpkg"):
        (out / name).write_text(f"previous {name}\n", encoding="utf-8")
    return out


def test_empty_input_exits_nonzero_and_keeps_outputs(tmp_path: Path, previous_outputs: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    before = _outputs(previous_outputs)
    assert main(["run", str(empty), "--out", str(previous_outputs), "--offline"]) == EXIT_ERROR
    assert "nothing processed" in capsys.readouterr().err
    assert _outputs(previous_outputs) == before


def test_all_rejected_input_exits_nonzero_and_keeps_outputs(tmp_path: Path, previous_outputs: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    os.mkfifo(bad / "pipe.txt")
    before = _outputs(previous_outputs)
    assert main(["run", str(bad), "--out", str(previous_outputs), "--offline"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "nothing processed" in err and "2 input(s) rejected" in err
    assert _outputs(previous_outputs) == before


def test_rejects_csv_and_accounting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(GOOD, encoding="utf-8")
    (src / "rows.jsonl").write_text(
        json.dumps({"id": "=1+2", "text": "=HYPERLINK(\"http://example.invalid\") Un raid a tué trois civils à Ariha."})
        + "\n{broken\n" + json.dumps({"text": ""}) + "\n", encoding="utf-8")
    os.mkfifo(src / "pipe.txt")
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "--offline"]) == EXIT_PARTIAL
    stdout = capsys.readouterr().out
    assert "inputs: 5 = 2 accepted + 3 rejected" in stdout
    rejects = (out / "rejects.csv").read_text(encoding="utf-8").splitlines()
    assert rejects[0] == "file,line,reason"
    assert len(rejects) == 4
    assert any("rows.jsonl,2,invalid JSON" in r for r in rejects)
    assert any("pipe.txt,," in r and "FIFO" in r for r in rejects)
    events_csv = (out / "events.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in events_csv and ",'=1+2," in events_csv  # evidence and doc_id neutralised
    assert "\n=" not in events_csv and ",=" not in events_csv and ',"=' not in events_csv


def test_strict_makes_a_reject_fatal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(GOOD, encoding="utf-8")
    (src / "b.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "--offline", "--strict"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "--strict" in err and "b.txt" in err and "empty file" in err
    assert not out.exists()  # not even the folder this run would have created


def _no_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    import geo.pipeline.job

    def boom(*a: object, **k: object) -> None:
        raise AssertionError("extraction started before the checks")

    # run() extracts through extract_to_spool (the local engine); extract_all is the notebooks' API
    monkeypatch.setattr(geo.pipeline.job, "extract_to_spool", boom)
    monkeypatch.setattr(geo.pipeline.job, "extract_all", boom)


@pytest.mark.parametrize("out", ["/proc/x", "/proc", "FILE"])
def test_unusable_out_checked_before_extraction(out: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    if out == "FILE":
        out = str(tmp_path / "a-file")
        Path(out).write_text("x", encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    _no_extraction(monkeypatch)
    code = main(["run", str(tmp_path / "a.txt"), "--out", out])
    assert code == (EXIT_USAGE if out.endswith("a-file") else EXIT_ERROR)  # click names an existing file
    err = capsys.readouterr().err
    assert out in err and "Traceback" not in err


def test_bad_baseline_and_step_checked_before_extraction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    base = tmp_path / "base.csv"
    base.write_text("place,lat,lon,controller,date\nSaraqeb,35.86,36.80,les martiens,2020-01-01\n", encoding="utf-8")
    _no_extraction(monkeypatch)
    args = ["run", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out")]
    assert main([*args, "--baseline", str(base)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "les martiens" in err and "line 2" in err
    assert main([*args, "--step", "3X"]) == EXIT_ERROR
    assert "3X" in capsys.readouterr().err


def test_extract_with_nothing_accepted_exits_nonzero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path)]) == EXIT_ERROR
    assert "nothing processed" in capsys.readouterr().err


# ----------------------------------------------------------------------------- undocumented exceptions


def test_parse_count_of_a_huge_number() -> None:
    from geo.extract.numbers import find_counts, parse_count

    assert parse_count("1" * 400) is None
    assert [c.value for _s, _e, c in find_counts("1" * 400 + " morts et 12 blessés")] == [12]
    assert parse_count("123 456 789 012 345").value == 123456789012345  # 15 digits is still a count


@pytest.mark.parametrize(
    ("phrase", "doc_date", "precision", "expected"),
    [
        ("le lendemain", "9999-12-31", "day", ("9999-12", "month")),
        ("la veille", "0001-01-01", "day", ("0001-01", "month")),
        ("lundi prochain", "9999-12-31", "day", ("9999-12", "month")),
        ("jeudi", "0001-01-01", "day", ("0001-01", "month")),
        ("le 8 août", "2019-13", "month", ("2019-08-08", "day")),
        ("jeudi", "2019-13-05", "day", ("2019", "year")),
        ("jeudi", "0000-05-05", "day", (None, None)),
        ("", "0000-01-01", "day", (None, None)),
    ],
)
def test_resolve_when_impossible_dates_documented(phrase: str, doc_date: str, precision: str,
                                                  expected: tuple[str | None, str | None]) -> None:
    from geo.extract.dates import resolve_when

    r = resolve_when(phrase, doc_date, precision)
    assert (r.date, r.precision) == expected


@pytest.mark.parametrize("header", [" date 9999-12-31", " date 0001-01-01", " date 2019-13-40"])
def test_impossible_header_date_keeps_the_document(header: str, tmp_path: Path) -> None:
    from geo.extract.document import extract

    (tmp_path / "d.txt").write_text(header + "\nLe régime a repris le contrôle de Saraqeb le lendemain. "
                                    "Des frappes ont tué trois civils à Ariha la veille, jeudi.\n", encoding="utf-8")
    errors: list = []
    docs = list(extract(tmp_path, errors=errors))
    assert not errors and len(docs) == 1
    assert docs[0].date is None and len(docs[0].events) == 2


# ----------------------------------------------------------------------------- sharp edges


def test_source_csv_without_csv_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "--source", "csv", "Alep"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "--csv FILE" in err and "Traceback" not in err
    table = tmp_path / "p.csv"
    table.write_text("name,lat,lon\nQarfoutlaz,35.1,36.2\n", encoding="utf-8")
    assert main(["geocode", "--source", "csv", "--csv", str(table), "Qarfoutlaz"]) == EXIT_OK
    assert "35.1000" in capsys.readouterr().out


def test_evaluate_help() -> None:
    proc = subprocess.run([sys.executable, "-m", "geo.evaluate", "--help"], capture_output=True, text=True,
                          timeout=120, cwd=REPO)
    assert proc.returncode == 0 and "usage: python -m geo.evaluate" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_geocode_candidates_in_table_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "--candidates", "2", "Suran"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "candidates for 'Suran' (best 2):" in out
    block = out.split("candidates for 'Suran'")[1].splitlines()
    rows = [ln for ln in block[3:] if ln.strip()]
    assert len(rows) == 2 and {"Hama", "Aleppo"} <= {w for r in rows for w in r.split()}


def test_preflight_raises_input_error(tmp_path: Path) -> None:
    from geo.pipeline.job import preflight

    with pytest.raises(InputError, match="/proc/x"):
        preflight("/proc/x")
    assert preflight(tmp_path / "new" / "out").out.is_dir()


def test_control_characters_in_file_names_are_escaped_on_the_terminal(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(GOOD, encoding="utf-8")
    (src / "\x1b[2J\u202eevil.txt").write_bytes(b"")
    assert main(["run", str(src), "--out", str(tmp_path / "out"), "--offline"]) == EXIT_PARTIAL
    captured = capsys.readouterr()
    for stream in (captured.out, captured.err):
        assert "\x1b" not in stream and "\u202e" not in stream
    assert "\\x1b[2J\\u202eevil.txt" in captured.err


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root and setpriv")
def test_read_only_out_refused_before_extraction_for_a_real_user() -> None:
    """A folder the user cannot write to (root writes anywhere, so the check runs as 'nobody')."""
    import tempfile

    if not Path("/usr/bin/python3").exists():
        pytest.skip("no /usr/bin/python3")
    top = Path(tempfile.mkdtemp(prefix="conflictmap-ro-"))
    try:
        os.chmod(top, 0o755)
        (top / "out").mkdir(mode=0o755)
        (top / "out" / "events.csv").write_text("previous\n", encoding="utf-8")
        code = ("from geo.pipeline.job import preflight\n"
                "try:\n    preflight(__import__('sys').argv[1])\nexcept Exception as e:\n"
                "    print(type(e).__name__, e)\n")
        proc = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c",
                               code, str(top / "out")], capture_output=True, text=True, timeout=60,
                              env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
        if "ModuleNotFoundError" in proc.stderr:
            pytest.skip(f"system Python cannot import the pipeline: {proc.stderr[-200:]}")
        assert proc.stdout.startswith("InputError cannot write to the output folder"), proc.stdout + proc.stderr
        assert "Permission denied" in proc.stdout
        assert (top / "out" / "events.csv").read_text(encoding="utf-8") == "previous\n"
    finally:
        shutil.rmtree(top)


def test_read_text_file_refuses_special_files(tmp_path: Path) -> None:
    from geo.read.reader import read_text_file

    os.mkfifo(tmp_path / "p.txt")
    with pytest.raises(InputError, match="FIFO"):
        read_text_file(tmp_path / "p.txt")  # would block forever if opened for a plain read
    with pytest.raises(InputError, match="a folder"):
        read_text_file(tmp_path)
    with pytest.raises(InputError, match="No such dispatch file"):
        read_text_file(tmp_path / "missing.txt")
