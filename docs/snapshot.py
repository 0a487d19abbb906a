"""Run every command in every output format on the bundled data and the test fixtures, and
write what each printed (and its exit code) into a folder, one file per run.

For a change that must not change behaviour (a refactoring), take a snapshot before and
after and compare them::

    python docs/snapshot.py /tmp/before      # on the old code
    python docs/snapshot.py /tmp/after       # on the new code
    python docs/snapshot.py --diff /tmp/before /tmp/after

``--diff`` prints every run whose output differs and exits 1 when any does.
"""

from __future__ import annotations

import difflib
import filecmp
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from cli.commands.main import cli

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FORMATS = ("text", "json", "csv", "github", "grid", "html", "latex", "tsv")
ANSWERS = "answers:\n  police-hiring: support\n  homelessness: {answer: oppose, weight: 3}\n"

# dataset label -> (root, candidate pair, race, topic, person)
DATASETS = {
    "bundled": (
        None,
        ("bass", "caruso"),
        "2025-new-york-city-mayor",
        "police-hiring",
        "karen-bass",
    ),
    "base": (
        FIXTURES / "base",
        ("alvarez", "okafor"),
        "2020-springfield-mayor",
        "police-budget",
        None,
    ),
    "many-mistakes": (FIXTURES / "many-mistakes", ("burns", "lisa"), None, None, None),
}


def runs(pair, race, topic, person, answers: Path, out: Path) -> list[str]:
    """Every command line to run on one dataset."""
    a, b = pair
    lines = [f"validate --format {f}" for f in ("text", "json")] + ["validate --strict"]
    for fmt in FORMATS:
        lines += [
            f"compare {a} {b} --format {fmt}",
            f"diff {a} {b} --format {fmt}",
            f"races --format {fmt}",
            f"candidates --format {fmt}",
            f"topics --format {fmt}",
            f"sources --format {fmt}",
            f"filter --format {fmt}",
            f"match --answers {answers} --format {fmt}",
        ]
    lines += [f"compare {a} {b} --quotes --width {w}" for w in (60, 80, 120)]
    lines += [f"diff {a} {b} --only {r}" for r in ("agree", "differ", "degree")]
    lines += [f"show {a}", f"show {a} --format json", f"show {b}", "show nobody"]
    lines += [f"check-quotes {a} --offline --format json"]
    if race:
        lines += [
            f"compare --race {race}",
            f"compare --race {race} --width 60",
            f"filter --race {race} --topic {topic} --format json",
            f"filter --topic {topic} --stance support",
            "filter --text officers --format json",
        ]
        lines += [
            f"handout {a} {b} -o {out}/handout-{{n}}.{ext} --force" for ext in ("html", "md", "tex")
        ]
    if person:
        lines += [
            f"person {person}",
            f"person {person} --format json",
            "filter --measure people-housed --min 20000",
        ]
    return lines


def _steady(text: str) -> str:
    """The output with what changes from commit to commit, day to day and checkout to
    checkout masked: the handout's dataset revision and date, and the repository's path."""
    text = text.replace(str(ROOT), "REPO")
    text = re.sub(r"Dataset revision [0-9a-f]{7,40}", "Dataset revision REV", text)
    return re.sub(r"Generated \d{4}-\d\d-\d\d", "Generated DATE", text)


def snapshot(folder: Path) -> int:
    """Write every run's output into ``folder``; returns the number of runs."""
    folder.mkdir(parents=True, exist_ok=True)
    runner = CliRunner()
    count = 0
    with tempfile.TemporaryDirectory() as scratch:
        answers = Path(scratch) / "answers.yaml"
        answers.write_text(ANSWERS, "utf-8")
        for label, (root, pair, race, topic, person) in DATASETS.items():
            for n, line in enumerate(
                runs(pair, race, topic, person, Path("ANSWERS"), Path("SCRATCH"))
            ):
                line = line.replace("{n}", str(n))
                real = line.replace("SCRATCH", scratch).replace("ANSWERS", str(answers))
                args = (["--data", str(root)] if root else []) + shlex.split(real)
                result = runner.invoke(
                    cli, args, env={"COLUMNS": "80", "NO_COLOR": "1", "PLATFORMS_NO_INDEX": "1"}
                )
                text = result.output.replace(scratch, "SCRATCH")
                for written in Path(scratch).glob("handout-*"):
                    text += f"\n--- {written.name}\n" + written.read_text("utf-8").replace(
                        scratch, "SCRATCH"
                    )
                    written.unlink()
                name = re.sub(r"[^a-z0-9.-]+", "_", f"{label} {line}".lower())[:150]
                (folder / f"{name}.txt").write_text(
                    f"exit {result.exit_code}\n{_steady(text)}", "utf-8"
                )
                count += 1
        for label, args, env, files in stateful_runs(Path(scratch)):
            result = runner.invoke(cli, args, env={"COLUMNS": "80", "NO_COLOR": "1", **env})
            text = result.output
            for written in files:
                text += f"\n--- {written.name}\n" + (
                    written.read_text("utf-8") if written.exists() else "(absent)"
                )
            name = re.sub(r"[^a-z0-9.-]+", "_", label.lower())
            (folder / f"{name}.txt").write_text(
                f"exit {result.exit_code}\n" + _steady(text.replace(scratch, "SCRATCH")), "utf-8"
            )
            count += 1
    return count


PAGE = """<html><head><title>Okafor backs foot patrols</title>
<meta property="og:site_name" content="Springfield Ledger">
<meta name="author" content="Ann Reporter">
<meta property="article:published_time" content="2020-03-02T09:00:00Z">
</head><body><p>Okafor said: put them on foot patrol.</p></body></html>
"""


def _git(cwd: Path, *args: str) -> None:
    """Run git in ``cwd`` with a fixed author and clock, so commit ids repeat run to run."""
    stamp = "2020-03-01T12:00:00+00:00"
    subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "T",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "T",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_DATE": stamp,
            "HOME": str(cwd),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        },
    )


def stateful_runs(scratch: Path) -> list[tuple[str, list[str], dict, list[Path]]]:
    """The commands that read git, the filter index, or write files: (label, argv, extra
    environment, files whose text is part of the output), on copies under ``scratch``."""
    race = "2020-springfield-mayor"
    repo = scratch / "repo"
    shutil.copytree(FIXTURES / "base", repo)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "Springfield positions")
    okafor = repo / race / "okafor.yaml"
    okafor.write_text(
        okafor.read_text("utf-8").replace("stance: oppose", "stance: support"), "utf-8"
    )
    _git(repo, "commit", "-qam", "Okafor flips on free transit")
    (repo / race / "zed.yaml").write_text("name: Zed Smith\npositions: {}\n", "utf-8")
    data = ["--data", str(repo)]
    found: list[tuple[str, list[str], dict, list[Path]]] = []
    for fmt in ("text", "json"):
        found += [
            (f"git history okafor {fmt}", data + ["history", "okafor", "--format", fmt], {}, []),
            (
                f"git changes HEAD~1 HEAD {fmt}",
                data + ["changes", "HEAD~1", "HEAD", "--format", fmt],
                {},
                [],
            ),
            (f"git changes worktree {fmt}", data + ["changes", "--format", fmt], {}, []),
        ]
    cache = {"XDG_CACHE_HOME": str(scratch / "cache")}
    for n, args in enumerate(
        (
            ["filter", "--format", "json"],
            ["filter", "--stance", "support"],
            ["filter", "--text", "officers", "--format", "csv"],
            ["filter", "--format", "json"],
        )
    ):
        found.append(
            (f"index {n} {' '.join(args)}", ["--data", str(FIXTURES / "base"), *args], cache, [])
        )
    new = scratch / "new"
    new.mkdir()
    for name in ("dataset.yaml", "topics.yaml"):
        shutil.copy(FIXTURES / "base" / name, new / name)
    saved = scratch / "saved.html"
    saved.write_text(PAGE, "utf-8")
    created = new / "2026-springfield-mayor"
    found += [
        (
            "new race",
            [
                "--data",
                str(new),
                "new",
                "race",
                "2026-springfield-mayor",
                "--title",
                "2026 Springfield mayoral election",
                "--office",
                "Mayor of Springfield",
                "--jurisdiction",
                "Springfield",
                "--date",
                "2026-11-03",
                "--topic",
                "transit",
            ],
            {},
            [created / "race.yaml", created / "sources.yaml"],
        ),
        (
            "new candidate",
            [
                "--data",
                str(new),
                "new",
                "candidate",
                "2026-springfield-mayor/okafor",
                "--name",
                "Chidi Okafor",
            ],
            {},
            [created / "okafor.yaml"],
        ),
        (
            "cite from file",
            [
                "--data",
                str(new),
                "cite",
                "--from-file",
                str(saved),
                "--url",
                "https://example.org/okafor",
                "--race",
                "2026-springfield-mayor",
                "--quote",
                "put them on foot patrol",
            ],
            cache,
            [created / "sources.yaml"],
        ),
        ("new validate", ["--data", str(new), "validate"], {}, []),
    ]
    return found


def compare_snapshots(before: Path, after: Path) -> int:
    """Print the runs whose outputs differ; 1 if any does, else 0."""
    match, mismatch, errors = filecmp.cmpfiles(
        before,
        after,
        sorted({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()}),
        shallow=False,
    )
    for name in mismatch + errors:
        old = (before / name).read_text("utf-8").splitlines() if (before / name).exists() else []
        new = (after / name).read_text("utf-8").splitlines() if (after / name).exists() else []
        sys.stdout.writelines(
            line + "\n"
            for line in difflib.unified_diff(
                old, new, f"before/{name}", f"after/{name}", lineterm=""
            )
        )
    print(f"{len(match)} runs identical, {len(mismatch) + len(errors)} different")
    return 1 if mismatch or errors else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--diff"] and len(sys.argv) == 4:
        sys.exit(compare_snapshots(Path(sys.argv[2]), Path(sys.argv[3])))
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(f"{snapshot(Path(sys.argv[1]))} runs written to {sys.argv[1]}")
