"""A reference interpreter: what a scenario means, played in pure Python.

``play`` follows a path (the ids of the choices taken) and returns the
transcript a player would see: every line with the place in the YAML that
wrote it, the choices on screen at each decision with their numbers, every
feedback, the discussion prompts, the ending and the help it shows. The
generated Ren'Py script must show exactly this (the engine tests compare the
two).

Each feedback card explains a catalogue item (red flag, safe action, key
message, ...) in full only the first time the play-through meets it; later
cards show its name alone, which the player can open. ``Transcript.cards``
says which way each item was shown; the game's card does the same.

It also watches the flags: every flag a condition reads is recorded with
whether the path had set it (to true or false) before. Unset flags read as
false, as in the runtime, but a story must set a flag before it reads it: a
read of a never-set flag is a bug that ``randomtest`` reports.

``Run`` plays one step at a time (up to the next decision), for the terminal
player and the random play-throughs; ``Tables`` is the per-scenario data both
precompute once: steps flattened into small tuples, conditions compiled to
Python functions.
"""

from __future__ import annotations

import functools
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Iterator, NamedTuple

from tyg.compile.conditions import flags_read
from tyg.compile.diagnostics import Loc
from tyg.compile.nodes import (
    LEARNING_SECTIONS, Chat, Choice, Cond, Discuss, Ending, FlagExpr, If, Narrate, NotExpr, Say, Scenario, SetFlags, Step,
)

MAX_SCENES = 10_000  # a path longer than this is a loop


class PathError(Exception):
    """A path that the scenario cannot follow (not an author error: a wrong path).

    ``scene`` is the scene (or ending) where it stopped and ``loc`` where that
    is written, so that tools can point at file:line.
    """

    def __init__(self, message: str, scene: str | None = None, loc: Loc | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.scene = scene
        self.loc = loc

    def located(self) -> str:
        """The message, after the file:line:col it concerns when known."""
        return f"{self.loc}: {self.message}" if self.loc else self.message


class FlagRead(NamedTuple):
    """One flag read by a condition during play."""

    flag: str
    loc: Loc  # the flag's place in the condition
    scene: str
    was_set: bool  # had the path set it (true or false) before this read?


@dataclass
class Transcript:
    scenario: str
    #: What the player reads, in order: (speaker name or None, text). Prompts are lines too.
    lines: list[tuple[str | None, str]] = field(default_factory=list)
    #: Parallel to ``lines``: where each line is written (the step's Loc; a prompt's own Loc).
    locs: list[Loc] = field(default_factory=list)
    #: Parallel to ``lines``: "narrate", "say", "chat" or "prompt".
    kinds: list[str] = field(default_factory=list)
    choices: list[tuple[str, int]] = field(default_factory=list)  # (choice id, number shown)
    #: Parallel to ``choices``: the ids of every choice on screen, in screen order (number = index + 1).
    shown: list[list[str]] = field(default_factory=list)
    #: The choice ids whose feedback screen was shown, in order (the feedback belongs to the choice).
    feedback: list[str] = field(default_factory=list)
    #: Parallel to ``feedback``: the card's catalogue items in screen order, as (section key, id,
    #: explained): explained in full the first time the play-through meets the item, else its name only.
    cards: list[tuple[tuple[str, str, bool], ...]] = field(default_factory=list)
    discussions: list[str] = field(default_factory=list)
    scenes: list[str] = field(default_factory=list)
    ending: str | None = None
    #: The help resources (ids) the ending shows.
    resources: list[str] = field(default_factory=list)
    flags: dict[str, bool] = field(default_factory=dict)
    #: Every flag read, as (flag, Loc, scene) and whether it was set; ``reads`` names the fields.
    read_log: list[tuple[tuple[str, Loc, str], bool]] = field(default_factory=list, repr=False)
    #: Everything in order: ("scene", id), ("lines", first, end), ("discuss", id),
    #: ("decision", index into choices), ("ending", id).
    events: list[tuple] = field(default_factory=list)

    @property
    def path(self) -> list[str]:
        return [c for c, _ in self.choices]

    @property
    def reads(self) -> list[FlagRead]:
        """Every flag read by a condition, in order."""
        return [FlagRead(*spec, was_set) for spec, was_set in self.read_log]

    @property
    def unset_reads(self) -> list[FlagRead]:
        """Reads of flags that this path had not set yet."""
        return [FlagRead(*spec, False) for spec, was_set in self.read_log if not was_set]

    def walk(self) -> Iterator[tuple]:
        """``events`` with line ranges opened up: ("line", index) for each line."""
        for ev in self.events:
            if ev[0] == "lines":
                for i in range(ev[1], ev[2]):
                    yield ("line", i)
            else:
                yield ev


# ------------------------------------------------------------------ precomputed tables

_LINES, _SET, _IF, _DISCUSS = range(4)

Test = Callable[[dict], bool]
Reads = tuple  # ((flag name, Loc, scene id), ...)


def _python(cond: Cond) -> str:
    if isinstance(cond, FlagExpr):
        return f"f.get({cond.name!r}, False)"
    if isinstance(cond, NotExpr):
        return f"(not {_python(cond.operand)})"
    return "(" + f" {cond.op} ".join(_python(c) for c in cond.operands) + ")"


def compile_condition(cond: Cond | None) -> Test | None:
    """The condition as a Python function of the flags (None: always true).

    Same meaning as ``conditions.evaluate``: unset flags are false. Flag names
    are plain identifiers (the loader refuses anything else), so the source is safe.
    """
    if cond is None:
        return None
    return _compiled(_python(cond))


@functools.lru_cache(maxsize=4096)
def _compiled(source: str) -> Test:
    """One function per distinct condition: stories repeat the same few conditions often."""
    return eval(f"lambda f: bool({source})", {"__builtins__": {}, "bool": bool})  # noqa: S307


def _reads(cond: Cond | None, scene: str) -> Reads:
    seen: dict[str, Loc] = {}
    for f in flags_read(cond):
        seen.setdefault(f.name, f.loc)
    return tuple((name, loc, scene) for name, loc in seen.items())


class SceneTable(NamedTuple):
    loc: Loc
    ops: tuple
    prompt: tuple[str, Loc] | None
    choices: tuple[tuple[Choice, Test | None, Reads], ...]
    branches: tuple[tuple[Test | None, Reads, str], ...]


class Tables:
    """A scenario's steps, conditions and names, worked out once for many plays."""

    def __init__(self, sc: Scenario) -> None:
        self.names = {c.id: c.name.value for c in sc.characters}
        self.endings: dict[str, Ending] = {e.id: e for e in sc.endings}
        self.choices: dict[str, Choice] = {c.id: c for s in sc.scenes for c in s.choices}
        #: Each choice's feedback card items, in screen order: (section key, id).
        self.card_items: dict[str, tuple[tuple[str, str], ...]] = {
            c.id: card_items(c) for c in self.choices.values()
        }
        self.scenes: dict[str, SceneTable] = {}
        for s in sc.scenes:
            self.scenes[s.id] = SceneTable(
                s.loc,
                self._ops(s.steps, s.id),
                (s.prompt.value, s.prompt.loc) if s.prompt and s.choices else None,
                tuple((c, compile_condition(c.cond), _reads(c.cond, s.id)) for c in s.choices),
                tuple((compile_condition(b.cond), _reads(b.cond, s.id), b.target.id) for b in s.goto),
            )
        self.start = sc.start.id if sc.start else (sc.scenes[0].id if sc.scenes else "")

    def loc_of(self, node: str) -> Loc | None:
        if node in self.scenes:
            return self.scenes[node].loc
        if node in self.endings:
            return self.endings[node].loc
        return None

    def _ops(self, steps: list[Step], scene: str) -> tuple:
        """Steps as tuples; runs of plain lines become one op that extends the transcript at once."""
        ops: list[tuple] = []
        run: list[tuple[tuple[str | None, str], Loc, str]] = []

        def flush() -> None:
            if run:
                ops.append((_LINES, tuple(r[0] for r in run), tuple(r[1] for r in run), tuple(r[2] for r in run)))
                run.clear()

        for st in steps:
            if isinstance(st, Narrate):
                run.append(((None, st.text.value), st.loc, "narrate"))
            elif isinstance(st, Say):
                run.append(((self.names[st.who.id], st.text.value), st.loc, "say"))
            elif isinstance(st, Chat):
                run.append(((self.names[st.sender.id], st.text.value), st.loc, "chat"))
            else:
                flush()
                if isinstance(st, SetFlags):
                    ops.append((_SET, tuple((name, value) for name, value, _ in st.values)))
                elif isinstance(st, If):
                    then, otherwise = self._ops(st.then, scene), self._ops(st.otherwise, scene)
                    ops.append((_IF, compile_condition(st.cond), _reads(st.cond, scene), then, otherwise))
                elif isinstance(st, Discuss):
                    ops.append((_DISCUSS, st.id))
        flush()
        return tuple(ops)


# ------------------------------------------------------------------ playing


class Run:
    """One play-through, advanced a decision at a time.

    ``advance()`` plays on to the next decision and returns the choices on
    screen (or None once an ending is reached); ``choose(choice)`` takes one
    of them. Everything shown goes into ``self.t``.
    """

    def __init__(self, sc: Scenario, tables: Tables | None = None, limit: int = MAX_SCENES) -> None:
        self.tables = tables or Tables(sc)
        self.t = Transcript(sc.id)
        self.here = self.tables.start
        self.limit = limit
        self.shown: list[Choice] | None = None
        self.seen: set[tuple[str, str]] = set()  # catalogue items already explained in this play-through

    def _steps(self, ops: tuple) -> None:
        t = self.t
        for op in ops:
            kind = op[0]
            if kind == _LINES:
                first = len(t.lines)
                t.lines.extend(op[1])
                t.locs.extend(op[2])
                t.kinds.extend(op[3])
                t.events.append(("lines", first, len(t.lines)))
            elif kind == _SET:
                for name, value in op[1]:
                    t.flags[name] = value
            elif kind == _IF:
                for spec in op[2]:
                    t.read_log.append((spec, spec[0] in t.flags))
                self._steps(op[3] if op[1](t.flags) else op[4])
            else:
                t.discussions.append(op[1])
                t.events.append(("discuss", op[1]))

    def advance(self) -> list[Choice] | None:
        if self.shown is not None:
            return self.shown
        t, tables = self.t, self.tables
        if t.ending is not None:
            return None
        while True:
            here = self.here
            ending = tables.endings.get(here)
            if ending is not None:
                t.ending = here
                t.resources = [r.id for r in ending.resources]
                t.events.append(("ending", here))
                return None
            if len(t.scenes) >= self.limit:
                recent = list(dict.fromkeys(reversed(t.scenes[-50:])))
                raise PathError(
                    f"no ending after {self.limit} scenes: the story loops (it kept going round {', '.join(repr(s) for s in recent[:6])})",
                    here,
                    tables.loc_of(here),
                )
            scene = tables.scenes[here]
            t.scenes.append(here)
            t.events.append(("scene", here))
            self._steps(scene.ops)
            if scene.choices:
                if scene.prompt:
                    t.lines.append((None, scene.prompt[0]))
                    t.locs.append(scene.prompt[1])
                    t.kinds.append("prompt")
                    t.events.append(("lines", len(t.lines) - 1, len(t.lines)))
                shown = []
                for choice, test, reads in scene.choices:
                    if test is None:
                        shown.append(choice)
                        continue
                    for spec in reads:
                        t.read_log.append((spec, spec[0] in t.flags))
                    if test(t.flags):
                        shown.append(choice)
                self.shown = shown
                return shown
            for test, reads, target in scene.branches:
                for spec in reads:
                    t.read_log.append((spec, spec[0] in t.flags))
                if test is None or test(t.flags):
                    self.here = target
                    break
            else:  # the checks make the last branch unconditional; a broken tree stops here
                raise PathError(f"no goto branch of scene '{here}' holds", here, scene.loc)

    def choose(self, pick: Choice) -> None:
        shown, t = self.shown, self.t
        number = next((i for i, c in enumerate(shown or ()) if c is pick), -1) + 1
        if not number:
            raise PathError(f"choice '{pick.id}' is not on screen", self.here, self.tables.loc_of(self.here))
        t.choices.append((pick.id, number))
        t.shown.append([c.id for c in shown])
        t.events.append(("decision", len(t.choices) - 1))
        if pick.sets:
            for name, value, _ in pick.sets.values:
                t.flags[name] = value
        if pick.feedback is not None:
            t.feedback.append(pick.id)
            items = self.tables.card_items[pick.id]
            fresh = {k for k in items if k not in self.seen}
            t.cards.append(tuple((key, id_, (key, id_) in fresh) for key, id_ in items))
            self.seen |= fresh
        self.here = pick.goto.id
        self.shown = None


def card_items(choice: Choice) -> tuple[tuple[str, str], ...]:
    """The catalogue items a choice's feedback card shows, in screen order: red flags first, then by section."""
    fb = choice.feedback
    if fb is None:
        return ()
    return tuple((sec.key, r.id) for sec in LEARNING_SECTIONS for r in fb.teaches.get(sec.key, ()))


def play(sc: Scenario, path: list[str], chooser=None, tables: Tables | None = None) -> Transcript:
    """Play ``path`` (choice ids). With ``chooser(visible_choices) -> Choice``, choose as it says once the path runs out."""
    run = Run(sc, tables)
    todo = deque(path)
    while True:
        shown = run.advance()
        if shown is None:
            if todo:
                ending = run.t.ending or ""
                raise PathError(
                    f"the path goes on after ending '{ending}': {list(todo)}", ending, run.tables.loc_of(ending)
                )
            return run.t
        here = run.here
        if todo:
            wanted = todo.popleft()
            pick = next((c for c in shown if c.id == wanted), None)
            if pick is None:
                hidden = next((c for c in run.tables.scenes[here].choices if c[0].id == wanted), None)
                cond = hidden[0].cond if hidden else None
                why = f"; its condition (line {cond.loc.line}) is false on this path" if cond else ""
                raise PathError(
                    f"choice '{wanted}' is not on screen in scene '{here}' (shown: {[c.id for c in shown]}){why}",
                    here,
                    run.tables.loc_of(here),
                )
        elif chooser is not None:
            pick = chooser(shown)
        else:
            raise PathError(
                f"the path ends at a decision in scene '{here}' (choices on screen: {[c.id for c in shown]})",
                here,
                run.tables.loc_of(here),
            )
        run.choose(pick)


def prefer(kind: str):
    """A chooser that takes the first shown choice of ``kind``, else the first shown."""

    def choose(shown: list[Choice]) -> Choice:
        return next((c for c in shown if c.kind == kind), shown[0])

    return choose
