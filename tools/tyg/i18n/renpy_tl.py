"""PO translations into Ren'Py's own run-time mechanism: ``game/generated/tl/<language>/``.

Two kinds of block, as Ren'Py's ``translate`` command would write them:

* ``translate spanish <id>:`` replaces one say statement (a line, or a
  menu's question). ``<id>`` is the statement's stable ``id`` clause
  (``ir.Line.id``, ``ir.Menu.prompt_id``), so a translation survives rebuilds
  and edits to other lines, and saves keep working.
* ``translate spanish strings:`` maps every other English string to its
  translation: menu captions, the ``_("...")`` data of the generated defines
  (catalogue, feedback, endings, discussion cards, names) and the runtime's
  own strings. Ren'Py translates them when a screen shows them.

Text is escaped exactly like the English (``rpytext``): say statements with
``say_literal``; a string block's ``old`` is the English as the game holds it
(YAML text with ``[`` and ``{`` doubled; the runtime's strings as written, with
their ``{field}`` placeholders) and its ``new`` the translation held the same way.
A missing or fuzzy translation writes nothing, so the game shows the English.
"""

from __future__ import annotations

from tyg.compile import ir
from tyg.compile.emit import MARKER, SOURCE_PREFIX
from tyg.compile.rpytext import renpy_literal, say_literal
from tyg.i18n.apply import Translation
from tyg.i18n.messages import GUIDE, Msg, string_key

INDENT = "    "


def tl_dir(language: str) -> str:
    """Where a language's files go, relative to ``game/generated/``."""
    return f"tl/{language}"


def _lines(ops: list[ir.Op]):
    for op in ops:
        if isinstance(op, ir.Line):
            yield getattr(op, "id", ""), op.speaker, op.loc, ""
        elif isinstance(op, ir.Menu) and op.prompt is not None:
            asker = "tyg_reply_prompt" if any(i.reply for i in op.items) else "tyg_prompt"
            # A menu's question shows with the choices: it must not wait for a click of its own.
            yield getattr(op, "prompt_id", ""), asker, op.loc, " nointeract"
        elif isinstance(op, ir.IfOp):
            yield from _lines(op.then)
            yield from _lines(op.otherwise)


def _header(source: str, summary: str) -> list[str]:
    return [
        MARKER,
        f"{SOURCE_PREFIX}{source}",
        f"## Holds {summary}. Made by build.py: translate in the PO file, not here. Lines '## src:N' give the YAML line.",
        "",
    ]


def string_table(msgs: list[Msg], tr: Translation) -> dict[str, tuple[str, Msg]]:
    """English key -> (translation key, first message), for strings Ren'Py translates by text.

    When one English text has two different translations, the first wins here;
    ``checks.py`` reports the others (TYG049).
    """
    table: dict[str, tuple[str, Msg]] = {}
    for m in msgs:
        if m.loc is not None or m.context == GUIDE or not tr.has(m.text, m.context):
            continue  # say statements are translated by id; the guide is not in the game
        key = string_key(m, m.text)
        if key not in table:
            table[key] = (string_key(m, tr.get(m.text, m.context)), m)
    return table


def tl_files(language: str, modules: list[ir.Module], msgs: list[Msg], tr: Translation, pofile: str, voice: str | None = None) -> dict[str, str]:
    """Generated file name (under ``game/generated/``) -> its text."""
    by_loc = {m.loc: m for m in msgs if m.loc is not None}
    out: dict[str, str] = {}
    for mod in modules:
        body: list[str] = []
        for label in mod.labels:
            for sid, speaker, loc, clause in _lines(label.ops):
                m = by_loc.get(loc)
                if m is None or not sid or not tr.has(m.text, m.context):
                    continue
                body += [
                    f"## {m.context}",
                    f"## src:{loc.line}",
                    f"translate {language} {sid}:",
                    f"{INDENT}{speaker} {say_literal(tr.get(m.text, m.context))}{clause}",
                    "",
                ]
        if body:
            out[f"{tl_dir(language)}/{mod.filename}"] = "\n".join(_header(mod.source, f"the {language} lines of {mod.summary}, from {pofile}") + body)
    strings = [f"translate {language} strings:", ""]
    for key, (new, m) in string_table(msgs, tr).items():
        strings += [
            f"{INDENT}## {m.file}:{m.line} {m.context}",
            f"{INDENT}old {renpy_literal(key)}",
            f"{INDENT}new {renpy_literal(new)}",
            "",
        ]
    if voice:
        # Read aloud in the language's own voice (espeak on Linux; other systems keep theirs), and back for English.
        strings += [
            f"translate {language} python:",
            f"{INDENT}if renpy.linux:",
            f"{INDENT * 2}config.tts_voice = {voice!r}",
            "",
            "translate None python:",
            f"{INDENT}config.tts_voice = None",
            "",
        ]
    out[f"{tl_dir(language)}/strings.rpy"] = "\n".join(_header(pofile, f"the {language} strings") + strings)
    return out
