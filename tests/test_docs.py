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
