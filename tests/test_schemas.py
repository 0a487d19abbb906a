"""The shipped JSON Schemas are valid, and the built-in checker agrees with jsonschema."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from cli.dataset import safeyaml, schemacheck
from tests.conftest import BUNDLED, FIXTURES

jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")


def registry():
    resources_ = []
    for kind in ("common", *schemacheck.KINDS):
        resources_.append(
            (f"{kind}.schema.json", referencing.Resource.from_contents(schemacheck.schema(kind)))
        )
    return referencing.Registry().with_resources(resources_)


@pytest.mark.parametrize("kind", ("common", *schemacheck.KINDS))
def test_schema_is_valid_draft_2020_12(kind):
    jsonschema.Draft202012Validator.check_schema(schemacheck.schema(kind))


def kind_of(path) -> str:
    return {
        "dataset.yaml": "dataset",
        "topics.yaml": "topics",
        "race.yaml": "race",
        "sources.yaml": "sources",
    }.get(path.name, "candidate")


def documents() -> list:
    params = []
    roots = [BUNDLED, FIXTURES / "base", *sorted((FIXTURES / "broken").iterdir())]
    for root in roots:
        for path in sorted(root.rglob("*.yaml")):
            doc = safeyaml.parse(path.read_bytes().decode("utf-8", "replace"), path.name)
            if doc.problems or doc.data is None:
                continue  # not well-formed YAML: no schema applies
            params.append(pytest.param(path, id=str(path.relative_to(FIXTURES.parent.parent))))
    return params


@pytest.mark.parametrize("path", documents())
def test_checker_and_jsonschema_agree(path):
    doc = safeyaml.parse(path.read_bytes().decode("utf-8", "replace"), path.name)
    kind = kind_of(path)
    validator = jsonschema.Draft202012Validator(schemacheck.schema(kind), registry=registry())
    ours = schemacheck.check(doc, kind)
    theirs = list(validator.iter_errors(doc.data))
    real_date_or_host = {p.code for p in ours} <= {"bad-date", "bad-url"} and all(
        any(what in p.message for what in ("not a real date", "has no host", "names port"))
        for p in ours
    )
    assert bool(ours) == bool(theirs) or real_date_or_host, (
        [str(p) for p in ours],
        [e.message for e in theirs],
    )


def test_schemas_ship_in_the_package():
    names = {p.name for p in resources.files("cli").joinpath("schemas").iterdir()}
    assert {f"{k}.schema.json" for k in schemacheck.KINDS} <= names
    for kind in schemacheck.KINDS:
        assert json.loads(Path(schemacheck.schema_path(kind)).read_text("utf-8"))["$id"]


def test_a_url_that_cannot_be_split_is_a_bad_url():
    from cli.dataset.safeyaml import parse

    doc = parse("s:\n  title: T\n  publisher: P\n  url: https://[example.org/x\n", "s.yaml")
    assert [p.code for p in schemacheck.check(doc, "sources")] == ["bad-url"]
