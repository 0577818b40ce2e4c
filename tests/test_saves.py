"""Saves and rollback survive a rebuild: real saves in the real engine, loaded by a fresh build.

Ren'Py names statements from file, compile time and serial number, and
Debian's engine keeps no .rpyc, so without names of our own every rebuild
(and every start) loses the place a save stopped at. The compiler gives each
place a stable label from the YAML (lower.StepNames); game/tyg_saves.rpy shows
a calm "this story was updated" card when the place is gone.

One engine run saves at five places in the sample (a line on the phone, a
discussion card, a feedback card, a line after an "if", a menu). Three more
runs each load all five from a build made in a fresh folder: (a) from the
same YAML, (b) with lines edited and added elsewhere, (c) with the scene and
the discussion the saves were in removed.

The saving build keeps a short rollback log, as a long story does once its
start has left the log: a save then holds only the last few places, so
nothing earlier can stand in for a place that is gone. In (c) some saves
find no place at all (Ren'Py's config.load_failed_label), others land on
an older place (our after-load check): both must show the card.
"""

from __future__ import annotations

import os
import shutil

import pytest

import enginekit
from tyg.compile import lower, pipeline

SAMPLE = os.path.join(enginekit.ROOT, "tests", "sample")

#: slot -> what the player had on screen when it was saved.
SAVED_AT = {
    "1-1": ("line", "Good thing I asked."),  # ava_chat, after an "if"
    "1-2": ("feedback", "ask_ava"),  # morning, the feedback card of a choice
    "1-3": ("label", "tyg_s__sample__ava_chat__choose"),  # ava_chat's menu
    "1-4": ("line", "who is this?"),  # morning, a chat message on the phone
    "1-5": ("discussion_card", "sample_q1"),  # morning, a discussion card (facilitator mode)
}

SAVE = """
testcase save_points:
    $ persistent.tyg_facilitator = True
    run Start("tyg_s__sample")
    "Next line"
    "Next line"
    $ tyg_save("1-4")
    "Next line"
    "Next line"
    $ tyg_save("1-5")
    "Continue"
    "Choice 2:"
    $ tyg_save("1-2")
    "Continue"
    "Next line"
    $ tyg_save("1-1")
    "Next line"
    $ tyg_save("1-3")
    $ renpy.quit()

init python:
    def tyg_save(slot):
        renpy.save(slot)
        tyg_trace("saved", slot=slot)

## As in a long story, the start of the play-through has left the rollback log.
define config.rollback_length = 4
"""

#: Load each slot in turn; after a load, note which screens are up. In the
#: "updated" card, take its button back to the main menu before the next load.
LOAD = """
testcase load_points:
{steps}
    $ renpy.quit()

init python:
    def tyg_where():
        tyg_trace("where", screens=[s for s in ("main_menu", "tyg_story_updated", "choice", "tyg_feedback",
            "tyg_discussion", "tyg_chat", "say") if renpy.get_screen(s)], main_menu=main_menu)
"""

LOAD_STEP = """
    $ tyg_trace("loading", slot="{slot}")
    run FileLoad({name}, page=1, confirm=False)
    $ tyg_where()
"""

BACK = """
    "Back to the main menu"
    $ tyg_where()
"""

#: After loading 1-1 in the unchanged build, one step of rollback.
ROLLBACK = """
    run Rollback()
    $ tyg_trace("rolled_back")
"""


def _edit(text: str, old: str, new: str, count: int = 1) -> str:
    assert text.count(old) == count, old
    return text.replace(old, new)


def edited_elsewhere(text: str) -> str:
    """A line changed and a line added before each place a save stopped at (same scenes)."""
    text = _edit(text, "It is Saturday morning.", "It is Sunday morning.")
    text = _edit(text, "Never heard of her. Her account is one day old.", "Never heard of her. Her account is two days old.")
    return _edit(
        text,
        "      - chat: sam\n        text: who is this?\n",
        "      - narrate: Sam frowns at the screen.\n      - chat: sam\n        text: who is this?\n",
    )


def scene_removed(text: str) -> str:
    """ava_chat (saves 1-1 and 1-3) is gone, morning's choices go on to pressure; the discussion (1-5) is another one."""
    start, end = text.index("  - id: ava_chat\n"), text.index("  - id: pressure\n")
    text = text[:start] + text[end:]
    text = _edit(text, "goto: ava_chat", "goto: pressure", count=2)
    return _edit(text, "id: sample_q1\n", "id: sample_q2\n")


def build_from(tmp, name: str, change=None) -> str:
    """The sample, changed by ``change``, compiled with the runtime into a fresh folder."""
    src = os.path.join(tmp, name + "-src")
    shutil.copytree(SAMPLE, src)
    if change is not None:
        path = os.path.join(src, "sample.yaml")
        with open(path, encoding="utf-8") as fh:
            text = change(fh.read())
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
    base = os.path.join(tmp, name)
    os.makedirs(base)
    return enginekit.stage_game(base, src)


def engine_ok(run) -> None:
    assert run.returncode == 0, run.output
    assert "--- traceback.txt" not in run.output and "--- errors.txt" not in run.output, run.output


@pytest.fixture(scope="module")
def saves(tmp_path_factory):
    """The save folder after one play-through that saved at every place in SAVED_AT."""
    tmp = str(tmp_path_factory.mktemp("saves"))
    base = build_from(tmp, "before")
    enginekit.add_script(base, "zz_save.rpy", SAVE)
    run = enginekit.run_engine(base, "test", "save_points", work=os.path.join(tmp, "play"))
    engine_ok(run)
    shown = {}  # slot -> the last thing shown before it was saved
    last = None
    for e in run.events:
        if e["event"] == "line":
            last = ("line", e["what"])
        elif e["event"] == "feedback":
            last = ("feedback", e["choice"])
        elif e["event"] == "discussion_card":
            last = ("discussion_card", e["id"])
        elif e["event"] == "label" and e["name"].endswith("__choose"):
            last = ("label", e["name"])
        elif e["event"] == "saved":
            shown[e["slot"]] = last
    assert shown == SAVED_AT  # the play-through really stopped where the test means it to
    return os.path.join(tmp, "play", "home", "saves")


def load_all(tmp, saves: str, base: str, back: tuple[str, ...] = (), rollback: str | None = None):
    """Load every slot in a fresh engine; returns the events after each load, by slot."""
    steps = []
    for slot in SAVED_AT:
        steps.append(LOAD_STEP.format(slot=slot, name=int(slot.split("-")[1])))
        if slot in back:
            steps.append(BACK)
        if slot == rollback:
            steps.append(ROLLBACK)
    enginekit.add_script(base, "zz_load.rpy", LOAD.format(steps="".join(steps)))
    work = os.path.join(tmp, os.path.basename(base) + "-play")
    shutil.copytree(saves, os.path.join(work, "home", "saves"))
    run = enginekit.run_engine(base, "test", "load_points", work=work)
    engine_ok(run)
    after: dict[str, list[dict]] = {}
    for e in run.events:
        if e["event"] == "loading":
            after[e["slot"]] = []
        elif after:
            after[list(after)[-1]].append(e)
    assert list(after) == list(SAVED_AT), run.output
    return after


def first_shown(events: list[dict]):
    """What the player sees first after a load (a line, card or menu), as in SAVED_AT."""
    for e in events:
        if e["event"] == "line":
            return ("line", e["what"])
        if e["event"] == "feedback":
            return ("feedback", e["choice"])
        if e["event"] == "discussion_card":
            return ("discussion_card", e["id"])
        if e["event"] == "label" and e["name"].endswith("__choose"):
            return ("label", e["name"])
        if e["event"] in ("story_updated", "begin"):
            return (e["event"], None)
    return None


def assert_resumed(after: dict[str, list[dict]], slots) -> None:
    for slot in slots:
        events = after[slot]
        assert first_shown(events) == SAVED_AT[slot], (slot, events)
        assert not [e for e in events if e["event"] in ("begin", "story_updated", "place_gone")], (slot, events)


def test_unchanged_rebuild_resumes_every_save_and_rollback_goes_on(saves, tmp_path):
    base = build_from(str(tmp_path), "same")
    after = load_all(str(tmp_path), saves, base, rollback="1-1")
    assert_resumed(after, SAVED_AT)
    # Rolling back from the loaded save goes to the line before it, as in the game that saved.
    events = after["1-1"]
    i = next(i for i, e in enumerate(events) if e["event"] == "rolled_back")
    back = [e["what"] for e in events[:i] if e["event"] == "line"]
    assert back[-1] == "Never heard of her. Her account is one day old.", events


def test_rebuild_with_lines_changed_elsewhere_resumes_at_the_same_place(saves, tmp_path):
    base = build_from(str(tmp_path), "edited", edited_elsewhere)
    after = load_all(str(tmp_path), saves, base)
    assert_resumed(after, SAVED_AT)


def test_rebuild_without_the_saved_scene_shows_the_updated_card(saves, tmp_path):
    base = build_from(str(tmp_path), "removed", scene_removed)
    gone = ("1-1", "1-3", "1-5")
    after = load_all(str(tmp_path), saves, base, back=gone)
    # The places that still exist resume as before.
    assert_resumed(after, [s for s in SAVED_AT if s not in gone])
    for slot in gone:
        events = after[slot]
        assert first_shown(events) == ("story_updated", None), (slot, events)
        wheres = [e for e in events if e["event"] == "where"]
        assert wheres[0]["screens"] == ["tyg_story_updated"], (slot, events)
        card = [e for e in events if e["event"] == "screen" and e["screen"] == "tyg_story_updated"]
        assert card and "This story was updated" in card[0]["texts"], events
        # Its one button goes back to the main menu, with no trace of the old story.
        assert wheres[1]["main_menu"] and "main_menu" in wheres[1]["screens"], (slot, events)
        assert not [e for e in events if e["event"] in ("line", "begin")], (slot, events)
    # Both ways to the card were taken: nothing left to go back to, and an older place than the save's.
    by_check = {slot for slot in gone if any(e["event"] == "place_gone" for e in after[slot])}
    assert by_check and by_check != set(gone), after


# ------------------------------------------------------------------ the ids themselves (no engine)


def _ids(text: str) -> dict[str, str]:
    """Line id -> the line's text, for the sample's YAML text."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "src")
        shutil.copytree(SAMPLE, src)
        with open(os.path.join(src, "sample.yaml"), "w", encoding="utf-8") as fh:
            fh.write(text)
        result = pipeline.build(src, os.path.join(tmp, "game"))
        assert result.ok, result.report.render_text()
        mods = lower.lower_project(result.project, os.path.join(src, "catalogue.yaml"))
    out: dict[str, str] = {}

    def visit(ops):
        for op in ops:
            if hasattr(op, "id") and hasattr(op, "text"):
                assert op.id not in out, op.id
                out[op.id] = op.text
            if hasattr(op, "prompt_id") and op.prompt is not None:
                out[op.prompt_id] = op.prompt
            for sub in ("then", "otherwise"):
                visit(getattr(op, sub, []))

    for mod in mods:
        for label in mod.labels:
            visit(label.ops)
    return out


def _sample() -> str:
    with open(os.path.join(SAMPLE, "sample.yaml"), encoding="utf-8") as fh:
        return fh.read()


def test_line_ids_are_renpy_names_unique_and_the_same_on_every_build():
    ids = _ids(_sample())
    assert len(ids) == 9
    assert all(lid.isidentifier() and lid.startswith("sample__") for lid in ids)
    assert _ids(_sample()) == ids


def test_an_unchanged_line_keeps_its_id_when_lines_around_it_change():
    before = _ids(_sample())
    after = _ids(edited_elsewhere(_sample()))
    kept = {lid: t for lid, t in before.items() if lid in after}
    assert all(after[lid] == t for lid, t in kept.items())
    # Every line whose text did not change kept its id; the two edited lines got new ones, the added one its own.
    assert set(before.values()) - set(kept.values()) == {
        "It is Saturday morning. Sam's phone buzzes.",
        "Never heard of her. Her account is one day old.",
    }
    assert len(after) == len(before) + 1


def test_the_same_text_twice_in_a_scene_gets_two_ids():
    text = _edit(
        _sample(),
        "      - chat: sam\n        text: who is this?\n",
        "      - chat: sam\n        text: who is this?\n      - narrate: who is this?\n",
    )
    ids = _ids(text)
    same = sorted(lid for lid, t in ids.items() if t == "who is this?")
    assert len(same) == 2 and same[1] == same[0] + "_2"


# ------------------------------------------------------------------ old-game/ in SDK builds (no SDK needed)


def test_sdk_builds_carry_old_game_in_and_keep_the_new_rpyc_files(tmp_path):
    from tyg.engine import dist

    root, project = tmp_path / "repo", tmp_path / "project"
    (root / "old-game" / "generated").mkdir(parents=True)
    (root / "old-game" / "generated" / "scenario_sample.rpyc").write_bytes(b"last release")
    (project / "game" / "generated").mkdir(parents=True)
    assert dist.carry_old_game(str(root), str(project)) == 1
    assert (project / "old-game" / "generated" / "scenario_sample.rpyc").read_bytes() == b"last release"
    # The SDK compiles the project; its new .rpyc files replace old-game/ (and only .rpyc files go there).
    (project / "game" / "generated" / "scenario_sample.rpyc").write_bytes(b"this release")
    (project / "game" / "tyg_saves.rpyc").write_bytes(b"runtime")
    (project / "game" / "tyg_saves.rpy").write_text("source")
    assert dist.keep_old_game(str(project), str(root)) == 2
    kept = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    assert kept == ["old-game/generated/scenario_sample.rpyc", "old-game/tyg_saves.rpyc"]
    assert (root / "old-game" / "generated" / "scenario_sample.rpyc").read_bytes() == b"this release"
    # A build that compiled nothing keeps the old files rather than losing them.
    empty = tmp_path / "empty"
    (empty / "game").mkdir(parents=True)
    assert dist.keep_old_game(str(empty), str(root)) == 0
    assert (root / "old-game" / "tyg_saves.rpyc").exists()
