"""The web player means what the reference interpreter means, on every planned path.

Every path of ``build.py coverage``'s plan (``play.coverage.plan``) is played in
Chromium by clicking the page's own buttons, once as a player and once in
facilitator mode (discussion cards, the large vote), and compared with the
interpreter's transcript line by line, choice by choice, feedback by feedback,
ending and help by help. Deliberately broken copies of the player (``not``
ignored; choices shown whatever their conditions; catalogue items explained in
full on every card, not only the first time) must fail the same comparison.
"""

from __future__ import annotations

import os

import pytest

from tyg.play import coverage
from tyg.web.page import HERE as PLAYER_DIR
from webkit import SCENARIOS, browser, build_page, checked, first_difference, needs_browser, play_path, url, watched

pytestmark = needs_browser

SOURCE = SCENARIOS


@pytest.fixture(scope="module")
def project():
    return checked(SOURCE)


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def plans(project):
    return [(sc, coverage.plan(sc)) for sc in project.scenarios]


def differences(chromium, project, plans, page_path: str, facilitator: bool, stop_at_first: bool = False) -> tuple[int, list[str]]:
    errors: list[str] = []
    problems: list[str] = []
    played = 0
    ctx = chromium.new_context(viewport={"width": 1280, "height": 800})
    try:
        pg = watched(ctx, errors)
        pg.goto(url(page_path))
        for sc, p in plans:
            for path in p.paths:
                want, got = play_path(pg, project, sc, path, facilitator)
                played += 1
                diff = first_difference(want, got)
                if diff:
                    problems.append(f"{sc.id} path {path}:\n    {diff}")
                    if stop_at_first:
                        return played, problems
    finally:
        ctx.close()
    assert not errors, errors
    return played, problems


@pytest.mark.parametrize("facilitator", [False, True], ids=["player", "facilitator"])
def test_every_planned_path_shows_what_the_interpreter_shows(chromium, project, plans, tmp_path, facilitator):
    page = build_page(project, str(tmp_path))
    total = sum(len(p.paths) for _, p in plans)
    assert total >= len(plans), "the plan has a path per scenario at least"
    played, problems = differences(chromium, project, plans, page, facilitator)
    assert played == total
    assert not problems, f"{len(problems)} of {total} paths differ:\n" + "\n".join(problems[:5])


def test_see_the_other_choice_puts_everything_back(chromium, project, plans, tmp_path):
    """Facilitator mode: at every decision of each scenario's first planned path, take another
    choice first and go back with "See the other choice". Afterwards the page must show exactly
    what the interpreter shows for the path itself (flags, phone, journal, explained items restored)."""
    from tyg.play import interpret

    page = build_page(project, str(tmp_path))
    ctx = chromium.new_context()
    pg = ctx.new_page()
    pg.goto(url(page))
    detoured = 0
    for sc, p in plans:
        path = p.paths[0]
        t = interpret.play(sc, path)
        detours = {k: next(c for c in shown if c != path[k]) for k, shown in enumerate(t.shown) if len(shown) > 1}
        detoured += len(detours)
        want, got = play_path(pg, project, sc, path, facilitator=True, detours=detours)
        assert first_difference(want, got) is None, f"{sc.id} path {path} with detours {detours}:\n{first_difference(want, got)}"
    ctx.close()
    assert detoured >= 2 * len(plans)


#: Broken copies of the player: (what drifts, the line as it is, the line broken).
BREAKS = [
    ("not is ignored", 'case "not": return !test(cond[1]);', 'case "not": return test(cond[1]);'),
    ("choices ignore their conditions", "op[3].filter(function (it) { return test(it.cond); })", "op[3].slice()"),
    ("every card explains every item in full", "if (!S.explained[key]) { fresh[key] = true; S.explained[key] = true; }", "fresh[key] = true;"),
    ("a safer choice does not spot its red flags", 'j.flags[rf] = (fb.kind === "safer" || j.flags[rf] === "spotted") ? "spotted" : "missed";', 'j.flags[rf] = j.flags[rf] === "spotted" ? "spotted" : "missed";'),
]


@pytest.mark.parametrize("what, right, wrong", BREAKS, ids=[b[0] for b in BREAKS])
def test_a_broken_copy_of_the_player_is_caught(chromium, project, plans, tmp_path, what, right, wrong):
    """A semantics drift in the player must show up as a difference on some planned path."""
    with open(os.path.join(PLAYER_DIR, "player.js"), encoding="utf-8") as fh:
        script = fh.read()
    assert script.count(right) == 1
    broken = build_page(project, str(tmp_path), script=script.replace(right, wrong))
    played, problems = differences(chromium, project, plans, broken, facilitator=False, stop_at_first=True)
    assert problems, f"the broken player ({what}) passed all {played} paths"
    print(f"{what}: caught after {played} path(s): {problems[0]}")


def test_author_text_is_shown_as_text_never_as_markup(chromium, tmp_path):
    """The sample (every feature of the format) with markup in a line and a choice: shown literally, run never."""
    import shutil

    from webkit import ROOT

    src = tmp_path / "sample"
    shutil.copytree(os.path.join(ROOT, "tests", "sample"), src)
    yaml = (src / "sample.yaml").read_text(encoding="utf-8")
    markup = '<img src=x onerror="window.pwned=1"></script><b>not bold</b> &amp;'
    yaml = yaml.replace("narrate: It is Saturday morning. Sam's phone buzzes.", f"narrate: '{markup} It is Saturday morning.'", 1)
    yaml = yaml.replace("text: Reply with a compliment back", f"text: '{markup}'", 1)
    assert yaml.count(markup) == 2
    (src / "sample.yaml").write_text(yaml, encoding="utf-8")
    project = checked(str(src))
    page = build_page(project, str(tmp_path / "out"))
    plans = [(sc, coverage.plan(sc)) for sc in project.scenarios]
    for facilitator in (False, True):
        played, problems = differences(chromium, project, plans, page, facilitator)
        assert played and not problems, problems
    with chromium.new_context() as ctx:
        pg = ctx.new_page()
        pg.goto(url(page))
        pg.click("#intro-ok")
        pg.click(".story-btn >> nth=0")
        pg.click("#before-start")
        assert pg.inner_text("#say-what").startswith(markup)
        assert pg.evaluate("window.pwned === undefined && !document.querySelector('img[src=x], b')")
