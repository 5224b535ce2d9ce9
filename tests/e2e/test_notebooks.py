"""The notebooks: executed top to bottom, offline, on the bundled sample; committed without outputs.

Each notebook is copied to a temporary ``notebooks/`` folder and run there (the kernel's working
directory) with nbclient and the ``python3`` kernel, so nothing is written next to the committed
copies. The checks look at what a reader sees: no error, no Python warning printed by a cell, the
matplotlib figures (PNG outputs), the inline map as a self-contained page (no remote script,
stylesheet or tile), and the key tables.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = REPO / "notebooks"
NOTEBOOKS = ("01_explore_corpus.ipynb", "02_front_lines.ipynb")
TIMEOUT_S = 600

# A URL a browser would fetch (not a plain <a href> link): a script, image or frame source, a
# stylesheet, a CSS url(...) or @import, or a Leaflet tile layer template.
_REMOTE = re.compile(
    r"""<(?:script|img|iframe|source|embed|video|audio)\b[^>]*?\bsrc\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|<link\b[^>]*?\bhref\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|url\(\s*["']?\s*(?:https?:)?//"""
    r"""|@import\s+["']\s*(?:https?:)?//"""
    r"""|tileLayer\(\s*["']\s*(?:https?:)?//""",
    re.IGNORECASE,
)
# How Python prints a warning: "<file>:<line>: SomethingWarning: message".
_PY_WARNING = re.compile(r":\d+: \w*Warning: ")
_SRCDOC = re.compile(r'<iframe[^>]*\ssrcdoc="([^"]*)"', re.DOTALL)


def _nbformat() -> Any:
    return pytest.importorskip("nbformat")


def _read(path: Path) -> Any:
    nbformat = _nbformat()
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    return nb


def _execute(name: str, tmp_path: Path) -> Any:
    """Run one notebook top to bottom in a temporary copy of ``notebooks/``; return it executed."""
    pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    from nbclient import NotebookClient

    work = tmp_path / "notebooks"
    work.mkdir()
    shutil.copy2(NOTEBOOK_DIR / name, work / name)
    nb = _read(work / name)
    client = NotebookClient(
        nb,
        timeout=TIMEOUT_S,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(work)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, on any error
    return nb


def _outputs(nb: Any) -> list[tuple[str, dict[str, Any]]]:
    """(cell source, output) for every output of every code cell."""
    return [(cell.source, out) for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]


def _data(nb: Any, mime: str) -> list[str]:
    return [out["data"][mime] for _, out in _outputs(nb) if mime in out.get("data", {})]


def _stderr(nb: Any) -> str:
    return "".join(out.get("text", "") for _, out in _outputs(nb) if out.get("name") == "stderr")


def _map_pages(nb: Any) -> list[str]:
    """The HTML pages of the inline maps (iframe ``srcdoc``, unescaped)."""
    pages = []
    for chunk in _data(nb, "text/html"):
        pages.extend(html.unescape(m.group(1)) for m in _SRCDOC.finditer(chunk))
    return [p for p in pages if "L.map(" in p]


def _check_common(nb: Any, *, min_png: int) -> list[str]:
    """Checks every notebook shares; return the inline map pages."""
    errors = [out for _, out in _outputs(nb) if out.get("output_type") == "error"]
    assert not errors, errors
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.execution_count is not None, f"cell not executed: {cell.source[:80]!r}"
    stderr = _stderr(nb)
    assert not _PY_WARNING.search(stderr), f"a cell printed a Python warning:\n{stderr}"
    pngs = _data(nb, "image/png")
    assert len(pngs) >= min_png, f"expected at least {min_png} matplotlib figures, got {len(pngs)}"
    assert all(len(p) > 1000 for p in pngs)

    pages = _map_pages(nb)
    assert len(pages) == 1, f"expected one inline map, got {len(pages)}"
    page = pages[0]
    remote = _REMOTE.findall(page)
    assert not remote, f"the inline map would fetch remote assets: {remote[:5]}"
    assert "<script>" in page and len(page) > 100_000, "Leaflet is not inlined in the map page"
    return pages


@pytest.mark.slow
def test_explore_corpus_runs_offline(tmp_path: Path) -> None:
    nb = _execute("01_explore_corpus.ipynb", tmp_path)
    (page,) = _check_common(nb, min_png=2)

    tables = "\n".join(_data(nb, "text/html"))
    # the events GeoDataFrame's head, with its polygon-joined governorate and point geometry
    assert "adm1_name" in tables and "POINT (" in tables
    # the gazetteer's candidates for the homonym: both Madayas, each with its score
    candidates = next(t for t in _data(nb, "text/html") if "Madaya" in t and "score" in t)
    assert "Idleb" in candidates and "Rural Damascus" in candidates
    # the map shows the strikes and the governorate choropleth
    assert "Strikes" in page and "Governorates" in page


@pytest.mark.slow
def test_front_lines_runs_offline(tmp_path: Path) -> None:
    nb = _execute("02_front_lines.ipynb", tmp_path)
    (page,) = _check_common(nb, min_png=2)

    tables = "\n".join(_data(nb, "text/html"))
    assert "gained_km2" in tables and "lost_km2" in tables
    assert "side_a" in tables and "length_km" in tables
    # the time slider (a range input) over the control snapshots, first and last date embedded
    assert re.search(r"""type\s*=\s*["']range""", page), "no time slider in the map"
    assert "2019-04-01" in page and "2020-02-27" in page
    assert "Control areas and front lines" in page


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_notebook_is_stripped(name: str) -> None:
    nb = _read(NOTEBOOK_DIR / name)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    assert "widgets" not in nb.metadata
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, f"{name} has no code cell"
    for cell in code:
        assert cell.outputs == [], f"{name}: outputs left in cell {cell.source[:60]!r}"
        assert cell.execution_count is None, f"{name}: execution_count left in cell {cell.source[:60]!r}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_code_is_portable(name: str) -> None:
    """No absolute path and no URL in the code: the notebooks run from any checkout, offline."""
    nb = _read(NOTEBOOK_DIR / name)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert not re.search(r"""["'](?:/|[A-Za-z]:\\|~)""", cell.source), f"{name}: absolute path in {cell.source!r}"
        assert "http://" not in cell.source and "https://" not in cell.source, f"{name}: URL in {cell.source!r}"


def test_every_notebook_is_tested() -> None:
    assert sorted(p.name for p in NOTEBOOK_DIR.glob("*.ipynb")) == sorted(NOTEBOOKS)
