"""Running the real Ren'Py engine on a private copy of the game: stage it, drive it, read what it showed.

Used by the tests (tests/enginekit.py), ``build.py screenshots`` and
``build.py coverage``.

A staged game is a private copy of the hand-written runtime in game/, with a
project compiled into its generated/ folder and testcases added beside it, so
tests never touch the repository's own game/ folder. Runs are isolated (their
own HOME and save folder), headless (Xvfb), and bounded by ``timeout -k``.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Iterator

from tyg.compile import pipeline
from tyg.engine.locate import HEADLESS_ENV, EngineNotFound, find_engine, headless_prefix

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
RUNTIME_DIR = os.path.join(ROOT, "game")
SKIP_DIRS = {"generated", "cache", "saves", "__pycache__"}


def copy_runtime(dest: str) -> str:
    """Copy the hand-written runtime (game/, without generated files, caches or saves) to dest/game; returns it."""
    game = os.path.join(dest, "game")
    os.makedirs(game, exist_ok=True)
    for name in os.listdir(RUNTIME_DIR):
        path = os.path.join(RUNTIME_DIR, name)
        if name in SKIP_DIRS or name.endswith((".rpyc", ".rpymc")):
            continue
        if os.path.isdir(path):
            shutil.copytree(path, os.path.join(game, name))
        else:
            shutil.copy2(path, game)
    return game


def stage_game(dest: str, source: str) -> str:
    """Copy the runtime to dest/game, compile ``source`` into it, and return dest."""
    game = copy_runtime(dest)
    result = pipeline.build(source, game)
    if not result.ok:
        raise RuntimeError(result.report.render_text())
    return dest


def add_script(basedir: str, name: str, text: str) -> None:
    with open(os.path.join(basedir, "game", name), "w", encoding="utf-8") as fh:
        fh.write(text)


@dataclass
class EngineRun:
    returncode: int
    output: str
    events: list[dict]
    seconds: float

    def of(self, event: str) -> list[dict]:
        return [e for e in self.events if e["event"] == event]


def run_engine(
    basedir: str,
    *args: str,
    timeout: int = 60,
    splash: bool = False,
    env: dict[str, str] | None = None,
    display: str | None = None,
    work: str | None = None,
    wrap: Sequence[str] = (),
    outer: Sequence[str] = (),
) -> EngineRun:
    """Run the engine on a staged game with a private HOME and save folder, headless.

    The first-start screen (``label splashscreen``) is skipped with Ren'Py's own
    RENPY_SKIP_SPLASHSCREEN unless ``splash`` is true, so testcases start at the
    main menu; tests/test_first_start.py covers that screen. Each run gets its
    own Xvfb (xvfb-run) unless ``display`` names a running one (``private_display``).
    HOME, the saves and the trace go in ``work`` (default: ``basedir``), so a test can
    keep the game folder untouched. The engine command runs inside ``wrap`` (e.g.
    strace), and the whole headless run inside ``outer`` (e.g. unshare).
    """
    engine = find_engine()
    work = work or basedir
    home = os.path.join(work, "home")
    os.makedirs(home, exist_ok=True)
    trace = os.path.join(work, "trace.jsonl")
    if os.path.exists(trace):
        os.unlink(trace)
    extra = env
    env = engine.environ({"HOME": home, "TYG_TRACE": trace, **HEADLESS_ENV, **(extra or {})})
    if not splash:
        env["RENPY_SKIP_SPLASHSCREEN"] = "1"
    if display:
        env["DISPLAY"] = display
        env.pop("WAYLAND_DISPLAY", None)
    cmd = [
        *outer,
        *([] if display else headless_prefix()),
        "timeout", "-k", "5", str(timeout),
        *wrap,
        *engine.command(basedir, *args, savedir=os.path.join(home, "saves")),
    ]
    start = time.monotonic()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, errors="replace")
    seconds = time.monotonic() - start
    events = []
    if os.path.exists(trace):
        with open(trace, encoding="utf-8") as fh:
            events = [json.loads(line) for line in fh if line.strip()]
    output = proc.stdout + proc.stderr
    for extra in ("traceback.txt", "errors.txt"):
        p = os.path.join(basedir, extra)
        if os.path.exists(p):
            with open(p, encoding="utf-8", errors="replace") as fh:
                output += f"\n--- {extra}\n" + fh.read()
    return EngineRun(proc.returncode, output, events, seconds)


@contextlib.contextmanager
def private_display(screen: str = "1920x1080x24") -> Iterator[str]:
    """An Xvfb server of our own for several engine runs; yields its DISPLAY (":N").

    Xvfb picks a free display number itself and writes it to a pipe
    (``-displayfd``), so parallel runs never race for one as ``xvfb-run -a``
    can. Ren'Py fits its window into the screen less 102 pixels each way (at
    least 256x256): a small screen gives a small window, which software GL
    draws much faster, while the game still lays out in its own 1280x720.
    """
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise EngineNotFound("Xvfb is missing: sudo apt-get install xvfb")
    read_end, write_end = os.pipe()
    proc = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", screen, "-nolisten", "tcp", "-noreset"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    os.close(write_end)
    try:
        number = b""
        deadline = time.monotonic() + 30
        while not number.endswith(b"\n"):
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([read_end], [], [], wait)[0]:
                raise EngineNotFound("Xvfb did not start within 30 s")
            chunk = os.read(read_end, 32)
            if not chunk:
                raise EngineNotFound(f"Xvfb stopped at start (exit status {proc.poll()})")
            number += chunk
        yield f":{int(number)}"
    finally:
        os.close(read_end)
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def choice_words(number: int, ui=lambda s: s) -> str:
    """How a choice button begins for screen readers ("Choice 2:"), in the language of ``ui``."""
    return ui("Choice {number}: {choice}").split("{choice}")[0].strip().format(number=number)


def set_language(basedir: str, lang: str | None) -> None:
    """Make a staged game start in ``lang`` (e.g. "es"), as a school's trust-your-gut.ini would."""
    if lang and lang != "en":
        with open(os.path.join(basedir, "trust-your-gut.ini"), "w", encoding="utf-8") as fh:
            fh.write(f"[school]\nlanguage = {lang}\n")


def path_testcase(name: str, transcripts, ui=lambda s: s) -> str:
    """One testcase that plays every transcript's path in turn, in one engine process.

    Lines are advanced with the dialogue's "Next" button, choices are taken by
    their number on screen ("Choice N:", the buttons' accessible text), each
    feedback is left with "Continue", and each ending returns to the main menu.
    ``ui`` gives those words in the language the game is played in.
    """
    nxt, cont, back = ui("Next line"), ui("Continue"), ui("Back to the main menu")
    out = [f"testcase {name}:"]
    for t in transcripts:
        out.append(f'    run Start("tyg_s__{t.scenario}")')
        for _, number in t.choices:
            out.append(f'    "{nxt}" until "{choice_words(number, ui)}"')
            out.append(f'    "{cont}"')
        out.append(f'    "{nxt}" until "{back}"')
    out.append("    $ renpy.quit()")
    return "\n".join(out) + "\n"


def split_runs(events: list[dict]) -> list[list[dict]]:
    """The trace cut into play-throughs, one per 'begin' event."""
    runs: list[list[dict]] = []
    for e in events:
        if e["event"] == "begin":
            runs.append([])
        if runs:
            runs[-1].append(e)
    return runs
