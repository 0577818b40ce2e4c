"""The lowered story as JSON, for the web player.

Input: the ``ir.Module`` list that ``lower.lower_project`` makes for the Ren'Py
emitter (the very same objects). Output: one JSON-ready dict. Nothing here
decides what the story means: operations keep their order and their Ren'Py
names (labels, define names); only the shape changes.

* ``labels``: label name -> list of operations, each a list whose first item
  says what it is: ``["line", speaker, text]`` (speaker: a define name;
  ``tyg_narrator`` for narration), ``["set", flag, value]``,
  ``["if", cond, then, else]``, ``["call", label, arg]`` (``tyg_discuss`` and a
  discussion's define name), ``["menu", prompt, label, items]``,
  ``["jump", [[cond, label], ...]]``, ``["ending", define]``,
  ``["begin", define]``, ``["location", place]``.
* conditions (Python in the IR, ``lower.cond_py``) become trees:
  ``["flag", name]``, ``["not", c]``, ``["and", [c, ...]]``, ``["or", [c, ...]]``;
  the player never evaluates code.
* ``defines``: define name -> its fields (keyword arguments by name, the
  positional ones under ``_args``), references to other defines as their names.
"""

from __future__ import annotations

import ast

from tyg.compile import ir
from tyg.compile.nodes import LEARNING_SECTIONS

FORMAT = 1


class StoryShapeError(ValueError):
    """The IR holds something this emitter does not know: a compiler bug, never an author's."""


def condition(src: str | None):
    """A condition in the IR's Python (``tyg_flag("x")``, not, and, or) as a JSON tree."""
    if src is None:
        return None
    return _cond(ast.parse(src, mode="eval").body, src)


def _cond(node: ast.AST, src: str):
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "tyg_flag"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return ["flag", node.args[0].value]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return ["not", _cond(node.operand, src)]
    if isinstance(node, ast.BoolOp):
        return ["and" if isinstance(node.op, ast.And) else "or", [_cond(v, src) for v in node.values]]
    raise StoryShapeError(f"condition the web player cannot run: {src!r}")


def _value(v: ir.PyValue):
    if isinstance(v, ir.PyText):
        return v.value
    if isinstance(v, ir.PyName):
        return v.name
    if isinstance(v, list):
        return [_value(x) for x in v]
    return v


def _define(d: ir.Define) -> dict:
    fields: dict = {"_call": d.call}
    positional = [_value(v) for k, v in d.args if k is None]
    if positional:
        fields["_args"] = positional
    for k, v in d.args:
        if k is not None:
            fields[k] = _value(v)
    return fields


def _ops(ops: list[ir.Op]) -> list:
    out: list = []
    for op in ops:
        if isinstance(op, ir.Line):
            out.append(["line", op.speaker, op.text])
        elif isinstance(op, ir.SetFlag):
            out.append(["set", op.name, op.value])
        elif isinstance(op, ir.IfOp):
            out.append(["if", condition(op.cond), _ops(op.then), _ops(op.otherwise)])
        elif isinstance(op, ir.CallLabel):
            out.append(["call", op.label, op.arg])
        elif isinstance(op, ir.Menu):
            items = [
                {
                    "text": i.text,
                    "cond": condition(i.cond),
                    "feedback": i.feedback,
                    "sets": [[s.name, s.value] for s in i.sets],
                    "target": i.target,
                    "reply": i.reply,
                }
                for i in op.items
            ]
            out.append(["menu", op.prompt, op.label, items])
        elif isinstance(op, ir.Jump):
            out.append(["jump", [[condition(c), target] for c, target in op.branches]])
        elif isinstance(op, ir.Ending):
            out.append(["ending", op.obj])
        elif isinstance(op, ir.Begin):
            out.append(["begin", op.obj])
        elif isinstance(op, ir.Location):
            out.append(["location", op.name])
        else:  # pragma: no cover - a new IR operation must be taught here first
            raise StoryShapeError(f"IR operation the web player cannot run: {type(op).__name__}")
    return out


def story_json(modules: list[ir.Module], version: str) -> dict:
    """The whole story, for the player: deterministic (dicts are sorted when written)."""
    defines: dict[str, dict] = {}
    labels: dict[str, list] = {}
    for mod in modules:
        for d in mod.defines:
            defines[d.name] = _define(d)
        for label in mod.labels:
            labels[label.name] = _ops(label.ops)
    return {
        "format": FORMAT,
        "version": version,
        #: The catalogue's sections in the order the feedback card shows them, with their index define.
        "sections": [[sec.key, f"tyg_{sec.key}"] for sec in LEARNING_SECTIONS],
        "defines": defines,
        "labels": labels,
    }
