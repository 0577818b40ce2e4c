"""The story graph of one scenario, and the questions asked of it.

Nodes are scene and ending ids. Each choice, and each ``goto`` branch, is one
edge. Conditions are ignored here (every edge is assumed takeable), which is
the right approximation for structural checks; the reference interpreter
honours them.

Everything is iterative and linear in the size of the graph: no recursion
(10,000-scene stories must not hit Python's recursion limit) and no path
enumeration.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from tyg.compile.nodes import Scenario


@dataclass
class StoryGraph:
    start: str | None
    endings: set[str]
    edges: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, sc: Scenario) -> "StoryGraph":
        known = {s.id for s in sc.scenes} | {e.id for e in sc.endings}
        edges: dict[str, list[str]] = {}
        for s in sc.scenes:
            targets = [c.goto.id for c in s.choices] + [b.target.id for b in s.goto]
            edges[s.id] = [t for t in targets if t in known]
        for e in sc.endings:
            edges.setdefault(e.id, [])
        start = sc.start.id if sc.start else (sc.scenes[0].id if sc.scenes else None)
        if start not in known:
            start = None
        return cls(start, {e.id for e in sc.endings}, edges)

    def reachable(self) -> set[str]:
        """Nodes reachable from the start."""
        if self.start is None:
            return set()
        seen = {self.start}
        queue = deque([self.start])
        while queue:
            for t in self.edges[queue.popleft()]:
                if t not in seen:
                    seen.add(t)
                    queue.append(t)
        return seen

    def can_finish(self) -> set[str]:
        """Nodes from which some ending can be reached."""
        back: dict[str, list[str]] = {n: [] for n in self.edges}
        for n, ts in self.edges.items():
            for t in ts:
                back[t].append(n)
        seen = set(self.endings)
        queue = deque(self.endings)
        while queue:
            for p in back[queue.popleft()]:
                if p not in seen:
                    seen.add(p)
                    queue.append(p)
        return seen

    def cycles(self) -> list[list[str]]:
        """Strongly connected components that contain a cycle (Tarjan, iteratively)."""
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        on_stack: set[str] = set()
        stack: list[str] = []
        out: list[list[str]] = []
        counter = 0
        for root in self.edges:
            if root in index:
                continue
            work = [(root, 0)]
            while work:
                node, i = work.pop()
                if i == 0:
                    index[node] = low[node] = counter
                    counter += 1
                    stack.append(node)
                    on_stack.add(node)
                targets = self.edges[node]
                if i < len(targets):
                    work.append((node, i + 1))
                    t = targets[i]
                    if t not in index:
                        work.append((t, 0))
                    elif t in on_stack:
                        low[node] = min(low[node], index[t])
                    continue
                if low[node] == index[node]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        comp.append(w)
                        if w == node:
                            break
                    if len(comp) > 1 or node in self.edges[node]:
                        out.append(comp)
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
        return out

    def count_paths(self) -> int | None:
        """Distinct start-to-ending paths, by dynamic programming over the graph.

        Returns None when a loop lies on some path to an ending (the count is
        unbounded). Nodes that cannot finish contribute nothing.
        """
        if self.start is None:
            return 0
        live = self.reachable() & self.can_finish()
        if self.start not in live:
            return 0
        indegree = {n: 0 for n in live}
        for n in live:
            for t in self.edges[n]:
                if t in live:
                    indegree[t] += 1
        order = [n for n in live if indegree[n] == 0]
        i = 0
        while i < len(order):
            for t in self.edges[order[i]]:
                if t in live:
                    indegree[t] -= 1
                    if indegree[t] == 0:
                        order.append(t)
            i += 1
        if len(order) < len(live):
            return None
        paths: dict[str, int] = {}
        for n in reversed(order):
            if n in self.endings:
                paths[n] = 1
            else:
                paths[n] = sum(paths[t] for t in self.edges[n] if t in live)
        return paths[self.start]
