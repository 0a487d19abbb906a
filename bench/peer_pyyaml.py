"""The peer a user would write by hand: plain PyYAML, the same query as the benchmark's
``platforms filter --topic T --stance S``, one JSON line per hit.

    python bench/peer_pyyaml.py CORPUS TOPIC STANCE
"""

from __future__ import annotations

import json
import os
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def main(root: str, topic: str, stance: str) -> int:
    """Print every position on ``topic`` with ``stance`` in the corpus at ``root``."""
    for race in sorted(os.listdir(root)):
        folder = os.path.join(root, race)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".yaml") or name in ("race.yaml", "sources.yaml"):
                continue
            with open(os.path.join(folder, name), "rb") as handle:
                data = yaml.load(handle, Loader=Loader)
            position = (data.get("positions") or {}).get(topic)
            if position and position.get("stance") == stance:
                print(
                    json.dumps(
                        {
                            "race": race,
                            "candidate": name[:-5],
                            "name": data["name"],
                            "summary": position["summary"],
                        },
                        ensure_ascii=False,
                    )
                )
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
