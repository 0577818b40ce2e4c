"""Play: a checked project in, what a player would see out, without the engine.

``interpret`` is the reference interpreter (a path in, a transcript out); ``textplay`` plays
it in a terminal (``play --text``, ``transcript``); ``randomplay`` runs random play-throughs
against invariants; ``coverage`` plans the few paths that take every choice and ending.
"""
