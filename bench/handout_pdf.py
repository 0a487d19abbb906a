"""Time `platforms handout -o FILE.pdf` against WeasyPrint alone on the same HTML.

    python bench/handout_pdf.py             # bass and caruso on Letter, 9 rounds
    python bench/handout_pdf.py --runs 15 --paper a4 --data DIR --race RACE

The floor is WeasyPrint's own command (``python -m weasyprint in.html out.pdf``) laying out
the very HTML the handout command writes: what any tool that makes this PDF must pay. The
ratio is what the handout adds on top (Python start-up, reading the dataset, the template).
Both are whole processes, alternated within each round; each figure is the median. The
target is at most 1.3 times the floor. Needs the project installed with the pdf extra.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
PLATFORMS = (
    str(Path(PY).with_name("platforms"))
    if Path(PY).with_name("platforms").exists()
    else (shutil.which("platforms") or "platforms")
)
TARGET = 1.3


def _time(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _pages(pdf: Path) -> str:
    """The page count pdfinfo reads, or "?" without poppler."""
    if shutil.which("pdfinfo") is None:
        return "?"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--paper", default="letter", choices=["a4", "letter"])
    parser.add_argument("--data", help="dataset folder (default: the bundled one)")
    parser.add_argument("--race", help="every candidate of this race")
    parser.add_argument("candidates", nargs="*", default=None)
    args = parser.parse_args()
    who = ["--race", args.race] if args.race else (args.candidates or ["bass", "caruso"])
    data = ["--data", args.data] if args.data else []
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        html, ours, theirs = work / "h.html", work / "ours.pdf", work / "theirs.pdf"
        subprocess.run(
            [PLATFORMS, *data, "handout", *who, "--paper", args.paper, "-o", str(html)],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        handout = [
            PLATFORMS,
            *data,
            "handout",
            *who,
            "--paper",
            args.paper,
            "-o",
            str(ours),
            "--force",
        ]
        weasyprint = [PY, "-m", "weasyprint", str(html), str(theirs)]
        _time(handout), _time(weasyprint)  # warm the file cache and the font cache
        times: dict[str, list[float]] = {"handout": [], "weasyprint": []}
        for _ in range(args.runs):
            times["handout"].append(_time(handout))
            times["weasyprint"].append(_time(weasyprint))
        handout_s = statistics.median(times["handout"])
        floor_s = statistics.median(times["weasyprint"])
        ratio = handout_s / floor_s
        print(f"{'command':52} {'median s':>9} {'x floor':>8}")
        print(f"{'W  python -m weasyprint h.html (the same HTML)':52} {floor_s:9.3f} {1:8.2f}")
        print(
            f"{'platforms handout ' + ' '.join(who) + ' -o h.pdf':52} {handout_s:9.3f} {ratio:8.2f}"
        )
        print(
            f"pages: handout {_pages(ours)}, WeasyPrint alone {_pages(theirs)}; "
            f"{args.runs} rounds; target at most {TARGET}x: "
            f"{'met' if ratio <= TARGET else 'NOT met'}"
        )
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
