"""What the story teaches: every catalogue item must be taught somewhere.

A learning item (red flag, safe action, upstander step, key message, adult
action) is taught by a choice's feedback; a help resource is shown by an
ending; a discussion question is asked by a ``discuss`` step. The matrix maps
each item to the places that teach it. These are folder-wide rules, so they
run only when a whole source folder is checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from tyg.compile.diagnostics import Report
from tyg.compile.nodes import LEARNING_SECTIONS, Discuss, Project, Scene, walk_steps

SECTION_TITLES = {sec.key: sec.singular for sec in LEARNING_SECTIONS} | {
    "resources": "help resource",
    "discussion_questions": "discussion question",
}
ORDER = (*(sec.key for sec in LEARNING_SECTIONS), "resources", "discussion_questions")


@dataclass
class Row:
    section: str
    id: str
    name: str
    places: list[str] = field(default_factory=list)  # "scenario/scene" where it is taught


def scene_teaches(scene: Scene) -> list[tuple[str, str]]:
    """(section, id) of each item a scene teaches, in order: its feedback's, then the questions it asks."""
    out = []
    for c in scene.choices:
        if c.feedback is not None:
            for key, refs in c.feedback.teaches.items():
                out += [(key, r.id) for r in refs]
    for st in walk_steps(scene.steps):
        if isinstance(st, Discuss) and st.asks is not None:
            out.append(("discussion_questions", st.asks.id))
    return out


def matrix(project: Project, teaches_of: Callable[[Scene], list[tuple[str, str]]] = scene_teaches) -> list[Row]:
    """Each catalogue item and the places that teach it. ``teaches_of``: where a scene's items
    come from (the build keeps those of scenes that did not change)."""
    cat = project.catalogue
    if cat is None:
        return []
    rows: dict[tuple[str, str], Row] = {}
    for key in ORDER:
        for item in cat.section(key):
            name = item.question.value if key == "discussion_questions" else item.name.value
            rows[(key, item.id)] = Row(key, item.id, name)

    seen: set[tuple[str, str, str]] = set()

    def taught(key: str, id_: str, place: str) -> None:
        row = rows.get((key, id_))
        if row is not None and (key, id_, place) not in seen:
            seen.add((key, id_, place))
            row.places.append(place)

    for sc in project.scenarios:
        for scene in sc.scenes:
            place = f"{sc.id}/{scene.id}"
            for key, id_ in teaches_of(scene):
                taught(key, id_, place)
        for e in sc.endings:
            for r in e.resources:
                taught("resources", r.id, f"{sc.id}/{e.id}")
    return list(rows.values())


def check_way_back(project: Project, report: Report) -> None:
    """A risky choice's feedback must leave the player a way back (TYG045).

    A teen who has just done the risky thing should finish the card with hope: the feedback
    must teach at least one key message marked ``way_back: true`` in the catalogue ("it is
    never too late to tell someone"). Per choice, so it runs on single files too.
    """
    if project.catalogue is None:
        return
    marked = [i.id for i in project.catalogue.key_messages if i.way_back]
    hint = f" ({', '.join(marked)})" if marked else "; mark one in catalogue.yaml with 'way_back: true'"
    for sc in project.scenarios:
        for scene in sc.scenes:
            for c in scene.choices:
                fb = c.feedback
                if c.kind != "risky" or fb is None:
                    continue
                if not any(r.id in marked for r in fb.teaches.get("key_messages", ())):
                    report.add(
                        "TYG045",
                        fb.loc,
                        f"risky choice '{c.id}' leaves no way back: its feedback teaches no key message "
                        f"marked way_back{hint}",
                    )


def check_teaching(project: Project, report: Report) -> None:
    check_way_back(project, report)
    if not project.whole or project.catalogue is None or not project.scenarios:
        return
    report_untaught(project.catalogue, matrix(project), report)


def report_untaught(catalogue, rows: list[Row], report: Report) -> None:
    """TYG040/TYG041 for each row of the matrix that nothing teaches."""
    locs = {(key, i.id): i.loc for key in ORDER for i in catalogue.section(key)}
    for row in rows:
        if row.places:
            continue
        loc = locs[(row.section, row.id)]
        if row.section == "discussion_questions":
            report.add("TYG041", loc, f"discussion question '{row.id}' is asked by no discuss step (add 'asks: {row.id}')")
        elif row.section == "resources":
            report.add("TYG040", loc, f"help resource '{row.id}' is shown by no ending")
        else:
            report.add("TYG040", loc, f"{SECTION_TITLES[row.section]} '{row.id}' is taught by no choice's feedback")


def render_matrix(rows: list[Row]) -> str:
    out = []
    for key in ORDER:
        section = [r for r in rows if r.section == key]
        if not section:
            continue
        out.append(f"{SECTION_TITLES[key]}s ({sum(1 for r in section if r.places)}/{len(section)} taught)")
        width = max(len(r.id) for r in section)
        for r in section:
            where = ", ".join(r.places) if r.places else "-- NOT TAUGHT --"
            out.append(f"  {r.id:<{width}}  {where}")
    return "\n".join(out)
