"""Stage 2: check references and the story graph of a loaded project.

Each rule reports with its own code (see ``diagnostics.CODES``). Checks never
raise for an author's mistake; they only add to the report.
"""

from __future__ import annotations

from tyg.compile.conditions import flags_read
from tyg.compile.diagnostics import Loc, Report
from tyg.compile.graph import StoryGraph
from tyg.compile.nodes import LEARNING_SECTIONS, Chat, Choice, Discuss, If, Project, Say, Scenario, SetFlags, walk_steps


def check_project(project: Project, report: Report) -> None:
    _check_unique_globals(project, report)
    for sc in project.scenarios:
        _check_scenario(project, sc, report)


def _unique(report: Report, what: str, items) -> None:
    """Report every repeat of an id, pointing back to the first."""
    first: dict[str, Loc] = {}
    for id_, loc in items:
        if id_ in first:
            report.add("TYG011", loc, f"duplicate {what} id '{id_}' (first defined at {first[id_]})")
        else:
            first[id_] = loc


def discussion_prompts(sc: Scenario) -> list[tuple[str, Loc]]:
    """(id, place) of each discuss step in a scenario: their ids are unique project-wide."""
    return [(st.id, st.loc) for scene in sc.scenes for st in walk_steps(scene.steps) if isinstance(st, Discuss)]


def _check_unique_globals(project: Project, report: Report) -> None:
    check_unique_globals(
        [(s.id, s.loc) for s in project.scenarios],
        [p for s in project.scenarios for p in discussion_prompts(s)],
        project.catalogue,
        report,
    )


def check_unique_globals(scenarios: list[tuple[str, Loc]], prompts: list[tuple[str, Loc]], cat, report: Report) -> None:
    """Project-wide ids: scenarios, discussion prompts and the catalogue's lists (the build
    cache calls this with ids kept from each file, without the files' trees)."""
    _unique(report, "scenario", scenarios)
    _unique(report, "discussion prompt", prompts)
    if cat is not None:
        for sec in LEARNING_SECTIONS:
            _unique(report, sec.singular, ((i.id, i.loc) for i in cat.section(sec.key)))
        _unique(report, "resource", ((i.id, i.loc) for i in cat.resources))
        _unique(report, "discussion question", ((q.id, q.loc) for q in cat.discussion_questions))


def _check_scenario(project: Project, sc: Scenario, report: Report) -> None:
    _unique(report, "character", ((c.id, c.loc) for c in sc.characters))
    _unique(report, "scene or ending", [(s.id, s.loc) for s in sc.scenes] + [(e.id, e.loc) for e in sc.endings])
    _unique(report, "choice", ((c.id, c.loc) for s in sc.scenes for c in s.choices))

    targets = {s.id for s in sc.scenes} | {e.id for e in sc.endings}
    characters = {c.id for c in sc.characters}
    used_characters: set[str] = set()
    flags_set: set[str] = set()
    reads = []

    if sc.start is not None and sc.start.id not in {s.id for s in sc.scenes}:
        report.add("TYG012", sc.start.loc, f"start scene '{sc.start.id}' is not a scene of scenario '{sc.id}'")
    if not sc.scenes:
        report.add("TYG015", sc.loc, f"scenario '{sc.id}' has no scenes")

    def note_sets(sets: SetFlags | None) -> None:
        if sets is not None:
            flags_set.update(name for name, _, _ in sets.values)

    for scene in sc.scenes:
        for st in walk_steps(scene.steps):
            if isinstance(st, (Say, Chat)):
                who = st.who if isinstance(st, Say) else st.sender
                used_characters.add(who.id)
                if who.id not in characters:
                    report.add("TYG013", who.loc, f"unknown character '{who.id}'{_did_you_mean(who.id, characters)}")
            elif isinstance(st, SetFlags):
                note_sets(st)
            elif isinstance(st, If):
                reads.extend(flags_read(st.cond))
            elif isinstance(st, Discuss) and st.asks is not None:
                _check_refs(project, [st.asks], "discussion_questions", "TYG034", "discussion question", report)
        for b in scene.goto:
            reads.extend(flags_read(b.cond))
            if b.target.id not in targets:
                report.add(
                    "TYG012",
                    b.target.loc,
                    f"scene '{scene.id}' goes to unknown scene '{b.target.id}'{_did_you_mean(b.target.id, targets)}",
                )
        for c in scene.choices:
            _check_choice(project, c, targets, report)
            reads.extend(flags_read(c.cond))
            note_sets(c.sets)
        if not scene.choices and not scene.goto:
            report.add(
                "TYG015",
                scene.loc,
                f"scene '{scene.id}' is a dead end: give it choices, or a goto to a scene or ending",
            )
        elif scene.choices and all(c.cond is not None for c in scene.choices):
            report.add(
                "TYG015",
                scene.loc,
                f"every choice in scene '{scene.id}' has a condition; when none holds the player is stuck",
            )

    for flag in reads:
        if flag.name not in flags_set:
            report.add("TYG021", flag.loc, f"flag '{flag.name}' is read but never set in scenario '{sc.id}'")

    for ch in sc.characters:
        if ch.id not in used_characters and ch.role != "player":
            report.add("TYG025", ch.loc, f"character '{ch.id}' never speaks or sends a message")

    for e in sc.endings:
        if not e.resources:
            report.add("TYG020", e.loc, f"ending '{e.id}' shows no help resources; every ending must lead to help")
        _check_refs(project, e.resources, "resources", "TYG019", "help resource", report)

    _check_graph(sc, report)


def _check_choice(project: Project, c: Choice, targets: set[str], report: Report) -> None:
    if c.goto.id not in targets:
        report.add(
            "TYG012",
            c.goto.loc,
            f"choice '{c.id}' goes to unknown scene '{c.goto.id}'{_did_you_mean(c.goto.id, targets)}",
        )
    if c.feedback is None:
        report.add(
            "TYG016", c.loc, f"choice '{c.id}' has no feedback; every decision is followed by a feedback screen"
        )
        return
    for sec in LEARNING_SECTIONS:
        _check_refs(project, c.feedback.teaches[sec.key], sec.key, sec.unknown_code, sec.singular, report)


def _check_refs(project: Project, refs, section: str, code: str, what: str, report: Report) -> None:
    if project.catalogue is None:
        return  # already reported as TYG023
    known = {i.id for i in getattr(project.catalogue, section)}
    for r in refs:
        if r.id not in known:
            report.add(code, r.loc, f"unknown {what} '{r.id}'{_did_you_mean(r.id, known)}")


def _did_you_mean(word: str, options: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _check_graph(sc: Scenario, report: Report) -> None:
    graph = StoryGraph.of(sc)
    if graph.start is None:
        return
    reachable = graph.reachable()
    for s in sc.scenes:
        if s.id not in reachable:
            report.add("TYG014", s.loc, f"no path reaches scene '{s.id}'")
    for e in sc.endings:
        if e.id not in reachable:
            report.add("TYG026", e.loc, f"no path reaches ending '{e.id}'")
    finishing = graph.can_finish()
    locs = {s.id: s.loc for s in sc.scenes}
    order = {s.id: i for i, s in enumerate(sc.scenes)}
    for comp in graph.cycles():
        if any(n in finishing for n in comp) or not any(n in reachable for n in comp):
            continue
        comp.sort(key=order.__getitem__)
        names = ", ".join(f"'{n}'" for n in comp)
        report.add(
            "TYG022",
            locs[comp[0]],
            f"scenes {names} loop with no way out to an ending" if len(comp) > 1
            else f"scene '{comp[0]}' loops to itself with no way out to an ending",
        )
