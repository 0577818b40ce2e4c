"""The web player means what the reference interpreter means, on every planned path.

Every path of ``build.py coverage``'s plan (``play.coverage.plan``) is played in
Chromium by clicking the page's own buttons, once as a player and once in
facilitator mode (discussion cards, the large vote), and compared with the
interpreter's transcript line by line, choice by choice, feedback by feedback,
ending and help by help. Deliberately broken copies of the player (``not``
ignored; choices shown whatever their conditions) must fail the same comparison.
"""

from __future__ import annotations

import os

import pytest

from tyg.play import coverage
from tyg.web.page import HERE as PLAYER_DIR
from webkit import SCENARIOS, browser, build_page, checked, first_difference, needs_browser, play_path, url, watched

pytestmark = needs_browser

SOURCE = os.environ.get("TYG_WEB_TEST_SOURCE", SCENARIOS)


@pytest.fixture(scope="module")
def project():
    return checked(SOURCE)


@pytest.fixture(scope="module")
def plans(project):
    return [(sc, coverage.plan(sc)) for sc in project.scenarios]


def differences(project, plans, page_path: str, facilitator: bool, stop_at_first: bool = False) -> tuple[int, list[str]]:
    errors: list[str] = []
    problems: list[str] = []
    played = 0
    with browser() as b:
        ctx = b.new_context(viewport={"width": 1280, "height": 800})
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
        ctx.close()
    assert not errors, errors
    return played, problems


@pytest.mark.parametrize("facilitator", [False, True], ids=["player", "facilitator"])
def test_every_planned_path_shows_what_the_interpreter_shows(project, plans, tmp_path, facilitator):
    page = build_page(project, str(tmp_path))
    total = sum(len(p.paths) for _, p in plans)
    assert total >= len(plans), "the plan has a path per scenario at least"
    played, problems = differences(project, plans, page, facilitator)
    assert played == total
    assert not problems, f"{len(problems)} of {total} paths differ:\n" + "\n".join(problems[:5])


#: Broken copies of the player: (what drifts, the line as it is, the line broken).
BREAKS = [
    ("not is ignored", 'case "not": return !test(cond[1]);', 'case "not": return test(cond[1]);'),
    ("choices ignore their conditions", "op[3].filter(function (it) { return test(it.cond); })", "op[3].slice()"),
]


@pytest.mark.parametrize("what, right, wrong", BREAKS, ids=[b[0] for b in BREAKS])
def test_a_broken_copy_of_the_player_is_caught(project, plans, tmp_path, what, right, wrong):
    """A semantics drift in the player must show up as a difference on some planned path."""
    with open(os.path.join(PLAYER_DIR, "player.js"), encoding="utf-8") as fh:
        script = fh.read()
    assert script.count(right) == 1
    broken = build_page(project, str(tmp_path), script=script.replace(right, wrong))
    played, problems = differences(project, plans, broken, facilitator=False, stop_at_first=True)
    assert problems, f"the broken player ({what}) passed all {played} paths"
    print(f"{what}: caught after {played} path(s): {problems[0]}")
