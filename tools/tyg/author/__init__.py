"""Authoring aids: what an author's editor and eyes get from the same checked story.

In: the format's key table (``compile/spec.py``) and checked projects from
``compile.pipeline``. Out: the JSON Schemas in ``docs/`` that give editors
completion, hover text and errors as you type (``schema.py``); pictures of a
story's branching, as Graphviz DOT, SVG (through Debian's ``dot``) and
Mermaid text (``drawing.py``, ``build.py graph``; the facilitator guide
embeds the SVG maps); and ``build.py watch`` (``watch.py``), which re-checks
and rebuilds ``game/generated/`` on every save, writing nothing when a save
has errors. Nothing here changes what the compiler accepts or emits.
"""
