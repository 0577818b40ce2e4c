"""Escaping: the fast paths agree with the character-by-character rules, and Python literals round-trip."""

from __future__ import annotations

import ast

from hypothesis import given, settings
from hypothesis import strategies as st

from tyg.compile.rpytext import _py_literal_slow, _say_literal_slow, markup, py_literal, say_literal

TEXT = st.text(st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(list(' \\"[]{}%\n\t'))))


@settings(max_examples=500)
@given(TEXT)
def test_fast_paths_agree_with_the_full_rules(s):
    assert say_literal(s) == _say_literal_slow(s)
    assert py_literal(s) == _py_literal_slow(s)


@settings(max_examples=500)
@given(TEXT)
def test_python_literals_round_trip(s):
    assert ast.literal_eval(py_literal(s)) == s


def test_say_literal_escapes_each_trap():
    assert say_literal("100%") == '"100%%"'
    assert say_literal("[x] {b}") == '"[[x] {{b}"'
    assert say_literal('a "q" \\') == '"a \\"q\\" \\\\"'
    assert say_literal("a  b") == '"a \\u0020b"'
    assert say_literal("one\ntwo") == '"one\\ntwo"'
    assert say_literal("tab\there") == '"tab\\u0009here"'
    assert say_literal("😊 שלום") == '"😊 שלום"'


def test_markup_doubles_only_interpolation_and_tag_openers():
    assert markup("[a] {b} 100%") == "[[a] {{b} 100%"


def test_exact_escapes_at_each_boundary():
    # Invisible characters become \uXXXX up to U+FFFF, in both contexts (Ren'Py has no \U escape).
    assert say_literal("a\x00b") == '"a\\u0000b"' and py_literal("a\x00b") == '"a\\u0000b"'
    assert say_literal("\u200b") == '"\\u200b"' and py_literal("\u200b") == '"\\u200b"'
    assert say_literal("\uffff") == '"\\uffff"' and py_literal("\uffff") == '"\\uffff"'
    # Above U+FFFF: Python writes \U, Ren'Py text keeps the character itself.
    assert py_literal("\U000e0001") == '"\\U000e0001"'
    assert say_literal("\U000e0001") == '"\U000e0001"'
    assert py_literal("a\nb") == '"a\\nb"' and py_literal("tab\t") == '"tab\\u0009"'
    assert py_literal('say "hi" \\') == '"say \\"hi\\" \\\\"'
    # Only the second and later spaces of a run are escaped; a single space between runs resets.
    assert say_literal("a   b c") == '"a \\u0020\\u0020b c"'
    assert say_literal(" x  ") == '" x \\u0020"'
