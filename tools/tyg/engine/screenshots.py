"""``build.py screenshots``: what players see, captured in the real engine for review.

One engine run walks the first-start screen, the main menu, a story's content note, its phone chat,
a choice, a feedback card, the journal, help, settings at the largest text
size, high-contrast text, the dyslexia-friendly font, and an ending summary,
saving a 1280x720 screenshot of each.
"""

from __future__ import annotations

import os
import tempfile

from tyg.play import interpret
from tyg.compile import pipeline
from tyg.i18n.apply import ui
from tyg.i18n.command import use_language
from tyg.engine.stage import EngineRun, add_script, choice_words, run_engine, set_language, stage_game

#: (file name, what it shows), in the order they are taken.
SHOTS = [
    ("00-first-start.png", "first start: how the quick exit works"),
    ("01-main-menu.png", "main menu"),
    ("02-content-note.png", "content note before a story"),
    ("03-chat.png", "phone chat"),
    ("04-choice.png", "a choice"),
    ("05-feedback.png", "feedback after a decision"),
    ("06-journal.png", "red-flag journal"),
    ("07-help.png", "help"),
    ("08-ending-summary.png", "ending summary"),
    ("09-settings-large-text.png", "settings with the largest text"),
    ("10-high-contrast.png", "high-contrast text"),
    ("11-dyslexic-font.png", "dyslexia-friendly font"),
]


def testcase(out: str, scenario: str, menu_number: int, choices: list[int], chat_lines: int, ui=lambda s: s) -> str:
    """``ui`` gives the buttons' words in the language the game is played in."""
    w = lambda s: '"' + ui(s) + '"'
    choice = lambda n: '"' + choice_words(n, ui) + '"'
    shot = lambda name: f'    $ renpy.screenshot({os.path.join(out, name)!r})'
    lines = ["testcase tyg_screenshots:", "    pause 1.0", shot(SHOTS[0][0]), "    " + w('Got it')]
    lines += ["    pause 1.0", shot(SHOTS[1][0])]
    lines += [f'    type "{menu_number}"', "    pause 0.5", shot(SHOTS[2][0]), "    " + w('Start the story')]
    lines += ["    " + w('Next line')] * chat_lines + ["    pause 0.3", shot(SHOTS[3][0])]
    first, *rest = choices
    lines += ["    " + w('Next line') + ' until move (0.5, 0.9) pattern ' + choice(first), "    pause 0.3", shot(SHOTS[4][0])]
    lines += ['    ' + choice(first), "    pause 0.5", shot(SHOTS[5][0]), "    " + w('Continue')]
    lines += ["    " + w('Journal (J)').replace(' (J)', ''), "    pause 0.5", shot(SHOTS[6][0]), "    " + w('Close')]
    lines += ["    " + w('Help (H)'), "    pause 0.5", shot(SHOTS[7][0]), "    " + w('Close')]
    for n in rest:
        lines += ["    " + w('Next line') + ' until ' + choice(n), "    " + w('Continue')]
    lines += ["    " + w('Next line') + ' until move (0.5, 0.9) pattern ' + w('Back to the main menu'), "    pause 0.5", shot(SHOTS[8][0])]
    lines += ["    " + w('Back to the main menu'), "    pause 0.5", "    " + w('Settings'), "    " + w('Largest'), "    pause 0.5", shot(SHOTS[9][0])]
    lines += ["    " + w('Normal'), "    " + w('High contrast text'), "    pause 0.5", shot(SHOTS[10][0]), "    " + w('High contrast text')]
    lines += ["    " + w('Dyslexia-friendly font'), "    pause 0.5", shot(SHOTS[11][0]), "    " + w('Dyslexia-friendly font')]
    lines += ["    " + w('Close'), "    $ renpy.quit()"]
    return "\n".join(lines) + "\n"


def take(source: str, out: str, scenario_id: str | None = None, lang: str | None = None) -> tuple[EngineRun, list[str]]:
    """Take every screenshot of SHOTS into ``out`` (the game in ``lang``, e.g. "es"); returns the engine run and the files written."""
    result = pipeline.check(source)
    if not result.ok or not result.project or not result.project.scenarios:
        raise RuntimeError(result.report.render_text() or "no scenarios to show")
    problem = use_language(result, source, lang)
    if problem:
        raise RuntimeError(problem)
    scenarios = sorted(result.project.scenarios, key=lambda sc: (sc.order is None, sc.order or 0, sc.id))
    sc = next((s for s in scenarios if s.id == scenario_id), scenarios[0])
    t = interpret.play(sc, [], interpret.prefer("safer"))
    first_scene = next(s for s in sc.scenes if s.id == t.scenes[0])
    chat_lines = min(3, max(0, len([st for st in first_scene.steps if hasattr(st, "text")]) - 1))
    os.makedirs(out, exist_ok=True)
    out = os.path.abspath(out)
    for name, _ in SHOTS:
        if os.path.exists(os.path.join(out, name)):
            os.unlink(os.path.join(out, name))
    with tempfile.TemporaryDirectory(prefix="tyg-shots-") as tmp:
        base = stage_game(tmp, source)
        set_language(base, lang)
        add_script(base, "zz_screenshots.rpy", testcase(out, sc.id, scenarios.index(sc) + 1, [n for _, n in t.choices], chat_lines, ui))
        run = run_engine(base, "test", "tyg_screenshots", timeout=240, splash=True)
    return run, [os.path.join(out, n) for n, _ in SHOTS if os.path.exists(os.path.join(out, n))]
