"""The lowered form of a scenario: flat, engine-shaped operations.

``lower.py`` produces it from nodes; ``emit.py`` prints it as Ren'Py script.
All names here are final Ren'Py names (namespaced), all conditions are Python
expressions, and every operation keeps the source position it came from.
Strings are still the author's raw text: escaping is the emitter's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from tyg.compile.diagnostics import Loc


@dataclass
class PyText:
    """A player-visible string inside a Python expression."""

    value: str


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
    speaker: str  # a define name: tyg_narrator, a character, or a chat sender
    text: str
    loc: Loc


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
    label: str
    arg: str
    loc: Loc


@dataclass
class MenuItem:
    text: str
    cond: str | None
    feedback: str  # define name of the TygFeedback
    sets: list[SetFlag]
    target: str  # label
    loc: Loc
    reply: bool = False  # shown as a reply to the phone conversation


@dataclass
class Menu:
    prompt: str | None
    items: list[MenuItem]
    loc: Loc
    label: str = ""  # reached just before the choices show


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
    """Where a scene takes place: the runtime picks the background."""

    name: str
    loc: Loc


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
