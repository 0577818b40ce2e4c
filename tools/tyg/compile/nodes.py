"""The typed tree that ``load.py`` builds from YAML.

Every node carries ``loc``: the file, line and column it came from, so that
every later stage can point an author at the exact place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from tyg.compile.diagnostics import Loc


@dataclass
class Text:
    """A player-visible string and where it was written."""

    value: str
    loc: Loc


@dataclass
class Ref:
    """An id that refers to something defined elsewhere."""

    id: str
    loc: Loc


# ---------------------------------------------------------------- conditions

@dataclass
class FlagExpr:
    name: str
    loc: Loc


@dataclass
class NotExpr:
    operand: "Cond"
    loc: Loc


@dataclass
class BoolOp:
    op: str  # "and" | "or"
    operands: list["Cond"]
    loc: Loc


Cond = Union[FlagExpr, NotExpr, BoolOp]


# ---------------------------------------------------------------- catalogue

@dataclass
class CatalogueItem:
    id: str
    name: Text
    explain: Text
    loc: Loc
    seed: list[str] = field(default_factory=list)  # ids in shared/seed-items.md it answers for
    way_back: bool = False  # key messages only: teaches a way back after a risky choice (TYG045)


@dataclass
class Resource:
    id: str
    name: Text
    explain: Text
    country: str
    url: str | None
    phone: str | None
    sms: str | None
    loc: Loc


@dataclass
class Question:
    """One of the discussion questions a facilitator's guide asks; placed by ``discuss: {asks: id}``."""

    id: str
    question: Text
    loc: Loc
    seed: list[str] = field(default_factory=list)


@dataclass
class Catalogue:
    file: str
    red_flags: list[CatalogueItem] = field(default_factory=list)
    safe_actions: list[CatalogueItem] = field(default_factory=list)
    upstander_steps: list[CatalogueItem] = field(default_factory=list)
    key_messages: list[CatalogueItem] = field(default_factory=list)
    adult_actions: list[CatalogueItem] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    discussion_questions: list[Question] = field(default_factory=list)

    def section(self, key: str) -> list:
        return getattr(self, key)


@dataclass(frozen=True)
class Section:
    """A kind of learning objective: a catalogue section that feedback can teach."""

    key: str  # in catalogue.yaml and in feedback
    singular: str
    unknown_code: str  # diagnostic for a reference to an id the catalogue lacks
    prefix: str  # Ren'Py name prefix of its entries


LEARNING_SECTIONS = (
    Section("red_flags", "red flag", "TYG017", "tyg_rf"),
    Section("safe_actions", "safe action", "TYG018", "tyg_sa"),
    Section("upstander_steps", "upstander step", "TYG031", "tyg_up"),
    Section("key_messages", "key message", "TYG032", "tyg_km"),
    Section("adult_actions", "adult action", "TYG033", "tyg_ad"),
)


# ---------------------------------------------------------------- scenario

@dataclass
class Character:
    id: str
    name: Text
    role: str
    colour: str
    age: int | None
    loc: Loc


@dataclass
class Narrate:
    text: Text
    loc: Loc


@dataclass
class Say:
    who: Ref
    text: Text
    loc: Loc


@dataclass
class Chat:
    sender: Ref
    text: Text
    loc: Loc


@dataclass
class SetFlags:
    values: list[tuple[str, bool, Loc]]
    loc: Loc


@dataclass
class If:
    cond: Cond
    then: list["Step"]
    otherwise: list["Step"]
    loc: Loc


@dataclass
class Discuss:
    id: str
    question: Text
    notes: Text
    loc: Loc
    asks: Ref | None = None


Step = Union[Narrate, Say, Chat, SetFlags, If, Discuss]


def walk_steps(steps: list["Step"]):
    """Every step, depth first, including those inside if/else."""
    for st in steps:
        yield st
        if isinstance(st, If):
            yield from walk_steps(st.then)
            yield from walk_steps(st.otherwise)


@dataclass
class Feedback:
    title: Text
    happened: Text
    why: Text
    safer: Text | None
    teaches: dict[str, list[Ref]]  # by LEARNING_SECTIONS key
    loc: Loc


@dataclass
class Choice:
    id: str
    text: Text
    kind: str
    goto: Ref
    cond: Cond | None
    sets: SetFlags | None
    feedback: Feedback | None
    loc: Loc
    reply: bool = False  # a message the player sends: shown as a reply beside the phone


@dataclass
class Branch:
    """One arm of a scene's ``goto``: taken when ``cond`` holds (or always)."""

    cond: Cond | None
    target: Ref
    loc: Loc


@dataclass
class Scene:
    id: str
    location: str | None
    steps: list[Step]
    prompt: Text | None
    choices: list[Choice]
    goto: list[Branch]
    loc: Loc


@dataclass
class Ending:
    id: str
    kind: str
    title: Text
    summary: Text
    resources: list[Ref]
    loc: Loc


@dataclass
class Scenario:
    file: str
    id: str
    title: Text
    player_name: Text
    player_age: int
    summary: Text
    content_note: Text
    minutes: int | None
    start: Ref | None
    characters: list[Character]
    scenes: list[Scene]
    endings: list[Ending]
    loc: Loc
    audience: str = "teen"
    order: int | None = None  # place in the main menu; scenarios without one come last, by id
    minutes_loc: Loc | None = None  # where 'minutes:' is written
    measured_minutes: int | None = None  # from random play-throughs (play/words.py), set by the build


@dataclass
class Project:
    """Everything one build reads: the catalogue and every scenario."""

    root: str
    catalogue: Catalogue | None
    scenarios: list[Scenario]
    whole: bool = True  # False when one file of a folder was loaded: folder-wide checks are skipped


CHOICE_KINDS = ("safer", "risky", "neutral")
ENDING_KINDS = ("safe", "supported", "upstander", "learning")
CHARACTER_ROLES = ("player", "friend", "offender", "adult", "other")
AUDIENCES = ("teen", "adult")
