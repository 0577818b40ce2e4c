"""The lowered form of a scenario: flat, engine-shaped operations.

``lower.py`` produces it from nodes; ``emit.py`` prints it as Ren'Py script.
All names here are final Ren'Py names (namespaced), all conditions are Python
expressions, and every operation keeps the source position it came from.
Strings are still the author's raw text: escaping is the emitter's job.

Stable identities. Every point where the player can stop (a line, a choice
taken, a discussion) carries a name derived from the YAML alone, so that a
save made there still finds its place after a rebuild (Ren'Py names other
statements from the file, the compile time and a serial number). A line's
``id`` is also its Ren'Py translation identifier. ``lower.py`` (``StepNames``)
makes them and explains the design; docs/scenario-format.md documents it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from tyg.compile.diagnostics import Loc


@dataclass
class PyText:
    """A player-visible string inside a Python expression."""

    value: str
    #: Marked for Ren'Py's translation (``_("...")``); False for what no language changes (a web address).
    translate: bool = True


@dataclass
class PyName:
    """A bare Python name (a reference to another define)."""

    name: str


PyValue = Union[PyText, PyName, str, int, bool, None, list]


@dataclass
class Define:
    name: str
    call: str  # constructor, e.g. "TygFeedback" or "Character"
    args: list[tuple[str | None, PyValue]]
    loc: Loc
    priority: int = 0


@dataclass
class Line:
    """One line the player reads and moves on from: narration, speech or a chat message.

    ``id`` is the line's stable identity, ``<scenario>__<scene>__<digest>``: the
    digest is 8 hex digits of the SHA-1 of the author's text, and a repeat of the
    same text in the same scene gets ``_2``, ``_3``... in source order. It is the
    say statement's ``id`` clause, so it is also the Ren'Py translation identifier
    (``translate <language> <id>:``). It stays the same across rebuilds and across
    edits to any other line; editing the line's own text gives it a new id.
    ``label`` (``tyg_l__<id>``) is emitted just before the line: a save made on the
    line resumes there.
    """

    speaker: str  # a define name: tyg_narrator, a character, or a chat sender
    text: str
    loc: Loc
    id: str = ""
    label: str = ""


@dataclass
class SetFlag:
    name: str
    value: bool
    loc: Loc


@dataclass
class IfOp:
    cond: str
    then: list["Op"]
    otherwise: list["Op"]
    loc: Loc


@dataclass
class CallLabel:
    """Call a runtime label with one define's name (the runtime looks the object up by it)."""

    label: str
    arg: str  # a define name, e.g. tyg_dq__niko_q1 (passed as a string, so saves hold no objects)
    loc: Loc
    before: str = ""  # a stable label just before the call: the place a save on its screen returns to
    after: str = ""  # a stable label just after it: the call's return site, kept in saves


@dataclass
class MenuItem:
    text: str
    cond: str | None
    feedback: str  # define name of the TygFeedback
    sets: list[SetFlag]
    target: str  # label
    loc: Loc
    reply: bool = False  # shown as a reply to the phone conversation
    label: str = ""  # a stable label at the start of the choice's block (a save on its feedback resumes there)


@dataclass
class Menu:
    prompt: str | None
    items: list[MenuItem]
    loc: Loc
    label: str = ""  # reached just before the choices show (stable: saves on the menu resume there)
    prompt_id: str = ""  # the prompt's stable id, made like Line.id (its say statement's id clause)


@dataclass
class Jump:
    """Jump to the first target whose condition holds (None = always)."""

    branches: list[tuple[str | None, str]]
    loc: Loc


@dataclass
class Ending:
    obj: str
    loc: Loc


@dataclass
class Begin:
    """Start a play-through of a scenario: fresh flags and journal."""

    obj: str
    loc: Loc


@dataclass
class Location:
    """Where a scene takes place, and the background image resolved for it at build time."""

    name: str  # the author's place, as written
    loc: Loc
    image: str = ""  # a Ren'Py image name, e.g. "bg bedroom" (lower.background)


Op = Union[Line, SetFlag, IfOp, CallLabel, Menu, Jump, Ending, Begin, Location]


@dataclass
class Label:
    name: str
    title: str  # what the label is, for the comment above it
    ops: list[Op]
    loc: Loc


@dataclass
class Module:
    """One generated .rpy file."""

    filename: str
    source: str
    summary: str
    defines: list[Define] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
