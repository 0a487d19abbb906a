"""Regenerate the curator's guide's walk-through of adding a race, from a real run of the commands.

Run ``python docs/guide.py`` after changing what ``new`` or ``cite`` print. It creates a
dataset in a temporary folder, serves ``docs/examples/`` from 127.0.0.1 (shown as port
8000, the port the guide's ``http.server`` line uses), runs every step of the guide and
pastes each command's output into docs/guide.md between the guide markers. The test suite
fails while the guide is out of date (tests/test_docs.py), the date of ``accessed``
aside, which is the day of the run.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from click.testing import CliRunner

from cli.commands.main import cli

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "guide.md"
EXAMPLES = ROOT / "docs" / "examples"
START, END = "<!-- guide:start -->", "<!-- guide:end -->"
RACE = "2026-springfield-mayor"
SHOWN_PORT = 8000
BLANK = re.compile(r"^(\s*(?:- )?(?:stance|summary|as_of|source|quote)):$", re.M)


def _serve():
    handler = functools.partial(_Quiet, directory=str(EXAMPLES))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Run:
    """Runs guide steps in one dataset and collects the Markdown."""

    def __init__(self, folder: Path, port: int):
        self.folder = folder
        self.port = port
        self.runner = CliRunner()
        self.parts: list[str] = []

    def text(self, markdown: str) -> None:
        self.parts.append(markdown.strip("\n") + "\n")

    def command(self, shown: str, args: list[str]) -> str:
        """Run ``platforms ARGS`` and add ``$ SHOWN`` and the output as a console block."""
        result = self.runner.invoke(
            cli,
            args,
            env={
                "PLATFORMS_DATA": "my-dataset",
                "COLUMNS": "80",
                "NO_COLOR": "1",
                "XDG_CACHE_HOME": str(self.folder / "cache"),
            },
        )
        output = self.shown(result.output)
        self.parts.append(f"```console\n$ {shown}\n{output.rstrip()}\n```\n")
        return output

    def shown(self, text: str) -> str:
        """``text`` with the server's port as the guide's command gives it."""
        return text.replace(f"127.0.0.1:{self.port}", f"127.0.0.1:{SHOWN_PORT}")

    def file(self, name: str, language: str = "yaml") -> None:
        """Show a dataset file, less its first line (the schema line, whose path is where
        the package is installed)."""
        lines = (self.folder / "my-dataset" / name).read_text("utf-8").splitlines()[1:]
        self.parts.append(f"```{language}\n" + self.shown("\n".join(lines)) + "\n```\n")

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.folder / "my-dataset" / name
        text = path.read_text("utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), "utf-8")


def walk_through() -> str:
    """The guide's Markdown, from a fresh run."""
    server = _serve()
    old = os.getcwd()
    folder = Path(tempfile.mkdtemp())
    try:
        os.chdir(folder)
        (folder / "my-dataset").mkdir()
        shutil.copy(ROOT / "platforms" / "topics.yaml", folder / "my-dataset" / "topics.yaml")
        shutil.copytree(EXAMPLES, folder / "docs" / "examples")
        return _steps(_Run(folder, server.server_address[1]))
    finally:
        os.chdir(old)
        shutil.rmtree(folder, ignore_errors=True)
        server.shutdown()
        server.server_close()


def _steps(run: _Run) -> str:
    run.text("""
Start a dataset with a topic catalogue (here the bundled one), and name it once for every
command. The two pages cited below are in `docs/examples/`; serve them locally to follow
along:

```sh
mkdir my-dataset
cp "$(python -c 'import cli.dataset.bundled as b; print(b.bundled_root())')/topics.yaml" my-dataset/
export PLATFORMS_DATA=my-dataset
python -m http.server 8000 --bind 127.0.0.1 --directory docs/examples &
```

**1. The race.** Options left out are asked for; the id, the dates and the topics are
checked as `validate` checks them.
""")
    run.command(
        f'platforms new race {RACE} --title "2026 Springfield mayoral election" \\\n'
        '    --office "Mayor of Springfield" --jurisdiction "Springfield, Illinois, United '
        'States" \\\n    --date 2026-11-03 --topic police-hiring --topic homelessness',
        [
            "new",
            "race",
            RACE,
            "--title",
            "2026 Springfield mayoral election",
            "--office",
            "Mayor of Springfield",
            "--jurisdiction",
            "Springfield, Illinois, United States",
            "--date",
            "2026-11-03",
            "--topic",
            "police-hiring",
            "--topic",
            "homelessness",
        ],
    )
    run.text("""
**2. Each candidate.** The file gets every required field and a blank position for each
of the race's topics, under the topic's question:
""")
    run.command(
        f'platforms new candidate {RACE}/okafor --name "Chidi Okafor" --party Democratic',
        ["new", "candidate", f"{RACE}/okafor", "--name", "Chidi Okafor", "--party", "Democratic"],
    )
    run.file(f"{RACE}/okafor.yaml")
    run.text("""
A skeleton never passes unnoticed: `validate` names every blank value and what to write
there.
""")
    run.command("platforms validate", ["validate"])
    run.text("""
**3. The sources.** `cite` fetches the page (as `check-quotes` does), reads the title,
publisher, author and date the page states about itself, appends the entry to the race's
`sources.yaml` (nothing already in the file changes), and with `--quote` looks for the
words on the page. `--allow-private` is only needed because this page is on 127.0.0.1.
""")
    run.command(
        f"platforms cite http://127.0.0.1:{SHOWN_PORT}/gazette-okafor.html --race {RACE} "
        '--kind news \\\n    --allow-private --quote "We will hire 200 more officers in my '
        'first year, and put them on foot patrol."',
        [
            "cite",
            f"http://127.0.0.1:{run.port}/gazette-okafor.html",
            "--race",
            RACE,
            "--kind",
            "news",
            "--allow-private",
            "--quote",
            "We will hire 200 more officers in my first year, and put them on foot patrol.",
        ],
    )
    run.text("""
A page behind a paywall or a login can be saved from the browser and read with
`--from-file`, with its address given with `--url`: check-quotes then reads the saved
copy for that address. (Without `--url`, the page's own canonical address is written,
but the copy is not kept for check-quotes, which fetches that address instead: a page
can name any address as its own.) What the page does not state is named, never
guessed: here there is no publisher (written blank, so `validate` asks for it) and no
author or date (left out). A quote that is not on the page gets the closest passage
instead:
""")
    run.command(
        f"platforms cite --from-file docs/examples/okafor-housing.html --race {RACE} "
        "\\\n    --url https://okafor.example/plan/housing "
        '\\\n    --quote "We will build 1000 supportive homes by 2027."',
        [
            "cite",
            "--from-file",
            "docs/examples/okafor-housing.html",
            "--race",
            RACE,
            "--url",
            "https://okafor.example/plan/housing",
            "--quote",
            "We will build 1000 supportive homes by 2027.",
        ],
    )
    sources = (run.folder / "my-dataset" / RACE / "sources.yaml").read_text("utf-8")
    news, campaign = re.findall(r"^([a-z0-9-]+):$", sources, re.M)
    run.edit(
        f"{RACE}/sources.yaml",
        "  publisher:\n",
        "  publisher: Chidi Okafor for Mayor (campaign site)\n",
    )
    run.edit(f"{RACE}/sources.yaml", "/plan/housing\n", "/plan/housing\n  kind: campaign\n")
    _fill(run, news, campaign)
    run.text("""
**4. Fill in.** Write the positions from the quotes, and what the pages did not say
(the campaign page's publisher and kind). The race's `sources.yaml` now ends with the two
entries, and the candidate reads:
""")
    run.file(f"{RACE}/sources.yaml")
    run.file(f"{RACE}/okafor.yaml")
    run.command("platforms validate --strict", ["validate", "--strict"])
    run.command("platforms check-quotes okafor --offline", ["check-quotes", "okafor", "--offline"])
    run.text("""
`check-quotes --offline` reads both pages from the cache `cite` filled, the saved one
under the address given with `--url`. Add the other candidates the same way, then
`platforms compare --race 2026-springfield-mayor` shows the race side by side.
""")
    return "\n".join(run.parts)


def _fill(run: _Run, news: str, campaign: str) -> None:
    """Fill the skeleton's blanks, in file order, as a curator would."""
    path = run.folder / "my-dataset" / RACE / "okafor.yaml"
    text = path.read_text("utf-8")
    for value in (
        "support",
        "Hire 200 more officers in his first year and put them on foot patrol.",
        "2026-03-02",
        news,
        '"We will hire 200 more officers in my first year, and put them on foot patrol."',
        "support",
        "Offer everyone sleeping outside a bed indoors by the end of "
        "2027, and build 1,000 supportive homes.",
        "2026-03-02",
        news,
        '"Everyone sleeping outside will be offered a bed indoors by the end of 2027."',
    ):
        text = BLANK.sub(lambda m, value=value: f"{m.group(1)}: {value}", text, count=1)
    text += (
        f"      - source: {campaign}\n"
        '        quote: "We will build 1,000 supportive homes by the end of 2027."\n'
    )
    path.write_text(text, "utf-8")


def updated(text: str) -> str:
    """``text`` (docs/guide.md) with the guide between the markers replaced."""
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    guide = walk_through()
    return pattern.sub(lambda _: f"{START}\n{guide}{END}", text)


if __name__ == "__main__":
    GUIDE.write_text(updated(GUIDE.read_text("utf-8")), "utf-8")
    sys.exit(0)
