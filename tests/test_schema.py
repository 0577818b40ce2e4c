"""The JSON Schemas for editors: published from the loader's own key table, and in agreement with the loader.

Real files, a real validator (``jsonschema``, and ``check-jsonschema`` as an
editor or CI would run it), and the real loader. The agreement tests take
every mapping of the sample project, break it the ways an author would
(an unknown key, each required key left out, a kind or role misspelt) and
ask both the schema and ``build.py check``: they must both refuse it.
"""

from __future__ import annotations

import copy
import glob
import json
import os
import shutil
import subprocess

import jsonschema
import pytest
import yaml

from test_docs import example_files
from tyg.author import schema as schema_mod
from tyg.compile import pipeline
from tyg.compile.load import _Loader
from tyg.compile.spec import SPEC

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCS = os.path.join(ROOT, "docs")
_TAG = "tag:yaml.org,2002:"


def as_json(text: str):
    """A YAML file as an editor's YAML 1.2 parser sees it: numbers, booleans and null typed, the rest strings."""

    def conv(node):
        if isinstance(node, yaml.MappingNode):
            return {k.value: conv(v) for k, v in node.value}
        if isinstance(node, yaml.SequenceNode):
            return [conv(v) for v in node.value]
        if node.tag == _TAG + "int":
            return int(node.value.replace("_", ""), 0)
        if node.tag == _TAG + "float":
            return float(node.value)
        if node.tag == _TAG + "bool":
            return node.value.lower() in ("true", "yes", "on")
        if node.tag == _TAG + "null":
            return None
        return node.value

    return conv(yaml.compose(text, Loader=_Loader))


def validator(name: str) -> jsonschema.Draft7Validator:
    with open(os.path.join(DOCS, name), encoding="utf-8") as fh:
        schema = json.load(fh)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def schema_for(filename: str) -> str:
    return "catalogue.schema.json" if os.path.basename(filename).startswith("catalogue.") else "scenario.schema.json"


def project_files() -> list[str]:
    return sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.yaml")) + glob.glob(os.path.join(ROOT, "tests", "sample", "*.yaml")))


def test_published_schemas_are_made_from_the_loader_table():
    for name, root in schema_mod.SCHEMAS.items():
        with open(os.path.join(DOCS, name), encoding="utf-8") as fh:
            assert fh.read() == schema_mod.render(root), f"docs/{name} is stale: run python3 build.py schema"


def test_every_key_has_a_description_and_enums_and_patterns_are_there():
    for name in schema_mod.SCHEMAS:
        data = json.load(open(os.path.join(DOCS, name), encoding="utf-8"))
        for dname, d in data["definitions"].items():
            assert d.get("description"), dname
            for key, prop in d.get("properties", {}).items():
                assert prop.get("description"), f"{name}: {dname}.{key} has no description"
        for key, prop in data["properties"].items():
            assert prop.get("description"), f"{name}: {key}"
    scen = json.load(open(os.path.join(DOCS, "scenario.schema.json"), encoding="utf-8"))["definitions"]
    assert scen["choice"]["properties"]["kind"]["enum"] == ["safer", "risky", "neutral"]
    assert scen["character"]["properties"]["role"]["enum"] == ["player", "friend", "offender", "adult", "other"]
    assert scen["ending"]["properties"]["kind"]["enum"] == ["safe", "supported", "upstander", "learning"]
    assert scen["character"]["properties"]["colour"]["pattern"] == "^#[0-9a-fA-F]{6}$"
    assert "pattern" in scen["scene"]["properties"]["id"]


@pytest.mark.parametrize("path", project_files(), ids=os.path.basename)
def test_shipped_files_and_the_sample_validate(path):
    with open(path, encoding="utf-8") as fh:
        data = as_json(fh.read())
    errors = sorted(validator(schema_for(path)).iter_errors(data), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_docs_example_validates_and_names_its_schema():
    files = example_files()
    assert {"catalogue.yaml", "first_contact.yaml"} <= set(files)
    for name, body in files.items():
        first = body.splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../docs/{schema_for(name)}", first
        errors = list(validator(schema_for(name)).iter_errors(as_json(body)))
        assert not errors, [e.message for e in errors]


def test_check_jsonschema_accepts_the_sample_and_refuses_a_typo(tmp_path):
    exe = shutil.which("check-jsonschema")
    if exe is None:
        pytest.skip("check-jsonschema is not installed (pip install -e '.[test]')")
    sample = os.path.join(ROOT, "tests", "sample", "sample.yaml")
    ok = subprocess.run([exe, "--schemafile", os.path.join(DOCS, "scenario.schema.json"), sample], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text(open(sample, encoding="utf-8").read().replace("kind: risky", "kind: risk", 1), encoding="utf-8")
    res = subprocess.run([exe, "--schemafile", os.path.join(DOCS, "scenario.schema.json"), str(bad)], capture_output=True, text=True)
    assert res.returncode == 1 and "risk" in res.stdout, res.stdout


# ------------------------------------------------------------------ the schema and the loader agree


def _mappings(data, schema: dict, defs: dict, path=()):
    """(path, definition name) of every mapping in ``data``, following the schema."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        if name == "step":
            kind = next(k for k in data if k in ("narrate", "say", "chat", "set", "if", "discuss"))
            name = f"{kind}_step"
        yield path, name
        schema = defs[name]
    if isinstance(data, dict) and "properties" in schema:
        for key, value in data.items():
            sub = schema["properties"][key]
            if "oneOf" in sub and isinstance(value, list):
                sub = sub["oneOf"][1]
            yield from _mappings(value, sub, defs, (*path, key))
    elif isinstance(data, list) and isinstance(schema.get("items"), dict):
        for i, value in enumerate(data):
            yield from _mappings(value, schema["items"], defs, (*path, i))


def _at(data, path):
    for p in path:
        data = data[p]
    return data


def _breakages(data, root_name: str, defs: dict):
    """One broken copy of ``data`` per (first mapping of each kind) x (unknown key, each required key left out, each enum misspelt)."""
    top = {"$ref": "#/definitions/" + root_name}
    defs = {**defs, root_name: {"properties": {}, **defs.get(root_name, {})}}
    seen = set()
    for path, name in _mappings(data, top, defs):
        if name in seen:
            continue
        seen.add(name)
        spec = SPEC[name]
        broken = copy.deepcopy(data)
        _at(broken, path)["zz_not_a_key"] = "x"
        yield f"{name}: unknown key", broken
        for key in spec.required:
            broken = copy.deepcopy(data)
            del _at(broken, path)[key]
            yield f"{name}: no {key}", broken
        for f in spec.fields:
            if f.kind == "enum" and f.key in _at(data, path):
                broken = copy.deepcopy(data)
                _at(broken, path)[f.key] = f.values[0] + "zz"
                yield f"{name}: {f.key} misspelt", broken


@pytest.mark.parametrize("filename", ["sample.yaml", "catalogue.yaml"])
def test_schema_and_loader_refuse_the_same_mistakes(tmp_path, filename):
    src = os.path.join(ROOT, "tests", "sample")
    with open(os.path.join(src, filename), encoding="utf-8") as fh:
        data = as_json(fh.read())
    schema_name = schema_for(filename)
    v = validator(schema_name)
    root = schema_mod.SCHEMAS[schema_name]
    spec_defs = {name: {**schema_mod.make_schema(root)["definitions"].get(name, {})} for name in SPEC}
    spec_defs[root] = schema_mod.make_schema(root)
    cases = list(_breakages(data, root, spec_defs))
    assert len(cases) > (40 if filename == "sample.yaml" else 15)
    for what, broken in cases:
        shutil.rmtree(tmp_path / "p", ignore_errors=True)
        shutil.copytree(src, tmp_path / "p")
        (tmp_path / "p" / filename).write_text(yaml.safe_dump(broken, allow_unicode=True, sort_keys=False), encoding="utf-8")
        schema_refuses = not v.is_valid(broken)
        loader = pipeline.check(str(tmp_path / "p"))
        load_errors = [d for d in loader.report.errors if d.code in ("TYG005", "TYG006", "TYG007", "TYG008")]
        assert schema_refuses, f"{what}: the schema accepts it"
        assert load_errors, f"{what}: the loader accepts it: {loader.report.render_text()}"


def test_every_scenario_key_is_used_by_a_file_that_checks_clean():
    """Between them, the sample, the docs example and the shipped stories use every key the scenario
    schema offers; the first two check clean, so the loader accepts each key the schema offers."""
    texts = [open(p, encoding="utf-8").read() for p in project_files() if schema_for(p) == "scenario.schema.json"]
    texts += [body for name, body in example_files().items() if schema_for(name) == "scenario.schema.json"]
    full = schema_mod.make_schema("scenario_file")
    defs = {**full["definitions"], "scenario_file": full}
    used = set()
    for text in texts:
        data = as_json(text)
        used |= {(name, key) for path, name in _mappings(data, {"$ref": "#/definitions/scenario_file"}, defs) for key in _at(data, path)}
    kinds = (set(full["definitions"]) - {"step"}) | {"scenario_file"}
    missing = sorted((n, f.key) for n in kinds for f in SPEC[n].fields if (n, f.key) not in used)
    assert not missing, f"no file uses these keys, so nothing shows the loader accepts them: {missing}"
    assert pipeline.check(os.path.join(ROOT, "tests", "sample")).report.items == []
