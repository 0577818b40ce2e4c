"""JSON Schemas for scenario and catalogue files, made from ``compile/spec.py``.

The loader reads its keys from the same table, so the schema an editor uses
and the rules the build enforces cannot drift apart (``tests/test_schema.py``
checks the published files and the loader's behaviour against it). The
schemas follow JSON Schema draft-07, which the VS Code YAML extension
(yaml-language-server) and ``check-jsonschema`` understand.

    python3 build.py schema           # (re)write docs/scenario.schema.json and docs/catalogue.schema.json
    python3 build.py schema --check   # exit 1 if the published files are out of date
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from tyg.compile.spec import ID_PATTERN, SCALAR_LISTS, SPEC, STEP_KINDS, Field

SCHEMAS = {"scenario.schema.json": "scenario_file", "catalogue.schema.json": "catalogue_file"}
_BASE = "https://trust-your-gut.invalid/schema/"
#: What an author can type as "any single value": YAML 1.2 (what editors parse) makes some of it numbers or booleans.
_SCALAR = ["string", "number", "boolean"]
_ID = {"type": "string", "pattern": ID_PATTERN}
#: A condition: flag names, and/or/not and brackets (the loader parses and explains the rest).
_COND = {"type": "string", "pattern": r"^[\sA-Za-z0-9_()]*[A-Za-z][\sA-Za-z0-9_()]*$"}


def _value(f: Field, uses: list[str]) -> dict:
    kind = f.kind
    if kind == "format":
        return {"const": 1}
    if kind in ("id", "ref"):
        return dict(_ID)
    if kind == "refs":
        return {"type": "array", "items": dict(_ID)}
    if kind == "text":
        return {"type": _SCALAR, "pattern": r"\S"}
    if kind == "plain":
        return {"type": _SCALAR}
    if kind == "int":
        return {"type": "integer", "minimum": f.low, "maximum": f.high}
    if kind == "bool":
        return {"type": "boolean"}
    if kind == "enum":
        return {"enum": list(f.values)}
    if kind == "pattern":
        return {"type": "string", "pattern": f.pattern}
    if kind == "cond":
        return dict(_COND)
    if kind == "flags":
        return {"type": "object", "minProperties": 1, "propertyNames": dict(_ID), "additionalProperties": {"type": "boolean"}}
    if kind == "steps":
        uses.append("step")
        return {"type": "array", "items": {"$ref": "#/definitions/step"}}
    if kind == "goto":
        uses.append("goto_branch")
        return {"oneOf": [dict(_ID), {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/goto_branch"}}]}
    if kind == "object":
        uses.append(f.of)
        return {"$ref": f"#/definitions/{f.of}"}
    if kind == "list":
        if f.of in SCALAR_LISTS:
            return {"type": "array", "items": {"type": ["string", "number"], "description": SCALAR_LISTS[f.of]}}
        uses.append(f.of)
        return {"type": "array", "items": {"$ref": f"#/definitions/{f.of}"}}
    raise ValueError(f"unknown field kind {kind!r} for key {f.key!r}")


def _object(name: str, uses: list[str]) -> dict:
    obj = SPEC[name]
    props = {}
    for f in obj.fields:
        props[f.key] = {"description": f.doc, **_value(f, uses)}
    out = {"type": "object", "description": obj.doc, "properties": props, "additionalProperties": False}
    if obj.required:
        out["required"] = list(obj.required)
    return out


def make_schema(root: str) -> dict:
    """The draft-07 schema whose document is an ``SPEC[root]`` mapping."""
    uses: list[str] = []
    top = _object(root, uses)
    defs: dict[str, dict] = {}
    while uses:
        name = uses.pop(0)
        if name in defs:
            continue
        if name == "step":
            defs["step"] = {
                "description": "One step of a scene: " + ", ".join(STEP_KINDS) + ".",
                "oneOf": [{"$ref": f"#/definitions/{k}_step"} for k in STEP_KINDS],
            }
            uses.extend(f"{k}_step" for k in STEP_KINDS)
            continue
        defs[name] = _object(name, uses)
    title = "Trust Your Gut " + ("scenario" if root == "scenario_file" else "catalogue") + " (format 1)"
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": _BASE + ("scenario" if root == "scenario_file" else "catalogue") + ".schema.json",
        "title": title,
        **top,
        "definitions": dict(sorted(defs.items())),
    }


def render(root: str) -> str:
    """The schema as published: generated from the spec, never edited by hand."""
    return json.dumps(make_schema(root), indent=2, ensure_ascii=False) + "\n"


def published(docs_dir: str) -> dict[str, str]:
    return {name: render(root) for name, root in SCHEMAS.items()}


def cmd_schema(args: argparse.Namespace) -> int:
    from tyg.cli import ROOT

    docs = os.path.join(ROOT, "docs")
    stale = []
    for name, text in published(docs).items():
        path = os.path.join(docs, name)
        try:
            with open(path, encoding="utf-8") as fh:
                same = fh.read() == text
        except OSError:
            same = False
        if same:
            continue
        stale.append(name)
        if not args.check:
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
    if args.check:
        for name in stale:
            print(f"docs/{name} is out of date: run python3 build.py schema", file=sys.stderr)
        return 1 if stale else 0
    print(f"schemas: {len(stale)} written, {len(SCHEMAS) - len(stale)} unchanged (docs/{', docs/'.join(SCHEMAS)})")
    return 0
