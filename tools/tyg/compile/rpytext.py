"""Escaping author text so that Ren'Py shows it literally.

Two contexts, because Ren'Py treats them differently:

* ``say_literal``: a Ren'Py string literal in a say statement or a menu item.
  Ren'Py's lexer collapses runs of whitespace and expands backslash escapes;
  ``[`` starts an interpolation, ``{`` a text tag, and ``%`` is an old-style
  substitution (``config.old_substitutions`` is on in 8.0).
* ``py_text_literal``: a Python string literal whose value is shown through a
  ``text`` displayable (screens, character names). Interpolation and text tags
  apply there too, but ``%`` substitution does not.
"""

from __future__ import annotations

import re

# Strings with none of these need no escaping at all (the common case, checked in C).
_SAY_SPECIAL = re.compile(r'[\\"\[{%]|  ')
_PY_SPECIAL = re.compile(r'[\\"]')


def markup(s: str) -> str:
    """Double the characters that start Ren'Py interpolation and text tags."""
    return s.replace("[", "[[").replace("{", "{{")


def _u(ch: str) -> str:
    return f"\\u{ord(ch):04x}"


def say_literal(s: str) -> str:
    """A double-quoted Ren'Py string literal that displays ``s`` exactly."""
    # isprintable() is False for every whitespace but the ASCII space, so this
    # fast path and the loop below agree (tests/test_rpytext.py checks it).
    if s.isprintable() and not _SAY_SPECIAL.search(s):
        return f'"{s}"'
    return _say_literal_slow(s)


def _say_literal_slow(s: str) -> str:
    return renpy_literal(markup(s).replace("%", "%%"))


def renpy_literal(value: str) -> str:
    """A double-quoted Ren'Py string literal whose parsed value is exactly ``value``.

    Nothing is doubled: ``value`` is already Ren'Py text (a translation's
    ``old``/``new`` key, whose ``[`` and ``{`` the caller has doubled).
    """
    out = ['"']
    prev_space = False
    for ch in value:
        if ch == " ":
            # A lone space survives Ren'Py's whitespace collapsing; a run does not.
            out.append("\\u0020" if prev_space else " ")
            prev_space = True
            continue
        prev_space = False
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif (ch.isspace() or not ch.isprintable()) and ord(ch) <= 0xFFFF:
            out.append(_u(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def py_literal(s: str) -> str:
    """A double-quoted Python string literal for ``s``: printable text stays readable."""
    if s.isprintable() and not _PY_SPECIAL.search(s):
        return f'"{s}"'
    return _py_literal_slow(s)


def _py_literal_slow(s: str) -> str:
    out = ['"']
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == " " or (ch.isprintable() and not ch.isspace()):
            out.append(ch)
        elif ord(ch) <= 0xFFFF:
            out.append(_u(ch))
        else:
            out.append(f"\\U{ord(ch):08x}")
    out.append('"')
    return "".join(out)


def py_text_literal(s: str) -> str:
    """A Python string literal for text that a Ren'Py ``text`` displayable will show literally."""
    return py_literal(markup(s))
