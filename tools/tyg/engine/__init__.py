"""Engine: a built game in, what the real Ren'Py engine showed (or a build) out.

``locate`` finds an engine (an official SDK, or Debian's package with the AST-position shim
in ``engine_shim``); ``stage`` runs it on a private copy of the game under Xvfb and reads
back its trace; ``coverage_run`` plays the planned paths and compares them with the
interpreter; ``screenshots`` captures every screen; ``dist`` makes builds through an SDK.
"""
