"""Translations: gettext catalogues in, the game's other languages out.

In: the checked ``nodes.Project`` (every visible string of the scenarios and
the catalogue, with its YAML file:line), the hand-written runtime's marked
strings (``_("...")`` in ``game/*.rpy``, ``ui("...")`` in the terminal
player) and the PO files translators edit (``translations/<lang>.po``).
Out: the POT file (``messages.py`` lists the strings, each with a stable
context such as ``niko/first_message/reply_happy/why``; ``po.py`` reads and
writes catalogues through Babel and merges a new POT into old PO files,
keeping fuzzy marks), Ren'Py's own run-time translations
(``renpy_tl.py``: ``translate spanish <id>:`` blocks on the say statements'
stable ids and ``translate spanish strings:`` for the rest, written to
``game/generated/tl/<language>/``), a translated ``Project`` for the
interpreter, the terminal player and the guide (``apply.py``), and the
per-language diagnostics (``checks.py``: untranslated, fuzzy, markup and
placeholder differences, stale entries, PO syntax, Spanish reading level and
wording).
"""
