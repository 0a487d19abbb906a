"""Write a realistic synthetic dataset in format 1, deterministic for a seed.

    python bench/make_corpus.py OUT [--candidates 10000] [--seed 1]

N candidates in races of 3 to 8, each with positions on 12 of the 20 topics, 1 to 3
citations per position, a bibliography per race, accented and non-Latin names. The result
validates clean (``platforms --data OUT validate``). The words are synthetic: no real
person or quote.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

TOPICS = [
    "housing",
    "transit",
    "police",
    "parks",
    "schools",
    "taxes",
    "water",
    "energy",
    "zoning",
    "health",
    "jobs",
    "climate",
    "libraries",
    "roads",
    "ethics",
    "shelter",
    "childcare",
    "broadband",
    "arts",
    "seniors",
]
GIVEN = [
    "María",
    "José",
    "Zoë",
    "Chloé",
    "Søren",
    "Łukasz",
    "Nguyễn",
    "Ana",
    "Björn",
    "Amélie",
    "Kwame",
    "Aiko",
    "Raúl",
    "Ingrid",
    "Olúmìdé",
    "Dmitri",
    "Fatima",
    "Joan",
]
FAMILY = [
    "Álvarez",
    "Núñez",
    "O'Brien",
    "Müller",
    "Kowalski",
    "Østergaard",
    "Dubois",
    "Okafor",
    "Tanaka",
    "García-Márquez",
    "Smith",
    "陈",
    "Ivanova",
    "Haddad",
    "Lee",
]
PARTIES = ["Democratic", "Republican", "Green", "Libertarian", "Independent", None]
STANCES = ["support", "oppose", "mixed", "unclear"]
WORDS = (
    "city budget rent buses officers parks schools water power zoning clinics jobs "
    "heat libraries potholes ethics shelter childcare fibre murals seniors plan fund "
    "build repair hire cut expand protect review audit every neighbourhood family "
    "crèche café façade naïve résumé"
).split()
# A vocabulary as large as a real one, so that a search for two words is selective.
SYLLABLES = ["ka", "lo", "mi", "ré", "zu", "ña", "to", "vé", "sa", "pi", "qu", "el", "bo"]
WORDS += [a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES]
OFFICES = ["Mayor", "Council District {n}", "School Board Seat {n}", "County Supervisor {n}"]


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_corpus(out: Path, candidates: int, seed: int) -> int:
    """Write the corpus under ``out``; returns the number of races."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / "dataset.yaml").write_text(
        f"format: 1\ntitle: Synthetic corpus, {candidates} candidates, seed {seed}\n", "utf-8"
    )
    (out / "topics.yaml").write_text(
        "".join(
            f"{t}:\n  title: {t.capitalize()}\n  question: Should the city do more about {t}?\n"
            for t in TOPICS
        ),
        "utf-8",
    )
    made, number = 0, 0
    while made < candidates:
        number += 1
        size = (
            min(rng.randint(3, 8), candidates - made)
            if candidates - made >= 3
            else candidates - made
        )
        made += _race(out, rng, number, size, made)
    return number


def _race(out: Path, rng: random.Random, number: int, size: int, before: int) -> int:
    rid = f"2026-place-{number:05d}-{rng.choice(['mayor', 'council', 'board', 'supervisor'])}"
    folder = out / rid
    folder.mkdir()
    office = rng.choice(OFFICES).format(n=rng.randint(1, 15))
    (folder / "race.yaml").write_text(
        f"title: 2026 Place {number} election for {office}\noffice: {office}\n"
        f"jurisdiction: Place {number}\nelection_date: 2026-11-03\n",
        "utf-8",
    )
    sources = [f"source-{i}" for i in range(rng.randint(4, 9))]
    cited: set[str] = set()
    for index in range(size):
        lines = [f"name: {_yaml_text(rng.choice(GIVEN) + ' ' + rng.choice(FAMILY))}"]
        party = rng.choice(PARTIES)
        if party:
            lines.append(f"party: {party}")
        lines.append("positions:")
        for topic in rng.sample(TOPICS, 12):
            lines += [
                f"  {topic}:",
                f"    stance: {rng.choice(STANCES)}",
                f"    summary: {_yaml_text(_sentence(rng, 6, 14))}",
                "    citations:",
            ]
            for source in rng.sample(sources, rng.randint(1, 3)):
                cited.add(source)
                lines += [
                    f"      - source: {source}",
                    f"        quote: {_yaml_text(_sentence(rng, 8, 25))}",
                ]
        (folder / f"candidate-{before + index + 1:05d}.yaml").write_text(
            "\n".join(lines) + "\n", "utf-8"
        )
    (folder / "sources.yaml").write_text(
        "".join(
            f"{s}:\n  title: {_yaml_text(_sentence(rng, 3, 8))}\n  publisher: Place {number} "
            f"Gazette\n  date: 2026-{rng.randint(1, 9):02d}-{rng.randint(1, 28):02d}\n"
            f"  url: https://news.example.org/{rid}/{s}\n"
            for s in sources
            if s in cited
        ),
        "utf-8",
    )
    return size


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: write the corpus and say what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    races = write_corpus(args.out, args.candidates, args.seed)
    print(f"wrote {args.candidates} candidates in {races} races to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
