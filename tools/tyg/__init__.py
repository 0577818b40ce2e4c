"""Trust Your Gut scenario toolchain.

The data flows in four stages, one module each:

    load.py   YAML text  -> nodes.py (a typed tree, every node with its source position)
    check.py  nodes      -> diagnostics about the story graph and references
    lower.py  nodes      -> ir.py (flat, engine-shaped operations, names resolved)
    emit.py   ir         -> Ren'Py script text (escaped, with source-map comments)

``pipeline.py`` runs the stages; ``cli.py`` is the command line behind ``build.py``.
"""

__version__ = "0.1.0"
