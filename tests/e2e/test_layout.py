"""The house rules that ruff and mypy cannot see: small modules, short functions, clean layering.

- no module of ``geo/`` or ``gazetteer/`` over :data:`MAX_MODULE_LINES` lines;
- no function over :data:`MAX_FUNCTION_LINES` lines of code (its docstring not counted);
- ``geo`` never imports a private module of ``gazetteer`` (``gazetteer._x``);
- no ``try: import ... except ImportError`` around the project's own modules (a missing module of
  the project is a bug to see, not a case to handle);
- every sub-package of ``geo`` is named in ``ARCHITECTURE.md``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
PROJECT = ("geo", "gazetteer")


def _modules() -> list[Path]:
    return sorted(p for pkg in PROJECT for p in (ROOT / pkg).rglob("*.py"))


def _rel(p: Path) -> str:
    return str(p.relative_to(ROOT))


@pytest.mark.parametrize("path", _modules(), ids=_rel)
def test_module_is_small(path: Path) -> None:
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= MAX_MODULE_LINES, f"{_rel(path)} has {n} lines (limit {MAX_MODULE_LINES}): split it"


def _code_lines(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    body = fn.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(
        body[0].value.value, str
    ):
        body = body[1:]
    if not body:
        return 0
    return (body[-1].end_lineno or body[-1].lineno) - body[0].lineno + 1


def test_functions_are_short() -> None:
    long = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = _code_lines(node)
                if n > MAX_FUNCTION_LINES:
                    long.append(f"{_rel(path)}:{node.lineno} {node.name}() {n} lines")
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines:\n" + "\n".join(long)


def _imports(tree: ast.AST) -> list[tuple[ast.AST, str]]:
    out: list[tuple[ast.AST, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.append((node, node.module))
            out += [(node, f"{node.module}.{a.name}") for a in node.names]
    return out


def test_geo_uses_only_public_gazetteer_modules() -> None:
    bad = []
    for path in (ROOT / "geo").rglob("*.py"):
        for node, name in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            parts = name.split(".")
            if parts[0] == "gazetteer" and any(p.startswith("_") for p in parts[1:]):
                bad.append(f"{_rel(path)}:{getattr(node, 'lineno', 0)} imports {name}")
    assert not bad, "\n".join(bad)


def test_no_import_guards_around_the_project() -> None:
    bad = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Try):
                continue
            catches = {ast.unparse(h.type) for h in node.handlers if h.type is not None}
            if not any("ImportError" in c or "ModuleNotFoundError" in c for c in catches):
                continue
            for stmt in node.body:
                for _, name in _imports(stmt):
                    if name.split(".")[0] in PROJECT:
                        bad.append(f"{_rel(path)}:{node.lineno} guards the import of {name}")
    assert not bad, "\n".join(bad)


def test_architecture_names_every_package() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    packages = sorted(p.parent for p in (ROOT / "geo").rglob("__init__.py"))
    missing = [_rel(p) for p in packages if f"{_rel(p)}/" not in text]
    assert not missing, f"ARCHITECTURE.md does not name: {missing}"
