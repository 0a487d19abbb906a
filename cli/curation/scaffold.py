"""The files `platforms new` writes: a race, its empty bibliography, a candidate skeleton.

Every file starts with the ``yaml-language-server`` line that points an editor at the
file kind's JSON Schema. A candidate skeleton holds, for each of the race's topics, a
position whose values are left blank (``stance:``): ``validate`` reports each blank value
as an error saying what to write there, so a skeleton never passes unnoticed.
"""

from __future__ import annotations

import os
from pathlib import Path

from cli.dataset import schemacheck
from cli.dataset.safeyaml import parse
from cli.dataset.yamltext import comment, flow_list, scalar
from cli.problems import Code, Problem, errors_in

#: The blank position written for every topic of the race, in the order curators write it.
POSITION = ("stance", "summary", "as_of")
CITATION = ("source", "quote")
#: The width topic comments are wrapped to (the bundled files keep lines under 100).
COMMENT_WIDTH = 88


def schema_comment(kind: str, folder: Path, root: Path) -> str:
    """The ``# yaml-language-server: $schema=...`` line for a file of ``kind`` in
    ``folder``: a path relative to the file when the dataset sits beside the package (the
    repository's own ``platforms/``, as the bundled files have it), else the installed
    schema's absolute path."""
    target = Path(schemacheck.schema_path(kind)).resolve()
    if target.is_relative_to(root.resolve().parent):
        where = os.path.relpath(target, folder.resolve())
    else:
        where = str(target)
    return f"# yaml-language-server: $schema={where}\n"


def _lines(fields: dict) -> str:
    return "".join(f"{key}: {scalar(value)}\n" for key, value in fields.items())


def check_fields(kind: str, fields: dict) -> list[Problem]:
    """The errors ``validate`` would find in ``fields`` as top-level keys of a file of
    ``kind`` (a missing required field aside: a prompt asks for one field at a time)."""
    doc = parse(_lines(fields), f"{kind}.yaml")
    found = doc.problems + schemacheck.check(doc, kind)
    return [p for p in errors_in(found) if p.code != Code.MISSING_FIELD]


def race_text(folder: Path, root: Path, fields: dict, topics: list[str]) -> str:
    """race.yaml: ``fields`` (title, office, jurisdiction, election_date, primary_date)
    and the topics in display order."""
    return schema_comment("race", folder, root) + _lines(fields) + f"topics: {flow_list(topics)}\n"


def sources_text(folder: Path, root: Path) -> str:
    """An empty, valid sources.yaml: the schema line, a note, and ``{}``."""
    return (
        schema_comment("sources", folder, root)
        + "# The race's bibliography: one entry per source, under an id that citations\n"
        "# name. `platforms cite URL --race RACE` adds a page's entry here.\n"
        "{}\n"
    )


def candidate_text(
    folder: Path, root: Path, fields: dict, topics: list[tuple[str, str, str]]
) -> str:
    """RACE/ID.yaml: ``fields`` (name, party...) and a blank position for each topic,
    given as (id, title, question)."""
    text = (
        schema_comment("candidate", folder, root)
        + "# Fill in every blank value: `platforms validate` lists each one left, with what\n"
        "# to write there. A topic on which you find no position: delete its position and\n"
        "# write under no_position (topic: what you looked for) instead.\n" + _lines(fields)
    )
    if not topics:
        return text
    text += "positions:\n"
    for topic, title, question in topics:
        text += comment(f"{title}: {question}", COMMENT_WIDTH, "  ") + f"  {topic}:\n"
        text += "".join(f"    {key}:\n" for key in POSITION)
        text += "    citations:\n"
        text += f"      - {CITATION[0]}:\n" + "".join(f"        {key}:\n" for key in CITATION[1:])
    return text
