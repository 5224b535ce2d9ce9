"""Reading dispatches: encodings, offsets, folders, JSON Lines, CSV, HTML, bad input (:mod:`geo.read.reader`)."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest

from gazetteer.errors import InputError
from geo.read.reader import ReadError, body_start, decode_bytes, read_dispatches, read_text_file

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

TEXT = "Des frappes ont visé jeudi le village d’Ariha,\u00a0tuant huit civils.\n\nSelon l’OSDH « 12 morts »."


def _write(path: Path, data: bytes | str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def test_utf8_text_with_date_prefix(tmp_path: Path) -> None:
    f = _write(tmp_path / "a1.txt", " date 2019-08-29 " + TEXT)
    (doc,) = read_dispatches(f)
    assert doc.id == "a1"
    assert doc.source == str(f)
    assert doc.text == f.read_text(encoding="utf-8")
    assert (doc.date, doc.date_precision) == ("2019-08-29", "day")
    assert doc.text[body_start(doc.text):] == TEXT
    i = doc.text.index("Ariha")
    assert doc.text[i:i + 5] == "Ariha"


def test_month_prefix_and_no_prefix(tmp_path: Path) -> None:
    _write(tmp_path / "m.txt", " date 2019-09 " + TEXT)
    _write(tmp_path / "n.txt", TEXT)
    m, n = read_dispatches(tmp_path)
    assert (m.date, m.date_precision) == ("2019-09", "month")
    assert (n.date, n.date_precision) == (None, None)
    assert body_start(n.text) == 0


def test_cp1252_file_is_decoded(tmp_path: Path) -> None:
    body = "Le régime a repris Maarat al-Nouman – l’OSDH parle de « dizaines » de morts."
    f = _write(tmp_path / "w.txt", body, encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        f.read_bytes().decode("utf-8")
    (doc,) = read_dispatches(f)
    assert doc.text == body
    assert decode_bytes(f.read_bytes())[1] == "cp1252"


def test_latin1_fallback() -> None:
    # 0x81 is undefined in cp1252: latin-1 takes over
    text, codec = decode_bytes("é".encode("latin-1") + b"\x81")
    assert codec == "latin-1"
    assert text == "é\x81"


def test_bom_is_dropped_and_offsets_match_utf8_sig(tmp_path: Path) -> None:
    f = _write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + (" date 2019-09 " + TEXT).encode("utf-8"))
    (doc,) = read_dispatches(f)
    assert doc.text == f.read_text(encoding="utf-8-sig")
    assert not doc.text.startswith("\ufeff")
    assert doc.date == "2019-09"


def test_crlf_matches_text_mode_read(tmp_path: Path) -> None:
    f = _write(tmp_path / "crlf.txt", TEXT.replace("\n", "\r\n"))
    (doc,) = read_dispatches(f)
    assert doc.text == f.read_text(encoding="utf-8") == TEXT


def test_missing_path_raises_before_reading(tmp_path: Path) -> None:
    good = _write(tmp_path / "ok.txt", TEXT)
    with pytest.raises(InputError, match="nope.txt"):
        read_dispatches([good, tmp_path / "nope.txt"])  # no iteration needed


def test_folder_with_corrupt_and_empty_files(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    _write(tmp_path / "b" / "2.txt", TEXT)
    _write(tmp_path / "a.txt", TEXT)
    _write(tmp_path / "b" / "1_bad.txt", b"\x00\x01\x02PK\x03\x04" * 50)
    _write(tmp_path / "c" / "empty.txt", b"  \n")
    _write(tmp_path / "notes.md", "ignored")
    _write(tmp_path / ".hidden.txt", TEXT)
    errors: list[ReadError] = []
    with caplog.at_level(logging.WARNING, logger="conflictmap"):
        docs = list(read_dispatches(tmp_path, errors=errors))
    assert [d.id for d in docs] == ["a", "2"]
    assert [(Path(e.source).name, e.line) for e in errors] == [("1_bad.txt", None), ("empty.txt", None)]
    assert "binary" in errors[0].reason
    assert "empty" in errors[1].reason
    assert "1_bad.txt" in caplog.text


def test_too_large_file_is_skipped(tmp_path: Path) -> None:
    f = _write(tmp_path / "big.txt", TEXT * 10)
    errors: list[ReadError] = []
    assert list(read_dispatches(f, errors=errors, max_bytes=100)) == []
    assert "too large" in errors[0].reason


def test_size_limit_is_the_setting_read_at_call_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gazetteer import settings

    f = _write(tmp_path / "big.txt", TEXT * 10)
    monkeypatch.setattr(settings, "max_file_bytes", 100)
    errors: list[ReadError] = []
    assert list(read_dispatches(f, errors=errors)) == []
    assert "100 bytes" in errors[0].reason
    with pytest.raises(InputError, match="too large"):
        read_text_file(f)
    monkeypatch.setattr(settings, "max_file_bytes", 10_000)
    assert len(list(read_dispatches(f))) == 1


def test_geo_read_exposes_read_dispatches() -> None:
    import geo
    import geo.read

    assert geo.read.read_dispatches is read_dispatches is geo.read_dispatches


def test_read_text_file_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="absent.txt"):
        read_text_file(tmp_path / "absent.txt")
    _write(tmp_path / "e.txt", b"")
    with pytest.raises(InputError, match="e.txt"):
        read_text_file(tmp_path / "e.txt")


def test_jsonl_rows_and_bad_line(tmp_path: Path) -> None:
    rows = [
        json.dumps({"id": "x1", "text": TEXT, "date": "2019-08-29T08:00:00Z", "url": "http://e/1", "title": "T"}),
        "{not json",
        json.dumps({"text": "  "}),
        json.dumps(["a list"]),
        "",
        json.dumps({"text": " date 2019-09 Raids sur Saraqeb.", "date": ""}, ensure_ascii=False),
        json.dumps({"body": "no text column"}),
        json.dumps({"text": "Raids à Hama.", "date": "12 mars 2019"}, ensure_ascii=False),
    ]
    f = _write(tmp_path / "feed.jsonl", "\n".join(rows) + "\n")
    errors: list[ReadError] = []
    docs = list(read_dispatches(f, errors=errors))
    assert [(d.id, d.source, d.date, d.date_precision) for d in docs] == [
        ("x1", f"{f}#1", "2019-08-29", "day"),
        ("feed:6", f"{f}#6", "2019-09", "month"),
        ("feed:8", f"{f}#8", "2019-03-12", "day"),
    ]
    assert docs[0].text == TEXT and docs[0].url == "http://e/1" and docs[0].title == "T"
    assert [(e.source, e.line) for e in errors] == [(str(f), 2), (str(f), 3), (str(f), 4), (str(f), 7)]
    assert "invalid JSON" in errors[0].reason


def test_jsonl_number_too_long_is_one_bad_line(tmp_path: Path) -> None:
    """A number longer than Python reads (int digits limit) rejects its line only, with the line named."""
    rows = ['{"text": "Raids sur Saraqeb.", "n": ' + "9" * 5000 + "}",
            json.dumps({"text": "Raids à Hama."}, ensure_ascii=False)]
    f = _write(tmp_path / "feed.jsonl", "\n".join(rows) + "\n")
    errors: list[ReadError] = []
    docs = list(read_dispatches(f, errors=errors))
    assert [d.text for d in docs] == ["Raids à Hama."]
    assert [(e.line, e.reason) for e in errors] == [(1, "invalid JSON: a number too long to read")]


def test_jsonl_custom_text_column(tmp_path: Path) -> None:
    f = _write(tmp_path / "b.jsonl", json.dumps({"body": TEXT}) + "\n")
    (doc,) = read_dispatches(f, text_column="body")
    assert doc.text == TEXT


def test_csv_rows_multiline_and_missing_text(tmp_path: Path) -> None:
    content = (
        "id,date,title,url,text\n"
        'd1,21/11/2019,Titre,http://e/1,"Premier paragraphe.\n\nSecond, avec virgule."\n'
        "d2,2019-11,,,\n"
        ',,,,"Frappes sur Douma, trois morts."\n'
    )
    f = _write(tmp_path / "t.csv", content)
    errors: list[ReadError] = []
    docs = list(read_dispatches(f, errors=errors))
    assert [(d.id, d.source, d.date, d.date_precision) for d in docs] == [
        ("d1", f"{f}#2", "2019-11-21", "day"),
        ("t:6", f"{f}#6", None, None),
    ]
    assert docs[0].text == "Premier paragraphe.\n\nSecond, avec virgule."
    assert docs[0].title == "Titre" and docs[0].url == "http://e/1"
    assert errors == [ReadError(str(f), 5, "empty 'text'")]


def test_csv_semicolon_cp1252_and_no_text_column(tmp_path: Path) -> None:
    f = _write(tmp_path / "s.csv", "texte;date\nLe régime a frappé Deraa;2019-09-01\n", encoding="cp1252")
    errors: list[ReadError] = []
    assert list(read_dispatches(f, errors=errors)) == []
    assert errors[0].line == 1 and "'text'" in errors[0].reason
    (doc,) = read_dispatches(f, text_column="texte")
    assert doc.text == "Le régime a frappé Deraa"
    assert doc.date == "2019-09-01"


HTML = """<!doctype html><html><head><meta charset="utf-8">
<title>Syrie : raids sur Ariha</title>
<meta property="article:published_time" content="2019-08-29T10:12:00+02:00">
<link rel="canonical" href="https://example.org/a">
<script>var x = "<p>not text</p>";</script><style>p { color: red }</style></head>
<body><nav><p>Accueil Monde</p></nav>
<p>Publicité hors article</p>
<article><h1>Raids sur Ariha</h1>
<p>Des raids ont tué <b>huit</b> civils&nbsp;jeudi à Ariha.</p>
<p>Selon l&#8217;OSDH,
   le bilan pourrait s'alourdir.</p></article>
<footer><p>© Journal</p></footer></body></html>"""


def test_html_article(tmp_path: Path) -> None:
    f = _write(tmp_path / "page.html", HTML)
    (doc,) = read_dispatches(f)
    assert doc.text == "Des raids ont tué huit civils\u00a0jeudi à Ariha.\n\nSelon l’OSDH, le bilan pourrait s'alourdir."
    assert doc.title == "Syrie : raids sur Ariha"
    assert (doc.date, doc.date_precision) == ("2019-08-29", "day")
    assert doc.url == "https://example.org/a"
    assert doc.id == "page"


def test_html_without_article_uses_paragraphs_and_time(tmp_path: Path) -> None:
    page = (
        "<html><body><h1>Combats à Hama</h1><time datetime='2016-03-12'>12 mars</time>"
        "<p>Premier.</p><div><p>Second.</p></div><script>p()</script></body></html>"
    )
    f = _write(tmp_path / "x.htm", page.encode("cp1252"))
    (doc,) = read_dispatches(f)
    assert doc.text == "Premier.\n\nSecond."
    assert doc.title == "Combats à Hama"
    assert (doc.date, doc.date_precision) == ("2016-03-12", "day")


def test_html_without_text_is_skipped(tmp_path: Path) -> None:
    f = _write(tmp_path / "empty.html", "<html><head><script>x()</script></head><body></body></html>")
    errors: list[ReadError] = []
    assert list(read_dispatches(f, errors=errors)) == []
    assert errors[0].source == str(f)


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    class _Stdin:
        buffer = io.BytesIO((" date 2019-09 " + TEXT).encode("utf-8"))

    monkeypatch.setattr("sys.stdin", _Stdin())
    (doc,) = read_dispatches("-")
    assert doc.id == "stdin" and doc.source == "-"
    assert doc.text == " date 2019-09 " + TEXT
    assert doc.date == "2019-09"


def test_streaming_is_lazy(tmp_path: Path) -> None:
    for i in range(3):
        _write(tmp_path / f"{i}.txt", TEXT)
    errors: list[ReadError] = []
    it = read_dispatches(tmp_path, errors=errors)
    assert next(it).id == "0"
    (tmp_path / "2.txt").unlink()  # removed after the first document: not read yet
    assert [d.id for d in it] == ["1"]
    assert [Path(e.source).name for e in errors] == ["2.txt"]


def test_seeds_read_with_their_dates() -> None:
    seeds = SHARED / "seeds"
    gold_path = SHARED / "eval" / "seeds_gold.json"
    if not seeds.is_dir() or not gold_path.is_file():
        pytest.skip("../shared is absent")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    errors: list[ReadError] = []
    docs = list(read_dispatches(seeds, errors=errors))
    assert errors == []
    assert [d.id for d in docs] == [g["id"] for g in gold]
    for doc, g in zip(docs, gold, strict=True):
        text = Path(doc.source).read_text(encoding="utf-8")
        assert doc.text == text
        assert doc.date == g["date"]
        assert doc.date_precision == ("month" if g["date"] else None)
        for t in g["toponyms"]:
            assert doc.text[t["start"]:t["end"]] == t["surface"]


def _generator():  # type: ignore[no-untyped-def]
    import importlib.util
    import sys

    if "generate_dispatches" in sys.modules:
        return sys.modules["generate_dispatches"]
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "generate_dispatches.py"
    spec = importlib.util.spec_from_file_location("generate_dispatches", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_dispatches"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_generated_corpus_round_trips_through_reader(tmp_path: Path) -> None:
    gen = _generator()
    docs = list(gen.generate(300, seed=3))
    assert docs == list(gen.generate(300, seed=3))  # deterministic
    assert docs != list(gen.generate(300, seed=4))
    assert len({text for _, text in docs}) == 300
    assert gen.main(["300", str(tmp_path / "txt"), "--jsonl", str(tmp_path / "g.jsonl"), "--seed", "3"]) == 0
    errors: list[ReadError] = []
    read = list(read_dispatches(tmp_path / "txt", errors=errors))
    rows = list(read_dispatches(tmp_path / "g.jsonl", errors=errors))
    assert errors == []
    assert [d.id for d in read] == [i for i, _ in docs] == [d.id for d in rows]
    for d, (_, text), row in zip(read, docs, rows, strict=True):
        assert d.text == text
        assert d.date_precision == "day" and text.startswith(f" date {d.date} ")
        assert row.date == d.date and d.text[body_start(d.text):] == row.text


def test_generated_corpus_has_no_seed_sentence() -> None:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared is absent")
    import re

    seed_sentences = set()
    for f in seeds.glob("*.txt"):
        for s in re.split(r"(?<=[.!?»])\s+", f.read_text(encoding="utf-8")):
            if len(s) > 40:
                seed_sentences.add(s.strip())
    text = "\n".join(t for _, t in _generator().generate(500, seed=0))
    assert [s for s in seed_sentences if s in text] == []
