"""The web edition in a real browser (Chromium through Playwright): every screen, every way of playing.

One browser for the module, a page or two per test. What is checked: axe-core finds
nothing on any screen in normal, high-contrast and largest-text settings; screenshots
of every screen at phone and desktop sizes; a phone (360 x 640, touch) plays to an
ending with no horizontal scrolling and no touch target under 44 x 44 px, and the
text reflows at 320 px (200 % zoom of a 640 px window) at the largest size; keyboard-only
play to an ending with focus on each new screen's heading; the quick exit by button,
Escape and Shift three times, after which Back does not return; no network request
of any kind; nothing stored unless a setting changes, and in lab mode nothing at all.
"""

from __future__ import annotations

import os

import pytest

from webkit import (
    DESKTOP,
    PHONE,
    SCENARIOS,
    browser,
    build_page,
    checked,
    needs_browser,
    no_overflow,
    screen_of,
    small_targets,
    tour,
    url,
    watched,
)

pytestmark = needs_browser

SOURCE = SCENARIOS
EXIT = "https://www.bbc.co.uk/weather"
#: The screens a tour must reach (tests/webkit.py, tour).
SCREENS = {"intro", "menu", "settings", "help", "before", "narration", "chat", "reply choices", "feedback", "journal",
           "ending", "discussion", "vote", "feedback (facilitator)", "ending (facilitator)"}


@pytest.fixture(scope="module")
def project():
    return checked(SOURCE)


@pytest.fixture(scope="module")
def pages(project, tmp_path_factory):
    out = tmp_path_factory.mktemp("web")
    return {"normal": build_page(project, str(out)), "lab": build_page(project, str(out), lab=True, name="lab.html")}


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


def _context(chromium, **kw):
    ctx = chromium.new_context(**kw)
    requests: list[str] = []
    ctx.on("request", lambda r: requests.append(r.url))
    ctx.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(body="<title>Weather</title><p>Sunny", content_type="text/html"))
    return ctx, requests


# ------------------------------------------------------------------ every screen: axe, sizes, screenshots


def _shot(pg, out: str, prefix: str, name: str, files: list[str]) -> None:
    if out:
        path = os.path.join(out, f"{prefix}-{len(files):02d}-{name.replace(' ', '-').replace('(', '').replace(')', '')}.png")
        pg.screenshot(path=path, full_page=True)
        files.append(path)


def _not_blank(files: list[str]) -> None:
    from PIL import Image

    for path in files:
        with Image.open(path) as im:
            lo, hi = im.convert("L").getextrema()
            assert hi - lo > 100, f"{path} is blank"


#: (settings pressed first, viewport): normal and high contrast on a desktop; the largest
#: text at 320 CSS px wide, which is a 640 px window at 200 % zoom (WCAG 1.4.10, reflow).
AXE_RUNS = {
    "normal": ((), DESKTOP),
    "high-contrast": (("High contrast",), DESKTOP),
    "largest-text-200%-zoom": (("Largest",), {"width": 320, "height": 400}),
}


@pytest.mark.parametrize("run", list(AXE_RUNS))
def test_axe_finds_nothing_on_any_screen_and_nothing_scrolls_sideways(chromium, project, pages, run, tmp_path):
    """Desktop screenshots of every screen are taken on the normal run (TYG_WEB_SHOTS=folder keeps them)."""
    from axe_playwright_python.sync_playwright import Axe

    settings, viewport = AXE_RUNS[run]
    ctx, requests = _context(chromium, viewport=viewport)
    errors: list[str] = []
    pg = watched(ctx, errors)
    pg.goto(url(pages["normal"]))
    pg.evaluate(Axe().axe_script)  # once: the tour never leaves the page
    found: dict[str, list[str]] = {}
    wide: list[str] = []
    files: list[str] = []
    out = (os.environ.get("TYG_WEB_SHOTS") or str(tmp_path)) if run == "normal" else ""

    def visit(name: str) -> None:
        violations = pg.evaluate("axe.run(document, {resultTypes: ['violations']}).then((r) => r.violations)")
        if violations:
            found[name] = [f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})" for v in violations]
        if not no_overflow(pg):
            wide.append(name)
        _shot(pg, out, "desktop", name, files)

    seen = tour(pg, project, visit, settings)
    ctx.close()
    assert SCREENS <= set(seen), SCREENS - set(seen)
    assert not errors, errors
    assert not found, found
    assert not wide, f"horizontal scrolling on: {wide}"
    assert [r for r in requests if not r.startswith("file://")] == [], "no network request of any kind"
    if out:
        assert len(files) == len(seen)
        _not_blank(files)


def test_a_phone_plays_to_an_ending_by_touch(chromium, project, pages, tmp_path):
    """360 x 640, touch: no sideways scrolling, every touch target at least 44 x 44 px, the quick
    exit in view even scrolled to the bottom; a screenshot of every screen."""
    ctx, requests = _context(chromium, viewport=PHONE, has_touch=True, is_mobile=True)
    pg = ctx.new_page()
    pg.goto(url(pages["normal"]))
    wide, small, hidden_exit, files = [], {}, [], []
    out = os.environ.get("TYG_WEB_SHOTS") or str(tmp_path)

    def visit(name: str) -> None:
        if not no_overflow(pg):
            wide.append(name)
        tiny = small_targets(pg)
        if tiny:
            small[name] = tiny
        _shot(pg, out, "phone", name, files)
        pg.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        box = pg.locator("#quick-exit").bounding_box()
        on_top = pg.evaluate("""() => { const r = document.querySelector('#quick-exit').getBoundingClientRect();
            return document.getElementById('quick-exit').contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }""")
        if not (box and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"] and on_top):
            hidden_exit.append(name)
        pg.evaluate("window.scrollTo(0, 0)")

    seen = tour(pg, project, visit, tap=True, fast=False)
    ctx.close()
    assert SCREENS <= set(seen), SCREENS - set(seen)
    assert not wide, f"horizontal scrolling on: {wide}"
    assert not small, f"touch targets under 44 x 44 px: {small}"
    assert not hidden_exit, f"quick exit out of view on: {hidden_exit}"
    assert [r for r in requests if not r.startswith("file://")] == []
    _not_blank(files)


# ------------------------------------------------------------------ keyboard


def test_keyboard_only_play_to_an_ending(chromium, project, pages):
    from tyg.play import coverage, interpret

    ctx, _ = _context(chromium, viewport=DESKTOP)
    pg = ctx.new_page()
    pg.goto(url(pages["normal"]))
    focused = lambda: pg.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")  # noqa: E731
    assert focused() == "intro-h"
    pg.keyboard.press("Tab")
    assert focused() == "intro-ok"
    pg.keyboard.press("Enter")
    assert focused() == "menu-h"
    pg.keyboard.press("1")
    assert focused() == "before-h"
    pg.keyboard.press("Tab")
    pg.keyboard.press("Tab")
    assert focused() == "before-start"
    pg.keyboard.press("Enter")
    first = sorted(project.scenarios, key=lambda sc: (sc.order is None, sc.order or 0, sc.id))[0]
    tables = interpret.Tables(first)
    path = min(coverage.plan(first).paths, key=len)
    picks = [tables.choices[c].text.value for c in path]
    visited = set()
    for _ in range(3000):
        s = screen_of(pg)
        if s == "play" and pg.is_hidden("#choices"):
            assert focused() == "next"
            pg.keyboard.press("Enter")
        elif s == "play":
            assert focused() == "prompt", "focus moves to the question"
            texts = pg.locator("#choice-list .text").all_text_contents()
            want = texts.index(picks.pop(0))
            for _ in range(want + 1):  # Tab to the choice, as a keyboard user would
                pg.keyboard.press("Tab")
            assert pg.evaluate("document.activeElement.querySelector('.text').textContent") == texts[want]
            pg.keyboard.press("Enter")
        elif s == "feedback":
            assert focused() == "feedback-h"
            if "journal" not in visited:
                visited.add("journal")
                pg.keyboard.press("j")
                assert focused() == "panel-h" and pg.is_visible("#panel")
                pg.keyboard.press("j")
                assert pg.is_hidden("#panel")
                pg.keyboard.press("h")
                assert pg.inner_text("#panel-h") == "Where to get help"
                pg.keyboard.press("Tab")
                pg.keyboard.press("Enter")  # Close
                assert pg.is_hidden("#panel") and pg.is_visible("#feedback")
            if pg.locator("#feedback .disclosure[aria-expanded=false]").count() and "open" not in visited:
                visited.add("open")
                for _ in range(30):
                    pg.keyboard.press("Tab")
                    if pg.evaluate("document.activeElement.getAttribute('aria-expanded') === 'false'"):
                        break
                pg.keyboard.press("Enter")
                assert pg.evaluate("document.activeElement.getAttribute('aria-expanded')") == "true"
            for _ in range(60):
                if focused() == "feedback-continue":
                    break
                pg.keyboard.press("Tab")
            assert focused() == "feedback-continue", "Continue is reachable by Tab"
            pg.keyboard.press("Enter")
        elif s == "ending":
            assert focused() == "ending-h"
            break
        else:
            raise AssertionError(f"unexpected screen {s}")
    assert screen_of(pg) == "ending" and not picks
    ctx.close()


# ------------------------------------------------------------------ quick exit


@pytest.mark.parametrize("how", ["button", "Escape", "Shift x3"])
def test_quick_exit_replaces_the_page_and_back_does_not_return(chromium, project, pages, how):
    ctx, _ = _context(chromium, viewport=PHONE)
    pg = ctx.new_page()
    pg.goto(url(pages["normal"]))
    before = pg.evaluate("history.length")
    pg.click("#intro-ok")
    pg.click(".story-btn >> nth=0")
    pg.click("#before-start")
    for _ in range(3):
        pg.click("#next")
    assert pg.evaluate("history.length") == before, "the story adds nothing to the history"
    if how == "button":
        assert pg.is_visible("#quick-exit")
        pg.click("#quick-exit")
    elif how == "Escape":
        pg.keyboard.press("Escape")
    else:
        for _ in range(3):
            pg.keyboard.press("Shift")
    pg.wait_for_url(EXIT + "*")
    assert pg.title() == "Weather"
    pg.go_back()
    assert "index.html" not in pg.url and "Trust" not in pg.title()
    ctx.close()


# ------------------------------------------------------------------ privacy


STORAGE = """async () => ({
  local: localStorage.length, session: sessionStorage.length, cookies: document.cookie,
  idb: (await indexedDB.databases()).length,
})"""


def test_no_network_request_and_nothing_stored_until_a_setting_changes(chromium, project, pages):
    ctx, requests = _context(chromium, viewport=DESKTOP)
    pg = ctx.new_page()
    blocked: list[str] = []
    pg.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    pg.goto(url(pages["normal"]))
    pg.click("#intro-ok")
    pg.click(".story-btn >> nth=0")
    pg.click("#before-start")
    for _ in range(5):
        pg.click("#next")
    pg.click("#open-help")
    pg.click("#panel-close")
    assert pg.evaluate(STORAGE) == {"local": 0, "session": 0, "cookies": "", "idb": 0}
    # The page's policy stops a request even if the script tried one.
    outcome = pg.evaluate("() => fetch('https://example.com/x').then(() => 'sent', () => 'blocked')")
    assert outcome == "blocked" and blocked
    assert [r for r in requests if not r.startswith("file://")] == []
    ctx.close()


@pytest.mark.parametrize("how", ["?lab=1", "--lab"])
def test_lab_mode_stores_nothing_at_all(chromium, project, pages, how):
    """Every setting changed, a story played (the whole tour for the baked-in build): no storage of any kind."""
    ctx, requests = _context(chromium, viewport=DESKTOP)
    pg = ctx.new_page()
    page = pages["normal"] if how == "?lab=1" else pages["lab"]
    pg.goto(url(page, "lab=1" if how == "?lab=1" else ""))
    assert "nothing is kept" in pg.inner_text("#intro")
    every = ("Largest", "High contrast", "Dyslexia-friendly font", "United Kingdom")
    if how == "--lab":
        tour(pg, project, lambda name: None, settings=every)
    else:
        pg.click("#intro-ok")
        pg.click("#menu-facilitator")
        pg.click("#menu-settings")
        for label in every + ("Projector",):
            pg.click(f"#panel-body button:text-is('{label}')")
        pg.click("#panel-close")
        pg.click(".story-btn >> nth=0")
        pg.click("#before-start")
        pg.click("#next")
        pg.keyboard.press("h")
        assert "Lab mode" not in pg.inner_text("#panel")
        pg.keyboard.press("h")
    assert pg.evaluate(STORAGE) == {"local": 0, "session": 0, "cookies": "", "idb": 0}
    assert ctx.cookies() == []
    assert [r for r in requests if not r.startswith("file://")] == []
    pg.reload()
    assert pg.evaluate("document.documentElement.className") == "", "no setting came back"
    pg.click("#intro-ok")
    pg.click("#menu-settings")
    assert "Lab mode: nothing is kept" in pg.inner_text("#panel")
    ctx.close()


def test_settings_are_kept_only_once_changed_and_come_back(chromium, project, pages):
    ctx, _ = _context(chromium, viewport=DESKTOP)
    pg = ctx.new_page()
    pg.goto(url(pages["normal"]))
    pg.click("#intro-ok")
    assert pg.evaluate(STORAGE)["local"] == 0
    pg.click("#menu-settings")
    pg.click("#panel-body button:text-is('High contrast')")
    pg.click("#panel-body button:text-is('Dyslexia-friendly font')")
    assert pg.evaluate(STORAGE) == {"local": 1, "session": 0, "cookies": "", "idb": 0}
    assert pg.evaluate("document.documentElement.className").split() == ["hc", "dyslexic"]
    assert pg.evaluate("document.fonts.check('16px OpenDyslexic')")
    pg.reload()
    assert set(pg.evaluate("document.documentElement.className").split()) == {"hc", "dyslexic"}
    ctx.close()


def test_help_lists_the_chosen_country_first(chromium, project, pages):
    ctx, _ = _context(chromium, viewport=DESKTOP)
    pg = ctx.new_page()
    for country, first in (("US", "United States"), ("GB", "United Kingdom")):
        pg.goto(url(pages["normal"], f"country={country}&lab=1"))
        pg.click("#intro-ok")
        pg.click("#menu-help")
        heads = pg.locator("#panel-body h2").all_text_contents()
        assert heads[0] == "What is a trusted adult?" and heads[1] == first and heads[2] == "Anywhere", heads
    ctx.close()


def test_facilitator_reset_and_play_again_start_clean(chromium, project, pages):
    """"Reset for the next group" (ending) leaves no trace of the play-through; "Play again" starts the story afresh."""
    from tyg.play import coverage, interpret
    from webkit import DRIVER, story_index

    sc = sorted(project.scenarios, key=lambda s: (s.order is None, s.order or 0, s.id))[0]
    tables = interpret.Tables(sc)
    picks = [tables.choices[c].text.value for c in coverage.plan(sc).paths[0]]
    ctx, _ = _context(chromium, viewport=DESKTOP)
    pg = ctx.new_page()
    pg.goto(url(pages["normal"], "lab=1"))
    shown = pg.evaluate(DRIVER, [story_index(project)[sc.id], picks, True])
    assert shown[-1][0] == "ending" and screen_of(pg) == "ending"
    pg.click("#ending-again")
    assert screen_of(pg) == "play" and pg.locator("#chat li").count() <= 1
    pg.click("#open-journal")
    assert "Nothing yet" in pg.inner_text("#panel")
    pg.click("#panel-close")
    shown = pg.evaluate(DRIVER, [story_index(project)[sc.id], picks, True])
    assert shown[-1][0] == "ending"
    pg.click("#ending-reset")
    assert screen_of(pg) == "menu" and pg.is_visible("#menu-reset")
    assert pg.locator("#chat li").count() == 0
    pg.click("#menu-facilitator")
    assert pg.is_hidden("#menu-reset")
    ctx.close()
