"""A reference interpreter: what a scenario means, played in pure Python.

``play`` follows a path (the ids of the choices taken) and returns the
transcript a player would see: every line, every choice with its number on
screen, every feedback, and the ending. The generated Ren'Py script must
show exactly this (the engine tests compare the two).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .conditions import evaluate
from .nodes import Chat, Choice, Discuss, If, Narrate, Say, Scenario, SetFlags, Step

MAX_SCENES = 10_000  # a path longer than this is a loop


class PathError(Exception):
    """A path that the scenario cannot follow (not an author error: a wrong path)."""


@dataclass
class Transcript:
    scenario: str
    lines: list[tuple[str | None, str]] = field(default_factory=list)
    choices: list[tuple[str, int]] = field(default_factory=list)  # (choice id, number shown)
    feedback: list[str] = field(default_factory=list)
    discussions: list[str] = field(default_factory=list)
    scenes: list[str] = field(default_factory=list)
    ending: str | None = None
    flags: dict[str, bool] = field(default_factory=dict)


class _Player:
    def __init__(self, sc: Scenario) -> None:
        self.sc = sc
        self.names = {c.id: c.name.value for c in sc.characters}
        self.scenes = {s.id: s for s in sc.scenes}
        self.endings = {e.id for e in sc.endings}
        self.t = Transcript(sc.id)

    def steps(self, steps: list[Step]) -> None:
        for st in steps:
            if isinstance(st, Narrate):
                self.t.lines.append((None, st.text.value))
            elif isinstance(st, Say):
                self.t.lines.append((self.names[st.who.id], st.text.value))
            elif isinstance(st, Chat):
                self.t.lines.append((self.names[st.sender.id], st.text.value))
            elif isinstance(st, SetFlags):
                for name, value, _ in st.values:
                    self.t.flags[name] = value
            elif isinstance(st, If):
                self.steps(st.then if evaluate(st.cond, self.t.flags) else st.otherwise)
            elif isinstance(st, Discuss):
                self.t.discussions.append(st.id)

    def visible(self, scene) -> list[Choice]:
        return [c for c in scene.choices if evaluate(c.cond, self.t.flags)]


def play(sc: Scenario, path: list[str], chooser=None) -> Transcript:
    """Play ``path`` (choice ids). With ``chooser(visible_choices) -> Choice``, choose as it says once the path runs out."""
    p = _Player(sc)
    here = sc.start.id if sc.start else sc.scenes[0].id
    todo = list(path)
    for _ in range(MAX_SCENES):
        if here in p.endings:
            p.t.ending = here
            if todo:
                raise PathError(f"the path goes on after ending '{here}': {todo}")
            return p.t
        scene = p.scenes[here]
        p.t.scenes.append(here)
        p.steps(scene.steps)
        if scene.choices:
            if scene.prompt:
                p.t.lines.append((None, scene.prompt.value))
            shown = p.visible(scene)
            if todo:
                wanted = todo.pop(0)
                pick = next((c for c in shown if c.id == wanted), None)
                if pick is None:
                    raise PathError(f"choice '{wanted}' is not on screen in scene '{here}' (shown: {[c.id for c in shown]})")
            elif chooser is not None:
                pick = chooser(shown)
            else:
                raise PathError(f"the path ends at a decision in scene '{here}'")
            p.t.choices.append((pick.id, shown.index(pick) + 1))
            if pick.sets:
                for name, value, _ in pick.sets.values:
                    p.t.flags[name] = value
            p.t.feedback.append(pick.id)
            here = pick.goto.id
        else:
            here = next(b.target.id for b in scene.goto if evaluate(b.cond, p.t.flags))
    raise PathError(f"no ending after {MAX_SCENES} scenes: the path loops")


def prefer(kind: str):
    """A chooser that takes the first shown choice of ``kind``, else the first shown."""

    def choose(shown: list[Choice]) -> Choice:
        return next((c for c in shown if c.kind == kind), shown[0])

    return choose
