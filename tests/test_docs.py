"""The README and the pages in docs/ are generated from real runs and must be current."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

from click.testing import CliRunner

from cli.commands.main import cli

ROOT = Path(__file__).resolve().parent.parent


def test_reference_races_and_examples_are_current():
    """docs/reference.md is every command's --help, the README's races table is the bundled
    data, and every page's examples are what the commands print today."""
    module = _docs_module("reference")
    for page in module.pages():
        text = page.read_text("utf-8")
        assert module.updated(text) == text, f"{page.name}: run python docs/reference.py"
    assert module.START in (ROOT / "docs" / "reference.md").read_text("utf-8")
    assert module.RACES_START in (ROOT / "README.md").read_text("utf-8")


def test_readme_opens_with_the_two_commands():
    lines = (ROOT / "README.md").read_text("utf-8").splitlines()
    block = lines[lines.index("```sh") + 1 : lines.index("```sh") + 3]
    assert block[0].startswith("pip install . && platforms compare bass caruso")
    assert block[1].startswith("pip install '.[test]' && python -m pytest -q")


def test_readme_is_a_voters_page_that_links_the_rest():
    text = (ROOT / "README.md").read_text("utf-8")
    assert len(text.splitlines()) < 300
    for page in ("handouts", "guide", "format", "reference"):
        assert f"(docs/{page}.md)" in text and (ROOT / "docs" / f"{page}.md").is_file()
    module = _docs_module("reference")
    assert len(list(module.RUN.finditer(text))) >= 2
    for race in json.loads(CliRunner().invoke(cli, ["races", "--format", "json"]).output):
        assert f"| `{race['race']}` |" in text  # every bundled race in the table


def test_every_example_is_a_real_run_cut_where_it_says():
    module = _docs_module("reference")
    for page in module.pages():
        text = page.read_text("utf-8")
        for block in module.RUN.finditer(text):
            lines = int(block["lines"]) if block["lines"] else None
            body = block.group(0).split("```\n")[1]
            assert body.rstrip("\n") == module.example(block["args"], lines), block["args"]
            if lines is not None:
                assert len(body.rstrip("\n").splitlines()) <= lines + 1


def test_curators_guide_is_the_output_of_a_real_run():
    module = _docs_module("guide")
    text = (ROOT / "docs" / "guide.md").read_text("utf-8")

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
