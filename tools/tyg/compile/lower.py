"""Stage 3: lower checked nodes into ``ir`` modules, one per generated file.

Naming is the only place that knows how author ids become Ren'Py names. Ids
never contain a double underscore (``load.ID_RE``), so joining with ``__``
behind a fixed ``tyg_`` prefix can collide neither with Ren'Py's special
labels (start, quit, main_menu, after_load, ...) nor across scenarios.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from tyg.compile import ir
from tyg.compile.diagnostics import Loc
from tyg.compile.nodes import (
    LEARNING_SECTIONS,
    Catalogue,
    Chat,
    Cond,
    Discuss,
    FlagExpr,
    If,
    Narrate,
    NotExpr,
    Project,
    Say,
    Scenario,
    SetFlags,
    Step,
    walk_steps,
)

GENERATED_DIR = "generated"
NARRATOR = "tyg_narrator"


class Names:
    """Ren'Py names for one scenario's objects."""

    def __init__(self, scenario_id: str) -> None:
        self.sid = scenario_id

    @property
    def scenario(self) -> str:
        return f"tyg_sc__{self.sid}"

    @property
    def entry(self) -> str:
        return f"tyg_s__{self.sid}"

    def node(self, scene_or_ending: str) -> str:
        return f"tyg_s__{self.sid}__{scene_or_ending}"

    def decision(self, scene: str) -> str:
        """The label reached just before a scene's choices show."""
        return f"tyg_s__{self.sid}__{scene}__choose"

    def speaker(self, character: str) -> str:
        return f"tyg_c__{self.sid}__{character}"

    def sender(self, character: str) -> str:
        return f"tyg_m__{self.sid}__{character}"

    def feedback(self, choice: str) -> str:
        return f"tyg_fb__{self.sid}__{choice}"

    def ending(self, ending: str) -> str:
        return f"tyg_end__{self.sid}__{ending}"


class StepNames:
    """Stable names for the places in one scene where the player can stop.

    Ren'Py names a statement from its file, the compile time and a serial
    number, and Debian's engine keeps no .rpyc, so those names change at every
    build (and every start). A save records the statement it stopped at, so
    the places a save can stop at get names of their own, made from the YAML:

    * a line: ``<scenario>__<scene>__<digest>``, the digest being 8 hex digits
      of the SHA-1 of the line's text (the same text again in the scene:
      ``_2``, ``_3``... in source order). The say statement's ``id`` clause
      (and so the translation identifier) and, behind ``tyg_l__``, a label
      just before the line;
    * a choice taken: ``tyg_l__<scenario>__<scene>__<choice>__chosen``;
    * a discussion: ``tyg_l__<scenario>__<scene>__<discussion>`` before the
      call and ``...__after`` after it (the return site a save keeps).

    Why content and not position: a position (the 5th line of the scene)
    moves when a line is added or removed above it, and then a save resumes
    on the wrong line and a translation shows under the wrong text. A digest
    of the text stays put whatever else changes; only the edited line itself
    gets a new id, so its old translation is not shown for new text and a
    save stopped on it shows "this story was updated" rather than a wrong line.
    Author ids never contain ``__`` (``load.ID_RE``) and a digest never
    does, so the names cannot collide: a line's has three parts after the
    prefix, a choice's and a discussion's four or five.
    """

    def __init__(self, scenario_id: str, scene_id: str) -> None:
        self.base = f"{scenario_id}__{scene_id}"
        self.seen: Counter[str] = Counter()

    def line(self, text: str) -> str:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        lid = f"{self.base}__{digest}"
        self.seen[lid] += 1
        return lid if self.seen[lid] == 1 else f"{lid}_{self.seen[lid]}"

    @staticmethod
    def label(line_id: str) -> str:
        return f"tyg_l__{line_id}"

    def chosen(self, choice: str) -> str:
        return f"tyg_l__{self.base}__{choice}__chosen"

    def discussion(self, did: str) -> tuple[str, str]:
        return f"tyg_l__{self.base}__{did}", f"tyg_l__{self.base}__{did}__after"


#: Scene locations, as authors write them, to the backgrounds in game/images/
#: (drawn by tools/make_art.py): the first key found in the place wins.
BACKGROUNDS = [
    ("bedroom", "bedroom"), ("room", "bedroom"),
    ("kitchen", "kitchen"), ("home", "kitchen"), ("house", "kitchen"),
    ("hall", "hallway"), ("school", "hallway"), ("class", "hallway"), ("cafeteria", "hallway"),
    ("park", "park"), ("outside", "park"),
    ("office", "office"), ("club", "office"), ("counsel", "office"),
    ("phone", "phone"),
]  # fmt: skip
#: A calm plain background for places with no picture (game/tyg_runtime.rpy).
PLAIN_BACKGROUND = "tyg_background"


def background(place: str) -> str:
    """The Ren'Py image shown for a scene's location, resolved at build time (so lint and prediction see it)."""
    words = place.lower()
    return next((f"bg {bg}" for key, bg in BACKGROUNDS if key in words), PLAIN_BACKGROUND)


def discussion_name(did: str) -> str:
    return f"tyg_dq__{did}"


_PREFIX = {sec.key: sec.prefix for sec in LEARNING_SECTIONS} | {"resources": "tyg_res"}


def catalogue_name(section: str, item: str) -> str:
    return f"{_PREFIX[section]}__{item}"


def scenario_filename(scenario_id: str) -> str:
    return f"scenario_{scenario_id}.rpy"


def cond_py(cond: Cond) -> str:
    if isinstance(cond, FlagExpr):
        return f'tyg_flag("{cond.name}")'
    if isinstance(cond, NotExpr):
        return f"not {cond_py(cond.operand)}"
    joined = f" {cond.op} ".join(cond_py(c) for c in cond.operands)
    return f"({joined})"


def _sets(s: SetFlags | None) -> list[ir.SetFlag]:
    return [] if s is None else [ir.SetFlag(name, value, loc) for name, value, loc in s.values]


# ------------------------------------------------------------------ scenario


def lower_scenario(sc: Scenario) -> ir.Module:
    """The scenario's module: its head's defines, each scene's, its endings'; then the entry label,
    each scene's label and each ending's. ``scene_defines`` and ``scene_label`` are a scene's own
    part, which depends on nothing but the scenario's id and the scene (the build keeps the
    script of scenes that did not change: ``emit.scenario_parts``)."""
    mod = ir.Module(scenario_filename(sc.id), sc.file, f"scenario '{sc.id}'")
    mod.defines += head_defines(sc)
    for scene in sc.scenes:
        mod.defines += scene_defines(sc.id, scene)
    mod.defines += ending_defines(sc)
    mod.labels.append(entry_label(sc))
    mod.labels += [scene_label(sc.id, scene) for scene in sc.scenes]
    mod.labels += ending_labels(sc)
    return mod


def head_defines(sc: Scenario) -> list[ir.Define]:
    n = Names(sc.id)
    defines = [
        ir.Define(
            n.scenario,
            "TygScenario",
            [
                ("id", sc.id),
                ("title", ir.PyText(sc.title.value)),
                ("player_name", ir.PyText(sc.player_name.value)),
                ("player_age", sc.player_age),
                ("summary", ir.PyText(sc.summary.value)),
                ("content_note", ir.PyText(sc.content_note.value)),
                ("minutes", sc.measured_minutes or sc.minutes),  # measured by the build (play/words.py)
                ("label", n.entry),
            ],
            sc.loc,
        )
    ]
    for c in sc.characters:
        common: list[tuple[str | None, ir.PyValue]] = [
            (None, ir.PyText(c.name.value)),
            ("who_color", c.colour),
        ]
        defines.append(ir.Define(n.speaker(c.id), "Character", common + [("kind", ir.PyName("tyg_speaker"))], c.loc))
        side = "right" if c.role == "player" else "left"
        defines.append(
            ir.Define(
                n.sender(c.id),
                "Character",
                common
                + [
                    ("kind", ir.PyName("tyg_chat_speaker")),
                    ("show_tyg_side", side),
                    ("show_tyg_avatar", c.id),
                    ("show_tyg_role", c.role),
                ],
                c.loc,
            )
        )
    return defines


def scene_defines(scenario_id: str, scene: Scene) -> list[ir.Define]:
    """The scene's discussion prompts and feedback cards."""
    n = Names(scenario_id)
    defines = []
    for st in walk_steps(scene.steps):
        if isinstance(st, Discuss):
            defines.append(
                ir.Define(
                    discussion_name(st.id),
                    "TygDiscussion",
                    [
                        ("id", st.id),
                        ("scenario", scenario_id),
                        ("question", ir.PyText(st.question.value)),
                        ("notes", ir.PyText(st.notes.value)),
                        ("asks", st.asks.id if st.asks else None),
                    ],
                    st.loc,
                )
            )
    for c in scene.choices:
        fb = c.feedback
        assert fb is not None, "checked: every choice has feedback"
        defines.append(
            ir.Define(
                n.feedback(c.id),
                "TygFeedback",
                [
                    ("scenario", scenario_id),
                    ("scene", scene.id),
                    ("choice", c.id),
                    ("kind", c.kind),
                    ("choice_text", ir.PyText(c.text.value)),
                    ("title", ir.PyText(fb.title.value)),
                    ("happened", ir.PyText(fb.happened.value)),
                    ("why", ir.PyText(fb.why.value)),
                    ("safer", ir.PyText(fb.safer.value) if fb.safer else None),
                    *((sec.key, [r.id for r in fb.teaches[sec.key]]) for sec in LEARNING_SECTIONS),
                ],
                fb.loc,
            )
        )
    return defines


def ending_defines(sc: Scenario) -> list[ir.Define]:
    n = Names(sc.id)
    return [
        ir.Define(
            n.ending(e.id),
            "TygEnding",
            [
                ("scenario", sc.id),
                ("id", e.id),
                ("kind", e.kind),
                ("title", ir.PyText(e.title.value)),
                ("summary", ir.PyText(e.summary.value)),
                ("resources", [r.id for r in e.resources]),
            ],
            e.loc,
        )
        for e in sc.endings
    ]


def entry_label(sc: Scenario) -> ir.Label:
    n = Names(sc.id)
    start = sc.start.id if sc.start else sc.scenes[0].id
    entry_ops: list[ir.Op] = [ir.Begin(n.scenario, sc.loc), ir.Jump([(None, n.node(start))], sc.loc)]
    return ir.Label(n.entry, f"start of scenario '{sc.id}'", entry_ops, sc.loc)


def scene_label(scenario_id: str, scene: Scene) -> ir.Label:
    n = Names(scenario_id)
    steps = StepNames(scenario_id, scene.id)
    ops = [ir.Location(scene.location, scene.loc, background(scene.location))] if scene.location else []
    ops += _lower_steps(scene.steps, n, steps)
    if scene.choices:
        items = [
            ir.MenuItem(
                text=c.text.value,
                cond=cond_py(c.cond) if c.cond else None,
                feedback=n.feedback(c.id),
                sets=_sets(c.sets),
                target=n.node(c.goto.id),
                loc=c.loc,
                reply=c.reply,
                label=steps.chosen(c.id),
            )
            for c in scene.choices
        ]
        prompt = scene.prompt.value if scene.prompt else None
        prompt_id = steps.line(prompt) if prompt is not None else ""
        ops.append(ir.Menu(prompt, items, scene.loc, n.decision(scene.id), prompt_id))
    else:
        ops.append(ir.Jump([(cond_py(b.cond) if b.cond else None, n.node(b.target.id)) for b in scene.goto], scene.loc))
    return ir.Label(n.node(scene.id), f"scene '{scene.id}'", ops, scene.loc)


def ending_labels(sc: Scenario) -> list[ir.Label]:
    n = Names(sc.id)
    return [ir.Label(n.node(e.id), f"ending '{e.id}'", [ir.Ending(n.ending(e.id), e.loc)], e.loc) for e in sc.endings]


def _line(speaker: str, text: str, loc: Loc, steps: StepNames) -> ir.Line:
    lid = steps.line(text)
    return ir.Line(speaker, text, loc, lid, steps.label(lid))


def _lower_steps(steps: list[Step], n: Names, names: StepNames) -> list[ir.Op]:
    ops: list[ir.Op] = []
    for st in steps:
        if isinstance(st, Narrate):
            ops.append(_line(NARRATOR, st.text.value, st.loc, names))
        elif isinstance(st, Say):
            ops.append(_line(n.speaker(st.who.id), st.text.value, st.loc, names))
        elif isinstance(st, Chat):
            ops.append(_line(n.sender(st.sender.id), st.text.value, st.loc, names))
        elif isinstance(st, SetFlags):
            ops.extend(_sets(st))
        elif isinstance(st, If):
            then = _lower_steps(st.then, n, names)
            otherwise = _lower_steps(st.otherwise, n, names)
            ops.append(ir.IfOp(cond_py(st.cond), then, otherwise, st.loc))
        elif isinstance(st, Discuss):
            before, after = names.discussion(st.id)
            ops.append(ir.CallLabel("tyg_discuss", discussion_name(st.id), st.loc, before, after))
    return ops


# ------------------------------------------------------------------ catalogue and index


def lower_catalogue(cat: Catalogue | None, source: str) -> ir.Module:
    mod = ir.Module("catalogue.rpy", source, "the shared catalogue")
    if cat is None:
        cat = Catalogue(source)
    for sec in LEARNING_SECTIONS:
        for item in cat.section(sec.key):
            mod.defines.append(
                ir.Define(
                    catalogue_name(sec.key, item.id),
                    "TygItem",
                    [("id", item.id), ("name", ir.PyText(item.name.value)), ("explain", ir.PyText(item.explain.value))],
                    item.loc,
                )
            )
    for r in cat.resources:
        mod.defines.append(
            ir.Define(
                catalogue_name("resources", r.id),
                "TygResource",
                [
                    ("id", r.id),
                    ("name", ir.PyText(r.name.value)),
                    ("explain", ir.PyText(r.explain.value)),
                    ("country", r.country),
                    ("url", ir.PyText(r.url, translate=False) if r.url else None),
                    ("phone", ir.PyText(r.phone) if r.phone else None),
                    ("sms", ir.PyText(r.sms) if r.sms else None),
                ],
                r.loc,
            )
        )
    loc = Loc(source)
    for var, section in (*((f"tyg_{sec.key}", sec.key) for sec in LEARNING_SECTIONS), ("tyg_resources", "resources")):
        names = [ir.PyName(catalogue_name(section, i.id)) for i in getattr(cat, section)]
        mod.defines.append(ir.Define(var, "TygIndex", [(None, names)], loc, priority=5))
    return mod


def lower_index(project: Project, source: str) -> ir.Module:
    mod = ir.Module("index.rpy", source, "the list of scenarios")
    in_menu_order = sorted(project.scenarios, key=lambda sc: (sc.order is None, sc.order or 0, sc.id))
    names = [ir.PyName(Names(sc.id).scenario) for sc in in_menu_order]
    mod.defines.append(ir.Define("tyg_scenarios", "list", [(None, names)], Loc(source), priority=5))
    return mod


def lower_project(project: Project, catalogue_source: str) -> list[ir.Module]:
    mods = [lower_catalogue(project.catalogue, catalogue_source), lower_index(project, project.root)]
    mods.extend(lower_scenario(sc) for sc in project.scenarios)
    return mods
