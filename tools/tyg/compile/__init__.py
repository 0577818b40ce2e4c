"""Compile: author YAML in, checked story and generated Ren'Py script out.

The pipeline stages, one module each: ``load`` reads ``scenarios/*.yaml`` into the typed
tree of ``nodes`` (every node carries its file, line and column); ``check`` and ``graph``
report mistakes as ``diagnostics`` (one ``Diagnostic`` type, a registry of codes);
``lower`` turns checked nodes into the flat operations of ``ir``; ``emit`` prints them as
Ren'Py script (``rpytext`` escapes author text); ``output`` writes only into
``game/generated/``. ``pipeline`` runs them in that order, file by file, keeping what each
file gave in the build ``cache``; within a changed file, ``chunks`` cuts the text into one
piece per scene and ``increment`` reads, text-checks and emits again only the scenes that
changed. Nothing here starts the engine.
"""
