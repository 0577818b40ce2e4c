"""Every translatable string, with a stable context, its source place and a note for translators.

A context names where a string belongs, not where it sits in a list, so that
inserting a line never changes the contexts of the lines after it:

* ``niko/title``, ``niko/characters/stranger/name``, ``niko/endings/told/summary``
* ``niko/first_message/narrate``, ``niko/first_message/say/ava``,
  ``niko/first_message/chat/stranger``: the lines of a scene, by speaker.
  Two identical lines by one speaker in one scene are one entry with two
  references, and so get one translation.
* ``niko/first_message/prompt``, ``niko/first_message/reply_happy/text``,
  ``niko/first_message/reply_happy/why`` (``title``, ``happened``, ``safer``)
* ``niko/first_message/discuss/q1/question`` (``notes``)
* ``catalogue/red_flags/stranger_first/name`` (``explain``; resources also
  ``phone`` and ``sms``; ``catalogue/discussion_questions/q1/question``)
* ``ui``: the hand-written runtime's own strings (menus, settings, help,
  buttons, facilitator screens, the terminal player).
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass, field
from typing import Iterator

from tyg.compile.diagnostics import Loc
from tyg.compile.nodes import Chat, Discuss, If, Narrate, Project, Say, Scenario, Step, Text
from tyg.compile.load import display_path
from tyg.compile.rpytext import markup

UI = "ui"
#: The project folder whose game/ holds the hand-written runtime.
RUNTIME_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
#: The facilitator guide's own prose (teach/guide.py): not shown by the game, so not sent to Ren'Py.
GUIDE = "guide"

#: The terminal player marks its strings with ui("...") (or N_("...") where it defines them).
TEXTPLAY = os.path.join(os.path.dirname(os.path.dirname(__file__)), "play", "textplay.py")
#: The facilitator guide: each fixed string it writes with ``self.w(...)`` is an entry.
GUIDE_PY = os.path.join(os.path.dirname(os.path.dirname(__file__)), "teach", "guide.py")
_WORDS_OUTSIDE_TAGS = re.compile(r"(?:^|>)[^<]*[A-Za-z]{2}")

_RPY_STRING = re.compile(r"""\b__?\(\s*("(?:\\.|[^\\"])*"|'(?:\\.|[^\\'])*')\s*\)""")
_UI_STRING = re.compile(r"""\b(?:ui|N_)\(\s*("(?:\\.|[^\\"])*")\s*[,)]""")
_FIELD = re.compile(r"\{[a-z_]*\}")


@dataclass
class Msg:
    context: str
    text: str
    file: str
    line: int
    comment: str = ""
    #: Where the string is used, when more than one place uses it.
    more: list[tuple[str, int]] = field(default_factory=list)
    #: The step's (or prompt's scene's) Loc: how the Ren'Py translation finds its say statement.
    loc: Loc | None = None
    #: Where the string lives in the tree: ``setattr(owner, attr, ...)`` replaces it.
    owner: object = field(default=None, repr=False, compare=False)
    attr: str = "value"

    @property
    def key(self) -> tuple[str, str]:
        return (self.text, self.context)

    @property
    def flags(self) -> set[str]:
        return {"python-brace-format"} if _FIELD.search(self.text) else set()


def _t(context: str, t: Text, file: str, comment: str, loc: Loc | None = None) -> Msg:
    return Msg(context, t.value, file, t.loc.line, comment, loc=loc, owner=t)


def _who(sc: Scenario, cid: str) -> str:
    for c in sc.characters:
        if c.id == cid:
            age = f", {c.age}" if c.age else ""
            return f"{c.name.value} ({c.role}{age})"
    return cid


def _step_msgs(sc: Scenario, base: str, steps: list[Step]) -> Iterator[Msg]:
    for st in steps:
        if isinstance(st, Narrate):
            yield _t(f"{base}/narrate", st.text, sc.file, "Narration.", loc=st.loc)
        elif isinstance(st, Say):
            yield _t(f"{base}/say/{st.who.id}", st.text, sc.file, f"Said aloud by {_who(sc, st.who.id)}.", loc=st.loc)
        elif isinstance(st, Chat):
            who = _who(sc, st.sender.id)
            note = f"A phone chat message from {who}. Keep the chat register of the English"
            if any(c.id == st.sender.id and c.role == "offender" for c in sc.characters):
                note += " (the offender: it hints, it never describes)"
            yield _t(f"{base}/chat/{st.sender.id}", st.text, sc.file, note + ".", loc=st.loc)
        elif isinstance(st, If):
            yield from _step_msgs(sc, base, st.then)
            yield from _step_msgs(sc, base, st.otherwise)
        elif isinstance(st, Discuss):
            d = f"{base}/discuss/{st.id}"
            yield _t(f"{d}/question", st.question, sc.file, "A discussion question, shown large to a group.")
            yield _t(f"{d}/notes", st.notes, sc.file, "Facilitator notes: read by the adult leading the group, hidden from the projector.")


def scenario_msgs(sc: Scenario) -> Iterator[Msg]:
    s, f = sc.id, sc.file
    yield _t(f"{s}/title", sc.title, f, "The story's title, on the main menu.")
    yield _t(f"{s}/player_name", sc.player_name, f, "The name of who you play. Keep names as they are unless told otherwise.")
    yield _t(f"{s}/summary", sc.summary, f, "One line on the main menu.")
    yield _t(f"{s}/content_note", sc.content_note, f, "Shown before the story starts.")
    for c in sc.characters:
        yield _t(f"{s}/characters/{c.id}/name", c.name, f, f"A character's name ({c.role}). Usually kept as it is.")
    for scene in sc.scenes:
        base = f"{s}/{scene.id}"
        yield from _step_msgs(sc, base, scene.steps)
        if scene.prompt:
            yield _t(f"{base}/prompt", scene.prompt, f, "The question above the choices.", loc=scene.loc)
        for c in scene.choices:
            cb = f"{base}/{c.id}"
            what = "A reply the player sends in the chat." if c.reply else "A choice the player picks (a button)."
            yield _t(f"{cb}/text", c.text, f, f"{what} Kind: {c.kind}.")
            fb = c.feedback
            if fb is None:
                continue
            yield _t(f"{cb}/title", fb.title, f, "Feedback card: its title.")
            yield _t(f"{cb}/happened", fb.happened, f, "Feedback card: what happened.")
            yield _t(f"{cb}/why", fb.why, f, "Feedback card: why it matters. Never blame the player.")
            if fb.safer:
                yield _t(f"{cb}/safer", fb.safer, f, "Feedback card: the safer move.")
    for e in sc.endings:
        yield _t(f"{s}/endings/{e.id}/title", e.title, f, f"An ending's title ({e.kind}).")
        yield _t(f"{s}/endings/{e.id}/summary", e.summary, f, "The ending's summary. It always leaves hope.")


def catalogue_msgs(project: Project) -> Iterator[Msg]:
    cat = project.catalogue
    if cat is None:
        return
    f = cat.file
    for key in ("red_flags", "safe_actions", "upstander_steps", "key_messages", "adult_actions"):
        for it in cat.section(key):
            b = f"catalogue/{key}/{it.id}"
            yield _t(f"{b}/name", it.name, f, f"The name of a {key[:-1].replace('_', ' ')}: short, shown in lists. Use the glossary in TRANSLATE.md.")
            yield _t(f"{b}/explain", it.explain, f, "Its explanation, one or two sentences.")
    for r in cat.resources:
        b = f"catalogue/resources/{r.id}"
        yield _t(f"{b}/name", r.name, f, "A help service's name: keep the official name.")
        yield _t(f"{b}/explain", r.explain, f, "What the service does. Keep every fact; mention Spanish only where seed-items.md says it is offered.")
        if r.phone:
            yield Msg(f"{b}/phone", r.phone, f, r.loc.line, "A phone number: keep the digits exactly.", owner=r, attr="phone")
        if r.sms:
            yield Msg(f"{b}/sms", r.sms, f, r.loc.line, "How to text the service: keep the number and the keyword exactly.", owner=r, attr="sms")
    for q in cat.discussion_questions:
        yield _t(f"catalogue/discussion_questions/{q.id}/question", q.question, f, "A discussion question from the facilitator's guide.")


def runtime_files(root: str) -> list[str]:
    game = os.path.join(root, "game")
    names = sorted(n for n in os.listdir(game) if n.endswith(".rpy")) if os.path.isdir(game) else []
    return [os.path.join(game, n) for n in names] + [TEXTPLAY]


def _rpy_comment(line: str, start: int) -> str:
    before = line[:start]
    if "textbutton" in before:
        return "A button."
    if " alt " in before or before.rstrip().endswith("alt"):
        return "Read aloud to screen-reader users."
    return ""


def runtime_msgs(root: str) -> Iterator[Msg]:
    """The hand-written runtime's marked strings, in file order (one entry per string)."""
    for path in runtime_files(root):
        pattern = _UI_STRING if path.endswith(".py") else _RPY_STRING
        shown = display_path(path)
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.lstrip().startswith("#"):
                    continue
                for m in pattern.finditer(line):
                    text = ast.literal_eval(m.group(1))
                    if text:
                        note = "The terminal player." if path.endswith(".py") else _rpy_comment(line, m.start())
                        yield Msg(UI, text, shown, n, note)


def guide_msgs() -> Iterator[Msg]:
    """The guide's fixed prose: string constants passed to ``self.w`` (or marked ``gt``/``G_``) that hold words."""
    with open(GUIDE_PY, encoding="utf-8") as fh:
        tree = ast.parse(fh.read())
    shown = display_path(GUIDE_PY)
    for node in ast.walk(tree):
        marked = isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("gt", "G_")
        if marked or isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "w":
            for arg in node.args[:1] if marked else node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and _WORDS_OUTSIDE_TAGS.search(arg.value):
                    yield Msg(GUIDE, arg.value, shown, arg.lineno, "The printed facilitator guide (HTML): keep every tag and entity; translate the words.")


def string_key(m: Msg, text: str) -> str:
    """A string as the game holds it: YAML text with ``[`` and ``{`` doubled; the runtime's as written."""
    return text if m.context == UI else markup(text)


def project_msgs(project: Project) -> list[Msg]:
    out: list[Msg] = []
    for sc in project.scenarios:
        out.extend(scenario_msgs(sc))
    out.extend(catalogue_msgs(project))
    return out


def all_msgs(project: Project, root: str) -> list[Msg]:
    """Every message, duplicates (same text, same context) folded into the first with its other places."""
    seen: dict[tuple[str, str], Msg] = {}
    out: list[Msg] = []
    for m in [*project_msgs(project), *runtime_msgs(root), *sorted(guide_msgs(), key=lambda m: m.line)]:
        first = seen.get(m.key)
        if first is None:
            seen[m.key] = m
            out.append(m)
        elif (m.file, m.line) != (first.file, first.line) and (m.file, m.line) not in first.more:
            first.more.append((m.file, m.line))
            if m.comment and m.comment not in first.comment:
                first.comment = (first.comment + " " + m.comment).strip()
    return out
