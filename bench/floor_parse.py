"""Floor F1: a bare loop parsing every YAML file of a corpus with libyaml's loader.

python bench/floor_parse.py CORPUS
"""

from __future__ import annotations

import os
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        if name.endswith(".yaml"):
            with open(os.path.join(folder, name), "rb") as handle:
                yaml.load(handle, Loader=Loader)
