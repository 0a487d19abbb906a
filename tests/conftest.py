"""Shared helpers: fixture datasets copied to a temporary folder, and the CLI runner."""

from __future__ import annotations

import inspect
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.commands.main import cli
from cli.dataset import safeyaml

FIXTURES = Path(__file__).parent / "fixtures"
BUNDLED = Path(__file__).parent.parent / "platforms"


def dataset_copy(tmp_path: Path, *overlays: str) -> Path:
    """The base fixture dataset copied under ``tmp_path``, with broken/<overlay> on top."""
    root = tmp_path / "dataset"
    shutil.copytree(FIXTURES / "base", root)
    for overlay in overlays:
        shutil.copytree(FIXTURES / "broken" / overlay, root, dirs_exist_ok=True)
    return root


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own cache folder (the filter index, fetched pages)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """A writable copy of the clean base dataset."""
    return dataset_copy(tmp_path)


def stderr_apart_runner() -> CliRunner:
    """A CliRunner that keeps stderr apart from stdout on every Click release: 8.2 and
    newer always do; 8.1 does only when asked (``mix_stderr=False``, removed in 8.2)."""
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner(mix_stderr=False)
    return CliRunner()


@pytest.fixture
def run():
    """Run ``platforms ARGS`` in-process; returns Click's Result (stdout and stderr apart)."""
    runner = stderr_apart_runner()

    def invoke(*args: str, data: Path | None = None, env: dict | None = None, input=None):
        argv = (["--data", str(data)] if data else []) + list(args)
        return runner.invoke(cli, argv, env=env, input=input, catch_exceptions=False)

    return invoke


def reading(doc: safeyaml.Document) -> tuple:
    """Everything a reader gives: data, problems, and the marks of every value and key (and
    of a missing child of each, which falls back to the nearest parent)."""
    return doc.data, doc.problems, marks(doc)


def marks(doc: safeyaml.Document) -> dict:
    """Path -> (value mark, key mark) for every path into the document's data."""

    def paths(data, path):
        yield path
        yield path + ("no-such-key",)
        children = (
            data.items()
            if isinstance(data, dict)
            else enumerate(data)
            if isinstance(data, list)
            else ()
        )
        for key, value in children:
            yield from paths(value, path + (key,))

    return {path: (doc.mark(path), doc.mark(path, key=True)) for path in paths(doc.data, ())}
