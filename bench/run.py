"""Time whole `platforms` processes against floors and peers measured in the same run.

    python bench/run.py                    # 10,000 and 100 candidates, 9 rounds
    python bench/run.py --runs 15 --write  # and rewrite the table in docs/performance.md

Every figure is the median of several runs; the commands alternate within each round so
that drift in the machine's speed touches them all alike. Each is printed as a ratio
against its floor: F0 = ``python -c "import click, yaml, tabulate"``, F1 = a bare loop
parsing every corpus file with libyaml (bench/floor_parse.py), F2 = ``python -c "import
click"``. Peak memory is the process's maximum resident set size.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_corpus import write_corpus  # noqa: E402

PY = sys.executable
PLATFORMS = (
    str(Path(PY).with_name("platforms"))
    if Path(PY).with_name("platforms").exists()
    else (shutil.which("platforms") or "platforms")
)
TOPIC, STANCE, WORDS = "housing", "support", "kalomi zuñato"


@dataclass
class Spec:
    """One command to time: its name, argv, floor and target ratio (None: a reference)."""

    name: str
    argv: list
    floor: str | None = None
    target: float | None = None
    cold_cache: bool = False  # empty the cache folder before each run
    memory_cap_mb: float | None = None


def _specs(big: Path, small: Path) -> list[Spec]:
    def p(corpus: Path, *args: str) -> list:
        return [PLATFORMS, "--data", str(corpus), *args]

    filt = ("filter", "--topic", TOPIC, "--stance", STANCE, "--format", "json")
    text = ("filter", "--text", WORDS, "--format", "json")
    specs = [
        Spec("F0 import click, yaml, tabulate", [PY, "-c", "import click, yaml, tabulate"]),
        Spec("F1 libyaml parse of every file", [PY, str(HERE / "floor_parse.py"), str(big)]),
        Spec("F2 import click", [PY, "-c", "import click"]),
        Spec("platforms --help", [PLATFORMS, "--help"], "F2", 1.2),
        Spec("platforms --version", [PLATFORMS, "--version"], "F2", 1.2),
        Spec(
            "compare A B (10,000)",
            p(big, "compare", "candidate-00001", "candidate-00002"),
            "F0",
            1.2,
        ),
        Spec(
            "compare A B (100)",
            p(small, "compare", "candidate-00001", "candidate-00002"),
            "F0",
            1.2,
        ),
        Spec("validate (10,000)", p(big, "validate"), "F1", 1.3, memory_cap_mb=100),
        Spec("filter topic+stance, first run", p(big, *filt), "F1", 1.3, cold_cache=True),
        Spec("filter topic+stance, warm", p(big, *filt), "F0", 2.0),
        Spec("filter --text, first run", p(big, *text), "F1", 1.3, cold_cache=True),
        Spec("filter --text, warm", p(big, *text), "F0", 2.0),
        Spec(
            "peer: plain PyYAML script", [PY, str(HERE / "peer_pyyaml.py"), str(big), TOPIC, STANCE]
        ),
    ]
    if shutil.which("yq"):
        files = sorted(str(f) for f in big.glob("*/candidate-*.yaml"))
        specs.append(
            Spec(
                "peer: yq",
                ["yq", "-c", f'select(.positions."{TOPIC}".stance == "{STANCE}") | .name', *files],
            )
        )
    return specs


def _run(spec: Spec, env: dict, cache: Path) -> tuple[float, float, float]:
    """Wall seconds, peak MB of the largest process (the command or one of its workers) and
    CPU seconds of all of them, for one run of ``spec``."""
    if spec.cold_cache and cache.exists():
        shutil.rmtree(cache)
    start = time.perf_counter()
    child = subprocess.Popen(
        spec.argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0,):
        raise SystemExit(f"{spec.name} exited {child.returncode}: {' '.join(spec.argv[:6])}")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def measure(runs: int, candidates: int, workdir: Path) -> list[tuple[Spec, float, float, float]]:
    """Median seconds, peak MB and median CPU seconds of every spec over ``runs``
    alternating rounds."""
    big, small = workdir / f"corpus-{candidates}", workdir / "corpus-100"
    for corpus, size in ((big, candidates), (small, 100)):
        if not (corpus / "dataset.yaml").exists():
            write_corpus(corpus, size, seed=1)
    cache = workdir / "cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "COLUMNS": "100"}
    specs = _specs(big, small)
    times: dict[str, list] = {s.name: [] for s in specs}
    cpu: dict[str, list] = {s.name: [] for s in specs}
    peaks: dict[str, float] = {s.name: 0.0 for s in specs}
    for spec in specs:  # one untimed run each: disk caches and the derived index warm up
        _run(spec, env, cache)
    for _ in range(runs):
        for spec in specs:
            seconds, peak, used = _run(spec, env, cache)
            times[spec.name].append(seconds)
            cpu[spec.name].append(used)
            peaks[spec.name] = max(peaks[spec.name], peak)
    return [
        (s, statistics.median(times[s.name]), peaks[s.name], statistics.median(cpu[s.name]))
        for s in specs
    ]


def table(results, candidates: int) -> tuple[str, bool]:
    """The Markdown table of results, and whether every target was met."""
    floors = {s.name[:2]: t for s, t, _, _ in results if s.name[:2] in ("F0", "F1", "F2")}
    rows = [
        "| Command | Median | CPU | Peak memory | Ratio | Target | Met |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    all_met = True
    for spec, seconds, peak, used in results:
        ratio = f"{seconds / floors[spec.floor]:.2f} x {spec.floor}" if spec.floor else ""
        target, met = "", ""
        if spec.target is not None:
            ok = seconds <= spec.target * floors[spec.floor]
            if spec.memory_cap_mb is not None:
                ok = ok and peak < spec.memory_cap_mb
            target = f"<= {spec.target} x {spec.floor}" + (
                f", < {spec.memory_cap_mb:.0f} MB" if spec.memory_cap_mb else ""
            )
            met = "yes" if ok else "**no**"
            all_met = all_met and ok
        rows.append(
            f"| {spec.name} | {seconds * 1000:.0f} ms | {used * 1000:.0f} ms | "
            f"{peak:.0f} MB | {ratio} | {target} | {met} |"
        )
    medians = {s.name: t for s, t, _, _ in results}
    if "peer: yq" in medians:  # the last target: warm filter at least twice as fast as yq
        speedup = medians["peer: yq"] / medians["filter topic+stance, warm"]
        ok = speedup >= 2
        all_met = all_met and ok
        rows.append(
            f"| warm filter against yq |  |  |  | {speedup:.0f} x faster | "
            f">= 2 x faster | {'yes' if ok else '**no**'} |"
        )
    return "\n".join(rows) + "\n", all_met


def machine() -> str:
    """One line about the machine and software the figures come from."""
    import yaml

    cpu = platform.processor() or platform.machine()
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} CPU(s) {cpu}, "
        f"Python {platform.python_version()}, PyYAML {yaml.__version__} "
        f"({'with' if getattr(yaml, '__with_libyaml__', False) else 'without'} libyaml)"
    )


def main() -> int:
    """Run the benchmark, print the table, optionally write it into docs/performance.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--workdir", type=Path, help="Keep corpora here between runs.")
    parser.add_argument(
        "--write", action="store_true", help="Rewrite the results section of docs/performance.md."
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        results = measure(args.runs, args.candidates, workdir)
    body, met = table(results, args.candidates)
    header = (
        f"{args.candidates:,} candidates, median of {args.runs} runs; {machine()}. "
        "CPU is the user and system time of the command and its worker processes; "
        "peak memory is that of the largest of them.\n\n"
    )
    print(header + body)
    if args.write:
        doc = HERE.parent / "docs" / "performance.md"
        text = doc.read_text("utf-8")
        start, end = "<!-- results:start -->", "<!-- results:end -->"
        before, rest = text.split(start)
        doc.write_text(f"{before}{start}\n{header}{body}{end}{rest.split(end)[1]}", "utf-8")
    print("every target met" if met else "some targets not met", file=sys.stderr)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
