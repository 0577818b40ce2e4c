"""Work around Ren'Py 8.0.3 under Python 3.11 (upstream renpy/renpy#5461).

Ren'Py 8.0.3 builds Python AST nodes whose end position can come before their
start position. Python 3.11 validates positions in ``compile`` and raises
"AST node line range (N, 1) is not valid". This module is put on PYTHONPATH
as ``sitecustomize`` by ``tyg.engine`` so that the engine process, and any
child process it starts, gets a ``compile`` that repairs such nodes first.

It changes nothing for source text, and nothing for well-formed trees.
"""

import ast
import builtins

_real_compile = builtins.compile


def _repair_positions(tree):
    """Give every node whose end lies before its start a valid end."""
    for node in ast.walk(tree):
        start = getattr(node, "lineno", None)
        end = getattr(node, "end_lineno", None)
        if start is None or end is None:
            continue
        col = getattr(node, "col_offset", 0) or 0
        end_col = getattr(node, "end_col_offset", None)
        if end < start:
            node.end_lineno = start
            node.end_col_offset = col
        elif end == start and end_col is not None and end_col < col:
            node.end_col_offset = col
    return tree


def _compile(source, *args, **kwargs):
    if isinstance(source, ast.AST):
        source = _repair_positions(source)
    return _real_compile(source, *args, **kwargs)


_compile.__doc__ = _real_compile.__doc__
builtins.compile = _compile
