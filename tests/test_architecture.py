"""The package's layers, as the README's "Architecture" table states them: every import in
cli/ (lazy ones inside functions too) goes to the module's own layer or one it may import,
only cli/commands imports Click, and the folder stays easy to find things in."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cli"
SHARED = {"__init__", "model", "problems", "choices", "cachedir"}


def _rule() -> dict[str, set[str]]:
    """layer -> the layers it may import, read from the README's table."""
    text = (ROOT / "README.md").read_text("utf-8")
    table = text.split("<!-- layers:start -->")[1].split("<!-- layers:end -->")[0]
    rule = {}
    for row in table.strip().splitlines()[2:]:
        layer, _holds, allowed = (cell.strip() for cell in row.strip("|").split("|"))
        rule[layer.strip("`")] = {a.strip() for a in allowed.split(",")} - {"—"}
    return rule


def _layer(parts: tuple[str, ...]) -> str:
    """The layer of a module (its path under cli/, or its dotted name after ``cli.``)."""
    first = parts[0].removesuffix(".py")
    if len(parts) == 1 and first in SHARED:
        return "shared"
    return "commands" if first == "__main__" else first


def _imports(path: Path):
    """(line, layer imported, third-party top-level name) for every import in ``path``."""
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            parts = node.module.split(".")
            if parts[0] != "cli":
                yield node.lineno, None, parts[0]
            elif len(parts) == 1:  # from cli import __version__ / a subpackage
                for alias in node.names:
                    name = alias.name
                    yield node.lineno, "shared" if name == "__version__" else _layer((name,)), None
            else:
                yield node.lineno, _layer(tuple(parts[1:])), None
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "cli" and len(parts) > 1:
                    yield node.lineno, _layer(tuple(parts[1:])), None
                elif parts[0] != "cli":
                    yield node.lineno, None, parts[0]


def _modules():
    return sorted(p for p in PACKAGE.rglob("*.py") if "bundled" not in p.parts)


def test_the_readme_table_names_every_subpackage():
    rule = _rule()
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert set(rule) == packages | {"shared"}
    for layer, allowed in rule.items():
        assert allowed <= set(rule), (layer, allowed - set(rule))


def test_every_import_keeps_to_the_layers():
    rule = _rule()
    broken = []
    for path in _modules():
        layer = _layer(path.relative_to(PACKAGE).parts)
        for line, target, third_party in _imports(path):
            where = f"{path.relative_to(ROOT)}:{line}"
            if target is not None and target != layer and target not in rule[layer]:
                broken.append(f"{where}: {layer} imports {target}")
            if third_party == "click" and layer != "commands":
                broken.append(f"{where}: {layer} imports click (only cli/commands may)")
    assert broken == [], "\n".join(broken)


def test_the_rule_catches_an_upward_import(tmp_path):
    """The check above would fail on a renderer imported from the dataset layer."""
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from cli.output.formats import to_json\n", "utf-8")
    assert list(_imports(sample)) == [(2, "output", None)]
    assert "output" not in _rule()["dataset"]


def test_the_folder_is_easy_to_find_things_in():
    top = [p.name for p in PACKAGE.glob("*.py")]
    assert len(top) <= 6, top
    names = [p.stem for p in _modules() if p.stem != "__init__"]
    assert sorted({n for n in names if names.count(n) > 1}) == []
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text("utf-8"))) or ""
        assert re.search(r"May import|may import", doc), f"{init}: say what it may import"
