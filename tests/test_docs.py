"""The README's command reference is generated from --help and must be current."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_reference_is_current():
    spec = importlib.util.spec_from_file_location("reference", ROOT / "docs" / "reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (ROOT / "README.md").read_text("utf-8")
    assert module.updated(text) == text, "run: python docs/reference.py"


def test_readme_opens_with_the_two_commands():
    lines = (ROOT / "README.md").read_text("utf-8").splitlines()
    block = lines[lines.index("```sh") + 1 : lines.index("```sh") + 3]
    assert block[0].startswith("pip install . && platforms compare bass caruso")
    assert block[1].startswith("pip install '.[test]' && python -m pytest -q")


def test_readme_examples_are_real_runs():
    """Every ``<!-- run: ... -->`` block is what the command prints today."""
    spec = importlib.util.spec_from_file_location("reference", ROOT / "docs" / "reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (ROOT / "README.md").read_text("utf-8")
    blocks = list(module.RUN.finditer(text))
    assert len(blocks) >= 5
    for block in blocks:
        lines = int(block["lines"]) if block["lines"] else None
        body = block.group(0).split("```\n")[1]
        assert body.rstrip("\n") == module.example(block["args"], lines), block["args"]


def test_readme_guide_is_the_output_of_a_real_run():
    import re

    spec = importlib.util.spec_from_file_location("guide", ROOT / "docs" / "guide.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (ROOT / "README.md").read_text("utf-8")

    def undated(markdown: str) -> str:  # accessed: is the day of the run
        return re.sub(r"accessed: \d{4}-\d{2}-\d{2}", "accessed: DAY", markdown)

    assert module.START in text
    assert undated(module.updated(text)) == undated(text), "run: python docs/guide.py"


def _docs_module(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "docs" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_format_docs_list_every_problem_code_from_the_registry():
    codes = _docs_module("codes")
    text = (ROOT / "docs" / "format.md").read_text("utf-8")
    assert codes.updated(text) == text, "run: python docs/codes.py"
    from cli.problems import Code

    for code in (Code.BLANK_VALUE, Code.COVERAGE_GAP, Code.TOPIC_NOT_IN_RACE):
        assert f"| `{code}` | {code.severity} | {code.what} |" in text


def test_every_code_the_schemas_name_is_registered():
    import json

    from cli.problems import Code

    def named(node):
        if isinstance(node, dict):
            yield from node.get("x-codes", {}).values()
            for key, value in node.items():
                if key != "x-codes":
                    yield from named(value)
        elif isinstance(node, list):
            for value in node:
                yield from named(value)

    schemas = sorted((ROOT / "cli" / "schemas").glob("*.schema.json"))
    found = {code for path in schemas for code in named(json.loads(path.read_text("utf-8")))}
    assert len(found) >= 15
    assert found <= {code.value for code in Code}, found - {code.value for code in Code}
