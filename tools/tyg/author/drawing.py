"""A scenario's branching as a picture: Graphviz DOT, SVG (Debian's ``dot``) and Mermaid text.

    python3 build.py graph niko                 # out/graph/niko.dot, niko.svg, niko.mmd
    python3 build.py graph sample tests/sample --to mermaid    # print Mermaid, for a README or wiki

What is drawn, from the checked story:

* a scene is a box with its id (and its prompt when it asks the player);
  a scene with a ``discuss`` step has a note beside it with the question;
* an ending is a double-bordered box coloured by its kind (safe, supported,
  upstander, learning), with its title;
* a choice is an arrow coloured and styled by its kind (safer: green, solid;
  risky: red, dashed; neutral: grey), labelled with its id, its ``if:``
  condition and the flags it sets; a scene's ``goto`` is a thin black arrow
  labelled with its branch condition;
* what a player can never get through stands out in dark red: a scene no
  path reaches (UNREACHABLE), a choice that is never on screen or leads
  where no ending can be reached (the state search of ``play/coverage.py``,
  which follows the flags), and an ending no path reaches.

A legend is drawn with every picture. Output is deterministic: the same story
gives the same bytes. The facilitator guide embeds the SVG maps
(``svg_for_guide``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field

from tyg.compile.nodes import BoolOp, Cond, Discuss, FlagExpr, NotExpr, Scenario, walk_steps

CHOICE_STYLE = {  # kind -> (colour, DOT style, Mermaid stroke dash)
    "safer": ("#1b7f3b", "solid", ""),
    "risky": ("#c62828", "dashed", "stroke-dasharray: 6 4"),
    "neutral": ("#5f6b7a", "solid", ""),
}
ENDING_FILL = {"safe": "#c8e6c9", "supported": "#bbdefb", "upstander": "#e1bee7", "learning": "#ffe0b2"}
PROBLEM = "#8b0000"
PROBLEM_FILL = "#ffcdd2"
DISCUSS_FILL = "#fff9c4"


def cond_text(cond: Cond | None) -> str:
    """A condition as an author would write it."""
    if cond is None:
        return ""
    if isinstance(cond, FlagExpr):
        return cond.name
    if isinstance(cond, NotExpr):
        inner = cond_text(cond.operand)
        return f"not ({inner})" if isinstance(cond.operand, BoolOp) else f"not {inner}"
    parts = []
    for o in cond.operands:
        t = cond_text(o)
        parts.append(f"({t})" if isinstance(o, BoolOp) and o.op != cond.op else t)
    return f" {cond.op} ".join(parts)


@dataclass
class Problems:
    """What no player can get through, from the structure and from the flag-following search."""

    unreachable: set[str] = field(default_factory=set)  # scenes and endings no path reaches
    traps: set[str] = field(default_factory=set)  # scenes from which no ending can be reached
    never_shown: set[str] = field(default_factory=set)  # choice ids never on screen
    trap_choices: set[str] = field(default_factory=set)  # choice ids that lead where no ending can be reached
    searched: bool = True  # False when the state search was cut short: only structure is shown

    @classmethod
    def of(cls, sc: Scenario) -> "Problems":
        from tyg.compile.graph import StoryGraph
        from tyg.play.coverage import examine

        p = cls()
        reachable = StoryGraph.of(sc).reachable()
        p.unreachable = {s.id for s in sc.scenes if s.id not in reachable} | {e.id for e in sc.endings if e.id not in reachable}
        f = examine(sc)
        g = f.graph
        if not g.complete or g.machine.start < 0:
            p.searched = False
            return p
        shown = {c.id for out in g.edges for c, _ in out if c is not None}  # type: ignore[attr-defined]
        for s in sc.scenes:
            for c in s.choices:
                if c.id not in shown:
                    p.never_shown.add(c.id)
                elif c.id not in f.takeable:
                    p.trap_choices.add(c.id)
        visited = {g.name(i) for i in range(len(g.states))}
        p.unreachable |= {s.id for s in sc.scenes if s.id not in visited} | {e.id for e in sc.endings if e.id not in visited}
        p.traps = {s.id for s in sc.scenes if s.id in visited and s.id not in f.scenes}
        return p


@dataclass
class _Node:
    id: str
    label: list[str]
    kind: str  # "scene", "decision", "ending:<kind>", "note"
    problem: str = ""  # "", "UNREACHABLE", "NO WAY TO AN ENDING"


@dataclass
class _Edge:
    src: str
    dst: str
    label: list[str]
    kind: str  # a choice kind, "goto" or "note"
    problem: str = ""


def _wrap(text: str, width: int = 28) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width) or [""]


def _model(sc: Scenario, problems: Problems) -> tuple[list[_Node], list[_Edge]]:
    nodes: list[_Node] = []
    edges: list[_Edge] = []
    for s in sc.scenes:
        label = [s.id]
        if s.prompt is not None:
            label += _wrap(s.prompt.value)
        problem = "UNREACHABLE" if s.id in problems.unreachable else ("NO WAY TO AN ENDING" if s.id in problems.traps else "")
        nodes.append(_Node(s.id, label, "decision" if s.choices else "scene", problem))
        for st in walk_steps(s.steps):
            if isinstance(st, Discuss):
                note = f"talk__{st.id}"
                nodes.append(_Node(note, ["Talk about it:", *_wrap(st.question.value, 32)], "note"))
                edges.append(_Edge(note, s.id, [], "note"))
        for c in s.choices:
            label = [c.id]
            if c.cond is not None:
                label.append(f"if {cond_text(c.cond)}")
            if c.sets is not None and c.sets.values:
                label.append("set " + ", ".join(f"{n}={'true' if v else 'false'}" for n, v, _ in c.sets.values))
            problem = "never on screen" if c.id in problems.never_shown else ("trap" if c.id in problems.trap_choices else "")
            edges.append(_Edge(s.id, c.goto.id, label, c.kind, problem))
        for b in s.goto:
            edges.append(_Edge(s.id, b.target.id, [f"if {cond_text(b.cond)}"] if b.cond is not None else [], "goto"))
    for e in sc.endings:
        label = [f"END {e.id}", *_wrap(e.title.value), f"({e.kind})"]
        nodes.append(_Node(e.id, label, f"ending:{e.kind}", "UNREACHABLE" if e.id in problems.unreachable else ""))
    return nodes, edges


# ------------------------------------------------------------------ DOT


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _dot_label(lines: list[str]) -> str:
    return _q("\n".join(lines))


def to_dot(sc: Scenario, problems: Problems | None = None) -> str:
    problems = problems or Problems.of(sc)
    nodes, edges = _model(sc, problems)
    out = [
        f"// {sc.id}: made by build.py graph from {sc.file}; do not edit",
        f"digraph {_q(sc.id)} {{",
        f"  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=12, nodesep=0.35, ranksep=0.45, label={_q(sc.title.value)}, labelloc=t];",
        '  node [fontname="Helvetica", fontsize=10, shape=box, style="rounded,filled", fillcolor="#ffffff", color="#37474f"];',
        '  edge [fontname="Helvetica", fontsize=9, arrowsize=0.7];',
    ]
    for n in nodes:
        attrs: dict[str, str] = {"label": _dot_label([*n.label, *([n.problem] if n.problem else [])])}
        if n.kind == "decision":
            attrs["fillcolor"] = '"#eceff1"'
        elif n.kind == "note":
            attrs.update(shape="note", fillcolor=_q(DISCUSS_FILL), color='"#9e9d24"', fontsize="9")
        elif n.kind.startswith("ending:"):
            attrs.update(fillcolor=_q(ENDING_FILL.get(n.kind[7:], "#ffffff")), peripheries="2", style='"rounded,filled,bold"')
        if n.problem:
            attrs.update(color=_q(PROBLEM), fillcolor=_q(PROBLEM_FILL), fontcolor=_q(PROBLEM), penwidth="2.5",
                         style='"rounded,filled,dashed,bold"')
        out.append(f"  {_q(n.id)} [{', '.join(f'{k}={v}' for k, v in attrs.items())}];")
    for e in edges:
        attrs = {}
        if e.label or e.problem:
            attrs["label"] = _dot_label([*e.label, *([f"⚠ {e.problem}"] if e.problem else [])])
        if e.kind == "note":
            attrs.update(style="dotted", arrowhead="none", color='"#9e9d24"')
        elif e.kind == "goto":
            attrs.update(color='"#212121"', penwidth="1")
        else:
            colour, style, _ = CHOICE_STYLE.get(e.kind, ("#000000", "solid", ""))
            attrs.update(color=_q(colour), fontcolor=_q(colour), style=style, penwidth="2")
        if e.problem:
            attrs.update(color=_q(PROBLEM), fontcolor=_q(PROBLEM), style="dotted", penwidth="3")
        out.append(f"  {_q(e.src)} -> {_q(e.dst)} [{', '.join(f'{k}={v}' for k, v in attrs.items())}];")
    out += _dot_legend(problems)
    out.append("}")
    return "\n".join(out) + "\n"


def _dot_legend(problems: Problems) -> list[str]:
    rows = [
        f'<tr><td align="left"><font color="{CHOICE_STYLE["safer"][0]}">━━ safer choice</font></td></tr>',
        f'<tr><td align="left"><font color="{CHOICE_STYLE["risky"][0]}">╍╍ risky choice</font></td></tr>',
        f'<tr><td align="left"><font color="{CHOICE_STYLE["neutral"][0]}">━━ neutral choice</font></td></tr>',
        '<tr><td align="left">── goto (no choice)</td></tr>',
        *(f'<tr><td align="left" bgcolor="{fill}">ending: {kind}</td></tr>' for kind, fill in ENDING_FILL.items()),
        f'<tr><td align="left" bgcolor="{DISCUSS_FILL}">discussion prompt</td></tr>',
        f'<tr><td align="left" bgcolor="{PROBLEM_FILL}"><font color="{PROBLEM}">no player gets through</font></td></tr>',
    ]
    if not problems.searched:
        rows.append('<tr><td align="left">(conditions not searched: story too large)</td></tr>')
    table = '<<table border="0" cellborder="0" cellspacing="2"><tr><td><b>Key</b></td></tr>' + "".join(rows) + "</table>>"
    return [f'  "__legend" [shape=box, style="rounded", color="#b0bec5", label={table}];']


# ------------------------------------------------------------------ Mermaid


def _mid(s: str) -> str:
    return "n_" + re.sub(r"[^A-Za-z0-9_]", "_", s)


def _mtext(lines: list[str]) -> str:
    text = "<br/>".join(lines)
    return '"' + text.replace('"', "#quot;") + '"'


def to_mermaid(sc: Scenario, problems: Problems | None = None) -> str:
    problems = problems or Problems.of(sc)
    nodes, edges = _model(sc, problems)
    out = [f"%% {sc.id}: made by build.py graph from {sc.file}", "flowchart TD"]
    for n in nodes:
        label = _mtext([*n.label, *([n.problem] if n.problem else [])])
        if n.kind.startswith("ending:"):
            out.append(f"  {_mid(n.id)}([{label}])")
        elif n.kind == "note":
            out.append(f"  {_mid(n.id)}>{label}]")
        else:
            out.append(f"  {_mid(n.id)}[{label}]")
    styles = []
    for i, e in enumerate(edges):
        label = [*e.label, *([f"⚠ {e.problem}"] if e.problem else [])]
        arrow = "-.-" if e.kind == "note" else ("-.->" if e.kind == "risky" else "-->")
        text = f"|{_mtext(label)}|" if label else ""
        out.append(f"  {_mid(e.src)} {arrow}{text} {_mid(e.dst)}")
        if e.problem:
            styles.append(f"  linkStyle {i} stroke:{PROBLEM},stroke-width:3px,color:{PROBLEM}")
        elif e.kind in CHOICE_STYLE:
            colour, _, dash = CHOICE_STYLE[e.kind]
            styles.append(f"  linkStyle {i} stroke:{colour},stroke-width:2px,color:{colour}" + (f",{dash.replace(': ', ':')}" if dash else ""))
    out += styles
    out.append(f"  classDef problem fill:{PROBLEM_FILL},stroke:{PROBLEM},stroke-width:3px,stroke-dasharray: 5 3,color:{PROBLEM}")
    out.append(f"  classDef talk fill:{DISCUSS_FILL},stroke:#9e9d24")
    out.append("  classDef decision fill:#eceff1,stroke:#37474f")
    for kind, fill in ENDING_FILL.items():
        out.append(f"  classDef end_{kind} fill:{fill},stroke:#37474f,stroke-width:3px")
    for n in nodes:
        cls = "problem" if n.problem else {"note": "talk", "decision": "decision"}.get(n.kind, "")
        if n.kind.startswith("ending:") and not n.problem:
            cls = "end_" + n.kind[7:]
        if cls:
            out.append(f"  class {_mid(n.id)} {cls}")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ SVG


class NoGraphviz(RuntimeError):
    pass


def to_svg(dot_text: str) -> str:
    """The DOT text laid out by Graphviz's ``dot`` (Debian package ``graphviz``)."""
    exe = shutil.which("dot")
    if exe is None:
        raise NoGraphviz("the 'dot' program is missing: install Graphviz (sudo apt-get install graphviz, or bash tools/setup.sh)")
    proc = subprocess.run([exe, "-Tsvg"], input=dot_text.encode("utf-8"), capture_output=True, timeout=120)
    if proc.returncode != 0:
        raise NoGraphviz(f"dot failed: {proc.stderr.decode('utf-8', 'replace').strip()}")
    return proc.stdout.decode("utf-8")


def svg_for_guide(sc: Scenario) -> str:
    """The map as an inline <svg> element (no XML prolog), scaled to the page; '' without Graphviz."""
    try:
        svg = to_svg(to_dot(sc))
    except (NoGraphviz, OSError, subprocess.TimeoutExpired):
        return ""
    start = svg.find("<svg")
    svg = svg[start:]
    svg = re.sub(r'<svg width="[^"]*" height="[^"]*"', '<svg class="story-map" role="img"', svg, count=1)
    svg = re.sub(r"<!--.*?-->\n?", "", svg, flags=re.S)
    return re.sub(r' id="[^"]*"', "", svg)  # Graphviz's node1, edge1...: every map would repeat them


# ------------------------------------------------------------------ the command


def cmd_graph(args: argparse.Namespace) -> int:
    from tyg.cli import AUTHOR_ERROR, ENV_ERROR, OK, ROOT, _paths, _print_report
    from tyg.compile import pipeline

    source, _ = _paths(args)
    result = pipeline.check(source)
    project = result.project
    if project is None or any(d.code in ("TYG001", "TYG002", "TYG003") for d in result.report.errors) or (
        not project.scenarios
    ):
        _print_report(result, args.format)
        return AUTHOR_ERROR
    _print_report(result, "text")  # a story with errors is still drawn: the picture shows where
    sc = next((s for s in project.scenarios if s.id == args.scenario), None)
    if sc is None:
        print(f"no scenario '{args.scenario}'; there are: {', '.join(s.id for s in project.scenarios)}", file=sys.stderr)
        return ENV_ERROR
    problems = Problems.of(sc)
    dot = to_dot(sc, problems)
    if args.to == "dot":
        sys.stdout.write(dot)
        return OK
    mermaid = to_mermaid(sc, problems)
    if args.to == "mermaid":
        sys.stdout.write(mermaid)
        return OK
    out = args.out or os.path.join(ROOT, "out", "graph")
    try:
        svg = to_svg(dot)
    except NoGraphviz as exc:
        print(exc, file=sys.stderr)
        return ENV_ERROR
    os.makedirs(out, exist_ok=True)
    written = []
    for ext, text in (("dot", dot), ("svg", svg), ("mmd", mermaid)):
        path = os.path.join(out, f"{sc.id}.{ext}")
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        written.append(os.path.relpath(path))
    print(f"drew {sc.id}: {', '.join(written)}")
    return OK
