"""Coverage planning: a few paths that take every choice and reach every ending.

A scenario's story graph ignores conditions (``graph.py``); the player does
not. Here the story is searched as a state machine whose states are
(scene, values of the flags that conditions read): ``set`` steps, ``if``
steps and choices' ``set:`` move between them, conditions (``if:`` on
choices and goto branches) decide which moves exist. From that state graph:

* a choice that leads from a state where an ending is still reachable to one
  where none is (a trap the structural TYG022 cannot see, because conditions
  make it) is an author error, ``TYG044``; ``build.py check`` reports it
  (``check_winnable``, linear time unless the story has loops);
* ``build.py coverage`` also reports, with the same code, a choice that is
  never on screen in any state the story can reach (no path can take it),
  and as ``TYG026`` an ending that no path reaches;
* ``plan`` gives a small set of paths (lists of choice ids) that together
  take every choice that can be taken, reach every ending that can be
  reached and show every ``if`` branch's lines that can be shown;
  ``build.py coverage`` plays them in the real engine.

Flags are bits of an int; conditions are evaluated by ``conditions.evaluate``
itself (memoised on the bits they read), so this module cannot disagree with
the interpreter about what a condition means. Everything is iterative and the
search stops at ``max_states`` states rather than hang on a story whose flags
multiply beyond reason.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from tyg.compile.conditions import evaluate, flags_read
from tyg.compile.diagnostics import CODES, Diagnostic, Loc, Report
from tyg.compile.graph import StoryGraph
from tyg.compile.nodes import Chat, Cond, If, Narrate, Project, Say, Scenario, Scene, SetFlags, Step, walk_steps

#: States searched per scenario before giving up (``build.py coverage`` reports it; ``check`` stays quiet).
MAX_STATES = 200_000
#: Scenes in one planned path before it stops looking for more to cover and heads for an
#: ending: half the interpreter's limit (``interpret.MAX_SCENES``), so it always has room to end.
MAX_PATH_SCENES = 5_000

_SET, _IF = 0, 1


class _Bits:
    """A bitmask seen as the flags dict that ``conditions.evaluate`` reads."""

    __slots__ = ("mask", "bits")

    def __init__(self, bits: dict[str, int]) -> None:
        self.bits = bits
        self.mask = 0

    def get(self, name: str, default: bool = False) -> bool:
        bit = self.bits.get(name)
        return default if bit is None else bool(self.mask & bit)


class _Test:
    """A condition as a function of the flag bits, memoised on the bits it reads."""

    __slots__ = ("cond", "reads", "memo", "view")

    def __init__(self, cond: Cond, bits: dict[str, int], view: _Bits) -> None:
        self.cond = cond
        self.reads = 0
        for f in flags_read(cond):
            self.reads |= bits[f.name]
        self.memo: dict[int, bool] = {}
        self.view = view

    def __call__(self, mask: int) -> bool:
        key = mask & self.reads
        hit = self.memo.get(key)
        if hit is None:
            self.view.mask = key
            hit = self.memo[key] = evaluate(self.cond, self.view)  # type: ignore[arg-type]
        return hit


@dataclass
class _Scene:
    ops: list  # flag effects of the steps: (_SET, on, off) and (_IF, test, then ops, else ops, then block, else block)
    choices: tuple  # (choice, test | None, on, off, target node)
    branches: tuple  # (test | None, target node)


class Machine:
    """One scenario as a state machine over (node, flag bits)."""

    def __init__(self, sc: Scenario) -> None:
        self.sc = sc
        read = sorted(
            {f.name for s in sc.scenes for st in walk_steps(s.steps) if isinstance(st, If) for f in flags_read(st.cond)}
            | {f.name for s in sc.scenes for c in s.choices for f in flags_read(c.cond)}
            | {f.name for s in sc.scenes for b in s.goto for f in flags_read(b.cond)}
        )
        #: Only flags that some condition reads are state; the rest change nothing.
        self.bits = {name: 1 << i for i, name in enumerate(read)}
        self._view = _Bits(self.bits)
        self.names = [s.id for s in sc.scenes] + [e.id for e in sc.endings]
        self.index = {n: i for i, n in reversed(list(enumerate(self.names)))}
        self.first_ending = len(sc.scenes)
        self.size = len(self.names)
        self.blocks = 0  # if branches with lines of their own, numbered by _block
        self.scenes = [self._scene(s) for s in sc.scenes]
        self.keep = self._liveness(sc)
        start = sc.start.id if sc.start else (sc.scenes[0].id if sc.scenes else None)
        self.start = self.index.get(start, -1) if start is not None else -1
        if self.start >= self.first_ending:
            self.start = -1  # start names an ending: TYG012 already says so

    def _liveness(self, sc: Scenario) -> list[int]:
        """Per node, the flags that may still be read from there on (a backward fixpoint on the story graph).

        A flag nothing reads any more cannot change what happens, so states
        forget it on entering such a scene: without this, every flag that was
        once read multiplies the states of every later scene.
        """
        reads = [0] * self.size
        succ: list[list[int]] = [[] for _ in range(self.size)]
        for i, s in enumerate(sc.scenes):
            conds = [st.cond for st in walk_steps(s.steps) if isinstance(st, If)]
            conds += [c.cond for c in s.choices] + [b.cond for b in s.goto]
            for f in (f for cond in conds for f in flags_read(cond)):
                reads[i] |= self.bits[f.name]
            succ[i] = [self.index[t] for t in [c.goto.id for c in s.choices] + [b.target.id for b in s.goto] if t in self.index]
        pred: list[list[int]] = [[] for _ in range(self.size)]
        for i, ts in enumerate(succ):
            for t in ts:
                pred[t].append(i)
        live = list(reads)
        queue = deque(range(self.size))
        queued = [True] * self.size
        while queue:
            t = queue.popleft()
            queued[t] = False
            for p in pred[t]:
                grown = live[p] | live[t]
                if grown != live[p]:
                    live[p] = grown
                    if not queued[p]:
                        queued[p] = True
                        queue.append(p)
        return live

    def _test(self, cond: Cond | None) -> _Test | None:
        return None if cond is None else _Test(cond, self.bits, self._view)

    def _sets(self, sets: SetFlags | None) -> tuple[int, int]:
        on = off = 0
        for name, value, _ in sets.values if sets else ():
            bit = self.bits.get(name, 0)
            on, off = (on | bit, off & ~bit) if value else (on & ~bit, off | bit)
        return on, off

    def _ops(self, steps: list[Step]) -> list:
        """The flag effects of ``steps``, nested ifs included (built without recursion)."""
        root: list = []
        work = [(iter(steps), root)]
        while work:
            it, out = work[-1]
            for st in it:
                if isinstance(st, SetFlags):
                    on, off = self._sets(st)
                    if on or off:
                        out.append((_SET, on, off))
                elif isinstance(st, If):
                    then: list = []
                    other: list = []
                    out.append((_IF, self._test(st.cond), then, other, self._block(st.then), self._block(st.otherwise)))
                    work.append((iter(st.otherwise), other))
                    work.append((iter(st.then), then))
                    break
            else:
                work.pop()
        return root

    def _block(self, steps: list[Step]) -> int:
        """A number for an if's branch that shows lines of its own (a coverage target), else -1."""
        if not any(isinstance(st, (Narrate, Say, Chat)) for st in steps):
            return -1
        self.blocks += 1
        return self.blocks - 1

    def _scene(self, s: Scene) -> _Scene:
        choices = []
        for c in s.choices:
            target = self.index.get(c.goto.id)
            if target is not None:
                choices.append((c, self._test(c.cond), *self._sets(c.sets), target))
        branches = tuple(
            (self._test(b.cond), self.index[b.target.id]) for b in s.goto if b.target.id in self.index
        )
        return _Scene(self._ops(s.steps), tuple(choices), branches)

    def run_steps(self, scene: _Scene, mask: int, blocks: set[int] | None = None) -> int:
        """The flags after the scene's steps; adds the if branches that showed lines to ``blocks``."""
        stack = [iter(scene.ops)]
        while stack:
            for op in stack[-1]:
                if op[0] == _SET:
                    mask = (mask | op[1]) & ~op[2]
                else:
                    taken = op[1](mask)
                    stack.append(iter(op[2] if taken else op[3]))
                    block = op[4] if taken else op[5]
                    if blocks is not None and block >= 0:
                        blocks.add(block)
                    break
            else:
                stack.pop()
        return mask

    def moves(self, state: int) -> list[tuple[object, int]]:
        """(choice or None for a goto, next state) from ``state``."""
        node, mask = state % self.size, state // self.size
        if node >= self.first_ending:
            return []
        scene = self.scenes[node]
        mask = self.run_steps(scene, mask)
        out: list[tuple[object, int]] = []
        if scene.choices:
            for c, test, on, off, target in scene.choices:
                if test is None or test(mask):
                    out.append((c, self.state(target, (mask | on) & ~off)))
            return out
        for test, target in scene.branches:
            if test is None or test(mask):
                return [(None, self.state(target, mask))]
        return out

    def state(self, node: int, mask: int) -> int:
        return node if node >= self.first_ending else (mask & self.keep[node]) * self.size + node

    def node(self, state: int) -> int:
        return state % self.size


@dataclass
class StateGraph:
    """The part of a scenario's state machine reachable from the start."""

    machine: Machine
    states: list[int] = field(default_factory=list)  # in breadth-first order
    order: dict[int, int] = field(default_factory=dict)  # state -> index in states
    edges: list[list[tuple[object, int]]] = field(default_factory=list)  # per state: (choice | None, state index)
    parent: list[tuple[int, object]] = field(default_factory=list)  # (previous state index, choice | None)
    complete: bool = True
    live: set[int] = field(default_factory=set)  # state indices from which an ending can be reached

    @classmethod
    def explore(cls, sc: Scenario, max_states: int = MAX_STATES) -> "StateGraph":
        m = Machine(sc)
        g = cls(m)
        if m.start < 0:
            return g
        g._add(m.state(m.start, 0), (-1, None))
        i = 0
        while i < len(g.states):
            out = g.edges[i]
            for choice, nxt in m.moves(g.states[i]):
                j = g.order.get(nxt)
                if j is None:
                    if len(g.states) >= max_states:
                        g.complete = False
                        return g
                    j = g._add(nxt, (i, choice))
                out.append((choice, j))
            i += 1
        g._find_live()
        return g

    def _add(self, state: int, parent: tuple[int, object]) -> int:
        self.order[state] = len(self.states)
        self.states.append(state)
        self.edges.append([])
        self.parent.append(parent)
        return len(self.states) - 1

    def _find_live(self) -> None:
        back: list[list[int]] = [[] for _ in self.states]
        for i, out in enumerate(self.edges):
            for _, j in out:
                back[j].append(i)
        m = self.machine
        queue = deque(i for i, s in enumerate(self.states) if m.node(s) >= m.first_ending)
        self.live = set(queue)
        while queue:
            for p in back[queue.popleft()]:
                if p not in self.live:
                    self.live.add(p)
                    queue.append(p)

    def is_ending(self, i: int) -> bool:
        return self.machine.node(self.states[i]) >= self.machine.first_ending

    def name(self, i: int) -> str:
        return self.machine.names[self.machine.node(self.states[i])]

    def path_to(self, i: int) -> list[str]:
        """The choice ids of the shortest path from the start to state ``i``."""
        out: list[str] = []
        while i > 0:
            i, choice = self.parent[i]
            if choice is not None:
                out.append(choice.id)  # type: ignore[attr-defined]
        out.reverse()
        return out

    def region(self, i: int, limit: int = 4) -> list[str]:
        """Scene ids reachable from state ``i``, in the order first met (at most ``limit``)."""
        seen = {i}
        names: list[str] = []
        queue = deque([i])
        while queue and len(names) < limit:
            k = queue.popleft()
            name = self.name(k)
            if name not in names:
                names.append(name)
            for _, j in self.edges[k]:
                if j not in seen:
                    seen.add(j)
                    queue.append(j)
        return names


# ------------------------------------------------------------------ findings


@dataclass
class Findings:
    """What the state search says about one scenario."""

    graph: StateGraph
    problems: list[Diagnostic] = field(default_factory=list)
    takeable: set[str] = field(default_factory=set)  # choices some path takes on its way to an ending
    endings: set[str] = field(default_factory=set)  # endings some path reaches
    scenes: set[str] = field(default_factory=set)  # scenes some path to an ending shows


def _diag(code: str, loc: Loc, message: str) -> Diagnostic:
    return Diagnostic(loc.file, loc.line, loc.col, code, message, loc.end_line or loc.line, loc.end_col or loc.col, CODES[code].severity)


def _names(ids: list[str]) -> str:
    quoted = [f"'{n}'" for n in ids]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _never(scenes: list[str]) -> str:
    if len(scenes) == 1:
        return f"scene '{scenes[0]}' never leads to an ending"
    return f"scenes {_names(scenes)} never lead to an ending"


def _path(path: list[str]) -> str:
    """A path for a message: its last few choices."""
    return ", ".join((["..."] if len(path) > 6 else []) + path[-6:])


def examine(sc: Scenario, max_states: int = MAX_STATES, traps_only: bool = False) -> Findings:
    """Search ``sc``'s states and report what no path can do.

    Problems are left empty when the search was cut short (``graph.complete``
    is False). With ``traps_only``, only choices that lead where no ending can
    be reached are reported (what ``build.py check`` asks).
    """
    g = StateGraph.explore(sc, max_states)
    f = Findings(g)
    if not g.complete or g.machine.start < 0:
        return f
    trapped: set[str] = set()
    shown: set[str] = set()
    visited = {g.name(i) for i in range(len(g.states))}

    def trap(i: int, choice, j: int) -> None:
        cid = choice.id
        trapped.add(cid)
        loops = g.region(j)
        f.problems.append(_diag(
            "TYG044",
            choice.loc,
            f"choice '{cid}' leads where no ending can be reached: with the flags set by then, "
            f"{_never(loops)} (path: {_path([*g.path_to(i), cid])})",
        ))

    for i, out in enumerate(g.edges):
        here_live = i in g.live
        if here_live and not g.is_ending(i):
            f.scenes.add(g.name(i))
        for choice, j in out:
            if choice is None:
                continue
            shown.add(choice.id)  # type: ignore[attr-defined]
            if here_live and j in g.live:
                f.takeable.add(choice.id)  # type: ignore[attr-defined]
            elif (here_live or i == 0) and choice.id not in trapped:  # type: ignore[attr-defined]
                trap(i, choice, j)  # from the start, every first choice leads in when none leads out
    f.endings = visited & {e.id for e in sc.endings}
    if 0 not in g.live and not any(c is not None for c, _ in g.edges[0]):
        loops = g.region(0)
        f.problems.append(_diag(
            "TYG044", sc.scenes[g.machine.start].loc,
            f"no ending can be reached from the start of scenario '{sc.id}': "
            f"{_never(loops)}",
        ))
    if traps_only:
        return f
    for scene in sc.scenes:
        for c in scene.choices:
            if c.id in shown:
                continue
            if scene.id in visited:
                why = f"its condition never holds when scene '{scene.id}' is shown"
            else:
                why = f"no path reaches scene '{scene.id}' (the conditions on the way never allow it)"
            f.problems.append(_diag("TYG052", c.loc, never_on_screen_message(c.id, why)))
    structural = StoryGraph.of(sc).reachable()
    for e in sc.endings:
        if e.id not in f.endings and e.id in structural:  # check.py reports the structurally unreachable ones
            f.problems.append(_diag("TYG026", e.loc, f"no path reaches ending '{e.id}': the conditions on the way never allow it"))
    return f


def surely_finishing(sc: Scenario) -> set[str]:
    """Scenes from which the player reaches an ending whatever the flags say.

    An ending is such a node; so is a scene with a choice that has no ``if:``
    and leads to one, and a scene without choices whose every goto branch
    leads to one. Linear in the size of the story; every scene of a story
    without loops is in it.
    """
    known = {s.id for s in sc.scenes} | {e.id for e in sc.endings}
    done = {e.id for e in sc.endings}
    waiting: dict[str, list] = {}  # node -> scenes that wait for it
    missing: dict[str, int] = {}  # goto scene -> branch targets not yet known to finish
    for s in sc.scenes:
        if s.choices:
            for c in s.choices:
                if c.cond is None and c.goto.id in known:
                    waiting.setdefault(c.goto.id, []).append(s.id)
        else:
            targets = {b.target.id for b in s.goto}
            if targets and targets <= known:
                missing[s.id] = len(targets)
                for t in targets:
                    waiting.setdefault(t, []).append(s.id)
    queue = deque(done)
    while queue:
        for s in waiting.get(queue.popleft(), ()):
            if s in done:
                continue
            if s in missing:
                missing[s] -= 1
                if missing[s]:
                    continue
            done.add(s)
            queue.append(s)
    return done


def never_on_screen_message(choice: str, why: str) -> str:
    return f"choice '{choice}' is never on screen, so no path takes it to an ending: {why}"


#: Unknown flags one condition may read before ``check_never_on_screen`` stops trying their values and says "maybe".
_MAX_UNKNOWN = 12


class _Abstract:
    """What ``check_never_on_screen`` knows of the flags at one point: each is False, True or unknown (None).

    Flags start False (unset). A condition can hold if some values of its
    unknown flags make ``conditions.evaluate`` say so: the same function the
    interpreter uses, so the two cannot disagree about what a condition means.
    """

    def __init__(self, flags: list[str]) -> None:
        self.flags = flags

    def holds(self, cond: Cond | None, state: dict, want: bool) -> bool:
        """Whether ``cond`` can come out ``want`` in some concrete state that ``state`` allows."""
        if cond is None:
            return want
        names = list(dict.fromkeys(f.name for f in flags_read(cond)))
        unknown = [n for n in names if state.get(n, False) is None]
        if len(unknown) > _MAX_UNKNOWN:
            return True
        values = {n: bool(state.get(n, False)) for n in names}
        for bits in range(1 << len(unknown)):
            for i, n in enumerate(unknown):
                values[n] = bool(bits >> i & 1)
            if evaluate(cond, values) is want:
                return True
        return False

    @staticmethod
    def join(a: dict | None, b: dict) -> dict:
        if a is None:
            return dict(b)
        return {k: (v if b.get(k) == v else None) for k, v in a.items()}

    def run(self, steps: list[Step], state: dict) -> dict:
        """The flags after ``steps``: set steps set them, an if whose condition could go either way joins both branches."""
        for st in steps:
            if isinstance(st, SetFlags):
                for name, value, _ in st.values:
                    if name in state:
                        state[name] = value
            elif isinstance(st, If):
                can_hold, can_fail = self.holds(st.cond, state, True), self.holds(st.cond, state, False)
                if can_hold and can_fail:
                    state = self.join(self.run(st.then, dict(state)), self.run(st.otherwise, dict(state)))
                else:
                    state = self.run(st.then if can_hold else st.otherwise, state)
        return state


def check_never_on_screen(project: Project, report: Report) -> None:
    """TYG052 for a choice that is never on screen: its ``if`` never holds when its scene is shown,
    or the conditions on the way never let a player reach its scene.

    A forward pass over the story graph with each flag known to be false,
    true or either (joined where paths meet): linear in the story's size, so
    ``check`` can afford it on every build. It never reports a choice that
    some path shows; ``build.py coverage``'s full search of the flag states
    finds the rest (with the same code and message).
    """
    for sc in project.scenarios:
        _never_on_screen(sc, report)


def _never_on_screen(sc: Scenario, report: Report) -> None:
    if not any(c.cond is not None for s in sc.scenes for c in s.choices) and not any(
        b.cond is not None for s in sc.scenes for b in s.goto
    ):
        return  # nothing hides a choice
    read = sorted({f.name for s in sc.scenes for st in walk_steps(s.steps) if isinstance(st, If) for f in flags_read(st.cond)}
                  | {f.name for s in sc.scenes for c in s.choices for f in flags_read(c.cond)}
                  | {f.name for s in sc.scenes for b in s.goto for f in flags_read(b.cond)})
    ab = _Abstract(read)
    scenes = {s.id: s for s in sc.scenes}
    start = sc.start.id if sc.start else (sc.scenes[0].id if sc.scenes else None)
    if start not in scenes:
        return
    entry: dict[str, dict] = {start: dict.fromkeys(read, False)}
    after: dict[str, dict] = {}
    queue = deque([start])
    queued = {start}
    while queue:
        sid = queue.popleft()
        queued.discard(sid)
        scene = scenes[sid]
        state = after[sid] = ab.run(scene.steps, dict(entry[sid]))
        moves: list[tuple[str, dict]] = []
        for c in scene.choices:
            if ab.holds(c.cond, state, True):
                nxt = dict(state)
                for name, value, _ in c.sets.values if c.sets else ():
                    if name in nxt:
                        nxt[name] = value
                moves.append((c.goto.id, nxt))
        for b in scene.goto:
            if ab.holds(b.cond, state, True):
                moves.append((b.target.id, state))
                if not ab.holds(b.cond, state, False):
                    break  # always taken: the branches after it never are
        for target, nxt in moves:
            if target not in scenes:
                continue  # an ending
            joined = ab.join(entry.get(target), nxt)
            if joined != entry.get(target):
                entry[target] = joined
                if target not in queued:
                    queued.add(target)
                    queue.append(target)
    structural = StoryGraph.of(sc).reachable()
    for s in sc.scenes:
        if s.id not in structural:
            continue  # TYG014 says so
        for c in s.choices:
            if s.id not in after:
                why = f"no path reaches scene '{s.id}' (the conditions on the way never allow it)"
            elif not ab.holds(c.cond, after[s.id], True):
                why = f"its condition never holds when scene '{s.id}' is shown"
            else:
                continue
            report.items.append(_diag("TYG052", c.loc, never_on_screen_message(c.id, why)))


#: States ``build.py check`` searches per scenario, when a loop makes it search at all.
CHECK_MAX_STATES = 20_000


def check_winnable(project: Project, report: Report) -> None:
    """Report TYG044 for choices that lead where no ending can be reached.

    Only a loop can trap a player (the checks already give every scene a way
    on), so a scenario whose every reachable scene surely finishes is done in
    linear time; the others are searched, up to ``CHECK_MAX_STATES`` states
    (beyond that ``check`` says nothing, and ``build.py coverage`` reports it).
    """
    for sc in project.scenarios:
        if StoryGraph.of(sc).reachable() <= surely_finishing(sc):
            continue
        report.items.extend(examine(sc, CHECK_MAX_STATES, traps_only=True).problems)


# ------------------------------------------------------------------ planning


@dataclass
class Plan:
    """Paths for one scenario, and what they cannot cover."""

    scenario: Scenario
    findings: Findings
    paths: list[list[str]] = field(default_factory=list)
    endings: list[str] = field(default_factory=list)  # the ending each path reaches, as the plan predicts
    distinct_paths: int | None = 0  # start-to-ending paths in the story graph (None: unbounded, it loops)

    @property
    def complete(self) -> bool:
        return self.findings.graph.complete


def _walk(g: StateGraph, start: int, goal) -> list[tuple[int, object, int]] | None:
    """The fewest moves from ``start`` (through states that can still finish) to an edge ``goal(i, choice, j)`` accepts.

    Of the nearest such edges, the one that leads back the furthest (to the
    state found first from the story's start) wins: going back first keeps
    the choices ahead for later in the same path, where going ahead first
    would leave the way back for another path.
    """
    prev: dict[int, tuple[int, object, int] | None] = {start: None}
    level = [start]
    while level:
        best: tuple[int, object, int] | None = None
        ahead: list[int] = []
        for i in level:
            for choice, j in g.edges[i]:
                if j not in g.live:
                    continue
                if goal(i, choice, j):
                    if best is None or j < best[2]:
                        best = (i, choice, j)
                elif j not in prev:
                    prev[j] = (i, choice, j)
                    ahead.append(j)
        if best is not None:
            steps = [best]
            i = best[0]
            while prev[i] is not None:
                step = prev[i]
                steps.append(step)  # type: ignore[arg-type]
                i = step[0]  # type: ignore[index]
            steps.reverse()
            return steps
        level = ahead
    return None


def plan(sc: Scenario, max_states: int = MAX_STATES) -> Plan:
    """Greedy paths: from the start, go to the nearest choice not yet taken (or
    the nearest scene that shows an ``if`` branch's lines not yet shown), take
    it, repeat; then end.

    Each path ends at an ending not yet reached when one is in reach, else at
    the nearest one. Only states from which an ending can be reached are
    entered, so every path finishes.
    """
    f = examine(sc, max_states)
    p = Plan(sc, f, distinct_paths=StoryGraph.of(sc).count_paths())
    g = f.graph
    if not g.complete or 0 not in g.live:
        return p
    m = g.machine
    shows: list[set[int]] = []  # per state: the if branches with lines that it shows
    for i, state in enumerate(g.states):
        blocks: set[int] = set()
        if i in g.live and not g.is_ending(i):
            m.run_steps(m.scenes[m.node(state)], state // m.size, blocks)
        shows.append(blocks)
    todo_choices = set(f.takeable)
    todo_blocks = set().union(*shows)
    todo_endings = set(f.endings)

    def new(i: int, c, j: int) -> bool:
        return (c is not None and c.id in todo_choices) or bool(shows[j] & todo_blocks)

    while todo_choices or todo_blocks or todo_endings:
        here, path, scenes = 0, [], 1
        todo_blocks -= shows[0]
        while not g.is_ending(here):
            steps = None
            if (todo_choices or todo_blocks) and scenes < MAX_PATH_SCENES:
                steps = _walk(g, here, new)
            if steps is None and todo_endings:
                steps = _walk(g, here, lambda i, c, j: g.is_ending(j) and g.name(j) in todo_endings)
            if steps is None:
                steps = _walk(g, here, lambda i, c, j: g.is_ending(j))
            if steps is None:  # cannot happen from a live state; stop rather than loop
                return p
            for _, choice, j in steps:
                if choice is not None:
                    path.append(choice.id)  # type: ignore[attr-defined]
                    todo_choices.discard(choice.id)  # type: ignore[attr-defined]
                todo_blocks -= shows[j]
                here = j
                scenes += 1
        todo_endings.discard(g.name(here))
        p.paths.append(path)
        p.endings.append(g.name(here))
    return p


def plan_project(project: Project, max_states: int = MAX_STATES) -> list[Plan]:
    return [plan(sc, max_states) for sc in project.scenarios]
