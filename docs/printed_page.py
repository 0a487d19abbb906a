"""Make the README's picture of a printed handout: page one of the bundled handout's PDF.

    python docs/printed_page.py            # writes docs/handout-page-1.png

Runs ``platforms handout bass caruso -o FILE.pdf --paper letter`` (WeasyPrint, the pdf
extra) and turns its first page into a PNG with poppler's ``pdftoppm``. Run it after
changing what a handout shows or how it is laid out, and look at the picture.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from cli.commands.main import cli

PICTURE = Path(__file__).resolve().parent / "handout-page-1.png"
#: The picture's width in pixels: readable in a README, a few hundred kilobytes.
WIDTH = 900


def main() -> int:
    """Write the PDF, then its first page as ``docs/handout-page-1.png``."""
    if shutil.which("pdftoppm") is None:
        print("needs pdftoppm (Debian: apt-get install poppler-utils)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as work:
        pdf = Path(work) / "handout.pdf"
        result = CliRunner().invoke(
            cli, ["handout", "bass", "caruso", "--paper", "letter", "-o", str(pdf)]
        )
        if result.exit_code != 0:
            print(result.output, file=sys.stderr)
            return 1
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                "-scale-to-x",
                str(WIDTH),
                "-scale-to-y",
                "-1",
                str(pdf),
                str(PICTURE.with_suffix("")),
            ],
            check=True,
        )
    print(f"wrote {PICTURE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
