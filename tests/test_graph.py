"""The story graph: path counting by dynamic programming agrees with brute force, loops are found."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tyg.compile.graph import StoryGraph


def make(n_scenes, n_endings, edges):
    scenes = [f"s{i}" for i in range(n_scenes)]
    endings = {f"e{i}" for i in range(n_endings)}
    table = {s: [] for s in scenes}
    table.update({e: [] for e in endings})
    for a, b in edges:
        table[a].append(b)
    return StoryGraph(scenes[0] if scenes else None, endings, table)


def brute_paths(g, limit=100000):
    """Enumerate every start-to-ending walk; None if a walk can repeat a node and still finish."""
    finishing = g.can_finish()
    count = 0
    stack = [(g.start, (g.start,))]
    while stack:
        node, seen = stack.pop()
        if node in g.endings:
            count += 1
            continue
        for t in g.edges[node]:
            if t in seen and t in finishing:
                return None
            if t not in seen:
                stack.append((t, seen + (t,)))
        if count > limit:
            raise AssertionError("too many paths for a brute-force check")
    return count


@st.composite
def graphs(draw, acyclic):
    n = draw(st.integers(1, 7))
    k = draw(st.integers(1, 3))
    nodes = [f"s{i}" for i in range(n)] + [f"e{i}" for i in range(k)]
    edges = []
    for i in range(n):
        for _ in range(draw(st.integers(0, 3))):
            if acyclic:
                choices = [f"s{j}" for j in range(i + 1, n)] + [f"e{j}" for j in range(k)]
            else:
                choices = nodes
            edges.append((f"s{i}", draw(st.sampled_from(choices))))
    return make(n, k, edges)


@settings(max_examples=300, deadline=None)
@given(graphs(acyclic=True))
def test_path_count_matches_enumeration_on_dags(g):
    assert g.count_paths() == brute_paths(g)


@settings(max_examples=300, deadline=None)
@given(graphs(acyclic=False))
def test_path_count_is_unbounded_exactly_when_a_finishing_loop_is_reachable(g):
    assert g.count_paths() == brute_paths(g)


def test_diamond_chain_counts_without_enumerating():
    # 200 diamonds in a row: 2**200 paths, counted instantly.
    edges = []
    for i in range(200):
        a, l, r, b = f"s{3*i}", f"s{3*i+1}", f"s{3*i+2}", f"s{3*i+3}"
        edges += [(a, l), (a, r), (l, b), (r, b)]
    edges.append((f"s{600}", "e0"))
    g = make(601, 1, edges)
    assert g.count_paths() == 2**200


def test_cycles_reports_loops_and_self_loops_only():
    g = make(4, 1, [("s0", "s1"), ("s1", "s2"), ("s2", "s1"), ("s0", "s3"), ("s3", "s3"), ("s0", "e0")])
    comps = sorted(sorted(c) for c in g.cycles())
    assert comps == [["s1", "s2"], ["s3"]]


def brute_cycles(g) -> list[list[str]]:
    """Strongly connected components by mutual reachability, kept when they hold a cycle."""
    def reach(n):
        seen, todo = set(), [n]
        while todo:
            for t in g.edges[todo.pop()]:
                if t not in seen:
                    seen.add(t)
                    todo.append(t)
        return seen

    after = {n: reach(n) for n in g.edges}
    comps = {frozenset({n} | {m for m in after[n] if n in after[m]}) for n in g.edges}
    return sorted(sorted(c) for c in comps if len(c) > 1 or next(iter(c)) in after[next(iter(c))])


@settings(max_examples=400, deadline=None)
@given(graphs(acyclic=False))
def test_cycles_are_the_strongly_connected_components_that_hold_a_cycle(g):
    """Tarjan's search against brute force: every loop found, each once, whole, and nothing else
    (graphs whose nodes are met in every order, with edges across finished components)."""
    got = [sorted(c) for c in g.cycles()]
    assert sorted(got) == brute_cycles(g)
    assert len({n for c in got for n in c}) == sum(len(c) for c in got)  # no node in two


def test_deep_graph_needs_no_recursion():
    n = 50000
    edges = [(f"s{i}", f"s{i+1}") for i in range(n - 1)] + [(f"s{n-1}", "e0")]
    g = make(n, 1, edges)
    assert g.count_paths() == 1
    assert len(g.reachable()) == n + 1
    assert g.cycles() == []
