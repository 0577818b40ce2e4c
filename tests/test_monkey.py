"""The monkey test: thousands of random inputs on every screen, in the real engine.

A seeded monkey (tests/engine_support/monkey.rpy) presses arrows, Page keys,
Tab, Enter, Space, digits, J, H, N, O and V, clicks at random points and on
random buttons, rests the pointer on buttons and turns the wheel, for
MONKEY_INPUTS inputs, through the sample story (with its phone decision marked
as replies, so reply choices are met too), with facilitator mode switched on
half-way so the discussion cards and group votes are met. It fails on:

- any exception the engine reports (its exception hook, traceback.txt, errors.txt);
- Enter, pressed while a button has the focus, doing anything but that button's action;
- a screen never reached, so a quiet run is not mistaken for a thorough one.

The seed is printed; ``TYG_MONKEY_SEED=N python3 -m pytest tests/test_monkey.py``
replays a run. ``bench/monkey_soak.py`` runs many seeds for longer.
"""

from __future__ import annotations

import os
import shutil

import enginekit
from tyg.engine.stage import private_display

SAMPLE = os.path.join(enginekit.ROOT, "tests", "sample")
MONKEY = os.path.join(enginekit.ROOT, "tests", "engine_support", "monkey.rpy")
DEFAULT_SEED = 20261203
MONKEY_INPUTS = 5000

## Every screen a player meets ("choice (reply)": reply choices beside the phone;
## "choice (group vote)": the facilitator's vote).
SCREENS = {
    "tyg_first_start", "main_menu", "tyg_before_start", "say", "tyg_chat", "tyg_prompt", "choice", "choice (reply)",
    "tyg_feedback", "tyg_journal", "tyg_help", "tyg_settings", "tyg_ending",
    "tyg_discussion", "choice (group vote)",
}


def monkey_source(dest: str) -> str:
    """The sample story, its phone decision's answers marked as replies."""
    src = os.path.join(dest, "source")
    shutil.copytree(SAMPLE, src)
    path = os.path.join(src, "sample.yaml")
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    for choice in ("say_no", "stall"):
        text = text.replace(f"      - id: {choice}\n", f"      - id: {choice}\n        reply: true\n", 1)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return src


def run_monkey(dest: str, seed: int, inputs: int, timeout: int = 1200) -> tuple[enginekit.EngineRun, dict]:
    """Stage the game with the monkey and run it; returns the run and its "monkey_done" summary."""
    base = enginekit.stage_game(os.path.join(dest, "game-folder"), monkey_source(dest))
    shutil.copy(MONKEY, os.path.join(base, "game"))
    # A small screen gives a small window, which software GL draws much faster
    # (the game still lays out in its own 1280x720).
    with private_display("400x400x24") as display:
        run = enginekit.run_engine(
            base, timeout=timeout, display=display, splash=True,
            env={"TYG_MONKEY_SEED": str(seed), "TYG_MONKEY_INPUTS": str(inputs)},
        )
    done = run.of("monkey_done")
    return run, (done[0] if done else {})


def problems(run: enginekit.EngineRun) -> list[str]:
    """What went wrong, one line each, with the inputs that led there."""
    found = []
    for e in run.events:
        if e["event"] == "monkey_exception":
            found.append(f"input {e['input']}: exception after {e['recent']}:\n{e['short']}")
        elif e["event"] == "monkey_enter":
            found.append(
                f"input {e['input']}: Enter on the focused button {e['button']!r} ({', '.join(e['screens'])}) "
                f"ran {e['ran']} after {e['recent']}"
            )
    for name in ("traceback.txt", "errors.txt"):
        if f"--- {name}" in run.output:
            found.append(run.output[run.output.index(f"--- {name}"):][:3000])
    return found


def test_random_input_on_every_screen_never_crashes_and_enter_obeys_focus(tmp_path):
    seed = int(os.environ.get("TYG_MONKEY_SEED") or DEFAULT_SEED)
    print(f"monkey seed {seed} ({MONKEY_INPUTS} inputs); replay with TYG_MONKEY_SEED={seed}")
    run, done = run_monkey(str(tmp_path), seed, MONKEY_INPUTS)
    print(f"{run.seconds:.0f} s; screens seen: {done.get('screens')}; quits and restarts: {done.get('restarts')}")
    found = problems(run)
    assert not found, f"seed {seed}: {len(found)} problems\n" + "\n\n".join(found[:10])
    assert run.returncode == 0, f"seed {seed}:\n{run.output[-3000:]}"
    assert done.get("inputs") == MONKEY_INPUTS, f"seed {seed}: the monkey stopped early:\n{run.output[-3000:]}"
    missing = SCREENS - set(done["screens"])
    assert not missing, f"seed {seed}: the monkey never reached {sorted(missing)}"
