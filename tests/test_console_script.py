"""The installed `platforms` console script, run as a user would run it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUNDLED


def console_script() -> str | None:
    beside = Path(sys.executable).with_name("platforms")
    return str(beside) if beside.exists() else shutil.which("platforms")


@pytest.mark.skipif(console_script() is None, reason="the package is not installed")
def test_installed_script_reads_the_bundled_data_from_any_folder(tmp_path):
    script = console_script()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    validate = subprocess.run(
        [script, "validate"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert validate.returncode == 0, validate.stderr
    listed = subprocess.run(
        [script, "candidates", "--format", "json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    on_disk = {p.stem for p in BUNDLED.glob("*/*.yaml")} - {"race", "sources"}
    assert {r["candidate"] for r in json.loads(listed.stdout)} == on_disk
    unknown = subprocess.run(
        [script, "show", "carusso"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert unknown.returncode == 2 and "did you mean 'caruso'?" in unknown.stderr
    assert "Traceback" not in unknown.stderr
